"""Find figures (numbers with what they count) and dates (normalised to ISO) in sentences."""

from __future__ import annotations

import datetime as dt
import functools
import re

from generator.analyse.lexicon import ACTION_VERBS, REPORTING_VERBS, STOPWORDS, alternation

# Verbs that end what a figure counts ("£2.5m set aside").
VERBS = ACTION_VERBS | REPORTING_VERBS | frozenset({"set", "is", "are", "was", "were"})

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
# A number with its scale and unit, then the words that say what it counts.
FIGURE = re.compile(
    r"(?<![\w\-.,$€£¥])(?P<number>(?:US\$|NT\$|[$€£¥])?\d(?:[\d,]*\d)?(?:\.\d+)?"
    r"(?:\s*(?:%|percent|per cent))?(?:\s+(?:million|billion|trillion|thousand)|bn\b|m\b)?)"
    r"(?P<counted>(?:\s+[a-z][a-z\-]+){0,4})"
)
# A plural-looking word ("visits", "countries"): where what a figure counts usually ends.
PLURAL = re.compile(r"[a-z]{2,}[^su]s$")
# A currency sign or percentage in a figure's number: a unit on its own.
UNIT = re.compile(r"[%$€£¥]|percent|cent")
# A four-digit year.
YEAR = re.compile(r"(?:19|20)\d\d")
# A month name and a day number: what a DATE match without a year holds.
MONTH_DAY = re.compile(_MONTH + r"\s+\d")
COUNTED_WORDS = 2
# Distinct sentences whose date matches are remembered (a few articles' worth).
DATE_CACHE = 2048


def figures(sentence: str) -> list[str]:
    """Return figures with what they count ("7.32 million visits", "23 countries", "5%")."""
    found: list[str] = []
    if not has_digit(sentence):
        return found  # every figure has a digit
    date_spans: list[tuple[int, int]] | None = None  # found on the first figure only
    for match in FIGURE.finditer(sentence):
        number = match.group("number")
        counted = _counted(match.group("counted").split())
        if not (counted or UNIT.search(number)):
            continue
        if date_spans is None:
            date_spans = [m.span() for m in _date_matches(sentence)]
        if any(start <= match.start() < end for start, end in date_spans):
            continue  # part of a date
        if YEAR.fullmatch(number):
            continue  # a year, even before a noun ("2023 report")
        found.append(" ".join([number, *counted]))
    return found


def _counted(following: list[str]) -> list[str]:
    """Return the words a figure counts: up to the first plural, else a short noun phrase."""
    words: list[str] = []
    for word in following:
        if word in STOPWORDS or word in VERBS:
            break
        words.append(word)
    plural = next((i for i, w in enumerate(words) if PLURAL.search(w)), None)
    if plural is not None:
        return words[: plural + 1]
    if len(words) > COUNTED_WORDS:
        return words[:1]  # a longer phrase cut short would end on a modifier
    return words


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
            found.append(((published - dt.timedelta(days=back)).isoformat(), m.start()))
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
