"""Read-side use cases of distribution, shaped for the API: search, rule dry run, queue."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from executor_balancer.dispatch import profiles
from executor_balancer.dispatch import service as dispatch_service
from executor_balancer.dispatch.schemas import (
    BoostedRef,
    Candidate,
    ExecutorRef,
    QueueItem,
    QueuePage,
    RequestQuery,
    RuleTestResult,
    SearchResult,
)
from executor_balancer.dispatch.worker import Dispatcher
from executor_balancer.executors import service as executor_service
from executor_balancer.models import Executor
from executor_balancer.rules import service as rule_service
from executor_balancer.work_requests import repository as request_repository


def search(
    *, session: Session, query: RequestQuery, dispatcher: Dispatcher, limit: int
) -> SearchResult:
    ranked, eligible = dispatch_service.search(
        session=session, query=profiles.query_profile(query.model_dump()),
        snapshot=dispatcher.snapshot, settings=dispatcher.settings, limit=limit,
    )
    rows = _executors(session, [profile.id for profile, _, _ in ranked])
    items = [
        Candidate(executor=executor_service.to_out(rows[profile.id]), score=score,
                  explanation=explanation)
        for profile, score, explanation in ranked if profile.id in rows
    ]
    return SearchResult(items=items, total=eligible)


def test_rule(
    *, session: Session, rule_id: uuid.UUID, query: RequestQuery, dispatcher: Dispatcher
) -> RuleTestResult:
    rule = rule_service.get(session=session, rule_id=rule_id)
    effect = dispatch_service.test_rule(
        session=session, rule=rule_service.compiled(rule),
        query=profiles.query_profile(query.model_dump()), snapshot=dispatcher.snapshot,
    )
    ids = effect["admitted"] + effect["excluded"]
    names = {key: row.name for key, row in _executors(session, ids).items()}
    return RuleTestResult(
        rule_id=str(rule.id), applies=effect["applies"],
        admitted=[ExecutorRef(id=i, name=names.get(i, "")) for i in effect["admitted"]],
        excluded=[ExecutorRef(id=i, name=names.get(i, "")) for i in effect["excluded"]],
        boosted=[BoostedRef(id=i, name=names.get(i, ""), bonus=b)
                 for i, b in effect["boosted"].items()],
    )


def queue(*, session: Session, limit: int, offset: int) -> QueuePage:
    rows, total = request_repository.queue(session, limit=limit, offset=offset)
    items = [QueueItem(**_fields(row), position=offset + i + 1) for i, row in enumerate(rows)]
    return QueuePage(items=items, total=total, limit=limit, offset=offset)


def _fields(row: object) -> dict[str, object]:
    return {name: getattr(row, name) for name in QueueItem.model_fields if name != "position"}


def _executors(session: Session, ids: list[str]) -> dict[str, Executor]:
    if not ids:
        return {}
    wanted = [uuid.UUID(i) for i in ids]
    return {str(e.id): e for e in session.scalars(select(Executor).where(Executor.id.in_(wanted)))}
