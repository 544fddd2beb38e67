"""API keys: made at random, shown once, stored as a SHA-256 hash, looked up by hash.

Keys are 256 random bits, so a fast hash is enough (no password-style stretching).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from executor_balancer import tracking
from executor_balancer.errors import Invalid, NotFound
from executor_balancer.models import ApiKey, Executor
from executor_balancer.models.base import utcnow
from executor_balancer.security.roles import Role

KEY_PREFIX = "eb_"
LAST_USED_EVERY = timedelta(minutes=1)


def new_token() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def create(
    session: Session, *, name: str, role: Role, executor_id: uuid.UUID | None = None,
    token: str | None = None,
) -> tuple[ApiKey, str]:
    """Store a new key; return it with the token, which is never retrievable again."""
    if (role is Role.executor) != (executor_id is not None):
        raise Invalid("an executor key needs executor_id, and only an executor key has one",
                      reason="executor_id")
    if executor_id is not None and session.get(Executor, executor_id) is None:
        raise NotFound(f"executor {executor_id} not found")
    token = token or new_token()
    key = ApiKey(name=name, role=role.value, executor_id=executor_id, key_hash=digest(token),
                 prefix=token[:10])
    session.add(key)
    session.flush()
    return key, token


def find(session: Session, token: str) -> ApiKey | None:
    key = session.scalars(select(ApiKey).where(ApiKey.key_hash == digest(token))).one_or_none()
    return key if key is not None and key.revoked_at is None else None


def get_active(session: Session, key_id: uuid.UUID) -> ApiKey | None:
    key = session.get(ApiKey, key_id)
    return key if key is not None and key.revoked_at is None else None


def use_is_due(key: ApiKey, now: datetime) -> bool:
    """Use is recorded at most once a minute per key: no write on every request."""
    return key.last_used_at is None or now - key.last_used_at > LAST_USED_EVERY


def mark_used(session: Session, key_id: uuid.UUID, now: datetime) -> None:
    session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=now))


def list_keys(session: Session) -> Sequence[ApiKey]:
    return session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)).all()


def revoke(session: Session, key_id: uuid.UUID) -> ApiKey:
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound(f"key {key_id} not found")
    key.revoked_at = key.revoked_at or utcnow()
    tracking.keys_changed(session)
    return key


def any_key(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(ApiKey)))
