"""Rules: when they apply, vectorised executor conditions, effect texts and the dry run."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import numpy as np
from engine_helpers import (
    NOW,
    cond,
    decide_both,
    executor,
    executor_conditions,
    executors,
    nows,
    request,
    rule,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from executor_balancer.domain import local_day
from executor_balancer.engine import ExecutorPool, ExecutorProfile
from executor_balancer.engine.columns import ExecutorColumns
from executor_balancer.engine.conditions import EXECUTOR_FIELDS, compile_condition
from executor_balancer.engine.factors import effective_assigned_today
from executor_balancer.engine.frame import Frame
from executor_balancer.engine.rules import condition_mask, executor_record


def frame_of(people: list[ExecutorProfile], now: datetime) -> Frame:
    """Every executor of a fresh store, in insertion order (small capacity forces growth)."""
    store = ExecutorColumns(capacity=2)
    for person in people:
        store.upsert(person)
    today = np.array([local_day(z, now) for z in store.zones.items], dtype=np.int64)
    return Frame(store, np.arange(store.rows), today)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), now=nows)
def test_vectorised_condition_equals_scalar_condition(data: st.DataObject, now: datetime) -> None:
    people = data.draw(executors(now, max_size=10))
    raw: dict[str, Any] = data.draw(executor_conditions())
    compiled = compile_condition(EXECUTOR_FIELDS, raw["field"], raw["operator"], raw["value"])
    got = condition_mask(compiled, frame_of(people, now)).tolist()
    records = [executor_record(p, effective_assigned_today(p, now)) for p in people]
    assert got == [compiled.matches(r) for r in records]


def test_rule_applies_only_when_all_conditions_match() -> None:
    both = rule(
        conditions=[cond("category", "eq", "billing"), cond("priority", "gte", "high")],
        require=[cond("role", "eq", "admin")],
    )
    people = [executor("a", role="support")]
    assert (
        decide_both(people, request(category="billing", priority="critical"), [both]).executor_id
        is None
    )
    assert (
        decide_both(people, request(category="billing", priority="low"), [both]).executor_id == "a"
    )
    assert (
        decide_both(people, request(category="support", priority="high"), [both]).executor_id == "a"
    )


def test_rules_listed_by_priority_with_their_effects() -> None:
    rules = [
        rule("low", 1, prefer=[cond("languages", "contains", "ru", bonus=15)]),
        rule(
            "high", 9, require=[cond("role", "in", ["support", "admin"])], strategy="least_loaded"
        ),
        rule("plain", 5),
        rule("other", 7, conditions=[cond("category", "eq", "design")], strategy="round_robin"),
    ]
    decision = decide_both([executor()], request(), rules, strategy="best_match")
    assert decision.explanation["rules"] == [
        {"id": "high", "name": "Rule high",
         "effect": "require: role in support, admin; strategy: least_loaded (not used)"},
        {"id": "plain", "name": "Rule plain", "effect": "matched (no effect)"},
        {"id": "low", "name": "Rule low", "effect": "prefer +15: languages contains ru"},
    ]  # fmt: skip


def test_require_on_rolled_over_counter_sees_zero() -> None:
    fresh = rule(require=[cond("assigned_today", "eq", 0)])
    stale = executor(assigned_today=4, assigned_day=NOW.date().toordinal() - 1)
    assert decide_both([stale], request(), [fresh]).executor_id == "e1"


def test_prefer_bonus_changes_the_winner() -> None:
    people = [executor("a", role="support"), executor("b", role="admin")]
    assert decide_both(people, request()).executor_id == "a"
    admins = rule(prefer=[cond("role", "eq", "admin", bonus=30)])
    assert decide_both(people, request(), [admins]).executor_id == "b"


def test_rule_effect_dry_run() -> None:
    pool = ExecutorPool(
        [
            executor("a", role="support", languages=frozenset({"ru"})),
            executor("b", role="support", languages=frozenset({"en"}), status="offline"),
            executor("c", role="designer", languages=frozenset({"ru"})),
        ]
    )
    r = rule(
        conditions=[cond("category", "eq", "support")],
        require=[cond("role", "eq", "support")],
        prefer=[
            cond("languages", "contains", "ru", bonus=10),
            cond("status", "eq", "active", bonus=2),
        ],
    )
    assert pool.rule_effect(r, request(category="support"), NOW) == {
        "applies": True, "admitted": ["a", "b"], "excluded": ["c"], "boosted": {"a": 12.0},
    }  # fmt: skip
    assert pool.rule_effect(r, request(category="design"), NOW) == {
        "applies": False, "admitted": [], "excluded": [], "boosted": {},
    }  # fmt: skip


def test_rule_effect_without_require_admits_everyone() -> None:
    pool = ExecutorPool([executor("a"), executor("b")])
    effect = pool.rule_effect(rule(), request(), NOW)
    assert effect == {"applies": True, "admitted": ["a", "b"], "excluded": [], "boosted": {}}
