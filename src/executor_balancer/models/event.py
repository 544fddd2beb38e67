"""Append-only audit log: what happened, to which entity, by whom and why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from executor_balancer.models.base import Base, JSONList, UTCDateTime, utcnow


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_entity", "entity_type", "entity_id", "id"),
        Index("ix_event_type_ts", "type", "ts"),
        Index("ix_event_request", "request_id", "id"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    ts: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    type: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    # The request an event belongs to (its own or its assignment's): a request's history.
    request_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    actor: Mapped[str] = mapped_column(String(100), default="system")
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSONList, default=dict)
