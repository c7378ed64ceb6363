"""SIGKILL at random (seeded) moments leaves no truncated file, and the next run completes.

Every file a killed run left in docs/ or data/ must be byte-identical to what an
uninterrupted run writes (atomic writes: old file or new file, never half of one), and the
run after the kill must finish and leave the same tree as an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile.project import REPO, add_articles, make_project, newsdigest
from hostile.strings import OWN_STRINGS

from generator.store.atomic import TEMP_PREFIX

TRIALS = 24  # half kill `add`, half kill `generate`
INBOX_RECORDS = 30


def inbox(folder: Path, count: int = INBOX_RECORDS) -> Path:
    """Write fictional scraper records (JSON) for `add` to ingest."""
    folder.mkdir(parents=True)
    for n in range(count):
        record = {
            "title": f"Harbour ferry timetable change number {n}",
            "url": f"https://wire.example/ferry/{n}",
            "published": f"2026-03-{1 + n % 28:02d}T08:{n % 60:02d}:00+08:00",
            "source": "Example Wire",
            "text": "\n\n".join(
                f"The ferry council said route {n} would run {k} extra "
                f"sailings each week from April."
                for k in range(6)
            ),
        }
        (folder / f"record-{n:03d}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def tree(root: Path) -> dict[str, bytes]:
    """Return relative path -> bytes of every file under `root`, lock file excepted."""
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "newsdigest.lock"
    }


def run_killed(root: Path, args: list[str], delay: float) -> None:
    """Start a run and SIGKILL it after `delay` seconds (or let it finish first)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--project", str(root), *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()


def check_no_truncation(left: dict[str, bytes], reference: dict[str, bytes]) -> None:
    """Every file present is a complete file of the reference run, or a stale temp file."""
    for rel, data in left.items():
        if rel.rsplit("/", 1)[-1].startswith(TEMP_PREFIX):
            continue
        if rel.endswith(".newsdigest-manifest.json"):
            json.loads(data)  # an older manifest may stand, but never half of one
            continue
        assert rel in reference and data == reference[rel], f"truncated or foreign: {rel}"


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Build the reference trees once: the store after `add`, docs/ after `generate`."""
    base = tmp_path_factory.mktemp("kill")
    records = inbox(base / "inbox")
    reference = make_project(base / "reference")
    assert newsdigest(reference, "add", str(records)).returncode == 0
    add_articles(reference, OWN_STRINGS[:20])
    started = time.monotonic()
    assert newsdigest(reference, "generate").returncode in (0, 1)
    duration = time.monotonic() - started
    return {"base": base, "records": records, "reference": reference, "duration": duration}


@pytest.mark.parametrize("trial", range(TRIALS))
def test_sigkill_leaves_no_truncated_file(projects: dict[str, object], trial: int) -> None:
    base, reference = Path(str(projects["base"])), Path(str(projects["reference"]))
    duration = float(str(projects["duration"]))
    delay = random.Random(trial).uniform(0.3, max(0.6, duration))
    root = base / f"trial-{trial}"
    shutil.rmtree(root, ignore_errors=True)
    make_project(root)
    if trial % 2 == 0:
        run_killed(root, ["add", str(projects["records"])], delay)
        check_no_truncation(tree(root / "data"), tree(reference / "data"))
        assert newsdigest(root, "add", str(projects["records"])).returncode == 0
        add_articles(root, OWN_STRINGS[:20])
    else:
        shutil.copytree(reference / "data", root / "data", dirs_exist_ok=True)
        run_killed(root, ["generate"], delay)
        check_no_truncation(tree(root / "docs"), tree(reference / "docs"))
    assert newsdigest(root, "generate").returncode in (0, 1)
    assert tree(root / "data") == tree(reference / "data")
    assert tree(root / "docs") == tree(reference / "docs")


MANY_RECORDS = 240


def stored_count(root: Path) -> int:
    """Return how many records the project's store holds."""
    return sum(1 for _ in (root / "data" / "articles").glob("*/*.json"))


def test_add_killed_half_way_keeps_every_finished_article(tmp_path: Path) -> None:
    """Each input is stored as soon as it is done: a kill loses only the one in progress."""
    records = inbox(tmp_path / "many", MANY_RECORDS)
    reference = make_project(tmp_path / "reference")
    assert newsdigest(reference, "add", str(records)).returncode == 0
    root = make_project(tmp_path / "killed")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--project", str(root), "add", str(records)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while (
        stored_count(root) < MANY_RECORDS // 3
        and time.monotonic() < deadline
        and process.poll() is None
    ):
        time.sleep(0.02)
    seen = stored_count(root)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    kept = stored_count(root)
    assert MANY_RECORDS // 3 <= seen <= kept < MANY_RECORDS  # killed half way, nothing lost
    check_no_truncation(tree(root / "data"), tree(reference / "data"))
    again = newsdigest(root, "add", str(records))
    assert again.returncode == 0
    assert f"added: {MANY_RECORDS - kept} new, {kept} already stored, 0 failed" in again.stdout
    assert tree(root / "data") == tree(reference / "data")
