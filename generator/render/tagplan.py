"""Decide which candidate tags the site shows: a key phrase must recur across articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .context import Entry

# Articles that must carry a key phrase before it is a tag: one article's phrase is no topic.
MIN_PHRASE_ARTICLES = 2


def phrase_counts(entries: Sequence[Entry]) -> Counter[str]:
    """Return how many articles have each candidate tag (case-folded), over the whole store.

    One pass over every article's few candidates: cheap at 10,000 articles.
    """
    counts: Counter[str] = Counter()
    for e in entries:
        analysis = e.analysis
        counts.update({t.casefold() for t in (*analysis.tags, *analysis.more_tags)})
    return counts


def site_tags(entry: Entry, counts: Counter[str]) -> tuple[str, ...]:
    """Return the tags an article shows on the site: its candidates, minus key phrases that
    no other article has, as many as `show` lists."""
    analysis = entry.analysis
    if not analysis.phrase_tags or (entry.editor is not None and "tags" in entry.editor.fields):
        return analysis.tags
    phrases = set(analysis.phrase_tags)
    kept = [
        t
        for t in (*analysis.tags, *analysis.more_tags)
        if t not in phrases or counts[t.casefold()] >= MIN_PHRASE_ARTICLES
    ]
    return tuple(kept[: len(analysis.tags)])


def with_site_tags(entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries with the tags the site shows (see site_tags)."""
    counts = phrase_counts(entries)
    shown: list[Entry] = []
    for e in entries:
        tags = site_tags(e, counts)
        same = tags == e.analysis.tags
        shown.append(e if same else replace(e, analysis=replace(e.analysis, tags=tags)))
    return shown
