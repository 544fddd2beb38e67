"""FastAPI dependencies as Annotated aliases, in one place."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from executor_balancer.config import Settings
from executor_balancer.db import read_only
from executor_balancer.dispatch.worker import Dispatcher

MAX_PAGE = 500


def get_session(request: Request) -> Iterator[Session]:
    """A session per HTTP call; `TransactionalRoute` commits it when the endpoint returns."""
    session: Session = request.app.state.session_factory()
    if request.method in ("GET", "HEAD"):
        read_only(session)  # reads never queue behind writers (health probes, lists)
    try:
        yield session
    finally:
        session.close()


def _transactional(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """Commit (or roll back) and close the session in the endpoint's own thread.

    A transaction must never outlive its thread: were the commit to wait for another
    worker thread, the threads queued behind its locks could take every worker and the
    commit would never run.
    """

    @functools.wraps(endpoint)
    def run(*args: Any, **kwargs: Any) -> Any:
        session: Session | None = kwargs.get("session")
        if session is None:
            return endpoint(*args, **kwargs)
        try:
            result = endpoint(*args, **kwargs)
            session.commit()
            return result
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    return run


class TransactionalRoute(APIRoute):
    """Route whose endpoint runs as one unit of work on its `session` parameter."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, _transactional(endpoint), **kwargs)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_dispatcher(request: Request) -> Dispatcher:
    dispatcher: Dispatcher = request.app.state.dispatcher
    return dispatcher


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
DispatcherDep = Annotated[Dispatcher, Depends(get_dispatcher)]
LimitQuery = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size (at most 500).")]
OffsetQuery = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
