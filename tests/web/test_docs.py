"""The API reference at /docs renders from vendored files: offline, under the CSP."""

from __future__ import annotations

from web.conftest import Tab, screenshot


def test_api_docs_render_offline_without_errors(tab: Tab) -> None:
    tab.goto("/docs")
    tab.page.wait_for_selector(".opblock", timeout=15_000)
    assert tab.page.locator(".opblock").count() > 40
    assert not tab.page.locator("script[src^='http']").count()  # nothing from a CDN
    screenshot(tab, "api-docs", full_page=False)
