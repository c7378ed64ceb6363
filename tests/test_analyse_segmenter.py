"""The fast Chinese paths give what their slow, obvious versions give (a speed change only).

The segmenter is held to jieba's own Tokenizer.lcut on fixture text, the bench corpus's
Chinese and seeded random strings; the facts' pre-checks to the patterns they skip.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import random
import re
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import jieba
import pytest

from generator.analyse import cjk, cjkfacts, cjkquotes
from generator.analyse.lexicon import CJK_STOPWORDS

TESTS = Path(__file__).resolve().parent
HAN = re.compile(r"[\u3400-\u9fff]")
RANDOM_STRINGS = 3000
BENCH_STORIES = 300
# Common and traditional ideographs, with bench vocabulary so that dictionary words occur.
COMMON = (
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作"
    "地於出就分對成會可主發年動同工也能下過子說"
)
BENCH = "海灣市北嶺鎮青石港潮汐發電渡輪票價離島交通漁港整修海事局港務公司縣議會林文秀陳怡蓁吳俊宏"
RARE = "㐀㑇䶵鿐鿕鿖𠀋𪚥鱻龘靐齉爩饕餮魑魅魍魉"
OTHER = "ABCxyz0123456789.%-+#&_ \t\n\r\u3000，。！？、：；「」（）—…·"
KANA = "のはをにがでとしたるアイウエオカキクケコーンラリルレロ"
DATE_CHARS = "0123456789一二三十〇年月日號号星期週周曜天火水木金土前去今明来來昨間间あたり"


@pytest.fixture(scope="module")
def stock() -> jieba.Tokenizer:
    """jieba's own tokenizer, initialised once for the module (jieba keeps global state)."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _fixture_lines() -> Iterator[str]:
    """Yield every line holding an ideograph in the test fixtures and golden pages."""
    for path in sorted([*(TESTS / "fixtures").rglob("*"), *(TESTS / "golden").rglob("*.md")]):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            text = (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        yield from (line for line in text.splitlines() if HAN.search(line))


def _bench_texts() -> Iterator[str]:
    """Yield the titles and paragraphs of the bench corpus's Chinese stories."""
    spec = importlib.util.spec_from_file_location(
        "bench_corpus", TESTS.parent / "tools" / "bench_corpus.py"
    )
    assert spec is not None and spec.loader is not None
    corpus = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(corpus)  # registered first: its dataclasses look their module up
    for number in range(BENCH_STORIES):
        story = corpus.story(number, 1000, 1)
        if story.outlet.language == "zh":
            yield story.title
            yield from story.paragraphs


def _random_strings(alphabet: str, count: int, seed: int) -> list[str]:
    """Return seeded random strings drawn from an alphabet, up to 40 characters long."""
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(count)]


def _mixed_strings(words: list[str]) -> list[str]:
    """Return seeded random strings of dictionary words, ideographs, Latin and punctuation."""
    rng = random.Random(7)
    pools = [COMMON, BENCH, RARE, OTHER, KANA]
    texts = []
    for _ in range(RANDOM_STRINGS):
        parts = [
            rng.choice(words) if rng.random() < 0.3 else rng.choice(rng.choice(pools))
            for _ in range(rng.randint(0, 30))
        ]
        texts.append("".join(parts))
    return texts


def _dictionary_sample(tokenizer: jieba.Tokenizer) -> list[str]:
    """Return every 97th word of jieba's dictionary (a deterministic sample)."""
    return [w for w, count in islice(tokenizer.FREQ.items(), 0, None, 97) if count]


def test_segments_match_jieba_on_fixtures_and_bench(stock: jieba.Tokenizer) -> None:
    texts = [*_fixture_lines(), *_bench_texts()]
    assert len(texts) > 500
    for text in texts:
        assert cjk._segmenter().lcut(text) == stock.lcut(text), text


