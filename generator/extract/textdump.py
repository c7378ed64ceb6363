"""Plain-text page dumps: find title, date line and body among the page furniture.

A dump is what a scraper saved from a rendered page: app banners and menus, the title, a
date line, notices and photo credits, the story, a byline, an end marker, then more chrome.
Header rules: the title is the last title-like line (three or more words, or six CJK
characters, no closing full stop, not furniture) before the date line, else the first such
line; short lines before the title are furniture. The body is every line after the title
except the date line; before the first prose paragraph only bylines and punctuated sentences
are kept (credits, labels and buttons are not); then the shared body rules clean it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.data.furniture import furniture_reason
from generator.extract.body import Body, clean_body, is_furniture
from generator.extract.dateline import byline_authors, is_end_marker, split_dateline
from generator.extract.keywords import tags_line
from generator.extract.text import HAN, HANGUL, KANA, TERMINAL, clean_line
from generator.extract.times import Stamp, parse_date_line

# "Focus Taiwan App": a banner naming the site.
SITE_BANNER = re.compile(r"^(?P<site>[^\W\d_][\w&.' -]{1,40}?)\s*App$")
# A masthead: the dump's first line, short, naming the site ("Wessex Courier"); an edition
# suffix such as "Digital" or "Online" is not part of the name.
MASTHEAD = re.compile(
    r"^(?P<site>[^\W\d_][\w&.' -]{1,40}?)"
    r"(?:\s*(?:digital|online|デジタル|電子版))?$",
    re.IGNORECASE,
)
# Most words a masthead line may have.
MASTHEAD_MAX_WORDS = 4
# "Focus Taiwan (CNA) uses tracking technologies ...": a notice naming the site and agency.
SITE_NOTICE = re.compile(
    r"^(?P<site>[A-Z][\w&.' -]{1,40}?(?:\s\([A-Z][\w]{1,12}\))?)"
    r"\s+uses?\s+(?:cookies|tracking)"
)
# "© 2026 Harbour Light News Agency (HLNA). All rights reserved.": the owner named.
SITE_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s+)?(?P<site>[A-Z][\w&.' -]{1,40}?"
    r"(?:\s\([A-Z]\w{1,12}\))?)\.?(?:\s+all rights reserved\.?)?$",
    re.IGNORECASE,
)

# A prose line at least this long and ending in punctuation starts the body.
PROSE_MIN_CHARS = 60
# Title-like lines have at least this many words (or CJK characters).
TITLE_MIN_WORDS = 3
TITLE_MIN_CJK = 6


@dataclass(frozen=True)
class Dump:
    """What a page dump yields before zones and ids are decided."""

    title: str | None
    stamp: Stamp | None
    site: str | None
    body: Body
    tags: tuple[str, ...] = ()  # from a "Tags: A, B" line


def _is_prose(line: str) -> bool:
    """Return True for a line that reads as story text rather than a header element."""
    if split_dateline(line) is not None and len(line) >= PROSE_MIN_CHARS:
        return True
    return len(line) >= PROSE_MIN_CHARS and bool(TERMINAL.search(line))


def _cjk_count(line: str) -> int:
    """Return how many Han, kana or hangul characters a line holds."""
    return sum(len(p.findall(line)) for p in (HAN, KANA, HANGUL))


def _title_like(line: str, boilerplate: frozenset[str]) -> bool:
    """Return True for a header line that could be the headline."""
    if not line or is_furniture(line, boilerplate) or is_end_marker(line):
        return False
    if parse_date_line(line) is not None or byline_authors(line) is not None:
        return False
    if line.endswith((".", "。")):  # headlines do not end in a full stop; sentences do
        return False
    return len(line.split()) >= TITLE_MIN_WORDS or _cjk_count(line) >= TITLE_MIN_CJK


def _find_date(lines: Sequence[str]) -> int | None:
    """Return the index of the first line that is wholly a date (usually in the header)."""
    return next((i for i, line in enumerate(lines) if line and parse_date_line(line)), None)


def _find_title(
    lines: Sequence[str],
    end: int,
    date: int | None,
    boiler: frozenset[str],
) -> int | None:
    """Return the index of the title line among the header lines, or None."""
    candidates = [i for i in range(end) if _title_like(lines[i], boiler)]
    before_date = [i for i in candidates if date is not None and i < date]
    if before_date:
        return before_date[-1]
    return candidates[0] if candidates else None


def _header_keeps(line: str) -> bool:
    """Return True for a line between title and story worth keeping: a byline or a sentence.

    Other header lines (credits, category labels, share buttons) have no closing punctuation.
    """
    return byline_authors(line) is not None or bool(TERMINAL.search(line))


def join_lines(lines: Sequence[str]) -> list[str]:
    """Return paragraphs: each line starts one unless it continues a wrapped sentence.

    A line continues the previous one when that one lacks closing punctuation and this one
    starts with a lower-case letter (a hard-wrapped paragraph). Blank lines always separate.
    """
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        if line and previous and not TERMINAL.search(previous) and line[0].islower():
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        elif line:
            paragraphs.append(line)
        previous = line
    return paragraphs


def site_name(lines: Sequence[str]) -> str | None:
    """Return the site name a privacy notice, app banner or copyright line spells out."""
    found = [
        m.group("site")
        for pattern in (SITE_NOTICE, SITE_BANNER, SITE_COPYRIGHT)
        for line in lines
        if (m := pattern.match(line))
    ]
    first = next((line for line in lines if line), "")
    masthead = MASTHEAD.match(first)
    if masthead and len(first.split()) <= MASTHEAD_MAX_WORDS and furniture_reason(first) is None:
        found.append(masthead.group("site"))
    return found[0] if found else None


def parse_dump(text: str, boilerplate: frozenset[str] = frozenset()) -> Dump:
    """Return title, date-line time, site name and cleaned body of a page dump."""
    lines = [clean_line(line) for line in text.split("\n")]
    tags = [tag for line in lines for tag in tags_line(line) or ()]
    if tags:  # the tags line is metadata, not story text
        lines = ["" if tags_line(line) else line for line in lines]
    first_prose = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    date = _find_date(lines)
    title = _find_title(lines, first_prose, date, boilerplate)
    start = 0 if title is None else title + 1
    paragraphs = join_lines([line for i, line in enumerate(lines) if i >= start and i != date])
    first = next((i for i, p in enumerate(paragraphs) if _is_prose(p)), len(paragraphs))
    body = [p for i, p in enumerate(paragraphs) if i >= first or _header_keeps(p)]
    stamp = parse_date_line(lines[date]) if date is not None else None
    return Dump(
        title=lines[title] if title is not None else None,
        stamp=stamp,
        site=site_name(lines),
        body=clean_body(body, boilerplate),
        tags=tuple(tags),
    )
