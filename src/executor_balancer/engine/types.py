"""Immutable inputs and outputs of the distribution engine.

Everything here is a frozen value: the engine never mutates what it is given, so a
decision is a function of its arguments and can be replayed or cross-checked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from executor_balancer.engine.conditions import (
    EXECUTOR_FIELDS,
    REQUEST_FIELDS,
    Condition,
    ConditionError,
    FieldSpec,
    compile_condition,
)

STRATEGIES = ("best_match", "round_robin", "least_loaded")
SKILL_POLICIES = ("all", "any")
EXCLUSION_KEYS = ("status", "daily_limit", "capacity", "languages", "skills", "rules", "rejected")
MAX_BONUS = 50.0


def _tags(values: frozenset[str]) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in values if v.strip())


@dataclass(frozen=True)
class ExecutorProfile:
    """What the engine knows about one executor; tags are normalised on construction."""

    id: str
    name: str
    role: str
    skills: frozenset[str]
    languages: frozenset[str]
    timezone: str
    experience_years: float
    status: str
    daily_limit: int
    capacity: int | None  # open assignments at once; None means daily_limit
    current_load: int  # open assignments now
    assigned_today: int  # counts for the local day `assigned_day` only
    assigned_day: int  # date.toordinal() of the executor's local day the counter belongs to
    success_rate: float
    weight: float
    last_assigned_at: float | None = None  # epoch seconds, for round_robin

    def __post_init__(self) -> None:
        object.__setattr__(self, "skills", _tags(self.skills))
        object.__setattr__(self, "languages", _tags(self.languages))

    @property
    def capacity_effective(self) -> int:
        """Open assignments allowed at once; an unset capacity falls back to the daily limit."""
        return self.daily_limit if self.capacity is None else self.capacity


@dataclass(frozen=True)
class RequestProfile:
    """The request being routed, plus the executors who already rejected it."""

    id: str
    category: str
    priority: str
    complexity: str
    required_skills: frozenset[str] = frozenset()
    required_languages: frozenset[str] = frozenset()
    timezone_preference: str | None = None
    title: str = ""
    description: str = ""
    excluded_executor_ids: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "required_skills", _tags(self.required_skills))
        object.__setattr__(self, "required_languages", _tags(self.required_languages))

    def record(self) -> Mapping[str, Any]:
        """The mapping rule conditions are evaluated against (built once per request)."""
        return self._record

    @cached_property
    def _record(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "priority": self.priority,
            "complexity": self.complexity,
            "required_skills": sorted(self.required_skills),
            "required_languages": sorted(self.required_languages),
            "timezone_preference": self.timezone_preference,
            "title": self.title,
            "description": self.description,
        }


@dataclass(frozen=True)
class CompiledRule:
    """A validated rule: request conditions, executor hard filters, bonuses, strategy."""

    id: str
    name: str
    priority: int
    conditions: tuple[Condition, ...] = ()
    require: tuple[Condition, ...] = ()
    prefer: tuple[tuple[Condition, float], ...] = ()
    strategy: str | None = None


@dataclass(frozen=True)
class Weights:
    """Relative factor weights; only their proportions matter (the score is normalised)."""

    role: float = 0.20
    skills: float = 0.25
    language: float = 0.05
    timezone: float = 0.05
    load: float = 0.15
    success_rate: float = 0.10
    experience: float = 0.10
    weight: float = 0.10

    def __post_init__(self) -> None:
        values = [getattr(self, f.name) for f in fields(self)]
        if not all(math.isfinite(v) and v >= 0 for v in values) or sum(values) <= 0:
            raise ValueError("factor weights must be >= 0 with a positive sum")

    @cached_property
    def _items(self) -> tuple[tuple[str, float], ...]:
        return tuple((f.name, float(getattr(self, f.name))) for f in fields(self))

    def items(self) -> tuple[tuple[str, float], ...]:
        """Factor name and weight, in the canonical order scores are summed in."""
        return self._items

    @cached_property
    def total(self) -> float:
        total = 0.0
        for _, w in self.items():
            total = total + w
        return total


@dataclass(frozen=True)
class Decision:
    """The engine's answer: who, why, and who comes next if the reservation loses a race."""

    executor_id: str | None
    score: float
    strategy: str
    explanation: dict[str, Any]
    ranked_ids: tuple[str, ...] = field(default=())


def compile_rule(
    id: str,
    name: str,
    priority: int,
    conditions: Sequence[Mapping[str, Any]],
    require: Sequence[Mapping[str, Any]],
    prefer: Sequence[Mapping[str, Any]],
    strategy: str | None,
) -> CompiledRule:
    """Validate a stored rule once; a ConditionError names the list and index at fault."""
    if strategy is not None and strategy not in STRATEGIES:
        raise ConditionError(f"strategy: {strategy!r} is not one of {', '.join(STRATEGIES)}")
    bonuses = tuple(_bonus(i, item) for i, item in enumerate(prefer))
    return CompiledRule(
        id=id,
        name=name,
        priority=priority,
        conditions=_compile_all("conditions", REQUEST_FIELDS, conditions),
        require=_compile_all("require", EXECUTOR_FIELDS, require),
        prefer=tuple(zip(_compile_all("prefer", EXECUTOR_FIELDS, prefer), bonuses, strict=True)),
        strategy=strategy,
    )


def _compile_all(
    where: str, specs: Mapping[str, FieldSpec], items: Sequence[Mapping[str, Any]]
) -> tuple[Condition, ...]:
    compiled = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ConditionError(f"{where}[{i}]: expected an object with field, operator and value")
        try:
            compiled.append(
                compile_condition(
                    specs, item.get("field", ""), item.get("operator", ""), item.get("value")
                )
            )
        except ConditionError as exc:
            raise ConditionError(f"{where}[{i}]: {exc}") from None
    return tuple(compiled)


def _bonus(index: int, item: Mapping[str, Any]) -> float:
    value = item.get("bonus", 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_BONUS:
        raise ConditionError(f"prefer[{index}]: bonus must be a number from 0 to {MAX_BONUS:g}")
    return float(value)
