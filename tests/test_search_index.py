"""Pagefind's index of a built site: what is indexed, one index per language, same bytes,
kept in shards that are indexed again only when one of their pages changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.publish import hooks, searchshards
from generator.publish.search import BUNDLE, ENTRY, MANIFEST, UNUSED, index_site, sort_entry

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>
<nav>Menu Tags Archive</nav>{body}</body></html>"""
# A fictional site: two indexed pages in two languages, a listing without data-pagefind-body.
SITE = {
    "articles/2026/03/quay/index.html": PAGE.format(
        lang="en",
        title="Quay",
        body=(
            "<div data-pagefind-body><h1>Tollbridge quay reopens</h1><p>The quay at Tollbridge "
            'reopened on Monday, said harbourmaster Edda Varn.</p><p class="nd-evidence">in the '
            "text</p><ul data-pagefind-ignore><li>Related: Ferrow lock</li></ul></div>"
        ),
    ),
    "articles/2026/03/dock/index.html": PAGE.format(
        lang="zh",
        title="碼頭",
        body=(
            "<div data-pagefind-body><h1>北灣碼頭重新開放</h1>"
            "<p>港務長范愛達週一表示，北灣碼頭已重新開放。</p></div>"
        ),
    ),
    "tags/quay/index.html": PAGE.format(lang="en", title="Tag", body="<h1>Tag: quay</h1>"),
}


def build_site(root: Path) -> Path:
    """Write the fictional built site under `root`."""
    for rel, html in SITE.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def bundle_files(site: Path) -> dict[str, bytes]:
    """Return every file of the site's search bundle with its bytes."""
    bundle = site / BUNDLE
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes()
        for p in sorted(bundle.rglob("*"))
        if p.is_file()
    }


def test_index_holds_only_marked_pages_one_index_per_language(tmp_path: Path) -> None:
    site = build_site(tmp_path / "site")
    stale = site / BUNDLE / "old.pf_meta"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"from an earlier build")
    assert index_site(site) == ["articles-2026-03"]
    shard = site / BUNDLE / "articles-2026-03"
    entry = json.loads((shard / ENTRY).read_text("utf-8"))
    assert list(entry["languages"]) == ["en", "zh"]
    assert {k: v["page_count"] for k, v in entry["languages"].items()} == {"en": 1, "zh": 1}
    assert not stale.exists()
    assert (shard / "pagefind.js").is_file()
    assert (shard / "pagefind-worker.js").is_file()
    assert not any((shard / name).exists() for name in UNUSED)
    manifest = json.loads((site / BUNDLE / MANIFEST).read_text("utf-8"))
    assert manifest["primary"] == "articles-2026-03"
    assert list(manifest["shards"]["articles-2026-03"]) == ["en", "zh"]
    shim = (site / BUNDLE / "pagefind.js").read_text("utf-8")
    assert shim == 'export * from "./articles-2026-03/pagefind.js";\n'


def test_same_site_gives_the_same_bundle_bytes(tmp_path: Path) -> None:
    first, second = build_site(tmp_path / "a"), build_site(tmp_path / "b")
    index_site(first)
    index_site(second)
    index_site(second)
    assert bundle_files(first) == bundle_files(second)


@pytest.mark.parametrize(
    "languages,expected",
    [
        ({"zh": 1, "en": 2, "ja": 3}, ["en", "ja", "zh"]),
        ({"en": 1}, ["en"]),
        ({"zh-hant": 1, "zh": 2}, ["zh", "zh-hant"]),
    ],
)
def test_entry_languages_are_sorted_by_name(
    tmp_path: Path, languages: dict[str, int], expected: list[str]
) -> None:
    path = tmp_path / ENTRY
    entry = {
        "version": "1",
        "languages": {k: {"page_count": v} for k, v in languages.items()},
        "include_characters": ["＿"],
    }
    path.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    sort_entry(path)
    again = json.loads(path.read_text("utf-8"))
    assert list(again["languages"]) == expected
    assert {k: v["page_count"] for k, v in again["languages"].items()} == languages
    assert again["include_characters"] == ["＿"]


