"""Turn sentences into comparable content terms (English words or CJK bigrams)."""

from __future__ import annotations

import re

from generator.analyse.lexicon import STOPWORDS

# A word: letters/digits with inner apostrophes, hyphens or dots ("o'malley", "u.s", "7.32").
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# A run of CJK ideographs or kana, the unit CJK terms are cut from.
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
# A plural or third-person "s" worth folding away when comparing words.
PLURAL_S = re.compile(r"(?<=[a-z]{3})s$")


def words(text: str) -> list[str]:
    """Return the word tokens of an English text, in order."""
    return WORD.findall(text)


def word_count(text: str) -> int:
    """Return the number of words (for CJK text: of CJK characters plus Latin words)."""
    cjk = sum(len(run) for run in CJK_RUN.findall(text))
    if cjk:
        return cjk + len(WORD.findall(CJK_RUN.sub(" ", text)))
    return len(WORD.findall(text))


def fold(word: str) -> str:
    """Return a crude comparison key for a word: lower case, plural "s" dropped."""
    return PLURAL_S.sub("", word.lower())


def mostly_cjk(text: str) -> bool:
    """Return True when CJK characters outnumber Latin words (not for a native name in English)."""
    cjk = sum(len(run) for run in CJK_RUN.findall(text))
    return cjk > 0 and cjk >= len(WORD.findall(CJK_RUN.sub(" ", text)))


def content_terms(text: str) -> list[str]:
    """Return the folded non-stop-word terms of a text (CJK: character bigrams)."""
    runs = CJK_RUN.findall(text)
    if mostly_cjk(text):
        return [run[i : i + 2] for run in runs for i in range(max(1, len(run) - 1))]
    return [fold(w) for w in WORD.findall(text) if w.lower() not in STOPWORDS and w.isalpha()]
