"""Story-first listings: a day's or week's articles as stories, ranked by coverage, then time.

The home page and the daily and weekly digests list one item per story: a story told by
several sources links its story page and each report of the listing; an article alone in its
story is listed as the article. More sources rank first, then more articles, then the newest.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generator.render.context import Entry
from generator.render.html import esc, href, link
from generator.render.labels import entry_language
from generator.render.stories import StoryItems
from generator.render.storypage import StoryView
from generator.render.times import stamp

NewestFirst = Callable[[Entry], tuple[str, str]]


@dataclass(frozen=True)
class Coverage:
    """One listed story: its view (None for a lone article), its entries in the listing."""

    story: StoryView | None
    entries: tuple[Entry, ...]  # the story's articles in this listing, newest first
    sources: int  # distinct sources of the whole story (shown articles)
    articles: int  # shown articles of the whole story


def rank(
    entries: Sequence[Entry],
    story_of: Mapping[str, StoryView],
    by_id: Mapping[str, Entry],
    newest_first: NewestFirst,
) -> list[Coverage]:
    """Return the entries as stories, most sources first, then most articles, then newest."""
    groups: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=newest_first):
        story = story_of.get(entry.article.id)
        groups.setdefault(story.id if story else entry.article.id, []).append(entry)
    found = []
    for members in groups.values():
        story = story_of.get(members[0].article.id)
        whole = [by_id[i] for i in story.ids if i in by_id] if story else members
        sources = {e.article.source or e.article.id for e in whole}
        found.append(Coverage(story, tuple(members), len(sources), len(whole)))
    return sorted(found, key=lambda c: (-c.sources, -c.articles, newest_first(c.entries[0])))


def _story_item(from_page: str, found: Coverage, by_id: Mapping[str, Entry], same_day: bool) -> str:
    """Return one item of a story of several articles: headline, coverage, the summary of
    the article that gave the story its headline, and the listing's reports."""
    story = found.story
    assert story is not None  # a lone article is listed by StoryItems
    lead = by_id.get(story.ids[0]) or min(found.entries, key=lambda e: e.sort_key)
    summary = " ".join(lead.summary_texts()[:1])
    lang = esc(entry_language(lead))
    label = f"{found.sources} sources" if found.sources > 1 else f"{found.articles} articles"
    reports = "".join(
        f'<li lang="{esc(entry_language(e))}">{link(from_page, e.page, e.title)}'
        + (f' <span class="nd-source">{esc(e.article.source)}</span>' if e.article.source else "")
        + "</li>"
        for e in found.entries
    )
    return (
        f'<li class="nd-story nd-story-group">'
        f'<a class="nd-story-title" lang="{lang}" href="{esc(href(from_page, story.page))}">'
        f"{esc(story.title)}</a>"
        f'<span class="nd-story-meta"><span class="nd-coverage">{label}</span> · '
        f"{stamp(found.entries[0], same_day)}</span>"
        + (f'<span class="nd-story-summary" lang="{lang}">{esc(summary)}</span>' if summary else "")
        + f'<ul class="nd-story-reports">{reports}</ul></li>'
    )


def story_first(
    from_page: str,
    found: Sequence[Coverage],
    items: StoryItems,
    summary_sentences: int = 2,
    same_day: bool = False,
) -> str:
    """Return ranked stories as one list: story items and lone articles' items."""
    parts = ['<ul class="nd-stories">']
    for story in found:
        if story.story is None:
            parts.append(items.items(from_page, story.entries, summary_sentences, same_day))
        else:
            parts.append(_story_item(from_page, story, items.by_id, same_day))
    parts.append("</ul>")
    return "".join(parts)
