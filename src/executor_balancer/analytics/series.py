"""Time series by SQL aggregate: counts per minute or hour, grouped in the database.

Each series is one indexed range scan grouped by a time prefix (SQLite) or date_trunc
(PostgreSQL), so 100,000 rows never travel to Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
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

    def keys(self) -> list[str]:
        """Bucket starts as "YYYY-MM-DD HH:MM" (UTC), the form the database groups by."""
        return [(self.start + timedelta(seconds=self.size * i)).strftime("%Y-%m-%d %H:%M")
                for i in range(self.count)]


# SQLite stores UTC timestamps as "YYYY-MM-DD HH:MM:SS.ffffff": a prefix is a bucket, and
# grouping by it is far cheaper than parsing every row with strftime.
_SQLITE_PREFIX = {60: 16, 3600: 13}
_PG_UNIT = {60: "minute", 3600: "hour"}


def _bucket_key(column: Any, size: int, dialect: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return func.to_char(func.date_trunc(_PG_UNIT[size], func.timezone("UTC", column)),
                            "YYYY-MM-DD HH24:MI")
    return func.substr(column, 1, _SQLITE_PREFIX[size])


def bucket_counts(
    session: Session, column: Any, window: Window, *, by: Any = None
) -> dict[Any, list[int]]:
    """Counts per bucket of `column` (and per value of `by`, if given)."""
    dialect = session.get_bind().dialect.name
    key = _bucket_key(column, window.size, dialect)
    group = (key,) if by is None else (key, by)
    stmt = select(*group, func.count()).where(column >= window.start).group_by(*group)
    width = _SQLITE_PREFIX[window.size]
    index = {label[:width]: i for i, label in enumerate(window.keys())}
    series: dict[Any, list[int]] = {}
    for row in session.execute(stmt):
        position = index.get(str(row[0])[:width])
        if position is not None:
            counts = series.setdefault(None if by is None else row[1], [0] * window.count)
            counts[position] += int(row[-1])
    return series


def activity(session: Session, window: Window, queue_now: int) -> list[dict[str, Any]]:
    """created / assigned / completed / rejected per bucket, and the queue depth after it."""
    empty = [0] * window.count
    created = bucket_counts(session, WorkRequest.created_at, window).get(None, empty)
    assigned = bucket_counts(session, Assignment.assigned_at, window).get(None, empty)
    ended = bucket_counts(session, Assignment.finished_at, window, by=Assignment.status)
    completed, rejected = ended.get("completed", empty), ended.get("rejected", empty)
    returned = [r + c for r, c in zip(rejected, ended.get("cancelled", empty), strict=True)]
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
