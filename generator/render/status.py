"""The Sources status page: how each fetched source has been doing, from its health record."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime, timedelta

from generator.model import Health
from generator.render.listings import page

STATUS_PAGE = "sources/status.md"
FAILING_NOTICE_AFTER = timedelta(days=1)
# Characters Markdown may read as syntax mid-line; written as numeric references instead.
MARKDOWN_SPECIAL = "\\`*_{}[]()#!|~>"


def render_status_page(health: Mapping[str, Health]) -> str:
    """Return the status page, judged as of the newest recorded fetch (never "now")."""
    stamps = sorted(
        stamp
        for record in health.values()
        for stamp in (record.last_success, record.last_error_at)
        if stamp
    )
    if not stamps:
        body = (
            "# Sources\n\nNo source has been fetched yet: this site's articles came from "
            "local files (`newsdigest add`). After `newsdigest fetch`, each source's last "
            "success, items and errors show here."
        )
    else:
        body = render_sources_status(health, stamps[-1])
    return page("Source status", "status", [body])


def escape_text(value: object) -> str:
    """Return remote text safe inside Markdown: HTML escaped, syntax characters neutralised."""
    text = " ".join(html.escape(str(value), quote=True).split())
    return "".join(f"&#{ord(c)};" if c in MARKDOWN_SPECIAL else c for c in text)


def _failing_for(record: Health, now: datetime) -> timedelta | None:
    """Return how long the source has been failing, or None when it is not failing."""
    if record.consecutive_failures == 0 or record.first_failure_at is None:
        return None
    return now - datetime.fromisoformat(record.first_failure_at)


def render_sources_status(health: Mapping[str, Health], now_iso: str) -> str:
    """Return the Markdown of the Sources status page, warning about long-failing sources."""
    now = datetime.fromisoformat(now_iso)
    lines = ["# Sources", ""]
    long_failing = [
        (name, record)
        for name, record in sorted(health.items())
        if (_failing_for(record, now) or timedelta()) > FAILING_NOTICE_AFTER
    ]
    if long_failing:
        lines += ['!!! warning "Sources failing for over a day"', ""]
        lines += [
            f"    - **{escape_text(name)}**: failing since "
            f"{escape_text(record.first_failure_at)} "
            f"({record.consecutive_failures} runs): {escape_text(record.last_error)}"
            for name, record in long_failing
        ]
        lines.append("")
    lines += [
        "| Source | Status | Last success | Items last run | Last error |",
        "|---|---|---|---|---|",
    ]
    for name, record in sorted(health.items()):
        status = f"failing ({record.consecutive_failures})" if record.consecutive_failures else "ok"
        error = (
            f"{escape_text(record.last_error_at)}: {escape_text(record.last_error)}"
            if record.last_error
            else ""
        )
        lines.append(
            f"| {escape_text(name)} | {status} | {escape_text(record.last_success or '')}"
            f" | {record.items_last_run} | {error} |"
        )
    return "\n".join(lines) + "\n"
