"""Events leave only after their transaction commits: never for a rolled-back change."""

from __future__ import annotations

import pytest

from executor_balancer import audit, tracking
from executor_balancer.db import make_engine, make_session_factory, transaction
from executor_balancer.executors import service as executor_service
from executor_balancer.executors.schemas import ExecutorCreate
from executor_balancer.models import Event


@pytest.fixture
def factory(settings):
    engine = make_engine(settings.effective_database_url)
    yield make_session_factory(engine)
    engine.dispose()


def test_committed_changes_reach_listeners(factory):
    received = []
    tracking.on_commit(factory, received.append)
    with transaction(factory) as session:
        executor_service.create(session=session, data=ExecutorCreate(
            name="Ann", email="ann@example.com", role="support"))
    assert len(received) == 1
    assert [e["type"] for e in received[0].events] == ["executor.updated"]
    assert received[0].capacity_freed and len(received[0].executors) == 1


def test_rolled_back_changes_publish_nothing_and_log_nothing(factory):
    received = []
    tracking.on_commit(factory, received.append)
    with pytest.raises(RuntimeError), transaction(factory) as session:
        executor_service.create(session=session, data=ExecutorCreate(
            name="Bob", email="bob@example.com", role="support"))
        raise RuntimeError("the use case failed after writing")
    with transaction(factory) as session:  # a later, unrelated commit
        audit.record(session, type="probe", entity_type="test", entity_id="x")
    assert [[e["type"] for e in c.events] for c in received] == [["probe"]]
    assert not received[0].executors
    with transaction(factory) as session:
        assert session.query(Event).filter(Event.type == "executor.updated").count() == 0
