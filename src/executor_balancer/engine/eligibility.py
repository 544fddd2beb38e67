"""The hard filter over the whole store, counting each exclusion under its first cause.

Order (SPEC §4.1): rejected, status, daily_limit, capacity, languages, skills, then rules
(applied by the pool on the surviving frame, since they may read any executor field).
Status, daily limit and capacity come precomputed from `Readiness`; skills start from
the posting list of the rarest required skill, so a narrow request never scans the pool.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from executor_balancer.engine.columns import ExecutorColumns
from executor_balancer.engine.readiness import BLOCKING_KEYS, READY
from executor_balancer.engine.types import EXCLUSION_KEYS, RequestProfile
from executor_balancer.engine.vocab import Bitsets

Rows = NDArray[np.intp]


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(EXCLUSION_KEYS, 0)


def hard_filter(
    store: ExecutorColumns, request: RequestProfile, today: NDArray[np.int64], skill_policy: str
) -> tuple[Rows, dict[str, int]]:
    """Rows passing every non-rule constraint, and how many fell at each constraint."""
    readiness, n = store.readiness, store.rows
    readiness.sync(store.cols, n, today)
    counts = empty_counts()
    for code, key in BLOCKING_KEYS.items():
        counts[key] = readiness.counts[code]
    alive = readiness.ready[:n].copy()
    left = readiness.counts[READY]
    for executor_id in request.excluded_executor_ids:
        row = store.row_of.get(executor_id)
        if row is not None:
            code = int(readiness.code[row])
            counts["rejected"] += 1
            if code == READY:
                left -= 1
                alive[row] = False
            else:
                counts[BLOCKING_KEYS[code]] -= 1
    if request.required_languages:
        for tag in request.required_languages:
            holders = store.languages.holders(tag)
            if holders is None:
                alive[:] = False
                break
            np.logical_and(alive, holders[:n], out=alive)
        now_left = int(np.count_nonzero(alive))
        counts["languages"], left = left - now_left, now_left
    if not request.required_skills:
        return np.flatnonzero(alive), counts
    rows = _skilled_rows(store.skills, request.required_skills, skill_policy)
    rows = rows[alive[rows]]
    counts["skills"] = left - len(rows)
    return rows, counts


def _skilled_rows(bitsets: Bitsets, tags: frozenset[str], skill_policy: str) -> Rows:
    """Sorted rows with every (policy 'all') or any (policy 'any') of the tags."""
    postings = [bitsets.rows_with(tag) for tag in sorted(tags)]
    if skill_policy == "any":
        return np.unique(np.concatenate(postings))
    rows = min(postings, key=len)
    mask, all_known = bitsets.mask(tags)
    if not all_known:
        return rows[:0]
    for word in np.flatnonzero(mask):
        rows = rows[(bitsets.bits[word, rows] & mask[word]) == mask[word]]
    return rows
