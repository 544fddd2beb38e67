"""GET /api/dashboard: everything the live dashboard draws, from SQL aggregates."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from executor_balancer.analytics.series import Window, activity
from executor_balancer.analytics.service import count_by
from executor_balancer.executors import repository as executor_repository
from executor_balancer.models import Assignment, Executor, WorkRequest
from executor_balancer.models.base import utcnow

TOP_EXECUTORS = 100
TTA_WINDOW = timedelta(hours=24)
TTA_SAMPLE = 10_000  # percentiles from the most recent assignments in the window


def dashboard(session: Session, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    by_status = count_by(session, WorkRequest.status)
    queue = by_status.get("pending", 0)
    return {
        "generated_at": now.isoformat(),
        "queue_depth": queue,
        "per_minute": activity(session, Window(now, 60, 60), queue),
        "per_hour": hourly(session, now, queue),
        "time_to_assign": time_to_assign(session, now - TTA_WINDOW),
        "executors": executor_loads(session, now),
        "fairness": fairness(session),
        "sla": sla(session, now, now - TTA_WINDOW),
        "by_status": by_status,
        "by_category": count_by(session, WorkRequest.category),
        "by_priority": count_by(session, WorkRequest.priority),
    }


_HOURLY: dict[tuple[int, int], tuple[float, list[dict[str, Any]]]] = {}
HOURLY_TTL_SECONDS = 30.0


def hourly(session: Session, now: datetime, queue: int) -> list[dict[str, Any]]:
    """The 24-hour series, recomputed at most every 30 s (it reads a day of rows); the
    current hour's queue depth is always today's."""
    key = (id(session.get_bind()), int(now.timestamp()) // 3600)
    cached = _HOURLY.get(key)
    if cached is None or time.monotonic() - cached[0] > HOURLY_TTL_SECONDS:
        _HOURLY.clear()
        cached = _HOURLY[key] = (time.monotonic(), activity(session, Window(now, 3600, 24), queue))
    series = [dict(bucket) for bucket in cached[1]]
    series[-1]["queue_depth"] = queue
    return series


def time_to_assign(session: Session, since: datetime) -> dict[str, Any]:
    """Seconds each assignment made since `since` waited (percentiles from the latest ones)."""
    stmt = (
        select(Assignment.waited_seconds)
        .where(Assignment.assigned_at >= since, Assignment.waited_seconds.is_not(None))
        .order_by(Assignment.assigned_at.desc())
        .limit(TTA_SAMPLE)
    )
    values = np.fromiter((float(v) for v in session.scalars(stmt)), dtype=np.float64)
    if values.size == 0:
        return {"count": 0, "mean_seconds": None, "p50_seconds": None, "p95_seconds": None}
    p50, p95 = np.percentile(values, [50, 95])
    return {
        "count": int(values.size),
        "mean_seconds": float(values.mean()),
        "p50_seconds": float(p50),
        "p95_seconds": float(p95),
    }


def executor_loads(session: Session, now: datetime) -> list[dict[str, Any]]:
    """The busiest executors (current load against capacity) for the load chart."""
    ratio = executor_repository.load_ratio()
    stmt = (
        select(Executor, ratio.label("ratio"))
        .where(Executor.status != "offline")
        .order_by(ratio.desc(), Executor.name)
        .limit(TOP_EXECUTORS)
    )
    rows = []
    for executor, load_ratio in session.execute(stmt):
        capacity = executor.capacity or executor.daily_limit
        today = executor_repository.assigned_today(executor, now)
        rows.append(
            {
                "id": str(executor.id),
                "name": executor.name,
                "role": executor.role,
                "status": executor.status,
                "current_load": executor.current_load,
                "capacity": capacity,
                "daily_limit": executor.daily_limit,
                "load_ratio": float(load_ratio or 0),
                "assigned_today": today,
                "utilisation": today / executor.daily_limit,
            }
        )
    return rows


def fairness(session: Session) -> dict[str, Any]:
    """Jain's index of load over active executors: 1 = perfectly even, 1/n = one does all."""
    ratio = executor_repository.load_ratio()
    n, total, squares = session.execute(
        select(func.count(), func.sum(ratio), func.sum(ratio * ratio)).where(
            Executor.status == "active"
        )
    ).one()
    if not n:
        return {"jain_index": None, "active_executors": 0}
    total, squares = float(total or 0), float(squares or 0)
    index = 1.0 if squares == 0 else total * total / (n * squares)
    return {"jain_index": round(index, 4), "active_executors": int(n)}


def sla(session: Session, now: datetime, since: datetime) -> dict[str, Any]:
    """Assignments since `since` of requests with a deadline, plus requests overdue in the
    queue: the share assigned before the deadline (a request offered twice counts twice)."""
    met = func.sum(case((Assignment.deadline_met.is_(True), 1), else_=0))
    assigned, in_time = session.execute(
        select(func.count(), func.coalesce(met, 0)).where(
            Assignment.assigned_at >= since, Assignment.deadline_met.is_not(None)
        )
    ).one()
    overdue = (
        session.scalar(
            select(func.count())
            .select_from(WorkRequest)
            .where(WorkRequest.status == "pending", WorkRequest.deadline < now)
        )
        or 0
    )
    total = int(assigned) + int(overdue)
    return {
        "with_deadline": total,
        "met": int(in_time),
        "share": round(int(in_time) / total, 4) if total else None,
    }
