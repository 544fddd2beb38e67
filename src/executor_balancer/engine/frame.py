"""A lazily gathered view of some rows of the executor store, for one decision.

Only the columns a decision actually touches are copied out, once each, so a request
with a narrow candidate set costs little beyond the hard filter.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from executor_balancer.engine.columns import ExecutorColumns
from executor_balancer.engine.vocab import Bitsets, Vocabulary


class Frame:
    """Rows `rows` of `store`, with the per-zone local day of this decision."""

    def __init__(
        self, store: ExecutorColumns, rows: NDArray[np.intp], today_by_zone: NDArray[np.int64]
    ) -> None:
        self.store = store
        self.rows = rows
        self.today_by_zone = today_by_zone
        self._cache: dict[str, NDArray[Any]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> NDArray[Any]:
        cached = self._cache.get(name)
        if cached is None:
            cached = self._cache[name] = self.store.cols[name].take(self.rows)
        return cached

    def bits(self, field: str) -> NDArray[np.uint64]:
        """Word-major bitsets (words x rows) of 'skills' or 'languages'."""
        key = "bits:" + field
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self.bitsets(field).bits.take(self.rows, axis=1)
        return cached

    def bitsets(self, field: str) -> Bitsets:
        return self.store.skills if field == "skills" else self.store.languages

    def vocabulary(self, field: str) -> Vocabulary:
        store = self.store
        return {"role": store.roles, "status": store.statuses, "timezone": store.zones}[field]

    def codes(self, field: str) -> NDArray[np.intp]:
        return self.column("zone" if field == "timezone" else field)

    def assigned_today(self) -> NDArray[np.int64]:
        """The day counter, zeroed where it belongs to an earlier local day."""
        cached = self._cache.get("assigned_effective")
        if cached is None:
            current = self.column("assigned_day") == self.today_by_zone.take(self.column("zone"))
            cached = np.where(current, self.column("assigned_today"), 0)
            self._cache["assigned_effective"] = cached
        return cached

    def select(self, keep: NDArray[np.bool_]) -> Frame:
        """The same view narrowed to the rows where `keep` is true, reusing gathered columns."""
        narrowed = Frame(self.store, self.rows[keep], self.today_by_zone)
        for key, values in self._cache.items():
            narrowed._cache[key] = values[:, keep] if values.ndim == 2 else values[keep]
        return narrowed
