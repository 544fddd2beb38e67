"""Executor use cases: create, change, delete, and how they touch open assignments."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from executor_balancer import audit, tracking
from executor_balancer.assignments import service as assignment_service
from executor_balancer.domain import ExecutorStatus
from executor_balancer.errors import Conflict, NotFound
from executor_balancer.executors import repository
from executor_balancer.executors.schemas import ExecutorCreate, ExecutorOut
from executor_balancer.models import Executor
from executor_balancer.models.base import utcnow


def to_out(executor: Executor, now: datetime | None = None) -> ExecutorOut:
    out = ExecutorOut.model_validate(executor)
    out.assigned_today = repository.assigned_today(executor, now or utcnow())
    return out


def get(*, session: Session, executor_id: uuid.UUID) -> Executor:
    executor = repository.get(session, executor_id)
    if executor is None:
        raise NotFound(f"executor {executor_id} not found")
    return executor


def list_page(*, session: Session, **filters: Any) -> tuple[Sequence[Executor], int]:
    return repository.list_page(session, **filters)


def create(*, session: Session, data: ExecutorCreate, actor: str = "api") -> Executor:
    fields = data.model_dump()
    fields["email"] = _unique_email(session, fields["email"])
    executor = Executor(**fields)
    session.add(executor)
    session.flush()
    tracking.executor_changed(session, executor.id, freed=True)
    audit.record(
        session, type="executor.updated", entity_type="executor", entity_id=executor.id,
        data={"action": "created", "name": executor.name, "role": executor.role,
              "status": executor.status},
        actor=actor,
    )
    return executor


def update(
    *, session: Session, executor_id: uuid.UUID, changes: dict[str, Any], actor: str = "api"
) -> Executor:
    """Apply changes (a PUT sends them all, a PATCH some); going offline frees queued work."""
    executor = get(session=session, executor_id=executor_id)
    if "email" in changes:
        changes["email"] = _unique_email(session, changes["email"], exclude=executor.id)
    _check_success_rate(executor, changes)
    before = {name: getattr(executor, name) for name in changes}
    for name, value in changes.items():
        setattr(executor, name, value)
    executor.updated_at = utcnow()
    session.flush()
    tracking.executor_changed(session, executor.id, freed=True)
    changed = {k: v for k, v in changes.items() if before[k] != v}
    audit.record(
        session, type="executor.updated", entity_type="executor", entity_id=executor.id,
        data={"changed": sorted(changed)}, actor=actor,
    )
    if changed.get("status") == ExecutorStatus.offline:
        assignment_service.return_unstarted(
            session=session, executor_id=executor.id, reason="executor went offline"
        )
        session.refresh(executor)
    return executor


def delete(*, session: Session, executor_id: uuid.UUID, actor: str = "api") -> None:
    """Cancel the executor's open work (requests go back to the queue), then remove them."""
    executor = get(session=session, executor_id=executor_id)
    assignment_service.cancel_all_open(
        session=session, executor_id=executor.id, reason="executor deleted"
    )
    audit.record(
        session, type="executor.updated", entity_type="executor", entity_id=executor.id,
        data={"action": "deleted", "name": executor.name}, actor=actor,
    )
    session.delete(executor)
    session.flush()
    tracking.executor_removed(session, executor.id)


def _unique_email(session: Session, email: str, exclude: uuid.UUID | None = None) -> str:
    normalised = email.strip().lower()
    other = repository.get_by_email(session, normalised)
    if other is not None and other.id != exclude:
        raise Conflict(f"an executor with email {normalised} already exists", reason="email")
    return normalised


def _check_success_rate(executor: Executor, changes: dict[str, Any]) -> None:
    wanted = changes.get("success_rate")
    if wanted is None or executor.completed_count == 0:
        return
    if abs(wanted - executor.success_rate) > 1e-9:
        raise Conflict(
            "success_rate is derived from outcomes once the executor has completed work",
            reason="success_rate",
        )
    del changes["success_rate"]
