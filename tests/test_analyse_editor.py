"""Regression tests from an editor's read of the demo corpus, on fictional articles."""

from __future__ import annotations

import pytest

from generator.analyse import AnalysisSettings, analyse
from generator.analyse.sentences import split_sentences
from generator.model import Article, Published

PUBLISHED = Published("2026-03-12T09:00:00+00:00", "2026-03-12T09:00:00", "test")
FERRY = (
    "Brackwater Ferries carried a record 2.1 million riders last year, the Port of Brackwater "
    "said on Tuesday. Ferries serving the outer islands carried more freight than ever.\n\n"
    "Port director Nadia Ferreira-Lund (費蘭德) said the ships need work before summer. "
    '"The oldest boats were built for half the traffic," Ferreira-Lund said.\n\n'
    "Harbourmaster Tobias Quill said reservoirs serving the port were full. Quill added that "
    "the terminal doesn't employ anybody at night. The deal was signed in Brackwater on "
    "Tuesday by Director Ines K. Morrow.\n\n"
    "Tickets cost £6, or about US$8, and go on sale at the Pier-3 kiosk after a 5-2 vote."
)


def ferry() -> tuple[Article, tuple[str, ...], list[tuple[str, str]]]:
    """Return the fictional ferry article, its tags and its (kind, text) facts."""
    article = Article(id="f", title="Ferry record", text=FERRY, published=PUBLISHED)
    result = analyse(article, AnalysisSettings())
    return article, result.tags, [(f.kind, f.text) for f in result.facts]


@pytest.mark.parametrize(
    "unwanted",
    [
        "islands carried",  # a clause ending in a past-tense verb
        "ships need work",  # a plural noun followed by its verb
        "reservoirs serving",
        "doesn't employ anybody",  # a contraction
        "Brackwater on Tuesday",  # a weekday joined to a place
        "Port director Nadia Ferreira-Lund",  # a role glued to a name
        "Ferreira-Lund",  # a surname instead of the full name
    ],
)
def test_tags_are_topics(unwanted: str) -> None:
    """Keep clauses, contractions, weekdays and roles out of tags."""
    _, tags, _ = ferry()
    assert unwanted not in tags


@pytest.mark.parametrize(
    "wanted",
    [
        ("figure", "carried a record 2.1 million riders"),
        ("figure", "Tickets cost £6"),
    ],
)
def test_figures_are_clean(wanted: tuple[str, str]) -> None:
    """Show figures in context, without vote tallies, numbers inside names or conversions."""
    _, _, facts = ferry()
    assert wanted in facts
    shown = [text for kind, text in facts if kind == "figure"]
    assert not any(part in text for text in shown for part in ("3 kiosk", "2 vote", "US$8"))


def test_speakers_are_named_in_full() -> None:
    """Name a quoted speaker with the full hyphenated name and role, never a cut name."""
    _, tags, facts = ferry()
    quotes = [text for kind, text in facts if kind == "quote"]
    assert any(q.startswith("Nadia Ferreira-Lund (費蘭德), Port director: ") for q in quotes)
    assert "Nadia Ferreira-Lund" in tags


def test_latin_paragraph_with_native_name_splits_as_english() -> None:
    """Split an English paragraph holding a native-script name at sentence ends only."""
    text = "It was signed by Director Ines K. Morrow (莫蘿). She flew in from Lisbon."
    assert [s.text for s in split_sentences(text, "en")] == [
        "It was signed by Director Ines K. Morrow (莫蘿).",
        "She flew in from Lisbon.",
    ]
