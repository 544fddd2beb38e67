"""Code lists the pages need, taken from the domain and the engine so they never drift."""

from __future__ import annotations

from functools import cache
from typing import Any

from executor_balancer.domain import (
    AssignmentStatus,
    AutoStrategy,
    Category,
    Complexity,
    ExecutorRole,
    ExecutorStatus,
    Outcome,
    Priority,
    RequestStatus,
)
from executor_balancer.engine.affinity import AFFINITY
from executor_balancer.engine.conditions import (
    EXECUTOR_FIELDS,
    OPERATORS_BY_KIND,
    REQUEST_FIELDS,
    FieldSpec,
)
from executor_balancer.engine.types import MAX_BONUS

# Operators in the order a person reads them, not set order.
OPERATOR_ORDER = ("eq", "ne", "in", "not_in", "contains", "gt", "gte", "lt", "lte")


@cache
def ui_vocabulary() -> dict[str, Any]:
    """Enum values for selects and filters, and which categories suit each role best."""
    return {
        "roles": [r.value for r in ExecutorRole],
        "executor_statuses": [s.value for s in ExecutorStatus],
        "categories": [c.value for c in Category],
        "priorities": [p.value for p in Priority],
        "complexities": [c.value for c in Complexity],
        "request_statuses": [s.value for s in RequestStatus],
        "assignment_statuses": [s.value for s in AssignmentStatus],
        "strategies": [s.value for s in AutoStrategy],
        "outcomes": [o.value for o in Outcome],
        "role_categories": {
            role.value: [c.value for c in Category if AFFINITY.get((role.value, c.value), 0) >= 0.9]
            for role in ExecutorRole
        },
    }


def _fields(table: dict[str, FieldSpec]) -> dict[str, dict[str, Any]]:
    return {
        name: {
            "kind": spec.kind.value,
            "choices": list(spec.choices),
            "operators": [op for op in OPERATOR_ORDER
                          if op in {o.value for o in OPERATORS_BY_KIND[spec.kind]}],
        }
        for name, spec in table.items()
    }


@cache
def rule_vocabulary() -> dict[str, Any]:
    """Fields and operators a rule may use (SPEC §9), as the rule validator sees them."""
    return {
        "request_fields": _fields(REQUEST_FIELDS),
        "executor_fields": _fields(EXECUTOR_FIELDS),
        "max_bonus": MAX_BONUS,
        "operators": list(OPERATOR_ORDER),
    }
