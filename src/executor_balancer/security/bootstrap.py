"""First run without friction: with no key at all, make the first admin key.

It is ADMIN_TOKEN when set, else a random key whose one-time login link is printed
(like Jupyter's), so `make run` leads straight into the app.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from executor_balancer.config import Settings
from executor_balancer.db import transaction
from executor_balancer.security import keys
from executor_balancer.security.roles import Role


def ensure_first_admin(factory: sessionmaker[Session], settings: Settings) -> str | None:
    """Create the first admin key if none exists; return its token when it was random."""
    if not settings.auth_enabled:
        return None
    with transaction(factory) as session:
        if keys.any_key(session):
            return None
        given = settings.admin_token.get_secret_value() if settings.admin_token else None
        _, token = keys.create(session, name="first admin", role=Role.admin, token=given)
    return None if given else token


def login_message(token: str | None, settings: Settings, port: int) -> str:
    base = f"http://localhost:{port}"
    if token:
        return (f"No API key existed, so an admin key was created. Sign in (this link works "
                f"until the key is revoked; it is shown only now):\n    {base}/login?token={token}")
    return f"Sign in at {base}/login with ADMIN_TOKEN or an API key."
