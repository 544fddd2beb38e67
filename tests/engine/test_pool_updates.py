"""The pool stays equal to the naive loop while executors change and the clock moves.

Readiness, postings, language columns and id ranks are all maintained incrementally, so
this interleaves upserts, removals and decisions at advancing times (day rollovers).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from engine_helpers import NOW, executor, executors, request, requests, rule_sets
from hypothesis import given, settings
from hypothesis import strategies as st

from executor_balancer.engine import (
    CompiledRule,
    ExecutorPool,
    ExecutorProfile,
    RequestProfile,
    Weights,
    decide_naive,
)

_focused_requests = st.builds(
    lambda base, skills, languages: replace(
        base, required_skills=skills, required_languages=languages
    ),
    requests(),
    st.frozensets(st.sampled_from(("python", "sql"))),
    st.frozensets(st.sampled_from(("de", "en"))),
)  # the tags `_moved` toggles, so cached postings and language columns get exercised

_steps = st.lists(
    st.tuples(
        st.sampled_from(("upsert", "upsert", "remove", "decide")),
        st.integers(0, 11),  # which executor a step touches
        st.sampled_from((0, 1, 7, 13, 30)),  # hours the clock moves before the step
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), steps=_steps)
def test_incremental_pool_matches_naive(
    data: st.DataObject, steps: list[tuple[str, int, int]]
) -> None:
    now = NOW
    variants = data.draw(executors(now, max_size=12))
    current: dict[str, ExecutorProfile] = {p.id: p for p in variants[: len(variants) // 2]}
    pool = ExecutorPool(current.values())
    rules = data.draw(rule_sets())
    for action, index, hours in steps:
        now = now + timedelta(hours=hours)
        if action == "upsert" and variants:
            profile = variants[index % len(variants)]
            profile = data.draw(st.sampled_from((profile, _moved(profile))))
            pool.upsert(profile)
            current[profile.id] = profile
        elif action == "remove" and variants:
            victim = variants[index % len(variants)].id
            assert pool.remove(victim) == (current.pop(victim, None) is not None)
        else:
            _check(pool, list(current.values()), data.draw(_focused_requests), rules, now)
        assert len(pool) == len(current)
    _check(pool, list(current.values()), data.draw(_focused_requests), rules, now)


def _moved(p: ExecutorProfile) -> ExecutorProfile:
    """The same executor after some work: busier, counted today, maybe elsewhere."""
    return ExecutorProfile(
        **{
            **p.__dict__,
            "current_load": p.current_load + 1,
            "assigned_today": p.assigned_today + 1,
            "skills": p.skills ^ {"python"},
            "languages": p.languages ^ {"de"},
            "timezone": "Asia/Tokyo" if p.timezone == "UTC" else p.timezone,
        }
    )


def _check(
    pool: ExecutorPool,
    people: list[ExecutorProfile],
    req: RequestProfile,
    rules: list[CompiledRule],
    now: datetime,
) -> None:
    fast = pool.decide(req, rules, Weights(), now=now)
    assert fast == decide_naive(people, req, rules, Weights(), now=now)


def test_cached_tag_lookups_follow_upserts_and_removals() -> None:
    def person(id: str, skill: str, language: str) -> ExecutorProfile:
        return executor(id, skills=frozenset({skill}), languages=frozenset({language}))

    pool = ExecutorPool([person("a", "go", "en"), person("c", "sql", "de")])
    needs = request(required_skills=frozenset({"go"}), required_languages=frozenset({"de"}))
    assert pool.decide(needs, [], Weights(), now=NOW).executor_id is None  # caches warm up
    pool.upsert(person("a", "go", "de"))  # gains a language
    assert pool.decide(needs, [], Weights(), now=NOW).ranked_ids == ("a",)
    pool.upsert(person("c", "go", "de"))  # gains a skill
    assert pool.decide(needs, [], Weights(), now=NOW).ranked_ids == ("a", "c")
    pool.upsert(person("a", "rust", "de"))  # loses a skill
    assert pool.decide(needs, [], Weights(), now=NOW).ranked_ids == ("c",)
    pool.remove("c")
    pool.upsert(person("b", "go", "en"))  # reuses c's row with other tags
    assert pool.decide(needs, [], Weights(), now=NOW).executor_id is None


def test_new_zone_and_new_id_after_a_decision() -> None:
    """Caches keyed on the zone list and the id order must notice later arrivals."""
    pool = ExecutorPool([executor("m", current_load=1)])
    assert pool.decide(request(), [], Weights(), now=NOW).executor_id == "m"
    pool.upsert(executor("b", timezone="Asia/Tokyo", current_load=1))
    pool.upsert(executor("a", timezone="Asia/Tokyo", current_load=1))
    decision = pool.decide(request(), [], Weights(), now=NOW)
    assert decision.ranked_ids == ("a", "b", "m")
    tokyo_full = executor("a", timezone="Asia/Tokyo", daily_limit=1, assigned_today=1,
                          assigned_day=NOW.date().toordinal())  # fmt: skip
    pool.upsert(tokyo_full)
    assert (
        pool.decide(request(), [], Weights(), now=NOW).explanation["excluded"]["daily_limit"] == 1
    )
    assert pool.decide(request(), [], Weights(), now=NOW + timedelta(days=1)).executor_id == "a"
