"""Editors decide: a note's `story:` block merges stories, splits an article out, renames one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from projects import new_project, run_cli

from generator.errors import NoteError
from generator.model import Article, Published, StoryDecision
from generator.notes.parse import parse_note
from generator.notes.resolve import index_rows
from generator.notes.storynotes import story_decisions
from generator.stories.decide import as_shown, decide, split_id
from generator.stories.listing import Story, stories
from generator.stories.run import place
from generator.stories.state import StoryFile

GALE_A = (
    "Gale topples crane at Marrowby docks",
    "A gale toppled a 40-metre crane at Marrowby docks on Monday, the Ostmere Port "
    "Authority said. Harbourmaster Ansel Crewe said two dockers were hurt. Berths 4 and 5 "
    "stay shut while engineers from Halcott Lifting inspect the quay.",
)
GALE_B = (
    "Two dockers hurt as crane falls in Marrowby gale",
    "Harbourmaster Ansel Crewe said two dockers were hurt when the 40-metre crane fell at "
    "Marrowby docks in Monday's gale. The Ostmere Port Authority closed berths 4 and 5 and "
    "called in Halcott Lifting.",
)
FAIR = (
    "Tindle cheese fair returns to Old Quay",
    "The Tindle cheese fair returns to Old Quay on Saturday with 62 stalls, organiser "
    "Perpetua Vayne said. Entry stays free for children under 12.",
)


def article(article_id: str, title: str, text: str, source: str, day: int = 9) -> Article:
    """Return a stored-like article published on a day of March 2026."""
    stamp = f"2026-03-{day:02d}T09:00:00+00:00"
    return Article(
        id=article_id,
        title=title,
        text=text,
        source=source,
        url=f"https://news.example/{article_id}",
        published=Published(stamp, stamp[:19], "test"),
    )


ARTICLES = [
    article("aaaaaaaaaaa1", *GALE_A, "Ostmere Wire"),
    article("bbbbbbbbbbb2", *GALE_B, "Marrowby Echo"),
    article("ccccccccccc3", *FAIR, "Marrowby Echo"),
]


@pytest.fixture(name="state")
def fixture_state() -> StoryFile:
    return place(StoryFile(), ARTICLES)


def members(found: list[Story]) -> list[tuple[str, ...]]:
    """Return each story's article ids, sorted, stories sorted."""
    return sorted(tuple(sorted(a.id for a in s.articles)) for s in found)


def test_grouping_alone_puts_the_gale_reports_together(state: StoryFile) -> None:
    assert members(stories(state)) == [("aaaaaaaaaaa1", "bbbbbbbbbbb2"), ("ccccccccccc3",)]


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (
            StoryDecision("notes/m.md", merge=("ccccccccccc3", "aaaaaaaaaaa1")),
            [("aaaaaaaaaaa1", "bbbbbbbbbbb2", "ccccccccccc3")],
        ),
        (
            StoryDecision("notes/s.md", split=("bbbbbbbbbbb2",)),
            [("aaaaaaaaaaa1",), ("bbbbbbbbbbb2",), ("ccccccccccc3",)],
        ),
        (
            StoryDecision("notes/t.md", title="Crane <falls>", target="bbbbbbbbbbb2"),
            [("aaaaaaaaaaa1", "bbbbbbbbbbb2"), ("ccccccccccc3",)],
        ),
    ],
)
def test_decisions_never_lose_an_article(
    state: StoryFile, decision: StoryDecision, expected: list[tuple[str, ...]]
) -> None:
    found = decide(state, stories(state), [decision])
    assert members(found) == expected
    assert sum(len(s.articles) for s in found) == len(ARTICLES)
    assert decide(state, stories(state), [decision]) == found  # deterministic


def test_merge_keeps_the_first_named_story_and_says_why(state: StoryFile) -> None:
    before = {a.id: s.id for s in stories(state) for a in s.articles}
    found = decide(
        state, stories(state), [StoryDecision("notes/m.md", merge=("ccccccccccc3", "bbbbbbbbbbb2"))]
    )
    assert [s.id for s in found] == [before["ccccccccccc3"]]
    assert found[0].why[0] == "merged by an editor (notes/m.md)"


def test_split_gives_the_article_a_story_of_its_own(state: StoryFile) -> None:
    found = decide(state, stories(state), [StoryDecision("notes/s.md", split=("aaaaaaaaaaa1",))])
    alone = next(s for s in found if s.id == split_id("aaaaaaaaaaa1"))
    rest = next(s for s in found if any(a.id == "bbbbbbbbbbb2" for a in s.articles))
    assert alone.title == GALE_A[0] and rest.title == GALE_B[0]  # the headline left with it
    assert "split out by an editor (notes/s.md)" in rest.why[0]


def test_rename_changes_only_the_title(state: StoryFile) -> None:
    decision = StoryDecision("notes/t.md", title="Crane falls", target="aaaaaaaaaaa1")
    found = decide(state, stories(state), [decision])
    gale = next(s for s in found if len(s.articles) == 2)
    assert gale.title == "Crane falls"
    assert gale.why[0] == "headline by an editor (notes/t.md)"


