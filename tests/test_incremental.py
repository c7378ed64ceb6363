"""Incremental generate: an unchanged rerun writes nothing, one new article touches only the
pages whose text changes, analyses come from the cache, and the cache never changes output."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest
from projects import INBOX, new_project, run_cli, tree_bytes

import generator.render.pagetypes
import generator.store.index
from generator.config.load import load_config
from generator.config.settings import Paths
from generator.model import Analysis, Article
from generator.pipeline import generate
from generator.render import watchpages
from generator.store.cache import CACHE_NAME, Cache

NEW_RECORD = {
    "title": "Lindhaven ferry cooperative orders two electric harbour ferries",
    "url": "https://courier.example/news/lindhaven-electric-ferries",
    "published": "2026-03-10T09:15:00+00:00",
    "source": "Wessex Courier",
    "text": "\n\n".join(
        [
            "The Lindhaven Ferry Cooperative said on Tuesday it had ordered two electric harbour "
            "ferries from the Tarnmouth boatyard, the first of their kind on the estuary.",
            '"Our members asked for quieter crossings and cleaner air on the quay," said Mara '
            "Halloway, who chairs the cooperative.",
            "The ferries will cost 14 million crowns and are due to enter service in May 2027, "
            "replacing two diesel boats built in 1988.",
        ]
    ),
}


def mtimes(docs: Path) -> dict[str, int]:
    """Return every file under docs/ with its modification time in nanoseconds."""
    return {
        p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the sample corpus stored and generated once (the cache filled)."""
    root = new_project(tmp_path_factory.mktemp("incremental") / "project")
    assert run_cli("add", str(INBOX), project=root).returncode == 0
    generate(load_config(root))
    return root


@pytest.fixture()
def project(stored: Path, tmp_path: Path) -> Path:
    """A private copy of the generated project, cache included."""
    return Path(shutil.copytree(stored, tmp_path / "copy", symlinks=True))


def add_new_article(root: Path) -> None:
    """Store one new (fictional) scraper record through the command line."""
    inbox = root.parent / "new-inbox"
    inbox.mkdir(exist_ok=True)
    (inbox / "lindhaven.json").write_text(json.dumps(NEW_RECORD), encoding="utf-8")
    result = run_cli("add", str(inbox), project=root)
    assert result.returncode == 0, result.stderr


def regenerated(project: Path, tmp_path: Path, keep_cache: bool) -> dict[str, bytes]:
    """Return docs/ as a copy of the project generates it with no generated page left."""
    fresh = Path(shutil.copytree(project, tmp_path / "fresh"))
    if not keep_cache:
        shutil.rmtree(Paths(fresh).cache)
    for rel in [r for r in (fresh / "docs").rglob("*") if r.is_file()]:
        if rel.name != "about.md" and "notes" not in rel.parts:
            rel.unlink()
    generate(load_config(fresh))
    return tree_bytes(fresh / "docs")


@pytest.mark.parametrize("runs", [1, 3])
def test_unchanged_rerun_writes_no_file(project: Path, runs: int) -> None:
    docs, cache = project / "docs", Paths(project).cache / CACHE_NAME
    before, cache_before = mtimes(docs), cache.stat().st_mtime_ns
    for _ in range(runs):
        report, problems = generate(load_config(project))
        assert report.written == () and report.removed == ()
        assert [p for p in problems if p.level == "error"] == []
    assert mtimes(docs) == before
    assert cache.stat().st_mtime_ns == cache_before


def test_new_article_touches_exactly_the_pages_whose_text_changes(
    project: Path, tmp_path: Path
) -> None:
    docs = project / "docs"
    old_text, before = tree_bytes(docs), mtimes(docs)
    add_new_article(project)
    report, _ = generate(load_config(project))
    after = mtimes(docs)
    touched = {rel for rel in after if before.get(rel) != after[rel]}
    changed = {rel for rel, data in tree_bytes(docs).items() if old_text.get(rel) != data}
    assert touched == changed
    assert set(report.written) | {".newsdigest-manifest.json"} == changed
    new_page = [rel for rel in changed if rel.startswith("articles/") and rel not in old_text]
    assert len(new_page) == 1
    for expected in ("index.md", "digest/2026-03-10.md", "rss.xml", "feed.json"):
        assert expected in changed
    untouched_articles = [r for r in old_text if r.startswith("articles/") and r not in changed]
    assert len(untouched_articles) >= len([r for r in old_text if r.startswith("articles/")]) - 6


@pytest.mark.parametrize("with_cache", [True, False])
def test_output_is_the_same_with_or_without_the_cache(
    project: Path, tmp_path: Path, with_cache: bool
) -> None:
    add_new_article(project)
    generate(load_config(project))
    assert regenerated(project, tmp_path, keep_cache=with_cache) == tree_bytes(project / "docs")


def test_unchanged_archive_does_no_analysis(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(article: Article, settings: object) -> Analysis:
        raise AssertionError(f"analysed {article.id} again")

    monkeypatch.setattr(generator.store.index, "analyse", refuse)
    (project / "docs" / "index.md").unlink()  # re-rendering the home page needs no analysis
    report, _ = generate(load_config(project))
    assert report.written == ("index.md",)


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100])
def test_damaged_cache_is_rebuilt(project: Path, damage: bytes) -> None:
    before = tree_bytes(project / "docs")
    (Paths(project).cache / CACHE_NAME).write_bytes(damage)
    report, problems = generate(load_config(project))
    assert report.written == () and not [p for p in problems if p.level == "error"]
    assert tree_bytes(project / "docs") == before


