"""Rank candidate phrases (named entities and key phrases) shared by tags and keyphrase eval."""

from __future__ import annotations

import functools
import math
import re
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
# A word of a phrase key: letters and digits only.
KEY_WORD = re.compile(r"[^\W_]+")
# A possessive ending to drop from a word ("spill's" -> "spill").
POSSESSIVE = re.compile(r"['’]s?$")
MAX_WORDS = 4
# Distinct tokens and words whose readings are remembered across articles.
TOKEN_CACHE = 16384
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


@dataclass(slots=True)
class _Tally:
    """Running counts for one candidate key while scanning (local to one call)."""

    forms: dict[str, int]
    count: int
    first: int
    proper: int


def phrase_key(text: str) -> str:
    """Return the comparison key of a phrase: folded words joined by single spaces."""
    return " ".join(k for k in map(_word_key, text.split(" ")) if k)


# What a token says: (name word, capitalised, not an entity alone, lower-case word, content word).
_Token = tuple[str, bool, bool, str, bool]
# A candidate: (phrase as written, is a proper name, comparison key).
_Candidate = tuple[str, bool, str]


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _read_token(token: str) -> _Token:
    """Return what _proper_spans and _content_runs need to know about one token."""
    word = token.rstrip(".") if len(token) > 2 and not token.count(".") > 1 else token
    word = POSSESSIVE.sub("", word) if len(word) > 3 else word
    capitalised = CAPITALISED.match(token) is not None
    low = POSSESSIVE.sub("", token.lower().rstrip("."))
    content = token[0].isalpha() and not capitalised and _content(low)
    return word, capitalised, word in NON_ENTITY_WORDS, low, content


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _word_key(word: str) -> str:
    """Return the key of a text without spaces, remembered.

    KEY_WORD never spans a space, so a phrase's key is its words' keys joined.
    """
    return " ".join(fold(w) for w in KEY_WORD.findall(word))


def _joined_key(words: list[str]) -> str:
    """Return phrase_key(" ".join(words)) from the words' keys."""
    return " ".join(k for k in map(_word_key, words) if k)


def rank_phrases(sentences: tuple[Sentence, ...], title: str, language: str) -> list[Phrase]:
    """Return candidate phrases, best first (ties: earlier first occurrence, then key)."""
    tallies: dict[str, _Tally] = {}
    for sentence in sentences:
        for candidate, proper, key in _candidates(sentence.text, language):
            if not key:
                continue
            tally = tallies.get(key)
            if tally is None:
                tally = tallies[key] = _Tally({}, 0, sentence.index, 0)
            tally.forms[candidate] = tally.forms.get(candidate, 0) + 1
            tally.count += 1
            tally.proper += proper
    title_keys = {k for _, _, k in _candidates(title, language)} if title else set()
    parts = {key: key.split() for key in tallies}
    weights = _word_weights(tallies, parts)
    total = max(1, len(sentences))
    phrases = [
        Phrase(
            _display(t),
            key,
            _score(parts[key], t, weights, total, key in title_keys),
            2 * t.proper >= t.count,
            t.first,
            t.count,
        )
        for key, t in tallies.items()
    ]
    return sorted(phrases, key=lambda p: (-p.score, p.first, p.key))


def _word_weights(tallies: dict[str, _Tally], parts: dict[str, list[str]]) -> dict[str, float]:
    """Return log1p of how often each folded word occurs across all candidates."""
    counts: dict[str, int] = {}
    for key, tally in tallies.items():
        for word in parts[key]:
            counts[word] = counts.get(word, 0) + tally.count
    return {word: math.log1p(count) for word, count in counts.items()}


def _score(
    parts: list[str], tally: _Tally, weights: dict[str, float], total: int, in_title: bool
) -> float:
    """Score a candidate: its frequency and its words' frequency, early and title mentions up."""
    word_weight = sum(weights[w] for w in parts) / len(parts)
    position = 1.0 + 1.0 / (1.0 + 4.0 * tally.first / total)
    length = 1.0 + LENGTH_BONUS * (len(parts) - 1)
    return math.log1p(tally.count) * word_weight * position * length * (1.5 if in_title else 1.0)


def _display(tally: _Tally) -> str:
    """Return the most frequent written form (ties: the first seen)."""
    if len(tally.forms) == 1:
        return next(iter(tally.forms))
    return max(tally.forms.items(), key=lambda item: item[1])[0]


def _candidates(text: str, language: str) -> list[_Candidate]:
    """Return (phrase, is_proper_name, key) candidates of one sentence, in order."""
    if mostly_cjk(text):
        return [(term, True, _word_key(term)) for term in cjk_terms(text)]
    tokens = [*TOKEN.findall(text), "."]  # the final "." closes an open span or run
    readings = list(map(_read_token, tokens))
    found: list[_Candidate] = []
    _proper_spans(tokens, readings, found)
    _content_runs(readings, found)
    return found


def _proper_spans(tokens: list[str], readings: list[_Token], found: list[_Candidate]) -> None:
    """Add capitalised multi-word spans and acronyms (names of people, bodies, places)."""
    span: list[str] = []
    last = len(tokens) - 1  # the closing "." is not a real token
    pairs = zip(tokens, readings, strict=True)
    for i, (token, (word, capitalised, non_entity, _, _)) in enumerate(pairs):
        if capitalised and not (not span and non_entity):
            span.append(word)
            continue
        if span and token in NAME_JOINERS and _joins(tokens[i + 1] if i + 1 < last else ""):
            span.append(token)
            continue
        while span and span[-1] in NAME_JOINERS:
            span.pop()
        if span and len(span) <= MAX_WORDS + 1:
            found.append((" ".join(span), True, _joined_key(span)))
        span = []


def _joins(following: str) -> bool:
    """Return True when the token after a joiner continues a name ("of" before "Foreign")."""
    after = following.rstrip(".")
    return CAPITALISED.match(after) is not None and after not in NON_ENTITY_WORDS


def _content_runs(readings: list[_Token], found: list[_Candidate]) -> None:
    """Add lower-case runs of content words and their sub-phrases of up to MAX_WORDS words."""
    run: list[str] = []
    previous = ""
    for _, _, _, low, content in readings:
        cued = not run and previous in VERB_CUES  # "to raise", "will expect": a verb
        previous = low
        if content and not cued:
            run.append(low)
            continue
        if run:
            _sub_phrases(run, found)
        run = []


def _sub_phrases(run: list[str], found: list[_Candidate]) -> None:
    """Add every sub-phrase of a run of up to MAX_WORDS words, shortest first, with its key."""
    keys = list(map(_word_key, run))
    whole = all(keys)  # else a word adds nothing to a key and keys are joined the long way
    if whole:  # single words first: the phrase is the word
        found.extend((word, False, key) for word, key in zip(run, keys, strict=True))
    for size in range(2 if whole else 1, min(MAX_WORDS, len(run)) + 1):
        for start in range(len(run) - size + 1):
            end = start + size
            key = " ".join(keys[start:end]) if whole else _joined_key(run[start:end])
            found.append((" ".join(run[start:end]), False, key))


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
