"""Against the real server process: the first-run login link, secrets kept out of the
output, the warning when authentication is off, and /ws authentication."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest
import websockets

from e2e.server import running_server

pytestmark = pytest.mark.e2e


def test_first_run_prints_a_login_link_that_signs_in(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", "AUTH_ENABLED": "true"}
    with running_server(env) as base, httpx.Client(base_url=base) as browser:
        assert browser.get("/api/executors").status_code == 401
        server = base
    link = re.search(r"/login\?token=(eb_[\w-]+)", server.output)
    assert link, server.output
    token = link.group(1)
    assert server.output.count(token) == 1  # shown once, never logged again
    with running_server(env) as base, httpx.Client(base_url=base) as browser:
        answer = browser.get(f"/login?token={token}", follow_redirects=True)
        assert answer.status_code == 200 and answer.url.path == "/app"
        assert browser.get("/api/executors").status_code == 200
    assert "Sign in at" in base.output and token not in base.output  # no second key made


def test_secrets_never_reach_the_output(tmp_path):
    admin, secret = "eb_admin-secret-value-1234567890", "session-signing-secret-0987654321"
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
        "AUTH_ENABLED": "true",
        "ADMIN_TOKEN": admin,
        "SECRET_KEY": secret,
        "LOG_LEVEL": "DEBUG",
    }
    with running_server(env) as base:
        auth = {"Authorization": f"Bearer {admin}"}
        made = httpx.post(f"{base}/api/keys", headers=auth, json={"name": "x", "role": "viewer"})
        new_key = made.json()["key"]
        httpx.get(f"{base}/api/executors", headers={"Authorization": f"Bearer {new_key}"})
        httpx.get(f"{base}/login", params={"token": admin})
        httpx.get(f"{base}/api/executors", headers={"Authorization": "Bearer eb_wrong-guess"})
    assert "/login" in base.output and "/api/keys" in base.output  # the access log is there
    for value in (admin, secret, new_key, "eb_wrong-guess"):
        assert value not in base.output


def test_auth_disabled_warns_in_log_and_on_pages(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'c.db'}", "AUTH_ENABLED": "false"}
    with running_server(env) as base:
        page = httpx.get(f"{base}/").text
        assert "AUTH_ENABLED=false" in page
        assert httpx.get(f"{base}/api/executors").status_code == 200
    assert "AUTH_ENABLED=false" in base.output


def test_websocket_needs_credentials(tmp_path):
    admin = "eb_ws-admin-token-000000000000000"
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'd.db'}",
        "AUTH_ENABLED": "true",
        "ADMIN_TOKEN": admin,
    }
    with running_server(env) as base:
        url = base.replace("http://", "ws://") + "/ws"

        async def attempt(headers: dict[str, str]) -> str:
            try:
                async with websockets.connect(url, additional_headers=headers) as ws:
                    await asyncio.to_thread(
                        httpx.post,
                        f"{base}/api/requests",
                        json={"title": "x", "category": "support"},
                        headers={"Authorization": f"Bearer {admin}"},
                    )
                    return (await asyncio.wait_for(ws.recv(), 5))[:40]
            except (websockets.InvalidStatus, websockets.ConnectionClosed) as exc:
                return f"refused: {type(exc).__name__}"

        assert asyncio.run(attempt({})).startswith("refused")
        assert '"type"' in asyncio.run(attempt({"Authorization": f"Bearer {admin}"}))
        signed_in = httpx.get(f"{base}/login", params={"token": admin})  # the browser's way
        cookie = signed_in.headers["set-cookie"].split(";")[0]
        assert '"type"' in asyncio.run(attempt({"Cookie": cookie}))
        assert asyncio.run(attempt({"Cookie": "eb_session=forged"})).startswith("refused")
