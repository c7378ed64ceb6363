"""Publication times: date-line shapes, metadata timestamps and zone precedence."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from generator.extract.times import (
    Stamp,
    city_zone,
    parse_date_line,
    parse_timestamp,
    resolve,
    tld_zone,
)


@pytest.mark.parametrize(
    "line,wall,offset,date_only",
    [
        ("08/19/2025 03:12 PM", "2025-08-19T15:12:00", None, False),
        ("19/08/2025 15:12", "2025-08-19T15:12:00", None, False),
        ("March 10, 2026 15:40", "2026-03-10T15:40:00", None, False),
        ("2026-03-10 09:05 (GMT+8)", "2026-03-10T09:05:00", timedelta(hours=8), False),
        ("2026/03/10 18:26", "2026-03-10T18:26:00", None, False),
        ("10 March 2026, 9:05 am", "2026-03-10T09:05:00", None, False),
        ("Monday 9 March 2026, 7:45am", "2026-03-09T07:45:00", None, False),
        ("Tuesday, March 10, 2026", "2026-03-10T00:00:00", None, True),
        ("Aug. 19, 2025, 12:30 a.m.", "2025-08-19T00:30:00", None, False),
        ("Published: March 10, 2026 at 3:40 pm GMT", "2026-03-10T15:40:00", timedelta(0), False),
        (
            "Updated 2026-03-10 09:05 +05:30",
            "2026-03-10T09:05:00",
            timedelta(hours=5, minutes=30),
            False,
        ),
        ("2026年3月10日 09:05", "2026-03-10T09:05:00", None, False),
    ],
)
def test_date_line_shapes(line: str, wall: str, offset: timedelta | None, date_only: bool) -> None:
    stamp = parse_date_line(line)
    assert stamp == Stamp(datetime.fromisoformat(wall), offset, date_only)


@pytest.mark.parametrize(
    "line",
    [
        "The council met on March 10, 2026 to discuss the budget.",
        "02/30/2026 10:00",
        "Taiwan confirms signing MOU with Japan",
        "0:00 / 0:00",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    "value,wall,offset",
    [
        ("2025-08-19T15:12:00+08:00", "2025-08-19T15:12:00", timedelta(hours=8)),
        ("2025-08-19T07:12:00Z", "2025-08-19T07:12:00", timedelta(0)),
        ("2025-08-19T15:12:00", "2025-08-19T15:12:00", None),
        ("2025-08-19 15:12:00", "2025-08-19T15:12:00", None),
        ("Tue, 19 Aug 2025 07:12:00 GMT", "2025-08-19T07:12:00", timedelta(0)),
        ("08/19/2025 03:12 PM", "2025-08-19T15:12:00", None),
    ],
)
def test_timestamps(value: str, wall: str, offset: timedelta | None) -> None:
    stamp = parse_timestamp(value)
    assert (stamp.wall, stamp.offset) == (datetime.fromisoformat(wall), offset)


@pytest.mark.parametrize(
    "dateline,zone",
    [
        ("Taipei, Aug. 19 (CNA)", "Asia/Taipei"),
        ("NEW YORK (AP)", "America/New_York"),
        ("New Taipei, March 10 (CNA)", "Asia/Taipei"),
        ("Hong Kong, March 10", "Asia/Hong_Kong"),
        ("（中央社記者王小明台北10日電）", "Asia/Taipei"),
        ("（新华社北京3月10日电）", "Asia/Shanghai"),
        ("東京、3月10日", "Asia/Tokyo"),
        ("Atlantis, March 10", None),
        ("Romeo, March 10", None),
    ],
)
def test_city_zone(dateline: str, zone: str | None) -> None:
    assert city_zone(dateline) == zone


@pytest.mark.parametrize(
    "url,zone",
    [
        ("https://focustaiwan.tw/politics/1", "Asia/Taipei"),
        ("https://news.example.co.uk/a", "Europe/London"),
        ("https://www.example.com.tw/a", "Asia/Taipei"),
        ("https://www.example.com/a", None),
        ("https://news.example.us/a", None),
        (None, None),
    ],
)
def test_tld_zone(url: str | None, zone: str | None) -> None:
    assert tld_zone(url) == zone


LOCAL = Stamp(datetime(2026, 3, 10, 9, 5))


@pytest.mark.parametrize(
    "stamp,zones,iso,signal",
    [
        (
            LOCAL,
            [("source config", "Asia/Tokyo"), ("dateline city", "Asia/Taipei")],
            "2026-03-10T09:05:00+09:00",
            "text date line, zone from source config",
        ),
        (
            LOCAL,
            [("source config", None), ("dateline city", "Asia/Taipei")],
            "2026-03-10T09:05:00+08:00",
            "text date line, zone from dateline city",
        ),
        (
            LOCAL,
            [("source config", "Not/AZone"), ("site default", "Europe/London")],
            "2026-03-10T09:05:00+00:00",
            "text date line, zone from site default",
        ),
        (LOCAL, [("source config", None)], None, "text date line, zone unknown"),
        (
            Stamp(datetime(2026, 3, 10, 9, 5), timedelta(hours=-5)),
            [("source config", "Asia/Tokyo")],
            "2026-03-10T09:05:00-05:00",
            "text date line",
        ),
        (
            Stamp(datetime(2026, 3, 10, 1, 5), timedelta(0)),
            [("dateline city", "Asia/Taipei")],
            "2026-03-10T09:05:00+08:00",
            "text date line, shown in zone from dateline city",
        ),
        (
            Stamp(datetime(2026, 7, 1, 12, 0)),
            [("site default", "Europe/London")],
            "2026-07-01T12:00:00+01:00",
            "text date line, zone from site default",
        ),
    ],
)
def test_zone_precedence(
    stamp: Stamp, zones: list[tuple[str, str | None]], iso: str | None, signal: str
) -> None:
    published = resolve(stamp, "text date line", zones)
    assert (published.iso, published.signal) == (iso, signal)
    assert published.local == stamp.wall.isoformat() or published.iso is not None
