"""HTTP for the audit log: what happened, when, by whom and why."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from executor_balancer.audit import repository
from executor_balancer.audit.schemas import EventOut, History
from executor_balancer.deps import LimitQuery, OffsetQuery, SessionDep, TransactionalRoute
from executor_balancer.fields import AwareDatetime, Page
from executor_balancer.work_requests import service as request_service

router = APIRouter(prefix="/api", tags=["audit"], route_class=TransactionalRoute)
Short = Annotated[str | None, Query(max_length=64)]


@router.get("/events", response_model=Page[EventOut], summary="The audit log, newest first")
def list_events(
    session: SessionDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    entity_type: Short = None,
    entity_id: Short = None,
    type: Short = None,
    request_id: uuid.UUID | None = None,
    since: Annotated[AwareDatetime | None, Query(description="From this time (inclusive)")] = None,
    until: Annotated[AwareDatetime | None, Query(description="Before this time")] = None,
) -> Page[EventOut]:
    items, total = repository.list_page(
        session, limit=limit, offset=offset, entity_type=entity_type, entity_id=entity_id,
        type=type, request_id=str(request_id) if request_id else None, since=since, until=until,
    )
    return Page(items=[EventOut.model_validate(e) for e in items], total=total, limit=limit,
                offset=offset)


@router.get(
    "/requests/{request_id}/history", response_model=History, tags=["requests"],
    responses={404: {"description": "No request with this id"}},
    summary="Everything that happened to a request, oldest first, with each decision's why",
)
def request_history(request_id: uuid.UUID, session: SessionDep) -> History:
    request = request_service.get(session=session, request_id=request_id)
    events = repository.for_request(session, str(request.id))
    return History(request_id=str(request.id), items=[EventOut.model_validate(e) for e in events])
