"""Publication times as readers see them: the source's own clock, and the site's zone.

The source's time keeps its own UTC offset (what the publisher printed, true to the
source); listings, where articles of many zones sit side by side, show the site's zone
(`site.timezone`) so that "14:05" means the same thing on every line.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from generator.model import Article, Entry
from generator.placement import moment_of
from generator.render.html import esc
from generator.render.labels import EN

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UNKNOWN = "date unknown"


def offset_label(moment: datetime) -> str:
    """Return a moment's UTC offset as "UTC+08:00" (a raw offset names no zone)."""
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}"


def zone_label(moment: datetime) -> str:
    """Return the zone's name at that moment ("GMT", "BST", "JST"), else its UTC offset.

    tzdata gives letters only where the abbreviation is in real use; elsewhere it gives a
    number ("+08"), which reads better as "UTC+08:00".
    """
    name = moment.tzname() or ""
    return name if name.isalpha() else offset_label(moment)


def day_text(moment: datetime, dates: str) -> str:
    """Return the date as the page's language writes it ("7 Dec 2026" or "2026年12月7日")."""
    if dates == "en":
        return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
    return f"{moment.year}年{moment.month}月{moment.day}日"  # Chinese and Japanese


def _separator(labels: Mapping[str, str]) -> str:
    """Return what stands between date and time: "7 Dec 2026, 14:05" but "2026年12月7日 14:05"."""
    return ", " if labels["dates"] == "en" else " "


def own_time(article: Article, labels: Mapping[str, str]) -> str:
    """Return the publication time on the source's own clock, with its UTC offset."""
    published = article.published
    if published is None:
        return labels["date_unknown"]
    moment = datetime.fromisoformat(published.iso or published.local)
    shown = f"{day_text(moment, labels['dates'])}{_separator(labels)}{moment:%H:%M}"
    if published.iso is None:
        return labels["zone_unknown"].format(time=shown)
    return f"{shown} {offset_label(moment)}"


def site_moment(article: Article, zone: str) -> datetime | None:
    """Return the publication time in the site's zone; None when it has no offset."""
    published = article.published
    return moment_of(published.iso, zone) if published and published.iso else None


def site_time(
    article: Article, zone: str, labels: Mapping[str, str], *, clock: bool = False
) -> str:
    """Return the publication time in the site's zone ("7 Dec 2026, 14:05 GMT"); with
    `clock`, the time of day only (a day's listing). Without an offset, the source's time."""
    moment = site_moment(article, zone)
    if moment is None:
        published = article.published
        if clock and published is not None:
            return labels["zone_unknown"].format(time=published.local[11:16])
        return own_time(article, labels)
    when = f"{moment:%H:%M} {zone_label(moment)}"
    if clock:
        return when
    return f"{day_text(moment, labels['dates'])}{_separator(labels)}{when}"


def both_times(article: Article, zone: str, labels: Mapping[str, str]) -> str:
    """Return the source's own time, then the site's when its clock reads otherwise.

    "8 Dec 2026, 06:05 UTC+08:00 (7 Dec 2026, 22:05 GMT)": the date is repeated only when
    the two clocks are on different days.
    """
    own = own_time(article, labels)
    source, moment = _clocks(article, zone)
    if source is None or moment is None or source.utcoffset() == moment.utcoffset():
        return own  # one clock: no second reading
    clock = site_time(article, zone, labels, clock=source.date() == moment.date())
    return f"{own} ({clock})" if labels["dates"] == "en" else f"{own}（{clock}）"


def other_clock(article: Article, zone: str) -> bool:
    """Return True when the site's clock reads otherwise than the source's at publication."""
    source, moment = _clocks(article, zone)
    return source is not None and moment is not None and source.utcoffset() != moment.utcoffset()


def _clocks(article: Article, zone: str) -> tuple[datetime | None, datetime | None]:
    """Return the publication moment on the source's clock and in the site's zone."""
    moment = site_moment(article, zone)
    published = article.published
    if moment is None or published is None or published.iso is None:
        return None, None
    return datetime.fromisoformat(published.iso), moment


def stamp(entry: Entry, same_day: bool) -> str:
    """Return a story's time as listings show it, in the site's zone: time of day on a day's
    page, else the date; the source's own time on hover when its clock reads otherwise."""
    article = entry.article
    iso = article.published.iso if article.published else None
    shown = site_time(article, entry.zone, EN, clock=same_day)
    if not iso:
        return esc(shown)
    title = f' title="{esc(own_time(article, EN))}"' if other_clock(article, entry.zone) else ""
    return f'<time datetime="{esc(iso)}"{title}>{esc(shown)}</time>'
