"""Loads the sample data through the normal use cases, and only into an empty database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from executor_balancer.db import transaction
from executor_balancer.executors import service as executor_service
from executor_balancer.executors.schemas import ExecutorCreate
from executor_balancer.models import Executor, Rule, WorkRequest
from executor_balancer.models.base import utcnow
from executor_balancer.rules import service as rule_service
from executor_balancer.rules.schemas import RuleCreate
from executor_balancer.sample_data import sample_executors, sample_requests, sample_rules
from executor_balancer.work_requests import service as request_service
from executor_balancer.work_requests.schemas import RequestCreate


def is_empty(session: Session) -> bool:
    return not any(
        session.scalar(select(func.count()).select_from(table))
        for table in (Executor, WorkRequest, Rule)
    )


def load_sample_data(factory: sessionmaker[Session]) -> bool:
    """Create the sample executors, rules and requests; False (nothing done) if data exists."""
    with transaction(factory) as session:
        if not is_empty(session):
            return False
        for executor in sample_executors():
            executor_service.create(session=session, data=ExecutorCreate(**executor), actor="seed")
        for rule in sample_rules():
            rule_service.create(session=session, data=RuleCreate(**rule), actor="seed")
        now = utcnow()
        for request in sample_requests():
            hours = request.pop("deadline_in_hours")
            request["deadline"] = now + timedelta(hours=hours) if hours is not None else None
            request_service.create(session=session, data=RequestCreate(**request), actor="seed")
    return True
