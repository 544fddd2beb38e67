"""All SQL about work requests, including the conditional claim of a pending request."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Uuid, bindparam, func, nulls_last, or_, select, update
from sqlalchemy.orm import Session

from executor_balancer.domain import RequestStatus
from executor_balancer.models import WorkRequest
from executor_balancer.models.base import UTCDateTime, utcnow
from executor_balancer.tags import has_tag

QUEUE_ORDER = (
    WorkRequest.priority_rank,
    nulls_last(WorkRequest.deadline.asc()),
    WorkRequest.created_at,
    WorkRequest.id,
)


def get(session: Session, request_id: uuid.UUID) -> WorkRequest | None:
    return session.get(WorkRequest, request_id)


def list_page(
    session: Session, *, limit: int, offset: int, status: str | None = None,
    category: str | None = None, priority: str | None = None,
    executor_id: uuid.UUID | None = None, skill: str | None = None, q: str | None = None,
) -> tuple[Sequence[WorkRequest], int]:
    where: list[ColumnElement[bool]] = []
    if status:
        where.append(WorkRequest.status == status)
    if category:
        where.append(WorkRequest.category == category)
    if priority:
        where.append(WorkRequest.priority == priority)
    if executor_id:
        where.append(WorkRequest.assigned_executor_id == executor_id)
    if skill:
        dialect = session.get_bind().dialect.name
        where.append(has_tag(WorkRequest.required_skills, skill.strip().lower(), dialect))
    if q:
        needle = q.strip().lower()
        where.append(or_(func.lower(WorkRequest.title).contains(needle, autoescape=True),
                         func.lower(WorkRequest.description).contains(needle, autoescape=True)))
    total = session.scalar(select(func.count()).select_from(WorkRequest).where(*where)) or 0
    stmt = select(WorkRequest).where(*where).order_by(WorkRequest.created_at.desc(), WorkRequest.id)
    return session.scalars(stmt.limit(limit).offset(offset)).all(), total


def queue(session: Session, *, limit: int, offset: int = 0) -> tuple[Sequence[WorkRequest], int]:
    """Pending requests in dispatch order: priority, then deadline (none last), then age."""
    pending = WorkRequest.status == RequestStatus.pending.value
    total = session.scalar(select(func.count()).select_from(WorkRequest).where(pending)) or 0
    stmt = select(WorkRequest).where(pending).order_by(*QUEUE_ORDER).limit(limit).offset(offset)
    return session.scalars(stmt).all(), total


_CLAIM = (
    update(WorkRequest)
    .where(WorkRequest.id == bindparam("request_id", type_=Uuid()),
           WorkRequest.status == RequestStatus.pending.value)
    .values(status=RequestStatus.assigned.value,
            assigned_executor_id=bindparam("executor_id", type_=Uuid()),
            updated_at=bindparam("now", type_=UTCDateTime()))
    .execution_options(synchronize_session=False)
)


def claim(session: Session, request_id: uuid.UUID, executor_id: uuid.UUID, now: datetime) -> bool:
    """pending -> assigned, only if still pending: two workers can never both win."""
    result = session.execute(
        _CLAIM, {"request_id": request_id, "executor_id": executor_id, "now": now}
    )
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


def set_status(
    session: Session, request_id: uuid.UUID, status: RequestStatus, *,
    executor_id: uuid.UUID | None,
) -> None:
    stmt = (
        update(WorkRequest)
        .where(WorkRequest.id == request_id)
        .values(status=status.value, assigned_executor_id=executor_id, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.execute(stmt)
