"""Work request table; `priority_rank` lets the queue be read in order from an index."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from executor_balancer.models.base import Base, JSONList, UTCDateTime, new_id, utcnow


class WorkRequest(Base):
    __tablename__ = "work_request"
    __table_args__ = (
        Index("ix_work_request_queue", "status", "priority_rank", "deadline", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(32), index=True)
    priority: Mapped[str] = mapped_column(String(16), index=True)
    priority_rank: Mapped[int] = mapped_column(Integer)
    complexity: Mapped[str] = mapped_column(String(16))
    required_skills: Mapped[list[str]] = mapped_column(JSONList, default=list)
    required_languages: Mapped[list[str]] = mapped_column(JSONList, default=list)
    timezone_preference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    assigned_executor_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("executor.id", ondelete="SET NULL"), nullable=True, index=True
    )
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
