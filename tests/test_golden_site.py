"""Whole-site golden: every generated file of the sample corpus, reviewed as diffs (Pelican's
functional test). The project is made as a user makes it: the sample inbox `add`ed and the
example notes copied into docs/notes/, then `generate`, each through the command line.

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_golden_site.py`
and read the diff of tests/golden/site/ before committing it. Nothing is masked: the output
is deterministic, so any difference is a change of the site.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from projects import EXAMPLE_NOTES, INBOX, REPO, new_project, run_cli

GOLDEN = REPO / "tests" / "golden" / "site"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
DIFF_LINES = 60  # enough of a diff to read the change, not a whole page


def _inputs() -> set[str]:
    """Return the docs files the editors wrote: inputs of the run, not its output."""
    return {"about.md", *(f"notes/{p.name}" for p in EXAMPLE_NOTES.glob("*.md"))}


def _generated(docs: Path) -> dict[str, bytes]:
    """Return docs-relative path -> bytes of every file the run generated."""
    inputs = _inputs()
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and p.relative_to(docs).as_posix() not in inputs
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Return the generated docs/ of the sample corpus, made by the command line."""
    root = new_project(tmp_path_factory.mktemp("golden-site"))
    notes = root / "docs" / "notes"
    notes.mkdir(parents=True, exist_ok=True)
    for note in sorted(EXAMPLE_NOTES.glob("*.md")):
        shutil.copy(note, notes / note.name)
    for args in (("add", str(INBOX)), ("generate",)):
        result = run_cli(*args, project=root)
        assert result.returncode == 0, result.stderr.decode()
    generated = _generated(root / "docs")
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in generated.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    return generated


def _golden() -> dict[str, bytes]:
    """Return golden path -> bytes (empty before the first UPDATE_GOLDEN run)."""
    if not GOLDEN.exists():
        return {}
    return {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes()
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }


def _diff(name: str, want: bytes, got: bytes) -> str:
    """Return the first lines of a unified diff of two versions of a generated file."""
    lines = difflib.unified_diff(
        want.decode("utf-8").splitlines(),
        got.decode("utf-8").splitlines(),
        f"golden/{name}",
        f"generated/{name}",
        lineterm="",
    )
    shown = list(lines)
    more = f"\n… {len(shown) - DIFF_LINES} more lines" if len(shown) > DIFF_LINES else ""
    return "\n".join(shown[:DIFF_LINES]) + more


def test_site_has_the_golden_files(site: dict[str, bytes]) -> None:
    """The run generates exactly the golden files: none missing, none extra."""
    golden = set(_golden())
    assert golden, f"no golden site: run UPDATE_GOLDEN=1 pytest {__file__}"
    missing, extra = sorted(golden - set(site)), sorted(set(site) - golden)
    assert (missing, extra) == ([], []), f"missing: {missing}\nextra: {extra}"


def test_site_covers_every_page_type(site: dict[str, bytes]) -> None:
    """The corpus reaches every kind of generated page, so the golden guards them all."""
    folders = {name.split("/")[0] for name in site if "/" in name}
    assert {"articles", "stories", "digest", "tags", "sources", "archive", "editors"} <= folders
    assert {"index.md", "rss.xml", "feed.json", "digests.xml", "digests.json", "feeds.opml"} <= set(
        site
    )


@pytest.mark.parametrize("name", sorted(_golden()))
def test_generated_file_matches_golden(name: str, site: dict[str, bytes]) -> None:
    """Each generated file is byte for byte its golden copy; a failure shows the diff."""
    want = (GOLDEN / name).read_bytes()
    got = site.get(name)
    assert got is not None, f"{name} is no longer generated"
    assert got == want, _diff(name, want, got)
