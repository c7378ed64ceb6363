"""Helpers that set up throw-away newsdigest projects for end-to-end tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
INBOX = REPO / "examples" / "inbox"
EXAMPLE_NOTES = REPO / "examples" / "notes"


def new_project(root: Path, with_config: bool = True) -> Path:
    """Copy the site configuration (not the data) of this repo into `root`."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if with_config:
        shutil.copy(REPO / "newsdigest.yml", root / "newsdigest.yml")
    shutil.copytree(REPO / "generator" / "theme", root / "generator" / "theme")
    (root / "generator" / "publish").mkdir(exist_ok=True)
    hooks = REPO / "generator" / "publish" / "hooks.py"
    if hooks.exists():
        shutil.copy(hooks, root / "generator" / "publish" / "hooks.py")
    (root / "docs").mkdir(exist_ok=True)
    shutil.copy(REPO / "docs" / "about.md", root / "docs" / "about.md")
    return root


def run_cli(
    *args: str,
    project: Path | None = None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m generator` as a user would, returning its completed process."""
    command = [sys.executable, "-m", "generator"]
    if project is not None:
        command += ["--project", str(project)]
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Return every file under `root` with its bytes, for byte-for-byte comparisons."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def demo_project(root: Path) -> Path:
    """Make what `make demo` makes, in `root`: the sample inbox, the example notes, site/."""
    new_project(root)
    notes = root / "docs" / "notes"
    notes.mkdir(parents=True, exist_ok=True)
    for note in sorted(EXAMPLE_NOTES.glob("*.md")):
        shutil.copy(note, notes / note.name)
    for args in (("add", str(INBOX)), ("build",)):
        result = run_cli(*args, project=root)
        if result.returncode != 0:
            raise RuntimeError(
                f"newsdigest {' '.join(args)} failed:\n"
                f"{result.stdout.decode()}\n{result.stderr.decode()}"
            )
    return root
