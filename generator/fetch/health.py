"""Keep each source's health between runs and render the "Sources" status page from it."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from generator.fetch.report import FetchReport, SourceReport
from generator.fetch.state import HEALTH_FILE, load_json, write_json_atomic

FAILING_NOTICE_AFTER = timedelta(days=1)
# Characters Markdown may read as syntax mid-line; written as numeric references instead.
MARKDOWN_SPECIAL = "\\`*_{}[]()#!|~>"


@dataclass(frozen=True)
class Health:
    """How a source has been doing across runs."""

    last_success: str | None = None  # ISO time of the last run without a source error
    last_error: str | None = None
    last_error_at: str | None = None
    consecutive_failures: int = 0
    first_failure_at: str | None = None  # start of the current run of failures
    items_last_run: int = 0


def _failing(report: SourceReport) -> bool:
    """Return True when the run got nothing from the source because of an error."""
    return report.error is not None or (bool(report.failures) and report.new + report.unchanged
                                        == 0)


def _reason(report: SourceReport) -> str:
    """Return the error that best explains a failing run."""
    return report.error or (report.failures[0].reason if report.failures else "")


def update_health(
    health: Mapping[str, Health], report: FetchReport, now_iso: str
) -> dict[str, Health]:
    """Return the health records after a run (sources not fetched this run keep theirs)."""
    updated = dict(health)
    for source in report.sources:
        old = health.get(source.name, Health())
        if source.deferred and not source.items:
            continue
        if _failing(source):
            updated[source.name] = replace(
                old, last_error=_reason(source), last_error_at=now_iso,
                consecutive_failures=old.consecutive_failures + 1,
                first_failure_at=old.first_failure_at or now_iso, items_last_run=source.items)
        else:
            updated[source.name] = replace(
                old, last_success=now_iso, consecutive_failures=0, first_failure_at=None,
                items_last_run=source.items)
    return updated


def load_health(state_dir: Path) -> dict[str, Health]:
    """Return the health records kept in state_dir/health.json."""
    data = load_json(state_dir / HEALTH_FILE)
    fields = set(Health.__dataclass_fields__)
    return {name: Health(**{k: v for k, v in record.items() if k in fields})
            for name, record in data.items() if isinstance(record, dict)}


def save_health(state_dir: Path, health: Mapping[str, Health]) -> None:
    """Write the health records atomically."""
    write_json_atomic(state_dir / HEALTH_FILE, {n: asdict(h) for n, h in sorted(health.items())})


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
    long_failing = [(name, record) for name, record in sorted(health.items())
                    if (_failing_for(record, now) or timedelta()) > FAILING_NOTICE_AFTER]
    if long_failing:
        lines += ['!!! warning "Sources failing for over a day"', ""]
        lines += [f"    - **{escape_text(name)}**: failing since "
                  f"{escape_text(record.first_failure_at)} "
                  f"({record.consecutive_failures} runs): {escape_text(record.last_error)}"
                  for name, record in long_failing]
        lines.append("")
    lines += ["| Source | Status | Last success | Items last run | Last error |",
              "|---|---|---|---|---|"]
    for name, record in sorted(health.items()):
        status = f"failing ({record.consecutive_failures})" if record.consecutive_failures \
            else "ok"
        error = f"{escape_text(record.last_error_at)}: {escape_text(record.last_error)}" \
            if record.last_error else ""
        lines.append(f"| {escape_text(name)} | {status} | {escape_text(record.last_success or '')}"
                     f" | {record.items_last_run} | {error} |")
    return "\n".join(lines) + "\n"
