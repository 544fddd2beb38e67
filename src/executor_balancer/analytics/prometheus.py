"""Prometheus metrics (prefix executor_balancer_): one module defines them all.

Counters and histograms are per process; with `--workers N` the CLI sets
PROMETHEUS_MULTIPROC_DIR so /metrics aggregates every worker. Gauges about the data
(queue depth, executors by status, load) are read from the database at scrape time, so
they are the same whichever instance answers.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from executor_balancer.analytics.service import count_by
from executor_balancer.db import transaction
from executor_balancer.executors import repository as executor_repository
from executor_balancer.models import Executor, WorkRequest

PREFIX = "executor_balancer"
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)

ASSIGNMENTS = Counter(f"{PREFIX}_assignments", "Assignments by strategy and outcome",
                      ["strategy", "outcome"])
DECISION_SECONDS = Histogram(f"{PREFIX}_decision_seconds", "Engine decision latency",
                             buckets=LATENCY_BUCKETS)
TIME_TO_ASSIGN = Histogram(f"{PREFIX}_time_to_assign_seconds",
                           "From a request's creation to its assignment",
                           buckets=(0.01, 0.1, 1, 5, 30, 60, 300, 900, 3600, 14400, 86400))
HTTP_REQUESTS = Counter(f"{PREFIX}_http_requests", "HTTP requests by route and status",
                        ["method", "route", "status"])
HTTP_SECONDS = Histogram(f"{PREFIX}_http_request_seconds", "HTTP latency by route",
                         ["method", "route"], buckets=LATENCY_BUCKETS)
WEBSOCKET_CLIENTS = Gauge(f"{PREFIX}_websocket_clients", "Connected WebSocket clients",
                          multiprocess_mode="livesum")


class DatabaseCollector(Collector):
    """Gauges read at scrape time: queue depth, executors by status, load ratio."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory

    def collect(self) -> Iterator[GaugeMetricFamily]:
        with transaction(self.factory) as session:
            queue = count_by(session, WorkRequest.status).get("pending", 0)
            by_status = count_by(session, Executor.status).items()
            mean_load = session.scalar(select(func.avg(executor_repository.load_ratio()))
                                       .where(Executor.status == "active")) or 0.0
        yield GaugeMetricFamily(f"{PREFIX}_queue_depth", "Requests waiting", value=queue)
        family = GaugeMetricFamily(f"{PREFIX}_executors", "Executors by status",
                                   labels=["status"])
        for status, count in by_status:
            family.add_metric([status], count)
        yield family
        yield GaugeMetricFamily(f"{PREFIX}_load_ratio",
                                "Mean current_load / capacity over active executors",
                                value=float(mean_load))


def make_registry(factory: sessionmaker[Session]) -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for collector in (ASSIGNMENTS, DECISION_SECONDS, TIME_TO_ASSIGN, HTTP_REQUESTS,
                          HTTP_SECONDS, WEBSOCKET_CLIENTS):
            registry.register(collector)
    registry.register(DatabaseCollector(factory))
    return registry


def render(registry: CollectorRegistry) -> tuple[bytes, str]:
    return generate_latest(registry), CONTENT_TYPE_LATEST


class HttpMetrics:
    """ASGI middleware counting requests by route template (not raw path: no id explosion)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 500}

        async def record_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            route = _route(scope)
            method = scope.get("method", "GET")
            HTTP_REQUESTS.labels(method, route, str(status["code"])).inc()
            HTTP_SECONDS.labels(method, route).observe(time.perf_counter() - started)


def _route(scope: Scope) -> str:
    route: Any = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


def observe_committed(events: list[dict[str, Any]]) -> None:
    """Count assignments from committed events only: a rolled-back change never counts."""
    for event in events:
        data = event.get("data", {})
        if event["type"] == "request.assigned":
            ASSIGNMENTS.labels(data.get("strategy", "unknown"), "assigned").inc()
            if data.get("waited_seconds") is not None:
                TIME_TO_ASSIGN.observe(max(float(data["waited_seconds"]), 0.0))
        elif event["type"] == "assignment.updated" and data.get("to") in _TERMINAL:
            outcome = data.get("outcome") if data["to"] == "completed" else data["to"]
            ASSIGNMENTS.labels(data.get("strategy", "unknown"), str(outcome)).inc()


_TERMINAL = ("completed", "rejected", "cancelled")
