"""Start-up work on the database: apply migrations, then load sample data if asked."""

from __future__ import annotations

import logging

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from executor_balancer.config import Settings
from executor_balancer.migrate import upgrade
from executor_balancer.security.bootstrap import ensure_first_admin
from executor_balancer.seeding import load_sample_data

log = logging.getLogger("executor_balancer")


def prepare_database(
    engine: Engine, factory: sessionmaker[Session], settings: Settings
) -> str | None:
    """Migrate, load samples if asked, make the first admin key; return a new random key."""
    upgrade(engine)
    if settings.load_sample_data and load_sample_data(factory):
        log.info("loaded sample data into the empty database")
    return ensure_first_admin(factory, settings)
