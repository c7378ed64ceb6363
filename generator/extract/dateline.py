"""Newswire conventions inside article text: datelines, bylines and end markers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.data.zones import CITY_ZONES

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A place: capitalised words, optionally ", State" ("Taipei", "NEW YORK", "Portland, Ore.").
_PLACE = r"(?P<place>[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*){0,3}(?:,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?)"
# An agency in parentheses: "(CNA)", "(Reuters)", "(AP)", "(Kyodo)".
_AGENCY = r"\((?P<agency>[A-Z][\w&.' -]{0,24})\)"
# Separator between dateline and text: dash(es), em dash, colon; optional after an agency.
_SEP = r"\s*(?:--|[-–—:])\s*"

# "Taipei, Aug. 19 (CNA) ...", "TAIPEI, March 10 (Reuters) - ...", "Tokyo, March 10 -- ...".
DATELINE_DATED = re.compile(
    rf"^(?P<dateline>{_PLACE},\s(?P<date>{_MONTHS}\s\d{{1,2}}(?:,\s\d{{4}})?)"
    rf"(?:\s{_AGENCY})?)(?:{_SEP}|\s+)(?=\S)"
)
# "WASHINGTON (AP) — ...", "Taipei (CNA) ...": place and agency, no date.
DATELINE_AGENCY = re.compile(rf"^(?P<dateline>{_PLACE}\s{_AGENCY})(?:{_SEP}|\s+)(?=\S)")
# "LONDON — ...": an all-capitals place followed by a dash (capitals avoid ordinary sentences).
DATELINE_CAPS = re.compile(
    r"^(?P<dateline>(?P<place>[A-Z][A-Z'.-]{2,}(?:\s[A-Z][A-Z'.-]+){0,3}"
    r"(?:,\s[A-Z][a-z]{1,4}\.(?:\s?[A-Z][a-z]?\.)?)?))"
    r"\s*(?:--|[–—-])\s*(?=\S)"
)
# Chinese wire style: "（中央社記者王小明台北10日電）" or "(中央社台北10日電)".
DATELINE_CJK = re.compile(
    r"^(?P<dateline>[（(](?P<agency>[^）)\d]{1,8}?社)?[^）)]{0,20}?"
    r"[\d０-９一二三四五六七八九十]{1,3}日[電电][）)])\s*"
)

# "(By Joseph Yeh)", "By Jane Doe and John Roe", "By A, B and C", "BY JANE DOE".
BYLINE = re.compile(r"^[(（]?\s*by\s+(?P<names>[^()（）]{2,150}?)\s*[)）]?\.?$", re.IGNORECASE)
# A CJK byline: a reporter's name alone in parentheses, "（山根拓真）", "（王小明、李大華）".
BYLINE_CJK = re.compile(
    r"^[（(](?P<names>[\u4e00-\u9fff\u3040-\u30ff]{2,6}"
    r"(?:[、・][\u4e00-\u9fff\u3040-\u30ff]{2,6})*)[）)]$"
)
# Reporters named in a CJK wire dateline: "記者林冠宇新北13日電" → "林冠宇" (then the place).
CJK_REPORTERS = re.compile(
    r"[記记]者(?P<names>[^\d０-９）)]{2,30}?)"
    r"(?=[\d０-９一二三四五六七八九十]{1,3}日)"
)
# Separators between names in a byline.
NAME_SEP = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
# One person's name: 1-5 capitalised words, initials and particles allowed.
NAME = re.compile(
    r"^(?:[A-Z][\w'’.-]*|de|van|von|der|da|di|la|le|bin|al-\w+)"
    r"(?:\s(?:[A-Z][\w'’.-]*|de|van|von|der|da|di|la|le|bin|al-\w+)){0,4}$"
)
# Roles that follow a name in a byline and are not names ("staff writer", "CNA reporter").
ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|news|agency"
    r"|bureau|desk|in\s+[A-Z]\w+)\b",
    re.IGNORECASE,
)

# End-of-story markers, as a whole line: "Enditem/AW", "--END--", "(END)", "-- ends --", "-30-".
END_MARKER = re.compile(
    r"^(?:enditem(?:\s*/\s*[\w/]+)?|[-–—\s]*\(?\s*ends?\s*\)?[-–—\s]*"
    r"|-\s*30\s*-|###|[（(]編輯[：:][^）)]{1,20}[）)]\d*|（完）|\(完\)|【完】)$",
    re.IGNORECASE,
)
# The same markers at the end of a paragraph: "... said. (END)", "... said. Enditem/AW".
END_SUFFIX = re.compile(
    r"\s+(?:enditem(?:\s*/\s*[\w/]+)?|\(\s*end\s*\)|--\s*end\s*--|-- ends --"
    r"|（完）|[（(]編輯[：:][^）)]{1,20}[）)]\d*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a paragraph and the text that follows it."""

    dateline: str
    place: str | None
    agency: str | None
    rest: str
    reporters: tuple[str, ...] = ()


