"""How well each role fits each request category (0..1), as one readable table.

Kept as data so product people can review it; unknown roles or categories get a neutral 0.3.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

UNKNOWN_AFFINITY = 0.3

CATEGORIES = (
    "technical", "support", "development", "testing", "design",
    "marketing", "infrastructure", "analytics", "billing",
)  # fmt: skip

# Columns follow CATEGORIES:
#                 tech  supp  dev   test  desg  mktg  infra anlt  bill
_TABLE: dict[str, tuple[float, ...]] = {
    "programmer": (0.9, 0.4, 1.0, 0.6, 0.3, 0.1, 0.6, 0.5, 0.3),
    "support":    (0.6, 1.0, 0.3, 0.4, 0.2, 0.3, 0.3, 0.3, 0.9),
    "admin":      (0.8, 0.6, 0.4, 0.4, 0.1, 0.1, 0.9, 0.3, 0.5),
    "tester":     (0.6, 0.4, 0.6, 1.0, 0.3, 0.1, 0.4, 0.4, 0.2),
    "designer":   (0.2, 0.2, 0.4, 0.3, 1.0, 0.6, 0.1, 0.3, 0.1),
    "analyst":    (0.4, 0.3, 0.4, 0.5, 0.3, 0.6, 0.3, 1.0, 0.7),
    "marketer":   (0.1, 0.4, 0.1, 0.1, 0.6, 1.0, 0.1, 0.6, 0.3),
    "devops":     (0.9, 0.4, 0.7, 0.5, 0.1, 0.1, 1.0, 0.4, 0.2),
    "manager":    (0.4, 0.6, 0.4, 0.4, 0.4, 0.6, 0.3, 0.6, 0.6),
}  # fmt: skip

AFFINITY: dict[tuple[str, str], float] = {
    (role, category): value
    for role, row in _TABLE.items()
    for category, value in zip(CATEGORIES, row, strict=True)
}


def affinity(role: str, category: str) -> float:
    """Fit of one role to one category."""
    return AFFINITY.get((role, category), UNKNOWN_AFFINITY)


def affinity_row(category: str, roles: Sequence[str]) -> NDArray[np.float64]:
    """Fit of every role in a vocabulary to one category, indexable by role index."""
    return np.array([affinity(role, category) for role in roles], dtype=np.float64)
