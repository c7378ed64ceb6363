"""Publication times: parse date strings and date lines, then attach the right time zone.

Zone precedence for a wall-clock time without an offset: the source's configured zone, the
zone of the dateline city, the site's country-code domain, the site-wide default; otherwise
the time stays local with `iso=None`. A time that carries its own offset keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.data.zones import CITY_ZONES, TLD_ZONES
from generator.errors import ExtractionError
from generator.model import Published

MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = (
    r"(?:[,\s]+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_OFFSET = (
    r"(?:\s*\(?(?:GMT|UTC)\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?\)?"
    r"|\s*(?P<numoffset>[+-]\d{2}:?\d{2})"
    r"|\s*\(?(?P<abbr>[PMCE][SD]T|AK[SD]T|HST|BST|IST|CES?T|EES?T|WES?T|JST|KST|HKT|SGT)\)?)?"
)
# Unambiguous time-zone abbreviations a date line may end with, as UTC offsets in hours.
ABBREVIATIONS = {
    "PST": -8,
    "PDT": -7,
    "MST": -7,
    "MDT": -6,
    "CST": -6,
    "CDT": -5,
    "EST": -5,
    "EDT": -4,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "BST": 1,
    "IST": 5.5,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "WET": 0,
    "WEST": 1,
    "JST": 9,
    "KST": 9,
    "HKT": 8,
    "SGT": 8,
}
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_LABEL = (
    r"(?:(?:published|posted|updated|date|last updated|first published)"
    r"\s*(?:on|at)?\s*:?\s*)?"
)

# Date-line shapes a page dump may carry, each matching a whole line (after a label).
DATE_SHAPES: tuple[re.Pattern[str], ...] = (
    # "08/19/2025 03:12 PM" (month first unless the first number exceeds 12) or "2025/08/19".
    re.compile(
        rf"^{_LABEL}{_WEEKDAY}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<year>\d{{4}})"
        rf"{_TIME}{_OFFSET}$",
        re.I,
    ),
    # "2026-03-10 09:05 (GMT+8)", "2026/03/10", "2026.03.10 09:05".
    re.compile(
        rf"^{_LABEL}(?P<year>\d{{4}})[-/.](?P<mon>\d{{1,2}})[-/.](?P<day>\d{{1,2}})"
        rf"{_TIME}{_OFFSET}$",
        re.I,
    ),
    # "March 10, 2026 15:40", "Tuesday, March 10, 2026", "Aug. 19, 2025, 3:12 p.m."
    re.compile(
        rf"^{_LABEL}{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        rf"(?P<year>\d{{4}}){_TIME}{_OFFSET}$",
        re.I,
    ),
    # "10 March 2026, 9:05 am", "Tuesday 10 March 2026".
    re.compile(
        rf"^{_LABEL}{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+"
        rf"(?P<year>\d{{4}}){_TIME}{_OFFSET}$",
        re.I,
    ),
    # "2026年3月10日 09:05" (Chinese/Japanese).
    re.compile(
        rf"^{_LABEL}(?P<year>\d{{4}})年(?P<mon>\d{{1,2}})月(?P<day>\d{{1,2}})日"
        rf"(?:\s*[(（][^)）]{{1,3}}[)）])?{_TIME}{_OFFSET}$",
        re.I,
    ),
    # "2026年3月12日 18時05分" (Japanese clock).
    re.compile(
        r"^(?P<year>\d{4})年(?P<mon>\d{1,2})月(?P<day>\d{1,2})日(?:\s*[(（][^)）]{1,3}[)）])?"
        r"\s*(?P<hour>\d{1,2})時(?P<minute>\d{1,2})分(?P<second>)(?P<ampm>)"
        r"(?P<offset>)(?P<numoffset>)(?P<abbr>)$"
    ),
)


# The earliest day a publication date may fall on. Empty date fields of content systems
# hold sentinels before it: "0001-01-01" (.NET MinValue), "1900-01-01" (SQL Server), the
# Unix epoch "1970-01-01" (in any offset); none of them is a publication date.
EARLIEST_DAY = date(1970, 1, 2)
# The largest UTC offset any zone has used (Kiribati +14, Baker Island -12).
MAX_OFFSET = timedelta(hours=14)
MIDNIGHT = time(0)
# How far after the fetch time (or now) a publication time may lie: zones and clocks differ.
FUTURE_SLACK = timedelta(days=1)


# Languages whose news comes from a single time zone; Chinese (Taipei, Shanghai, Hong Kong,
# Singapore) and English are deliberately absent.
LANGUAGE_ZONES = {"ja": "Asia/Tokyo", "ko": "Asia/Seoul"}


@dataclass(frozen=True)
class Stamp:
    """A parsed time: wall clock, its own offset if the text gave one, and date-only flag."""

    wall: datetime  # naive
    offset: timedelta | None = None
    date_only: bool = False


def _offset(match: re.Match[str]) -> timedelta | None:
    """Return the UTC offset a date line spelled out ("GMT+8", "+08:00", bare "GMT")."""
    text = match.group("offset") or match.group("numoffset") or None
    abbr = match.group("abbr")
    if abbr:
        return timedelta(hours=ABBREVIATIONS[abbr.upper()])
    if text is None:
        return timedelta(0) if re.search(r"GMT|UTC", match.group(0), re.I) else None
    sign = -1 if text.startswith("-") else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    return sign * timedelta(hours=hours, minutes=minutes)


def _month_day(groups: dict[str, str | None]) -> tuple[int, int]:
    """Return (month, day) from whichever named groups the shape used."""
    if groups.get("month"):
        return MONTHS[str(groups["month"])[:3].lower()], int(str(groups["day"]))
    if groups.get("a"):
        first, second = int(str(groups["a"])), int(str(groups["b"]))
        return (second, first) if first > 12 else (first, second)
    return int(str(groups["mon"])), int(str(groups["day"]))


def _hour(groups: dict[str, str | None]) -> int:
    """Return the 24-hour clock hour, honouring "am"/"pm"."""
    hour = int(str(groups["hour"]))
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        return hour + 12
    return 0 if ampm == "am" and hour == 12 else hour


def parse_date_line(line: str) -> Stamp | None:
    """Return the time a whole line spells out in one of DATE_SHAPES, else None (not a date)."""
    line = line.strip().rstrip(".")
    for shape in DATE_SHAPES:
        match = shape.match(line)
        if match is None:
            continue
        groups = match.groupdict()
        month, day = _month_day(groups)
        hour = _hour(groups) if groups["hour"] else 0
        try:
            wall = datetime(
                int(str(groups["year"])),
                month,
                day,
                hour,
                int(groups["minute"] or 0),
                int(groups["second"] or 0),
            )
        except ValueError:
            return None
        return Stamp(wall, _offset(match), date_only=not groups["hour"])
    return None


def parse_timestamp(value: str) -> Stamp:
    """Return the time of a metadata value: ISO 8601, RFC 2822 or a date-line shape."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        return Stamp(parsed.replace(tzinfo=None), parsed.utcoffset(), date_only=len(text) <= 10)
    try:
        mail = parsedate_to_datetime(text)
        return Stamp(mail.replace(tzinfo=None), mail.utcoffset())
    except (TypeError, ValueError, IndexError):
        pass
    stamp = parse_date_line(text)
    if stamp is None:
        raise ExtractionError(f"unrecognised date {value!r}")
    return stamp


