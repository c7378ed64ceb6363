"""Segment Chinese with jieba (quietly, deterministically) and cut Japanese into script runs."""

from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING

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


if TYPE_CHECKING:
    import jieba


@functools.lru_cache(maxsize=1)
def _segmenter() -> jieba.Tokenizer:
    """Return one initialised jieba tokenizer; it logs nothing and caches under the temp dir.

    jieba is imported on first use: most runs (an unchanged archive, English text) never
    segment Chinese, and importing it costs more than the rest of an incremental run's setup.
    """
    import jieba  # noqa: PLC0415

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@functools.lru_cache(maxsize=SEGMENT_CACHE)
def segments(text: str) -> tuple[str, ...]:
    """Return the jieba segments of a Chinese text, covering it exactly, in order.

    Remembered per text: key phrases, organisations and places all segment each sentence.
    """
    return tuple(_segmenter().lcut(text))


def cjk_terms(text: str) -> list[str]:
    """Return the multi-character CJK terms of a text, in order, stop words removed."""
    if KANA.search(text):
        found = sorted(
            [(m.start(), m.group(0)) for m in KATAKANA_RUN.finditer(text)]
            + [(m.start(), m.group(0)) for m in KANJI_RUN.finditer(text)]
        )
        pieces = [term for _, term in found]
    else:
        pieces = [w for w in segments(text) if TERM_CHAR.search(w)]
    return [
        p
        for p in pieces
        if len(p) >= 2 and p not in CJK_STOPWORDS and not p.isdigit() and not CJK_TIME.search(p)
    ]
