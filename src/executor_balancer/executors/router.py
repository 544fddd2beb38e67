"""HTTP for executors: parse, call the service, render."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from executor_balancer.deps import LimitQuery, OffsetQuery, SessionDep, TransactionalRoute
from executor_balancer.domain import ExecutorRole, ExecutorStatus
from executor_balancer.executors import service
from executor_balancer.executors.schemas import ExecutorCreate, ExecutorOut, ExecutorPatch
from executor_balancer.fields import Page

router = APIRouter(prefix="/api/executors", tags=["executors"], route_class=TransactionalRoute)
NOT_FOUND = {404: {"description": "No executor with this id"}}
CONFLICT = {409: {"description": "Another executor has this email, or a derived field was set"}}


@router.get("", response_model=Page[ExecutorOut], summary="List executors")
def list_executors(
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    status: ExecutorStatus | None = None,
    role: ExecutorRole | None = None,
    skill: Annotated[str | None, Query(max_length=64)] = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Name or email contains")] = None,
) -> Page[ExecutorOut]:
    items, total = service.list_page(
        session=session,
        limit=limit,
        offset=offset,
        status=status,
        role=role,
        skill=skill,
        language=language,
        q=q,
    )
    return Page(items=[service.to_out(e) for e in items], total=total, limit=limit, offset=offset)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ExecutorOut,
    responses=CONFLICT,
    summary="Create an executor",
)
def create_executor(data: ExecutorCreate, session: SessionDep) -> ExecutorOut:
    return service.to_out(service.create(session=session, data=data))


@router.get("/{executor_id}", response_model=ExecutorOut, responses=NOT_FOUND)
def get_executor(executor_id: uuid.UUID, session: SessionDep) -> ExecutorOut:
    return service.to_out(service.get(session=session, executor_id=executor_id))


@router.put(
    "/{executor_id}",
    response_model=ExecutorOut,
    responses={**NOT_FOUND, **CONFLICT},
    summary="Replace an executor's profile",
)
def replace_executor(
    executor_id: uuid.UUID, data: ExecutorCreate, session: SessionDep
) -> ExecutorOut:
    # success_rate omitted keeps the current one: once derived from outcomes it is not the client's.
    omitted = {"success_rate"} - data.model_fields_set
    changes = data.model_dump(exclude=omitted)
    return service.to_out(service.update(session=session, executor_id=executor_id, changes=changes))


@router.patch(
    "/{executor_id}",
    response_model=ExecutorOut,
    responses={**NOT_FOUND, **CONFLICT},
    summary="Change some fields of an executor",
)
def patch_executor(executor_id: uuid.UUID, data: ExecutorPatch, session: SessionDep) -> ExecutorOut:
    changes = data.changes()
    return service.to_out(service.update(session=session, executor_id=executor_id, changes=changes))


@router.delete(
    "/{executor_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NOT_FOUND,
    summary="Delete an executor (their open work returns to the queue)",
)
def delete_executor(executor_id: uuid.UUID, session: SessionDep) -> Response:
    service.delete(session=session, executor_id=executor_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
