"""Segment Chinese with rjieba (jieba's cut in Rust) and cut Japanese into script runs."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from generator.analyse.lexicon import CJK_STOPWORDS

# A run of two or more katakana (with the long-vowel mark): loanwords and foreign names.
KATAKANA_RUN = re.compile(r"[\u30a0-\u30ffー]{2,}")
# A run of two or more kanji: Japanese compound nouns and names.
KANJI_RUN = re.compile(r"[\u4e00-\u9fff々]{2,}")
# A time expression ("来年四月", "火曜日", "星期三"): never a topic term.
CJK_TIME = re.compile(
    r"[一二三四五六七八九十百〇\d]+[年月日]|曜日|星期|週[一二三四五六日]|[今明去来昨]年"
)
# Any hiragana or katakana: the text is Japanese rather than Chinese.
KANA = re.compile(r"[\u3040-\u30ff]")
# A CJK ideograph, kana or a Latin letter: what a term must contain.
TERM_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\w]")
# Distinct sentences whose segments are remembered (the sentences of a few long articles).
SEGMENT_CACHE = 2048
# Distinct words whose verdict as a topic term is remembered.
TERM_CACHE = 16384


@functools.lru_cache(maxsize=1)
def _cut() -> Callable[[str], list[str]]:
    """Return rjieba's default cut (jieba's dictionary and HMM, in Rust), imported on first use.

    Most runs (an unchanged archive, English text) never segment Chinese, and loading the
    dictionary costs more than the rest of an incremental run's setup.
    """
    import rjieba  # noqa: PLC0415

    return rjieba.cut


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def segments(text: str) -> tuple[str, ...]:
    """Return the jieba segments of a Chinese text, covering it exactly, in order.

    Remembered per text: key phrases, organisations and places all segment each sentence.
    """
    return tuple(_cut()(text))


def cjk_terms(text: str) -> list[str]:
    """Return the multi-character CJK terms of a text, in order, stop words removed."""
    if KANA.search(text):
        found = sorted(
            [(m.start(), m.group(0)) for m in KATAKANA_RUN.finditer(text)]
            + [(m.start(), m.group(0)) for m in KANJI_RUN.finditer(text)]
        )
        return [term for _, term in found if _is_term(term)]
    # Half the segments are one character: the length test spares them a call.
    return [w for w in segments(text) if len(w) >= 2 and _is_term(w)]


@functools.lru_cache(maxsize=TERM_CACHE)
def _is_term(word: str) -> bool:
    """Return True for a topic term: two characters or more, a letter, no stop or time word.

    Remembered per word: the same words recur through an article and across articles.
    """
    return (
        len(word) >= 2
        and word not in CJK_STOPWORDS
        and TERM_CHAR.search(word) is not None
        and not word.isdigit()
        and CJK_TIME.search(word) is None
    )
