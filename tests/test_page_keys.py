"""Page keys are derived from each page type's inputs: every field of every page type, and
every field of an entry, moves the key (issue 18). A new page type without an example here,
or a new Entry field that no key covers, fails these tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pytest

from generator.config.settings import SiteSettings
from generator.model import Analysis, Article, EditorChanges, Entry, Published, Sentence
from generator.render import archive, pagetypes, watchpages
from generator.render.context import make_entry
from generator.render.listings import ListingPage
from generator.render.namedfeeds import FeedRef
from generator.render.pagekeys import (
    ENTRY_DIGESTED,
    ENTRY_DIRECT,
    ENTRY_LINKED,
    Lazy,
    as_is,
    page_key,
    story_digests,
)
from generator.render.stories import StoryItems
from generator.render.storypage import StoryView
from generator.watch.match import Watched
from generator.watch.rules import WatchRule


def entry(article_id: str, title: str, day: str) -> Entry:
    """Return a fictional analysed entry whose summary is its one sentence."""
    text = f"{title}, the harbour office said on {day}."
    article = Article(
        id=article_id,
        title=title,
        text=text,
        source="Harbour Gazette",
        url=f"https://gazette.example/{article_id}",
        published=Published(iso=f"{day}T08:30:00+00:00", local=f"{day}T08:30:00", signal="test"),
    )
    sentences = (Sentence(0, 0, 0, len(text), text),)
    analysis = Analysis(sentences=sentences, summary=(0,), tags=("ferries", "harbour"))
    return make_entry(article, analysis, "UTC")


FIRST = dataclasses.replace(entry("c1" * 6, "Night ferry timetable widened", "2026-05-04"))
SECOND = entry("c2" * 6, "Pier lights repaired after storm", "2026-05-05")
FIRST = dataclasses.replace(FIRST, related=(SECOND.article.id,))
ENTRIES = (SECOND, FIRST)  # newest first
DIGESTS = {e.article.id: f"digest-{e.article.id}" for e in ENTRIES}
TAG_PAGES = {"ferries": "tags/ferries-1a2b.md", "harbour": "tags/harbour-3c4d.md"}
ITEMS = StoryItems(TAG_PAGES, {}, {e.article.id: e for e in ENTRIES})
SITE = SiteSettings(title="Harbour digest", url="https://digest.example/")
REF = FeedRef("Tag: ferries", "tags/ferries-1a2b.xml", "tags/ferries-1a2b.json", "tags/x.md")
RULE = WatchRule("Ferries", "ferries", (("words", ("ferry", "ferries")),))
WATCHED = Watched("w1", FIRST.title, FIRST.page, (FIRST,))
FRONT = ListingPage("tags/ferries-1a2b.md", 0, ENTRIES, "tags/ferries-1a2b-p1.md", None)
OLD = ListingPage("tags/ferries-1a2b-p1.md", 1, ENTRIES, None, "tags/ferries-1a2b.md")
STORY = StoryView("s-ferry", "Ferry timetable", (FIRST.article.id, SECOND.article.id), ("ferry",))

# One value of each page type; every field is changed in turn by `changed` below.
EXAMPLES: dict[type, Any] = {
    pagetypes.ArticlePage: pagetypes.ArticlePage(
        FIRST, TAG_PAGES, {SECOND.article.id: SECOND}, "<p>note</p>", "full"
    ),
    pagetypes.StoryPage: pagetypes.StoryPage(STORY, {e.article.id: e for e in ENTRIES}, "feeds"),
    pagetypes.DigestPage: pagetypes.DigestPage(
        "2026-05-05", ENTRIES, ITEMS, ("2026-05-04", None), "<p>day note</p>"
    ),
    pagetypes.WeekPage: pagetypes.WeekPage(
        "2026-W19",
        ("2026-05-05", "2026-05-04"),
        {"2026-05-05": (SECOND,), "2026-05-04": (FIRST,)},
        ITEMS,
        ("2026-W18", None),
    ),
    pagetypes.ArchivePages: pagetypes.ArchivePages({"2026-05": {"2026-05-05": 1}}, ("2026-05-04",)),
    pagetypes.NamedFeeds: pagetypes.NamedFeeds(REF, ENTRIES, SITE),
    pagetypes.IndexPages: pagetypes.IndexPages(
        "tag", "Tags", "tags/index.md", (("ferries", "tags/ferries-1a2b.md", 2),), 50
    ),
    pagetypes.ListingArchivePage: pagetypes.ListingArchivePage(
        "tag", "ferries", "tags/ferries-1a2b.md", OLD, ITEMS
    ),
    pagetypes.ListingFrontPage: pagetypes.ListingFrontPage(
        "tag", "ferries", FRONT, ("tags/ferries-1a2b-p1.md",), ITEMS, 2, "<p>tag note</p>"
    ),
    watchpages.WatchPage: watchpages.WatchPage(RULE, (WATCHED,), 1, REF),
    watchpages.WatchFeeds: watchpages.WatchFeeds(REF, (WATCHED,), SITE),
    archive.ArchiveDayPage: archive.ArchiveDayPage("2026-05-04", ENTRIES, SITE),
}


def page_types() -> list[type]:
    """Return every page type the render modules define (frozen values with `render`)."""
    return [
        kind
        for module in (pagetypes, watchpages, archive)
        for kind in vars(module).values()
        if isinstance(kind, type) and dataclasses.is_dataclass(kind) and hasattr(kind, "render")
    ]


SCALARS: dict[type, Any] = {
    str: lambda v: v + " (changed)",
    int: lambda v: v + 1,
    type(None): lambda v: "changed",
}


def changed(value: object) -> object:
    """Return a different value of the same kind (its first part changed, for containers)."""
    if type(value) in SCALARS:
        return SCALARS[type(value)](value)
    if isinstance(value, StoryItems):  # the first entry's story gets a page
        story = StoryView("s-new", "New story", (FIRST.article.id, SECOND.article.id), ())
        return StoryItems(value.tag_pages, {FIRST.article.id: story}, value.by_id)
    if isinstance(value, Entry):
        return dataclasses.replace(value, story_why=(*value.story_why, "changed"))
    return changed_container(value)


def changed_container(value: object) -> object:
    """Return a container (tuple, mapping, dataclass) with its first part changed."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return value._replace(**{value._fields[0]: changed(value[0])})
    if isinstance(value, tuple):
        return (changed(value[0]), *value[1:])
    if isinstance(value, Mapping):
        first = next(iter(value))
        return {**value, first: changed(value[first])}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = dataclasses.fields(value)[0].name
        return dataclasses.replace(value, **{name: changed(getattr(value, name))})
    raise AssertionError(f"no change known for {type(value).__name__}")


