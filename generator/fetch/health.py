"""Keep each source's health between runs (generator.render.status shows it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, replace
from pathlib import Path

from generator.fetch.report import FetchReport, SourceReport
from generator.fetch.state import HEALTH_FILE, load_json, write_json_atomic
from generator.model import Health


def _failing(report: SourceReport) -> bool:
    """Return True when the run got nothing from the source because of an error."""
    return report.error is not None or (
        bool(report.failures) and report.new + report.unchanged == 0
    )


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
                old,
                last_error=_reason(source),
                last_error_at=now_iso,
                consecutive_failures=old.consecutive_failures + 1,
                first_failure_at=old.first_failure_at or now_iso,
                items_last_run=source.items,
            )
        else:
            updated[source.name] = replace(
                old,
                last_success=now_iso,
                consecutive_failures=0,
                first_failure_at=None,
                items_last_run=source.items,
            )
    return updated


def load_health(state_dir: Path) -> dict[str, Health]:
    """Return the health records kept in state_dir/health.json."""
    data = load_json(state_dir / HEALTH_FILE)
    fields = set(Health.__dataclass_fields__)
    return {
        name: Health(**{k: v for k, v in record.items() if k in fields})
        for name, record in data.items()
        if isinstance(record, dict)
    }


def save_health(state_dir: Path, health: Mapping[str, Health]) -> None:
    """Write the health records atomically."""
    write_json_atomic(state_dir / HEALTH_FILE, {n: asdict(h) for n, h in sorted(health.items())})
