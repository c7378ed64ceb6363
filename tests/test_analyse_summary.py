"""Table-driven tests of the extractive summary: what may open it and what never enters it."""

from __future__ import annotations

import pytest

from generator.analyse.leaning import leans, pull_quote
from generator.analyse.sentences import split_sentences
from generator.analyse.summary import SummaryWeights, eligible, summarise

# Invented sentences, one article per case, paragraphs separated by blank lines.
BODY = (
    "The harbour council approved a new ferry timetable for the island routes on Monday. "
    "Ferries will run every twenty minutes between the harbour and the northern islands. "
    "Tickets for the faster crossings will cost four pounds for adults and two for children."
)


def summary_of(text: str, language: str = "en", title: str = "") -> list[str]:
    """Return the summary sentences of a text, as strings."""
    sentences = split_sentences(text, language)
    chosen = summarise(sentences, title, 3, SummaryWeights(), language)
    return [sentences[i].text for i in chosen]


@pytest.mark.parametrize(
    ("sentence", "language", "expected"),
    [
        ("He said the timetable would change in spring.", "en", True),
        ("But the council refused to publish the figures.", "en", True),
        ("This was the third delay in a single year.", "en", True),
        ("The move angered traders along the quay.", "en", True),
        ("However, the mayor declined to comment.", "en", True),
        ("It will cost the town two million pounds.", "en", True),
        ("They're expected back on Friday.", "en", True),
        ("Meanwhile, ticket prices rose again.", "en", True),
        ("On Monday, she told reporters the plan was final.", "en", True),
        ('"The plan is final," she said on Tuesday.', "en", True),
        ("The harbour council met on Monday evening.", "en", False),
        ("Italy's transport minister visited the port.", "en", False),
        ("Hewlett-Packard opened an office by the quay.", "en", False),
        ("Ma Ying-jeou visited the shipyard in Keelung.", "en", False),
        ("Theodore Smith, the harbour master, retired.", "en", False),
        ('"Ferries will run daily," the mayor said on Tuesday.', "en", False),
        ("The skipper, who led the crew for years, said he would retire.", "en", False),
        ("Ferries will run daily, she added in a statement.", "en", True),
        ("Aber die Stadt schwieg zu den Kosten.", "de", True),
        ("Die Stadt schwieg zu den Kosten.", "de", False),
        ("Jedoch schwieg die Stadt zu den Kosten.", "en", True),
        ("Ella Fitzgerald sang at the harbour festival.", "en", False),
        ("On Tuesday the ferry sailed at dawn.", "en", False),
        ("Ma la città non ha risposto.", "it", True),
        ("Cependant, la mairie n'a pas répondu.", "fr", True),
        ("但是市政府没有回应记者的提问。", "zh", True),
        ("他表示新的时刻表将于下月实施。", "zh", True),
        ("市政府周一公布了新的渡轮时刻表。", "zh", False),
        ("しかし市は費用を公表していない。", "ja", True),
    ],
)
def test_leaning_openings(sentence: str, language: str, expected: bool) -> None:
    """Tell a sentence that needs the one before it from one that stands alone."""
    assert leans(sentence, language) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('"We will not close the ferry."', True),
        ("“Nobody warned us about the fares.”", True),
        ("「運航は続けます。」", True),
        ('"We will not close the ferry," the mayor said.', False),
        ("The mayor said the ferry would stay open.", False),
    ],
)
def test_pull_quotes(sentence: str, expected: bool) -> None:
    """Tell a quotation with nobody named from an attributed one."""
    assert pull_quote(sentence) is expected