def test_hand_edited_page_is_still_kept_when_its_stamp_is_stale(project: Path) -> None:
    docs = project / "docs"
    page = sorted((docs / "articles").rglob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8") + "\nAn editor's line.\n", encoding="utf-8")
    report, problems = generate(load_config(project))
    assert "An editor's line." in page.read_text(encoding="utf-8")
    assert any(p.origin == str(page) and "edited by hand" in p.reason for p in problems)
    assert page.relative_to(docs).as_posix() not in report.written


def test_changed_time_zone_re_places_every_article(project: Path, tmp_path: Path) -> None:
    config_file = project / "newsdigest.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "timezone: Europe/London" in text
    config_file.write_text(
        text.replace("timezone: Europe/London", "timezone: Pacific/Auckland"), encoding="utf-8"
    )
    generate(load_config(project))  # the cached placements were made for London
    assert regenerated(project, tmp_path, keep_cache=False) == tree_bytes(project / "docs")


def test_added_article_is_not_analysed_again_by_generate(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_new_article(project)  # `newsdigest add` analyses it once and caches the result

    def refuse(article: Article, settings: object) -> Analysis:
        raise AssertionError(f"analysed {article.id} again")

    monkeypatch.setattr(generator.store.index, "analyse", refuse)
    report, problems = generate(load_config(project))
    assert [p for p in problems if p.level == "error"] == []
    assert any(rel.startswith("articles/") for rel in report.written)


def test_fresh_checkout_re_renders_and_re_reads_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new clone (as in CI) gives every file a new mtime: contents decide, not stats."""
    checkout = time.time_ns() - 3_600 * 10**9  # an hour ago: unlike any mtime the run sets
    for folder in (project / "data", project / "docs"):
        for path in [p for p in folder.rglob("*") if p.is_file()]:
            os.utime(path, ns=(checkout, checkout))

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError("re-rendered or re-read after a checkout")

    monkeypatch.setattr(generator.store.index, "analyse", refuse)
    monkeypatch.setattr(generator.store.index.Store, "load_bytes", refuse)
    for page_type in (*page_types(generator.render.pagetypes), *page_types(watchpages)):
        monkeypatch.setattr(page_type, "render", refuse)
    docs = project / "docs"
    before = mtimes(docs)
    report, problems = generate(load_config(project))
    assert report.written == () and [p for p in problems if p.level == "error"] == []
    assert mtimes(docs) == before
    with Cache(Paths(project).cache) as cache:
        stamps = cache.stamps()
    assert stamps and all(
        s.mtime_ns == (docs / rel).stat().st_mtime_ns for rel, s in stamps.items()
    )  # the next run decides by stat again


def page_types(module: object) -> list[type]:
    """Return the page types (frozen values with a `render`) a render module defines."""
    return [
        kind
        for kind in vars(module).values()
        if isinstance(kind, type) and dataclasses.is_dataclass(kind) and hasattr(kind, "render")
    ]


def placement_dropped(light: bytes) -> bytes:
    """Return a well-formed light row whose placement is damaged (an empty tuple)."""
    return marshal.dumps((*marshal.loads(light)[:-1], ()))


@pytest.mark.parametrize("light", ['{"article": {}}', b"\x00damaged", b"", placement_dropped])
def test_index_rows_of_another_layout_are_rebuilt_without_analysing(
    project: Path, monkeypatch: pytest.MonkeyPatch, light: str | bytes | Callable[[bytes], bytes]
) -> None:
    """Rows written by an older version (JSON text) or damaged ones: the record is read again,
    its analysis still comes from the cache, and the site is the same."""
    with Cache(Paths(project).cache) as cache:
        if callable(light):
            rows = [(light(row.light), row.id) for row in cache.records().values()]
            cache.db.executemany("UPDATE records SET light = ? WHERE id = ?", rows)
        else:
            cache.db.execute("UPDATE records SET light = ?", (light,))

    def refuse(article: Article, settings: object) -> Analysis:
        raise AssertionError(f"analysed {article.id} again")

    monkeypatch.setattr(generator.store.index, "analyse", refuse)
    before = tree_bytes(project / "docs")
    report, problems = generate(load_config(project))
    assert report.written == () and [p for p in problems if p.level == "error"] == []
    assert tree_bytes(project / "docs") == before
    with Cache(Paths(project).cache) as cache:
        assert all(isinstance(row.light, bytes) and row.light for row in cache.records().values())


def test_checkout_older_than_the_cache_is_brought_up_to_date(project: Path, tmp_path: Path) -> None:
    """The publish workflow restores the newest cache, which may come from a run whose push
    failed: its stamps then describe pages newer than the checked-out ones."""
    docs = project / "docs"
    old_docs = Path(shutil.copytree(docs, tmp_path / "old-docs"))
    add_new_article(project)
    generate(load_config(project))  # the cache now stamps the newer pages
    shutil.rmtree(docs)
    shutil.copytree(old_docs, docs, copy_function=shutil.copy)  # new mtimes, older contents
    generate(load_config(project))
    assert tree_bytes(docs) == regenerated(project, tmp_path, keep_cache=False)
