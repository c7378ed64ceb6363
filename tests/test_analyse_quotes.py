"""Who said what: direct quotations, their exact words and their speakers (own sentences)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from projects import INBOX, REPO

from generator.analyse import names
from generator.analyse.cjkquotes import cjk_quotes
from generator.analyse.quotes import find_quotes
from generator.analyse.sentences import split_sentences
from generator.config.load import load_config
from generator.extract import ExtractContext
from generator.ingest.inputs import read_input
from generator.ingest.run import Inputs, boilerplate_by_folder, process
from generator.model import Quote

# Words between quotation marks as a reader pairs them, left to right.
MARKED = re.compile(r"[\"“”„«»「『](.+?)[\"“”„«»」』]", re.S)


def quotes(text: str) -> list[tuple[str | None, str]]:
    """Return (speaker, words) of every quotation the finder keeps."""
    return [(q.speaker, q.text) for q in find_quotes(text, split_sentences(text, "en"))]


CASES = [
    pytest.param(  # a woman's "she said" never goes to the man named as "Mr"
        'Mr. Tom Baker opened the hall. "We are glad to be back home," she said.',
        [(None, "We are glad to be back home")],
        id="she-after-mr",
    ),
    pytest.param(  # ... nor to a man the text calls "he"
        'Tom Baker opened the hall, and he cut the ribbon. "We are glad to be back," she said.',
        [(None, "We are glad to be back")],
        id="she-after-he",
    ),
    pytest.param(
        'Ann Lee opened the school, and she cut the ribbon. "It is a proud day," she said.',
        [("Ann Lee", "It is a proud day")],
        id="pronoun-one-person",
    ),
    pytest.param(  # whose gender the text does not give: not certain
        'Ann Lee opened the school on Monday. "It is a proud day for us," she said.',
        [(None, "It is a proud day for us")],
        id="pronoun-gender-unknown",
    ),
    pytest.param(
        '"We open on Monday," Ann Lee said at the gate. "It is a proud day," she said.',
        [("Ann Lee", "We open on Monday"), ("Ann Lee", "It is a proud day")],
        id="pronoun-after-named-speaker",
    ),
    pytest.param(
        'A spokeswoman for Harbour Rights Watch said the plan was poor. She added: "It is '
        'not fair to anyone."',
        [(None, "It is not fair to anyone.")],
        id="she-not-a-body",
    ),
    pytest.param(
        '"Our sales rose by a third," said Acme Research analyst Ann Lee.',
        [("Ann Lee", "Our sales rose by a third")],
        id="body-role-name",
    ),
    pytest.param(
        'Swede Anna Berg won in three sets. "It feels like home," said Berg.',
        [("Anna Berg", "It feels like home")],
        id="nationality-before-name",
    ),
    pytest.param(
        'Ann Lee met Tom Baker on Friday. "It went very well indeed," he said.',
        [(None, "It went very well indeed")],
        id="two-people-before-pronoun",
    ),
    pytest.param(
        "Tom Baker said the hall would open on Monday after the repairs.", [], id="reported-speech"
    ),
    pytest.param(
        '"The roof is fixed. The doors are new," said Ann Lee, the caretaker.',
        [("Ann Lee", "The roof is fixed. The doors are new")],
        id="spans-sentences",
    ),
    pytest.param(
        "“We will rebuild the old pier,” said Harbourmaster Gavin Treloar.",
        [("Gavin Treloar", "We will rebuild the old pier")],
        id="name-after-verb",
    ),
    pytest.param(
        "“We will rebuild the old pier,” Gavin Treloar, the harbourmaster, said.",
        [("Gavin Treloar", "We will rebuild the old pier")],
        id="name-with-appositive",
    ),
    pytest.param(
        '"The bridge will close for a month," according to Maria Costa.',
        [("Maria Costa", "The bridge will close for a month")],
        id="according-to",
    ),
    pytest.param(
        "Tom Baker said: “The vote is final and we move on.”",
        [("Tom Baker", "The vote is final and we move on.")],
        id="colon-before",
    ),
    pytest.param(
        "\"He told me 'never again' and then he left,\" said Ann Lee.",
        [("Ann Lee", "He told me 'never again' and then he left")],
        id="nested-single-quotes",
    ),
    pytest.param(
        'The sign on the gate read "No entry after dark" for many years.',
        [(None, "No entry after dark")],
        id="no-attribution",
    ),
    pytest.param(
        'Ann Lee runs the club. "We need more members this year," Lee said.',
        [("Ann Lee", "We need more members this year")],
        id="surname-to-full-name",
    ),
    pytest.param(
        '"The pool reopens in May," Lee said. "Swimmers have waited long enough."',
        [("Lee", "The pool reopens in May"), ("Lee", "Swimmers have waited long enough.")],
        id="second-part-same-speaker",
    ),
    pytest.param(
        '"The plan is fine as it is." Ann Lee said on Friday. "We will not change it."',
        [("Ann Lee", "The plan is fine as it is."), ("Ann Lee", "We will not change it.")],
        id="attribution-sentence-after-period",
    ),
    pytest.param(
        '"The plan is fine as it is." Ann Lee said the vote would be held on Friday.',
        [(None, "The plan is fine as it is.")],
        id="next-sentence-not-attribution",
    ),
    pytest.param(  # a body named beside her is no second person
        "Organiser Ann Lee, who runs the Harbour Seafront Trust, said the pier would open. "
        '"It is our chance to shine again," she said.',
        [("Ann Lee", "It is our chance to shine again")],
        id="pronoun-beside-a-body",
    ),
    pytest.param(
        'Voters called the plan "a total waste of money," Ann Lee said on Friday.',
        [(None, "a total waste of money")],
        id="fragment-inside-a-sentence",
    ),
    pytest.param(
        'A spokesman for Tom Baker said: "The talks will go on next week."',
        [(None, "The talks will go on next week.")],
        id="someone-for-a-name",
    ),
    pytest.param(
        'Ann Lee said: "The first part of the plan is the harbour.\n\n'
        '"The second part of the plan is the town."',
        [("Ann Lee", "The second part of the plan is the town.")],
        id="multi-paragraph",
    ),
    pytest.param(
        "In an interview on “Morning Harbour Show,” Tom Baker said the plan was fine.",
        [(None, "Morning Harbour Show")],
        id="title-in-quotes",
    ),
]


# Who a pronoun speaker stands for: a subject or earlier speaker, never a bystander.
PRONOUN_CASES = [
    pytest.param(  # the one named is in a by-phrase, and "he" already means someone else
        "Mr Ravi Kumar is at the summit as a guest. At a dinner hosted by finance minister "
        'Jane Brown on Friday, he said that he liked floating rates. "A flexible rate absorbs '
        'shocks," he told the dinner.',
        [(None, "A flexible rate absorbs shocks")],
        id="by-phrase-after-same-pronoun",
    ),
    pytest.param(
        'A report written by Mr Sam Lee came out on Monday. "The river is getting cleaner," '
        "he said.",
        [(None, "The river is getting cleaner")],
        id="by-phrase",
    ),
    pytest.param(
        'The wife of Mr Sam Lee opened the fair. "It is a lovely day for it," he said.',
        [(None, "It is a lovely day for it")],
        id="of-phrase",
    ),
    pytest.param(
        'Mr Sam Lee\'s spokesman met the press on Monday. "We have nothing to add," he said.',
        [(None, "We have nothing to add")],
        id="possessive-spokesman",
    ),
    pytest.param(
        'Mr Tom Baker opened the hall. "We are back home at last," he said. He added: '
        '"We will stay for good."',
        [("Tom Baker", "We are back home at last"), ("Tom Baker", "We will stay for good.")],
        id="pronoun-chain",
    ),
    pytest.param(  # a woman named as object does not compete with "he"
        'Mr Tom Baker thanked Ms Ann Lee for her work. "The team did a fine job," he said.',
        [("Tom Baker", "The team did a fine job")],
        id="two-people-subject-resolves",
    ),
    pytest.param(  # the only man is the object, not the subject: not certain
        'Ms Ann Lee thanked Mr Tom Baker for his work. "The team did a fine job," he said.',
        [(None, "The team did a fine job")],
        id="two-people-object-not-speaker",
    ),
    pytest.param(  # a man named in a relative clause competes with the subject
        "Mr Tom Baker spoke after the vote, which pleased Mr Sam Lee. "
        '"It was a fair result," he said.',
        [(None, "It was a fair result")],
        id="relative-clause-blocks",
    ),
    pytest.param(  # "he" in the introductory phrase stands for the subject after it
        "Asked whether he would run again, Mr Tom Baker smiled. "
        '"We will see what the summer brings," he said.',
        [("Tom Baker", "We will see what the summer brings")],
        id="pronoun-in-intro-phrase",
    ),
    pytest.param(  # the subject of reported speech: "…, Baker said."
        "Mr Tom Baker runs the depot. The buses will be late all week, Baker said. "
        '"We are short of drivers," he said.',
        [("Tom Baker", "We are short of drivers")],
        id="reported-speech-subject",
    ),
    pytest.param(  # a role word before the name is no part of it
        'Boss Tom Baker blames the weather. "We need more orders this year," he says.',
        [("Tom Baker", "We need more orders this year")],
        id="role-word-before-subject",
    ),
    pytest.param(  # "said Lee would" is what someone said, not who said it
        'Mr Tom Baker said Mr Sam Lee would lead the team. "He is the right man for it," he said.',
        [(None, "He is the right man for it")],
        id="said-name-is-content",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PRONOUN_CASES)
def test_pronoun_speakers(text: str, expected: list[tuple[str | None, str]]) -> None:
    """Give a pronoun's quote to the subject it continues, never to a bystander."""
    assert quotes(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speakers(text: str, expected: list[tuple[str | None, str]]) -> None:
    """Name a speaker only when the attribution is explicit or certain."""
    assert quotes(text) == expected


@pytest.mark.parametrize(
    ("words", "limit", "shown"),
    [
        ("one two three four five", 3, "one two three …"),
        ("one two three", 3, "one two three"),
        ("we stay, we build, we win", 2, "we stay …"),
    ],
)
def test_shorten_at_word_boundary(words: str, limit: int, shown: str) -> None:
    """Cut a long quote at a word boundary and say so with an ellipsis."""
    assert Quote("Ann Lee", words, f'"{words}"', 0).shown(limit) == shown


def test_evidence_holds_the_whole_quote() -> None:
    """Widen the evidence to every sentence of a quote, never starting inside another one."""
    text = 'Ann Lee spoke first. "It works. It is cheap," Lee said, adding: "We start soon."'
    found = find_quotes(text, split_sentences(text, "en"))
    assert [q.evidence for q in found] == [text[text.index('"It') :]] * 2
    assert [q.sentence for q in found] == [1, 1]


def assert_marked(quote: Quote) -> None:
    """Assert that the quote's words are inside quotation marks of its evidence, in full."""
    assert any(quote.text in words for words in MARKED.findall(quote.evidence)), quote


@pytest.mark.parametrize(
    "path", sorted(p for p in INBOX.iterdir() if p.is_file()), ids=lambda p: p.name
)
def test_sample_inbox_quotes_are_inside_marks(path: Path) -> None:
    """Every quote of the sample articles is quoted words of its evidence, with a speaker."""
    config = load_config(REPO)
    raw = read_input(str(path), stdin=None)  # type: ignore[arg-type]
    folder = Inputs([str(INBOX)], stdin=None)  # type: ignore[arg-type]
    lines = boilerplate_by_folder(folder).get(str(path.parent), frozenset())
    article, analysis = process(raw, config, ExtractContext(boilerplate_lines=lines))
    for quote in analysis.quotes:
        assert quote.speaker
        assert quote.evidence in article.text
        assert_marked(quote)
    boxed = [f for f in analysis.facts if f.kind == "quote"]
    assert {f.evidence for f in boxed} <= {q.evidence for q in analysis.quotes}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("演出结束时，一位老师激动地说：「这个故事让我们非常感动。」", "一位老师"),
        ("会后，市长王大明高兴地说：「明年我们还会再来这里。」", "市长王大明"),
        ("会后，驻港部队基地说：「明年我们还会再来这里。」", "驻港部队基地"),
        ("会后，王大明说：「明年我们还会再来这里。」", "王大明"),
    ],
)
def test_cjk_speaker_without_manner_adverb(text: str, speaker: str) -> None:
    """Drop a manner adverb in 地 from a Chinese speaker, never a noun ending in 地."""
    sentences = split_sentences(text, "zh")
    assert [q.speaker for q in cjk_quotes(sentences)] == [speaker]


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        ("Mr. Roe spoke. Then he left.", ["Mr. Roe spoke. "]),
        (
            "J. Roe and Sen. Lee met! They talked? \u201cYes.\u201d She agreed.",
            ["J. Roe and Sen. Lee met! ", "They talked? ", "\u201cYes.\u201d "],
        ),
        ("Lt. Col. Sgt. Capt. Prof. Rev. Jr. none of these end a sentence", []),
        (
            "A. B. initials stay. (So do brackets.) Next.",
            ["A. B. initials stay. ", "(So do brackets.) "],
        ),
    ],
)
def test_sentence_breaks_for_pronouns(text: str, breaks: list[str]) -> None:
    spans = list(names._sentence_spans(text))
    assert [text[a:b] for a, b in spans[:-1]] == breaks
