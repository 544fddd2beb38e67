"""Vocabulary shared by every layer: enums, code lists and normalisers.

Pure on purpose (standard library only): the engine, the schemas and the models all
import it, so it must never pull in a framework or touch I/O.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from enum import StrEnum
from functools import cache


class ExecutorRole(StrEnum):
    programmer = "programmer"
    support = "support"
    admin = "admin"
    tester = "tester"
    designer = "designer"
    analyst = "analyst"
    marketer = "marketer"
    devops = "devops"
    manager = "manager"


class ExecutorStatus(StrEnum):
    active = "active"
    busy = "busy"
    offline = "offline"


class Category(StrEnum):
    technical = "technical"
    support = "support"
    development = "development"
    testing = "testing"
    design = "design"
    marketing = "marketing"
    infrastructure = "infrastructure"
    analytics = "analytics"
    billing = "billing"


class Priority(StrEnum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"


class Complexity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    expert = "expert"


class RequestStatus(StrEnum):
    pending = "pending"
    assigned = "assigned"
    in_progress = "in_progress"
    completed = "completed"
    cancelled = "cancelled"


class AssignmentStatus(StrEnum):
    assigned = "assigned"
    in_progress = "in_progress"
    completed = "completed"
    rejected = "rejected"
    cancelled = "cancelled"


class Outcome(StrEnum):
    success = "success"
    failure = "failure"


class Strategy(StrEnum):
    best_match = "best_match"
    round_robin = "round_robin"
    least_loaded = "least_loaded"
    manual = "manual"


class AutoStrategy(StrEnum):
    """The strategies a caller or a rule may ask the engine for."""

    best_match = "best_match"
    round_robin = "round_robin"
    least_loaded = "least_loaded"


OPEN_ASSIGNMENT_STATUSES = (AssignmentStatus.assigned, AssignmentStatus.in_progress)

# Queue order: lower rank is served first.
PRIORITY_RANK = {Priority.critical: 0, Priority.high: 1, Priority.medium: 2, Priority.low: 3}
COMPLEXITY_RANK = {
    Complexity.low: 0, Complexity.medium: 1, Complexity.high: 2, Complexity.expert: 3
}

# The seed's short names, accepted wherever an IANA zone is.
TIMEZONE_ALIASES = {"MSK": "Europe/Moscow", "UTC": "UTC", "GMT": "Etc/GMT"}

# ISO 639-1 two-letter language codes.
ISO_639_1 = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
    cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
    ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
    ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
    nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu
    """.split()  # noqa: SIM905 - the list reads better as a block of codes
)


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def resolve_timezone(name: str) -> str:
    """Return the IANA zone for a name or alias; raise ValueError for an unknown one."""
    zone = TIMEZONE_ALIASES.get(name, name)
    if zone not in _known_zones():
        raise ValueError(f"unknown time zone {name!r}: use an IANA name such as Europe/Moscow")
    return zone


@cache
def zone_info(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(resolve_timezone(name))


def normalise_tags(values: list[str]) -> list[str]:
    """Trim, lower-case and de-duplicate, keeping first-seen order."""
    seen: dict[str, None] = {}
    for value in values:
        tag = value.strip().lower()
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


def local_day(timezone: str, now: datetime) -> int:
    """The executor's local calendar day (date ordinal): daily limits reset at local midnight."""
    return now.astimezone(zone_info(timezone)).date().toordinal()


def count_today(count: int, counted_day: int, timezone: str, now: datetime) -> int:
    """A daily counter belongs to one local day; on any other day it counts nothing yet."""
    return count if counted_day == local_day(timezone, now) else 0
