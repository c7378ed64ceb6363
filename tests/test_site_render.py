"""The site's generated pages and feeds, rendered from hand-made articles (no I/O)."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import feedparser
import pytest

from generator.model import Analysis, Article, Published, Sentence
from generator.notes import NoteSet
from generator.render import render_site
from generator.render.context import Entry, make_entry
from generator.settings import SiteSettings

SITE = SiteSettings(title="Test Digest", timezone="Europe/London", items_per_page=2)
# (id, title, iso time, source, tags) of fictional stories
STORIES = [
    ("a1" * 6, "Ferry timetable grows <b>bold</b> & busy", "2026-03-09T08:00:00+00:00",
     "Wessex Courier", ("ferries", "harbour")),
    ("b2" * 6, "Harbour bridge shut for repairs", "2026-03-09T12:30:00+00:00",
     "Wessex Courier", ("harbour",)),
    ("c3" * 6, "Tea growers report a record year", "2026-03-10T18:30:00+08:00",
     "Harbour Light", ("tea", "harbour")),
    ("d4" * 6, "港口渡輪夏季加班", "2026-03-11T09:00:00+08:00", "海光通訊社", ("渡輪", "harbour")),
    ("e5" * 6, "Pier festival returns in May", "2026-03-16T10:00:00+00:00", None, ("harbour",)),
]


def entry(article_id: str, title: str, iso: str, source: str | None,
          tags: tuple[str, ...]) -> Entry:
    """Return an analysed entry whose text is two sentences."""
    first, second = f"{title} was reported today.", "More details will follow."
    text = f"{first} {second}"
    sentences = (Sentence(0, 0, 0, len(first), first),
                 Sentence(1, 0, len(first) + 1, len(text), second))
    article = Article(id=article_id, title=title, text=text, source=source,
                      url=f"https://news.example/{article_id}",
                      published=Published(iso=iso, local=iso[:19], signal="test"))
    return make_entry(article, Analysis(sentences=sentences, summary=(0,), tags=tags),
                      SITE.timezone)


@pytest.fixture
def entries() -> list[Entry]:
    return [entry(*story) for story in STORIES]


@dataclasses.dataclass(frozen=True)
class EditorsChoice(NoteSet):
    """A NoteSet with fixed picks and hidden ids, as the notes seam hands them over."""

    pinned: tuple[str, ...] = ()
    gone: frozenset[str] = frozenset()

    def picks(self) -> tuple[str, ...]:
        return self.pinned

    def hidden(self) -> frozenset[str]:
        return self.gone


def test_rendering_is_deterministic(entries: list[Entry]) -> None:
    first = render_site(entries, SITE)
    second = render_site(list(reversed(entries)), SITE)
    assert list(first) == list(second)
    assert all(first[k].encode() == second[k].encode() for k in first)


@pytest.mark.parametrize("path", [
    "index.md", "digest/2026-03-09.md", "digest/week-2026-W11.md", "digest/week-2026-W12.md",
    "archive/index.md", "archive/2026-03.md", "tags/index.md", "sources/index.md",
    "rss.xml", "feed.json", "digests.xml", "digests.json",
])
def test_expected_pages_exist(entries: list[Entry], path: str) -> None:
    assert path in render_site(entries, SITE)


def test_hidden_articles_are_on_no_page(entries: list[Entry]) -> None:
    gone = entries[1]
    pages = render_site(entries, SITE, EditorsChoice(gone=frozenset({gone.article.id})))
    assert gone.page not in pages
    assert not [p for p, text in pages.items() if gone.title in text]


def test_picks_lead_the_home_page(entries: list[Entry]) -> None:
    pick = entries[0]
    home = render_site(entries, SITE, EditorsChoice(pinned=(pick.article.id, "unknown")))[
        "index.md"]
    assert "Editors' picks" in home
    assert home.index("Editors' picks") < home.index("Ferry timetable")
    assert "Editors' picks" not in render_site(entries, SITE)["index.md"]


def test_home_shows_the_latest_day_only(entries: list[Entry]) -> None:
    home = render_site(entries, SITE)["index.md"]
    assert "Pier festival returns" in home and "Tea growers" not in home
    assert "digest/2026-03-10/" in home  # previous days are linked


def test_listings_paginate(entries: list[Entry]) -> None:
    pages = render_site(entries, SITE)
    harbour = [p for p in pages if p.startswith("tags/harbour-")]
    assert len(harbour) == 3  # five articles, two per page
    assert sum(pages[p].count('class="nd-story"') for p in harbour) == 5


def test_tag_index_is_sorted_by_use(entries: list[Entry]) -> None:
    index = render_site(entries, SITE)["tags/index.md"]
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', index)
    assert names[0] == "harbour" and sorted(names[1:], key=str.casefold) == names[1:]


def test_scraped_markup_is_escaped_everywhere(entries: list[Entry]) -> None:
    # Front matter and JSON carry plain text (the theme escapes it); page bodies and XML escape.
    pages = render_site(entries, SITE)
    bodies = {p: text.split("\n---\n", 1)[-1] for p, text in pages.items()
              if not p.endswith(".json")}
    assert not [p for p, text in bodies.items() if "<b>bold</b>" in text]
    assert "&lt;b&gt;bold&lt;/b&gt;" in pages["rss.xml"]


@pytest.mark.parametrize("url,absolute", [(None, False), ("https://digest.example/", True)])
def test_rss_feed_is_valid(entries: list[Entry], url: str | None, absolute: bool) -> None:
    site = dataclasses.replace(SITE, url=url)
    parsed = feedparser.parse(render_site(entries, site)["rss.xml"].encode())
    assert not parsed.bozo and parsed.version == "rss20"
    assert parsed.entries[0].title == "Pier festival returns in May"
    assert {e.title for e in parsed.entries} == {s[1] for s in STORIES}
    newest = max(parsedate_to_datetime(e.published) for e in parsed.entries)
    assert parsedate_to_datetime(parsed.feed.updated) == newest
    for item in parsed.entries:
        assert item.link.startswith("https://digest.example/articles/" if absolute
                                    else "articles/")
        assert item.summary.endswith("was reported today.") and item.tags


def test_digest_feed_lists_days_not_tags(entries: list[Entry]) -> None:
    feed = json.loads(render_site(entries, SITE)["digests.json"])
    assert [i["id"] for i in feed["items"]] == [
        "digest-2026-03-16", "digest-2026-03-11", "digest-2026-03-10", "digest-2026-03-09"]
    assert all(i["url"].startswith("digest/") for i in feed["items"])


def test_rss_description_keeps_scraped_markup_as_text(entries: list[Entry]) -> None:
    """Readers render <description> as HTML: after XML decoding it must still be escaped."""
    root = ET.fromstring(render_site(entries, SITE)["rss.xml"])
    descriptions = [d.text or "" for d in root.iter("description")]
    hostile = [d for d in descriptions if "bold" in d]
    assert hostile and all("<b>" not in d and "&lt;b&gt;bold&lt;/b&gt;" in d for d in hostile)
