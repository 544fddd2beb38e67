"""The audit log: every domain event appended in the use case's own transaction.

The same event is handed to the event bus once (and only if) the transaction commits.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from executor_balancer import tracking
from executor_balancer.models import Event
from executor_balancer.models.base import utcnow


def record(
    session: Session,
    *,
    type: str,
    entity_type: str,
    entity_id: object,
    data: dict[str, Any] | None = None,
    reason: str | None = None,
    actor: str = "system",
    request_id: object | None = None,
) -> Event:
    if request_id is None and entity_type == "request":
        request_id = entity_id
    event = Event(
        ts=utcnow(), type=type, entity_type=entity_type, entity_id=str(entity_id),
        request_id=str(request_id) if request_id is not None else None,
        data=data or {}, reason=reason, actor=actor,
    )
    session.add(event)
    tracking.changes(session).events.append({
        "type": type, "ts": event.ts.isoformat(), "entity_type": entity_type,
        "entity_id": event.entity_id, "actor": actor, "reason": reason, "data": event.data,
    })
    return event
