"""Rank candidate phrases (named entities and key phrases) shared by tags and keyphrase eval."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from itertools import compress
from typing import NamedTuple

from generator.analyse.cjk import cjk_terms
from generator.analyse.entities import kind_of
from generator.analyse.lexicon import (
    ACTION_VERBS,
    ED_ADJECTIVES,
    LY_NOUNS,
    NON_ENTITY_WORDS,
    REPORTING_VERBS,
    STOPWORDS,
    VERB_CUES,
)
from generator.analyse.stopwords import function_words, language_code
from generator.analyse.terms import fold, mostly_cjk, scan
from generator.model import Sentence

# A capitalised word or an acronym ("Taiwan", "MOFA", "U.S.", "O'Malley").
CAPITALISED = re.compile(r"^(?:[A-Z][\w'’.\-]*|[A-Z]{2,}s?)$")
# Lower-case words allowed inside a proper name ("Ministry of Foreign Affairs").
# Particles inside a person's name in English text ("Nick Van den Brul", "Ludwig von Mises");
# in other languages they are function words ("Gruppe der Grünen").
NAME_PARTICLES = frozenset({"van", "von", "der", "den", "del", "da", "du", "di", "dos"})
NAME_JOINERS = frozenset({"of", "for", "the", "de", "on"}) | NAME_PARTICLES
# A word of a phrase key: letters and digits only.
KEY_WORD = re.compile(r"[^\W_]+")
# A possessive ending to drop from a word ("spill's" -> "spill").
POSSESSIVE = re.compile(r"['’]s?$")
MAX_WORDS = 4
# A capitalised adjective of place, hyphenated ("Moscow-based", "Oslo-born"): no name's word.
PLACE_ADJECTIVE = re.compile(r"^[A-Z][\w'’]*-(?:[a-z]+ed|born|made|run|wide)$")
# A possessive word ("Corp's"): a name ends with it; what follows is another name's.
# The ending of an adjective made from a name ("Victorian", "Elizabethan", "Nordic").
ADJECTIVE_ENDING = re.compile(r"(?:ian|ean|ese|ish|ic)$")
# A lower-case word right after a name: what an adjective is written before.
LOWER_WORD = re.compile(r" [a-z]")
# A capitalised word right after a name, or "and" and one: the rest of a longer name.
AND_NAME = re.compile(r" (?:and ((?:[A-Z][\w'’\-]* ?)+)|[A-Z])")
OWNER_WORD = re.compile(r"^[A-Z][\w'’.\-]+['’]s?$")
# Distinct tokens and words whose readings are remembered across articles.
TOKEN_CACHE = 16384
LENGTH_BONUS = 0.8


class Phrase(NamedTuple):
    """A ranked candidate: its display form, comparison key and score.

    A named tuple rather than a frozen dataclass: an article has a hundred or more, and a
    frozen dataclass takes three times as long to build.
    """

    display: str
    key: str
    score: float
    proper: bool  # a capitalised name (entity) rather than a common-noun phrase
    first: int  # index of the sentence it first occurs in
    count: int  # type: ignore[assignment]  # occurrences in the article (shadows tuple.count)


def phrase_key(text: str) -> str:
    """Return the comparison key of a phrase: folded words joined by single spaces."""
    return " ".join(k for k in map(_word_key, text.split(" ")) if k)


# One sentence's candidates: their phrases as written, their keys, and how many of the first
# ones are proper names (names come before key phrases).
_Candidates = tuple[list[str], list[str], int]


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _token_classes(token: str) -> str:
    """Return the token's two class letters: its part in a name span, then in a content run.

    Name span: "A" a capitalised word that may open a name and may follow a joiner, "B" one
    that may open a name only, "C" one that may follow a joiner only, "D" one that may only
    continue a name, "j" a joiner ("of"), "x" anything else. Content run: "c" a content word,
    "q" a verb cue ("to", "will"), "Q" both, "x" neither.
    """
    capitalised = CAPITALISED.match(token) is not None
    if capitalised and PLACE_ADJECTIVE.match(token):
        span = "x"
    elif capitalised:
        opens = _span_word(token) not in NON_ENTITY_WORDS
        joinable = _joinable(token)
        span = "AB"[not joinable] if opens else "CD"[not joinable]
    else:
        span = "j" if token in NAME_JOINERS else "x"
    low = _low(token)
    content = token[0].isalpha() and not capitalised and _content(low)
    run = ("Q" if content else "q") if low in VERB_CUES else ("c" if content else "x")
    return span + run


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _local_classes(token: str, code: str) -> str:
    """Return _token_classes for a language other than English: its function words end a run.

    A capitalised function word ("Die" opening a sentence) opens no name either; a joiner
    ("de" in "Ministerio de Salud") stays one.
    """
    classes = _token_classes(token)
    if token in NAME_PARTICLES:
        return "x" + classes[1]
    if _low(token).replace("’", "'") not in function_words(code):
        return classes
    return ("x" if classes[0] in "ABCD" else classes[0]) + "x"


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _span_word(token: str) -> str:
    """Return a token as a word of a name: end period and possessive dropped."""
    word = token.rstrip(".") if len(token) > 2 and not token.count(".") > 1 else token
    return POSSESSIVE.sub("", word) if len(word) > 3 else word


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _low(token: str) -> str:
    """Return a token as a word of a key phrase: lower case, end period and possessive dropped."""
    return POSSESSIVE.sub("", token.lower().rstrip("."))


def _joinable(token: str) -> bool:
    """Return True when a token after a joiner continues a name ("of" before "Foreign")."""
    after = token.rstrip(".")
    return CAPITALISED.match(after) is not None and after not in NON_ENTITY_WORDS


# A name span over the tokens' name-span letters: a capitalised word that may open a name,
# then capitalised words and joiners each followed by a word that may follow one.
NAME_SPAN = re.compile(r"[AB](?:[ABCD]|j(?=[AC]))*")
# A content run over the tokens' content-run letters: content words, the first not right
# after a verb cue ("to raise", "will expect": a verb).
CONTENT_RUN = re.compile(r"(?<![qQ])[cQ]+")


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
    """Return candidate phrases, best first (ties: earlier first occurrence, then key).

    Every candidate of the article is listed once, then counted in bulk.
    """
    code = language_code(language)
    forms: list[str] = []
    keys: list[str] = []
    named: list[str] = []  # the keys of candidates that are proper names
    where: list[int] = []  # the sentence index of each candidate
    for sentence in sentences:
        s_forms, s_keys, proper = _candidates(sentence.text, code)
        forms += s_forms
        keys += s_keys
        named += s_keys[:proper]
        where += [sentence.index] * len(s_keys)
    if "" in keys:  # a candidate without a key is not counted
        kept = list(map(bool, keys))
        forms, where = list(compress(forms, kept)), list(compress(where, kept))
        keys, named = list(compress(keys, kept)), [k for k in named if k]
    counts = Counter(keys)
    first = dict(zip(reversed(keys), reversed(where), strict=True))  # the earliest wins
    title_keys = set(_candidates(title, code)[1]) if title else set()
    ranked = _ranked(counts, first, title_keys=title_keys, total=max(1, len(sentences)))
    display = _displays(Counter(zip(keys, forms, strict=True)))
    proper_counts = Counter(named)
    names, texts = {display[k] for k in proper_counts}, [s.text for s in sentences]
    cut = _cut_fragments(names, texts) | _adjectives(names, texts)
    return [
        Phrase(display[key], key, -negative, 2 * proper_counts[key] >= count, at, count)
        for negative, at, key, count in ranked
        if display[key] not in cut
    ]


def _adjectives(names: set[str], texts: list[str]) -> set[str]:
    """Return one-word names with an adjective's ending ("Victorian", "Elizabethan"), no
    demonym of a known place, always written right before a lower-case word: an adjective
    ("the Victorian pier"), no name to browse by."""
    text = "\n".join(texts)
    found = set()
    for name in names:
        if " " in name or not ADJECTIVE_ENDING.search(name) or kind_of(name):
            continue
        after = [text[m.end() :] for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
        if after and all(LOWER_WORD.match(rest) for rest in after):
            found.add(name)
    return found


def _bound(rest: str, words: int) -> bool:
    """Return True when what follows a name of `words` words continues it: a capitalised
    word, or "and" and a longer name that ends in their shared head ("Sunday Telegraph")."""
    match = AND_NAME.match(rest)
    return match is not None and (not match.group(1) or len(match.group(1).split()) > words)


def _cut_fragments(names: set[str], texts: list[str]) -> set[str]:
    """Return the names, neither a place nor a body, written only inside a longer name or
    before "and" and a longer name: the first part of a name ("Daily" of "The Daily and
    Sunday Telegraph"); a list's names ("the World Bank and the IMF", "Bend and Sisters")
    stay."""
    text = "\n".join(texts)
    cut = set()
    for name in names:
        if name + " and " not in text or kind_of(name):
            continue
        after = [text[m.end() :] for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
        if after and all(_bound(rest, len(name.split())) for rest in after):
            cut.add(name)
    return cut


def _displays(pairs: Counter[tuple[str, str]]) -> dict[str, str]:
    """Return each key's most frequent written form (ties: the first seen)."""
    display: dict[str, str] = {}
    best: dict[str, int] = {}
    for (key, form), count in pairs.items():
        if count > best.get(key, 0):
            best[key] = count
            display[key] = form
    return display


def _ranked(
    counts: Counter[str], first: dict[str, int], *, title_keys: set[str], total: int
) -> list[tuple[float, int, str, int]]:
    """Return (-score, first, key, count) per key, best first.

    Score: the key's frequency and its words' frequency (log1p of how often each folded word
    occurs across all candidates), early and title mentions up.
    """
    several = {key: key.split() for key in counts if " " in key}  # keys of two words or more
    totals: dict[str, int] = {}
    for key, count in counts.items():
        for word in several.get(key, (key,)):
            totals[word] = totals.get(word, 0) + count
    log1p = math.log1p
    weight_of = {word: log1p(n) for word, n in totals.items()}.__getitem__
    rows = []
    for key, count in counts.items():
        words = several.get(key)
        if words is None:  # one word: its weight, no length bonus
            weight, length = weight_of(key), 1.0
        else:
            weight = sum(map(weight_of, words)) / len(words)
            length = 1.0 + LENGTH_BONUS * (len(words) - 1)
        at = first[key]
        score = (
            log1p(count)
            * weight
            * (1.0 + 1.0 / (1.0 + 4.0 * at / total))  # position
            * length
            * (1.5 if key in title_keys else 1.0)
        )
        rows.append((-score, at, key, count))
    rows.sort()  # keys are distinct: the count is never compared
    return rows


def _candidates(text: str, code: str = "en") -> _Candidates:
    """Return one sentence's candidates: names, then key phrases, each in order, with keys.

    The same names and runs recur within and across articles: each is read once (_name,
    _run_phrases).
    """
    if mostly_cjk(text):
        terms = cjk_terms(text)
        return terms, list(map(_word_key, terms)), len(terms)
    pieces, _ = scan(text)
    # "xx": the classes of a final "." token, which closes an open span or run
    if code == "en":
        classes = "".join(map(_token_classes, pieces)) + "xx"
    else:
        classes = "".join([_local_classes(p, code) for p in pieces]) + "xx"
    forms: list[str] = []
    keys: list[str] = []
    for start, end in _name_spans(pieces, classes[0::2]):
        if end - start <= MAX_WORDS + 1:
            form, key = _name(pieces[start:end])
            forms.append(form)
            keys.append(key)
    proper = len(keys)
    for run in CONTENT_RUN.finditer(classes[1::2]):
        start, end = run.span()
        run_forms, run_keys = _run_phrases(pieces[start:end])
        forms += run_forms
        keys += run_keys
    return forms, keys, proper


def _name_spans(pieces: tuple[str, ...], letters: str) -> list[tuple[int, int]]:
    """Return the (start, end) token ranges of a sentence's names.

    A name ends at a possessive word ("News Corp's News International" is two names); an
    organisation's name right after "Capitalised and" takes them in ("Food and Agriculture
    Organisation"), so no cut fragment of it stands alone.
    """
    found: list[tuple[int, int]] = []
    for span in NAME_SPAN.finditer(letters):
        start, end = span.span()
        for at in range(start, end - 1):
            if OWNER_WORD.match(pieces[at]):
                found.append((start, at + 1))
                start = at + 1
        joined = found and found[-1][1] == start - 1 and pieces[start - 1] == "and"
        if joined and kind_of(_name(pieces[start:end])[0]) == "organization":
            start = found.pop()[0]
        found.append((start, end))
    return found


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _name(span: tuple[str, ...]) -> tuple[str, str]:
    """Return a name span's phrase and key (its tokens as words of a name)."""
    words = list(map(_span_word, span))
    return " ".join(words), _joined_key(words)


@functools.lru_cache(maxsize=TOKEN_CACHE)
def _run_phrases(run: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the sub-phrases of a content run's tokens and their keys (see _sub_phrases)."""
    forms: list[str] = []
    keys: list[str] = []
    _sub_phrases(list(map(_low, run)), forms, keys)
    return tuple(forms), tuple(keys)


def _sub_phrases(run: list[str], forms: list[str], keys: list[str]) -> None:
    """Add every sub-phrase of a run of up to MAX_WORDS words, shortest first, with its key."""
    run_keys = list(map(_word_key, run))
    whole = all(run_keys)  # else a word adds nothing to a key and keys are joined the long way
    if whole:  # single words first: the phrase is the word
        forms += run
        keys += run_keys
    for size in range(2 if whole else 1, min(MAX_WORDS, len(run)) + 1):
        starts = range(len(run) - size + 1)
        forms += [" ".join(run[i : i + size]) for i in starts]
        if whole:
            keys += [" ".join(run_keys[i : i + size]) for i in starts]
        else:
            keys += [_joined_key(run[i : i + size]) for i in starts]


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
