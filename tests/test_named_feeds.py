"""Feeds per tag and per source, and feeds.opml (issue 22)."""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter

import feedparser
import pytest

from generator.config.settings import SiteSettings
from generator.model import Analysis, Article, Entry, Published, Sentence
from generator.placement import make_entry
from generator.render import render_site
from generator.render.html import page_url
from generator.render.namedfeeds import feed_paths, names_with_feeds

SITE = SiteSettings(
    title="Test Digest", timezone="Europe/London", items_per_page=2, url="https://digest.example/"
)
# (id, title, iso time, source, tags, language) of fictional stories
STORIES = [
    (
        "a1" * 6,
        "Ferry timetable grows <b>bold</b> & busy",
        "2026-03-09T08:00:00+00:00",
        "Wessex Courier",
        ("ferries", "harbour"),
        "en",
    ),
    (
        "b2" * 6,
        "Harbour bridge shut for repairs",
        "2026-03-09T12:30:00+00:00",
        "Wessex Courier",
        ("harbour",),
        "en",
    ),
    (
        "c3" * 6,
        "Tea growers report a record year",
        "2026-03-10T18:30:00+08:00",
        "Harbour Light",
        ("tea", "harbour"),
        "en",
    ),
    (
        "d4" * 6,
        "港口渡輪夏季加班",
        "2026-03-11T09:00:00+08:00",
        "海光通訊社",
        ("渡輪", "harbour"),
        "zh",
    ),
]
NEW = (
    "f6" * 6,
    "Second ferry joins the winter route",
    "2026-03-12T07:00:00+00:00",
    "Wessex Courier",
    ("ferries",),
    "en",
)


Story = tuple[str, str, str, str, tuple[str, ...], str]


def entry(story: Story) -> Entry:
    """Return an analysed entry whose summary is its first sentence."""
    article_id, title, iso, source, tags, language = story
    first, second = f"{title} was reported today.", "More details will follow."
    text = f"{first} {second}"
    sentences = (
        Sentence(0, 0, 0, len(first), first),
        Sentence(1, 0, len(first) + 1, len(text), second),
    )
    article = Article(
        id=article_id,
        title=title,
        text=text,
        source=source,
        language=language,
        url=f"https://news.example/{article_id}",
        published=Published(iso=iso, local=iso[:19], signal="test"),
    )
    return make_entry(
        article, Analysis(sentences=sentences, summary=(0,), tags=tags), SITE.timezone
    )


def site(stories: list[Story], settings: SiteSettings = SITE) -> dict[str, str]:
    return render_site([entry(s) for s in stories], settings)


def named_feeds(pages: dict[str, str]) -> dict[str, str]:
    return {
        p: t
        for p, t in pages.items()
        if p.startswith(("tags/", "sources/")) and p.endswith((".xml", ".json"))
    }


def test_every_tag_and_source_has_both_feeds() -> None:
    pages = site(STORIES)
    for folder, count in (("tags/", 4), ("sources/", 3)):
        listings = [
            p
            for p in pages
            if p.startswith(folder)
            and p.endswith(".md")
            and not p.endswith("index.md")
            and not re.search(r"-p\d+\.md$", p)
        ]
        assert len(listings) == count
        for listing in listings:
            assert set(feed_paths(listing)) <= set(pages)


def test_every_feed_parses_without_bozo() -> None:
    feeds = {p: t for p, t in site(STORIES).items() if p.endswith((".xml", ".json"))}
    assert len(feeds) == 4 + 2 * 7
    for path, text in feeds.items():
        if path.endswith(".xml"):
            parsed = feedparser.parse(text.encode())
            assert not parsed.bozo and parsed.version == "rss20", path
        else:
            assert json.loads(text)["version"] == "https://jsonfeed.org/version/1.1"


def test_json_feeds_carry_the_required_fields_and_each_items_language() -> None:
    feeds = {p: json.loads(t) for p, t in named_feeds(site(STORIES)).items() if p.endswith(".json")}
    languages = {}
    for path, feed in feeds.items():
        assert feed["title"] and feed["items"] and feed["feed_url"].endswith(path)
        assert feed["home_page_url"] == "https://digest.example/" + page_url(
            path.removesuffix(".json") + ".md"
        )
        for item in feed["items"]:
            assert item["id"] and item["url"] and item["summary"] and item["tags"]
            languages[item["title"]] = item["language"]
    assert languages["港口渡輪夏季加班"] == "zh"
    assert languages["Harbour bridge shut for repairs"] == "en"


