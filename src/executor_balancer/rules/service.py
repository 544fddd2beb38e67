"""Rule use cases: CRUD with validation, and the compiled active rules for the engine."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from executor_balancer import audit, tracking
from executor_balancer.engine.conditions import ConditionError
from executor_balancer.engine.types import CompiledRule, compile_rule
from executor_balancer.errors import Invalid, NotFound
from executor_balancer.models import Rule
from executor_balancer.models.base import utcnow
from executor_balancer.rules import repository
from executor_balancer.rules.schemas import RuleCreate


def get(*, session: Session, rule_id: uuid.UUID) -> Rule:
    rule = repository.get(session, rule_id)
    if rule is None:
        raise NotFound(f"rule {rule_id} not found")
    return rule


def list_page(*, session: Session, **filters: Any) -> tuple[Sequence[Rule], int]:
    return repository.list_page(session, **filters)


def compiled(rule: Rule) -> CompiledRule:
    return compile_rule(str(rule.id), rule.name, rule.priority, rule.conditions, rule.require,
                        rule.prefer, rule.strategy)


def active_compiled(session: Session) -> list[CompiledRule]:
    return [compiled(rule) for rule in repository.active(session)]


def create(*, session: Session, data: RuleCreate, actor: str = "api") -> Rule:
    rule = Rule(**data.model_dump(mode="json"))
    session.add(rule)
    session.flush()
    _record(session, rule, "created", actor)
    return rule


def update(
    *, session: Session, rule_id: uuid.UUID, changes: dict[str, Any], actor: str = "api"
) -> Rule:
    rule = get(session=session, rule_id=rule_id)
    for name, value in changes.items():
        setattr(rule, name, value)
    try:  # a PATCH of one list must still make a valid rule with the others
        compiled(rule)
    except ConditionError as exc:
        raise Invalid(str(exc), reason="rule") from None
    rule.updated_at = utcnow()
    session.flush()
    _record(session, rule, "updated", actor)
    return rule


def delete(*, session: Session, rule_id: uuid.UUID, actor: str = "api") -> None:
    rule = get(session=session, rule_id=rule_id)
    _record(session, rule, "deleted", actor)
    session.delete(rule)
    session.flush()


def _record(session: Session, rule: Rule, action: str, actor: str) -> None:
    tracking.rules_changed(session)
    audit.record(session, type="rule.updated", entity_type="rule", entity_id=rule.id,
                 data={"action": action, "name": rule.name, "is_active": rule.is_active},
                 actor=actor)
