"""Soft score: each factor's value, the weighted sum, rule bonuses and the 100 cap."""

from __future__ import annotations

from typing import Any

import pytest
from engine_helpers import NOW, cond, decide_both, executor, request, rule

from executor_balancer.engine import ExecutorProfile, RequestProfile, Weights
from executor_balancer.engine.affinity import AFFINITY, CATEGORIES, UNKNOWN_AFFINITY, affinity
from executor_balancer.engine.explain import contributions

FACTORS = ["role", "skills", "language", "timezone", "load", "success_rate", "experience", "weight"]


def factors_of(
    ex: ExecutorProfile, req: RequestProfile, **kwargs: Any
) -> dict[str, dict[str, Any]]:
    decision = decide_both([ex], req, **kwargs)
    assert decision.executor_id == ex.id
    return {f["name"]: f for f in decision.explanation["factors"]}


def test_factor_list_shape_and_order() -> None:
    decision = decide_both([executor()], request())
    entries = decision.explanation["factors"]
    assert [f["name"] for f in entries] == [*FACTORS, "rule_bonus"]
    assert all(set(f) == {"name", "value", "weight", "contribution", "reason"} for f in entries)
    assert all(0.0 <= f["value"] <= 1.0 for f in entries[:-1])


def test_affinity_table_covers_every_role_and_category() -> None:
    roles = {role for role, _ in AFFINITY}
    assert len(roles) == 9 and {c for _, c in AFFINITY} == set(CATEGORIES)
    assert all(0.0 <= v <= 1.0 for v in AFFINITY.values())
    assert affinity("intern", "support") == affinity("support", "legal") == UNKNOWN_AFFINITY


def test_role_factor_uses_affinity() -> None:
    f = factors_of(executor(role="devops"), request(category="infrastructure"))
    assert f["role"]["value"] == affinity("devops", "infrastructure")
    assert f["role"]["reason"] == "role devops fits category infrastructure (1.00)"


def test_skill_coverage_under_any_policy() -> None:
    req = request(required_skills=frozenset({"python", "sql", "go"}))
    f = factors_of(executor(), req, skill_policy="any")
    assert f["skills"]["value"] == pytest.approx(2 / 3, abs=1e-4)
    assert f["skills"]["reason"] == "has 2 of 3 required skills"


def test_no_requirements_mean_full_fit() -> None:
    f = factors_of(executor(), request())
    assert f["skills"]["value"] == f["language"]["value"] == f["timezone"]["value"] == 1.0
    assert f["skills"]["reason"] == "no skills required"


@pytest.mark.parametrize(
    ("zone", "preferred", "expected"),
    [("UTC", "UTC", 1.0), ("MSK", "UTC", 0.75), ("UTC", "Asia/Kolkata", 1 - 5.5 / 12),
     ("Pacific/Kiritimati", "America/New_York", 0.5)],  # +14 vs -4 (summer): 6 h round the clock
)  # fmt: skip
def test_timezone_factor(zone: str, preferred: str, expected: float) -> None:
    f = factors_of(executor(timezone=zone), request(timezone_preference=preferred))
    assert f["timezone"]["value"] == pytest.approx(expected, abs=1e-4)


def test_load_factor_relative_to_capacity() -> None:
    f = factors_of(executor(daily_limit=10, capacity=4, current_load=1), request())
    assert f["load"]["value"] == 0.75 and f["load"]["reason"] == "1 of 4 open slots in use"


@pytest.mark.parametrize(
    ("complexity", "years", "expected"),
    [("low", 0.0, 1.0), ("medium", 1.0, 0.5), ("high", 2.0, 0.5), ("expert", 14.0, 1.0)],
)
def test_experience_factor(complexity: str, years: float, expected: float) -> None:
    f = factors_of(executor(experience_years=years), request(complexity=complexity))
    assert f["experience"]["value"] == expected


def test_score_is_weighted_mean_times_100() -> None:
    ex = executor(role="support", success_rate=0.5, weight=0.0, current_load=1, daily_limit=4)
    f = factors_of(ex, request(category="support"))
    w = Weights()
    expected = 100 * sum(getattr(w, name) * f[name]["value"] for name in FACTORS) / w.total
    decision = decide_both([ex], request(category="support"))
    assert decision.score == pytest.approx(expected, abs=1e-3)


def test_only_proportions_of_weights_matter() -> None:
    doubled = Weights(**{name: 2 * value for name, value in Weights().items()})
    one = decide_both([executor()], request())
    two = decide_both([executor()], request(), weights=doubled)
    assert one.score == pytest.approx(two.score, abs=1e-9)


def test_prefer_bonus_adds_points_and_is_explained() -> None:
    plain = decide_both([executor(success_rate=0.0)], request())
    bonus_rule = rule("b", prefer=[cond("languages", "contains", "ru", bonus=7)])
    boosted = decide_both([executor(success_rate=0.0)], request(), [bonus_rule])
    assert boosted.score == pytest.approx(plain.score + 7, abs=1e-9)
    entry = boosted.explanation["factors"][-1]
    assert entry == {
        "name": "rule_bonus", "value": 7.0, "weight": 1.0, "contribution": 7.0,
        "reason": "+7 Rule b: languages contains ru",
    }  # fmt: skip


def test_score_is_capped_and_contributions_scaled() -> None:
    big = rule("big", prefer=[cond("status", "eq", "active", bonus=50)])
    decision = decide_both(
        [executor()], request(), [big, rule("big2", prefer=[cond("weight", "gte", 0, bonus=50)])]
    )
    assert decision.score == 100.0
    total = sum(f["contribution"] for f in decision.explanation["factors"])
    assert total == pytest.approx(100.0, abs=1e-3)


def test_contributions_sum_exactly_before_rounding() -> None:
    values = dict.fromkeys(FACTORS, 0.37)
    for bonus in (0.0, 12.5, 90.0):
        shares = contributions(values, Weights(), bonus)
        score = min(100.0, 37.0 + bonus)
        assert sum(shares.values()) == pytest.approx(score, abs=1e-6)


def test_reasons_are_human_readable() -> None:
    ex = executor(timezone="MSK", experience_years=1.0, weight=0.25, success_rate=0.9)
    req = request(
        timezone_preference="UTC", complexity="high", required_languages=frozenset({"ru"})
    )
    f = factors_of(ex, req, now=NOW)
    assert f["timezone"]["reason"] == "MSK is 3h from the preferred UTC"
    assert f["language"]["reason"] == "speaks 1 of 1 required languages"
    assert f["experience"]["reason"] == "1 years; high complexity expects 4"
    assert f["success_rate"]["reason"] == "success rate 0.90"
    assert f["weight"]["reason"] == "manager weight 0.25"


def test_timezone_fit_goes_round_the_clock():
    from executor_balancer.engine.factors import timezone_fit

    assert timezone_fit(14.0, -8.0) == pytest.approx(1 - 2 / 12)
    assert timezone_fit(3.0, 3.0) == 1.0
    assert timezone_fit(0.0, 12.0) == 0.0
