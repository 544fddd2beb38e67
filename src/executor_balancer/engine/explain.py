"""The JSON-ready explanation of a decision: factors, rules, exclusions, runners-up.

Built only for the few executors a caller will show, so it can afford plain Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from executor_balancer.engine import factors
from executor_balancer.engine.affinity import affinity
from executor_balancer.engine.rules import describe, effect_text
from executor_balancer.engine.types import CompiledRule, ExecutorProfile, RequestProfile, Weights

DIGITS = 4


def score_of(values: Mapping[str, float], weights: Weights, bonus: float) -> tuple[float, float]:
    """Canonical score arithmetic: (score capped at 100, raw score before the cap)."""
    acc = 0.0
    for name, weight in weights.items():
        acc = acc + weight * values[name]
    raw = acc * 100.0 / weights.total + bonus
    return (raw if raw <= 100.0 else 100.0), raw


def contributions(values: Mapping[str, float], weights: Weights, bonus: float) -> dict[str, float]:
    """Each factor's share of the final score; scaled down together when the cap bites."""
    score, raw = score_of(values, weights, bonus)
    scale = score / raw if raw > 0 else 0.0
    shares = {name: 100.0 * w * values[name] / weights.total * scale for name, w in weights.items()}
    shares["rule_bonus"] = bonus * scale
    return shares


def factor_entries(
    profile: ExecutorProfile,
    request: RequestProfile,
    values: Mapping[str, float],
    weights: Weights,
    bonus_notes: Sequence[tuple[str, float]],
    now: datetime,
) -> list[dict[str, Any]]:
    """One entry per factor, in canonical order, then the rule bonus."""
    bonus = 0.0
    for _, points in bonus_notes:
        bonus = bonus + points
    shares = contributions(values, weights, bonus)
    reasons = _reasons(profile, request, now)
    entries = [
        _entry(name, values[name], weight, shares[name], reasons[name])
        for name, weight in weights.items()
    ]
    notes = "; ".join(f"+{points:g} {text}" for text, points in bonus_notes) or "no rule bonus"
    entries.append(_entry("rule_bonus", bonus, 1.0, shares["rule_bonus"], notes))
    return entries


def _entry(name: str, value: float, weight: float, share: float, reason: str) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, DIGITS),
        "weight": weight,
        "contribution": round(share, DIGITS),
        "reason": reason,
    }


def _reasons(p: ExecutorProfile, r: RequestProfile, now: datetime) -> dict[str, str]:
    needed = factors.experience_needed(r.complexity)
    return {
        "role": f"role {p.role} fits category {r.category} ({affinity(p.role, r.category):.2f})",
        "skills": _share(
            "has", len(r.required_skills & p.skills), len(r.required_skills), "skills"
        ),
        "language": _share(
            "speaks",
            len(r.required_languages & p.languages),
            len(r.required_languages),
            "languages",
        ),
        "timezone": _zone_reason(p.timezone, r.timezone_preference, now),
        "load": f"{p.current_load} of {p.capacity_effective} open slots in use",
        "success_rate": f"success rate {p.success_rate:.2f}",
        "experience": f"{p.experience_years:g} years; {r.complexity} complexity expects {needed:g}",
        "weight": f"manager weight {p.weight:.2f}",
    }


def _share(verb: str, have: int, wanted: int, what: str) -> str:
    return f"{verb} {have} of {wanted} required {what}" if wanted else f"no {what} required"


def _zone_reason(zone: str, preferred: str | None, now: datetime) -> str:
    if preferred is None:
        return "no time zone preference"
    gap = abs(factors.zone_offset_hours(zone, now) - factors.zone_offset_hours(preferred, now))
    return f"{zone} is {gap:g}h from the preferred {preferred}"


def rule_entries(applying: Sequence[CompiledRule], strategy: str) -> list[dict[str, Any]]:
    return [{"id": r.id, "name": r.name, "effect": effect_text(r, strategy)} for r in applying]


def bonus_notes(
    applying: Sequence[CompiledRule], record: Mapping[str, Any]
) -> list[tuple[str, float]]:
    """The prefer conditions one executor meets, as (description, points), in rule order."""
    return [
        (f"{rule.name}: {describe(cond)}", points)
        for rule in applying
        for cond, points in rule.prefer
        if cond.matches(record)
    ]


def explanation(
    *,
    score: float,
    strategy: str,
    executor_id: str | None,
    factor_list: list[dict[str, Any]],
    rule_list: list[dict[str, Any]],
    excluded: dict[str, int],
    eligible: int,
    runners_up: list[dict[str, Any]],
) -> dict[str, Any]:
    """The stored shape of SPEC §9 (plus executor_id and the eligible count)."""
    return {
        "score": round(score, DIGITS),
        "strategy": strategy,
        "executor_id": executor_id,
        "factors": factor_list,
        "rules": rule_list,
        "excluded": excluded,
        "eligible": eligible,
        "runners_up": runners_up,
    }


def runner_up(profile: ExecutorProfile, score: float) -> dict[str, Any]:
    return {"executor_id": profile.id, "name": profile.name, "score": round(score, DIGITS)}
