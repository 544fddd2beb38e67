"""Sign in with a key (form or one-time link) and out; the session cookie is HttpOnly."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from executor_balancer.security.principal import Authenticator
from executor_balancer.security.sessions import COOKIE
from executor_balancer.web.router import _safe_next, language, render

router = APIRouter(include_in_schema=False)

TEXT = {
    "en": {
        "title": "Sign in",
        "token": "API key",
        "submit": "Sign in",
        "intro": "Paste an API key, or open the one-time link the server printed at start.",
        "hint": "No key? Run: executor-balancer keys create --role admin --name me",
        "bad": "This key is unknown or revoked.",
    },
    "ru": {
        "title": "Вход",
        "token": "API-ключ",
        "submit": "Войти",
        "intro": "Вставьте API-ключ или откройте одноразовую ссылку, "
        "которую сервер вывел при запуске.",
        "hint": "Нет ключа? Выполните: executor-balancer keys create --role admin --name me",
        "bad": "Ключ неизвестен или отозван.",
    },
}


def _page(request: Request, next_url: str, error: str | None = None, status: int = 200) -> Response:
    text = TEXT.get(language(request), TEXT["en"])
    response = render(
        request,
        "login.html",
        "login",
        text=text,
        next=next_url,
        error=text["bad"] if error else None,
    )
    response.status_code = status
    return response


def _sign_in(request: Request, token: str, next_url: str) -> Response:
    authenticator: Authenticator = request.app.state.authenticator
    principal = authenticator.principal_for_token(token)
    if principal is None or principal.key_id is None or authenticator.signer is None:
        return _page(request, next_url, error="bad", status=401)
    cookie, _ = authenticator.signer.issue(principal.key_id)
    response = RedirectResponse(_safe_next(next_url) if next_url != "/" else "/app", 303)
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=authenticator.signer.max_age,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, token: str | None = None, next: str = "/") -> Response:
    """`/login?token=…` signs in at once (the link printed at first start)."""
    if token:
        return _sign_in(request, token, next)
    return _page(request, next)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    return _sign_in(request, token.strip(), next)


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> Response:
    """Ends the session; the form carries the CSRF token so no other site can do it."""
    expected = request.state.page_context.get("csrf_token") or ""
    response = RedirectResponse("/", 303)
    if expected and hmac.compare_digest(csrf, expected):
        response.delete_cookie(COOKIE, path="/")
    return response
