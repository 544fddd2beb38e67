"""Checks that must hold whatever the concurrency: read straight from the database."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from executor_balancer.db import make_engine
from executor_balancer.domain import local_day


def check_invariants(database_url: str) -> dict[str, int]:
    """Assert the limits and return counts of requests by status."""
    url = database_url.replace("postgresql://", "postgresql+psycopg://")
    engine = make_engine(url)
    now = datetime.now(UTC)
    try:
        with engine.connect() as conn:
            executors = conn.execute(text(
                "SELECT id, timezone, daily_limit, capacity, current_load, assigned_today, "
                "assigned_day FROM executor")).all()
            open_by_executor = dict(conn.execute(text(
                "SELECT executor_id, count(*) FROM assignment "
                "WHERE status IN ('assigned', 'in_progress') GROUP BY executor_id")).all())
            today_by_executor = dict(conn.execute(text(
                "SELECT executor_id, count(*) FROM assignment "
                "WHERE status NOT IN ('rejected', 'cancelled') GROUP BY executor_id")).all())
            doubles = conn.execute(text(
                "SELECT request_id FROM assignment WHERE status IN ('assigned', 'in_progress') "
                "GROUP BY request_id HAVING count(*) > 1")).all()
            mismatched = conn.execute(text(
                "SELECT count(*) FROM work_request r WHERE (r.status IN ('assigned', "
                "'in_progress')) <> EXISTS (SELECT 1 FROM assignment a WHERE a.request_id = r.id "
                "AND a.status IN ('assigned', 'in_progress'))")).scalar_one()
            by_status = dict(conn.execute(text(
                "SELECT status, count(*) FROM work_request GROUP BY status")).all())
    finally:
        engine.dispose()
    for row in executors:
        today = row.assigned_today if row.assigned_day == local_day(row.timezone, now) else 0
        assert today <= row.daily_limit, f"executor {row.id} over daily limit: {today}"
        assert row.current_load <= (row.capacity or row.daily_limit), f"{row.id} over capacity"
        assert row.current_load == open_by_executor.get(row.id, 0), f"{row.id} load drift"
        assert today == today_by_executor.get(row.id, 0), f"{row.id} assigned_today drift"
    assert doubles == [], f"requests with two open assignments: {doubles}"
    assert mismatched == 0, "request status disagrees with its assignments"
    return {str(k): int(v) for k, v in by_status.items()}
