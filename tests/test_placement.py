"""When the site can show a time: offset, zone and the years at either end."""

from __future__ import annotations

import pytest

from generator.placement import moment_of


@pytest.mark.parametrize(
    ("stamp", "zone", "shown"),
    [
        ("2026-03-09T10:00:00+01:00", "Europe/London", "2026-03-09T09:00:00+00:00"),
        ("1000-01-01T00:00:00+00:00", "UTC", "1000-01-01T00:00:00+00:00"),
        ("0999-12-31T23:59:59+00:00", "UTC", None),  # before the years shown
        ("1000-01-01T03:00:00+00:00", "America/New_York", None),  # 0999 in the newsroom's zone
        ("9998-12-31T09:00:00+00:00", "UTC", "9998-12-31T09:00:00+00:00"),
        ("9998-12-31T11:00:00+00:00", "Pacific/Kiritimati", None),  # 9999 there
        ("9999-01-01T00:00:00+00:00", "UTC", None),
        ("2026-03-09T10:00:00", "UTC", None),  # no offset
        ("2026-03-09T10:00:00+15:00", "UTC", None),  # no zone is that far
        ("2026-03-09T10:00:00+01:00", "Nowhere/Atlantis", None),
        ("yesterday", "UTC", None),
        (None, "UTC", None),
    ],
)
def test_moment_of_shows_times_of_the_years_shown_only(
    stamp: str | None, zone: str, shown: str | None
) -> None:
    moment = moment_of(stamp, zone)
    assert (moment.isoformat() if moment else None) == shown
