"""The story state kept in parts: one new article rewrites only its month and its story,
and the state read back is the state saved, byte for byte as a save from scratch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from generator.model import Article, Published
from generator.stories import state
from generator.stories.run import place
from generator.stories.state import StoryFile

# Fictional wire reports: two of one event in March, one in April, one undated.
REPORTS = {
    "aaaaaaaaaaa1": (
        "2026-03-10",
        "Ferrow lock shuts for repairs",
        "The Ferrow lock on the Tollbridge canal shut on Monday for six weeks of repairs, "
        "canal keeper Edda Varn said. Barges will wait at Quillmouth basin.",
    ),
    "bbbbbbbbbbb2": (
        "2026-03-11",
        "Barges wait as Ferrow lock closes",
        "Canal keeper Edda Varn said barges would wait at Quillmouth basin while the Ferrow "
        "lock on the Tollbridge canal stays shut for six weeks.",
    ),
    "ccccccccccc3": (
        "2026-04-02",
        "Orchard fair returns to Mossby",
        "The orchard fair returned to Mossby green on Saturday with 40 stalls, organiser "
        "Lun Petterk said.",
    ),
    "ddddddddddd4": (
        "",
        "Tide tables printed again",
        "The harbour office of Saltreach printed its tide tables again after a misprint.",
    ),
}
OLD = 10**18  # nanoseconds: a time no write of the test gives
NEW = (
    "eeeeeeeeeee5",
    "2026-04-03",
    "Mossby fair draws crowds",
    "Organiser Lun Petterk said 40 stalls filled Mossby green at the orchard fair, which "
    "drew crowds on Saturday.",
)


def report(article_id: str, day: str, title: str, text: str) -> Article:
    """Return a stored-like article, published at 09:00 UTC on `day` (or undated)."""
    stamp = f"{day}T09:00:00+00:00" if day else None
    return Article(
        id=article_id,
        title=title,
        text=text,
        url=f"https://wire.example/{article_id}",
        source="Wire",
        published=Published(stamp, stamp[:19], "test") if stamp else None,
        fetched_at=stamp,
    )


def first_state() -> StoryFile:
    """Return the state with the four reports placed."""
    return place(StoryFile(), [report(k, *v) for k, v in REPORTS.items()])


def files(root: Path) -> dict[str, bytes]:
    """Return the state folder's files with their bytes."""
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def test_saved_state_reads_back_the_same(tmp_path: Path) -> None:
    saved = first_state()
    state.save(tmp_path, saved)
    loaded = state.load(tmp_path)
    assert list(loaded.placed) == list(saved.placed)
    assert loaded.placed == saved.placed
    assert loaded.grouping.story_of == saved.grouping.story_of
    assert loaded.grouping.df == saved.grouping.df
    assert sorted(loaded.grouping.stories) == sorted(saved.grouping.stories)
    names = set(files(tmp_path / state.STATE_DIR))
    assert {"articles-2026-03.json", "articles-2026-04.json", "articles-undated.json"} <= names
    assert state.INDEX_NAME in names


def test_one_new_article_rewrites_only_the_parts_that_changed(tmp_path: Path) -> None:
    before = first_state()
    state.save(tmp_path, before, StoryFile())
    root = tmp_path / state.STATE_DIR
    loaded = state.load(tmp_path)
    after = place(loaded, [report(*NEW)])
    for path in root.iterdir():  # an unchanged part is not written: it keeps this old time
        os.utime(path, ns=(OLD, OLD))
    state.save(tmp_path, after, loaded)
    rewritten = {p.name for p in root.iterdir() if p.stat().st_mtime_ns != OLD}
    assert "articles-2026-04.json" in rewritten
    assert "articles-2026-03.json" not in rewritten
    assert "articles-undated.json" not in rewritten
    assert len([n for n in rewritten if n.startswith("stories-")]) <= 2  # its story, or two
    fresh = tmp_path / "fresh"
    state.save(fresh, after)  # from scratch
    assert files(root) == files(fresh / state.STATE_DIR)
    assert state.load(tmp_path).placed == after.placed


@pytest.mark.parametrize(
    "broken,old,new",
    [
        ("articles-2026-03.json", "Ferrow", "Ferrox"),  # a part changed after it was saved
        (state.INDEX_NAME, '"articles-2026-04.json":"', '"articles-2026-04.json":"0'),
    ],
)
def test_a_part_that_does_not_match_the_index_makes_the_state_stale(
    tmp_path: Path, broken: str, old: str, new: str
) -> None:
    state.save(tmp_path, first_state())
    assert state.load(tmp_path).placed
    path = tmp_path / state.STATE_DIR / broken
    path.write_text(path.read_text("utf-8").replace(old, new), encoding="utf-8")
    assert state.load(tmp_path).placed == {}


def test_an_older_state_in_one_file_is_rebuilt_and_removed(tmp_path: Path) -> None:
    legacy = tmp_path / state.LEGACY_NAME
    legacy.write_text(json.dumps({"version": "3", "articles": []}), encoding="utf-8")
    assert state.load(tmp_path).placed == {}
    assert not state.exists(tmp_path)
    state.save(tmp_path, first_state())
    assert state.exists(tmp_path) and not legacy.exists()


@pytest.mark.parametrize(
    "day,expected",
    [
        (None, "articles-undated.json"),
        (20522.4, "articles-2026-03.json"),  # 2026-03-10, 09:36 UTC
        (-719_530.0, "articles-undated.json"),  # before the year 1
        (2_932_897.0, "articles-undated.json"),  # after the year 9999
        (1e300, "articles-undated.json"),
    ],
)
def test_article_part_is_the_month_or_undated(day: float | None, expected: str) -> None:
    placed = state.Placed("aaaaaaaaaaa1", "T", None, None, None, day, (), (), "")
    assert state.article_part(placed) == expected
