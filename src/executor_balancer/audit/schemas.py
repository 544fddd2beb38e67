"""Audit log API shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class EventOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    ts: datetime
    type: str
    entity_type: str
    entity_id: str
    request_id: str | None
    actor: str
    reason: str | None
    data: dict[str, Any]


class History(BaseModel):
    request_id: str
    items: list[EventOut]
