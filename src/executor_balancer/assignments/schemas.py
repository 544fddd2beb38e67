"""Assignment API shapes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from executor_balancer.domain import AssignmentStatus, Outcome
from executor_balancer.fields import Input, Note, PatchInput


class AssignmentCreate(Input):
    """Manual assignment: the same hard limits as automatic distribution apply."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{
            "request_id": "0b8a3f0e-6c1e-4f57-9a53-2f1f3f0b7d11",
            "executor_id": "5d2c1a9e-1f0b-4c7a-8d55-0e9f1b2c3d44",
            "note": "Customer asked for Anna",
        }]}
    )

    request_id: uuid.UUID
    executor_id: uuid.UUID
    note: Note | None = None


class AssignmentPatch(PatchInput):
    """Change status (through the transition table only), outcome or note."""

    NULLABLE = frozenset({"note"})
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "completed", "outcome": "success"}]}
    )

    status: AssignmentStatus | None = None
    outcome: Outcome | None = None
    note: Note | None = None


class CompleteBody(Input):
    outcome: Outcome = Outcome.success


class ReasonBody(Input):
    reason: Note | None = None


class AssignmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    request_id: uuid.UUID
    executor_id: uuid.UUID | None
    status: str
    strategy: str
    score: float | None
    explanation: dict[str, Any] | None
    assigned_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    outcome: str | None
    note: str | None
    reason: str | None