@pytest.mark.parametrize(
    "fragment,expected",
    [
        (
            '<ul data-pagefind-ignore=""><li>a</li></ul>',
            '<ul data-pagefind-ignore=""><li>a</li></ul>',
        ),
        ('<div data-pagefind-body="">b</div>', "<div>b</div>"),  # only the theme marks the body
        ('<p data-pagefind-meta="title">c</p>', "<p>c</p>"),
    ],
)
def test_sanitiser_keeps_only_the_ignore_mark(fragment: str, expected: str) -> None:
    assert hooks.sanitise(fragment) == expected


STORY = PAGE.format(
    lang="en", title="Story", body="<div data-pagefind-body><h1>Quay story</h1></div>"
)
APRIL = PAGE.format(
    lang="en", title="Lock", body="<div data-pagefind-body><h1>Ferrow lock shuts</h1></div>"
)


def reindexed(site: Path, state: Path, change: dict[str, str | None]) -> list[str]:
    """Change some pages of a built, indexed site (None removes one); return what is indexed."""
    for rel, html in change.items():
        path = site / rel
        if html is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
    return index_site(site, state)


@pytest.mark.parametrize(
    "change,expected",
    [
        ({}, []),  # nothing new: Pagefind does not run
        ({"tags/quay/index.html": PAGE.format(lang="en", title="T", body="<h1>T2</h1>")}, []),
        ({"articles/2026/04/lock/index.html": APRIL}, ["articles-2026-04"]),
        ({"articles/2026/03/dock/index.html": None}, ["articles-2026-03"]),
        ({"stories/abc/index.html": STORY}, [searchshards.shard_of("stories/abc/index.html")]),
    ],
)
def test_only_shards_whose_pages_changed_are_indexed_again(
    tmp_path: Path, change: dict[str, str | None], expected: list[str]
) -> None:
    site, state = build_site(tmp_path / "site"), tmp_path / "cache" / "search-state.json"
    assert index_site(site, state) == ["articles-2026-03"]
    assert reindexed(site, state, change) == expected
    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(BUNDLE))
    index_site(fresh)
    assert bundle_files(site) == bundle_files(fresh)  # same index as a build from scratch


def test_a_lost_bundle_is_indexed_again(tmp_path: Path) -> None:
    site, state = build_site(tmp_path / "site"), tmp_path / "search-state.json"
    index_site(site, state)
    shutil.rmtree(site / BUNDLE / "articles-2026-03")
    assert index_site(site, state) == ["articles-2026-03"]


@pytest.mark.parametrize(
    "rel,expected",
    [
        ("articles/2026/03/2026-03-09-abc/index.html", "articles-2026-03"),
        ("articles/1999/12/x/index.html", "articles-1999-12"),
        ("articles/index.html", None),
        ("articles/2026/xx/a/index.html", None),
        ("stories/abc/index.html", None),
        ("index.html", None),
    ],
)
def test_shard_of_a_page(rel: str, expected: str | None) -> None:
    found = searchshards.shard_of(rel)
    if expected is None:
        assert found.startswith("pages-")
        assert 0 <= int(found.removeprefix("pages-")) < searchshards.OTHER_BUCKETS
    else:
        assert found == expected


def test_only_the_primary_shard_keeps_pagefinds_script(tmp_path: Path) -> None:
    site, state = build_site(tmp_path / "site"), tmp_path / "search-state.json"
    reindexed(site, state, {"articles/2026/04/lock/index.html": APRIL})
    march, april = site / BUNDLE / "articles-2026-03", site / BUNDLE / "articles-2026-04"
    assert (april / "pagefind.js").is_file() and list(april.glob("wasm.*.pagefind"))
    assert not (march / "pagefind.js").exists() and not list(march.glob("wasm.*.pagefind"))
    assert (march / ENTRY).is_file()
    # The newest month goes: March is the primary again and is indexed again with its script.
    assert reindexed(site, state, {"articles/2026/04/lock/index.html": None}) == [
        "articles-2026-03"
    ]
    assert (march / "pagefind.js").is_file() and not april.exists()
