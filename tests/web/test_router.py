"""Page routes without a browser: language cookie, safe redirects, the context hooks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest
from fastapi import FastAPI, Request, Response

from executor_balancer.config import Settings
from executor_balancer.web import add_context_provider, mount_web
from executor_balancer.web.router import _safe_next


@pytest.fixture
def app() -> FastAPI:
    app = FastAPI()
    app.state.settings = Settings(_env_file=None)  # type: ignore[call-arg]
    mount_web(app)
    return app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


@pytest.mark.parametrize(("target", "expected"), [
    ("/app#rules", "/app#rules"), ("/dashboard?x=1", "/dashboard?x=1"), (None, "/"),
    ("//evil.example", "/"), ("/\\evil.example", "/"), ("https://evil.example/", "/"),
    ("javascript:alert(1)", "/"), ("app", "/"),
])
def test_language_switch_redirects_only_to_local_paths(target: str | None, expected: str) -> None:
    assert _safe_next(target) == expected


async def test_switch_sets_the_cookie_and_pages_follow_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/lang/ru", params={"next": "/guide"})
    assert response.status_code == 303 and response.headers["location"] == "/guide"
    assert "lang=ru" in response.headers["set-cookie"]
    page = await client.get("/guide", headers={"Accept-Language": "en"})  # the cookie wins
    assert '<html lang="ru">' in page.text and "Содержание" in page.text
    assert "Accept-Language" in page.headers["vary"]
    unknown = await client.get("/lang/xx", params={"next": "/"})
    assert "set-cookie" not in unknown.headers


async def test_browser_language_when_no_cookie(client: httpx.AsyncClient) -> None:
    russian = await client.get("/", headers={"Accept-Language": "ru-RU,ru"})
    german = await client.get("/", headers={"Accept-Language": "de-DE"})
    assert '<html lang="ru">' in russian.text and '<html lang="en">' in german.text


async def test_context_hooks_render_csrf_user_banner_and_ws(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    add_context_provider(app, lambda request: {"auth_warning": "custom warning <b>"})

    @app.middleware("http")
    async def fake_auth(request: Request, call_next: Callable[[Request], Awaitable[Response]]
                        ) -> Response:
        request.state.page_context = {"csrf_token": "tok-123", "ws_url": "/ws",
                                      "user": {"name": "Anna", "role": "admin"}}
        return await call_next(request)

    html = (await client.get("/app")).text
    assert '<meta name="csrf-token" content="tok-123">' in html
    assert '<meta name="ws" content="/ws">' in html
    assert "custom warning &lt;b&gt;" in html, "autoescaped"
    assert 'name="csrf" value="tok-123"' in html and "Anna" in html


async def test_no_optional_meta_without_endpoints_and_no_banner_by_default(
    client: httpx.AsyncClient,
) -> None:
    html = (await client.get("/dashboard")).text
    for absent in ('name="csrf-token"', 'name="ws"', 'name="dashboard-api"', 'id="auth-warning"'):
        assert absent not in html


async def test_static_files_are_served_with_revalidation(client: httpx.AsyncClient) -> None:
    script = await client.get("/static/js/api.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.headers["cache-control"] == "no-cache"
    assert (await client.get("/static/vendor/chartjs/LICENSE.md")).status_code == 200
