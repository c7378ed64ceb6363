"""Render story pages: one event's coverage across sources, why it is one, and its timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .article import GENERATED_NOTICE, reader_time
from .context import Entry
from .frontmatter import front_matter
from .html import esc, link

STORY_FOLDER = "stories"


class StoryView(NamedTuple):
    """What a story page shows of a story: its id, title, articles (oldest first), why."""

    id: str
    title: str
    ids: tuple[str, ...]
    why: tuple[str, ...]

    @property
    def page(self) -> str:
        """Return the story page's docs-relative path."""
        return f"{STORY_FOLDER}/{self.id}.md"


def _timeline(story: StoryView, page: str, shown: Sequence[Entry]) -> str:
    """Return the articles oldest first, each with its source, time and first summary line."""
    items = []
    for e in shown:
        source = (
            f' <span class="nd-source">{esc(e.article.source)}</span>' if e.article.source else ""
        )
        summary = e.summary_texts()[:1]
        lead = (
            f'<span class="nd-story-summary" lang="{esc(e.article.language)}">'
            f"{esc(summary[0])}</span>"
            if summary
            else ""
        )
        items.append(
            f"<li><time>{esc(reader_time(e.article))}</time> "
            f"{link(page, e.page, e.title)}{source}{lead}</li>"
        )
    return '<ol class="nd-timeline">' + "".join(items) + "</ol>"


def render_story(story: StoryView, by_id: Mapping[str, Entry], follow: str = "") -> str:
    """Return the Markdown of one story page."""
    shown = [by_id[i] for i in story.ids if i in by_id]
    sources = sorted({e.article.source for e in shown if e.article.source})
    meta = {
        "title": story.title,
        "newsdigest": {"kind": "story", "id": story.id, "articles": len(shown)},
    }
    count = (
        f"{len(shown)} articles from {len(sources)} source{'s' if len(sources) != 1 else ''}"
        + (": " + ", ".join(sources) if sources else "")
    )
    why = "".join(f"<li>{esc(line)}</li>" for line in story.why)
    blocks = [
        front_matter(meta),
        GENERATED_NOTICE,
        f'<h1 class="nd-title">{esc(story.title)}</h1>',
        f'<p class="nd-story-meta">{esc(count)}</p>',
        follow,  # links to the story's feeds (render/storyfeeds.py), when it has them
        "## Why these are one story",
        f'<ul class="nd-story-why">{why}</ul>',
        "## Timeline",
        _timeline(story, story.page, shown),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n"


def story_pages(
    stories: Sequence[StoryView],
    by_id: Mapping[str, Entry],
    follows: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return a page for every story of two or more shown articles (with its feeds' links)."""
    follows = follows or {}
    return {
        s.page: render_story(s, by_id, follows.get(s.page, ""))
        for s in stories
        if sum(1 for i in s.ids if i in by_id) > 1
    }
