"""Build the demo site once per session, serve it on 127.0.0.1, and drive it in Chromium.

Both modules here use the built site: `test_site_built.py` reads its files, and
`test_site_browser.py` drives it in Debian's headless Chromium through Playwright.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import projects
import pytest
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a temp project holding what `make demo` builds (inbox, example notes, site/)."""
    return projects.demo_project(tmp_path_factory.mktemp("demo"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="session")
def site_url(demo_project: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1 (a free port) for the whole session."""
    handler = functools.partial(QuietHandler, directory=str(demo_project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium headless (a fresh, empty profile) for one test module.

    Module scope, not session: Playwright's sync API allows one running instance per
    thread, and other modules (the hostile-input suite) start their own.
    """
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: run `make browser-deps`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watch:
    """What a page did that a test must fail on: console errors and outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    """Open a page in a new context that blocks and records every request off 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch()

    def guard(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            watch.outside.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watch.errors.append(str(e)))
    tab.on(
        "response",
        lambda r: watch.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    tab.watch = watch
    yield tab
    context.close()
    assert watch.outside == [], f"requests outside 127.0.0.1: {watch.outside}"
    assert watch.errors == [], f"console errors: {watch.errors}"
