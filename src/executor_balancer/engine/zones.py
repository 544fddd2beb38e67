"""Per-zone clock tables for one instant: each zone's local day and its fit to a preference.

A pool has few distinct zones, so these are computed per zone (not per executor) and
cached for the current minute: current time-zone data moves days and offsets on whole
minutes only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from executor_balancer.domain import local_day
from executor_balancer.engine import factors

_MAX_ENTRIES = 64


class ZoneTables:
    """Arrays indexed by zone index; the caller passes its current zone list."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str | None, int], NDArray[Any]] = {}

    def local_days(self, zones: Sequence[str], now: datetime) -> NDArray[np.int64]:
        """Ordinal of the local calendar day in each zone at `now`."""
        return self._get(zones, now, None)

    def fits(self, zones: Sequence[str], now: datetime, preferred: str) -> NDArray[np.float64]:
        """Timezone factor of each zone against the preferred zone at `now`."""
        return self._get(zones, now, preferred)

    def _get(self, zones: Sequence[str], now: datetime, preferred: str | None) -> NDArray[Any]:
        key = (int(factors.require_aware(now).timestamp() // 60), preferred, len(zones))
        table = self._cache.get(key)
        if table is None:
            if len(self._cache) >= _MAX_ENTRIES:
                self._cache.clear()
            table = self._cache[key] = _build(zones, now, preferred)
        return table


def _build(zones: Sequence[str], now: datetime, preferred: str | None) -> NDArray[Any]:
    if preferred is None:
        return np.array([local_day(zone, now) for zone in zones], dtype=np.int64)
    target = factors.zone_offset_hours(preferred, now)
    fits = [factors.timezone_fit(factors.zone_offset_hours(zone, now), target) for zone in zones]
    return np.array(fits, dtype=np.float64)
