"""Find dates in sentences, normalised to ISO (explicit, and weekdays resolved on publication)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from generator.analyse.lexicon import alternation

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ]
    )
    for m in names.split()
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = sorted((m.title() for m in MONTHS), key=len, reverse=True)
_MONTH = r"(?P<month>" + alternation(_MONTH_NAMES) + r")\.?"

# "Dec. 18, 2024", "December 18 2024", "18 December 2024", "2024-12-18", "December 2024".
DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>[A-Za-z]+)\.?\s+(?P<year2>(?:19|20)\d\d)"
    rf"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
    rf"|(?P<month3>[A-Z][a-z]+)\s+(?P<year3>(?:19|20)\d\d))\b",
)
# A digit: every DATE match holds one (its day or year).
DIGIT = re.compile(r"\d")
# The ASCII digits, deleted from an ASCII text's bytes to tell whether it has any.
ASCII_DIGITS = b"0123456789"
# A weekday name, resolved against the publication date.
WEEKDAY = re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# The longest part of a weekday name before its "day" ("Wednes"): no weekday starts earlier.
WEEKDAY_HEAD = max(map(len, WEEKDAYS)) - len("day")
# A four-digit year.
YEAR = re.compile(r"(?:19|20)\d\d")
# A month name and a day number: what a DATE match without a year holds.
MONTH_DAY = re.compile(_MONTH + r"\s+\d")
# Distinct sentences whose date matches are remembered (a few articles' worth).
DATE_CACHE = 2048


def date_spans(sentence: str) -> list[tuple[int, int]]:
    """Return where explicit dates are in a sentence (a figure must not be part of one)."""
    return [m.span() for m in _date_matches(sentence)] if has_digit(sentence) else []


def days_before(day: dt.date, days: int) -> dt.date | None:
    """Return the date `days` before `day`, or None before year 1 (dates near it are real)."""
    try:
        return day - dt.timedelta(days=days)
    except OverflowError:
        return None


def has_digit(text: str) -> bool:
    """Return True when a text holds a digit (as DIGIT finds one).

    An ASCII text, the usual one, is checked by deleting the digits from its bytes: that runs
    at C speed, where the regex scan tests each character's class.
    """
    if text.isascii():
        return len(text.encode("ascii").translate(None, ASCII_DIGITS)) < len(text)
    return DIGIT.search(text) is not None


def dates(sentence: str, published: dt.date | None) -> list[tuple[str, int]]:
    """Return (ISO date, offset in sentence) for every explicit or relative date."""
    matches = _date_matches(sentence) if has_digit(sentence) else ()  # a date has a digit
    found = [(iso, m.start()) for m in matches if (iso := _iso(m, published))]
    day = sentence.find("day")  # every weekday name ends in "day"
    if published is not None and day >= 0:
        for m in WEEKDAY.finditer(sentence, max(0, day - WEEKDAY_HEAD)):
            back = (published.weekday() - WEEKDAYS.index(m.group("weekday").lower())) % 7
            weekday = days_before(published, back)
            if weekday is not None:
                found.append((weekday.isoformat(), m.start()))
    if len(found) > 1:  # most sentences hold no date: nothing to sort
        found.sort(key=lambda pair: pair[1])
    return found


@functools.lru_cache(maxsize=DATE_CACHE)
def _date_matches(sentence: str) -> tuple[re.Match[str], ...]:
    """Return DATE's matches (figures and dates both need them).

    A date holds a year or a month name and day; the quick searches for those skip most
    sentences, where DATE's scan (tried at every word) would find nothing. A year starts
    with "19" or "20", which str's search finds faster than the regex's scan.
    """
    year = ("19" in sentence or "20" in sentence) and YEAR.search(sentence) is not None
    if not year and MONTH_DAY.search(sentence) is None:
        return ()
    return tuple(DATE.finditer(sentence))


def _iso(m: re.Match[str], published: dt.date | None) -> str:
    """Return the ISO form of a date match ("" when it is not a valid date)."""
    if m.group("iy"):
        year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    elif m.group("month"):
        year = int(m.group("year")) if m.group("year") else (published.year if published else 0)
        month, day = MONTHS[m.group("month").lower()], int(m.group("day"))
    elif m.group("month2"):
        month = MONTHS.get(m.group("month2").lower(), 0)
        year, day = int(m.group("year2")), int(m.group("day2"))
    else:
        month = MONTHS.get(m.group("month3").lower(), 0)
        return f"{m.group('year3')}-{month:02d}" if month else ""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""