def plausible(stamp: Stamp, latest: datetime) -> bool:
    """Return True for a time the site can show: a real offset, after sentinels, not future.

    `latest` is the fetch time, or now when that is unknown (timezone-aware). A time without
    an offset is judged at the earliest UTC instant it may stand for. A leap second
    ("23:59:60") never gets here: no parser accepts it, so it is already absent.
    """
    if stamp.offset is not None and abs(stamp.offset) > MAX_OFFSET:
        return False
    if stamp.wall.date() < EARLIEST_DAY or stamp.wall.year > latest.year + 1:
        return False  # the year test also keeps the arithmetic below inside datetime's range
    utc = stamp.wall - (MAX_OFFSET if stamp.offset is None else stamp.offset)
    return utc <= latest.astimezone(UTC).replace(tzinfo=None) + FUTURE_SLACK


def first_plausible(
    values: Iterable[tuple[str, str]],
    latest: datetime,
) -> tuple[Stamp | None, str]:
    """Return the first (stamp, signal) of (signal, text) pairs that parses and is plausible.

    A value that does not parse or is out of range counts as absent: the next signal is used.
    """
    for signal, value in values:
        try:
            stamp = parse_timestamp(value)
        except ExtractionError:
            continue
        if plausible(stamp, latest):
            return stamp, signal
    return None, ""


