"""Render story pages: one event's coverage across sources, why it is one, and its timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from generator.model import Fact
from generator.render.article import GENERATED_NOTICE
from generator.render.context import Entry
from generator.render.frontmatter import front_matter
from generator.render.html import esc, link
from generator.render.labels import entry_language, labels_for
from generator.render.times import stamp
from generator.stories.compare import (
    Disagreement,
    Report,
    disagreements,
    own_facts_each,
    value_of,
)

# Story pages gather reports in several languages: their labels are the site's (English).
FACT_LABELS = {
    kind: labels_for("en")[kind]
    for kind in ("figure", "date", "quote", "person", "organization", "place")
}

STORY_FOLDER = "stories"
SUMMARY_SENTENCES = 2  # of each source's summary on its story page


class StoryView(NamedTuple):
    """What a story page shows of a story: its id, title, articles (oldest first), why."""

    id: str
    title: str
    ids: tuple[str, ...]
    why: tuple[str, ...]
    copies: tuple[tuple[str, str], ...] = ()  # (republished copy's id, original's id)

    @property
    def page(self) -> str:
        """Return the story page's docs-relative path."""
        return f"{STORY_FOLDER}/{self.id}.md"


def _source(entry: Entry) -> str:
    """Return an entry's source as a span (empty when unknown)."""
    source = entry.article.source
    return f'<span class="nd-source">{esc(source)}</span>' if source else ""


def _time(entry: Entry) -> str:
    """Return an entry's publication time as a <time> element."""
    return stamp(entry, same_day=False)


def _timeline(page: str, shown: Sequence[Entry]) -> str:
    """Return every article (copies too) by publication time, oldest first."""
    items = [
        f"<li>{_time(e)} {_source(e)} {link(page, e.page, e.title)}</li>"
        for e in sorted(shown, key=lambda e: e.sort_key)
    ]
    return '<ol class="nd-timeline">' + "".join(items) + "</ol>"


def _fact_item(fact: Fact) -> str:
    """Return one fact with its kind and the sentence it comes from (on hover)."""
    return (
        f'<li class="nd-fact nd-fact-{fact.kind}" title="{esc(fact.evidence)}">'
        f"<strong>{FACT_LABELS[fact.kind]}:</strong> {esc(shown(fact))}</li>"
    )


def shown(fact: Fact) -> str:
    """Return a fact as a story page shows it: a figure by its value, others as found."""
    return value_of(fact) if fact.kind == "figure" else fact.text


def _report(page: str, entry: Entry, own: Sequence[Fact], copies: Sequence[Entry]) -> str:
    """Return one source's report: its link, source and time, summary and its own facts."""
    lang = esc(entry_language(entry))
    summary = " ".join(entry.summary_texts()[:SUMMARY_SENTENCES])
    parts = [
        f'<h3 class="nd-report-title" lang="{lang}">{link(page, entry.page, entry.title)}</h3>',
        '<p class="nd-story-meta">'
        + " · ".join(x for x in (_source(entry), _time(entry)) if x)
        + "</p>",
    ]
    if summary:
        parts.append(f'<p class="nd-story-summary" lang="{lang}">{esc(summary)}</p>')
    if own:
        facts = "".join(_fact_item(f) for f in own)
        parts.append(
            f'<p class="nd-own-title">Only in this report:</p><ul class="nd-own-facts">{facts}</ul>'
        )
    if copies:
        names = ", ".join(link(page, c.page, c.article.source or c.title) for c in copies)
        parts.append(f'<p class="nd-also">Also published by {names} (the same text)</p>')
    return '<div class="nd-report">' + "".join(parts) + "</div>"


def _disagreement(page: str, found: Disagreement, by_id: Mapping[str, Entry]) -> str:
    """Return one disagreement: what it is about, each source's value and its sentence."""
    sides = []
    for article_id, fact in (found.first, found.second):
        entry = by_id[article_id]
        who = esc(entry.article.source) if entry.article.source else "One report"
        sides.append(
            f"<li>{link(page, entry.page, who)} ({_time(entry)}): "
            f"<strong>{esc(shown(fact))}</strong> — “{esc(fact.evidence)}”</li>"
        )
    return (
        f'<li class="nd-disagreement">{FACT_LABELS[found.first[1].kind]} '
        f"({esc(found.about)}):<ul>{''.join(sides)}</ul></li>"
    )


def _reports(entries: Sequence[Entry]) -> list[Report]:
    """Return the entries as reports to compare (facts as the analysis found them)."""
    return [Report(e.article.id, e.article.text, e.analysis.facts) for e in entries]


def render_story(story: StoryView, by_id: Mapping[str, Entry], follow: str = "") -> str:
    """Return the Markdown of one story page (entries full: text and facts)."""
    shown = [by_id[i] for i in story.ids if i in by_id]
    copy_of = {c: o for c, o in story.copies if c in by_id and o in by_id}
    originals = sorted((e for e in shown if e.article.id not in copy_of), key=lambda e: e.sort_key)
    sources = sorted({e.article.source for e in shown if e.article.source})
    meta = {
        "title": story.title,
        "newsdigest": {"kind": "story", "id": story.id, "articles": len(shown)},
    }
    count = (
        f"{len(shown)} articles from {len(sources)} source{'s' if len(sources) != 1 else ''}"
        + (": " + ", ".join(sources) if sources else "")
    )
    reports = _reports(originals)
    blocks = [
        front_matter(meta),
        GENERATED_NOTICE,
        f'<h1 class="nd-title">{esc(story.title)}</h1>',
        f'<p class="nd-story-meta">{esc(count)}</p>',
        follow,  # links to the story's feeds (render/storyfeeds.py), when it has them
        "## Why these are one story",
        '<ul class="nd-story-why">' + "".join(f"<li>{esc(w)}</li>" for w in story.why) + "</ul>",
    ]
    found = disagreements(reports)
    if found:
        blocks += [
            "## Where the sources disagree",
            '<ul class="nd-disagreements">'
            + "".join(_disagreement(story.page, d, by_id) for d in found)
            + "</ul>",
        ]
    blocks.append("## The reports")
    for entry, own in zip(originals, own_facts_each(reports), strict=True):
        copies = [by_id[c] for c, o in copy_of.items() if o == entry.article.id]
        blocks.append(_report(story.page, entry, own, copies))
    blocks += ["## Timeline", _timeline(story.page, shown)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def shown_stories(stories: Sequence[StoryView], by_id: Mapping[str, Entry]) -> list[StoryView]:
    """Return the stories of two or more shown articles: the ones that get a page."""
    return [s for s in stories if sum(1 for i in s.ids if i in by_id) > 1]


def story_pages(
    stories: Sequence[StoryView],
    by_id: Mapping[str, Entry],
    follows: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return a page for every story of two or more shown articles (with its feeds' links)."""
    follows = follows or {}
    return {
        s.page: render_story(s, by_id, follows.get(s.page, ""))
        for s in shown_stories(stories, by_id)
    }
