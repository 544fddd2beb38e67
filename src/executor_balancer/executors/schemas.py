"""Executor API shapes: what clients send and what they get back."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from executor_balancer.domain import ExecutorRole, ExecutorStatus
from executor_balancer.fields import (
    Input,
    LanguageList,
    Name,
    PatchInput,
    SkillList,
    Timezone,
)

# Read-only fields a client may echo back from a GET into a PUT; they are ignored.
READ_ONLY = frozenset({"id", "current_load", "assigned_today", "created_at", "updated_at"})

EXAMPLE = {
    "name": "Анна Смирнова",
    "email": "anna.smirnova@example.com",
    "role": "support",
    "skills": ["zendesk", "billing", "customer-service"],
    "languages": ["ru", "en"],
    "timezone": "Europe/Moscow",
    "experience_years": 4,
    "status": "active",
    "daily_limit": 12,
    "capacity": 5,
    "success_rate": 0.95,
    "weight": 0.8,
}


class ExecutorCreate(Input):
    READ_ONLY = READ_ONLY
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    name: Name
    email: EmailStr = Field(max_length=320)
    role: ExecutorRole
    skills: SkillList = []
    languages: LanguageList = []
    timezone: Timezone = "UTC"
    experience_years: float = Field(0, ge=0, le=80)
    status: ExecutorStatus = ExecutorStatus.active
    daily_limit: int = Field(10, ge=1, le=10_000)
    capacity: int | None = Field(None, ge=1, le=10_000)
    success_rate: float = Field(0.8, ge=0, le=1)
    weight: float = Field(1.0, ge=0, le=1)


class ExecutorPatch(PatchInput):
    """Partial update: only the fields sent change."""

    NULLABLE = frozenset({"capacity"})
    READ_ONLY = READ_ONLY
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "offline"}]})

    name: Name | None = None
    email: EmailStr | None = Field(None, max_length=320)
    role: ExecutorRole | None = None
    skills: SkillList | None = None
    languages: LanguageList | None = None
    timezone: Timezone | None = None
    experience_years: float | None = Field(None, ge=0, le=80)
    status: ExecutorStatus | None = None
    daily_limit: int | None = Field(None, ge=1, le=10_000)
    capacity: int | None = Field(None, ge=1, le=10_000)
    success_rate: float | None = Field(None, ge=0, le=1)
    weight: float | None = Field(None, ge=0, le=1)


class ExecutorOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [EXAMPLE]})

    id: uuid.UUID
    name: str
    email: str
    role: str
    skills: list[str]
    languages: list[str]
    timezone: str
    experience_years: float
    status: str
    daily_limit: int
    capacity: int | None
    current_load: int
    assigned_today: int = Field(description="Assignments received today (executor's local day).")
    success_rate: float
    weight: float
    created_at: datetime
    updated_at: datetime
