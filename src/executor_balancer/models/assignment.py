"""Assignment table; the partial unique index allows one open assignment per request."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column

from executor_balancer.models.base import Base, JSONList, UTCDateTime, new_id, utcnow

OPEN_STATUS_SQL = "status IN ('assigned', 'in_progress')"


class Assignment(Base):
    __tablename__ = "assignment"
    __table_args__ = (
        Index(
            "uq_assignment_one_open_per_request",
            "request_id",
            unique=True,
            sqlite_where=text(OPEN_STATUS_SQL),
            postgresql_where=text(OPEN_STATUS_SQL),
        ),
        # Covers the dashboard's SLA count: an index-only range scan, no table reads.
        Index("ix_assignment_deadline_met", "assigned_at", "deadline_met"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    request_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("work_request.id", ondelete="CASCADE"), index=True
    )
    executor_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("executor.id", ondelete="SET NULL"), nullable=True, index=True
    )
    status: Mapped[str] = mapped_column(String(16), index=True)
    strategy: Mapped[str] = mapped_column(String(32))
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    explanation: Mapped[dict[str, Any] | None] = mapped_column(JSONList, nullable=True)
    # The executor's local day whose allowance this assignment used (given back on reject).
    quota_day: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Facts fixed at assignment, so the dashboard needs no join: how long the request had
    # waited, and whether it was assigned before its deadline (null: it had none).
    waited_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    deadline_met: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