def test_segments_match_jieba_on_random_strings(stock: jieba.Tokenizer) -> None:
    texts = _mixed_strings(_dictionary_sample(stock))
    texts += _random_strings(COMMON + BENCH + RARE + OTHER, RANDOM_STRINGS, 11)
    for text in texts:
        assert cjk._segmenter().lcut(text) == stock.lcut(text), text


def test_segments_match_jieba_with_user_words() -> None:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, count in [("柳溪鎮", 50), ("渡輪票價", 3), ("港區自動化", 1000), ("吳俊宏", None)]:
        tokenizer.add_word(word, count)
    fast = cjk.Segmenter(tokenizer.FREQ, tokenizer.total)
    for text in [*_bench_texts(), *_mixed_strings(["柳溪鎮", "渡輪", "票價", "吳俊宏"])]:
        assert fast.lcut(text) == tokenizer.lcut(text), text


def test_route_ties_are_broken_as_jieba_breaks_them() -> None:
    """With every count 1 and a total of 1, all routes score 0.0: only the tie rule decides."""
    freq: dict[str, int] = {}
    for word in ["海灣", "海灣市", "灣市", "市長", "長林", "林文秀", "文秀", "港", "海"]:
        for size in range(1, len(word)):
            freq.setdefault(word[:size], 0)  # jieba's dictionary holds every prefix
        freq[word] = 1
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, 1, True
    fast = cjk.Segmenter(freq, 1)
    for text in _random_strings("海灣市長林文秀港口A1，", RANDOM_STRINGS, 17):
        assert fast.lcut(text) == tokenizer.lcut(text), text


def test_hmm_matches_jieba_finalseg() -> None:
    for run in _random_strings(COMMON + BENCH + RARE + "ABC012.%", RANDOM_STRINGS, 5):
        assert list(cjk._unknown_run_words(run)) == list(jieba.finalseg.cut(run)), run


def _obvious_terms(text: str) -> list[str]:
    """Return cjk_terms as it was written before its fast path."""
    if cjk.KANA.search(text):
        runs = [*cjk.KATAKANA_RUN.finditer(text), *cjk.KANJI_RUN.finditer(text)]
        pieces = [term for _, term in sorted((m.start(), m.group(0)) for m in runs)]
    else:
        pieces = [w for w in cjk.segments(text) if cjk.TERM_CHAR.search(w)]
    return [
        p
        for p in pieces
        if len(p) >= 2 and p not in CJK_STOPWORDS and not p.isdigit() and not cjk.CJK_TIME.search(p)
    ]


def test_terms_match_the_obvious_filter() -> None:
    texts = [*_fixture_lines(), *_random_strings(COMMON + KANA + DATE_CHARS + "々", 2000, 3)]
    for text in texts:
        assert cjk.cjk_terms(text) == _obvious_terms(text), text


@pytest.mark.parametrize(
    ("pattern", "marks"),
    [
        (cjkfacts.CJK_DATE, "月"),
        (cjkfacts.WEEKDAY, "期週周曜"),
        (cjkfacts.DAY_ONLY, "日"),
        (cjkquotes.QUOTE_BEFORE, "「“"),
        (cjkquotes.QUOTE_AFTER, "「“"),
    ],
)
def test_patterns_never_match_without_their_mark(pattern: re.Pattern[str], marks: str) -> None:
    """A sentence lacking the mark is skipped: check no match could have been missed."""
    alphabet = DATE_CHARS + "「」，表示說他市長" + COMMON[:10]
    for text in [*_fixture_lines(), *_random_strings(alphabet, 5000, 13)]:
        if pattern.search(text):
            assert any(mark in text for mark in marks), text
    assert cjkfacts.WEEKDAY_MARK.pattern == f"[{'期週周曜'}]"


def test_organization_words_end_in_a_known_character() -> None:
    tokens = [*cjkfacts.ORGANIZATION_SUFFIXES, "委員", "北部", "局長", "公司法", "海事局", "x"]
    for token in tokens:
        if cjkfacts._organization_suffix(token):
            assert token[-1] in cjkfacts.SUFFIX_ENDS, token
