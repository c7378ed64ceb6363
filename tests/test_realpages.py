"""Real pages never raise: a fixed sample of ../shared/eval-dev through show's whole path.

Extract, analyse, the JSON record and the article page, in a process pool; a clean error
(a NewsdigestError with its reason) is fine, an exception is a bug. The whole set (about
2,000 pages) is `make test-realpages`; this sample keeps `make test` within CI's time.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import realpages

SAMPLE = 60

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not realpages.SHARED.is_dir(), reason="../shared absent"),
]


def test_sample_covers_every_kind_of_real_page() -> None:
    chosen = realpages.sample(realpages.real_pages(), SAMPLE)
    assert len(chosen) == SAMPLE
    for folder in ("extraction", "dates", "badinput"):
        assert any(folder in p.parts for p in chosen), folder


def test_real_pages_through_show_raise_nothing() -> None:
    counts = realpages.sweep(realpages.sample(realpages.real_pages(), SAMPLE), jobs=2)
    assert counts["exceptions"] == {}
    assert counts["ok"] > SAMPLE // 2  # most real pages are articles
