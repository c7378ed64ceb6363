"""Pagefind's index of a built site: what is indexed, one index per language, same bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.publish import hooks
from generator.publish.search import BUNDLE, ENTRY, UNUSED, index_site, sort_entry

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>
<nav>Menu Tags Archive</nav>{body}</body></html>"""
# A fictional site: two indexed pages in two languages, a listing without data-pagefind-body.
SITE = {
    "articles/quay/index.html": PAGE.format(
        lang="en",
        title="Quay",
        body=(
            "<div data-pagefind-body><h1>Tollbridge quay reopens</h1><p>The quay at Tollbridge "
            'reopened on Monday, said harbourmaster Edda Varn.</p><p class="nd-evidence">in the '
            "text</p><ul data-pagefind-ignore><li>Related: Ferrow lock</li></ul></div>"
        ),
    ),
    "articles/dock/index.html": PAGE.format(
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
    index_site(site)
    entry = json.loads((site / BUNDLE / ENTRY).read_text("utf-8"))
    assert list(entry["languages"]) == ["en", "zh"]
    assert {k: v["page_count"] for k, v in entry["languages"].items()} == {"en": 1, "zh": 1}
    assert not stale.exists()
    assert (site / BUNDLE / "pagefind.js").is_file()
    assert (site / BUNDLE / "pagefind-worker.js").is_file()
    assert not any((site / BUNDLE / name).exists() for name in UNUSED)


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
