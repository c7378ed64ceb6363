"""The demo's newsletter HTML as Chromium renders it (a mail client's engine, roughly)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
REPO = Path(__file__).resolve().parents[2]


def test_newsletter_renders_with_inline_styles_and_loads_nothing(
    browser: Any, demo_project: Path
) -> None:
    html = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--project",
            str(demo_project),
            "newsletter",
            "--format",
            "html",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    context = browser.new_context(viewport={"width": 800, "height": 900})
    requested: list[str] = []
    context.route("**/*", lambda route: (requested.append(route.request.url), route.abort()))
    page = context.new_page()
    page.set_content(html)
    # Links are absolute to the published site; the frame holds a 640px column.
    hrefs = page.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert hrefs and all(h.startswith("https://digest.harbour-hills.example/") for h in hrefs)
    width = page.locator("body > div").evaluate("d => d.getBoundingClientRect().width")
    assert 600 <= width <= 672  # max-width 640 plus 16px padding each side
    color = page.locator("a").first.evaluate("a => getComputedStyle(a).color")
    assert color == "rgb(29, 78, 216)"  # the inline link colour took effect
    assert requested == []  # no images, fonts or trackers to fetch
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "newsletter.png"), full_page=True)
    context.close()
