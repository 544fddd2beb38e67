"""Work request use cases: create (and hand to the dispatcher), change, cancel, delete."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from executor_balancer import audit
from executor_balancer.assignments import repository as assignment_repository
from executor_balancer.assignments import service as assignment_service
from executor_balancer.assignments.schemas import AssignmentOut
from executor_balancer.dispatch import service as dispatch_service
from executor_balancer.dispatch.worker import Dispatcher
from executor_balancer.domain import PRIORITY_RANK, Priority, RequestStatus
from executor_balancer.errors import Conflict, NotFound
from executor_balancer.models import Assignment, WorkRequest
from executor_balancer.models.base import utcnow
from executor_balancer.work_requests import repository
from executor_balancer.work_requests.schemas import RequestCreate, RequestDetail

OPEN_REQUEST = (RequestStatus.pending, RequestStatus.assigned, RequestStatus.in_progress)


def get(*, session: Session, request_id: uuid.UUID) -> WorkRequest:
    request = repository.get(session, request_id)
    if request is None:
        raise NotFound(f"request {request_id} not found")
    return request


def detail(
    *, session: Session, request: WorkRequest, assignment: Assignment | None = None
) -> RequestDetail:
    """The request with its open assignment (looked up unless given), or its last one."""
    assignment = assignment or assignment_repository.open_for_request(
        session, request.id
    ) or assignment_repository.latest_for_request(session, request.id)
    out = RequestDetail.model_validate(request)
    out.assignment = AssignmentOut.model_validate(assignment) if assignment else None
    return out


def list_page(*, session: Session, **filters: Any) -> tuple[Sequence[WorkRequest], int]:
    return repository.list_page(session, **filters)


def create(*, session: Session, data: RequestCreate, actor: str = "api") -> WorkRequest:
    fields = data.model_dump()
    request = WorkRequest(
        **fields, status=RequestStatus.pending.value,
        priority_rank=PRIORITY_RANK[Priority(fields["priority"])],
    )
    session.add(request)
    session.flush()
    audit.record(
        session, type="request.created", entity_type="request", entity_id=request.id,
        data={"title": request.title, "category": request.category, "priority": request.priority},
        actor=actor,
    )
    return request


def submit(
    *, session: Session, data: RequestCreate, dispatcher: Dispatcher, auto_assign: bool = True,
    actor: str = "api",
) -> RequestDetail:
    """Create a request and, unless told not to, assign it at once (or queue it, explained)."""
    request = create(session=session, data=data, actor=actor)
    if not auto_assign:
        return detail(session=session, request=request)
    return assign_now(session=session, request_id=request.id, dispatcher=dispatcher, actor=actor,
                      new=True)


def assign_now(
    *, session: Session, request_id: uuid.UUID, dispatcher: Dispatcher,
    strategy: str | None = None, actor: str = "api", new: bool = False,
) -> RequestDetail:
    """Run distribution for one pending request; the answer says who, or why nobody.

    `new`: the request was made in this transaction, so nobody has rejected it yet.
    """
    request = get(session=session, request_id=request_id)
    outcome = dispatch_service.assign(
        session=session, request=request, snapshot=dispatcher.snapshot,
        settings=dispatcher.settings, strategy=strategy, actor=actor, new=new,
    )
    if outcome.assignment is None:
        out = detail(session=session, request=request)
        out.explanation = outcome.decision.explanation
        return out
    return detail(session=session, request=request, assignment=outcome.assignment)


def update(
    *, session: Session, request_id: uuid.UUID, changes: dict[str, Any], actor: str = "api",
    echoed_status_ok: bool = False,
) -> WorkRequest:
    """Edit fields; `status: cancelled` cancels the open assignment too.

    A PUT echoes the whole object back, so there (`echoed_status_ok`) an unchanged status is
    no request to change it; a PATCH that cancels a cancelled request is a 409.
    """
    request = get(session=session, request_id=request_id)
    status = changes.pop("status", None)
    if status is not None and (status != request.status or not echoed_status_ok):
        _cancel(session, request, status, actor)
    for name, value in changes.items():
        setattr(request, name, value)
    if "priority" in changes:
        request.priority_rank = PRIORITY_RANK[Priority(changes["priority"])]
    request.updated_at = utcnow()
    session.flush()
    audit.record(
        session, type="request.updated", entity_type="request", entity_id=request.id,
        data={"changed": sorted(changes) + (["status"] if status else [])}, actor=actor,
    )
    return request


def _cancel(session: Session, request: WorkRequest, status: str, actor: str) -> None:
    if status != RequestStatus.cancelled:
        raise Conflict(
            f"a request's status follows its assignment; only 'cancelled' can be set directly "
            f"(got {status!r})", reason="transition",
        )
    if request.status not in OPEN_REQUEST:
        raise Conflict(f"a {request.status} request cannot be cancelled", reason="transition")
    assignment_service.cancel_open_for_request(
        session=session, request_id=request.id, reason="request cancelled", actor=actor
    )
    session.refresh(request)
    request.status = RequestStatus.cancelled.value
    request.assigned_executor_id = None


def delete(*, session: Session, request_id: uuid.UUID, actor: str = "api") -> None:
    """Free the executor of any open assignment, then remove the request and its history."""
    request = get(session=session, request_id=request_id)
    assignment_service.cancel_open_for_request(
        session=session, request_id=request.id, reason="request deleted", actor=actor
    )
    audit.record(session, type="request.updated", entity_type="request", entity_id=request.id,
                 data={"action": "deleted", "title": request.title}, actor=actor)
    session.delete(request)
    session.flush()