def test_every_page_type_has_an_example() -> None:
    assert set(page_types()) == set(EXAMPLES)


@pytest.mark.parametrize(
    ("kind", "name"),
    [(kind, f.name) for kind, value in EXAMPLES.items() for f in dataclasses.fields(value)],
    ids=lambda x: x.__name__ if isinstance(x, type) else x,
)
def test_every_input_of_a_page_type_moves_its_key(kind: type, name: str) -> None:
    base = EXAMPLES[kind]
    other = dataclasses.replace(base, **{name: changed(getattr(base, name))})
    assert page_key(other, "code", DIGESTS) != page_key(base, "code", DIGESTS)


@pytest.mark.parametrize("kind", list(EXAMPLES), ids=lambda k: k.__name__)
def test_equal_inputs_give_equal_keys_and_the_code_moves_them(kind: type) -> None:
    base = EXAMPLES[kind]
    copy = dataclasses.replace(base)
    assert copy is not base
    assert page_key(copy, "code", DIGESTS) == page_key(base, "code", DIGESTS)
    assert page_key(base, "code 2", DIGESTS) != page_key(base, "code", DIGESTS)


def test_every_entry_field_is_covered_by_its_key_form() -> None:
    names = {f.name for f in dataclasses.fields(Entry)}
    groups = (set(ENTRY_DIGESTED), set(ENTRY_DIRECT), set(ENTRY_LINKED))
    assert names == set.union(*groups)
    assert sum(map(len, groups)) == len(names)  # no field in two groups


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("day", "2026-05-06"),
        ("sort_key", "2026-05-05T23:59:59"),
        ("story_why", ("shared figure: 14 sailings",)),
        ("story", "stories/s-ferry.md"),
    ],
)
def test_each_direct_entry_field_moves_the_key(name: str, value: object) -> None:
    assert name in ENTRY_DIRECT
    base = EXAMPLES[pagetypes.ArticlePage]
    other = dataclasses.replace(base, entry=dataclasses.replace(FIRST, **{name: value}))
    assert page_key(other, "code", DIGESTS) != page_key(base, "code", DIGESTS)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("page", "articles/2026/05/04/other.md"),
        ("editor", EditorChanges(fields=("title",), title="Ferry timetable widened")),
    ],
)
def test_digested_entry_fields_move_the_story_digest(name: str, value: object) -> None:
    assert name in ENTRY_DIGESTED
    keys = {e.article.id: "record" for e in ENTRIES}
    before = story_digests([FIRST], keys, TAG_PAGES)
    after = story_digests([dataclasses.replace(FIRST, **{name: value})], keys, TAG_PAGES)
    assert before != after


