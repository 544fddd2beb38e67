"""Builders and Hypothesis strategies shared by the engine tests (no fixtures, no I/O)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from hypothesis import strategies as st

from executor_balancer.engine import (
    CompiledRule,
    Decision,
    ExecutorPool,
    ExecutorProfile,
    RequestProfile,
    Weights,
    compile_rule,
    decide_naive,
)

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
TODAY = NOW.date().toordinal()

ZONES = ("UTC", "MSK", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Kiritimati")
SKILLS = ("python", "sql", "go", "excel", "figma", "k8s", "billing", "seo")
LANGUAGES = ("en", "ru", "de", "fr")
ROLES = ("programmer", "support", "admin", "tester", "designer", "analyst", "devops", "intern")
CATEGORIES = ("technical", "support", "development", "testing", "design", "billing", "legal")


def executor(id: str = "e1", **changes: Any) -> ExecutorProfile:
    """An active, idle, fully eligible executor unless told otherwise."""
    base = ExecutorProfile(
        id=id,
        name=f"Executor {id}",
        role="support",
        skills=frozenset({"python", "sql"}),
        languages=frozenset({"en", "ru"}),
        timezone="UTC",
        experience_years=3.0,
        status="active",
        daily_limit=5,
        capacity=None,
        current_load=0,
        assigned_today=0,
        assigned_day=TODAY,
        success_rate=0.8,
        weight=0.5,
        last_assigned_at=None,
    )
    return replace(base, **changes)


def request(**changes: Any) -> RequestProfile:
    base = RequestProfile(id="r1", category="support", priority="medium", complexity="medium")
    return replace(base, **changes)


def rule(
    id: str = "rule",
    priority: int = 0,
    *,
    conditions: list[dict[str, Any]] | None = None,
    require: list[dict[str, Any]] | None = None,
    prefer: list[dict[str, Any]] | None = None,
    strategy: str | None = None,
) -> CompiledRule:
    return compile_rule(
        id, f"Rule {id}", priority, conditions or [], require or [], prefer or [], strategy
    )


def cond(field: str, operator: str, value: Any, **extra: Any) -> dict[str, Any]:
    return {"field": field, "operator": operator, "value": value, **extra}


# --- Hypothesis strategies -------------------------------------------------------------

nows = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
)
_tags = st.frozensets(st.sampled_from(SKILLS), max_size=4)
_langs = st.frozensets(st.sampled_from(LANGUAGES), max_size=3)
_fraction = st.sampled_from((0.0, 0.25, 0.5, 0.8, 1.0))


@st.composite
def executors(draw: st.DrawFn, now: datetime, max_size: int = 12) -> list[ExecutorProfile]:
    count = draw(st.integers(0, max_size))
    day = now.date().toordinal()
    return [
        ExecutorProfile(
            id=f"e{i:02d}",
            name=f"E{i}",
            role=draw(st.sampled_from(ROLES)),
            skills=draw(_tags),
            languages=draw(_langs),
            timezone=draw(st.sampled_from(ZONES)),
            experience_years=draw(st.sampled_from((0.0, 1.5, 2.0, 4.0, 7.0, 10.0))),
            status=draw(st.sampled_from(("active", "active", "active", "busy", "offline"))),
            daily_limit=draw(st.integers(1, 4)),
            capacity=draw(st.none() | st.integers(1, 4)),
            current_load=draw(st.integers(0, 4)),
            assigned_today=draw(st.integers(0, 5)),
            assigned_day=day + draw(st.integers(-2, 1)),
            success_rate=draw(_fraction),
            weight=draw(_fraction),
            last_assigned_at=draw(st.none() | st.sampled_from((100.0, 200.0, 300.0))),
        )
        for i in range(count)
    ]


@st.composite
def requests(draw: st.DrawFn) -> RequestProfile:
    return RequestProfile(
        id="rq",
        category=draw(st.sampled_from(CATEGORIES)),
        priority=draw(st.sampled_from(("critical", "high", "medium", "low"))),
        complexity=draw(st.sampled_from(("low", "medium", "high", "expert"))),
        required_skills=draw(st.frozensets(st.sampled_from((*SKILLS, "cobol")), max_size=3)),
        required_languages=draw(st.frozensets(st.sampled_from((*LANGUAGES, "ja")), max_size=2)),
        timezone_preference=draw(st.none() | st.sampled_from(ZONES)),
        title=draw(st.sampled_from(("Invoice overdue", "Login broken", ""))),
        excluded_executor_ids=draw(st.frozensets(st.sampled_from(("e00", "e01", "e05")))),
    )


_number_fields = (
    "experience_years", "current_load", "assigned_today", "daily_limit", "success_rate", "weight"
)  # fmt: skip
_numbers = st.sampled_from((0, 1, 2, 2.5, 4, 0.5, 0.8))


@st.composite
def executor_conditions(draw: st.DrawFn) -> dict[str, Any]:
    """Any valid executor condition: every field, every operator that fits it."""
    field = draw(
        st.sampled_from(("role", "status", "timezone", "skills", "languages", *_number_fields))
    )
    if field in ("role", "status"):
        values = ROLES[:-1] if field == "role" else ("active", "busy", "offline")
        op = draw(st.sampled_from(("eq", "ne", "in", "not_in")))
        return _pick(draw, field, op, st.sampled_from(values))
    if field == "timezone":
        op = draw(st.sampled_from(("eq", "ne", "in", "not_in", "contains")))
        return _pick(draw, field, op, st.sampled_from((*ZONES, "europe", "msk", "Asia")))
    if field in ("skills", "languages"):
        vocab = (*(SKILLS if field == "skills" else LANGUAGES), "zzz")
        op = draw(st.sampled_from(("eq", "ne", "in", "not_in", "contains")))
        as_list = op in ("in", "not_in") or draw(st.booleans())
        if as_list:
            return cond(field, op, draw(st.lists(st.sampled_from(vocab), min_size=1, max_size=3)))
        return cond(field, op, draw(st.sampled_from(vocab)))
    op = draw(st.sampled_from(("eq", "ne", "in", "not_in", "gt", "gte", "lt", "lte")))
    return _pick(draw, field, op, _numbers)


def _pick(draw: st.DrawFn, field: str, op: str, values: st.SearchStrategy[Any]) -> dict[str, Any]:
    if op in ("in", "not_in"):
        return cond(field, op, draw(st.lists(values, min_size=1, max_size=3)))
    return cond(field, op, draw(values))


_request_conditions = st.sampled_from(
    (
        cond("category", "in", ["support", "billing", "technical"]),
        cond("priority", "gte", "high"),
        cond("complexity", "lt", "expert"),
        cond("required_skills", "contains", "python"),
        cond("title", "contains", "invoice"),
        cond("timezone_preference", "ne", "utc"),
    )
)


@st.composite
def rule_sets(draw: st.DrawFn) -> list[CompiledRule]:
    count = draw(st.integers(0, 3))
    return [
        rule(
            f"r{i}",
            draw(st.integers(0, 3)),
            conditions=draw(st.lists(_request_conditions, max_size=1)),
            require=draw(st.lists(executor_conditions(), max_size=2)),
            prefer=[
                {**c, "bonus": draw(st.sampled_from((0, 5, 15, 50)))}
                for c in draw(st.lists(executor_conditions(), max_size=2))
            ],
            strategy=draw(
                st.none() | st.sampled_from(("best_match", "round_robin", "least_loaded"))
            ),
        )
        for i in range(count)
    ]


def decide_both(
    people: list[ExecutorProfile],
    req: RequestProfile,
    rules: list[CompiledRule] | None = None,
    **kwargs: Any,
) -> Decision:
    """Decide with the pool and the naive loop, check they agree, return the pool's decision."""
    kwargs.setdefault("now", NOW)
    weights = kwargs.pop("weights", Weights())
    fast = ExecutorPool(people).decide(req, rules or [], weights, **kwargs)
    slow = decide_naive(people, req, rules or [], weights, **kwargs)
    assert fast.executor_id == slow.executor_id
    assert fast.ranked_ids == slow.ranked_ids
    assert abs(fast.score - slow.score) <= 1e-6
    assert fast.explanation == slow.explanation
    return fast
