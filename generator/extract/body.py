"""Clean an article body for every input kind: furniture, end marker, byline, dateline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.data.furniture import furniture_reason
from generator.extract.dateline import (
    Dateline,
    byline_authors,
    is_end_marker,
    split_dateline,
    strip_end_suffix,
)
from generator.extract.text import TERMINAL, clean_line, clean_lines

# How many leading paragraphs may precede the dateline (page header residue such as a
# repeated headline or a time stamp, none of which ends in sentence punctuation).
DATELINE_SEARCH = 3


@dataclass(frozen=True)
class Body:
    """Paragraphs of article text plus what the body itself said about authors and place."""

    paragraphs: tuple[str, ...]
    authors: tuple[str, ...] = ()
    dateline: Dateline | None = None


def is_furniture(line: str, boilerplate: frozenset[str]) -> bool:
    """Return True when a line is furniture by the shared table or repeats across the source."""
    if furniture_reason(line) is not None:
        return True
    return bool(boilerplate) and clean_line(line) in boilerplate  # most sources have none


def _keep(paragraph: str, kept: list[str], boilerplate: frozenset[str], teasers: bool) -> bool:
    """Return True when a paragraph is story text rather than furniture or a repeat."""
    if is_furniture(paragraph, boilerplate) or (kept and kept[-1] == paragraph):
        return False
    # Below a "Read more:" heading, headline-like lines without punctuation are teaser links.
    return not (teasers and not TERMINAL.search(paragraph))


def clean_body(paragraphs: Sequence[str], boilerplate: frozenset[str] = frozenset()) -> Body:
    """Return the body without furniture, stopping at the end marker; collect bylines.

    Rules, in order, for each paragraph: an end-marker line ends the story (everything
    after it is furniture); a standalone byline gives authors and is removed; table
    furniture and the source's repeated lines are dropped, and so are the unpunctuated
    lines listed under a teaser heading; a paragraph equal to the one before it is dropped.
    Finally a dateline near the start is split off (see `split_leading_dateline`).
    """
    kept: list[str] = []
    authors: list[str] = []
    teasers = False
    for line in clean_lines(paragraphs):
        if is_end_marker(line):
            break
        paragraph, ended = strip_end_suffix(line)
        names = byline_authors(paragraph)
        if names:
            authors.extend(n for n in names if n not in authors)
        elif _keep(paragraph, kept, boilerplate, teasers):
            kept.append(paragraph)
            teasers = False
        elif furniture_reason(paragraph) == "teaser":
            teasers = True
        if ended:
            break
    paragraphs_left, dateline = split_leading_dateline(kept)
    if dateline is not None and not authors:
        authors.extend(dateline.reporters)
    return Body(paragraphs_left, tuple(authors), dateline)


def drop_leading_title(lines: Sequence[str], title: str | None) -> list[str]:
    """Return text lines without leading repeats of the headline (a page's <h1>).

    A text that is nothing but its headline (a one-sentence brief, a record whose text repeats
    its title) keeps one copy: the headline is then the article, not furniture.
    """
    key = " ".join((title or "").split()).casefold()
    start = 0
    while start < len(lines) and key and " ".join(lines[start].split()).casefold() == key:
        start += 1
    if start and not any(line.strip() for line in lines[start:]):
        start -= 1
    return list(lines[start:])


def split_leading_dateline(paragraphs: Sequence[str]) -> tuple[tuple[str, ...], Dateline | None]:
    """Return paragraphs with the dateline split off, dropping unpunctuated lines before it.

    The dateline is looked for in the first DATELINE_SEARCH paragraphs; paragraphs before it
    must not end in sentence punctuation (they are header residue, e.g. a repeated headline).
    """
    for index, paragraph in enumerate(paragraphs[:DATELINE_SEARCH]):
        dateline = split_dateline(paragraph)
        if dateline is not None:
            return (dateline.rest, *paragraphs[index + 1 :]), dateline
        if TERMINAL.search(paragraph):
            break
    return tuple(paragraphs), None
