"""Build killers are isolated: reported with id and reason, left out, the others publish.
Also the run lock: a second run on the same checkout stops with a clear error."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from hostile.project import REPO, add_articles, make_project

from generator.config.load import load_config
from generator.errors import LockError
from generator.pipeline import publish_pages, render_pages
from generator.publish import quarantine as isolation
from generator.store.lock import exclusive_run, run_lock

KILLER_HOOK = Path(__file__).resolve().parent / "hostile" / "killer_hook.py"
GOOD = [f"Ordinary harbour report number {n}" for n in range(9)]


def renderer(root: Path) -> isolation.Renderer:
    """Return render(excluded) for a project: the pipeline's own, without writing."""
    config = load_config(root)
    return lambda excluded: render_pages(config, excluded)[0]


def publisher(root: Path) -> isolation.Publisher:
    """Return publish(pages): the pipeline's one writer into the project's docs/."""
    config = load_config(root)

    def publish(pages: Mapping[str, str]) -> None:
        publish_pages(config, pages)

    return publish


@pytest.mark.parametrize(
    "killers",
    [
        ("ARTICLE-KILLER in the title",),  # named by the build log
        ("LISTING-KILLER in the title",),  # shown on listings too: found by bisection
        ("ARTICLE-KILLER one", "LISTING-KILLER two"),
    ],
)
def test_build_killers_are_left_out_and_the_rest_publish(
    tmp_path: Path, killers: tuple[str, ...]
) -> None:
    root = make_project(tmp_path / "p", extra_hooks=[KILLER_HOOK])
    articles = add_articles(root, GOOD + list(killers))
    bad = {a.id for a in articles if "KILLER" in a.title}
    problems = isolation.build_isolated(isolation.Paths(root), renderer(root), publisher(root))
    assert {p.origin for p in problems} == bad
    assert all("breaks the build" in p.reason and "simulated" in p.reason for p in problems)
    built = {p.parent.name for p in (root / "site" / "articles").rglob("index.html")}
    assert {a.id for a in articles if any(a.id in name for name in built)} == {
        a.id for a in articles
    } - bad
    saved = json.loads((root / "data" / "state" / "quarantine.json").read_text("utf-8"))
    assert set(saved["articles"]) == bad
    again = isolation.build_isolated(isolation.Paths(root), renderer(root), publisher(root))
    assert {p.origin for p in again} == bad  # remembered: no second search


def test_a_failure_without_any_article_is_reported_not_hidden(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", extra_hooks=[KILLER_HOOK])
    (root / "docs" / "about.md").write_text("# About\n\nLISTING-KILLER\n", encoding="utf-8")
    add_articles(root, GOOD[:3])
    with pytest.raises(isolation.IsolationError, match="even without any article"):
        isolation.build_isolated(isolation.Paths(root), renderer(root), publisher(root))


@pytest.mark.parametrize(
    "log,expected",
    [
        (
            "INFO - x\nERROR - Error reading page 'articles/a.md':\nTraceback...\n"
            "RuntimeError: boom",
            ["id-a"],
        ),
        (
            "WARNING - Doc file 'articles/b.md' contains a link 'x', but the target is not found",
            ["id-b"],
        ),
        ("ERROR - Error reading page 'digest/2026-03-10.md':", []),
    ],
)
def test_log_names_the_culprit(log: str, expected: list[str]) -> None:
    pages = {"articles/a.md": "id-a", "articles/b.md": "id-b"}
    assert isolation.named_articles(log, pages) == expected


def test_bisection_finds_a_pair_that_only_fails_together() -> None:
    ids = [f"{n:02d}" for n in range(16)]

    def probe(excluded: frozenset[str]) -> str | None:
        return None if {"03", "11"} & excluded else "ValueError: the pair clashes"

    found = isolation.find_culprits(ids, "ValueError: the pair clashes", {}, probe)
    assert len(found) == 1 and set(found) <= {"03", "11"}


def test_second_run_stops_with_a_clear_error(tmp_path: Path) -> None:
    pattern = r"another newsdigest run holds the lock \(pid \d+\)"
    with run_lock(tmp_path), pytest.raises(LockError, match=pattern), run_lock(tmp_path):
        pass
    with run_lock(tmp_path):  # released on exit
        pass


def test_lock_is_held_across_processes_and_freed_when_the_holder_dies(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from generator.store.lock import run_lock\n"
            f"with run_lock(Path({str(tmp_path)!r})):\n print('held', flush=True); time.sleep(60)",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    with pytest.raises(LockError, match=f"pid {holder.pid}"), run_lock(tmp_path):
        pass
    holder.kill()
    holder.wait()
    holder.stdout.close()
    with run_lock(tmp_path):
        pass


def test_stale_temp_files_are_cleaned_under_the_lock(tmp_path: Path) -> None:
    stale = [tmp_path / "data" / "articles" / "ab" / ".nd-tmp-x1", tmp_path / "docs" / ".nd-tmp-y"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a fi")
    keep = tmp_path / "docs" / "about.md"
    keep.write_text("# About\n", encoding="utf-8")
    with exclusive_run(tmp_path) as removed:
        assert sorted(removed) == sorted(stale)
    assert not any(p.exists() for p in stale) and keep.exists()
