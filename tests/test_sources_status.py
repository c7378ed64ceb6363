"""The Sources status page: built from health records, judged as of the last fetch."""

from __future__ import annotations

from generator.model import Health
from generator.render.status import render_status_page


def test_without_fetches_the_page_says_so() -> None:
    text = render_status_page({})
    assert "No source has been fetched yet" in text
    assert text.startswith("---\n")


def test_a_source_failing_for_over_a_day_gets_a_visible_notice() -> None:
    health = {
        "Harbour Wire": Health(last_success="2026-03-12T08:00:00+00:00", items_last_run=4),
        "Dead Feed <script>": Health(
            last_error="HTTP 500",
            last_error_at="2026-03-12T08:00:00+00:00",
            consecutive_failures=30,
            first_failure_at="2026-03-10T07:00:00+00:00",
        ),
    }
    text = render_status_page(health)
    assert '!!! warning "Sources failing for over a day"' in text
    assert "<script>" not in text
    assert "Harbour Wire" in text


def test_a_fresh_failure_is_listed_without_the_notice() -> None:
    health = {
        "Flaky": Health(
            last_error="timeout",
            last_error_at="2026-03-12T08:00:00+00:00",
            consecutive_failures=1,
            first_failure_at="2026-03-12T08:00:00+00:00",
        )
    }
    text = render_status_page(health)
    assert "!!! warning" not in text
    assert "failing (1)" in text
