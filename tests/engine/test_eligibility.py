"""Hard constraints (SPEC §4.1), each on its own, and the first-failure exclusion counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from engine_helpers import NOW, TODAY, cond, decide_both, executor, request, rule

from executor_balancer.engine import EXCLUSION_KEYS, ExecutorProfile


def excluded_by(ex: ExecutorProfile, **request_changes: object) -> str | None:
    """The constraint that rules `ex` out for a default request, or None if it is chosen."""
    decision = decide_both([ex], request(**request_changes))
    counts = {k: v for k, v in decision.explanation["excluded"].items() if v}
    if decision.executor_id == ex.id:
        assert not counts
        return None
    assert list(counts.values()) == [1]
    return next(iter(counts))


def test_baseline_executor_is_eligible() -> None:
    assert excluded_by(executor()) is None


@pytest.mark.parametrize("status", ["busy", "offline", "on_leave"])
def test_status_must_be_active(status: str) -> None:
    assert excluded_by(executor(status=status)) == "status"


def test_daily_limit_reached() -> None:
    assert excluded_by(executor(daily_limit=3, assigned_today=3)) == "daily_limit"
    assert excluded_by(executor(daily_limit=3, assigned_today=2)) is None


def test_yesterdays_counter_rolls_over() -> None:
    assert excluded_by(executor(daily_limit=3, assigned_today=3, assigned_day=TODAY - 1)) is None


def test_local_day_decides_rollover() -> None:
    """At 23:30 UTC it is already tomorrow in Moscow: yesterday's Moscow counter is stale."""
    late = datetime(2025, 3, 10, 23, 30, tzinfo=UTC)
    utc_day = late.date().toordinal()
    moscow = executor(timezone="MSK", daily_limit=1, assigned_today=1, assigned_day=utc_day)
    london = executor(timezone="UTC", daily_limit=1, assigned_today=1, assigned_day=utc_day)
    assert decide_both([moscow], request(), now=late).executor_id == "e1"
    assert decide_both([london], request(), now=late).explanation["excluded"]["daily_limit"] == 1


def test_now_in_any_offset_means_the_same_instant() -> None:
    ex = executor(timezone="MSK", daily_limit=1, assigned_today=1, assigned_day=TODAY)
    same_instant = NOW.astimezone(timezone(timedelta(hours=-7)))
    assert (
        decide_both([ex], request(), now=same_instant).explanation["excluded"]["daily_limit"] == 1
    )


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        decide_both([executor()], request(), now=datetime(2025, 1, 1))


def test_capacity_defaults_to_daily_limit() -> None:
    assert excluded_by(executor(daily_limit=2, capacity=None, current_load=2)) == "capacity"
    assert excluded_by(executor(daily_limit=9, capacity=2, current_load=2)) == "capacity"
    assert excluded_by(executor(daily_limit=9, capacity=3, current_load=2)) is None


def test_every_required_language() -> None:
    assert excluded_by(executor(), required_languages=frozenset({"en", "ru"})) is None
    assert excluded_by(executor(), required_languages=frozenset({"en", "de"})) == "languages"
    assert excluded_by(executor(), required_languages=frozenset({"xx"})) == "languages"


def test_skills_policy_all_and_any() -> None:
    both = frozenset({"python", "go"})
    assert excluded_by(executor(), required_skills=both) == "skills"
    assert decide_both([executor()], request(required_skills=both), skill_policy="any").executor_id
    none = frozenset({"go", "rust"})
    assert (
        decide_both([executor()], request(required_skills=none), skill_policy="any").executor_id
        is None
    )


def test_rejected_executor_is_never_offered_again() -> None:
    ex = executor()
    assert excluded_by(ex, excluded_executor_ids=frozenset({"e1"})) == "rejected"
    assert excluded_by(ex, excluded_executor_ids=frozenset({"someone-else"})) is None


def test_rule_require_is_a_hard_filter() -> None:
    support_only = rule(require=[cond("role", "eq", "support")])
    people = [executor("a", role="programmer"), executor("b", role="support")]
    decision = decide_both(people, request(), [support_only])
    assert decision.executor_id == "b" and decision.explanation["excluded"]["rules"] == 1


def test_each_executor_counts_once_under_its_first_failure() -> None:
    people = [
        executor("rej", status="offline"),  # rejected wins over status
        executor("off", status="offline", assigned_today=9),  # status wins over daily_limit
        executor("day", assigned_today=5, current_load=5),  # daily_limit wins over capacity
        executor("cap", current_load=5, languages=frozenset()),  # capacity over languages
        executor("lang", languages=frozenset(), skills=frozenset()),  # languages over skills
        executor("skill", skills=frozenset(), role="tester"),  # skills over rules
        executor("rule", role="tester"),
        executor("ok"),
    ]
    req = request(
        required_languages=frozenset({"en"}),
        required_skills=frozenset({"python"}),
        excluded_executor_ids=frozenset({"rej"}),
    )
    decision = decide_both(people, req, [rule(require=[cond("role", "ne", "tester")])])
    assert decision.explanation["excluded"] == dict.fromkeys(EXCLUSION_KEYS, 1)
    assert decision.executor_id == "ok" and decision.explanation["eligible"] == 1


def test_nobody_eligible_still_explains_why() -> None:
    decision = decide_both([executor(status="offline"), executor("e2", current_load=5)], request())
    assert decision.executor_id is None and decision.score == 0.0 and decision.ranked_ids == ()
    expl = decision.explanation
    assert expl["factors"] == [] and expl["runners_up"] == [] and expl["eligible"] == 0
    assert expl["excluded"] == {**dict.fromkeys(EXCLUSION_KEYS, 0), "status": 1, "capacity": 1}


def test_empty_pool() -> None:
    decision = decide_both([], request())
    assert decision.executor_id is None
    assert set(decision.explanation["excluded"]) == set(EXCLUSION_KEYS)
