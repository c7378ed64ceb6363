"""Rank candidate phrases (named entities and key phrases) shared by tags and keyphrase eval."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.analyse.cjk import cjk_terms
from generator.analyse.lexicon import (
    ACTION_VERBS,
    ED_ADJECTIVES,
    LY_NOUNS,
    NON_ENTITY_WORDS,
    REPORTING_VERBS,
    STOPWORDS,
    VERB_CUES,
)
from generator.analyse.terms import fold, mostly_cjk
from generator.model import Sentence

# A token: a word (with inner apostrophes, hyphens, dots) or one punctuation mark.
TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?|[^\w\s]")
# A capitalised word or an acronym ("Taiwan", "MOFA", "U.S.", "O'Malley").
CAPITALISED = re.compile(r"^(?:[A-Z][\w'’.\-]*|[A-Z]{2,}s?)$")
# Lower-case words allowed inside a proper name ("Ministry of Foreign Affairs").
NAME_JOINERS = frozenset({"of", "for", "the", "de", "on"})
# A possessive ending to drop from a word ("spill's" -> "spill").
POSSESSIVE = re.compile(r"['’]s?$")
MAX_WORDS = 4
LENGTH_BONUS = 0.8


@dataclass(frozen=True)
class Phrase:
    """A ranked candidate: its display form, comparison key and score."""

    display: str
    key: str
    score: float
    proper: bool  # a capitalised name (entity) rather than a common-noun phrase
    first: int  # index of the sentence it first occurs in
    count: int  # occurrences in the article


@dataclass
class _Tally:
    """Running counts for one candidate key while scanning (local to one call)."""

    forms: dict[str, int]
    count: int
    first: int
    proper: int


def phrase_key(text: str) -> str:
    """Return the comparison key of a phrase: folded words joined by single spaces."""
    return " ".join(fold(w) for w in re.findall(r"[^\W_]+", text))


def rank_phrases(sentences: tuple[Sentence, ...], title: str, language: str) -> list[Phrase]:
    """Return candidate phrases, best first (ties: earlier first occurrence, then key)."""
    tallies: dict[str, _Tally] = {}
    for sentence in sentences:
        for candidate, proper in _candidates(sentence.text, language):
            _tally(tallies, candidate, proper, sentence.index)
    title_keys = {phrase_key(c) for c, _ in _candidates(title, language)} if title else set()
    words = _word_counts(tallies)
    total = max(1, len(sentences))
    phrases = [
        Phrase(
            _display(t),
            key,
            _score(key, t, words, total, key in title_keys),
            2 * t.proper >= t.count,
            t.first,
            t.count,
        )
        for key, t in tallies.items()
    ]
    return sorted(phrases, key=lambda p: (-p.score, p.first, p.key))


def _tally(tallies: dict[str, _Tally], candidate: str, proper: bool, index: int) -> None:
    """Count one occurrence of a candidate under its key."""
    key = phrase_key(candidate)
    if not key:
        return
    tally = tallies.setdefault(key, _Tally({}, 0, index, 0))
    tally.forms[candidate] = tally.forms.get(candidate, 0) + 1
    tally.count += 1
    tally.proper += int(proper)


def _word_counts(tallies: dict[str, _Tally]) -> dict[str, int]:
    """Return how often each folded word occurs across all candidates."""
    counts: dict[str, int] = {}
    for key, tally in tallies.items():
        for word in key.split():
            counts[word] = counts.get(word, 0) + tally.count
    return counts


def _score(key: str, tally: _Tally, words: dict[str, int], total: int, in_title: bool) -> float:
    """Score a candidate: its frequency and its words' frequency, early and title mentions up."""
    parts = key.split()
    word_weight = sum(math.log1p(words[w]) for w in parts) / len(parts)
    position = 1.0 + 1.0 / (1.0 + 4.0 * tally.first / total)
    length = 1.0 + LENGTH_BONUS * (len(parts) - 1)
    return math.log1p(tally.count) * word_weight * position * length * (1.5 if in_title else 1.0)


def _display(tally: _Tally) -> str:
    """Return the most frequent written form (ties: the first seen)."""
    return max(tally.forms.items(), key=lambda item: item[1])[0]


def _candidates(text: str, language: str) -> Iterator[tuple[str, bool]]:
    """Yield (phrase, is_proper_name) candidates of one sentence."""
    if mostly_cjk(text):
        for term in cjk_terms(text):
            yield term, True
        return
    tokens = TOKEN.findall(text)
    yield from _proper_spans(tokens)
    yield from _content_runs(tokens)


def _proper_spans(tokens: list[str]) -> Iterator[tuple[str, bool]]:
    """Yield capitalised multi-word spans and acronyms (names of people, bodies, places)."""
    span: list[str] = []
    for i, token in enumerate([*tokens, "."]):
        word = token.rstrip(".") if len(token) > 2 and not token.count(".") > 1 else token
        word = POSSESSIVE.sub("", word) if len(word) > 3 else word
        if CAPITALISED.match(token) and not (not span and word in NON_ENTITY_WORDS):
            span.append(word)
            continue
        after = tokens[i + 1].rstrip(".") if i + 1 < len(tokens) else ""
        joins = CAPITALISED.match(after) is not None and after not in NON_ENTITY_WORDS
        if span and token in NAME_JOINERS and joins:
            span.append(token)
            continue
        while span and span[-1] in NAME_JOINERS:
            span.pop()
        if span and len(span) <= MAX_WORDS + 1:
            yield " ".join(span), True
        span = []


def _content_runs(tokens: list[str]) -> Iterator[tuple[str, bool]]:
    """Yield lower-case runs of content words and their sub-phrases of up to MAX_WORDS words."""
    run: list[str] = []
    previous = ""
    for token in [*tokens, "."]:
        low = POSSESSIVE.sub("", token.lower().rstrip("."))
        cued = not run and previous in VERB_CUES  # "to raise", "will expect": a verb
        previous = low
        if token[0].isalpha() and not CAPITALISED.match(token) and _content(low) and not cued:
            run.append(low)
            continue
        for size in range(1, min(MAX_WORDS, len(run)) + 1):
            for start in range(len(run) - size + 1):
                yield " ".join(run[start : start + size]), False
        run = []


def _content(word: str) -> bool:
    """Return True for a word that can stand in a key phrase."""
    return (
        word not in STOPWORDS
        and word not in REPORTING_VERBS
        and word not in ACTION_VERBS
        and len(word) > 2
        and not _verb_like(word)
        and "'" not in word
        and "’" not in word
    )


def _verb_like(word: str) -> bool:
    """Return True for a past-tense verb or an adverb ("carried", "actually"): not a topic."""
    if word.endswith("ed") and len(word) > 4:
        return word not in ED_ADJECTIVES
    return word.endswith("ly") and len(word) > 5 and word not in LY_NOUNS
