"""A deliberately naive engine: one Python loop over executors, same semantics as the pool.

It exists to cross-check the vectorised pool in tests and as the baseline in the
benchmark; it is never used to serve decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from executor_balancer.engine import explain, factors
from executor_balancer.engine.affinity import affinity
from executor_balancer.engine.eligibility import empty_counts
from executor_balancer.engine.rules import applying_rules, executor_record, resolve_strategy
from executor_balancer.engine.types import (
    SKILL_POLICIES,
    CompiledRule,
    Decision,
    ExecutorProfile,
    RequestProfile,
    Weights,
)


@dataclass(frozen=True)
class _Candidate:
    profile: ExecutorProfile
    values: dict[str, float]
    notes: list[tuple[str, float]]
    score: float


def decide_naive(
    executors: Sequence[ExecutorProfile],
    request: RequestProfile,
    rules: Sequence[CompiledRule],
    weights: Weights,
    *,
    now: datetime,
    strategy: str | None = None,
    default_strategy: str = "best_match",
    skill_policy: str = "all",
) -> Decision:
    """Score every executor one by one and pick per strategy, exactly like ExecutorPool.decide."""
    if skill_policy not in SKILL_POLICIES:
        raise ValueError(f"unknown skill policy {skill_policy!r}; use 'all' or 'any'")
    factors.require_aware(now)
    applying = applying_rules(rules, request)
    used = resolve_strategy(strategy, applying, default_strategy)
    excluded = empty_counts()
    candidates = []
    for executor in executors:
        assigned = factors.effective_assigned_today(executor, now)
        failure = _first_failure(executor, request, assigned, applying, skill_policy)
        if failure:
            excluded[failure] += 1
            continue
        record = executor_record(executor, assigned)
        values = _values(executor, request, now)
        notes = explain.bonus_notes(applying, record)
        bonus = 0.0
        for _, points in notes:
            bonus = bonus + points
        candidates.append(
            _Candidate(executor, values, notes, explain.score_of(values, weights, bonus)[0])
        )
    candidates.sort(key=_SORT_KEYS[used])
    return _decision(candidates, request, weights, used, applying, excluded, now)


def _first_failure(
    ex: ExecutorProfile,
    request: RequestProfile,
    assigned_today: int,
    applying: Sequence[CompiledRule],
    skill_policy: str,
) -> str | None:
    if ex.id in request.excluded_executor_ids:
        return "rejected"
    if ex.status != "active":
        return "status"
    if assigned_today >= ex.daily_limit:
        return "daily_limit"
    if ex.current_load >= ex.capacity_effective:
        return "capacity"
    if not request.required_languages <= ex.languages:
        return "languages"
    wanted = request.required_skills
    if wanted and skill_policy == "all" and not wanted <= ex.skills:
        return "skills"
    if wanted and skill_policy == "any" and not wanted & ex.skills:
        return "skills"
    requires = [c for rule in applying for c in rule.require]
    if requires and not all(c.matches(executor_record(ex, assigned_today)) for c in requires):
        return "rules"
    return None


def _values(ex: ExecutorProfile, request: RequestProfile, now: datetime) -> dict[str, float]:
    skills, languages = request.required_skills, request.required_languages
    preferred = request.timezone_preference
    needed = factors.experience_needed(request.complexity)
    return {
        "role": affinity(ex.role, request.category),
        "skills": len(skills & ex.skills) / len(skills) if skills else 1.0,
        "language": len(languages & ex.languages) / len(languages) if languages else 1.0,
        "timezone": 1.0
        if preferred is None
        else factors.timezone_fit(
            factors.zone_offset_hours(ex.timezone, now), factors.zone_offset_hours(preferred, now)
        ),
        "load": factors.load_fit(ex),
        "success_rate": factors.clamp01(ex.success_rate),
        "experience": 1.0 if needed <= 0 else min(1.0, max(0.0, ex.experience_years / needed)),
        "weight": factors.clamp01(ex.weight),
    }


def _round_robin_key(c: _Candidate) -> tuple[Any, ...]:
    last = c.profile.last_assigned_at
    return (last is not None, last or 0.0, c.profile.id)


_SORT_KEYS: dict[str, Callable[[_Candidate], tuple[Any, ...]]] = {
    "best_match": lambda c: (-c.score, factors.load_ratio(c.profile), c.profile.id),
    "least_loaded": lambda c: (factors.load_ratio(c.profile), -c.score, c.profile.id),
    "round_robin": _round_robin_key,
}


def _decision(
    ranked: list[_Candidate],
    request: RequestProfile,
    weights: Weights,
    strategy: str,
    applying: Sequence[CompiledRule],
    excluded: dict[str, int],
    now: datetime,
) -> Decision:
    best = ranked[0] if ranked else None
    factor_list = (
        explain.factor_entries(best.profile, request, best.values, weights, best.notes, now)
        if best
        else []
    )
    payload = explain.explanation(
        score=best.score if best else 0.0,
        strategy=strategy,
        executor_id=best.profile.id if best else None,
        factor_list=factor_list,
        rule_list=explain.rule_entries(applying, strategy),
        excluded=excluded,
        eligible=len(ranked),
        runners_up=[explain.runner_up(c.profile, c.score) for c in ranked[1:4]],
    )
    ids = tuple(c.profile.id for c in ranked[:20])
    return Decision(ids[0] if ids else None, best.score if best else 0.0, strategy, payload, ids)
