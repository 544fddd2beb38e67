"""Shapes for search and rule dry runs: a request-shaped query that is never stored."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from executor_balancer.executors.schemas import ExecutorOut
from executor_balancer.fields import Title
from executor_balancer.work_requests.schemas import EXAMPLE, RequestCreate, RequestOut


class RequestQuery(RequestCreate):
    """Like a request, but the title is optional: only the routing fields matter."""

    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    title: Title = "query"


class Candidate(BaseModel):
    executor: ExecutorOut
    score: float
    explanation: dict[str, Any]


class SearchResult(BaseModel):
    items: list[Candidate]
    total: int = Field(description="Eligible executors in all (items may be fewer)")


class ExecutorRef(BaseModel):
    id: str
    name: str


class BoostedRef(ExecutorRef):
    bonus: float


class RuleTestResult(BaseModel):
    rule_id: str
    applies: bool = Field(description="Whether the rule's conditions match the sample request")
    admitted: list[ExecutorRef]
    excluded: list[ExecutorRef]
    boosted: list[BoostedRef]


class QueueItem(RequestOut):
    position: int


class QueuePage(BaseModel):
    items: list[QueueItem]
    total: int
    limit: int
    offset: int