@pytest.mark.parametrize(
    ("keys", "tag_pages"),
    [
        ({FIRST.article.id: "record changed"}, TAG_PAGES),  # article or analysis changed
        ({FIRST.article.id: "record"}, {**TAG_PAGES, "ferries": "tags/ferries-9z.md"}),
    ],
)
def test_the_record_and_tag_pages_move_the_story_digest(
    keys: Mapping[str, str], tag_pages: Mapping[str, str]
) -> None:
    base = story_digests([FIRST], {FIRST.article.id: "record"}, TAG_PAGES)
    assert story_digests([FIRST], keys, tag_pages) != base


@pytest.mark.parametrize("value", [{"a", "b"}, object(), b"bytes"])
def test_an_input_with_no_key_form_stops_the_run(value: object) -> None:
    inputs = dataclasses.replace(EXAMPLES[pagetypes.ArchivePages], months={"2026-05": value})
    with pytest.raises(TypeError, match="has no key form"):
        page_key(inputs, "code", DIGESTS)


def test_page_inputs_must_be_frozen() -> None:
    @dataclasses.dataclass
    class Loose:
        day: str

    with pytest.raises(TypeError, match="frozen dataclass"):
        page_key(Loose("2026-05-05"), "code", DIGESTS)


@pytest.mark.parametrize("kind", [pagetypes.DigestPage, pagetypes.ArticlePage])
def test_a_lazy_page_renders_what_an_eager_one_does(kind: type) -> None:
    base = EXAMPLES[kind]
    path = "digest/page.md"
    eager = Lazy(ITEMS).page(path, base)[path]
    lazy = Lazy(ITEMS, as_is, "code", DIGESTS).page(path, base)[path]
    assert isinstance(eager, str) and not isinstance(lazy, str)
    assert lazy.render() == eager


def test_an_entry_s_links_key_its_article_page_and_no_listing() -> None:
    """A new article joining an old one's related list re-renders that article's page only."""
    unlinked = dataclasses.replace(FIRST, related=())
    article = EXAMPLES[pagetypes.ArticlePage]
    alone = dataclasses.replace(article, entry=unlinked, related={})
    assert page_key(alone, "code", DIGESTS) != page_key(article, "code", DIGESTS)
    digest = EXAMPLES[pagetypes.DigestPage]
    same = dataclasses.replace(digest, entries=(SECOND, unlinked))
    assert page_key(same, "code", DIGESTS) == page_key(digest, "code", DIGESTS)


def test_an_article_page_refuses_related_articles_not_its_own() -> None:
    with pytest.raises(ValueError, match="not the entry's own"):
        dataclasses.replace(EXAMPLES[pagetypes.ArticlePage], related={})
