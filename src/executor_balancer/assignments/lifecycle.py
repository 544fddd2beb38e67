"""The assignment state machine: an explicit transition table; anything else is a 409."""

from __future__ import annotations

from executor_balancer.domain import AssignmentStatus as S
from executor_balancer.domain import RequestStatus
from executor_balancer.errors import Conflict

TRANSITIONS: dict[S, frozenset[S]] = {
    S.assigned: frozenset({S.in_progress, S.rejected, S.cancelled}),
    S.in_progress: frozenset({S.completed, S.rejected, S.cancelled}),
    S.completed: frozenset(),
    S.rejected: frozenset(),
    S.cancelled: frozenset(),
}

# What the request becomes when its assignment enters each state.
REQUEST_STATUS_AFTER: dict[S, RequestStatus] = {
    S.in_progress: RequestStatus.in_progress,
    S.completed: RequestStatus.completed,
    S.rejected: RequestStatus.pending,
    S.cancelled: RequestStatus.pending,
}


def check(current: str, target: S) -> None:
    if target not in TRANSITIONS[S(current)]:
        allowed = ", ".join(sorted(TRANSITIONS[S(current)])) or "none (it is closed)"
        raise Conflict(
            f"an assignment cannot go from {current} to {target.value}; allowed: {allowed}",
            reason="transition",
        )
