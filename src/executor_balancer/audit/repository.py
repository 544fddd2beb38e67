"""All SQL about the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from executor_balancer.models import Event


def list_page(
    session: Session, *, limit: int, offset: int, entity_type: str | None = None,
    entity_id: str | None = None, type: str | None = None, request_id: str | None = None,
    since: datetime | None = None, until: datetime | None = None,
) -> tuple[Sequence[Event], int]:
    where: list[ColumnElement[bool]] = []
    if entity_type:
        where.append(Event.entity_type == entity_type)
    if entity_id:
        where.append(Event.entity_id == entity_id)
    if type:
        where.append(Event.type == type)
    if request_id:
        where.append(Event.request_id == request_id)
    if since:
        where.append(Event.ts >= since)
    if until:
        where.append(Event.ts < until)
    total = session.scalar(select(func.count()).select_from(Event).where(*where)) or 0
    stmt = select(Event).where(*where).order_by(Event.id.desc()).limit(limit).offset(offset)
    return session.scalars(stmt).all(), total


def for_request(session: Session, request_id: str) -> Sequence[Event]:
    stmt = select(Event).where(Event.request_id == request_id).order_by(Event.id)
    return session.scalars(stmt).all()
