"""HTTP for health and statistics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from executor_balancer.analytics import dashboard as dashboard_service
from executor_balancer.analytics import service
from executor_balancer.analytics.system import system_metrics
from executor_balancer.deps import SessionDep, TransactionalRoute

router = APIRouter(prefix="/api", tags=["analytics"], route_class=TransactionalRoute)


@router.get(
    "/health",
    summary="Liveness and database reachability",
    responses={503: {"description": "The database is unreachable"}},
)
def health(session: SessionDep) -> JSONResponse:
    body = service.health(session)
    return JSONResponse(body, status_code=200 if body["database"] == "ok" else 503)


@router.get("/stats", summary="Counts by status, priority and category")
def stats(session: SessionDep) -> dict[str, Any]:
    return service.stats(session)


@router.get("/metrics", summary="Process and system figures (JSON)")
def metrics(request: Request) -> dict[str, Any]:
    state = request.app.state
    return system_metrics(engine=state.engine, websocket_clients=state.bus.subscribers,
                          pool_size=len(state.dispatcher.snapshot))


@router.get("/dashboard", summary="Live dashboard data: time series, time-to-assign, load, SLA")
def dashboard(session: SessionDep) -> dict[str, Any]:
    return dashboard_service.dashboard(session)
