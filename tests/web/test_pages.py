"""Every page: renders without console errors, fits 375 px, speaks Russian, escapes data."""

from __future__ import annotations

import httpx
import pytest

from .conftest import MOBILE, Tab, open_tab, screenshot, wait_ready

pytestmark = pytest.mark.e2e

PAGES = {"landing": "/", "app": "/app", "dashboard": "/dashboard", "guide": "/guide",
         "demo": "/demo"}
FILLED = "() => document.querySelector('[data-{}=requests_total]').textContent !== '–'"
XSS = "<img src=x onerror=alert(1)>"


def test_every_page_renders_without_console_errors(tab: Tab) -> None:
    page = tab.page
    for name, path in PAGES.items():
        tab.goto(path)
        assert page.locator("main h1").first.is_visible(), name
        assert page.locator("nav.main-nav a[aria-current='page']").count() == 1, name
        if name in ("landing", "dashboard"):
            page.wait_for_function(FILLED.format("counter" if name == "landing" else "kpi"))
        if name != "demo":  # the demo is photographed running, in test_live
            screenshot(tab, "app-executors" if name == "app" else name,
                       full_page=name in ("landing", "dashboard"))
    for section in ("requests", "assignments", "queue", "rules"):
        tab.goto(f"/app#{section}")
        page.wait_for_selector(f"#{section}:not([hidden])")
        page.wait_for_function(
            "(s) => document.querySelector(`#${s} tbody tr, #${s} .rule-card`)", arg=section)
        if section in ("requests", "rules"):
            screenshot(tab, f"app-{section}", full_page=False)
    assert not tab.unexpected_errors()


def test_375px_wide_pages_do_not_overflow(chromium: object, base_url: str) -> None:
    tab = open_tab(chromium, base_url, viewport=MOBILE, is_mobile=True, has_touch=True)
    try:
        for name, path in PAGES.items():
            tab.goto(path)
            overflow = tab.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name}: page is {overflow}px wider than the 375px screen"
            if name == "dashboard":
                screenshot(tab, "mobile-dashboard", full_page=False)
            if name == "app":
                # Wide tables scroll inside their own box, not the page.
                box = tab.page.locator("#executors .table-wrap")
                assert box.evaluate("el => el.scrollWidth > el.clientWidth")
                screenshot(tab, "mobile-app", full_page=False)
        assert not tab.unexpected_errors()
    finally:
        tab.page.context.close()


def test_language_follows_browser_switch_and_cookie(chromium: object, base_url: str) -> None:
    russian_browser = open_tab(chromium, base_url, locale="ru-RU",
                               extra_http_headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    try:
        russian_browser.goto("/")
        assert russian_browser.page.locator("html").get_attribute("lang") == "ru"
        assert russian_browser.page.locator("nav.main-nav").inner_text().count("Приложение") == 1
    finally:
        russian_browser.page.context.close()

    tab = open_tab(chromium, base_url, extra_http_headers={"Accept-Language": "en-GB,en"})
    page = tab.page
    try:
        tab.goto("/app#rules")
        assert page.locator("html").get_attribute("lang") == "en"
        page.get_by_role("link", name="RU", exact=True).click()
        page.wait_for_url("**/app#rules")
        wait_ready(page)
        assert page.locator("html").get_attribute("lang") == "ru"
        assert page.locator("#rules-heading").inner_text() == "Правила"
        assert page.locator("#rules").is_visible()
        assert page.get_by_role("button", name="Новое правило").is_visible()
        assert {"name": "lang", "value": "ru"}.items() <= next(
            c for c in page.context.cookies() if c["name"] == "lang").items()
        screenshot(tab, "app-rules-ru", full_page=False)
        page.reload()
        wait_ready(page)
        assert page.locator("html").get_attribute("lang") == "ru", "the choice is remembered"
        tab.goto("/dashboard")
        assert page.locator("h1").inner_text() == "Аналитика в реальном времени"
        page.get_by_role("link", name="EN", exact=True).click()
        page.wait_for_url("**/dashboard")
        assert page.locator("h1").inner_text() == "Live analytics"
        assert not tab.unexpected_errors()
    finally:
        page.context.close()


def test_markup_in_data_shows_as_text(tab: Tab, api: httpx.Client) -> None:
    executor = api.post("/api/executors", json={
        "name": XSS, "email": "xss-name@example.com", "role": "support", "skills": ["billing"],
        "languages": ["ru"], "daily_limit": 5,
    })
    assert executor.status_code == 201, executor.text
    request = api.post("/api/requests?auto_assign=false", json={
        "title": XSS, "description": XSS, "category": "support", "required_skills": [XSS[:60]],
    })
    assert request.status_code == 201, request.text
    page = tab.page

    tab.goto("/app#executors")
    page.fill("#ef-q", "xss-name")
    row = page.locator("#executor-table tbody tr").filter(has_text="xss-name@example.com")
    row.wait_for()
    assert row.locator("button.cell-main").inner_text() == XSS
    assert page.locator("#executor-table img").count() == 0

    tab.goto("/app#requests")
    page.fill("#rf-q", "onerror")
    link = page.locator("#request-table button.cell-main", has_text=XSS).first
    link.click()
    page.wait_for_selector("#detail-dialog[open]")
    assert page.locator("#detail-title").inner_text() == XSS
    assert page.locator("#detail-dialog img").count() == 0
    page.keyboard.press("Escape")

    tab.goto("/demo")
    tab.goto("/dashboard")
    page.wait_for_timeout(300)
    assert tab.dialogs == [], "a script in the data ran"
    assert page.locator("main img").count() == 0


@pytest.mark.parametrize("path", ["/app", "/dashboard", "/demo"])
def test_pages_send_a_strict_content_security_policy(base_url: str, path: str) -> None:
    """No inline script anywhere: the pages work under script-src 'self' (checked in the
    browser by the console-error assertions, since a blocked script logs an error)."""
    response = httpx.get(base_url + path)
    html = response.text
    assert "<script>" not in html and " on" + "click=" not in html and "style=" not in html
    policy = response.headers.get("content-security-policy", "")
    if not policy:
        pytest.skip("this build sends no Content-Security-Policy header")
    script_src = policy.split("script-src")[1].split(";")[0]
    assert "'self'" in script_src and "unsafe-inline" not in script_src
