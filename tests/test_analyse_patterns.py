"""Table-driven tests of date, acronym and person patterns (figures: test_analyse_figures)."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.analyse.entities import Person, acronyms, people
from generator.analyse.patterns import dates

PUBLISHED = dt.date(2025, 8, 19)  # a Tuesday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It was signed on Dec. 18, 2024.", ["2024-12-18"]),
        ("It was signed on 5 March 2021.", ["2021-03-05"]),
        ("It was signed in December 2024.", ["2024-12"]),
        ("The ministry confirmed Tuesday that it agreed.", ["2025-08-19"]),
        ("The talks began Sunday.", ["2025-08-17"]),
        ("It starts May 3.", ["2025-05-03"]),
        ("It was filed on 2023-02-30.", []),
    ],
)
def test_dates(sentence: str, expected: list[str]) -> None:
    """Normalise explicit dates and resolve weekdays on or before publication."""
    assert [iso for iso, _ in dates(sentence, PUBLISHED)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Ministry of Foreign Affairs (MOFA) spoke.", {"MOFA": "Ministry of Foreign Affairs"}),
        ("Ask the National Immigration Agency (NIA).", {"NIA": "National Immigration Agency"}),
        ("They signed memorandums of understanding (MOUs).", {}),
        ("Officials of the Riverton City Council (RCC) met.", {"RCC": "Riverton City Council"}),
    ],
)
def test_acronym_definitions(text: str, expected: dict[str, str]) -> None:
    """Map acronyms to the capitalised long form that defines them."""
    assert acronyms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "MOFA spokesperson Hsiao Kuangwei (蕭光偉) said so.",
            [Person("Hsiao Kuangwei", "MOFA spokesperson", "蕭光偉")],
        ),
        (
            "Council member Dana Whitfield said so.",
            [Person("Dana Whitfield", "Council member", "")],
        ),
        ("Dana Whitfield said so. Whitfield added more.", [Person("Dana Whitfield")]),
        ("Cascade Transit said so. The agency added more.", []),
        ("Lin Wen-hsiu (林文秀) said so.", [Person("Lin Wen-hsiu", "", "林文秀")]),
        (
            "Harbourmaster Gavin Treloar said boats could pass. Treloar added more.",
            [Person("Gavin Treloar", "Harbourmaster")],
        ),
        (
            "It was signed by Director Marisol T. Okafor on Monday.",
            [Person("Marisol T. Okafor", "Director")],
        ),
        (
            '"We are late," said Mary Okafor, the agency\'s director.',
            [Person("Mary Okafor", "the agency's director")],
        ),
        (
            "Tom Reyes, a spokesman for the port, said the ferry would run.",
            [Person("Tom Reyes", "a spokesman for the port")],
        ),
        ("On Monday Mary Okafor said yes. Okafor left.", [Person("Mary Okafor")]),
        ("Riverton City said so.", []),
        ("The Harbour Board said no.", []),
        ("New Zealand said so.", []),
        ("Okafor said so.", []),
        ("Officials met on Monday.", []),
    ],
)
def test_people(text: str, expected: list[Person]) -> None:
    """Introduce people with a role, a native-script name or a full name in an attribution."""
    assert people(text) == expected
