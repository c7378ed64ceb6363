"""Turn sentences into comparable content terms (English words or CJK bigrams)."""

from __future__ import annotations

import functools
import re
from operator import itemgetter

from generator.analyse.lexicon import STOPWORDS

# A word: letters/digits with inner apostrophes, hyphens or dots ("o'malley", "u.s", "7.32").
# The repeats are possessive: all that follows them is optional, so giving characters back could
# not help, and the engine saves keeping the state to do so.
WORD = re.compile(r"[^\W_][^\W_]*+(?:['’.\-][^\W_]++)*+")
# A token: a word with an optional end period, or one punctuation mark. Its words are WORD's
# words: a WORD match never ends in a period, so the period is all a token adds.
TOKEN = re.compile(r"[^\W_]++(?:['’.\-][^\W_]++)*+\.?|[^\w\s]")
# A run of CJK ideographs or kana, the unit CJK terms are cut from.
CJK_RUN = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]*"
)
# A plural or third-person "s" worth folding away when comparing words.
PLURAL_S = re.compile(r"(?<=[a-z]{3})s$")
# Distinct texts whose counts are remembered: every sentence of a few long articles. Sentence
# splitting, summary, key phrases and facts all ask the same questions of the same sentence.
COUNT_CACHE = 2048
# Distinct words whose folded form is remembered (the common words of many articles).
WORD_CACHE = 16384


def tokens(text: str) -> tuple[str, ...]:
    """Return the tokens of a text: TOKEN's matches, found once per text (see scan)."""
    return scan(text)[0]


@functools.lru_cache(maxsize=COUNT_CACHE)
def scan(text: str) -> tuple[tuple[str, ...], int]:
    """Return a text's tokens and how many of them are marks (the others are words).

    No token spans white space, and most chunks between spaces are a plain word, alone or
    before a period or comma: only the others need the (slower) scan. A token is a word when
    it starts with a letter or digit, else a mark (one character).
    """
    found: list[str] = []
    marks = 0
    for chunk in text.split():
        if chunk.isalnum() or (chunk[-1] == "." and chunk[:-1].isalnum()):  # one token
            found.append(chunk)
        elif chunk[-1] == "," and chunk[:-1].isalnum():
            found += (chunk[:-1], ",")
            marks += 1
        else:
            pieces = TOKEN.findall(chunk)
            found += pieces
            marks += len(pieces) - sum(map(str.isalnum, map(itemgetter(0), pieces)))
    return tuple(found), marks


@functools.lru_cache(maxsize=COUNT_CACHE)
def _counts(text: str) -> tuple[int, int]:
    """Return (CJK characters, words outside CJK runs) of a text, counted once per text."""
    runs = () if text.isascii() else CJK_RUN.findall(text)  # isascii() is a flag look-up
    if not runs:
        found, marks = scan(text)
        return 0, len(found) - marks
    return sum(map(len, runs)), len(WORD.findall(CJK_RUN.sub(" ", text)))


def word_count(text: str) -> int:
    """Return the number of words (for CJK text: of CJK characters plus Latin words)."""
    cjk, latin = _counts(text)
    return cjk + latin


@functools.lru_cache(maxsize=WORD_CACHE)
def fold(word: str) -> str:
    """Return a crude comparison key for a word: lower case, plural "s" dropped."""
    return PLURAL_S.sub("", word.lower())


@functools.lru_cache(maxsize=COUNT_CACHE)
def mostly_cjk(text: str) -> bool:
    """Return True when CJK characters outnumber Latin words (not for a native name in English)."""
    if text.isascii() or CJK_RUN.search(text) is None:
        return False  # no CJK at all: no need to count the words
    cjk, latin = _counts(text)
    return cjk >= latin


def content_terms(text: str) -> set[str]:
    """Return the distinct folded non-stop-word terms of a text (CJK: character bigrams)."""
    if mostly_cjk(text):
        runs = CJK_RUN.findall(text)
        return {run[i : i + 2] for run in runs for i in range(max(1, len(run) - 1))}
    return set(filter(None, map(_content_term, scan(text)[0])))  # "" is not a term


@functools.lru_cache(maxsize=WORD_CACHE)
def _content_term(token: str) -> str:
    """Return the folded term of a word token; "" for a mark, a stop word or a word with digits.

    A word token may end in a period, which is not part of the word.
    """
    word = token[:-1] if token[-1] == "." else token
    return fold(word) if word.isalpha() and word.lower() not in STOPWORDS else ""
