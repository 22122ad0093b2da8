"""Fixtures for the end-to-end tests: a real headless Chromium driving the live server.

The browser is Debian's `/usr/bin/chromium` (or `BENCHGUARD_CHROMIUM`) because the
courts' CI and closed networks cannot download Playwright's own build;
`scripts/ensure_browser.py` installs it before pytest runs. Playwright's own browser is
only the last resort, for a developer machine that has run `playwright install`.

Every page is watched: a request that leaves the site (a CDN, a web font), a response
with an error status (a missing static file) or a console error (a CSP violation, a
JavaScript error) fails the test, because on a closed court network each of those is
a broken page.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    ViewportSize,
    expect,
    sync_playwright,
)
from playwright.sync_api import (
    Error as PlaywrightError,
)

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = PROJECT_DIR / "test-output" / "e2e"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root in a container, where the sandbox cannot start
    "--disable-background-networking",  # no calls home: every request must be to the site
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}  # the courts' office desktops
TABLET: ViewportSize = {"width": 768, "height": 1024}  # portrait tablet: the navbar collapses
LOGIN_PATH = "/accounts/login/"

# Playwright keeps the expect() timeout short so a missing element fails fast; the
# live server on a 2-core CI machine shared by two xdist workers needs a bit more.
expect.set_options(timeout=10_000)
# How long a test's pages may take to finish loading after its last step.
SETTLE_MS = 5_000


def pytest_configure(config: pytest.Config) -> None:
    """Declare xdist's marker so `-p no:xdist` runs still pass --strict-markers."""
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker")


def chromium_executable() -> str | None:
    """The Chromium to drive; None lets Playwright use its own downloaded build."""
    configured = os.environ.get("BENCHGUARD_CHROMIUM")
    if configured and os.access(configured, os.X_OK):
        return configured
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return str(DEBIAN_CHROMIUM)
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium per test module.

    Module scope, not session scope: the sync API keeps an asyncio event loop running
    in this thread for as long as Playwright is started, and Django refuses ORM calls
    ("async unsafe") while one runs — so DJANGO_ALLOW_ASYNC_UNSAFE is set exactly while
    the browser lives (pytest tears module fixtures down before another module's tests
    run, also under xdist) and the rest of the suite keeps Django's check.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class WatchedPage:
    """A page plus everything it did that a closed-network court would notice."""

    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("request", self._on_request)
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_response(self, response: Response) -> None:
        # Chromium probes /favicon.ico by itself when a page declares no icon; that 404
        # is the browser's guess, not a broken reference in our pages.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.failed_responses.append(f"{response.status} {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.console_errors.append(message.text)

    def external_requests(self) -> list[str]:
        """Requests that did not go to the site itself (data: URLs are not requests)."""
        return [
            url
            for url in self.requests
            if not url.startswith(f"{self.origin}/") and not url.startswith("data:")
        ]

    def assert_self_contained(self) -> None:
        """Nothing left the site, nothing 404'd, nothing was blocked or threw."""
        assert self.requests, "the page made no requests at all; was it loaded?"
        assert self.external_requests() == [], "requests that left the site"
        assert self.failed_responses == [], "error responses (a missing static file?)"
        assert self.console_errors == [], "console errors (CSP violations, JavaScript errors)"

    def login(self, username: str, password: str) -> None:
        """Sign in through the real login form, as a person would."""
        self.page.goto(LOGIN_PATH)
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")

    def screenshot(self, name: str) -> Path:
        """A full-page PNG under test-output/e2e/ (git-ignored; CI keeps it as an artefact)."""
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def horizontal_overflow(self) -> int:
        """How many pixels the page is wider than the window (0 = no sideways scrolling)."""
        overflow: Any = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        return int(overflow)


OpenPage = Callable[..., WatchedPage]


def signed_in(open_page: OpenPage, username: str, password: str) -> WatchedPage:
    """A fresh page (`open_page()`) signed in as `username`, on the home page (工作台)."""
    watched = open_page()
    watched.login(username, password)
    expect(watched.page.locator("main h1")).to_contain_text("工作台")
    return watched


@pytest.fixture
def demo(settings: Any, live_server: Any) -> Any:
    """The demo courts, people and accounts (`make demo`'s data) in the live server's
    test database, as every other test has them; returns the demo module for its
    DEMO_PASSWORD.

    New passwords are hashed with fast MD5 here (PBKDF2 costs half a second per demo
    account, on every test); PBKDF2 stays listed so any existing hash still verifies.
    How passwords are hashed is not what these tests are about.
    """
    from django.db import connection

    from benchguard.organization import demo as demo_module
    from tests import demo_db

    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    # The live server's test flushed the database: the run's copy of the demo (SQLite)
    # comes back in milliseconds; loading it again takes seconds per test.
    if not demo_db.restore_demo(connection):
        demo_module.load_demo()
    return demo_module


@pytest.fixture
def open_page(browser: Browser, live_server: Any) -> Iterator[Callable[..., WatchedPage]]:
    """Factory for a watched page in a fresh zh-CN browser context (own cookies).

    Call as open_page() for the 1280 px desktop or open_page(TABLET) for a tablet.
    """
    contexts: list[BrowserContext] = []

    def factory(viewport: ViewportSize = DESKTOP) -> WatchedPage:
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            viewport=viewport,
        )
        contexts.append(context)
        return WatchedPage(page=context.new_page(), origin=live_server.url)

    yield factory
    for context in contexts:
        # A click that ends a test may leave the next page (or its htmx partials) still
        # loading; the live server would then be reading the database on its thread while
        # the test's flush empties it ("database table is locked" on SQLite). Let every
        # page's requests be answered first; a page that polls is given up after a while.
        for page in context.pages:
            with contextlib.suppress(PlaywrightError):
                page.wait_for_load_state("networkidle", timeout=SETTLE_MS)
        context.close()
