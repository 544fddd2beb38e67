"""Rule conditions: which fields exist, which operators fit them, and how they match.

A rule is validated once, when it is saved (`compile_condition` raises `ConditionError`
naming the problem), so evaluation in the hot path never meets a malformed condition.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from executor_balancer.domain import (
    COMPLEXITY_RANK,
    Category,
    Complexity,
    ExecutorRole,
    ExecutorStatus,
    Priority,
)


class Operator(StrEnum):
    eq = "eq"
    ne = "ne"
    in_ = "in"
    not_in = "not_in"
    contains = "contains"
    gt = "gt"
    gte = "gte"
    lt = "lt"
    lte = "lte"


class Kind(StrEnum):
    enum = "enum"  # one value from a closed set
    ordinal = "ordinal"  # an enum whose values are ordered (compares by rank)
    text = "text"  # free text; contains is a case-insensitive substring test
    tags = "tags"  # a list of lower-case strings
    number = "number"


class ConditionError(ValueError):
    """A condition that cannot be evaluated: unknown field, wrong operator or value."""


@dataclass(frozen=True)
class FieldSpec:
    kind: Kind
    choices: tuple[str, ...] = ()
    rank: Mapping[str, int] | None = None


_EQUALITY = {Operator.eq, Operator.ne, Operator.in_, Operator.not_in}
_ORDER = {Operator.gt, Operator.gte, Operator.lt, Operator.lte}
OPERATORS_BY_KIND: dict[Kind, frozenset[Operator]] = {
    Kind.enum: frozenset(_EQUALITY),
    Kind.ordinal: frozenset(_EQUALITY | _ORDER),
    Kind.text: frozenset(_EQUALITY | {Operator.contains}),
    Kind.tags: frozenset(_EQUALITY | {Operator.contains}),
    Kind.number: frozenset(_EQUALITY | _ORDER),
}

# Severity order for comparisons: "priority gte high" means high or critical.
_PRIORITY_SEVERITY: dict[str, int] = {
    Priority.low: 0,
    Priority.medium: 1,
    Priority.high: 2,
    Priority.critical: 3,
}
_COMPLEXITY_RANK: dict[str, int] = {str(k): v for k, v in COMPLEXITY_RANK.items()}

REQUEST_FIELDS: dict[str, FieldSpec] = {
    "category": FieldSpec(Kind.enum, tuple(Category)),
    "priority": FieldSpec(Kind.ordinal, tuple(Priority), _PRIORITY_SEVERITY),
    "complexity": FieldSpec(Kind.ordinal, tuple(Complexity), _COMPLEXITY_RANK),
    "required_skills": FieldSpec(Kind.tags),
    "required_languages": FieldSpec(Kind.tags),
    "timezone_preference": FieldSpec(Kind.text),
    "title": FieldSpec(Kind.text),
    "description": FieldSpec(Kind.text),
}

EXECUTOR_FIELDS: dict[str, FieldSpec] = {
    "role": FieldSpec(Kind.enum, tuple(ExecutorRole)),
    "skills": FieldSpec(Kind.tags),
    "languages": FieldSpec(Kind.tags),
    "timezone": FieldSpec(Kind.text),
    "experience_years": FieldSpec(Kind.number),
    "status": FieldSpec(Kind.enum, tuple(ExecutorStatus)),
    "current_load": FieldSpec(Kind.number),
    "assigned_today": FieldSpec(Kind.number),
    "daily_limit": FieldSpec(Kind.number),
    "success_rate": FieldSpec(Kind.number),
    "weight": FieldSpec(Kind.number),
}


@dataclass(frozen=True)
class Condition:
    """A validated condition; `matches` evaluates it against one record (a mapping)."""

    field: str
    operator: Operator
    value: Any
    spec: FieldSpec

    def matches(self, record: Mapping[str, Any]) -> bool:
        return _evaluate(self, record.get(self.field))


def compile_condition(
    fields: Mapping[str, FieldSpec], field: str, operator: str, value: Any
) -> Condition:
    """Validate one condition against a field table; raise ConditionError if it cannot work."""
    spec = fields.get(field)
    if spec is None:
        raise ConditionError(f"unknown field {field!r}; allowed: {', '.join(sorted(fields))}")
    try:
        op = Operator(operator)
    except ValueError:
        raise ConditionError(f"unknown operator {operator!r}") from None
    if op not in OPERATORS_BY_KIND[spec.kind]:
        allowed = ", ".join(sorted(o.value for o in OPERATORS_BY_KIND[spec.kind]))
        raise ConditionError(
            f"operator {op.value!r} does not fit field {field!r} (allowed: {allowed})"
        )
    return Condition(field, op, _check_value(spec, field, op, value), spec)


def _check_value(spec: FieldSpec, field: str, op: Operator, value: Any) -> Any:
    listed = spec.kind is Kind.tags and isinstance(value, list)
    if op in (Operator.in_, Operator.not_in) or listed:
        if not isinstance(value, list) or not value:
            raise ConditionError(f"operator {op.value!r} on {field!r} needs a non-empty list")
        return tuple(_check_scalar(spec, field, item) for item in value)
    return _check_scalar(spec, field, value)


def _check_scalar(spec: FieldSpec, field: str, value: Any) -> Any:
    if spec.kind is Kind.number:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConditionError(f"field {field!r} compares with a number, got {value!r}")
        return float(value)
    if not isinstance(value, str) or not value or len(value) > 300 or "\x00" in value:
        raise ConditionError(f"field {field!r} compares with a non-empty string, got {value!r}")
    if spec.choices and value not in spec.choices:
        allowed = ", ".join(spec.choices)
        raise ConditionError(f"{value!r} is not a valid {field}; allowed: {allowed}")
    return value.strip().lower() if spec.kind in (Kind.tags, Kind.text) else value


def _evaluate(cond: Condition, actual: Any) -> bool:
    kind, op, expected = cond.spec.kind, cond.operator, cond.value
    if kind is Kind.tags:
        have = {str(v).lower() for v in (actual or ())}
        return _TAG_OPS[op](have, expected)
    if actual is None:
        return op in (Operator.ne, Operator.not_in)
    if kind is Kind.text:
        actual = str(actual).lower()
    if kind is Kind.ordinal and cond.spec.rank is not None:
        rank = cond.spec.rank
        actual = rank.get(actual, -1)
        if isinstance(expected, tuple):
            expected = tuple(rank[v] for v in expected)
        else:
            expected = rank[expected]
    return _SCALAR_OPS[op](actual, expected)


def _tag_contains(have: set[str], expected: Any) -> bool:
    wanted = expected if isinstance(expected, tuple) else (expected,)
    return all(w in have for w in wanted)


_TAG_OPS: dict[Operator, Callable[[set[str], Any], bool]] = {
    Operator.contains: _tag_contains,
    Operator.eq: lambda have, e: have == set(e if isinstance(e, tuple) else (e,)),
    Operator.ne: lambda have, e: have != set(e if isinstance(e, tuple) else (e,)),
    Operator.in_: lambda have, e: bool(have & set(e)),
    Operator.not_in: lambda have, e: not (have & set(e)),
}

_SCALAR_OPS: dict[Operator, Callable[[Any, Any], bool]] = {
    Operator.eq: lambda a, e: a == e,
    Operator.ne: lambda a, e: a != e,
    Operator.in_: lambda a, e: a in e,
    Operator.not_in: lambda a, e: a not in e,
    Operator.contains: lambda a, e: e in a,
    Operator.gt: lambda a, e: a > e,
    Operator.gte: lambda a, e: a >= e,
    Operator.lt: lambda a, e: a < e,
    Operator.lte: lambda a, e: a <= e,
}
