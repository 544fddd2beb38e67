"""With authentication on: the one-time token link signs in, and forms pass the CSRF check."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from e2e.server import running_server

from .conftest import Tab, open_tab

pytestmark = pytest.mark.e2e

TOKEN = "eb-web-test-" + uuid.uuid4().hex


@pytest.fixture(scope="module")
def secured_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database: Path = tmp_path_factory.mktemp("web-auth") / "auth.db"
    env = {"DATABASE_URL": f"sqlite:///{database}", "LOAD_SAMPLE_DATA": "true",
           "AUTH_ENABLED": "true", "ADMIN_TOKEN": TOKEN}
    with running_server(env) as url:
        yield url


def test_token_link_signs_in_and_forms_send_csrf(chromium: object, secured_url: str) -> None:
    tab: Tab = open_tab(chromium, secured_url)
    page = tab.page
    try:
        page.goto(f"{secured_url}/login?token={TOKEN}&next=/app")
        page.wait_for_url("**/app")
        page.wait_for_selector("body[data-ready='true']")
        assert page.locator("meta[name='csrf-token']").get_attribute("content")
        assert page.locator("#auth-warning").count() == 0

        email = f"csrf-{uuid.uuid4().hex[:8]}@example.com"
        page.get_by_role("button", name="New executor").click()
        page.locator("#ex-name").fill("Signed-in Creator")
        page.locator("#ex-email").fill(email)
        page.locator("#executor-form").get_by_role("button", name="Save").click()
        page.wait_for_selector("#executor-dialog", state="hidden")
        found = httpx.get(f"{secured_url}/api/executors", params={"q": email},
                          headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert found["total"] == 1
        assert page.locator("#live-status").get_attribute("data-state") in ("live", "connecting")
        assert not tab.unexpected_errors()
    finally:
        page.context.close()


def test_without_session_the_app_asks_to_sign_in(secured_url: str) -> None:
    response = httpx.get(f"{secured_url}/app", follow_redirects=False)
    assert response.status_code in (302, 303, 307, 401)
    assert httpx.get(f"{secured_url}/").status_code == 200, "the landing page is public"
