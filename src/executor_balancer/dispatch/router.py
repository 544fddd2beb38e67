"""HTTP for distribution reads: candidate search, rule dry runs and the queue."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from executor_balancer.deps import (
    DispatcherDep,
    LimitQuery,
    OffsetQuery,
    SessionDep,
    TransactionalRoute,
)
from executor_balancer.dispatch import views
from executor_balancer.dispatch.schemas import QueuePage, RequestQuery, RuleTestResult, SearchResult

router = APIRouter(prefix="/api", route_class=TransactionalRoute)


@router.post(
    "/executors/search",
    response_model=SearchResult,
    tags=["executors"],
    summary="Rank eligible executors for a request-shaped query (changes nothing)",
)
def search_executors(
    query: RequestQuery,
    session: SessionDep,
    dispatcher: DispatcherDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> SearchResult:
    return views.search(session=session, query=query, dispatcher=dispatcher, limit=limit)


@router.post(
    "/rules/{rule_id}/test",
    response_model=RuleTestResult,
    tags=["rules"],
    responses={404: {"description": "No rule with this id"}},
    summary="Dry run: which executors the rule admits, excludes and boosts for a sample request",
)
def test_rule(
    rule_id: uuid.UUID, query: RequestQuery, session: SessionDep, dispatcher: DispatcherDep
) -> RuleTestResult:
    return views.test_rule(session=session, rule_id=rule_id, query=query, dispatcher=dispatcher)


@router.get(
    "/queue",
    response_model=QueuePage,
    tags=["requests"],
    summary="Pending requests in dispatch order (priority, deadline, age)",
)
def get_queue(session: SessionDep, limit: LimitQuery = 50, offset: OffsetQuery = 0) -> QueuePage:
    return views.queue(session=session, limit=limit, offset=offset)