def test_rss_items_carry_their_language_and_tags() -> None:
    pages = site(STORIES)
    harbour = next(
        p for p in named_feeds(pages) if p.startswith("tags/harbour-") and p.endswith(".xml")
    )
    parsed = feedparser.parse(pages[harbour].encode())
    by_title = {e.title: e for e in parsed.entries}
    assert by_title["港口渡輪夏季加班"].language == "zh"
    assert {t.term for t in by_title["港口渡輪夏季加班"].tags} == {"渡輪", "harbour"}


def test_feed_items_are_articles_never_listing_pages() -> None:
    for path, text in named_feeds(site(STORIES)).items():
        if path.endswith(".json"):
            urls = [i["url"] for i in json.loads(text)["items"]]
            assert urls and all(u.startswith("https://digest.example/articles/") for u in urls)


def test_ids_are_the_article_ids_and_stable_across_runs() -> None:
    first, second = named_feeds(site(STORIES)), named_feeds(site(list(reversed(STORIES))))
    assert first == second
    ids = {i["id"] for p, t in first.items() if p.endswith(".json") for i in json.loads(t)["items"]}
    assert ids == {s[0] for s in STORIES}


def test_a_new_article_changes_only_its_own_feeds() -> None:
    before, after = named_feeds(site(STORIES)), named_feeds(site([*STORIES, NEW]))
    assert set(before) == set(after)
    changed = sorted(
        p.split("-")[0].split("/")[1] + p[p.rindex(".") :] for p in after if before[p] != after[p]
    )
    assert changed == ["ferries.json", "ferries.xml", "wessex.json", "wessex.xml"]


@pytest.mark.parametrize("minimum,tags", [(1, 4), (2, 1), (5, 0)])
def test_only_tags_with_min_tag_articles_get_a_feed(minimum: int, tags: int) -> None:
    settings = dataclasses.replace(SITE, min_tag_articles=minimum)
    feeds = named_feeds(site(STORIES, settings))
    assert len([p for p in feeds if p.startswith("tags/")]) == 2 * tags
    assert len([p for p in feeds if p.startswith("sources/")]) == 2 * 3


@pytest.mark.parametrize(
    "counts,minimum,limit,expected",
    [
        ({"b": 3, "a": 3, "c": 1}, 1, 10, ["a", "b", "c"]),
        ({"b": 3, "a": 3, "c": 1}, 2, 10, ["a", "b"]),
        ({"b": 3, "a": 2, "c": 4}, 1, 2, ["b", "c"]),
        ({"x": 1}, 0, 10, ["x"]),
    ],
)
def test_names_with_feeds_keeps_the_most_used(
    counts: dict[str, int], minimum: int, limit: int, expected: list[str]
) -> None:
    assert names_with_feeds(Counter(counts), minimum, limit) == expected


def test_listing_pages_link_their_own_feeds() -> None:
    pages = site(STORIES)
    for feed in named_feeds(pages):
        listing = feed.rsplit(".", 1)[0] + ".md"
        hrefs = re.findall(r'class="nd-feeds">.*?</p>', pages[listing])
        targets = re.findall(r'href="([^"]+)"', hrefs[0])
        resolved = {posixpath.normpath(posixpath.join(page_url(listing), t)) for t in targets}
        assert feed in resolved
    assert "nd-feeds" not in pages["index.md"] and "nd-feeds" not in pages["tags/index.md"]


def test_opml_lists_every_feed_of_the_site() -> None:
    pages = site(STORIES)
    root = ET.fromstring(pages["feeds.opml"])
    urls = [o.get("xmlUrl") for o in root.iter("outline")]
    rss_files = sorted(p for p in pages if p.endswith(".xml"))
    assert sorted(urls) == sorted(f"https://digest.example/{p}" for p in rss_files)
    assert all(o.get("type") == "rss" and o.get("text") for o in root.iter("outline"))


def test_opml_escapes_a_hostile_site_title() -> None:
    hostile = dataclasses.replace(SITE, title='Harbour <b>"Digest"</b> & co')
    root = ET.fromstring(site(STORIES, hostile)["feeds.opml"])
    titles = {o.get("title") for o in root.iter("outline")}
    assert 'Harbour <b>"Digest"</b> & co: latest articles' in titles
