"""All SQL about assignments."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from executor_balancer.domain import OPEN_ASSIGNMENT_STATUSES, AssignmentStatus
from executor_balancer.models import Assignment

OPEN = [s.value for s in OPEN_ASSIGNMENT_STATUSES]


def get(session: Session, assignment_id: uuid.UUID) -> Assignment | None:
    return session.get(Assignment, assignment_id)


def list_page(
    session: Session,
    *,
    limit: int,
    offset: int,
    status: str | None = None,
    executor_id: uuid.UUID | None = None,
    request_id: uuid.UUID | None = None,
) -> tuple[Sequence[Assignment], int]:
    where: list[ColumnElement[bool]] = []
    if status:
        where.append(Assignment.status == status)
    if executor_id:
        where.append(Assignment.executor_id == executor_id)
    if request_id:
        where.append(Assignment.request_id == request_id)
    total = session.scalar(select(func.count()).select_from(Assignment).where(*where)) or 0
    stmt = select(Assignment).where(*where).order_by(Assignment.assigned_at.desc(), Assignment.id)
    return session.scalars(stmt.limit(limit).offset(offset)).all(), total


def open_for_request(session: Session, request_id: uuid.UUID) -> Assignment | None:
    stmt = select(Assignment).where(
        Assignment.request_id == request_id, Assignment.status.in_(OPEN)
    )
    return session.scalars(stmt).one_or_none()


def latest_for_request(session: Session, request_id: uuid.UUID) -> Assignment | None:
    stmt = (
        select(Assignment)
        .where(Assignment.request_id == request_id)
        .order_by(Assignment.assigned_at.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def open_for_executor(
    session: Session, executor_id: uuid.UUID, statuses: Sequence[str] = OPEN
) -> Sequence[Assignment]:
    stmt = select(Assignment).where(
        Assignment.executor_id == executor_id, Assignment.status.in_(list(statuses))
    )
    return session.scalars(stmt).all()


def rejected_by(session: Session, request_id: uuid.UUID) -> set[uuid.UUID]:
    """Executors who rejected this request: it is never offered to them again."""
    stmt = select(Assignment.executor_id).where(
        Assignment.request_id == request_id,
        Assignment.status == AssignmentStatus.rejected.value,
        Assignment.executor_id.is_not(None),
    )
    return {eid for eid in session.scalars(stmt) if eid is not None}


def rejected_by_many(
    session: Session, request_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, set[uuid.UUID]]:
    """For each request, the executors who rejected it (one query for a whole queue)."""
    found: dict[uuid.UUID, set[uuid.UUID]] = {}
    for start in range(0, len(request_ids), 1000):
        stmt = select(Assignment.request_id, Assignment.executor_id).where(
            Assignment.request_id.in_(request_ids[start : start + 1000]),
            Assignment.status == AssignmentStatus.rejected.value,
            Assignment.executor_id.is_not(None),
        )
        for request_id, executor_id in session.execute(stmt):
            found.setdefault(request_id, set()).add(executor_id)
    return found


def move(
    session: Session, assignment_id: uuid.UUID, *, from_status: str, values: dict[str, Any]
) -> bool:
    """Change an assignment only if it is still in `from_status` (a lost race changes nothing)."""
    stmt = (
        update(Assignment)
        .where(Assignment.id == assignment_id, Assignment.status == from_status)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount == 1
