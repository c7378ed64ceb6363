"""Hostile articles, built with the real command line, loaded in headless Chromium.

Nothing scraped may run: no dialog, no foreign script, no on* attribute, no javascript: or
data:text/html URL, no frame, object, form or meta refresh from content, no navigation away,
no request to any host but 127.0.0.1; and every payload is visible as literal text.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hostile.project import (
    CHROMIUM,
    Findings,
    add_articles,
    browse,
    make_project,
    newsdigest,
    visible,
)
from hostile.strings import OWN_STRINGS, fast_subset, shared_strings

FAST_SHARED = 40  # shared strings in the fast run, on top of our own set
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent"),
]


def build_and_browse(root: Path, payloads: list[str]) -> tuple[Findings, float]:
    """Build a hostile project; return what the browser saw and the build's seconds."""
    make_project(root)
    articles = add_articles(root, payloads)
    started = time.monotonic()
    result = newsdigest(root, "build")
    seconds = time.monotonic() - started
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert (root / "site" / "index.html").exists(), result.stderr[-3000:]
    findings = browse(root / "site")
    pages = {p: t for p, t in findings.texts.items() if p.startswith("articles/")}
    assert len(pages) == len(articles)
    for article in articles:
        shown = next(t for p, t in pages.items() if article.id in p)
        assert visible(article.title) in shown, f"payload not shown literally: {article.title!r}"
    return findings, seconds


def assert_nothing_ran(findings: Findings) -> None:
    """Fail with every finding listed."""
    assert findings.dialogs == []
    assert findings.foreign_requests == []
    assert findings.navigations == []
    assert findings.problems == []


def test_hostile_strings_never_run(tmp_path: Path) -> None:
    payloads = list(OWN_STRINGS) + fast_subset(shared_strings(), FAST_SHARED)
    findings, seconds = build_and_browse(tmp_path / "project", payloads)
    assert_nothing_ran(findings)
    assert findings.pages > len(payloads)
    print(f"\nhostile fast: {len(payloads)} strings, {findings.pages} pages, build {seconds:.1f}s")


@pytest.mark.slow
@pytest.mark.skipif(not shared_strings(), reason="../shared absent")
def test_all_shared_hostile_strings_never_run(tmp_path: Path) -> None:
    payloads = list(OWN_STRINGS) + shared_strings()
    findings, seconds = build_and_browse(tmp_path / "project", payloads)
    print(
        f"\nhostile full: {len(payloads)} strings, {findings.pages} pages, "
        f"{len(findings.dialogs)} dialogs, {len(findings.foreign_requests)} foreign requests, "
        f"{len(findings.navigations)} navigations, {len(findings.problems)} DOM findings, "
        f"build {seconds:.1f}s"
    )
    assert_nothing_ran(findings)