def with_clock(
    found: tuple[Stamp, str],
    values: Iterable[tuple[str, str]],
    latest: datetime,
) -> tuple[Stamp, str]:
    """Return another signal's time for the same day when it adds a clock time or an offset.

    Pages often give a bare date in one JSON-LD block or meta tag and the full time in
    another; the first by precedence keeps its day, the other only adds what it lacks. A
    time with an offset is preferred; a bare date also takes a wall-clock time without one.
    """
    stamp = found[0]
    if not stamp.date_only and stamp.offset is not None:
        return found
    fuller = [
        (other, signal)
        for signal, other in _localised(list(_parsed(values)))
        if other.wall.date() == stamp.wall.date()
        and not other.date_only
        # Midnight exactly is usually a bare date in disguise; in UTC it can move the day.
        and other.wall.time() != MIDNIGHT
        and plausible(other, latest)
        and (stamp.date_only or (other.wall == stamp.wall and other.offset is not None))
    ]
    with_offset = [pair for pair in fuller if pair[0].offset is not None]
    best = next(iter(with_offset or fuller), None)
    return (best[0], best[1]) if best else found


def instant_offset(instant: Stamp, wall: Stamp) -> timedelta | None:
    """Return the offset at which a wall-clock time (no offset) is the same instant, else None.

    A page may give a UTC time in its metadata and the same moment on its local clock
    elsewhere ("2023-11-09T03:28:35Z" and "2023-11-08 22:28:35"): their difference is the
    local offset. Minutes and seconds must agree and not be a round quarter hour, so that
    two different times a whole number of hours apart are not taken for one.
    """
    if instant.offset is None or wall.offset is not None or wall.date_only:
        return None
    if wall.wall.second == 0 and wall.wall.minute % 15 == 0:
        return None
    offset = wall.wall - (instant.wall - instant.offset)
    real = abs(offset) <= MAX_OFFSET and offset % timedelta(minutes=15) == timedelta(0)
    return offset if real else None


def _localised(parsed: list[tuple[str, Stamp]]) -> list[tuple[str, Stamp]]:
    """Return parsed stamps, each instant preceded by its local time when the page gives it."""
    found: list[tuple[str, Stamp]] = []
    for signal, stamp in parsed:
        found.extend(
            (signal, Stamp(wall.wall, offset))
            for _, wall in parsed
            if (offset := instant_offset(stamp, wall)) is not None
        )
        found.append((signal, stamp))
    return found


def _parsed(values: Iterable[tuple[str, str]]) -> Iterator[tuple[str, Stamp]]:
    """Yield (signal, stamp) for each value that parses; the others are skipped."""
    for signal, value in values:
        try:
            yield signal, parse_timestamp(value)
        except ExtractionError:
            continue


def city_zone(dateline: str | None) -> str | None:
    """Return the IANA zone of the longest known city named in a dateline."""
    if not dateline:
        return None
    for city in sorted(CITY_ZONES, key=lambda c: (-len(c), c)):
        if city.isascii():
            if re.search(rf"(?<![\w]){re.escape(city)}(?![\w])", dateline, re.I):
                return CITY_ZONES[city]
        elif city in dateline:
            return CITY_ZONES[city]
    return None


def tld_zone(url: str | None) -> str | None:
    """Return the zone of a URL's country-code domain when that country has one zone."""
    host = urlsplit(url or "").hostname or ""
    return TLD_ZONES.get(host.rsplit(".", 1)[-1]) if "." in host else None


def language_zone(language: str | None) -> str | None:
    """Return the zone of a language spoken in one time zone only (Japanese, Korean)."""
    return LANGUAGE_ZONES.get(language or "")


def valid_zone(name: str | None) -> str | None:
    """Return name when it is a known IANA zone, else None."""
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def resolve(stamp: Stamp, signal: str, zones: Sequence[tuple[str, str | None]]) -> Published:
    """Return the Published time for a stamp, attaching the first known zone in precedence.

    `zones` lists (signal name, IANA zone or None), highest precedence first.
    """
    local = stamp.wall.isoformat(timespec="seconds")
    label = f"{signal} (date only)" if stamp.date_only else signal
    known = next(((name, zone) for name, zone in zones if valid_zone(zone)), None)
    if stamp.offset is not None:
        aware = stamp.wall.replace(tzinfo=timezone(stamp.offset))
        if stamp.offset == timedelta(0) and known and not stamp.date_only:
            # A UTC instant is shown in the article's own zone when one is known.
            shown = aware.astimezone(ZoneInfo(known[1] or ""))
            return Published(
                shown.isoformat(),
                shown.replace(tzinfo=None).isoformat(),
                f"{label}, shown in zone from {known[0]}",
                known[1],
            )
        return Published(aware.isoformat(), local, label)
    if known is None:
        return Published(None, local, f"{label}, zone unknown")
    name, zone = known
    aware = stamp.wall.replace(tzinfo=ZoneInfo(zone or ""))
    return Published(aware.isoformat(), local, f"{label}, zone from {name}", zone)
