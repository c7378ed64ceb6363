"""The summary rows `make eval` reports on are never the rows the weights were tuned on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
SHARED = TOOLS.parents[1] / "shared" / "eval-dev" / "summaries"

pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared absent")


@pytest.mark.parametrize("name", ["cnndm", "bbc"])
def test_reported_rows_are_not_tuning_rows(name: str) -> None:
    """Keep the held-out rows of each data set apart from every row tuning may see."""
    sys.path.insert(0, str(TOOLS))
    try:
        import eval as report  # noqa: PLC0415 - a script folder, not a package
        import tune_summary  # noqa: PLC0415
    finally:
        sys.path.remove(str(TOOLS))
    held_out = {row["id"] for row in report.held_out_rows()[name]}
    tuning = {row["id"] for row in tune_summary.tuning_rows(name, 10_000, 0)}
    assert held_out
    assert tuning
    assert not held_out & tuning
