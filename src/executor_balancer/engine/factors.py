"""Scalar factor formulas and clock helpers shared by the vectorised and the naive engine.

Only per-executor constants and per-zone values live here; the per-decision arithmetic is
written twice on purpose (pool and reference) so each cross-checks the other.
"""

from __future__ import annotations

from datetime import datetime

from executor_balancer.domain import count_today, zone_info
from executor_balancer.engine.types import ExecutorProfile

# Years of experience that make an executor a full fit for each complexity.
EXPERIENCE_NEEDED: dict[str, float] = {"low": 0.0, "medium": 2.0, "high": 4.0, "expert": 7.0}
MAX_ZONE_GAP_HOURS = 12.0


def clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))


def load_ratio(profile: ExecutorProfile) -> float:
    """Share of open-assignment capacity in use; a zero capacity counts as full."""
    capacity = profile.capacity_effective
    return profile.current_load / capacity if capacity > 0 else 1.0


def load_fit(profile: ExecutorProfile) -> float:
    return clamp01(1.0 - load_ratio(profile))


def experience_needed(complexity: str) -> float:
    return EXPERIENCE_NEEDED.get(complexity, 0.0)


def require_aware(now: datetime) -> datetime:
    """Local days and offsets are meaningless for a naive datetime, so refuse one."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    return now


def zone_offset_hours(zone: str, now: datetime) -> float:
    offset = now.astimezone(zone_info(zone)).utcoffset()
    return 0.0 if offset is None else offset.total_seconds() / 3600.0


def timezone_fit(offset: float, preferred_offset: float) -> float:
    """1 for the same clock, falling linearly to 0 at twelve hours apart.

    Offsets are measured round the clock: UTC+14 and UTC-8 are two hours apart, not 22.
    """
    gap = abs(offset - preferred_offset) % 24.0
    gap = min(gap, 24.0 - gap)
    return 1.0 - min(gap, MAX_ZONE_GAP_HOURS) / MAX_ZONE_GAP_HOURS


def effective_assigned_today(profile: ExecutorProfile, now: datetime) -> int:
    """The day counter only counts when it belongs to the executor's local today."""
    return count_today(profile.assigned_today, profile.assigned_day, profile.timezone, now)
