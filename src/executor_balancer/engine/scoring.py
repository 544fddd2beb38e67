"""Vectorised soft score over a frame of eligible executors.

Factors that are constant for every eligible executor (language, and skills under the
"all" policy, are 1 by construction) stay Python floats, which saves whole array passes.
The summation order is the canonical one of `explain.score_of`, so results are bit-equal.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from executor_balancer.engine import factors
from executor_balancer.engine.frame import Frame
from executor_balancer.engine.types import RequestProfile, Weights

Values = NDArray[np.float64] | float


def factor_values(
    frame: Frame,
    request: RequestProfile,
    skill_policy: str,
    fit_by_zone: NDArray[np.float64] | None,
) -> dict[str, Values]:
    """Each factor (0..1) per row; `fit_by_zone` is None when no zone is preferred."""
    return {
        "role": frame.store.affinity_row(request.category).take(frame.column("role")),
        "skills": _skill_cover(frame, request, skill_policy),
        "language": 1.0,
        "timezone": 1.0 if fit_by_zone is None else fit_by_zone.take(frame.column("zone")),
        "load": frame.column("load_fit"),
        "success_rate": frame.column("success_fit"),
        "experience": _experience(frame, request.complexity),
        "weight": frame.column("weight_fit"),
    }


def _skill_cover(frame: Frame, request: RequestProfile, skill_policy: str) -> Values:
    wanted = len(request.required_skills)
    if wanted == 0 or skill_policy == "all":
        return 1.0
    mask, _ = frame.bitsets("skills").mask(request.required_skills)
    bits = frame.bits("skills")
    have = np.zeros(len(frame), dtype=np.int64)
    for word in np.flatnonzero(mask):
        have += np.bitwise_count(bits[word] & mask[word])
    return have / wanted


def _experience(frame: Frame, complexity: str) -> Values:
    needed = factors.experience_needed(complexity)
    if needed <= 0:
        return 1.0
    return np.minimum(np.maximum(frame.column("experience") / needed, 0.0), 1.0)


def combine(
    values: dict[str, Values], weights: Weights, bonus: Values, size: int
) -> NDArray[np.float64]:
    """Final score per row, capped at 100, in exactly the order of `explain.score_of`.

    Leading constant terms stay a Python float until the first array term (0.0 + x == x).
    """
    scalar = 0.0
    acc: NDArray[np.float64] | None = None
    for name, weight in weights.items():
        value = values[name]
        if acc is not None:
            acc += weight * value
        elif isinstance(value, float):
            scalar = scalar + weight * value
        else:
            acc = weight * value + scalar
    if acc is None:
        acc = np.full(size, scalar, dtype=np.float64)
    acc *= 100.0
    acc /= weights.total
    acc += bonus
    return np.minimum(acc, 100.0, out=acc)