def split_dateline(paragraph: str) -> Dateline | None:
    """Return the dateline at the start of a paragraph and the rest of it, if there is one."""
    for pattern in (DATELINE_DATED, DATELINE_AGENCY, DATELINE_CAPS, DATELINE_CJK):
        match = pattern.match(paragraph)
        if match is None:
            continue
        rest = paragraph[match.end() :].strip()
        if not rest:
            return None
        groups = match.groupdict()
        text = match.group("dateline").strip()
        return Dateline(text, groups.get("place"), groups.get("agency"), rest, cjk_reporters(text))
    return None


def cjk_reporters(dateline: str) -> tuple[str, ...]:
    """Return the reporters a CJK wire dateline names, without the place that follows them.

    The place is the longest known city name ending the segment, else its last two characters
    (Chinese place names in datelines are mostly two characters: 台北, 新北, 基隆).
    """
    match = CJK_REPORTERS.search(dateline)
    if match is None:
        return ()
    names = match.group("names")
    cities = sorted((c for c in CITY_ZONES if not c.isascii() and names.endswith(c)), key=len)
    names = names[: -len(cities[-1])] if cities else names[:-2]
    return tuple(n for n in re.split(r"[、・,，]", names) if len(n) >= 2)


def byline_authors(line: str) -> tuple[str, ...] | None:
    """Return the authors a byline line names, or None when the line is not a byline."""
    cjk = BYLINE_CJK.match(line.strip())
    if cjk is not None:
        return tuple(re.split(r"[、・]", cjk.group("names")))
    match = BYLINE.match(line.strip())
    if match is None:
        return None
    names: list[str] = []
    for piece in NAME_SEP.split(match.group("names")):
        part = piece.strip(" .")
        if not part or ROLE.search(part):
            continue
        if not NAME.match(part if not part.isupper() else part.title()):
            return None
        names.append(part.title() if part.isupper() else part)
    return tuple(names) or None


def is_end_marker(line: str) -> bool:
    """Return True when a line marks the end of the story."""
    return bool(END_MARKER.match(line.strip()))


def _may_end_marker(char: str) -> bool:
    """Return True when an END_SUFFIX match may end with this character (a word character,
    "/", ")", "）" or "-"): a paragraph ending otherwise holds no end marker."""
    return char.isalnum() or char in "_/)）-"


def strip_end_suffix(paragraph: str) -> tuple[str, bool]:
    """Return the paragraph without a trailing end marker, and whether one was removed."""
    if not (
        _may_end_marker(paragraph[-1:])
        or (paragraph[-1:] == "\n" and _may_end_marker(paragraph[-2:-1]))
    ):
        return paragraph, False  # most paragraphs end in "." or a quote: no scan for "\s+"
    stripped = END_SUFFIX.sub("", paragraph)
    return stripped, stripped != paragraph
