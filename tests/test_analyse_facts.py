"""Table-driven tests of the fact box: no repeats, no enumerations or name fragments, safe dates."""

from __future__ import annotations

import pytest

from generator.analyse import AnalysisSettings, analyse
from generator.analyse.cjkfacts import figures as cjk_figures
from generator.analyse.cjkfacts import organizations
from generator.analyse.facts import select
from generator.model import Article, Fact, FactKind, Published


def box(
    text: str, published: str = "2026-03-12T09:00:00+00:00", language: str = "en"
) -> list[Fact]:
    """Return the fact box of a fictional article."""
    stamp = Published(published, published[:19], "test")
    article = Article(id="t", title="A test", text=text, published=stamp, language=language)
    return list(analyse(article, AnalysisSettings()).facts)


def fact(kind: FactKind, text: str) -> Fact:
    """Return a fact backed by a made-up sentence."""
    return Fact(kind, text, f"Evidence for {text}.", 0)


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        (
            [fact("place", "Lisbon"), fact("place", "Lisbon")],
            [fact("place", "Lisbon")],
        ),
        (
            [fact("organization", "Harbour Trust"), fact("organization", "Kestrel Harbour Trust")],
            [fact("organization", "Kestrel Harbour Trust")],
        ),
        (
            [fact("organization", "Tidewater Board (TB)"), fact("organization", "tidewater board")],
            [fact("organization", "Tidewater Board (TB)")],
        ),
        (
            [fact("person", "Ines Morrow"), fact("organization", "Ines Morrow Foundation")],
            [fact("person", "Ines Morrow"), fact("organization", "Ines Morrow Foundation")],
        ),
    ],
)
def test_select_repeats_nothing(candidates: list[Fact], expected: list[Fact]) -> None:
    """A fact repeating one of its kind is left out, or takes its place when it is fuller."""
    streams = {
        kind: [c for c in candidates if c.kind == kind]
        for kind in ("figure", "date", "quote", "person", "organization", "place")
    }
    assert list(select(streams, 8)) == expected  # type: ignore[arg-type]


GROUPS = (
    "The draw put the Kestrel Rovers in Group A and the Tidewater Wanderers in Group B. "
    + " ".join(f"Group {c} meets on the north pitch." for c in "CDEFGHI")
    + " The Harbour Football Association runs the cup."
)


@pytest.mark.parametrize(
    ("text", "kind", "not_shown"),
    [
        (GROUPS, "organization", "Group"),
        (
            "New ferries arrive in May. The Stourhaven Lifeboat Association bought two. "
            "New crews train at the pier.",
            "place",
            "New",
        ),
        (
            "The Food and Forestry Organisation (FFO) warned of a poor harvest. "
            "The Food and Forestry Organisation said stocks were low.",
            "organization",
            "Forestry Organisation",
        ),
        (
            "She opened a wing of Brackwater College of Further and Higher Education. "
            "The Brackwater College of Further and Higher Education paid for it.",
            "organization",
            "Brackwater College of Further",
        ),
        (
            "Family-owned Kestrel Holdings Group bought two ferries. "
            "Kestrel Holdings Group runs them.",
            "organization",
            "Family-owned Kestrel Holdings Group",
        ),
        (
            "Veteran actor George Washington Carver said the play would tour. "
            "Carver said he was delighted.",
            "place",
            "Washington",
        ),
    ],
)
def test_no_enumerations_or_fragments(text: str, kind: str, not_shown: str) -> None:
    """Never show enumerated labels, sentence-initial words or pieces of longer names."""
    shown = [f.text for f in box(text) if f.kind == kind]
    assert not any(s == not_shown or s.startswith(f"{not_shown} ") for s in shown), shown


@pytest.mark.parametrize(
    "text",
    [
        "It rained again today and the wind was cold. Nobody went to the beach.",
        "the council met on a cold evening . it talked for a long time .",
    ],
)
def test_empty_box_stays_empty(text: str) -> None:
    """A text with nothing precise gives no facts rather than padding."""
    assert box(text) == []


def test_no_duplicates_in_a_box() -> None:
    """The same figure phrase in two sentences is shown once."""
    text = "Snow fell above 1400 metres on Monday. Snow fell above 1400 metres on Tuesday."
    texts = [f.text for f in box(text) if f.kind == "figure"]
    assert texts == ["Snow fell above 1400 metres"]


@pytest.mark.parametrize(
    ("published", "text", "language"),
    [
        ("0001-01-01T00:00:00+00:00", "The vote was held on Friday in the old hall.", "en"),
        ("0001-01-03T00:00:00+00:00", "去年3月5日星期五，市政府開會。", "zh"),
        ("9999-12-31T00:00:00+00:00", "明年3月5日，市政府將開會。", "zh"),
    ],
)
def test_dates_near_the_ends_of_the_calendar(published: str, text: str, language: str) -> None:
    """A weekday or relative year beyond year 1 or 9999 gives no date, never an error."""
    assert not [f for f in box(text, published, language) if f.kind == "date"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("沧州市供排水集团有限公司今天宣布新计划。", ["沧州市供排水集团有限公司"]),
        ("有限公司今天宣布新计划。", []),
    ],
)
def test_chinese_organisations_are_whole(sentence: str, expected: list[str]) -> None:
    """A company keeps its legal form; a bare legal form is no organisation."""
    assert [n for n in organizations(sentence) if n in expected or n == "有限公司"] == expected


def test_roles_start_on_their_own_words() -> None:
    """A connective opening the sentence is not part of a person's role."""
    text = "But Port Director Ines Morrow said the pier was safe. Morrow said so twice."
    people = [f.text for f in box(text) if f.kind == "person"]
    assert people == ["Ines Morrow, Port Director"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Harbour Board formally agreed on 5 March 2026 to buy two tugs.",
            ["2026-03-05: Harbour Board agreed"],
        ),
        ("Critics say Mr Morrow stayed on after Cabinet allies intervened in June 2025.", []),
        (
            "An MOU on pilotage with Lisbon was signed on 18 December 2024.",
            ["2024-12-18: MOU signed"],
        ),
    ],
)
def test_events_name_their_subject(text: str, expected: list[str]) -> None:
    """A dated event names the subject of its verb, or nothing: never a name further back."""
    assert [f.text for f in box(text) if f.kind == "date"] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("每亩年收入可达6万至8万元。", ["6万至8万元"]),
        ("新园区占地2.8万平方米。", ["2.8万平方米"]),
        ("票價為2-3萬円。", ["2-3萬円"]),
    ],
)
def test_chinese_figures_are_whole(sentence: str, expected: list[str]) -> None:
    """A range is one figure, never its first end alone; an area keeps its unit."""
    assert cjk_figures(sentence) == expected
