"""Which executors could take work at all today, kept current instead of recomputed.

Status, the daily limit and capacity depend only on the profile and each zone's local
day, so the first failing one is stored per row and counted; a decision then costs
nothing for them unless some zone's local day has changed since the last one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

ABSENT, STATUS, DAILY_LIMIT, CAPACITY, READY = range(5)
BLOCKING_KEYS = {STATUS: "status", DAILY_LIMIT: "daily_limit", CAPACITY: "capacity"}


def block_codes(
    cols: dict[str, NDArray[Any]], rows: slice | NDArray[np.intp], today: NDArray[np.int64]
) -> NDArray[np.int8]:
    """First failing of status, daily_limit, capacity per row (READY when none fails)."""
    code = np.full(len(cols["present"][rows]), READY, dtype=np.int8)
    code[~cols["has_room"][rows]] = CAPACITY
    code[cols["full_day"][rows] == today.take(cols["zone"][rows])] = DAILY_LIMIT
    code[~cols["active"][rows]] = STATUS
    code[~cols["present"][rows]] = ABSENT
    return code


class Readiness:
    """Per-row block code, the READY mask, and how many rows carry each code."""

    def __init__(self, capacity: int) -> None:
        self.code: NDArray[np.int8] = np.zeros(capacity, dtype=np.int8)
        self.ready: NDArray[np.bool_] = np.zeros(capacity, dtype=np.bool_)
        self.counts = [0] * 5
        self._today: NDArray[np.int64] | None = None

    def grow(self, capacity: int) -> None:
        for name in ("code", "ready"):
            old = getattr(self, name)
            grown = np.zeros(capacity, dtype=old.dtype)
            grown[: len(old)] = old
            setattr(self, name, grown)

    def sync(self, cols: dict[str, NDArray[Any]], rows: int, today: NDArray[np.int64]) -> None:
        """Recompute everything when the local day of any zone differs from the last sync."""
        if self._today is not None and self._today.tobytes() == today.tobytes():
            return
        code = block_codes(cols, slice(0, rows), today)
        self.code[:rows] = code
        self.ready[:rows] = code == READY
        self.counts = np.bincount(code, minlength=5).tolist()
        self._today = today.copy()

    def update(self, cols: dict[str, NDArray[Any]], row: int) -> None:
        """Refresh one row after an upsert or removal (a zone never synced forces a full sync)."""
        if self._today is None or cols["zone"][row] >= len(self._today):
            self._today = None
            return
        new = int(block_codes(cols, np.array([row]), self._today)[0])
        self.counts[int(self.code[row])] -= 1
        self.counts[new] += 1
        self.code[row] = new
        self.ready[row] = new == READY
