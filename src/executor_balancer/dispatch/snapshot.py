"""The dispatcher's in-memory view: a columnar executor pool plus compiled rules.

It may be slightly stale (the database arbitrates every reservation); committed changes
mark executors and rules dirty, and `sync` reloads just those before the next decision.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from executor_balancer.dispatch.profiles import executor_profile
from executor_balancer.engine.pool import ExecutorPool, Ranked
from executor_balancer.engine.types import (
    CompiledRule,
    Decision,
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
        self._dirty: set[uuid.UUID] = set()
        self._removed: set[uuid.UUID] = set()
        self._rules_dirty = True
        self._loaded = False
        self.loaded_at = 0.0

    def __len__(self) -> int:
        return len(self._pool)

    def note(self, changes: Changes) -> None:
        """Called after a commit: remember what to reload."""
        with self._lock:
            self._dirty |= changes.executors
            self._removed |= changes.removed_executors
            self._rules_dirty |= changes.rules

    def mark_dirty(self, executor_id: uuid.UUID) -> None:
        with self._lock:
            self._dirty.add(executor_id)

    def invalidate(self) -> None:
        """Reload everything at the next sync (periodic sweep; other instances' changes)."""
        with self._lock:
            self._loaded = False
            self._rules_dirty = True

    def sync(self, session: Session) -> None:
        """Bring dirty executors and rules up to date from the database."""
        with self._lock:
            if not self._loaded:
                self._load_all(session)
            elif self._dirty or self._removed:
                self._reload(session, self._dirty - self._removed)
                for executor_id in self._removed:
                    self._pool.remove(str(executor_id))
            self._dirty.clear()
            self._removed.clear()
            if self._rules_dirty:
                self._rules = rule_service.active_compiled(session)
                self._rules_dirty = False

    def _load_all(self, session: Session) -> None:
        pool = ExecutorPool()
        for executor in session.scalars(select(Executor).execution_options(populate_existing=True)):
            pool.upsert(executor_profile(executor))
        self._pool = pool
        self._loaded = True
        self.loaded_at = time.monotonic()

    def _reload(self, session: Session, ids: Iterable[uuid.UUID]) -> None:
        wanted = list(ids)
        stmt = (
            select(Executor).where(Executor.id.in_(wanted))
            .execution_options(populate_existing=True)
        )
        found = {e.id: e for e in session.scalars(stmt)}
        for executor_id in wanted:
            executor = found.get(executor_id)
            if executor is None:
                self._pool.remove(str(executor_id))
            else:
                self._pool.upsert(executor_profile(executor))

    def decide(self, request: RequestProfile, weights: Weights, **options: Any) -> Decision:
        with self._lock:
            return self._pool.decide(request, self._rules, weights, **options)

    def rank(self, request: RequestProfile, weights: Weights, **options: Any) -> list[Ranked]:
        with self._lock:
            return self._pool.rank(request, self._rules, weights, **options)

    def rule_effect(self, rule: CompiledRule, request: RequestProfile, now: datetime) -> dict[str, Any]:
        with self._lock:
            return self._pool.rule_effect(rule, request, now)
