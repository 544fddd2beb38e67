"""Application factory: nothing connects at import time; the lifespan owns resources."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import Response
from sqlalchemy.orm import Session, sessionmaker

from executor_balancer import __version__
from executor_balancer.analytics.prometheus import HttpMetrics, make_registry, render
from executor_balancer.analytics.router import router as analytics_router
from executor_balancer.assignments.router import router as assignments_router
from executor_balancer.audit.router import router as audit_router
from executor_balancer.config import Settings, get_settings
from executor_balancer import tracking
from executor_balancer.db import make_engine, make_session_factory
from executor_balancer.dispatch.router import router as dispatch_router
from executor_balancer.dispatch.worker import Dispatcher
from executor_balancer.errors import install_error_handlers
from executor_balancer.realtime.bus import make_bus
from executor_balancer.realtime.hub import Hub
from executor_balancer.realtime.router import router as realtime_router
from executor_balancer.realtime.ticker import run_ticker
from executor_balancer.executors.router import router as executors_router
from executor_balancer.rules.router import router as rules_router
from executor_balancer.startup import prepare_database
from executor_balancer.work_requests.router import router as requests_router

log = logging.getLogger("executor_balancer")

DESCRIPTION = """
Executor Balancer decides who does what: every request goes to the best eligible executor,
with an explanation, never over anyone's limit. Requests nobody can take wait in a queue.

Errors are JSON `{"detail": ...}`: 404 unknown id, 409 conflict (duplicate email, exhausted
limit, illegal transition; `reason` names which), 422 invalid input naming the field.
"""


def create_app(settings: Settings | None = None, *, prepare: bool | None = None) -> FastAPI:
    """Build the app; `prepare` (default: only for an in-memory database) migrates on start."""
    settings = settings or get_settings()
    engine = make_engine(settings.effective_database_url)
    factory = make_session_factory(engine)
    must_prepare = (not settings.use_database) if prepare is None else prepare
    dispatcher = Dispatcher(factory, settings)
    bus = make_bus(settings.redis_url)
    hub = Hub(dispatcher, bus, metrics=settings.prometheus_enabled)
    tracking.on_commit(factory, hub.committed)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if must_prepare:
            prepare_database(engine, factory, settings)
        await bus.start(hub.remote)
        dispatcher.start()
        ticker = asyncio.create_task(run_ticker(factory, bus), name="stats-ticker")
        try:
            yield
        finally:
            ticker.cancel()
            await dispatcher.stop()
            await bus.stop()
            engine.dispose()

    app = FastAPI(
        title="Executor Balancer", version=__version__, description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = factory
    app.state.dispatcher = dispatcher
    app.state.bus = bus
    install_error_handlers(app)
    for router in (dispatch_router, executors_router, requests_router, assignments_router, rules_router,
                   analytics_router, audit_router, realtime_router):
        app.include_router(router)

    if settings.prometheus_enabled:
        install_prometheus(app, factory)
    return app


def install_prometheus(app: FastAPI, factory: sessionmaker[Session]) -> None:
    registry = make_registry(factory)
    app.add_middleware(HttpMetrics)

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        body, content_type = render(registry)
        return Response(body, media_type=content_type)


def create_app_from_env() -> FastAPI:
    """Entry point for uvicorn workers (`factory=True`)."""
    return create_app()
