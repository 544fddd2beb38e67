"""Application factory: nothing connects at import time; the lifespan owns resources."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from sqlalchemy.orm import Session, sessionmaker

from executor_balancer import __version__, tracking
from executor_balancer.analytics.prometheus import HttpMetrics, make_registry, render
from executor_balancer.analytics.router import router as analytics_router
from executor_balancer.assignments.router import router as assignments_router
from executor_balancer.audit.router import router as audit_router
from executor_balancer.config import Settings, get_settings
from executor_balancer.db import make_engine, make_session_factory
from executor_balancer.dispatch.router import router as dispatch_router
from executor_balancer.dispatch.worker import Dispatcher
from executor_balancer.errors import install_error_handlers
from executor_balancer.executors.router import router as executors_router
from executor_balancer.realtime.bus import make_bus
from executor_balancer.realtime.hub import Hub
from executor_balancer.realtime.router import router as realtime_router
from executor_balancer.realtime.ticker import run_ticker
from executor_balancer.rules.router import router as rules_router
from executor_balancer.security.bootstrap import login_message
from executor_balancer.security.middleware import BodyLimit, SecurityHeaders
from executor_balancer.security.pages import router as login_router
from executor_balancer.security.principal import Authenticator, enforce, install_auth_handlers
from executor_balancer.security.router import router as keys_router
from executor_balancer.security.secrets_store import session_secret
from executor_balancer.security.sessions import SessionSigner
from executor_balancer.startup import prepare_database
from executor_balancer.web.router import add_context_provider, mount_web
from executor_balancer.work_requests.router import router as requests_router

log = logging.getLogger("executor_balancer")

DESCRIPTION = """
Executor Balancer decides who does what: every request goes to the best eligible executor,
with an explanation, never over anyone's limit. Requests nobody can take wait in a queue.

Authenticate with `Authorization: Bearer <key>` (keys: `POST /api/keys` or
`executor-balancer keys create`). Errors are JSON `{"detail": ...}`: 401 no or bad key,
403 wrong role, 404 unknown id, 409 conflict (duplicate email, exhausted limit, illegal
transition; `reason` names which), 422 invalid input naming the field.
"""

COMMON_RESPONSES: dict[int | str, dict[str, object]] = {
    401: {"description": "No credentials, or an unknown or revoked key"},
    403: {"description": "The key's role may not do this (or the CSRF header is missing)"},
    413: {"description": "The request body is over the size limit"},
}

API_ROUTERS = (dispatch_router, executors_router, requests_router, assignments_router,
               rules_router, analytics_router, audit_router, keys_router, realtime_router,
               login_router)


def create_app(settings: Settings | None = None, *, prepare: bool | None = None) -> FastAPI:
    """Build the app; `prepare` (default: only for an in-memory database) migrates on start."""
    settings = settings or get_settings()
    engine = make_engine(settings.effective_database_url)
    factory = make_session_factory(engine)
    must_prepare = (not settings.use_database) if prepare is None else prepare
    dispatcher = Dispatcher(factory, settings)
    authenticator = Authenticator(factory, settings)
    bus = make_bus(settings.redis_url)
    hub = Hub(dispatcher, bus, metrics=settings.prometheus_enabled,
              forget_keys=authenticator.forget)
    tracking.on_commit(factory, hub.committed)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if must_prepare:
            token = prepare_database(engine, factory, settings)
            if settings.auth_enabled:
                print(login_message(token, settings, settings.port), flush=True)
        authenticator.signer = SessionSigner(session_secret(factory, settings),
                                             settings.session_max_age_seconds)
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
        lifespan=lifespan, dependencies=[Depends(enforce)], responses=COMMON_RESPONSES,
        docs_url=None, redoc_url=None,  # /docs is served from vendored files (web/router.py)
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = factory
    app.state.dispatcher = dispatcher
    app.state.authenticator = authenticator
    app.state.bus = bus
    install_error_handlers(app)
    install_auth_handlers(app)
    for router in API_ROUTERS:
        app.include_router(router)
    mount_web(app)
    add_context_provider(app, lambda request: _auth_banner(settings))
    if settings.prometheus_enabled:
        install_prometheus(app, factory)
    _install_middleware(app, settings)
    if not settings.auth_enabled:
        log.warning("AUTH_ENABLED=false: anyone who reaches this server can read and change "
                    "everything")
    return app


def _auth_banner(settings: Settings) -> dict[str, object]:
    if settings.auth_enabled:
        return {}
    return {"auth_warning": "AUTH_ENABLED=false — authentication is off: anyone who can reach "
                            "this server can read and change everything."}


def _install_middleware(app: FastAPI, settings: Settings) -> None:
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origin_list, allow_credentials=False,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)


def install_prometheus(app: FastAPI, factory: sessionmaker[Session]) -> None:
    registry = make_registry(factory)
    app.add_middleware(HttpMetrics)

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        body, content_type = render(registry)
        return Response(body, media_type=content_type)


def create_app_from_env() -> FastAPI:
    """Entry point for uvicorn workers (`factory=True`)."""
    app = create_app()
    gc.freeze()  # modules and mappers live forever: keep them out of full collections
    return app
