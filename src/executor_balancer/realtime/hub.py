"""Joins commits to the world: the dispatcher's view, the bus, and other instances."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from executor_balancer.analytics.prometheus import observe_committed
from executor_balancer.dispatch.worker import Dispatcher
from executor_balancer.realtime.bus import Envelope, EventBus
from executor_balancer.realtime.events import from_audit
from executor_balancer.tracking import Changes


def envelope(changes: Changes) -> Envelope:
    """What one commit tells everyone: client-facing events plus what to resync."""
    return {
        "events": [from_audit(event) for event in changes.events],
        "sync": {
            "executors": sorted(str(e) for e in changes.executors),
            "removed": sorted(str(e) for e in changes.removed_executors),
            "rules": changes.rules,
            "capacity_freed": changes.capacity_freed,
            "keys": changes.keys,
        },
    }


def changes_from(envelope: Envelope) -> Changes:
    sync: dict[str, Any] = envelope.get("sync", {})
    return Changes(
        executors={uuid.UUID(e) for e in sync.get("executors", [])},
        removed_executors={uuid.UUID(e) for e in sync.get("removed", [])},
        rules=bool(sync.get("rules")),
        capacity_freed=bool(sync.get("capacity_freed")),
        keys=bool(sync.get("keys")),
    )


class Hub:
    """Listener of committed transactions (local) and of other instances (via the bus)."""

    def __init__(self, dispatcher: Dispatcher, bus: EventBus, *, metrics: bool,
                 forget_keys: Callable[[], None]) -> None:
        self.dispatcher = dispatcher
        self.bus = bus
        self.metrics = metrics
        self.forget_keys = forget_keys

    def committed(self, changes: Changes) -> None:
        self.dispatcher.on_commit(changes)
        if changes.keys:
            self.forget_keys()
        if self.metrics:
            observe_committed(changes.events)
        self.bus.publish(envelope(changes))

    def remote(self, envelope: Envelope) -> None:
        changes = changes_from(envelope)
        self.dispatcher.on_commit(changes)
        if changes.keys:
            self.forget_keys()
