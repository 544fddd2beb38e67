"""API key shapes: the token itself appears once, in the answer to its creation."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from executor_balancer.fields import Input, Name
from executor_balancer.security.roles import Role


class KeyCreate(Input):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "CRM integration", "role": "dispatcher"}]}
    )

    name: Name
    role: Role
    executor_id: uuid.UUID | None = Field(None, description="Required for role executor")


class KeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    role: str
    executor_id: uuid.UUID | None
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class KeyCreated(KeyOut):
    key: str = Field(description="The key itself: shown now and never again")
