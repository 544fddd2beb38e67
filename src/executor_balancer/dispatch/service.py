"""Distribution use cases: assign one request, serve the queue, search, rule dry runs.

The engine ranks from the snapshot; the database decides (conditional UPDATEs). When a
reservation loses a race, that executor is reloaded and the engine asked again.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from executor_balancer import audit
from executor_balancer.analytics.prometheus import DECISION_SECONDS
from executor_balancer.assignments import repository as assignment_repository
from executor_balancer.assignments import service as assignment_service
from executor_balancer.config import Settings
from executor_balancer.db import transaction
from executor_balancer.dispatch import profiles
from executor_balancer.dispatch.snapshot import PoolSnapshot
from executor_balancer.engine.pool import Ranked
from executor_balancer.engine.types import CompiledRule, Decision, RequestProfile
from executor_balancer.errors import BalancerError, Conflict
from executor_balancer.executors import repository as executor_repository
from executor_balancer.models import Assignment, WorkRequest
from executor_balancer.models.base import utcnow
from executor_balancer.work_requests import repository as request_repository

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
RELOAD_WHEN_NOBODY_SECONDS = 1.0
QUEUE_SCAN_LIMIT = 20_000  # the longest queue one sweep looks at


@dataclass(frozen=True)
class Outcome:
    assignment: Assignment | None
    decision: Decision


def assign(
    *, session: Session, request: WorkRequest, snapshot: PoolSnapshot, settings: Settings,
    strategy: str | None = None, actor: str = "dispatcher", log_queued: bool = True,
    new: bool = False,
) -> Outcome:
    """Give a pending request to the best eligible executor now, or leave it queued.

    `log_queued=False` (the queue sweep) keeps a still-waiting request out of the audit log.
    """
    if request.status != "pending":
        raise Conflict(f"request is {request.status}; only a pending request can be assigned",
                       reason="request_status")
    rejected = () if new else assignment_repository.rejected_by(session, request.id)
    profile = profiles.request_profile(request, rejected)
    weights = profiles.weights(settings)
    for _ in range(MAX_ATTEMPTS):
        snapshot.sync(session)
        now = utcnow()
        with DECISION_SECONDS.time():
            decision = snapshot.decide(profile, weights, now=now, strategy=strategy,
                                       default_strategy=settings.default_strategy.value,
                                       skill_policy=settings.skill_match)
        if decision.executor_id is None and snapshot.age() > RELOAD_WHEN_NOBODY_SECONDS:
            # Nobody fits by this view, but another process (a worker or an instance
            # without Redis) may have added or freed someone since: look again, fresh.
            snapshot.reload(session)
            continue
        if decision.executor_id is None:
            if log_queued:
                _queued(session, request, decision, actor)
            return Outcome(None, decision)
        executor = executor_repository.get(session, uuid.UUID(decision.executor_id))
        if executor is not None:
            assignment = assignment_service.reserve(
                session=session, request=request, executor=executor, strategy=decision.strategy,
                score=decision.score, explanation=decision.explanation, now=now, actor=actor,
            )
            if assignment is not None:
                return Outcome(assignment, decision)
        snapshot.mark_dirty(uuid.UUID(decision.executor_id))  # stale view: reload, ask again
    if log_queued:
        _queued(session, request, decision, actor)
    return Outcome(None, decision)


def _queued(session: Session, request: WorkRequest, decision: Decision, actor: str) -> None:
    audit.record(
        session, type="request.queued", entity_type="request", entity_id=request.id,
        data={"excluded": decision.explanation.get("excluded", {}),
              "eligible": decision.explanation.get("eligible", 0)},
        reason="no eligible executor with free capacity", actor=actor,
    )


def dispatch_queue(
    factory: sessionmaker[Session], snapshot: PoolSnapshot, settings: Settings
) -> int:
    """Offer pending requests in queue order; count how many were assigned.

    The engine first screens every waiting request against the in-memory pool (no
    transaction); only a request somebody can take opens one, to reserve for real.
    """
    with transaction(factory) as session:
        snapshot.sync(session)
        pending, _ = request_repository.queue(session, limit=QUEUE_SCAN_LIMIT)
        rejected = assignment_repository.rejected_by_many(session, [r.id for r in pending])
    weights = profiles.weights(settings)
    assigned = 0
    for request in pending:
        screen = snapshot.decide(
            profiles.request_profile(request, rejected.get(request.id, ())), weights,
            now=utcnow(), default_strategy=settings.default_strategy.value,
            skill_policy=settings.skill_match,
        )
        if screen.executor_id is None:
            if _nobody_has_room(screen):
                break
            continue
        assigned += _assign_queued(factory, snapshot, settings, request.id)
    return assigned


def _assign_queued(
    factory: sessionmaker[Session], snapshot: PoolSnapshot, settings: Settings,
    request_id: uuid.UUID,
) -> int:
    try:
        with transaction(factory) as session:
            request = request_repository.get(session, request_id)
            if request is None or request.status != "pending":
                return 0
            outcome = assign(session=session, request=request, snapshot=snapshot,
                             settings=settings, log_queued=False)
        return 1 if outcome.assignment is not None else 0
    except BalancerError as exc:  # another worker got there first
        log.debug("queue dispatch skipped %s: %s", request_id, exc.detail)
        return 0


def _nobody_has_room(decision: Decision) -> bool:
    """Every executor was excluded for status or limits alone: later requests can't fit either."""
    excluded = decision.explanation.get("excluded", {})
    capacity_only = ("status", "daily_limit", "capacity")
    return not any(count for key, count in excluded.items() if key not in capacity_only)


def search(
    *, session: Session, query: RequestProfile, snapshot: PoolSnapshot, settings: Settings,
    limit: int,
) -> tuple[list[Ranked], int]:
    """Rank eligible executors for a request-shaped query, best first; changes nothing."""
    snapshot.sync(session)
    ranked = snapshot.rank(query, profiles.weights(settings), now=utcnow(),
                           skill_policy=settings.skill_match, limit=limit)
    eligible = ranked[0][2]["eligible"] if ranked else 0
    return ranked, eligible


def test_rule(
    *, session: Session, rule: CompiledRule, query: RequestProfile, snapshot: PoolSnapshot
) -> dict[str, Any]:
    """Dry run of one rule (active or not) against a sample request; changes nothing."""
    snapshot.sync(session)
    return snapshot.rule_effect(rule, query, utcnow())
