"""Table-driven tests of figures: whole number expressions with what they count, verbatim."""

from __future__ import annotations

import pytest

from generator.analyse.figures import figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Over 7.32 million visits were made last year.", ["7.32 million visits"]),
        ("Taiwan has signed MOUs with 23 countries.", ["signed MOUs with 23 countries"]),
        ("It buys 12 electric stacking cranes.", ["buys 12 electric stacking cranes"]),
        ("It doubles the £2.5m set aside.", ["doubles the £2.5m"]),
        ("About 18,000 vehicles use it.", ["18,000 vehicles"]),
        ("The pass costs NT$2,800, or about US$87, online.", ["pass costs NT$2,800"]),
        ("Winds gusting to 45 knots felled the old oak.", ["Winds gusting to 45 knots"]),
        ("Ferry fares rise between 5% and 8% next spring.", ["fares rise between 5% and 8%"]),
        (
            "The harbour trust borrowed £5million for new pontoons.",
            ["harbour trust borrowed £5million"],
        ),
        ("The outsider won at 100/1 odds on Saturday.", ["outsider won at 100/1 odds"]),
        ("The train reached 320 km/h on the new line.", ["train reached 320 km/h"]),
        (
            "The mill exported 4.5 million tonnes of barley.",
            ["mill exported 4.5 million tonnes of barley"],
        ),
    ],
)
def test_whole_figures_with_what_they_count(sentence: str, expected: list[str]) -> None:
    """Show each figure as a phrase of its sentence, the whole number and what it counts."""
    found = figures(sentence)
    assert found == expected
    assert all(phrase in sentence for phrase in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "She texted from her Nexus 5 phone after the match.",
        "He still runs Windows 10 machines at the depot.",
        "The club won 3-1 goals aside at the weekend.",
        "The ferry leaves at 1200 GMT from the north pier.",
        "The ferry leaves at 9 p.m. from the north pier.",
        "Call the desk on 0800 555 0199 for tickets.",
        "The bridge opened in 1931 to four lanes.",
        "Consultants flagged it in a 2023 report.",
        "It was signed on Dec. 18, 2024 by both boards.",
        "the pier reopened on march 18 after repairs .",
        "The vote fell on 5 mars after a long debate.",
        "The 69th annual fair drew crowds.",
        "Bristow, aged 54 years, chaired the board.",
        "A stop beside the Pier-2 art district won a 6-1 vote.",
        "Ask at No 10 windows for a ticket.",
        "The minister left 10 Downing Street at noon.",
        "Kestrel, 23, and Morrow, 41, were rescued.",
        "Arsenal 38 26 9 3 73 26 87",
        "6 ust.",
        "Sales rose to a record (£600m).",
    ],
)
def test_not_figures(sentence: str) -> None:
    """No model names, scores, times, phone numbers, years, dates, ages, labels, table rows,
    sentence fragments, or a bare amount with no words saying what it is."""
    assert figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        (
            "La ciudad está situada a 460 kilómetros de la capital.",
            "es",
            ["situada a 460 kilómetros"],
        ),
        ("Le bilan fait état de 17 morts le 5 mars.", "fr", ["17 morts"]),
        ("Die Strecke ist 1400 Meter lang.", "de", ["Strecke ist 1400 Meter"]),
        ("Spotkanie odbędzie się 17 czerwca w Krakowie.", "pl", []),
        (
            "Der Verein plant über 70 kommerzielle Projekte.",
            "de",
            ["Verein plant über 70 kommerzielle Projekte"],
        ),
        ("Im Sommer 105 starben an der Krankheit.", "de", []),
        ("Das Spiel läuft am Mittwoch in eigener Halle (18 Uhr).", "de", []),
        ("- 2 Verifizierung Bitte gib deine Adresse ein.", "de", []),
        (
            "Der Zug fuhr bis zu 1,4 Millionen Kilometer im Jahr.",
            "de",
            ["fuhr bis zu 1,4 Millionen Kilometer"],
        ),
    ],
)
def test_other_languages(sentence: str, language: str, expected: list[str]) -> None:
    """Words with accents are whole words; local month names make a date, not a figure."""
    assert figures(sentence, language) == expected
