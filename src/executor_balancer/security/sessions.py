"""Signed session cookies for the web app, each carrying its own CSRF token."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "eb_session"
CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True)
class SessionData:
    key_id: uuid.UUID
    csrf: str


class SessionSigner:
    def __init__(self, secret: str, max_age: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="executor-balancer-session")
        self.max_age = max_age

    def issue(self, key_id: uuid.UUID) -> tuple[str, SessionData]:
        data = SessionData(key_id=key_id, csrf=secrets.token_urlsafe(24))
        return self._serializer.dumps({"k": str(key_id), "c": data.csrf}), data

    def read(self, cookie: str) -> SessionData | None:
        try:
            raw = self._serializer.loads(cookie, max_age=self.max_age)
            return SessionData(key_id=uuid.UUID(raw["k"]), csrf=str(raw["c"]))
        except (BadSignature, KeyError, TypeError, ValueError):
            return None
