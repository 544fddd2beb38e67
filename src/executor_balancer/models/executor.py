"""Executor table: profile, limits and the counters the reservation UPDATE guards."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Float, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from executor_balancer.models.base import Base, JSONList, UTCDateTime, new_id, utcnow


class Executor(Base):
    __tablename__ = "executor"
    __table_args__ = (
        CheckConstraint("daily_limit >= 1", name="daily_limit_positive"),
        CheckConstraint("capacity IS NULL OR capacity >= 1", name="capacity_positive"),
        CheckConstraint("current_load >= 0", name="current_load_non_negative"),
        CheckConstraint("assigned_today >= 0", name="assigned_today_non_negative"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(32), index=True)
    skills: Mapped[list[str]] = mapped_column(JSONList, default=list)
    languages: Mapped[list[str]] = mapped_column(JSONList, default=list)
    timezone: Mapped[str] = mapped_column(String(64))
    experience_years: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(16), index=True)
    daily_limit: Mapped[int] = mapped_column(Integer)
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    current_load: Mapped[int] = mapped_column(Integer, default=0)
    # assigned_today counts for the local day `assigned_day` (date ordinal); another day means 0.
    assigned_today: Mapped[int] = mapped_column(Integer, default=0)
    assigned_day: Mapped[int] = mapped_column(Integer, default=0)
    completed_count: Mapped[int] = mapped_column(Integer, default=0)
    success_count: Mapped[int] = mapped_column(Integer, default=0)
    success_rate: Mapped[float] = mapped_column(Float, default=1.0)
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    last_assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
