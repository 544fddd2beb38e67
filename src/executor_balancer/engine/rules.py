"""Rules at decision time: which apply, what they require, what they boost, how they read.

Request conditions are scalar (one request per decision); executor conditions are
evaluated for a whole frame at once: small vocabularies via a lookup table, numbers by
comparison, tags on bitsets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from executor_balancer.engine.conditions import Condition, Kind, Operator
from executor_balancer.engine.frame import Frame
from executor_balancer.engine.types import STRATEGIES, CompiledRule, ExecutorProfile, RequestProfile

BoolArray = NDArray[np.bool_]

_VOCAB_FIELDS = ("role", "status", "timezone")
_NUMBER_COLUMNS = {
    "experience_years": "experience",
    "current_load": "current_load",
    "daily_limit": "daily_limit",
    "success_rate": "success_rate",
    "weight": "weight",
}
_COMPARE: dict[Operator, Callable[[NDArray[Any], Any], BoolArray]] = {
    Operator.eq: lambda a, e: a == e,
    Operator.ne: lambda a, e: a != e,
    Operator.in_: lambda a, e: np.isin(a, e),
    Operator.not_in: lambda a, e: ~np.isin(a, e),
    Operator.gt: lambda a, e: a > e,
    Operator.gte: lambda a, e: a >= e,
    Operator.lt: lambda a, e: a < e,
    Operator.lte: lambda a, e: a <= e,
}


def applying_rules(rules: Sequence[CompiledRule], request: RequestProfile) -> list[CompiledRule]:
    """Rules whose conditions all match the request, highest priority first (then id)."""
    record = request.record()
    ordered = sorted(rules, key=lambda r: (-r.priority, r.id))
    return [r for r in ordered if all(c.matches(record) for c in r.conditions)]


def resolve_strategy(explicit: str | None, applying: Sequence[CompiledRule], default: str) -> str:
    """The caller's explicit choice wins, then the top applying rule's, then the default."""
    rule_choice = next((r.strategy for r in applying if r.strategy), None)
    strategy = explicit or rule_choice or default
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}; use one of {', '.join(STRATEGIES)}")
    return strategy


def executor_record(profile: ExecutorProfile, assigned_today: int) -> dict[str, Any]:
    """The mapping executor conditions see (assigned_today already rolled over)."""
    return {
        "role": profile.role,
        "skills": sorted(profile.skills),
        "languages": sorted(profile.languages),
        "timezone": profile.timezone,
        "experience_years": profile.experience_years,
        "status": profile.status,
        "current_load": profile.current_load,
        "assigned_today": assigned_today,
        "daily_limit": profile.daily_limit,
        "success_rate": profile.success_rate,
        "weight": profile.weight,
    }


def condition_mask(cond: Condition, frame: Frame) -> BoolArray:
    """Where `cond` holds, for every row of the frame."""
    if cond.field in _VOCAB_FIELDS:
        table = frame.vocabulary(cond.field).table(cond, lambda v: cond.matches({cond.field: v}))
        return table.take(frame.codes(cond.field))
    if cond.spec.kind is Kind.tags:
        return _tags_mask(cond, frame)
    if cond.field == "assigned_today":
        column = frame.assigned_today()
    else:
        column = frame.column(_NUMBER_COLUMNS[cond.field])
    return _COMPARE[cond.operator](column, cond.value)


def _tags_mask(cond: Condition, frame: Frame) -> BoolArray:
    wanted = cond.value if isinstance(cond.value, tuple) else (cond.value,)
    mask, all_known = frame.bitsets(cond.field).mask(wanted)
    bits = frame.bits(cond.field)
    op = cond.operator
    if op in (Operator.in_, Operator.not_in):
        hit = np.zeros(len(frame), dtype=np.bool_)
        for word in np.flatnonzero(mask):
            hit |= (bits[word] & mask[word]) != 0
        return hit if op is Operator.in_ else ~hit
    same = np.full(len(frame), all_known, dtype=np.bool_)
    if op is Operator.contains:
        for word in np.flatnonzero(mask):
            same &= (bits[word] & mask[word]) == mask[word]
    else:
        for index in range(len(mask)):
            same &= bits[index] == mask[index]
    return ~same if op is Operator.ne else same


def require_mask(rules: Sequence[CompiledRule], frame: Frame) -> BoolArray:
    """Rows that pass every `require` of every applying rule."""
    keep = np.ones(len(frame), dtype=np.bool_)
    for rule in rules:
        for cond in rule.require:
            keep &= condition_mask(cond, frame)
    return keep


def prefer_bonus(rules: Sequence[CompiledRule], frame: Frame) -> NDArray[np.float64] | float:
    """Bonus points per row, summed in rule order (a plain 0.0 when no rule prefers)."""
    bonus: NDArray[np.float64] | float = 0.0
    for rule in rules:
        for cond, points in rule.prefer:
            bonus = bonus + np.where(condition_mask(cond, frame), points, 0.0)
    return bonus


def describe(cond: Condition) -> str:
    """A condition as a user wrote it, e.g. 'languages in ru, en'."""
    values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
    return f"{cond.field} {cond.operator.value} {', '.join(_show(v) for v in values)}"


def _show(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def effect_text(rule: CompiledRule, used_strategy: str) -> str:
    """What an applying rule did to this decision, in one line."""
    parts = [f"require: {describe(c)}" for c in rule.require]
    parts += [f"prefer +{points:g}: {describe(c)}" for c, points in rule.prefer]
    if rule.strategy:
        unused = "" if rule.strategy == used_strategy else " (not used)"
        parts.append(f"strategy: {rule.strategy}{unused}")
    return "; ".join(parts) or "matched (no effect)"
