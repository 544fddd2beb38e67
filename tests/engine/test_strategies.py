"""Strategies, their tie-breaks, and which strategy wins when several are asked for."""

from __future__ import annotations

import pytest
from engine_helpers import cond, decide_both, executor, request, rule

from executor_balancer.engine import Weights


def test_best_match_takes_the_highest_score() -> None:
    people = [executor("a", role="designer"), executor("b", role="support")]
    decision = decide_both(people, request(category="support"))
    assert decision.strategy == "best_match" and decision.executor_id == "b"
    assert decision.ranked_ids == ("b", "a")
    (runner,) = decision.explanation["runners_up"]
    assert runner["executor_id"] == "a" and runner["name"] == "Executor a"
    assert runner["score"] < decision.explanation["score"]


def test_best_match_ties_go_to_lower_load_ratio_then_smaller_id() -> None:
    """With load weighted 0 the scores tie; load ratio 1/5 beats 2/5, then 'b' beats 'c'."""
    people = [
        executor("c", current_load=1),
        executor("a", current_load=2),
        executor("b", current_load=1),
    ]
    decision = decide_both(people, request(), weights=Weights(load=0.0))
    assert decision.ranked_ids == ("b", "c", "a")


def test_round_robin_prefers_never_assigned_then_oldest_then_id() -> None:
    people = [
        executor("a", last_assigned_at=50.0),
        executor("b", last_assigned_at=10.0),
        executor("c", role="designer"),
        executor("d"),
    ]
    decision = decide_both(people, request(), strategy="round_robin")
    assert decision.strategy == "round_robin" and decision.ranked_ids == ("c", "d", "b", "a")


def test_least_loaded_then_score_then_id() -> None:
    people = [
        executor("a", current_load=0, role="designer"),
        executor("b", current_load=1, daily_limit=4),
        executor("c", current_load=0, role="support"),
        executor("d", current_load=0, role="support"),
    ]
    decision = decide_both(people, request(category="support"), strategy="least_loaded")
    assert decision.ranked_ids == ("c", "d", "a", "b")


def test_explicit_strategy_beats_rule_strategy_beats_default() -> None:
    low = rule("low", 1, strategy="least_loaded")
    high = rule("high", 5, strategy="round_robin")
    people = [executor("a"), executor("b")]
    assert decide_both(people, request(), [low, high]).strategy == "round_robin"
    assert decide_both(people, request(), [low]).strategy == "least_loaded"
    assert decide_both(people, request(), [low], strategy="best_match").strategy == "best_match"
    assert (
        decide_both(people, request(), default_strategy="least_loaded").strategy == "least_loaded"
    )


def test_rule_strategy_only_when_the_rule_applies() -> None:
    billing = rule(conditions=[cond("category", "eq", "billing")], strategy="round_robin")
    assert (
        decide_both([executor()], request(category="support"), [billing]).strategy == "best_match"
    )
    assert (
        decide_both([executor()], request(category="billing"), [billing]).strategy == "round_robin"
    )


@pytest.mark.parametrize("bad", [{"strategy": "fastest"}, {"skill_policy": "most"}])
def test_unknown_strategy_or_policy_is_refused(bad: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        decide_both([executor()], request(), **bad)


def test_ranked_ids_are_limited_and_start_with_the_choice() -> None:
    people = [executor(f"e{i:02d}") for i in range(30)]
    decision = decide_both(people, request())
    assert len(decision.ranked_ids) == 20 and decision.ranked_ids[0] == decision.executor_id
    assert len(decision.explanation["runners_up"]) == 3
