"""Body limit, security headers, CORS off by default, /metrics token, public health."""

from __future__ import annotations

import httpx

from executor_balancer.app import create_app
from executor_balancer.config import Settings


async def test_oversized_body_is_413_and_changes_nothing(secured):
    big = b'{"name": "' + b"x" * 2_000_000 + b'"}'
    answer = await secured.client.post(
        "/api/executors",
        content=big,
        headers={**secured.auth("admin"), "content-type": "application/json"},
    )
    assert answer.status_code == 413
    assert (await secured.client.get("/api/executors", headers=secured.auth("admin"))).json()[
        "total"
    ] == 2


async def test_security_headers_on_api_and_pages(secured):
    for path in ("/api/health", "/", "/guide"):
        headers = (await secured.client.get(path)).headers
        csp = headers["content-security-policy"]
        assert (
            "script-src 'self'" in csp
            and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        )
        assert "frame-ancestors 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


async def test_health_is_public_and_cors_is_off(secured):
    answer = await secured.client.get("/api/health", headers={"Origin": "https://other.example"})
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers


def _app(tmp_path, sqlite_template, **overrides):
    import shutil

    path = tmp_path / "h.db"
    shutil.copy(sqlite_template, path)
    return create_app(
        Settings(database_url=f"sqlite:///{path}", auth_enabled=True, _env_file=None, **overrides)
    )  # type: ignore[call-arg]


async def test_cors_when_configured(tmp_path, sqlite_template):
    app = _app(tmp_path, sqlite_template, cors_origins="https://crm.example")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        answer = await c.get("/api/health", headers={"Origin": "https://crm.example"})
        assert answer.headers["access-control-allow-origin"] == "https://crm.example"
        other = await c.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


async def test_metrics_token(tmp_path, sqlite_template):
    app = _app(tmp_path, sqlite_template, metrics_token="scrape-me")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/metrics")).status_code == 401
        ok = await c.get("/metrics", headers={"Authorization": "Bearer scrape-me"})
        assert ok.status_code == 200 and "executor_balancer_" in ok.text


async def test_limit_is_capped(secured):
    answer = await secured.client.get(
        "/api/executors", params={"limit": 100000}, headers=secured.auth("admin")
    )
    assert answer.status_code == 422
