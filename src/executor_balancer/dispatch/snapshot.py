"""The dispatcher's in-memory view: a columnar executor pool plus compiled rules.

It may be slightly stale (the database arbitrates every reservation); committed changes
mark executors and rules dirty, and `sync` reloads just those before the next decision.
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from executor_balancer.dispatch.profiles import executor_profile
from executor_balancer.engine.pool import ExecutorPool, Ranked
from executor_balancer.engine.types import (
    CompiledRule,
    Decision,
    ExecutorProfile,
    RequestProfile,
    Weights,
)
from executor_balancer.models import Executor
from executor_balancer.rules import service as rule_service
from executor_balancer.tracking import Changes


class PoolSnapshot:
    """Thread-safe wrapper: one lock serialises engine calls and refreshes."""

    def __init__(self) -> None:
        self._pool = ExecutorPool()
        self._rules: list[CompiledRule] = []
        self._lock = threading.Lock()
        # id -> mark number. A mark is cleared only by the sync that applied data read after
        # it, so no thread ever decides on a view another thread is still loading.
        self._dirty: dict[uuid.UUID, int] = {}
        self._removed: set[uuid.UUID] = set()
        self._marks = 0
        self._rules_mark = 1
        self._rules_applied = 0
        self._loaded = False
        self.loaded_at = 0.0

    def __len__(self) -> int:
        return len(self._pool)

    def age(self) -> float:
        """Seconds since the whole pool was last read from the database."""
        return time.monotonic() - self.loaded_at

    def note(self, changes: Changes) -> None:
        """Called after a commit: remember what to reload."""
        with self._lock:
            for executor_id in changes.executors:
                self._mark(executor_id)
            self._removed |= changes.removed_executors
            if changes.rules:
                self._rules_mark += 1

    def mark_rules_dirty(self) -> None:
        with self._lock:
            self._rules_mark += 1

    def mark_dirty(self, executor_id: uuid.UUID) -> None:
        with self._lock:
            self._mark(executor_id)

    def _mark(self, executor_id: uuid.UUID) -> None:
        self._marks += 1
        self._dirty[executor_id] = self._marks

    def sync(self, session: Session) -> None:
        """Bring dirty executors and rules up to date from the database.

        The lock is never held during I/O: a thread waiting for the database while holding
        it would deadlock with a transaction that needs the snapshot (SQLite has one writer).
        """
        with self._lock:
            full, rules_mark = not self._loaded, self._rules_mark
            rules_due = rules_mark != self._rules_applied
            dirty = dict(self._dirty)
            removed = set(self._removed)
        if full:
            self.reload(session)
        fresh = self._load(session, set(dirty) - removed)
        rules = rule_service.active_compiled(session) if rules_due else None
        with self._lock:
            for executor_id in set(dirty) - removed - {uuid.UUID(p.id) for p in fresh}:
                self._pool.remove(str(executor_id))
            for profile in fresh:
                self._pool.upsert(profile)
            for executor_id in removed:
                self._pool.remove(str(executor_id))
            self._removed -= removed
            for executor_id, mark in dirty.items():
                if self._dirty.get(executor_id) == mark:  # not marked again meanwhile
                    del self._dirty[executor_id]
            if rules is not None:
                self._rules = rules
                self._rules_applied = max(self._rules_applied, rules_mark)

    def reload(self, session: Session) -> None:
        """Rebuild the whole pool from the database, then swap it in (decisions go on)."""
        rows = session.scalars(select(Executor).execution_options(populate_existing=True))
        pool = ExecutorPool(executor_profile(e) for e in rows)
        with self._lock:
            self._pool = pool
            self._loaded = True
            self.loaded_at = time.monotonic()

    def _load(self, session: Session, ids: set[uuid.UUID]) -> list[ExecutorProfile]:
        if not ids:
            return []
        stmt = (
            select(Executor)
            .where(Executor.id.in_(list(ids)))
            .execution_options(populate_existing=True)
        )
        return [executor_profile(e) for e in session.scalars(stmt)]

    def decide(self, request: RequestProfile, weights: Weights, **options: Any) -> Decision:
        with self._lock:
            return self._pool.decide(request, self._rules, weights, **options)

    def rank(self, request: RequestProfile, weights: Weights, **options: Any) -> list[Ranked]:
        with self._lock:
            return self._pool.rank(request, self._rules, weights, **options)

    def rule_effect(
        self, rule: CompiledRule, request: RequestProfile, now: datetime
    ) -> dict[str, Any]:
        with self._lock:
            return self._pool.rule_effect(rule, request, now)
