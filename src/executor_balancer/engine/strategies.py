"""Candidate order for each strategy, without sorting the whole eligible set.

Every order ends with the executor id rank, so equal inputs always give equal decisions.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from executor_balancer.engine.frame import Frame

Keys = list[NDArray[np.float64] | NDArray[np.int64]]


def order(strategy: str, frame: Frame, score: NDArray[np.float64], limit: int) -> NDArray[np.intp]:
    """Positions in the frame of the best `limit` candidates, best first."""
    id_rank = frame.store.id_rank().take(frame.rows)
    load = frame.column("load_ratio")
    keys: Keys
    if strategy == "round_robin":
        keys = [frame.column("round_robin_key"), id_rank]
    elif strategy == "least_loaded":
        keys = [load, -score, id_rank]
    else:
        keys = [-score, load, id_rank]
    return top(keys, limit)


def top(keys: Keys, limit: int) -> NDArray[np.intp]:
    """Lexicographic smallest `limit` rows by `keys` (primary first), ties kept intact."""
    primary = keys[0]
    if limit <= 0 or len(primary) == 0:
        return np.zeros(0, dtype=np.intp)
    if len(primary) > limit:
        kth = np.partition(primary, limit - 1)[limit - 1]
        candidates = np.flatnonzero(primary <= kth)
    else:
        candidates = np.arange(len(primary))
    ranked = np.lexsort([key[candidates] for key in reversed(keys)])
    return candidates[ranked[:limit]]
