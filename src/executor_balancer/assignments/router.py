"""HTTP for assignments: manual assignment and the lifecycle actions."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from executor_balancer.assignments import service
from executor_balancer.assignments.schemas import (
    AssignmentCreate,
    AssignmentOut,
    AssignmentPatch,
    CompleteBody,
    ReasonBody,
)
from executor_balancer.deps import (
    LimitQuery,
    OffsetQuery,
    SessionDep,
    SettingsDep,
    TransactionalRoute,
)
from executor_balancer.domain import AssignmentStatus
from executor_balancer.fields import Page
from executor_balancer.security.principal import PrincipalDep

router = APIRouter(prefix="/api/assignments", tags=["assignments"], route_class=TransactionalRoute)
NOT_FOUND = {404: {"description": "No assignment with this id"}}
ILLEGAL = {409: {"description": "Illegal transition for the assignment's current status"}}


@router.get("", response_model=Page[AssignmentOut], summary="List assignments")
def list_assignments(
    session: SessionDep,
    principal: PrincipalDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    status: AssignmentStatus | None = None,
    executor_id: uuid.UUID | None = None,
    request_id: uuid.UUID | None = None,
) -> Page[AssignmentOut]:
    items, total = service.list_page(
        session=session,
        limit=limit,
        offset=offset,
        status=status,
        executor_id=principal.owner or executor_id,  # an executor sees only their own
        request_id=request_id,
    )
    return Page(
        items=[AssignmentOut.model_validate(a) for a in items],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=AssignmentOut,
    responses={
        404: {"description": "Unknown request or executor"},
        409: {"description": "A hard limit forbids it; `reason` names which"},
    },
    summary="Assign a pending request to an executor by hand",
)
def create_assignment(
    data: AssignmentCreate, session: SessionDep, settings: SettingsDep
) -> AssignmentOut:
    assignment = service.create_manual(session=session, data=data, settings=settings)
    return AssignmentOut.model_validate(assignment)


@router.get("/{assignment_id}", response_model=AssignmentOut, responses=NOT_FOUND)
def get_assignment(
    assignment_id: uuid.UUID, session: SessionDep, principal: PrincipalDep
) -> AssignmentOut:
    assignment = service.get(session=session, assignment_id=assignment_id, owner=principal.owner)
    return AssignmentOut.model_validate(assignment)


def _update(assignment_id: uuid.UUID, data: AssignmentPatch, session: SessionDep) -> AssignmentOut:
    assignment = service.update(
        session=session, assignment_id=assignment_id, changes=data.changes()
    )
    return AssignmentOut.model_validate(assignment)


router.put(
    "/{assignment_id}",
    response_model=AssignmentOut,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="Change status, outcome or note",
)(_update)
router.patch(
    "/{assignment_id}",
    response_model=AssignmentOut,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="Change status, outcome or note",
)(_update)


@router.delete(
    "/{assignment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NOT_FOUND,
    summary="Delete an assignment (an open one is cancelled first)",
)
def delete_assignment(assignment_id: uuid.UUID, session: SessionDep) -> Response:
    service.delete(session=session, assignment_id=assignment_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{assignment_id}/start",
    response_model=AssignmentOut,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="assigned -> in_progress",
)
def start(assignment_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> AssignmentOut:
    assignment = service.transition(
        session=session, assignment_id=assignment_id, target=AssignmentStatus.in_progress,
        owner=principal.owner, actor=principal.name,
    )
    return AssignmentOut.model_validate(assignment)


@router.post(
    "/{assignment_id}/complete",
    response_model=AssignmentOut,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="in_progress -> completed, with outcome",
)
def complete(
    assignment_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
    body: CompleteBody | None = None,
) -> AssignmentOut:
    outcome = (body or CompleteBody()).outcome
    assignment = service.transition(
        session=session,
        assignment_id=assignment_id,
        target=AssignmentStatus.completed,
        outcome=outcome,
        owner=principal.owner,
        actor=principal.name,
    )
    return AssignmentOut.model_validate(assignment)


@router.post(
    "/{assignment_id}/reject",
    response_model=AssignmentOut,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="The executor declines: the request returns to the queue",
)
def reject(
    assignment_id: uuid.UUID, session: SessionDep, principal: PrincipalDep,
    body: ReasonBody | None = None,
) -> AssignmentOut:
    assignment = service.transition(
        session=session,
        assignment_id=assignment_id,
        target=AssignmentStatus.rejected,
        reason=(body or ReasonBody()).reason,
        owner=principal.owner,
        actor=principal.name,
    )
    return AssignmentOut.model_validate(assignment)


@router.post(
    "/{assignment_id}/cancel",
    response_model=AssignmentOut,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="Withdraw the assignment: the request returns to the queue",
)
def cancel(
    assignment_id: uuid.UUID, session: SessionDep, body: ReasonBody | None = None
) -> AssignmentOut:
    assignment = service.transition(
        session=session,
        assignment_id=assignment_id,
        target=AssignmentStatus.cancelled,
        reason=(body or ReasonBody()).reason,
    )
    return AssignmentOut.model_validate(assignment)
