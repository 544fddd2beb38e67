"""Health and counts: cheap aggregate queries for probes and the dashboard."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from executor_balancer import __version__
from executor_balancer.models import Assignment, Executor, Rule, WorkRequest


def health(session: Session) -> dict[str, Any]:
    try:
        session.execute(text("SELECT 1"))
        database = "ok"
    except Exception as exc:  # any driver error means "unreachable" to a probe
        database = f"error: {type(exc).__name__}"
    return {
        "status": "ok" if database == "ok" else "degraded",
        "version": __version__,
        "database": database,
        "dialect": session.get_bind().dialect.name,
    }


def count_by(session: Session, column: Any) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).group_by(column)).all()
    return {str(key): int(count) for key, count in rows}


def stats(session: Session) -> dict[str, Any]:
    executors = count_by(session, Executor.status)
    requests = count_by(session, WorkRequest.status)
    return {
        "executors": {"total": sum(executors.values()), "by_status": executors},
        "requests": {
            "total": sum(requests.values()),
            "by_status": requests,
            "by_priority": count_by(session, WorkRequest.priority),
            "by_category": count_by(session, WorkRequest.category),
        },
        "assignments": {"by_status": count_by(session, Assignment.status)},
        "rules": {"total": session.scalar(select(func.count()).select_from(Rule)) or 0},
        "queue_depth": requests.get("pending", 0),
    }
