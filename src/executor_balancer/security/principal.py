"""Authentication (key or session cookie) and the policy check every route goes through."""

from __future__ import annotations

import hmac
import time
import uuid
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request, WebSocketException, status
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import HTTPConnection
from starlette.websockets import WebSocket

from executor_balancer.config import Settings
from executor_balancer.db import transaction
from executor_balancer.errors import BalancerError
from executor_balancer.models.base import utcnow
from executor_balancer.security import keys
from executor_balancer.security.roles import ROLES, Access, Role, access_for
from executor_balancer.security.sessions import COOKIE, CSRF_HEADER, SessionSigner

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_API_PATHS = ("/api", "/metrics", "/ws")
CACHE_SECONDS = 5.0


class NotAuthenticated(BalancerError):
    status_code = 401


class Forbidden(BalancerError):
    status_code = 403


@dataclass(frozen=True)
class Principal:
    key_id: uuid.UUID | None
    name: str
    role: Role
    executor_id: uuid.UUID | None = None
    csrf: str | None = None  # set when authenticated by the session cookie

    @property
    def owner(self) -> uuid.UUID | None:
        """The executor whose assignments alone this principal may see, if any."""
        return self.executor_id if self.role is Role.executor else None


ANONYMOUS_ADMIN = Principal(key_id=None, name="authentication disabled", role=Role.admin)


class Authenticator:
    """Resolves credentials to a Principal; key lookups are cached for a few seconds."""

    def __init__(self, factory: sessionmaker[Session], settings: Settings) -> None:
        self.factory = factory
        self.settings = settings
        self.signer: SessionSigner | None = None  # set at start-up, once the schema exists
        self._cache: dict[str, tuple[float, Principal | None]] = {}

    def forget(self) -> None:
        """Drop cached lookups (after a key is revoked here)."""
        self._cache.clear()

    def principal(self, conn: HTTPConnection) -> Principal | None:
        if not self.settings.auth_enabled:
            return ANONYMOUS_ADMIN
        header = conn.headers.get("authorization", "")
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise NotAuthenticated("use Authorization: Bearer <key>")
            found = self._by_token(token.strip())
            if found is None:
                raise NotAuthenticated("unknown or revoked key")
            return found
        cookie = conn.cookies.get(COOKIE)
        if cookie and self.signer is not None:
            data = self.signer.read(cookie)
            found = self._by_id(data.key_id) if data else None
            if found is not None and data is not None:
                return Principal(found.key_id, found.name, found.role, found.executor_id, data.csrf)
        return None

    def principal_for_token(self, token: str) -> Principal | None:
        return self._by_token(token) if token else None

    def _by_token(self, token: str) -> Principal | None:
        return self._cached("t:" + keys.digest(token), lambda s: keys.find(s, token))

    def _by_id(self, key_id: uuid.UUID) -> Principal | None:
        return self._cached(f"i:{key_id}", lambda s: keys.get_active(s, key_id))

    def _cached(self, slot: str, load) -> Principal | None:  # type: ignore[no-untyped-def]
        now = time.monotonic()
        hit = self._cache.get(slot)
        if hit and now - hit[0] < CACHE_SECONDS:
            return hit[1]
        with transaction(self.factory, readonly=True) as session:
            key = load(session)
            found = None if key is None else Principal(
                key.id, key.name, Role(key.role), key.executor_id)
            due = key is not None and keys.use_is_due(key, utcnow())
        if due and found is not None and found.key_id is not None:
            with transaction(self.factory) as session:
                keys.mark_used(session, found.key_id, utcnow())
        self._cache[slot] = (now, found)
        return found


def enforce(conn: HTTPConnection) -> Principal:
    """The app-wide dependency: find the route's access level and check the caller."""
    route = conn.scope.get("route")
    method = "WS" if isinstance(conn, WebSocket) else conn.scope.get("method", "GET")
    access = access_for(method, getattr(route, "path", ""))
    try:
        return _check(conn, method, access)
    except BalancerError as exc:
        if isinstance(conn, WebSocket):
            raise WebSocketException(status.WS_1008_POLICY_VIOLATION, exc.detail) from None
        raise


def _check(conn: HTTPConnection, method: str, access: Access | None) -> Principal:
    authenticator: Authenticator = conn.app.state.authenticator
    if access is None:
        raise Forbidden("this route has no access policy", reason="policy")
    if access is Access.public:
        _metrics_gate(conn)
        _page_context(conn, _optional(authenticator, conn))
        return ANONYMOUS_ADMIN
    principal = authenticator.principal(conn)
    _page_context(conn, principal)
    if principal is None:
        raise NotAuthenticated("sign in or send Authorization: Bearer <key>")
    if principal.role not in ROLES[access]:
        raise Forbidden(f"the {principal.role} role may not do this", reason="role")
    if principal.csrf is not None and method not in SAFE_METHODS and method != "WS":
        sent = conn.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent, principal.csrf):
            raise Forbidden(f"missing or wrong {CSRF_HEADER} header", reason="csrf")
    conn.scope["eb_principal"] = principal
    return principal


def _optional(authenticator: Authenticator, conn: HTTPConnection) -> Principal | None:
    try:
        return authenticator.principal(conn)
    except BalancerError:
        return None


def _page_context(conn: HTTPConnection, principal: Principal | None) -> None:
    """What templates need: CSRF token, who is signed in, the warning when auth is off."""
    settings: Settings = conn.app.state.settings
    conn.state.page_context = {
        "csrf_token": principal.csrf if principal and principal.csrf else "",
        "user": {"name": principal.name, "role": principal.role.value} if principal else None,
        "auth_warning": not settings.auth_enabled,
        "ws_url": "/ws" if principal else "",
    }


def _metrics_gate(conn: HTTPConnection) -> None:
    """/metrics is public unless METRICS_TOKEN is set."""
    token = conn.app.state.settings.metrics_token
    if token is None or conn.scope.get("path") != "/metrics":
        return None
    expected = f"Bearer {token.get_secret_value()}"
    if not hmac.compare_digest(conn.headers.get("authorization", ""), expected):
        raise NotAuthenticated("/metrics needs Authorization: Bearer <METRICS_TOKEN>")
    return None


PrincipalDep = Annotated[Principal, Depends(enforce)]


def install_auth_handlers(app: FastAPI) -> None:
    """A browser asking for a page without a session goes to /login, not to a JSON 401."""

    @app.exception_handler(NotAuthenticated)
    async def _sign_in_first(request: Request, exc: NotAuthenticated) -> Response:
        wants_page = request.method == "GET" and not request.url.path.startswith(_API_PATHS)
        if wants_page:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return JSONResponse({"detail": exc.detail}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
