"""Retention over the built demo site (issue 23): no link that was ever published breaks.

The demo is built as `make demo` builds it, then again with `retention: {days: 3}`: every
page of the first build must still answer (as itself or as a redirect), and every internal
href and src of the second build must land on a file and, with a fragment, on its anchor.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from linkcheck import broken_links, links_of, page_url, resolve
from projects import demo_project, run_cli


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """Return the demo project rebuilt with retention on, and the pages of its first build."""
    root = demo_project(tmp_path_factory.mktemp("retention") / "demo")
    before = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html")}
    with (root / "newsdigest.yml").open("a", encoding="utf-8") as config:
        config.write("\nretention:\n  days: 3\n")
    result = run_cli("build", project=root)
    assert result.returncode == 0, result.stderr.decode()
    return root, before


def redirects(site: Path) -> list[Path]:
    """Return the redirect pages of retired articles."""
    return [
        p
        for p in sorted((site / "articles").rglob("index.html"))
        if b'http-equiv="refresh"' in p.read_bytes()
    ]


def test_every_internal_link_resolves(builds: tuple[Path, set[str]]) -> None:
    root, _ = builds
    assert broken_links(root / "site") == []


def test_every_page_of_the_first_build_still_answers(builds: tuple[Path, set[str]]) -> None:
    root, before = builds
    after = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*.html")}
    assert sorted(before - after) == []


def test_old_articles_redirect_to_their_archive_entry(builds: tuple[Path, set[str]]) -> None:
    root, _ = builds
    site = root / "site"
    moved = redirects(site)
    stored = len(list((root / "data" / "articles").rglob("*.json")))
    kept = len(list((site / "articles").rglob("index.html"))) - len(moved)
    assert moved and kept and kept + len(moved) == stored  # the store keeps every article
    for page in moved:
        (target,) = [link for link in links_of(page.read_bytes()) if "#a-" in link][:1]
        landing = resolve(site, page_url(site, page), target)
        assert landing is not None and landing.parent.parent.parent.name == "archive"
        assert len(page.read_bytes()) < 1024  # tiny: no theme, no script
        assert b"<script" not in page.read_bytes()


def test_archive_pages_are_searchable_and_hold_every_retired_article(
    builds: tuple[Path, set[str]],
) -> None:
    root, _ = builds
    site = root / "site"
    pages = sorted((site / "archive").glob("*/*/index.html"))
    assert pages
    sections = 0
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        assert tree.xpath("//*[@data-pagefind-body]"), page  # Pagefind indexes it
        sections += len(tree.xpath("//section[@class='nd-retired']"))
    assert sections == len(redirects(site))
    manifest = json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    indexed = sum(  # the index is kept in shards (generator.publish.searchshards)
        count["page_count"] for shard in manifest["shards"].values() for count in shard.values()
    )
    kept = len(list((site / "articles").rglob("index.html"))) - len(redirects(site))
    assert indexed >= kept + len(pages)  # kept articles and archive pages (and others)


def test_the_checker_finds_a_missing_file_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b'<p id="here">x</p>')
    (tmp_path / "index.html").write_bytes(
        b'<a href="a/#here">ok</a><a href="https://elsewhere.example/">out</a>'
        b'<a href="a/#gone">no anchor</a><img src="b/pic.png">'
        b'<meta http-equiv="refresh" content="0; url=c/">'
    )
    assert broken_links(tmp_path) == [
        "/index.html -> a/#gone: no such anchor",
        "/index.html -> b/pic.png: no such file",
        "/index.html -> c/: no such file",
    ]
