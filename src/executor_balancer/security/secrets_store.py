"""The session signing key: SECRET_KEY when set, else generated once and kept in the
database, so every instance (and every restart) signs and verifies with the same key."""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from executor_balancer.config import Settings
from executor_balancer.db import transaction
from executor_balancer.models import ServerSecret

SESSION_KEY = "session_signing_key"


def session_secret(factory: sessionmaker[Session], settings: Settings) -> str:
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    with transaction(factory) as session:
        stored = session.get(ServerSecret, SESSION_KEY)
        if stored is not None:
            return stored.value
    try:
        with transaction(factory) as session:
            session.add(ServerSecret(name=SESSION_KEY, value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another instance made it first: use theirs
    with transaction(factory) as session:
        found = session.get(ServerSecret, SESSION_KEY)
        assert found is not None
        return found.value
