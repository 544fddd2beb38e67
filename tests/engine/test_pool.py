"""The columnar pool as a container: upsert, remove, growth, and search ranking."""

from __future__ import annotations

import pytest
from engine_helpers import NOW, cond, executor, request, rule

from executor_balancer.engine import ExecutorPool, Weights, decide_naive


def decide(pool: ExecutorPool, **changes: object) -> str | None:
    return pool.decide(request(**changes), [], Weights(), now=NOW).executor_id


def test_upsert_get_len() -> None:
    pool = ExecutorPool()
    assert len(pool) == 0 and pool.get("a") is None and decide(pool) is None
    pool.upsert(executor("a"))
    pool.upsert(executor("b", role="designer"))
    assert len(pool) == 2 and pool.get("b") == executor("b", role="designer")


def test_upsert_replaces_in_place() -> None:
    pool = ExecutorPool([executor("a", role="support"), executor("b", role="designer")])
    assert decide(pool) == "a"
    pool.upsert(executor("a", status="offline"))
    assert len(pool) == 2 and decide(pool) == "b"
    pool.upsert(executor("a", role="support", skills=frozenset({"go"})))
    assert decide(pool, required_skills=frozenset({"go"})) == "a"
    assert decide(pool, required_skills=frozenset({"python"})) == "b"


def test_remove_frees_the_row_for_reuse() -> None:
    pool = ExecutorPool([executor("a"), executor("b", role="designer")])
    assert pool.remove("a") is True and pool.remove("a") is False
    assert len(pool) == 1 and pool.get("a") is None and decide(pool) == "b"
    pool.upsert(executor("c", role="support"))
    assert len(pool) == 2 and decide(pool) == "c"
    assert pool.decide(request(), [], Weights(), now=NOW).ranked_ids == ("c", "b")


def test_unknown_time_zone_is_refused_on_upsert() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        ExecutorPool([executor(timezone="Mars/Olympus")])


def test_growth_past_many_rows_and_many_tags() -> None:
    """Capacity doubling and bitsets spilling into new 64-bit words keep every answer right."""
    people = [
        executor(f"e{i:03d}", skills=frozenset({f"s{i}", f"s{i + 1}"}), current_load=i % 3)
        for i in range(150)
    ]
    pool = ExecutorPool(people)
    assert len(pool) == 150
    for skill in ("s0", "s63", "s64", "s130", "s150"):
        req = request(required_skills=frozenset({skill}))
        fast = pool.decide(req, [], Weights(), now=NOW)
        slow = decide_naive(people, req, [], Weights(), now=NOW)
        assert fast.ranked_ids == slow.ranked_ids and fast.executor_id is not None


def test_rank_lists_eligible_only_best_first() -> None:
    pool = ExecutorPool(
        [
            executor("a", role="designer"),
            executor("b", role="support"),
            executor("c", status="offline"),
            executor("d", role="admin"),
        ]
    )
    ranked = pool.rank(request(category="support"), [], Weights(), now=NOW, limit=10)
    assert [p.id for p, _, _ in ranked] == ["b", "d", "a"]
    scores = [score for _, score, _ in ranked]
    assert scores == sorted(scores, reverse=True)
    _, score, explanation = ranked[0]
    assert explanation["executor_id"] == "b" and explanation["score"] == round(score, 4)
    assert explanation["excluded"]["status"] == 1 and explanation["eligible"] == 3
    assert len(pool.rank(request(), [], Weights(), now=NOW, limit=2)) == 2


def test_rank_applies_rules() -> None:
    pool = ExecutorPool([executor("a", role="designer"), executor("b", role="support")])
    designers = rule(require=[cond("role", "eq", "designer")])
    ranked = pool.rank(request(), [designers], Weights(), now=NOW)
    assert [p.id for p, _, _ in ranked] == ["a"]
    assert ranked[0][2]["excluded"]["rules"] == 1
