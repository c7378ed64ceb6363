"""Every page type as a frozen value of exactly its render function's inputs.

render/pagekeys.py keys a lazy page by a digest of all the fields, so what a page is made
from is written once, here, and its key follows. Site-wide lookups are cut down to what the
page uses (its tags' pages, its related articles) when the value is made, so that a change
elsewhere in the site leaves the page's key alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.config.settings import SiteSettings
from generator.model import Entry, EntryLoader
from generator.render.article import render_article
from generator.render.listings import (
    ListingPage,
    render_archive,
    render_digest,
    render_index,
    render_listing_archive,
    render_listing_front,
    render_week,
)
from generator.render.namedfeeds import FeedRef, render_named_feeds
from generator.render.stories import StoryItems
from generator.render.storypage import StoryView, render_story

Neighbours = tuple[str | None, str | None]  # (older, newer) page of the same kind


@dataclass(frozen=True)
class ArticlePage:
    """An article's page (rendered from its full entry: text and facts)."""

    entry: Entry
    tag_pages: Mapping[str, str]  # the pages of its tags
    related: Mapping[str, Entry]  # its related articles, by id in entry.related's order
    notes_html: str
    mode: str  # how much of it is published

    def __post_init__(self) -> None:
        """Refuse related articles other than the entry's: they key its related block."""
        if tuple(self.related) != self.entry.related:
            raise ValueError(f"{self.entry.page}: related articles are not the entry's own")

    def render(self, full: EntryLoader) -> str:
        """Return the page's Markdown."""
        entry = full(self.entry)
        return render_article(entry, self.tag_pages, self.related, self.notes_html, mode=self.mode)


@dataclass(frozen=True)
class StoryPage:
    """A story's page (rendered from its members' full entries)."""

    story: StoryView
    members: Mapping[str, Entry]  # its shown articles, by id
    follow: str  # its feed links

    def render(self, full: EntryLoader) -> str:
        """Return the page's Markdown."""
        members = {i: full(e) for i, e in self.members.items()}
        return render_story(self.story, members, self.follow)


@dataclass(frozen=True)
class DigestPage:
    """One day's digest."""

    day: str
    entries: tuple[Entry, ...]
    items: StoryItems
    neighbours: Neighbours
    notes_html: str

    def render(self, full: EntryLoader) -> str:
        """Return the page's Markdown."""
        return render_digest(self.day, self.entries, self.items, self.neighbours, self.notes_html)


@dataclass(frozen=True)
class WeekPage:
    """One ISO week's roll-up."""

    week: str
    days: tuple[str, ...]
    by_day: Mapping[str, tuple[Entry, ...]]  # its days' entries
    items: StoryItems
    neighbours: Neighbours

    def render(self, full: EntryLoader) -> str:
        """Return the page's Markdown."""
        return render_week(self.week, self.days, self.by_day, self.items, self.neighbours)


@dataclass(frozen=True)
class ArchivePages:
    """The archive index and its month pages: they show the number of stories per day, and
    link the days whose articles retired to their archive page (generator.render.archive)."""

    months: Mapping[str, Mapping[str, int]]  # month -> day -> stories
    archived: tuple[str, ...] = ()  # days with retired articles

    def render(self, full: EntryLoader) -> dict[str, str]:
        """Return every archive page."""
        return render_archive(self.months, self.archived)


@dataclass(frozen=True)
class NamedFeeds:
    """The RSS and JSON Feed files of one tag, source or story: its newest articles."""

    ref: FeedRef
    newest: tuple[Entry, ...]
    site: SiteSettings

    def render(self, full: EntryLoader) -> dict[str, str]:
        """Return both feed files."""
        return render_named_feeds(self.ref, self.newest, self.site)


@dataclass(frozen=True)
class IndexPages:
    """The index of tags or sources, (name, page, count) rows in order, paginated."""

    kind: str
    title: str
    path: str
    rows: tuple[tuple[str, str, int], ...]
    size: int

    def render(self, full: EntryLoader) -> dict[str, str]:
        """Return every page of the index."""
        return render_index(self.kind, self.title, self.path, self.rows, self.size)


@dataclass(frozen=True)
class ListingArchivePage:
    """One fixed archive page of a tag or source listing."""

    kind: str
    name: str
    front: str  # the listing's front page
    part: ListingPage
    items: StoryItems

    def render(self, full: EntryLoader) -> str:
        """Return the page's Markdown."""
        return render_listing_archive(self.kind, self.name, self.front, self.part, self.items)


@dataclass(frozen=True)
class ListingFrontPage:
    """The front page of a tag or source listing: newest stories, count, archive links."""

    kind: str
    name: str
    front: ListingPage
    archive: tuple[str, ...]
    items: StoryItems
    total: int
    notes_html: str

    def render(self, full: EntryLoader) -> str:
        """Return the page's Markdown."""
        return render_listing_front(
            self.kind,
            self.name,
            self.front,
            self.archive,
            stories=self.items,
            total=self.total,
            notes_html=self.notes_html,
        )