NOTE = "---\ntitle: Fix\nstory:\n{body}---\nText.\n"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("  merge: [aaaaaaaaaaa1]\n", "4: story.merge: name two or more articles"),
        ("  join: [aaaaaaaaaaa1]\n", "4: story.join: unknown key"),
        ("  split: [not-an-article]\n", "4: story.split[0]: 'not-an-article' is not an article"),
        ("  - aaaaaaaaaaa1\n", "4: story: expected a mapping"),
    ],
)
def test_bad_story_blocks_are_errors_with_their_line(body: str, error: str) -> None:
    with pytest.raises(NoteError, match=error.replace("[", r"\[").replace("]", r"\]")):
        parse_note(NOTE.format(body=body), "notes/fix.md")


def test_unknown_reference_is_a_warning_with_file_and_line() -> None:
    note = parse_note(
        NOTE.format(body="  split:\n    - aaaaaaaaaaa1\n    - 0000000009ff\n"), "notes/fix.md"
    )
    index = index_rows([(a.id, a.url, f"articles/{a.id}.md") for a in ARTICLES])
    decisions, problems = story_decisions([note], index)
    assert decisions == (StoryDecision("notes/fix.md", split=("aaaaaaaaaaa1",)),)
    assert [p.line() for p in problems] == [
        "warning: docs/notes/fix.md:6: story.split[1]: no stored article matches "
        "'0000000009ff'; the rest of the story decision is kept"
    ]


def record(path: Path, art: Article) -> None:
    """Write an article as a scraper's JSON record."""
    assert art.published is not None
    path.write_text(
        json.dumps(
            {
                "title": art.title,
                "text": art.text,
                "url": art.url,
                "source": art.source,
                "published": art.published.iso,
            }
        ),
        encoding="utf-8",
    )


def listed(project: Path) -> list[dict[str, object]]:
    """Return `stories --format json` of a project."""
    result = run_cli("stories", "--format", "json", project=project)
    assert result.returncode == 0, result.stderr.decode()
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_a_decision_survives_later_adds_and_generate_names_bad_references(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i, art in enumerate(ARTICLES[:2]):
        record(inbox / f"{i}.json", art)
    assert run_cli("add", str(inbox), project=project).returncode == 0
    gale = listed(project)[0]
    ids = [a["id"] for a in gale["articles"]]  # type: ignore[index]
    notes = project / "docs" / "notes"
    notes.mkdir()
    (notes / "split.md").write_text(
        f"---\ntitle: Two events\nstory:\n  split:\n    - {ids[1]}\n    - 0000000009ff\n"
        "  title: Marrowby crane falls\n  merge:\n"
        f"    - {ids[0]}\n    - https://news.example/nothing-here\n---\nSplit.\n",
        encoding="utf-8",
    )
    late = article(
        "ddddddddddd4",
        GALE_B[0] + " (update)",
        GALE_B[1] + " Berth 4 reopened.",
        "Ostmere Wire",
        day=10,
    )
    record(inbox / "late.json", late)
    assert run_cli("add", str(inbox), project=project).returncode == 0
    found = listed(project)
    story_of = {a["id"]: s for s in found for a in s["articles"]}  # type: ignore[attr-defined]
    assert [a["id"] for a in story_of[ids[1]]["articles"]] == [ids[1]]
    assert story_of[ids[0]]["title"] == "Marrowby crane falls"
    assert len(story_of) == 3  # every article listed, none lost
    result = run_cli("generate", project=project)
    errors = result.stderr.decode()
    assert "docs/notes/split.md:6: story.split[1]: no stored article matches" in errors
    assert "docs/notes/split.md:10: story.merge[1]: no stored article matches" in errors
    index = (project / "docs" / "editors" / "index.md").read_text(encoding="utf-8")
    assert "Two events" in index and "Unattached notes" not in index  # it acts on stories


@pytest.mark.parametrize(
    ("decisions", "titles", "expected"),
    [
        ((), {}, GALE_A[0]),  # no override: the first article's own headline
        ((), {"aaaaaaaaaaa1": "Crane down at Marrowby"}, "Crane down at Marrowby"),
        (
            (StoryDecision("notes/t.md", title="Editors' headline", target="aaaaaaaaaaa1"),),
            {"aaaaaaaaaaa1": "Crane down at Marrowby"},
            "Editors' headline",
        ),
    ],
)
def test_story_is_headed_as_the_site_shows_it(
    state: StoryFile,
    decisions: tuple[StoryDecision, ...],
    titles: dict[str, str],
    expected: str,
) -> None:
    found = as_shown(decide(state, stories(state), decisions), titles)
    gale = next(s for s in found if len(s.articles) == 2)
    assert gale.articles[0].id == "aaaaaaaaaaa1"
    assert gale.title == expected


def test_a_hidden_article_never_heads_its_story(state: StoryFile) -> None:
    (gale,) = [
        s
        for s in stories(state, frozenset({"aaaaaaaaaaa1"}))
        if s.id != "x" and any(a.id == "bbbbbbbbbbb2" for a in s.articles)
    ]
    assert gale.title == GALE_B[0]
    assert all(a.id != "aaaaaaaaaaa1" for a in gale.articles)
