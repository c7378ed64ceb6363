"""Golden story pages of the demo corpus: a story page, the story-first home page and an
article's related coverage, as `generate` writes them from examples/inbox.

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_golden_stories.py`
and read the diff of tests/golden/stories/ as a reader would before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from projects import INBOX, REPO, new_project, run_cli

GOLDEN = REPO / "tests" / "golden" / "stories"
# The River Wend flood: told by three sources over two days, with an early and a later count.
FLOOD_ARTICLE = "*-dorminster-clean-up-begins-as-flood-count-rises.md"


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return docs/ of a project generated from the demo inbox (no notes)."""
    project = new_project(tmp_path_factory.mktemp("stories"))
    for args in (("add", str(INBOX)), ("generate",)):
        result = run_cli(*args, project=project)
        assert result.returncode == 0, result.stderr.decode()
    return project / "docs"


def flood_article(docs: Path) -> Path:
    """Return the page of the flood story's second report."""
    (found,) = docs.glob(f"articles/*/*/{FLOOD_ARTICLE}")
    return found


def flood_story(docs: Path) -> Path:
    """Return the story page the flood article links as its whole story."""
    text = flood_article(docs).read_text(encoding="utf-8")
    (found,) = [
        p
        for p in sorted(docs.glob("stories/*.md"))
        if f"/{flood_article(docs).stem}/" in p.read_text(encoding="utf-8")
    ]
    assert f"stories/{found.stem}/" in text
    return found


@pytest.mark.parametrize(
    ("name", "locate"),
    [
        ("story-river-wend.md", flood_story),
        ("home.md", lambda docs: docs / "index.md"),
        ("related-river-wend.md", flood_article),
    ],
)
def test_story_pages_match_golden(docs: Path, name: str, locate: object) -> None:
    assert callable(locate)
    page = locate(docs).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(page, encoding="utf-8")
    assert golden.exists(), f"no golden page: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert page == golden.read_text(encoding="utf-8")
