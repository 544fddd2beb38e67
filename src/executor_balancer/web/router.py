"""Page routes: landing, management app, dashboard, guide, demo, and the language switch.

Pages are server-rendered shells (Jinja2, autoescape on); the data arrives through the
JSON API from small ES modules under static/js, so the pages hold no inline script and
work under a strict `script-src 'self'` policy.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.routing import Match

from executor_balancer import __version__
from executor_balancer.web import i18n
from executor_balancer.web.vocab import rule_vocabulary, ui_vocabulary

WEB_DIR = Path(__file__).parent
STATIC_DIR = WEB_DIR / "static"
STATIC_PREFIX = "/static"

ContextProvider = Callable[[Request], dict[str, Any]]

router = APIRouter(include_in_schema=False)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(WEB_DIR / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = lambda path: f"{STATIC_PREFIX}/{path}?v={__version__}"
    return env


templates = Jinja2Templates(env=_environment())


def add_context_provider(app: FastAPI, provider: ContextProvider) -> None:
    """Let another layer (e.g. auth) add `csrf_token`, `auth_warning`, `user` to every page."""
    providers: list[ContextProvider] = getattr(app.state, "page_context_providers", [])
    app.state.page_context_providers = [*providers, provider]


def _has_route(request: Request, path: str, kind: str = "http") -> bool:
    """Whether the app serves `path` (routes may be nested in included routers)."""
    scope = {"type": kind, "path": path, "method": "GET", "root_path": "", "headers": [],
             "query_string": b"", "app": request.app}
    return any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes)


def language(request: Request) -> str:
    return i18n.choose_language(
        request.cookies.get(i18n.COOKIE), request.headers.get("accept-language")
    )


def page_context(request: Request, page: str, **extra: Any) -> dict[str, Any]:
    """Everything a page template needs; hooks from other layers are merged last."""
    lang = language(request)
    context: dict[str, Any] = {
        "lang": lang,
        "other_languages": [code for code in i18n.LANGUAGES if code != lang],
        "languages": i18n.LANGUAGES,
        "page": page,
        "t": partial(i18n.translate, lang),
        "js_strings": i18n.js_strings(lang),
        "version": __version__,
        "path": request.url.path,
        "csrf_token": None,
        "auth_warning": None,
        "user": None,
        # Rendered only when the endpoints exist, so a page never requests a missing one.
        "ws_url": "/ws" if _has_route(request, "/ws", "websocket") else None,
        "dashboard_api": "/api/dashboard" if _has_route(request, "/api/dashboard") else None,
    }
    for provider in getattr(request.app.state, "page_context_providers", []):
        context.update(provider(request))
    context.update(getattr(request.state, "page_context", None) or {})
    context.update(extra)
    return context


def render(request: Request, template: str, page: str, **extra: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, page_context(request, page, **extra))
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/", response_class=HTMLResponse, name="web_landing")
def landing(request: Request) -> HTMLResponse:
    return render(request, "landing.html", "home")


@router.get("/app", response_class=HTMLResponse, name="web_app")
def management(request: Request) -> HTMLResponse:
    return render(request, "app.html", "app", vocab=ui_vocabulary(), rule_vocab=rule_vocabulary())


@router.get("/dashboard", response_class=HTMLResponse, name="web_dashboard")
def dashboard(request: Request) -> HTMLResponse:
    return render(request, "dashboard.html", "dashboard")


@router.get("/guide", response_class=HTMLResponse, name="web_guide")
def guide(request: Request) -> HTMLResponse:
    settings = request.app.state.settings
    weights = {
        name: getattr(settings, f"weight_{name}", None)
        for name in ("role", "skills", "language", "timezone", "load", "success_rate",
                     "experience", "weight")
    }
    return render(
        request, "guide.html", "guide",
        base_url=str(request.base_url).rstrip("/"), weights=weights,
        default_strategy=str(getattr(settings, "default_strategy", "best_match")),
        sweep_seconds=getattr(settings, "dispatch_sweep_seconds", 5),
        rule_vocab=rule_vocabulary(),
    )


@router.get("/docs", response_class=HTMLResponse, name="web_docs")
def api_docs(request: Request) -> HTMLResponse:
    """Swagger UI from the vendored bundle: works offline, no inline script."""
    return templates.TemplateResponse(request, "docs.html", {})


@router.get("/demo", response_class=HTMLResponse, name="web_demo")
def demo(request: Request) -> HTMLResponse:
    return render(request, "demo.html", "demo", vocab=ui_vocabulary())


def _safe_next(target: str | None) -> str:
    """Only a local path: an open redirect to another site must be impossible."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


@router.get("/lang/{code}", name="web_language")
def switch_language(code: str, request: Request, next: str | None = None) -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(
            i18n.COOKIE, code, max_age=i18n.COOKIE_MAX_AGE, path="/", samesite="lax",
            secure=request.url.scheme == "https",
        )
    return response


class RevalidatedStaticFiles(StaticFiles):
    """Static files the browser must revalidate (a cheap 304), so an upgrade is seen at once:
    ES modules import each other by plain URL, without the version query the pages add."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "no-cache"
        return response


def mount_web(app: FastAPI) -> None:
    """Add the pages and the static files to an app made by `create_app`."""
    app.include_router(router)
    app.mount(STATIC_PREFIX, RevalidatedStaticFiles(directory=STATIC_DIR), name="static")
