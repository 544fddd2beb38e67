"""HTTP for work requests."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from executor_balancer.deps import (
    DispatcherDep,
    LimitQuery,
    OffsetQuery,
    SessionDep,
    TransactionalRoute,
)
from executor_balancer.domain import Category, Priority, RequestStatus
from executor_balancer.fields import Page
from executor_balancer.work_requests import service
from executor_balancer.work_requests.schemas import (
    AssignBody,
    RequestCreate,
    RequestDetail,
    RequestOut,
    RequestPatch,
    RequestReplace,
)

router = APIRouter(prefix="/api/requests", tags=["requests"], route_class=TransactionalRoute)
NOT_FOUND = {404: {"description": "No request with this id"}}
ILLEGAL = {409: {"description": "Illegal status change"}}


@router.get("", response_model=Page[RequestOut], summary="List requests, newest first")
def list_requests(
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    status: RequestStatus | None = None,
    category: Category | None = None,
    priority: Priority | None = None,
    executor_id: uuid.UUID | None = None,
    skill: Annotated[str | None, Query(max_length=64)] = None,
    q: Annotated[
        str | None, Query(max_length=300, description="Title or description contains")
    ] = None,
) -> Page[RequestOut]:
    items, total = service.list_page(
        session=session,
        limit=limit,
        offset=offset,
        status=status,
        category=category,
        priority=priority,
        executor_id=executor_id,
        skill=skill,
        q=q,
    )
    return Page(
        items=[RequestOut.model_validate(r) for r in items], total=total, limit=limit, offset=offset
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestDetail,
    summary="Create a request and assign it at once",
    description="The answer holds the `assignment` with its `explanation`, or `assignment: null` "
    "and an `explanation` of why nobody fits yet (the request then waits in the queue). "
    "`auto_assign=false` only creates it.",
)
def create_request(
    data: RequestCreate,
    session: SessionDep,
    dispatcher: DispatcherDep,
    auto_assign: Annotated[bool, Query(description="Assign at once")] = True,
) -> RequestDetail:
    return service.submit(
        session=session, data=data, dispatcher=dispatcher, auto_assign=auto_assign
    )


@router.post(
    "/{request_id}/assign",
    response_model=RequestDetail,
    responses={**NOT_FOUND, 409: {"description": "The request is not pending"}},
    summary="Run distribution now for one pending request",
)
def assign_request(
    request_id: uuid.UUID,
    session: SessionDep,
    dispatcher: DispatcherDep,
    body: AssignBody | None = None,
) -> RequestDetail:
    strategy = body.strategy.value if body and body.strategy else None
    return service.assign_now(
        session=session, request_id=request_id, dispatcher=dispatcher, strategy=strategy
    )


@router.get("/{request_id}", response_model=RequestDetail, responses=NOT_FOUND)
def get_request(request_id: uuid.UUID, session: SessionDep) -> RequestDetail:
    return service.detail(
        session=session, request=service.get(session=session, request_id=request_id)
    )


@router.put(
    "/{request_id}",
    response_model=RequestDetail,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="Replace a request's fields",
)
def replace_request(
    request_id: uuid.UUID, data: RequestReplace, session: SessionDep
) -> RequestDetail:
    changes = data.model_dump(exclude={"status"} if data.status is None else set())
    request = service.update(session=session, request_id=request_id, changes=changes,
                             echoed_status_ok=True)
    return service.detail(session=session, request=request)


@router.patch(
    "/{request_id}",
    response_model=RequestDetail,
    responses={**NOT_FOUND, **ILLEGAL},
    summary="Change some fields; `status: cancelled` cancels it",
)
def patch_request(request_id: uuid.UUID, data: RequestPatch, session: SessionDep) -> RequestDetail:
    request = service.update(session=session, request_id=request_id, changes=data.changes())
    return service.detail(session=session, request=request)


@router.delete(
    "/{request_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NOT_FOUND,
    summary="Delete a request (an open assignment is cancelled first)",
)
def delete_request(request_id: uuid.UUID, session: SessionDep) -> Response:
    service.delete(session=session, request_id=request_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
