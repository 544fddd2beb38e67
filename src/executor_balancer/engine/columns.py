"""Columnar storage of executor profiles: one NumPy array per attribute, one row each.

Everything that only changes when a profile changes (load ratio, clamped factors, the
day a limit was reached) is computed here, on upsert, so decisions never redo it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

from executor_balancer.domain import ExecutorStatus, resolve_timezone
from executor_balancer.engine import affinity, factors
from executor_balancer.engine.readiness import Readiness
from executor_balancer.engine.types import ExecutorProfile
from executor_balancer.engine.vocab import Bitsets, Vocabulary

NOT_FULL = -1  # full_day value of an executor below their daily limit

_SCHEMA: dict[str, DTypeLike] = {
    "present": np.bool_,
    "active": np.bool_,
    "has_room": np.bool_,
    "role": np.intp,
    "status": np.intp,
    "zone": np.intp,
    "experience": np.float64,
    "current_load": np.int64,
    "assigned_today": np.int64,
    "assigned_day": np.int64,
    "daily_limit": np.int64,
    "full_day": np.int64,
    "load_ratio": np.float64,
    "load_fit": np.float64,
    "success_rate": np.float64,
    "success_fit": np.float64,
    "weight": np.float64,
    "weight_fit": np.float64,
    "round_robin_key": np.float64,
}


def _row_values(p: ExecutorProfile) -> dict[str, Any]:
    full = p.assigned_today >= p.daily_limit
    return {
        "present": True,
        "active": p.status == ExecutorStatus.active.value,
        "has_room": p.current_load < p.capacity_effective,
        "experience": p.experience_years,
        "current_load": p.current_load,
        "assigned_today": p.assigned_today,
        "assigned_day": p.assigned_day,
        "daily_limit": p.daily_limit,
        "full_day": p.assigned_day if full else NOT_FULL,
        "load_ratio": factors.load_ratio(p),
        "load_fit": factors.load_fit(p),
        "success_rate": p.success_rate,
        "success_fit": factors.clamp01(p.success_rate),
        "weight": p.weight,
        "weight_fit": factors.clamp01(p.weight),
        "round_robin_key": -np.inf if p.last_assigned_at is None else p.last_assigned_at,
    }


class ExecutorColumns:
    """Rows are reused after removal; `present` marks the live ones."""

    def __init__(self, capacity: int = 64) -> None:
        self.capacity = capacity
        self.rows = 0  # high-water mark: rows [0, rows) have ever been used
        self.cols: dict[str, NDArray[Any]] = {
            name: np.zeros(capacity, dtype=dtype) for name, dtype in _SCHEMA.items()
        }
        self.skills = Bitsets(capacity)
        self.languages = Bitsets(capacity)
        self.readiness = Readiness(capacity)
        self.roles, self.statuses, self.zones = Vocabulary(), Vocabulary(), Vocabulary()
        self.profiles: list[ExecutorProfile | None] = []
        self.row_of: dict[str, int] = {}
        self._free: list[int] = []
        self._id_rank: NDArray[np.int64] | None = None
        self._affinity: dict[str, NDArray[np.float64]] = {}

    def __len__(self) -> int:
        return len(self.row_of)

    def upsert(self, profile: ExecutorProfile) -> None:
        """Insert or replace one executor; raises ValueError for an unknown time zone."""
        resolve_timezone(profile.timezone)
        row = self.row_of.get(profile.id)
        if row is None:
            row = self._new_row()
            self.row_of[profile.id] = row
            self._id_rank = None
        previous, self.profiles[row] = self.profiles[row], profile
        for name, value in _row_values(profile).items():
            self.cols[name][row] = value
        self.cols["role"][row] = self.roles.add(profile.role)
        self.cols["status"][row] = self.statuses.add(profile.status)
        self.cols["zone"][row] = self.zones.add(profile.timezone)
        self.skills.set_row(row, profile.skills, previous.skills if previous else ())
        self.languages.set_row(row, profile.languages, previous.languages if previous else ())
        self.readiness.update(self.cols, row)

    def remove(self, executor_id: str) -> bool:
        row = self.row_of.pop(executor_id, None)
        if row is None:
            return False
        previous = self.profile_at(row)
        self.cols["present"][row] = False
        self.profiles[row] = None
        self.skills.set_row(row, (), previous.skills)
        self.languages.set_row(row, (), previous.languages)
        self.readiness.update(self.cols, row)
        self._free.append(row)
        return True

    def get(self, executor_id: str) -> ExecutorProfile | None:
        row = self.row_of.get(executor_id)
        return None if row is None else self.profiles[row]

    def profile_at(self, row: int) -> ExecutorProfile:
        profile = self.profiles[row]
        assert profile is not None, "row is not present"
        return profile

    def id_rank(self) -> NDArray[np.int64]:
        """Position of each row's id in sorted id order, for the 'smaller id wins' tie-break."""
        if self._id_rank is None:
            ids = [p.id if p is not None else "" for p in self.profiles]
            rank = np.zeros(self.capacity, dtype=np.int64)
            rank[np.array(sorted(range(len(ids)), key=ids.__getitem__), dtype=np.int64)] = (
                np.arange(len(ids), dtype=np.int64)
            )
            self._id_rank = rank
        return self._id_rank

    def affinity_row(self, category: str) -> NDArray[np.float64]:
        """Role fit for one category, indexed by role index (cached until a new role appears)."""
        row = self._affinity.get(category)
        if row is None or len(row) != len(self.roles):
            row = self._affinity[category] = affinity.affinity_row(category, self.roles.items)
        return row

    def _new_row(self) -> int:
        if self._free:
            return self._free.pop()
        if self.rows == self.capacity:
            self._grow(self.capacity * 2)
        self.profiles.append(None)
        self.rows += 1
        return self.rows - 1

    def _grow(self, capacity: int) -> None:
        for name, old in self.cols.items():
            grown = np.zeros(capacity, dtype=old.dtype)
            grown[: self.capacity] = old
            self.cols[name] = grown
        self.skills.grow(capacity)
        self.languages.grow(capacity)
        self.readiness.grow(capacity)
        self.capacity = capacity
        self._id_rank = None
