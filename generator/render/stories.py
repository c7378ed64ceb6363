"""Stories as listing items: what does not depend on the listing page is made once per story."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from generator.render.context import Entry
from generator.render.html import esc, href, link, url_segments
from generator.render.labels import entry_language
from generator.render.storypage import StoryView
from generator.render.times import stamp


class TagPage(NamedTuple):
    """A tag a story item links to, with its page and that page's URL segments."""

    tag: str
    page: str
    url: tuple[str, ...] | None  # see html.url_segments


class StoryParts:
    """The parts of one story's listing item that are the same on every listing page.

    They wrap the two page-dependent parts (the story link's href and the tag links); the
    variants (summary length, time of day or full date) are made on first use.
    """

    def __init__(self, entry: Entry, tag_pages: Mapping[str, str]) -> None:
        self.entry = entry
        self.lang = esc(entry_language(entry))
        self.head = f'<li class="nd-story"><a class="nd-story-title" lang="{self.lang}" href="'
        self.tags = tuple(
            TagPage(t, tag_pages[t], url_segments(tag_pages[t]))
            for t in entry.tags[:4]
            if t in tag_pages
        )
        self._bodies: dict[tuple[int, bool], str] = {}
        self._stamps: dict[bool, str] = {}

    def body(self, summary_sentences: int, same_day: bool) -> str:
        """Return the item from the end of the story link's href to the end of its summary."""
        key = (summary_sentences, same_day)
        if key not in self._bodies:
            self._bodies[key] = self._body(summary_sentences, same_day)
        return self._bodies[key]

    def _body(self, summary_sentences: int, same_day: bool) -> str:
        article, lang = self.entry.article, self.lang
        source = f'<span class="nd-source">{esc(article.source)}</span>' if article.source else ""
        if same_day not in self._stamps:  # a story's day and week pages share it
            self._stamps[same_day] = stamp(self.entry, same_day)
        when = self._stamps[same_day]
        summary = " ".join(self.entry.summary_texts()[:summary_sentences])
        return (
            f'">{esc(article.title)}</a>'
            f'<span class="nd-story-meta">{" · ".join(x for x in (source, when) if x)}'
            "</span>"
            + (
                f'<span class="nd-story-summary" lang="{lang}">{esc(summary)}</span>'
                if summary
                else ""
            )
        )


class StoryItems:
    """Render stories as listing items for one site's pages (one tag -> page mapping).

    A story shows in about ten listings (its day, week, tags, source, archive, home); its
    title, time and summary are escaped once here, and only the links are made per page.
    Parts are remembered per article id for the entry object they were made from, so a
    different entry with the same id is never shown with another's parts.
    """

    def __init__(
        self,
        tag_pages: Mapping[str, str],
        story_of: Mapping[str, StoryView] | None = None,
        by_id: Mapping[str, Entry] | None = None,
    ) -> None:
        self.tag_pages = tag_pages
        self.story_of = story_of or {}  # article id -> its story, for stories with a page
        self.by_id = by_id or {}  # every shown entry, to count a story's sources
        self._stories: dict[str, StoryParts] = {}
        self._tag_links: dict[tuple[str, ...], dict[str, str]] = {}  # URL folder -> tag -> link
        self._story_keys: dict[str, str] = {}  # story id -> _story_digest

    def story_key(self, entries: Sequence[Entry]) -> tuple[str, ...]:
        """Return what story-first listings of these entries show of their stories beyond the
        entries themselves (titles, members, members' sources): part of a lazy page's key."""
        found = {s.id: s for e in entries if (s := self.story_of.get(e.article.id))}
        return tuple([self._story_digest(s) for _, s in sorted(found.items())])

    def _story_digest(self, story: StoryView) -> str:
        """Return a digest of what listings show of one story, made once per story: a large
        story's members are in many listings (hashing them per page cost 0.9 s at 1,000)."""
        known = self._story_keys.get(story.id)
        if known is None:
            by_id = self.by_id
            lead = by_id[story.ids[0]].summary_texts()[:1] if story.ids[0] in by_id else ()
            sources = tuple((i, by_id[i].article.source if i in by_id else None) for i in story.ids)
            shown = repr((story.id, story.title, lead, sources))
            known = hashlib.sha256(shown.encode("utf-8", "surrogatepass")).hexdigest()
            self._story_keys[story.id] = known
        return known

    def story(self, entry: Entry) -> StoryParts:
        """Return the entry's page-independent parts, made on first use."""
        known = self._stories.get(entry.article.id)
        if known is None or known.entry is not entry:
            known = self._stories[entry.article.id] = StoryParts(entry, self.tag_pages)
        return known

    def story_list(
        self,
        from_page: str,
        entries: Sequence[Entry],
        summary_sentences: int = 2,
        same_day: bool = False,
    ) -> str:
        """Return a list of stories in the given order."""
        return (
            '<ul class="nd-stories">'
            + self.items(from_page, entries, summary_sentences, same_day)
            + "</ul>"
        )

    def items(
        self,
        from_page: str,
        entries: Sequence[Entry],
        summary_sentences: int = 2,
        same_day: bool = False,
    ) -> str:
        """Return the list items of stories in the given order (no enclosing list)."""
        here = url_segments(from_page)
        depth = len(here) if here else 0
        # Tag links are the same from every page of this page's URL folder, except to pages
        # at or below this page's URL (see url_segments): made once per folder, not per page.
        folder = self._tag_links.setdefault(here[:-1], {}) if here else {}
        own: dict[str, str] = {}
        items: list[str] = []
        for entry in entries:
            story = self.story(entry)
            items += (
                story.head,
                esc(href(from_page, entry.page)),
                story.body(summary_sentences, same_day),
            )
            if story.tags:
                items.append('<span class="nd-tags">')
                for tag in story.tags:
                    links = own if tag.url is None or tag.url[:depth] == here else folder
                    shown = links.get(tag.tag)
                    if shown is None:
                        shown = links[tag.tag] = link(from_page, tag.page, tag.tag)
                    items.append(shown)
                items.append("</span>")
            items.append("</li>")
        return "".join(items)
