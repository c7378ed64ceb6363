"""Golden article pages for the sample corpus: what a reader sees, reviewed as diffs.

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_golden_corpus.py`
and read the diff of tests/golden/corpus/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from projects import INBOX, REPO

from generator.config.load import load_config
from generator.extract import ExtractContext
from generator.ingest.inputs import read_input
from generator.ingest.run import Inputs, boilerplate_by_folder, process
from generator.placement import make_entry
from generator.render.article import render_article

GOLDEN = REPO / "tests" / "golden" / "corpus"
INPUTS = sorted(p for p in INBOX.iterdir() if p.is_file())


@pytest.fixture(scope="module")
def boilerplate() -> dict[str, frozenset[str]]:
    return boilerplate_by_folder(Inputs([str(p) for p in INPUTS], stdin=None))  # type: ignore[arg-type]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_article_page_matches_golden(path: Path, boilerplate: dict[str, frozenset[str]]) -> None:
    config = load_config(REPO)
    raw = read_input(str(path), stdin=None)  # type: ignore[arg-type]
    context = ExtractContext(boilerplate_lines=boilerplate.get(str(path.parent), frozenset()))
    article, analysis = process(raw, config, context)
    page = render_article(make_entry(article, analysis, config.site.timezone), {}, {})
    golden = GOLDEN / (path.stem + ".md")
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(page, encoding="utf-8")
    assert golden.exists(), f"no golden page: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert page == golden.read_text(encoding="utf-8")
