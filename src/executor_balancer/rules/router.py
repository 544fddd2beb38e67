"""HTTP for rules."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from executor_balancer.deps import LimitQuery, OffsetQuery, SessionDep, TransactionalRoute
from executor_balancer.fields import Page
from executor_balancer.rules import service
from executor_balancer.rules.schemas import RuleCreate, RuleOut, RulePatch

router = APIRouter(prefix="/api/rules", tags=["rules"], route_class=TransactionalRoute)
NOT_FOUND = {404: {"description": "No rule with this id"}}


@router.get("", response_model=Page[RuleOut], summary="List rules, highest priority first")
def list_rules(
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    is_active: bool | None = None,
) -> Page[RuleOut]:
    items, total = service.list_page(
        session=session, limit=limit, offset=offset, is_active=is_active
    )
    return Page(
        items=[RuleOut.model_validate(r) for r in items], total=total, limit=limit, offset=offset
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=RuleOut,
    summary="Create a rule (validated: unknown fields or unfit operators are 422)",
)
def create_rule(data: RuleCreate, session: SessionDep) -> RuleOut:
    return RuleOut.model_validate(service.create(session=session, data=data))


@router.get("/{rule_id}", response_model=RuleOut, responses=NOT_FOUND)
def get_rule(rule_id: uuid.UUID, session: SessionDep) -> RuleOut:
    return RuleOut.model_validate(service.get(session=session, rule_id=rule_id))


@router.put("/{rule_id}", response_model=RuleOut, responses=NOT_FOUND, summary="Replace a rule")
def replace_rule(rule_id: uuid.UUID, data: RuleCreate, session: SessionDep) -> RuleOut:
    changes = data.model_dump(mode="json")
    return RuleOut.model_validate(service.update(session=session, rule_id=rule_id, changes=changes))


@router.patch(
    "/{rule_id}",
    response_model=RuleOut,
    responses=NOT_FOUND,
    summary="Change some fields of a rule",
)
def patch_rule(rule_id: uuid.UUID, data: RulePatch, session: SessionDep) -> RuleOut:
    changes = data.model_dump(mode="json", exclude_unset=True)
    return RuleOut.model_validate(service.update(session=session, rule_id=rule_id, changes=changes))


@router.delete("/{rule_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_rule(rule_id: uuid.UUID, session: SessionDep) -> Response:
    service.delete(session=session, rule_id=rule_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
