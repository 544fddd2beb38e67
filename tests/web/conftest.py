"""Browser tests: the real server process with sample data, driven by Debian's Chromium.

One server serves the whole set and one browser each module (starting them is most of the
cost); each test gets a fresh browser context, so cookies and storage never leak between tests.
Every page's console errors and uncaught exceptions are collected and must stay empty,
unless a test provokes an error on purpose and says so.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from e2e.server import running_server

CHROMIUM = os.environ.get("EB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
REQUIRE = os.environ.get("EB_REQUIRE_SERVICES") == "1"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} not found (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Per module: Playwright's sync API holds an event loop open while it runs, which
    would stop async tests in later modules from starting their own."""
    reason = _unavailable()
    if reason:
        if REQUIRE:
            pytest.fail(f"browser tests required (EB_REQUIRE_SERVICES=1): {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`executor-balancer serve` on a fresh SQLite file with the sample data, auth off."""
    database = tmp_path_factory.mktemp("web") / "web.db"
    env = {"DATABASE_URL": f"sqlite:///{database}", "LOAD_SAMPLE_DATA": "true",
           "AUTH_ENABLED": "false", "DISPATCH_SWEEP_SECONDS": "2"}
    with running_server(env) as url:
        yield url


@pytest.fixture
def api(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client


@dataclass
class Tab:
    """A page plus what it reported: console errors, uncaught exceptions, opened dialogs."""

    page: Any
    base_url: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def goto(self, path: str, *, ready: bool = True) -> None:
        self.page.goto(self.base_url + path)
        if ready:
            wait_ready(self.page)

    def allow_errors(self, *fragments: str) -> None:
        """Expected console errors, e.g. the browser's log line for a deliberate 409."""
        self.allowed.extend(fragments)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(a in e for a in self.allowed)]


def wait_ready(page: Any) -> None:
    """Pages that load data mark <body data-ready>; the others are ready when loaded."""
    page.wait_for_load_state("load")
    if page.evaluate("document.body.dataset.page") in ("app", "dashboard", "demo"):
        page.wait_for_selector("body[data-ready='true']", timeout=10_000)


def open_tab(browser: Any, base_url: str, **context_options: Any) -> Tab:
    # Reduced motion: charts draw without animation, so screenshots never catch them mid-way.
    options = {"viewport": DESKTOP, "locale": "en-GB", "reduced_motion": "reduce",
               **context_options}
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    tab = Tab(page, base_url)
    page.on("console",
            lambda m: tab.errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.errors.append(f"pageerror: {e}"))

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return tab


@pytest.fixture
def tab(chromium: Any, base_url: str) -> Iterator[Tab]:
    tab = open_tab(chromium, base_url)
    yield tab
    context = tab.page.context
    errors = tab.unexpected_errors()
    context.close()
    assert not errors, f"browser console errors: {errors}"


def screenshot(tab: Tab, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