@pytest.mark.parametrize(
    ("lead", "kind"),
    [
        ("Will the island ferries ever run on time again?", "question"),
        ('"We have waited years for a decent ferry service to the islands."', "pull quote"),
        ("By Jane Harbourne and Tom Quay.", "byline"),
        ("Photo: The new ferry leaves the harbour at dawn.", "caption"),
        ("Image copyright Harbour Press Agency.", "credit"),
    ],
)
def test_a_lead_that_is_not_news_is_skipped(lead: str, kind: str) -> None:
    """Skip a lead that is a question, a pull quote, a byline, a caption or a credit."""
    got = summary_of(f"{lead}\n\n{BODY}")
    assert lead not in got, kind
    assert got and got[0].startswith("The harbour council approved"), kind


@pytest.mark.parametrize(
    "text",
    [
        BODY + " But the ferry operator said the plan could not work without more crews.",
        "The council approved a new timetable for the island ferries on Monday.\n\n"
        "He said the timetable would bring more visitors to the islands every summer.\n\n"
        "The new fares will cost four pounds for adults and two pounds for children.",
        "Photo: the new ferry leaves the harbour at dawn on its first run.\n\n"
        "It carried two hundred passengers to the northern islands in forty minutes.\n\n"
        "The council had approved the new service after a year of public meetings.",
    ],
)
def test_no_sentence_leans_on_one_left_out(text: str) -> None:
    """Take a leaning sentence only together with the sentence before it."""
    sentences = split_sentences(text, "en")
    chosen = summarise(sentences, "", 3, SummaryWeights(), "en")
    assert chosen
    for index in chosen:
        if index > 0 and leans(sentences[index].text, "en"):
            assert index - 1 in chosen, sentences[index].text


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "渡轮停航。码头关闭。乘客改乘巴士。",
            "zh",
            ["渡轮停航。", "码头关闭。", "乘客改乘巴士。"],
        ),
        ("渡轮停航。但码头开放。", "zh", ["渡轮停航。", "但码头开放。"]),
        ("フェリーが欠航した。港は閉鎖。", "ja", ["フェリーが欠航した。", "港は閉鎖。"]),
        ("Ferry cancelled.", "en", ["Ferry cancelled."]),
        ("Photo: Harbour Press. But ferries ran.", "en", []),
        ("Ferries stopped? Buses ran instead.", "en", ["Buses ran instead."]),
        (
            "The island ferry will stop running at the end of the month.",
            "en",
            ["The island ferry will stop running at the end of the month."],
        ),
    ],
)
def test_short_texts_fall_back_on_the_lead(text: str, language: str, expected: list[str]) -> None:
    """Fall back on the lead when no sentence is long enough, keeping the other rules."""
    assert summary_of(text, language) == expected


def test_long_sentences_stay_within_the_character_budget() -> None:
    """Keep a summary of long sentences short enough to read: no wall of three."""
    clause = "the ferry service between the harbour and the northern islands"
    long_sentence = f"The council said {clause} would change, and {clause} would grow, and {clause}"
    text = " ".join(f"{long_sentence} in year {n}." for n in ("one", "two", "three", "four"))
    got = summary_of(text)
    assert 1 <= len(got) < 3
    assert len(got) == 1 or sum(map(len, got)) <= SummaryWeights().max_chars


def test_summary_is_verbatim_and_deterministic() -> None:
    """Return verbatim sentences of the text, the same ones on every run."""
    text = f"Will fares rise?\n\n{BODY}"
    first = summary_of(text)
    assert first == summary_of(text)
    assert all(sentence in text for sentence in first)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("By any measure the new ferry was a success for the islands.", True),
        ("A photo editor said the ferry left the harbour late again.", True),
        ("The photo shows the ferry leaving the harbour at dawn.", True),
        ("By Jane Harbourne, Island Correspondent.", False),
        ("by . island news reporter .", False),
        ("Harbour Press photo of the new ferry at the quay.", False),
        ("Media playback is not supported on this device.", False),
        ("Scroll down to watch the ferry leave the harbour at dawn.", False),
    ],
)
def test_furniture_is_told_from_news(sentence: str, expected: bool) -> None:
    """Keep bylines, credits and player notices out without losing news that opens alike."""
    assert eligible(split_sentences(sentence, "en")[0]) is expected
