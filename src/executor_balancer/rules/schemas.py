"""Rule API shapes; conditions are checked against the field table when a rule is saved."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, FiniteFloat, model_validator
from pydantic_core import PydanticCustomError

from executor_balancer.domain import AutoStrategy
from executor_balancer.engine.conditions import ConditionError
from executor_balancer.engine.types import MAX_BONUS, compile_rule
from executor_balancer.fields import Description, Input, Name, PatchInput, text

FieldName = text(64, min_length=1)
OperatorName = text(16, min_length=1)
# Finite numbers only: NaN or Infinity would be stored and break every later evaluation.
Scalar = str | FiniteFloat | int
Value = Scalar | bool | Annotated[list[Scalar], Field(max_length=100)]

EXAMPLE = {
    "name": "Critical tickets to seniors",
    "description": "Critical requests prefer experienced, reliable executors.",
    "priority": 100,
    "is_active": True,
    "conditions": [{"field": "priority", "operator": "eq", "value": "critical"}],
    "require": [{"field": "status", "operator": "eq", "value": "active"}],
    "prefer": [{"field": "experience_years", "operator": "gte", "value": 5, "bonus": 20}],
    "strategy": "best_match",
}


class ConditionIn(Input):
    field: FieldName
    operator: OperatorName
    value: Value


class PreferIn(ConditionIn):
    bonus: float = Field(10, ge=0, le=MAX_BONUS)


ConditionList = Annotated[list[ConditionIn], Field(max_length=20)]
PreferList = Annotated[list[PreferIn], Field(max_length=20)]


def _validate_rule(conditions: list[Any], require: list[Any], prefer: list[Any],
                   strategy: str | None) -> None:
    try:
        compile_rule("", "", 0, [c.model_dump() for c in conditions],
                     [c.model_dump() for c in require], [p.model_dump() for p in prefer], strategy)
    except ConditionError as exc:
        raise PydanticCustomError("rule", "{error}", {"error": str(exc)}) from None


class RuleCreate(Input):
    READ_ONLY = frozenset({"id", "created_at", "updated_at"})
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    name: Name
    description: Description = ""
    priority: int = Field(0, ge=-1_000_000, le=1_000_000)
    is_active: bool = True
    conditions: ConditionList = []
    require: ConditionList = []
    prefer: PreferList = []
    strategy: AutoStrategy | None = None

    @model_validator(mode="after")
    def _compiles(self) -> Self:
        _validate_rule(self.conditions, self.require, self.prefer, self.strategy)
        return self


class RulePatch(PatchInput):
    NULLABLE = frozenset({"strategy"})
    READ_ONLY = frozenset({"id", "created_at", "updated_at"})
    model_config = ConfigDict(json_schema_extra={"examples": [{"is_active": False}]})

    name: Name | None = None
    description: Description | None = None
    priority: int | None = Field(None, ge=-1_000_000, le=1_000_000)
    is_active: bool | None = None
    conditions: ConditionList | None = None
    require: ConditionList | None = None
    prefer: PreferList | None = None
    strategy: AutoStrategy | None = None


class RuleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [EXAMPLE]})

    id: uuid.UUID
    name: str
    description: str
    priority: int
    is_active: bool
    conditions: list[dict[str, Any]]
    require: list[dict[str, Any]]
    prefer: list[dict[str, Any]]
    strategy: str | None
    created_at: datetime
    updated_at: datetime
