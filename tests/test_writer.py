"""The one writer: it never touches an editor's file and never loses a hand edit."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.publish.writer import (
    MANIFEST_NAME,
    is_generated_path,
    load_manifest,
    write_pages,
)
from generator.store.atomic import TEMP_PREFIX, write_files

FOLDERS = ("articles", "digest", "tags")
FILES = ("index.md",)


def checksums(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    "path,expected",
    [
        ("index.md", True),
        ("articles/2026/03/x.md", True),
        ("digest/2026-03-10.md", True),
        ("about.md", False),
        ("notes/pick.md", False),
        ("articles", False),
        ("../etc/passwd", False),
        ("articles/../about.md", False),
        ("/articles/x.md", False),
        ("articles/.hidden.md", False),
        ("tagsx/a.md", False),
        ("articles//x.md", False),
        ("articles/./x.md", False),
        ("articles/x/", False),
        ("", False),
    ],
)
def test_generated_territory(path: str, expected: bool) -> None:
    assert is_generated_path(path, FOLDERS, FILES) is expected


def test_writes_then_skips_unchanged(tmp_path: Path) -> None:
    pages = {"index.md": "home\n", "articles/a.md": "A\n"}
    first = write_pages(tmp_path, pages, FOLDERS, FILES)
    assert first.written == ("articles/a.md", "index.md")
    mtime = (tmp_path / "articles/a.md").stat().st_mtime_ns
    second = write_pages(tmp_path, pages, FOLDERS, FILES)
    assert second.written == () and second.unchanged == 2
    assert (tmp_path / "articles/a.md").stat().st_mtime_ns == mtime
    assert set(load_manifest(tmp_path)) == {"index.md", "articles/a.md"}


def test_editor_files_are_never_touched(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "pick.md").write_text("---\narticles: [x]\n---\nMine.\n")
    (tmp_path / "about.md").write_text("About us\n")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "editor-made.md").write_text("an editor wrote this\n")
    before = checksums(tmp_path)
    pages = {
        "articles/editor-made.md": "generated\n",
        "about.md": "overwrite?\n",
        "notes/pick.md": "overwrite?\n",
        "index.md": "home\n",
    }
    report = write_pages(tmp_path, pages, FOLDERS, FILES)
    after = checksums(tmp_path)
    for name in ("notes/pick.md", "about.md", "articles/editor-made.md"):
        assert after[name] == before[name]
    reasons = {
        p.origin.split(str(tmp_path))[-1].lstrip("/") or p.origin: p.reason for p in report.problems
    }
    assert "editor's file" in reasons["articles/editor-made.md"]
    assert "outside the generated folders" in reasons["about.md"]
    assert "outside the generated folders" in reasons["notes/pick.md"]


def test_hand_edit_is_kept_and_reported(tmp_path: Path) -> None:
    write_pages(tmp_path, {"articles/a.md": "A\n", "articles/b.md": "B\n"}, FOLDERS, FILES)
    (tmp_path / "articles/a.md").write_text("A, corrected by hand\n")
    report = write_pages(tmp_path, {"articles/a.md": "A2\n"}, FOLDERS, FILES)
    assert (tmp_path / "articles/a.md").read_text() == "A, corrected by hand\n"
    assert not (tmp_path / "articles/b.md").exists()  # generated and unedited: removed
    assert report.removed == ("articles/b.md",)
    assert any("edited by hand" in p.reason for p in report.problems)
    # still kept on the next run, and still reported
    again = write_pages(tmp_path, {"articles/a.md": "A2\n"}, FOLDERS, FILES)
    assert any("edited by hand" in p.reason for p in again.problems)


def test_manifest_is_a_dotfile_mkdocs_ignores() -> None:
    assert MANIFEST_NAME.startswith(".")


def test_run_killed_after_writing_keeps_its_files_as_generated(tmp_path: Path) -> None:
    """Files a killed run wrote before its final manifest are still the generator's own."""
    write_pages(tmp_path, {"articles/a.md": "A\n"}, FOLDERS, FILES)
    manifest = tmp_path / MANIFEST_NAME
    before_kill = manifest.read_bytes()
    write_pages(tmp_path, {"articles/a.md": "A2\n", "articles/b.md": "B\n"}, FOLDERS, FILES)
    manifest.write_bytes(
        before_kill.replace(
            b'"files"',
            b'"pending": {"articles/a.md": "'
            + hashlib.sha256(b"A2\n").hexdigest().encode()
            + b'", "articles/b.md": "'
            + hashlib.sha256(b"B\n").hexdigest().encode()
            + b'"},\n "files"',
        )
    )
    report = write_pages(
        tmp_path, {"articles/a.md": "A3\n", "articles/b.md": "B3\n"}, FOLDERS, FILES
    )
    assert report.problems == ()
    assert (tmp_path / "articles/b.md").read_text() == "B3\n"
    assert (tmp_path / "articles/a.md").read_text() == "A3\n"
    assert "pending" not in manifest.read_text()


def test_unchanged_run_writes_nothing_not_even_the_manifest(tmp_path: Path) -> None:
    pages = {"index.md": "home\n", "articles/a.md": "A\n"}
    write_pages(tmp_path, pages, FOLDERS, FILES)
    stamps = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    write_pages(tmp_path, pages, FOLDERS, FILES)
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == stamps


def test_batched_write_leaves_no_temp_file_when_a_rename_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "sub" / "b.md"
    (blocker / "inside").mkdir(parents=True)  # a non-empty folder cannot be replaced by a file
    files = [
        (tmp_path / "a.md", b"first"),
        (blocker, b"second"),
        (tmp_path / "sub" / "c.md", b"third"),
    ]
    with pytest.raises(OSError):
        write_files(files)
    assert (tmp_path / "a.md").read_bytes() == b"first"  # renamed before the failure
    assert not (tmp_path / "sub" / "c.md").exists()
    assert [p for p in tmp_path.rglob("*") if p.name.startswith(TEMP_PREFIX)] == []
    write_files([(tmp_path / "a.md", b"again"), (tmp_path / "sub" / "c.md", b"third")])
    assert (tmp_path / "a.md").read_bytes() == b"again"
    assert (tmp_path / "sub" / "c.md").read_bytes() == b"third"


def test_manifest_lists_one_file_per_line(tmp_path: Path) -> None:
    """The manifest is committed with docs/: one line a file keeps its diffs readable."""
    pages = {"index.md": "home\n", "articles/a.md": "A\n", "tags/t.md": "T\n"}
    write_pages(tmp_path, pages, FOLDERS, FILES)
    lines = (tmp_path / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    assert [line.split('"')[1] for line in lines if line.startswith("  ")] == sorted(pages)
    assert load_manifest(tmp_path).keys() == pages.keys()
