"""Assignment use cases: reserve capacity atomically, move through the lifecycle, release."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from executor_balancer import audit
from executor_balancer.assignments import lifecycle, repository
from executor_balancer.assignments.schemas import AssignmentCreate
from executor_balancer.config import Settings
from executor_balancer.dispatch import profiles
from executor_balancer.domain import AssignmentStatus, Outcome, RequestStatus, Strategy, local_day
from executor_balancer.engine.reference import decide_naive
from executor_balancer.errors import Conflict, NotFound
from executor_balancer.executors import repository as executor_repository
from executor_balancer.models import Assignment, Executor, WorkRequest
from executor_balancer.models.base import utcnow
from executor_balancer.rules import service as rule_service
from executor_balancer.work_requests import repository as request_repository

LIMIT_MESSAGES = {
    "rejected": "this executor already rejected the request",
    "status": "the executor is not active",
    "daily_limit": "the executor has reached their daily limit",
    "capacity": "the executor has no free capacity (too many open assignments)",
    "languages": "the executor does not speak every required language",
    "skills": "the executor lacks required skills",
    "rules": "a matching rule's requirement excludes this executor",
}


def get(
    *, session: Session, assignment_id: uuid.UUID, owner: uuid.UUID | None = None
) -> Assignment:
    """`owner` (an executor's own key) sees only their assignments; others look absent."""
    assignment = repository.get(session, assignment_id)
    if assignment is None or (owner is not None and assignment.executor_id != owner):
        raise NotFound(f"assignment {assignment_id} not found")
    return assignment


def list_page(*, session: Session, **filters: Any) -> tuple[Sequence[Assignment], int]:
    return repository.list_page(session, **filters)


def reserve(
    *, session: Session, request: WorkRequest, executor: Executor, strategy: str,
    score: float | None, explanation: dict[str, Any] | None, now: datetime, actor: str = "system",
) -> Assignment | None:
    """Give `request` to `executor` if the database still allows it; None if they are full.

    Two conditional UPDATEs decide (executor under every limit, request still pending);
    the partial unique index is the last line: one open assignment per request.
    """
    day = local_day(executor.timezone, now)
    if not executor_repository.reserve(session, executor.id, day=day, now=now):
        return None
    if not request_repository.claim(session, request.id, executor.id, now):
        raise Conflict(f"request {request.id} is no longer pending", reason="request_status")
    for name, value in (("status", RequestStatus.assigned.value),
                        ("assigned_executor_id", executor.id), ("updated_at", now)):
        set_committed_value(request, name, value)  # what the UPDATE wrote; no reload
    assignment = Assignment(
        request_id=request.id, executor_id=executor.id, status=AssignmentStatus.assigned.value,
        strategy=strategy, score=score, explanation=explanation, quota_day=day, assigned_at=now,
        waited_seconds=max((now - request.created_at).total_seconds(), 0.0),
        deadline_met=None if request.deadline is None else now <= request.deadline,
    )
    session.add(assignment)
    session.flush()
    audit.record(
        session, type="request.assigned", entity_type="request", entity_id=request.id,
        data={"assignment_id": str(assignment.id), "executor_id": str(executor.id),
              "executor_name": executor.name, "strategy": strategy, "score": score,
              "waited_seconds": (now - request.created_at).total_seconds(),
              "explanation": explanation}, actor=actor,
    )
    return assignment


def create_manual(
    *, session: Session, data: AssignmentCreate, settings: Settings, actor: str = "api"
) -> Assignment:
    """A manager's choice, held to the same hard limits as automatic distribution."""
    request = request_repository.get(session, data.request_id)
    if request is None:
        raise NotFound(f"request {data.request_id} not found")
    executor = executor_repository.get(session, data.executor_id)
    if executor is None:
        raise NotFound(f"executor {data.executor_id} not found")
    if request.status != RequestStatus.pending:
        raise Conflict(f"request is {request.status}, only a pending request can be assigned",
                       reason="request_status")
    now = utcnow()
    decision = decide_naive(
        [profiles.executor_profile(executor)],
        profiles.request_profile(request, repository.rejected_by(session, request.id)),
        rule_service.active_compiled(session), profiles.weights(settings),
        strategy=Strategy.best_match.value, skill_policy=settings.skill_match, now=now,
    )
    if decision.executor_id is None:
        _raise_limit(decision.explanation["excluded"])
    explanation = {**decision.explanation, "strategy": Strategy.manual.value}
    assignment = reserve(
        session=session, request=request, executor=executor, strategy=Strategy.manual.value,
        score=decision.score, explanation=explanation, now=now, actor=actor,
    )
    if assignment is None:  # lost a race for the last slot since we looked
        session.refresh(executor)
        _raise_limit({"capacity": 1} if executor.status == "active" else {"status": 1})
    if data.note:
        assignment.note = data.note
    return assignment


def _raise_limit(excluded: dict[str, int]) -> NoReturn:
    reason = next(key for key, count in excluded.items() if count)
    raise Conflict(LIMIT_MESSAGES[reason], reason=reason)


def transition(
    *, session: Session, assignment_id: uuid.UUID, target: AssignmentStatus,
    outcome: Outcome | None = None, reason: str | None = None, requeue: bool = True,
    actor: str = "api", owner: uuid.UUID | None = None,
) -> Assignment:
    """Move through the transition table; release capacity and update the request."""
    assignment = get(session=session, assignment_id=assignment_id, owner=owner)
    lifecycle.check(assignment.status, target)
    now = utcnow()
    values: dict[str, Any] = {"status": target.value}
    if target is AssignmentStatus.in_progress:
        values["started_at"] = now
    else:
        values.update(finished_at=now, reason=reason)
    if target is AssignmentStatus.completed:
        values["outcome"] = (outcome or Outcome.success).value
    if not repository.move(session, assignment.id, from_status=assignment.status, values=values):
        raise Conflict("the assignment changed meanwhile; reload and retry", reason="transition")
    _after_move(session, assignment, target, values, requeue=requeue)
    audit.record(
        session, type="assignment.updated", entity_type="assignment", entity_id=assignment.id,
        request_id=assignment.request_id,
        data={"request_id": str(assignment.request_id), "executor_id": str(assignment.executor_id),
              "from": assignment.status, "to": target.value, "outcome": values.get("outcome"),
              "strategy": assignment.strategy},
        reason=reason, actor=actor,
    )
    session.refresh(assignment)
    return assignment


def _after_move(
    session: Session, assignment: Assignment, target: AssignmentStatus, values: dict[str, Any],
    *, requeue: bool,
) -> None:
    executor_id = assignment.executor_id
    if executor_id is not None and target is not AssignmentStatus.in_progress:
        give_back = target in (AssignmentStatus.rejected, AssignmentStatus.cancelled)
        executor_repository.release(
            session, executor_id, quota_day=assignment.quota_day if give_back else None
        )
        if target is AssignmentStatus.completed:
            executor_repository.record_outcome(
                session, executor_id, success=values["outcome"] == Outcome.success
            )
    request_status = lifecycle.REQUEST_STATUS_AFTER[target]
    if request_status is RequestStatus.pending and not requeue:
        return
    keeps_executor = request_status in (RequestStatus.in_progress, RequestStatus.completed)
    request_repository.set_status(
        session, assignment.request_id, request_status,
        executor_id=executor_id if keeps_executor else None,
    )


def update(
    *, session: Session, assignment_id: uuid.UUID, changes: dict[str, Any], actor: str = "api"
) -> Assignment:
    """PUT/PATCH: status through the transition table, outcome with completion, note freely."""
    assignment = get(session=session, assignment_id=assignment_id)
    target = changes.get("status")
    outcome = changes.get("outcome")
    if outcome is not None and target != AssignmentStatus.completed:
        raise Conflict("outcome is set when completing: send status completed with it",
                       reason="outcome")
    if outcome is not None and assignment.status == target and assignment.outcome != outcome:
        # success_rate already counted the recorded outcome; silently keeping it would lie.
        raise Conflict("the outcome of a completed assignment is final", reason="outcome")
    if target is not None and target != assignment.status:
        assignment = transition(session=session, assignment_id=assignment.id,
                                target=AssignmentStatus(target), outcome=outcome, actor=actor)
    if "note" in changes:
        assignment.note = changes["note"]
        session.flush()
    return assignment


def delete(*, session: Session, assignment_id: uuid.UUID, actor: str = "api") -> None:
    """Cancel first if open (the request returns to the queue), then remove the record."""
    assignment = get(session=session, assignment_id=assignment_id)
    if assignment.status in repository.OPEN:
        transition(session=session, assignment_id=assignment.id,
                   target=AssignmentStatus.cancelled, reason="assignment deleted", actor=actor)
    audit.record(session, type="assignment.updated", entity_type="assignment",
                 entity_id=assignment.id, request_id=assignment.request_id,
                 data={"action": "deleted", "request_id": str(assignment.request_id)},
                 actor=actor)
    session.delete(assignment)
    session.flush()


def cancel_open_for_request(
    *, session: Session, request_id: uuid.UUID, reason: str, actor: str = "api"
) -> None:
    """Used when a request is cancelled or deleted: free the executor, keep the request."""
    assignment = repository.open_for_request(session, request_id)
    if assignment is not None:
        transition(session=session, assignment_id=assignment.id,
                   target=AssignmentStatus.cancelled, reason=reason, requeue=False, actor=actor)


def return_unstarted(*, session: Session, executor_id: uuid.UUID, reason: str) -> None:
    """An executor going offline hands back work they have not started."""
    _cancel_all(session, executor_id, [AssignmentStatus.assigned.value], reason)


def cancel_all_open(*, session: Session, executor_id: uuid.UUID, reason: str) -> None:
    _cancel_all(session, executor_id, repository.OPEN, reason)


def _cancel_all(
    session: Session, executor_id: uuid.UUID, statuses: Sequence[str], reason: str
) -> None:
    for assignment in repository.open_for_executor(session, executor_id, statuses):
        transition(session=session, assignment_id=assignment.id,
                   target=AssignmentStatus.cancelled, reason=reason, actor="system")
