"""Rule table: conditions on the request, require/prefer on the executor (JSON lists)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from executor_balancer.models.base import Base, JSONList, UTCDateTime, new_id, utcnow


class Rule(Base):
    __tablename__ = "rule"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[int] = mapped_column(Integer, default=0, index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSONList, default=list)
    require: Mapped[list[dict[str, Any]]] = mapped_column(JSONList, default=list)
    prefer: Mapped[list[dict[str, Any]]] = mapped_column(JSONList, default=list)
    strategy: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
