"""Decide which candidate tags the site shows: a key phrase must recur across articles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import chain

from generator.render.context import Entry

# Articles that must carry a key phrase before it is a tag: one article's phrase is no topic.
MIN_PHRASE_ARTICLES = 2


def phrase_counts(entries: Sequence[Entry]) -> Counter[str]:
    """Return how many articles have each candidate tag (case-folded), over the whole store.

    One pass over every article's few candidates: cheap at 10,000 articles.
    """
    fold = str.casefold
    return Counter(
        chain.from_iterable(set(map(fold, e.analysis.tags + e.analysis.more_tags)) for e in entries)
    )


def site_tags(entry: Entry, counts: Mapping[str, int]) -> tuple[str, ...]:
    """Return the tags an article shows on the site: its candidates, minus key phrases that
    no other article has, as many as `show` lists."""
    analysis = entry.analysis
    phrases = analysis.phrase_tags
    if not phrases or (entry.editor is not None and "tags" in entry.editor.fields):
        return analysis.tags
    limit, kept = len(analysis.tags), []
    for tag in analysis.tags + analysis.more_tags:
        if tag not in phrases or counts[tag.casefold()] >= MIN_PHRASE_ARTICLES:
            kept.append(tag)
            if len(kept) == limit:
                break
    return tuple(kept)


def with_site_tags(entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries with the tags the site shows (see site_tags)."""
    counts = phrase_counts(entries)
    shown: list[Entry] = []
    for e in entries:
        tags = site_tags(e, counts)
        same = tags == e.analysis.tags
        shown.append(e if same else replace(e, analysis=replace(e.analysis, tags=tags)))
    return shown
