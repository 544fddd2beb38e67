"""Time series by SQL aggregate: counts per minute or hour, bucketed in the database.

Bucketing is `floor((epoch(ts) - start) / size)` with the dialect's epoch function, so
100,000 rows cost one indexed range scan per series.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Float, cast, func, select
from sqlalchemy.orm import Session

from executor_balancer.models import Assignment, WorkRequest


@dataclass(frozen=True)
class Window:
    """`count` buckets of `size` seconds ending at the bucket that holds `now`."""

    now: datetime
    size: int
    count: int

    @property
    def start(self) -> datetime:
        epoch = int(self.now.timestamp())
        return datetime.fromtimestamp(epoch - epoch % self.size, self.now.tzinfo) - timedelta(
            seconds=self.size * (self.count - 1)
        )

    def labels(self) -> list[str]:
        return [(self.start + timedelta(seconds=self.size * i)).isoformat()
                for i in range(self.count)]


def epoch(column: Any, dialect: str) -> ColumnElement[float]:
    if dialect == "postgresql":
        return func.extract("epoch", column)
    return cast(func.strftime("%s", column), Float)


def bucket_counts(
    session: Session, column: Any, window: Window, *where: ColumnElement[bool]
) -> list[int]:
    dialect = session.get_bind().dialect.name
    start = window.start
    bucket = func.floor((epoch(column, dialect) - start.timestamp()) / window.size)
    stmt = (
        select(bucket, func.count())
        .where(column >= start, *where)
        .group_by(bucket)
    )
    counts = [0] * window.count
    for index, count in session.execute(stmt):
        if index is not None and 0 <= int(index) < window.count:
            counts[int(index)] += int(count)
    return counts


def activity(session: Session, window: Window, queue_now: int) -> list[dict[str, Any]]:
    """created / assigned / completed / rejected per bucket, and the queue depth after it."""
    created = bucket_counts(session, WorkRequest.created_at, window)
    assigned = bucket_counts(session, Assignment.assigned_at, window)
    completed = bucket_counts(session, Assignment.finished_at, window,
                              Assignment.status == "completed")
    returned = bucket_counts(session, Assignment.finished_at, window,
                             Assignment.status.in_(("rejected", "cancelled")))
    rejected = bucket_counts(session, Assignment.finished_at, window,
                             Assignment.status == "rejected")
    depth = _queue_depth(queue_now, created, returned, assigned)
    return [
        {"ts": ts, "created": created[i], "assigned": assigned[i], "completed": completed[i],
         "rejected": rejected[i], "queue_depth": depth[i]}
        for i, ts in enumerate(window.labels())
    ]


def _queue_depth(now: int, entered: list[int], returned: list[int], left: list[int]) -> list[int]:
    """Walk back from today's depth: after bucket i the queue held now - later net inflow.

    Approximate: requests cancelled or deleted while waiting are not subtracted.
    """
    depth = [0] * len(entered)
    level = now
    for i in range(len(entered) - 1, -1, -1):
        depth[i] = max(level, 0)
        level -= entered[i] + returned[i] - left[i]
    return depth
