"""All SQL about rules."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from executor_balancer.models import Rule


def get(session: Session, rule_id: uuid.UUID) -> Rule | None:
    return session.get(Rule, rule_id)


def list_page(
    session: Session, *, limit: int, offset: int, is_active: bool | None = None
) -> tuple[Sequence[Rule], int]:
    where = [] if is_active is None else [Rule.is_active == is_active]
    total = session.scalar(select(func.count()).select_from(Rule).where(*where)) or 0
    stmt = select(Rule).where(*where).order_by(Rule.priority.desc(), Rule.name, Rule.id)
    return session.scalars(stmt.limit(limit).offset(offset)).all(), total


def active(session: Session) -> Sequence[Rule]:
    stmt = select(Rule).where(Rule.is_active.is_(True)).order_by(Rule.priority.desc(), Rule.id)
    return session.scalars(stmt).all()
