"""The wire format of events: `{"type", "ts", "data"}`, as sent on /ws and over Redis."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

HEARTBEAT = "heartbeat"
STATS_TICK = "stats.tick"


def message(type: str, data: dict[str, Any], ts: str | None = None) -> dict[str, Any]:
    return {"type": type, "ts": ts or datetime.now(UTC).isoformat(), "data": data}


def from_audit(event: dict[str, Any]) -> dict[str, Any]:
    """An audit-log entry as clients see it: the entity and reason folded into `data`."""
    data = {
        **event.get("data", {}),
        "id": event["entity_id"],
        "entity_type": event["entity_type"],
        "actor": event.get("actor"),
        "reason": event.get("reason"),
    }
    return message(event["type"], data, event["ts"])


def matches(event_type: str, patterns: tuple[str, ...]) -> bool:
    """Filters like `request.*` or `assignment.updated`; no patterns means everything."""
    if not patterns:
        return True
    return any(
        event_type == p or (p.endswith(".*") and event_type.startswith(p[:-1])) for p in patterns
    )
