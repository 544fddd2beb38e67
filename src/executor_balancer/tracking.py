"""What a transaction changed, noted on the session and handed on only after it commits.

Repositories and services note changed executors, changed rules and freed capacity here;
listeners registered with `on_commit` receive the notes once the commit succeeded. A
rolled-back transaction's notes are dropped, so nobody reacts to a change that never was.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

KEY = "eb_changes"


@dataclass
class Changes:
    executors: set[uuid.UUID] = field(default_factory=set)
    removed_executors: set[uuid.UUID] = field(default_factory=set)
    rules: bool = False
    capacity_freed: bool = False
    keys: bool = False
    events: list[dict[str, Any]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.executors or self.removed_executors or self.rules
                    or self.capacity_freed or self.keys or self.events)


def changes(session: Session) -> Changes:
    found: Changes | None = session.info.get(KEY)
    if found is None:
        found = session.info[KEY] = Changes()
    return found


def executor_changed(session: Session, executor_id: uuid.UUID, *, freed: bool = False) -> None:
    noted = changes(session)
    noted.executors.add(executor_id)
    noted.capacity_freed |= freed


def executor_removed(session: Session, executor_id: uuid.UUID) -> None:
    changes(session).removed_executors.add(executor_id)


def rules_changed(session: Session) -> None:
    noted = changes(session)
    noted.rules = True
    noted.capacity_freed = True


def keys_changed(session: Session) -> None:
    changes(session).keys = True


def on_commit(factory: sessionmaker[Session], listener: Callable[[Changes], None]) -> None:
    """Call `listener` with each committed transaction's changes (not for rollbacks)."""

    @event.listens_for(factory, "after_commit")
    def _committed(session: Session) -> None:
        noted = session.info.pop(KEY, None)
        if noted:
            listener(noted)

    @event.listens_for(factory, "after_rollback")
    def _rolled_back(session: Session) -> None:
        session.info.pop(KEY, None)
