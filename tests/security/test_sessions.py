"""Web sessions: token login sets an HttpOnly, SameSite=Lax cookie; cookie writes need CSRF."""

from __future__ import annotations

import re


async def _login(secured, role: str = "admin"):
    answer = await secured.client.get("/login", params={"token": secured.tokens[role]})
    assert answer.status_code == 303 and answer.headers["location"] == "/app"
    return answer


async def test_login_link_sets_a_safe_cookie(secured):
    answer = await _login(secured)
    cookie = answer.headers["set-cookie"]
    assert "eb_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert secured.tokens["admin"] not in cookie


async def test_cookie_reads_and_writes_with_csrf_only(secured):
    await _login(secured)
    assert (await secured.client.get("/api/executors")).status_code == 200
    body = {"name": "Cookie", "email": "cookie@example.com", "role": "support"}
    refused = await secured.client.post("/api/executors", json=body)
    assert refused.status_code == 403 and refused.json()["reason"] == "csrf"
    wrong = await secured.client.post(
        "/api/executors", json=body, headers={"X-CSRF-Token": "guess"}
    )
    assert wrong.status_code == 403
    page = (await secured.client.get("/app")).text
    csrf = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    made = await secured.client.post("/api/executors", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201
    out = await secured.client.post("/logout", data={"csrf": csrf})
    assert out.status_code == 303
    assert (await secured.client.get("/api/executors")).status_code == 401


async def test_form_login_and_bad_token(secured):
    bad = await secured.client.post("/login", data={"token": "eb_wrong", "next": "/dashboard"})
    assert bad.status_code == 401 and "login-error" in bad.text
    good = await secured.client.post(
        "/login", data={"token": secured.tokens["viewer"], "next": "/dashboard"}
    )
    assert good.status_code == 303 and good.headers["location"] == "/dashboard"


async def test_open_redirect_is_refused(secured):
    answer = await secured.client.get(
        "/login", params={"token": secured.tokens["admin"], "next": "//evil.example.com/x"}
    )
    assert answer.headers["location"] in ("/", "/app")


async def test_pages_send_browsers_to_login(secured):
    answer = await secured.client.get("/app")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")
    assert (await secured.client.get("/")).status_code == 200
    assert (await secured.client.get("/guide")).status_code == 200


async def test_revoking_the_key_ends_its_sessions(secured):
    await _login(secured, "viewer")
    assert (await secured.client.get("/api/executors")).status_code == 200
    keys = (await secured.client.get("/api/keys", headers=secured.auth("admin"))).json()
    viewer = next(k for k in keys if k["role"] == "viewer")
    await secured.client.delete(f"/api/keys/{viewer['id']}", headers=secured.auth("admin"))
    assert (await secured.client.get("/api/executors")).status_code == 401
