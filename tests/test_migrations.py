"""The schema comes only from migrations: they go up, down and up again, and match the models."""

from __future__ import annotations

import uuid

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from conftest import PG_ADMIN_DSN, _pg_available, require_or_skip
from executor_balancer.db import make_engine
from executor_balancer.migrate import downgrade, upgrade
from executor_balancer.models import Base

TABLES = {"executor", "work_request", "assignment", "rule", "event", "alembic_version"}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
        yield engine
        engine.dispose()
        return
    require_or_skip(_pg_available(), "PostgreSQL")
    name = f"eb_mig_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    engine = make_engine(f"{url}/{name}")
    yield engine
    engine.dispose()
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tables(engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_upgrade_downgrade_upgrade(empty_engine):
    upgrade(empty_engine)
    assert _tables(empty_engine) >= TABLES
    downgrade(empty_engine)
    assert _tables(empty_engine) <= {"alembic_version"}
    upgrade(empty_engine)
    assert _tables(empty_engine) >= TABLES


def test_models_match_migrations(empty_engine):
    """Autogenerate finds nothing to add: nobody changed a model without a migration."""
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(empty_engine):
    upgrade(empty_engine)
    upgrade(empty_engine)
    assert _tables(empty_engine) >= TABLES
