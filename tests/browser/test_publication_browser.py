"""What a page publishes and tells other sites (issue 21), driven in headless Chromium.

The demo publishes its fictional sources in full; a second small project built from a few
of its inbox files publishes excerpts, as a site of fetched sources does by default.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import projects
import pytest

pytestmark = pytest.mark.browser

# Inbox files whose records carry the publisher's URL (the excerpt links to its sentences).
EXCERPT_INPUTS = (
    "pacificslope-tacoma-terminal-automation.json",
    "pacificslope-hatchery-funding.json",
)
JSONLD_KEYS = ("@context", "@type", "headline", "inLanguage", "publisher", "url")


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@pytest.fixture(scope="module")
def excerpt_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Build a project that publishes excerpts and serve it on 127.0.0.1."""
    root = projects.new_project(tmp_path_factory.mktemp("excerpt"))
    config = root / "newsdigest.yml"
    config.write_text(
        config.read_text("utf-8").replace("publish: full", "publish: excerpt"), "utf-8"
    )
    inbox = root / "inbox"
    inbox.mkdir()
    for name in EXCERPT_INPUTS:
        shutil.copy(projects.INBOX / name, inbox / name)
    for args in (("add", str(inbox)), ("build",)):
        result = projects.run_cli(*args, project=root)
        assert result.returncode == 0, result.stderr.decode()
    handler = functools.partial(Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root / "site"
    server.shutdown()
    server.server_close()
    thread.join()


def article_paths(site: Path) -> list[str]:
    """Return the site-relative URL of every article page of a built site."""
    return sorted(
        str(p.parent.relative_to(site)) + "/" for p in (site / "articles").rglob("index.html")
    )


def jsonld_of(page: Any) -> list[Any]:
    """Return every JSON-LD block of the open page, parsed as a reader of it would."""
    texts = page.eval_on_selector_all(
        'script[type="application/ld+json"]', "nodes => nodes.map(n => n.textContent)"
    )
    return [json.loads(text) for text in texts]


def test_no_sitemap_request_on_a_page_view(page: Any, site_url: str, demo_project: Path) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", article_paths(demo_project / "site")[0], "tags/"):
        page.goto(site_url + path, wait_until="networkidle")
    assert any(url.endswith(".css") for url in requested)  # the recorder saw the loads
    assert not [url for url in requested if "sitemap" in url]


def test_every_article_page_has_news_article_jsonld(
    page: Any, site_url: str, demo_project: Path
) -> None:
    paths = article_paths(demo_project / "site")
    assert len(paths) > 5
    for path in paths:
        page.goto(site_url + path)
        blocks = jsonld_of(page)
        assert len(blocks) == 1, path
        data = blocks[0]
        for key in JSONLD_KEYS:
            assert key in data, (path, key)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == page.inner_text("h1.nd-title")
        assert data["publisher"]["@type"] == "Organization"
        assert data["url"].endswith("/" + path)
        if "datePublished" in data:
            assert data["datePublished"][-6] in "+-", data["datePublished"]  # with offset


def test_full_article_names_the_publisher_as_canonical(
    page: Any, site_url: str, demo_project: Path
) -> None:
    checked = 0
    for path in article_paths(demo_project / "site"):
        page.goto(site_url + path)
        original = page.query_selector("p.nd-original a")
        canonical = page.get_attribute('link[rel="canonical"]', "href")
        if original is None:  # no URL of its own: our page is the original
            assert canonical.startswith("https://digest.harbour-hills.example/")
            continue
        assert canonical == original.get_attribute("href")
        assert page.get_attribute('meta[property="og:url"]', "content") == canonical
        checked += 1
    assert checked >= 3


def test_excerpt_page_links_each_fact_to_the_publishers_sentence(
    page: Any, excerpt_site: tuple[str, Path]
) -> None:
    url, site = excerpt_site
    paths = article_paths(site)
    assert len(paths) == len(EXCERPT_INPUTS)
    page.goto(url + paths[0])
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    assert canonical.startswith("https://digest.harbour-hills.example/articles/")
    original = page.get_attribute("p.nd-original a", "href")
    assert original.startswith("https://www.pacificslopeledger.example/")
    # the withheld text: the page shows no more than the lede of the article
    assert page.locator(".nd-text p").count() <= 1
    assert page.locator(".nd-continue a").get_attribute("href") == original
    fact = page.locator(".nd-facts li.nd-fact details").first
    evidence = fact.locator("q")
    assert not evidence.is_visible()
    fact.locator("summary").click()
    assert evidence.is_visible()
    link = fact.locator("a.nd-evidence-source")
    href = link.get_attribute("href")
    assert href.startswith(original + "#:~:text=")
    start = unquote(href.split("#:~:text=", 1)[1].split(",")[0])
    quoted = evidence.inner_text()
    assert quoted.startswith(start)
