"""Shared fixtures: a real SQLite file and a real PostgreSQL database, schema from migrations.

Every test that takes `db_url` runs once per backend. PostgreSQL tests skip when the
service is down, unless EB_REQUIRE_SERVICES=1 (as in CI), where a missing service fails.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import Engine, text

from executor_balancer.app import create_app
from executor_balancer.config import Settings
from executor_balancer.db import make_engine
from executor_balancer.migrate import upgrade
from executor_balancer.models import Base

# API behaviour tests talk to the app without credentials; tests/security turns
# authentication on explicitly (Settings(auth_enabled=True) or AUTH_ENABLED=true).
os.environ["AUTH_ENABLED"] = "false"

PG_ADMIN_DSN = os.environ.get("EB_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("EB_REQUIRE_SERVICES") == "1"


def _pg_available() -> str | None:
    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=3, autocommit=True):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


REDIS_URL = os.environ.get("EB_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_available() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=3).ping()
        return None
    except redis.RedisError as exc:
        return str(exc)


def require_or_skip(reason: str | None, service: str) -> None:
    if reason is None:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{service} is required (EB_REQUIRE_SERVICES=1) but unavailable: {reason}")
    pytest.skip(f"{service} unavailable: {reason}")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test run, migrated once."""
    require_or_skip(_pg_available(), "PostgreSQL")
    name = f"eb_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    upgrade(engine)
    engine.dispose()
    yield url
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database of its own (for tests that start servers)."""
    require_or_skip(_pg_available(), "PostgreSQL")
    name = f"eb_srv_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN_DSN.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url() -> str:
    require_or_skip(_redis_available(), "Redis")
    return REDIS_URL


def truncate_all(engine: Engine) -> None:
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(autouse=True)
def _dispose_app_engines(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Apps built without their lifespan never dispose their pools: do it after each test,
    or PostgreSQL runs out of connections over a long run."""
    import executor_balancer.app as app_module

    engines: list[Engine] = []

    def tracked(url: str) -> Engine:
        engine = make_engine(url)
        engines.append(engine)
        return engine

    monkeypatch.setattr(app_module, "make_engine", tracked)
    yield
    for engine in engines:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_database")
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    truncate_all(engine)
    engine.dispose()
    yield url


@pytest.fixture
def settings(db_url: str) -> Settings:
    """API behaviour tests run with authentication off; tests/security covers it on."""
    return Settings(  # type: ignore[call-arg]
        database_url=db_url, load_sample_data=False, auth_enabled=False, _env_file=None
    )


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The app over ASGI with its lifespan (dispatcher running); schema from migrations."""
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as api,
    ):
        yield api


async def make_executor(client: httpx.AsyncClient, **overrides: object) -> dict:
    body = {
        "name": "Test Executor", "email": f"{uuid.uuid4().hex[:12]}@example.com",
        "role": "support", "skills": ["billing"], "languages": ["ru", "en"],
        "timezone": "Europe/Moscow", "experience_years": 3, "daily_limit": 5,
    } | overrides
    response = await client.post("/api/executors", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def make_request(client: httpx.AsyncClient, **overrides: object) -> dict:
    body = {"title": "Payment fails", "category": "support", "priority": "high",
            "required_skills": ["billing"], "required_languages": ["ru"]} | overrides
    response = await client.post("/api/requests", json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def eventually(probe, timeout: float = 5.0, step: float = 0.05):
    """Poll an async probe until it returns something truthy (the dispatcher works behind)."""
    import asyncio

    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = await probe()
        if result or asyncio.get_running_loop().time() > deadline:
            return result
        await asyncio.sleep(step)
