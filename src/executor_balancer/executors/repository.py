"""All SQL about executors, including the atomic reservation that enforces every limit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Float, Uuid, bindparam, case, cast, func, or_, select, update
from sqlalchemy.orm import Session

from executor_balancer import tracking
from executor_balancer.domain import ExecutorStatus, count_today
from executor_balancer.models import Executor
from executor_balancer.models.base import UTCDateTime
from executor_balancer.tags import has_tag


def get(session: Session, executor_id: uuid.UUID, *, for_update: bool = False) -> Executor | None:
    if for_update:
        stmt = select(Executor).where(Executor.id == executor_id).with_for_update()
        return session.scalars(stmt).one_or_none()
    return session.get(Executor, executor_id)


def assigned_today(executor: Executor, now: datetime) -> int:
    return count_today(executor.assigned_today, executor.assigned_day, executor.timezone, now)


def load_ratio() -> ColumnElement[float]:
    """current_load over capacity (the daily limit when capacity is unset), in SQL."""
    return cast(Executor.current_load, Float) / func.coalesce(
        Executor.capacity, Executor.daily_limit
    )


def get_by_email(session: Session, email: str) -> Executor | None:
    return session.scalars(select(Executor).where(Executor.email == email)).one_or_none()


def _filters(
    session: Session,
    *,
    status: str | None,
    role: str | None,
    skill: str | None,
    language: str | None,
    q: str | None,
) -> list[ColumnElement[bool]]:
    dialect = session.get_bind().dialect.name
    where: list[ColumnElement[bool]] = []
    if status:
        where.append(Executor.status == status)
    if role:
        where.append(Executor.role == role)
    if skill:
        where.append(has_tag(Executor.skills, skill.strip().lower(), dialect))
    if language:
        where.append(has_tag(Executor.languages, language.strip().lower(), dialect))
    if q:
        needle = q.strip().lower()  # a literal substring: % and _ in it are not wildcards
        where.append(
            or_(
                func.lower(Executor.name).contains(needle, autoescape=True),
                Executor.email.contains(needle, autoescape=True),
            )
        )
    return where


def list_page(
    session: Session,
    *,
    limit: int,
    offset: int,
    status: str | None = None,
    role: str | None = None,
    skill: str | None = None,
    language: str | None = None,
    q: str | None = None,
) -> tuple[Sequence[Executor], int]:
    where = _filters(session, status=status, role=role, skill=skill, language=language, q=q)
    total = session.scalar(select(func.count()).select_from(Executor).where(*where)) or 0
    stmt = select(Executor).where(*where).order_by(Executor.name, Executor.id)
    return session.scalars(stmt.limit(limit).offset(offset)).all(), total


# Built once: constructing the expression on every call costs more than running it.
_RESERVE = (
    update(Executor)
    .where(
        Executor.id == bindparam("executor_id", type_=Uuid()),
        Executor.status == ExecutorStatus.active.value,
        or_(
            Executor.assigned_day != bindparam("day"),
            Executor.assigned_today < Executor.daily_limit,
        ),
        Executor.current_load < func.coalesce(Executor.capacity, Executor.daily_limit),
    )
    .values(
        current_load=Executor.current_load + 1,
        assigned_today=case(
            (Executor.assigned_day == bindparam("day"), Executor.assigned_today + 1), else_=1
        ),
        assigned_day=bindparam("day"),
        last_assigned_at=bindparam("now", type_=UTCDateTime()),
        updated_at=bindparam("now", type_=UTCDateTime()),
    )
    .execution_options(synchronize_session=False)
)


def reserve(session: Session, executor_id: uuid.UUID, *, day: int, now: datetime) -> bool:
    """Take one slot of today's allowance and of capacity, or nothing: one conditional UPDATE.

    The database is the arbiter: whatever any other worker did meanwhile, this either
    finds the executor active and under both limits and counts the assignment, or changes
    nothing and returns False.
    """
    result = session.execute(_RESERVE, {"executor_id": executor_id, "day": day, "now": now})
    tracking.executor_changed(session, executor_id)
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


def release(session: Session, executor_id: uuid.UUID, *, quota_day: int | None) -> None:
    """Free one slot of capacity; with `quota_day`, give that day's allowance back too."""
    values: dict[str, object] = {
        "current_load": case((Executor.current_load > 0, Executor.current_load - 1), else_=0)
    }
    if quota_day is not None:
        values["assigned_today"] = case(
            (
                (Executor.assigned_day == quota_day) & (Executor.assigned_today > 0),
                Executor.assigned_today - 1,
            ),
            else_=Executor.assigned_today,
        )
    stmt = update(Executor).where(Executor.id == executor_id).values(**values)
    session.execute(stmt.execution_options(synchronize_session=False))
    tracking.executor_changed(session, executor_id, freed=True)


def record_outcome(session: Session, executor_id: uuid.UUID, *, success: bool) -> None:
    """Count a completion; success_rate becomes the share of successful completions."""
    successes = Executor.success_count + (1 if success else 0)
    stmt = (
        update(Executor)
        .where(Executor.id == executor_id)
        .values(
            completed_count=Executor.completed_count + 1,
            success_count=successes,
            success_rate=cast(successes, Float) / (Executor.completed_count + 1),
        )
        .execution_options(synchronize_session=False)
    )
    session.execute(stmt)
    tracking.executor_changed(session, executor_id)
