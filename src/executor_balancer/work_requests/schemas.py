"""Work request API shapes (named so it never clashes with starlette's Request)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from executor_balancer.assignments.schemas import AssignmentOut
from executor_balancer.domain import AutoStrategy, Category, Complexity, Priority, RequestStatus
from executor_balancer.fields import (
    AwareDatetime,
    Description,
    Input,
    LanguageList,
    PatchInput,
    SkillList,
    Timezone,
    Title,
)

EXAMPLE = {
    "title": "Не проходит оплата картой",
    "description": "Клиент получает ошибку 502 при оплате заказа №4411.",
    "category": "support",
    "priority": "high",
    "complexity": "medium",
    "required_skills": ["billing"],
    "required_languages": ["ru"],
    "timezone_preference": "Europe/Moscow",
    "deadline": "2026-12-31T18:00:00+03:00",
}


def _utc_representable(value: datetime) -> datetime:
    """Stored in UTC, so it must exist in UTC (9999-12-31T23:59-12:00 does not): 422, not 500."""
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("deadline is out of the supported range") from None
    return value


Deadline = Annotated[AwareDatetime, AfterValidator(_utc_representable)]


READ_ONLY = frozenset(
    {"id", "assigned_executor_id", "created_at", "updated_at", "assignment", "explanation"}
)


class RequestCreate(Input):
    READ_ONLY = READ_ONLY
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    title: Title
    description: Description = ""
    category: Category
    priority: Priority = Priority.medium
    complexity: Complexity = Complexity.medium
    required_skills: SkillList = []
    required_languages: LanguageList = []
    timezone_preference: Timezone | None = None
    deadline: Deadline | None = None


class RequestPatch(PatchInput):
    """Partial update; `status` accepts only `cancelled` (the rest follows the assignment)."""

    NULLABLE = frozenset({"timezone_preference", "deadline"})
    READ_ONLY = READ_ONLY
    model_config = ConfigDict(json_schema_extra={"examples": [{"priority": "critical"}]})

    title: Title | None = None
    description: Description | None = None
    category: Category | None = None
    priority: Priority | None = None
    complexity: Complexity | None = None
    required_skills: SkillList | None = None
    required_languages: LanguageList | None = None
    timezone_preference: Timezone | None = None
    deadline: Deadline | None = None
    status: RequestStatus | None = None


class AssignBody(Input):
    strategy: AutoStrategy | None = Field(None, description="Overrides rules and the default")


class RequestReplace(RequestCreate):
    status: RequestStatus | None = None


class RequestOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [EXAMPLE]})

    id: uuid.UUID
    title: str
    description: str
    category: str
    priority: str
    complexity: str
    required_skills: list[str]
    required_languages: list[str]
    timezone_preference: str | None
    status: str
    assigned_executor_id: uuid.UUID | None
    deadline: datetime | None
    created_at: datetime
    updated_at: datetime


class RequestDetail(RequestOut):
    """A request with its open (or last) assignment and the explanation behind it."""

    assignment: AssignmentOut | None = None
    explanation: dict[str, Any] | None = Field(
        None, description="When the request waits: why nobody could take it just now."
    )
