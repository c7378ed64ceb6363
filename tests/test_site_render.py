"""The site's generated pages and feeds, rendered from hand-made articles (no I/O)."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import feedparser
import pytest

from generator.config.settings import SiteSettings
from generator.model import Analysis, Article, EditorChanges, Entry, LazyPage, Published, Sentence
from generator.notes import NoteSet
from generator.placement import make_entry
from generator.render import ArticleSource, plan_site, render_site, with_related
from generator.render.html import href
from generator.render.listings import listing_plan, newest_first, render_named_listing

SITE = SiteSettings(title="Test Digest", timezone="Europe/London", items_per_page=2)
# (id, title, iso time, source, tags) of fictional stories
STORIES = [
    (
        "a1" * 6,
        "Ferry timetable grows <b>bold</b> & busy",
        "2026-03-09T08:00:00+00:00",
        "Wessex Courier",
        ("ferries", "harbour"),
    ),
    (
        "b2" * 6,
        "Harbour bridge shut for repairs",
        "2026-03-09T12:30:00+00:00",
        "Wessex Courier",
        ("harbour",),
    ),
    (
        "c3" * 6,
        "Tea growers report a record year",
        "2026-03-10T18:30:00+08:00",
        "Harbour Light",
        ("tea", "harbour"),
    ),
    ("d4" * 6, "港口渡輪夏季加班", "2026-03-11T09:00:00+08:00", "海光通訊社", ("渡輪", "harbour")),
    ("e5" * 6, "Pier festival returns in May", "2026-03-16T10:00:00+00:00", None, ("harbour",)),
]


def entry(
    article_id: str, title: str, iso: str, source: str | None, tags: tuple[str, ...]
) -> Entry:
    """Return an analysed entry whose text is two sentences."""
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
        url=f"https://news.example/{article_id}",
        published=Published(iso=iso, local=iso[:19], signal="test"),
    )
    return make_entry(
        article, Analysis(sentences=sentences, summary=(0,), tags=tags), SITE.timezone
    )


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


@pytest.mark.parametrize(
    "path",
    [
        "index.md",
        "digest/2026-03-09.md",
        "digest/week-2026-W11.md",
        "digest/week-2026-W12.md",
        "archive/index.md",
        "archive/2026-03.md",
        "tags/index.md",
        "sources/index.md",
        "rss.xml",
        "feed.json",
        "digests.xml",
        "digests.json",
    ],
)
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
        "index.md"
    ]
    assert "Editors' picks" in home
    assert home.index("Editors' picks") < home.index("Ferry timetable")
    assert "Editors' picks" not in render_site(entries, SITE)["index.md"]


def test_home_shows_the_latest_day_only(entries: list[Entry]) -> None:
    home = render_site(entries, SITE)["index.md"]
    assert "Pier festival returns" in home and "Tea growers" not in home
    assert "digest/2026-03-10/" in home  # previous days are linked


def test_listings_paginate(entries: list[Entry]) -> None:
    pages = render_site(entries, SITE)
    harbour = sorted(p for p in pages if p.startswith("tags/harbour-") and p.endswith(".md"))
    assert len(harbour) == 2  # five articles, two per page: one archive page, front holds 3
    assert [pages[p].count('class="nd-story"') for p in harbour] == [2, 3]
    assert harbour[0] == harbour[1].removesuffix(".md") + "-p1.md"


SIZE = 3
FRONT = "tags/harbour-0123456789.md"


def harbour(count: int) -> list[Entry]:
    """Return `count` harbour stories, four a day from Sun 1 Mar 2026, oldest first."""
    return [
        entry(
            f"{n:012x}",
            f"Harbour story {n}",
            f"2026-03-{1 + n // 4:02d}T{6 * (n % 4):02d}:00:00+00:00",
            "Wessex Courier",
            ("harbour",),
        )
        for n in range(count)
    ]


def archive(number: int) -> str:
    return f"tags/harbour-0123456789-p{number}.md"


def listing(count: int) -> dict[str, str]:
    return render_named_listing(
        "tag", "harbour", FRONT, harbour(count), tag_pages={"harbour": FRONT}, size=SIZE
    )


@pytest.mark.parametrize(
    "count,archived,front",
    [
        (0, 0, 0),
        (1, 0, 1),
        (5, 0, 5),
        (6, 1, 3),
        (8, 1, 5),
        (9, 2, 3),
        (11, 2, 5),
        (30, 9, 3),
    ],
)
def test_listing_plan_cuts_full_pages_from_the_oldest_end(
    count: int, archived: int, front: int
) -> None:
    entries = harbour(count)
    plan = listing_plan(FRONT, entries, SIZE)
    assert [p.path for p in plan] == [archive(n) for n in range(1, archived + 1)] + [FRONT]
    assert [len(p.entries) for p in plan] == [SIZE] * archived + [front]
    # every story on exactly one page; pages and stories on them run newest first
    assert [e for p in reversed(plan) for e in p.entries] == sorted(entries, key=newest_first)
    assert [(p.older, p.newer) for p in plan] == [
        (plan[i - 1].path if i else None, plan[i + 1].path if i + 1 < len(plan) else None)
        for i in range(len(plan))
    ]


def test_new_story_rewrites_only_the_front_page() -> None:
    before, after = listing(10), listing(11)
    assert list(before) == list(after) == [archive(1), archive(2), FRONT]
    assert [p for p in after if before[p] != after[p]] == [FRONT]
    assert "Harbour story 10" in after[FRONT]


def test_rollover_adds_one_archive_page_and_relinks_its_older_neighbour() -> None:
    before, after = listing(11), listing(12)
    assert set(after) - set(before) == {archive(3)}
    assert [p for p in before if before[p] != after[p]] == [archive(2), FRONT]
    assert f'href="{href(archive(2), archive(3))}">Newer stories' in after[archive(2)]


def test_archive_pages_show_their_days_not_the_total() -> None:
    pages = listing(10)
    assert "Tag: harbour — archive page 2" in pages[archive(2)]
    assert "Stories from Sun 1 Mar 2026 – Mon 2 Mar 2026" in pages[archive(2)]
    assert "10" not in re.sub(r"<[^>]*>|harbour-0123456789", "", pages[archive(2)])
    assert "10 articles" in pages[FRONT]
    links = {
        p: re.findall(r'<a href="([^"]+)">[^<]*(?:stories|Tag: harbour)', pages[p]) for p in pages
    }
    assert links == {
        archive(1): [href(archive(1), FRONT), href(archive(1), archive(2))],
        archive(2): [href(archive(2), archive(1)), href(archive(2), FRONT)],
        FRONT: [href(FRONT, archive(2))],
    }


def test_new_story_changes_only_the_front_pages_lazy_keys() -> None:
    site = dataclasses.replace(SITE, items_per_page=SIZE)

    def keys(count: int) -> dict[str, str]:
        stories = harbour(count)
        source = ArticleSource({e.article.id: e.article.id for e in stories}, lambda e: e, "c")
        return {
            p: page.key
            for p, page in plan_site(stories, site, articles=source).items()
            if p.startswith(("tags/", "sources/"))
            and p.endswith(".md")
            and isinstance(page, LazyPage)
        }

    before, after = keys(10), keys(11)
    # the harbour tag, the Wessex Courier source (three pages each) and their two indexes
    assert len(before) == len(after) == 8
    assert sorted(p for p in after if before[p] != after[p]) == [
        p for p in after if p.count("-p") == 0
    ]


def test_tag_index_is_sorted_by_use(entries: list[Entry]) -> None:
    index = render_site(entries, SITE)["tags/index.md"]
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', index)
    assert names[0] == "harbour" and sorted(names[1:], key=str.casefold) == names[1:]


def test_scraped_markup_is_escaped_everywhere(entries: list[Entry]) -> None:
    # Front matter and JSON carry plain text (the theme escapes it); page bodies and XML escape.
    pages = render_site(entries, SITE)
    bodies = {
        p: text.split("\n---\n", 1)[-1] for p, text in pages.items() if not p.endswith(".json")
    }
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
        assert item.link.startswith("https://digest.example/articles/" if absolute else "articles/")
        assert item.summary.endswith("was reported today.") and item.tags


def test_digest_feed_lists_days_not_tags(entries: list[Entry]) -> None:
    feed = json.loads(render_site(entries, SITE)["digests.json"])
    assert [i["id"] for i in feed["items"]] == [
        "digest-2026-03-16",
        "digest-2026-03-11",
        "digest-2026-03-10",
        "digest-2026-03-09",
    ]
    assert all(i["url"].startswith("digest/") for i in feed["items"])


def test_rss_description_keeps_scraped_markup_as_text(entries: list[Entry]) -> None:
    """Readers render <description> as HTML: after XML decoding it must still be escaped."""
    root = ET.fromstring(render_site(entries, SITE)["rss.xml"])
    descriptions = [d.text or "" for d in root.iter("description")]
    hostile = [d for d in descriptions if "bold" in d]
    assert hostile and all("<b>" not in d and "&lt;b&gt;bold&lt;/b&gt;" in d for d in hostile)


def test_related_coverage_keeps_every_other_field_of_an_entry(entries: list[Entry]) -> None:
    edited = [dataclasses.replace(e, editor=EditorChanges(("title",), title="T")) for e in entries]
    for before, after in zip(edited, with_related(edited), strict=True):
        assert dataclasses.replace(after, related=before.related) == before
