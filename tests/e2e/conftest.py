"""Real-browser fixtures: the storefront served from a thread, Debian's Chromium via Playwright.

Every test under tests/e2e is marked `e2e` (deselect with `-m "not e2e"`). Chromium is
the Debian package at /usr/bin/chromium (or $CHROMIUM_PATH); Playwright's own browser
downloads are never used. Without it the tests skip with the reason, except under CI
(CI=true), where a missing browser fails the run.

    live_server   the demo storefront (catalogue, index, accounts) on a free 127.0.0.1 port,
                  with a private SQLite file, storage and search index; one per session
    browser       a headless Chromium for the session
    page          a fresh browser context and page per test (English accept-language)
    screenshots   a directory for PNGs ($E2E_SCREENSHOTS, else a pytest tmp dir)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
UNDER_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder `e2e`."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def browser_unavailable(reason: str) -> None:
    """Fail under CI, skip elsewhere, always with the reason."""
    message = f"Real-browser tests need Debian's chromium: {reason}"
    if UNDER_CI:
        pytest.fail(message + " (CI requires it; .ci/run installs it)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The Chromium executable, or skip/fail as above."""
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        browser_unavailable(f"{CHROMIUM_PATH} is missing (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        browser_unavailable(f"the playwright package is missing ({error})")
    return CHROMIUM_PATH


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """A headless Chromium driven by Playwright for the whole session."""
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
            )
        except Error as error:
            browser_unavailable(f"it did not start ({str(error).splitlines()[0]})")
        yield browser
        browser.close()


@dataclass
class LiveServer:
    """A running storefront: its base URL and its Flask app."""

    url: str
    app: Flask


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The demo site as `make run` prepares it, served by werkzeug from a thread."""
    from werkzeug.serving import make_server

    from storefront import create_app
    from storefront.demo.loader import prepare_demo
    from storefront.extensions import db

    root = tmp_path_factory.mktemp("e2e-site")
    app = create_app({
        "SECRET_KEY": "e2e-secret", "TESTING": False, "WTF_CSRF_ENABLED": True,
        "DATABASE_URL": f"sqlite:///{root / 'site.sqlite'}",
        "STORAGE_DIR": str(root / "storage"), "SEARCH_INDEX_DIR": str(root / "index"),
        "SEARCH_REBUILD_ON_START": False, "LOG_LEVEL": "WARNING",
    })
    prepare_demo(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def page(browser, live_server: LiveServer) -> Iterator[object]:
    """A page in a fresh context (its own cookies), 20 s timeouts."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the tests save PNG screenshots for a person to look at."""
    folder = os.environ.get("E2E_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
