"""The fast Chinese paths give what their slow, obvious versions give (a speed change only).

The term filter is held to its obvious version, the facts' pre-checks to the patterns they
skip; the segments themselves come from rjieba and are checked for what callers rely on.
"""

from __future__ import annotations

import gzip
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.analyse import cjk, cjkfacts, cjkquotes
from generator.analyse.lexicon import CJK_STOPWORDS

TESTS = Path(__file__).resolve().parent
HAN = re.compile(r"[\u3400-\u9fff]")
RANDOM_STRINGS = 3000
# Common and traditional ideographs.
COMMON = (
    "的一是在不了有和人這中大為上個國我以要他時來用們生到作"
    "地於出就分對成會可主發年動同工也能下過子說"
)
RARE = "㐀㑇䶵鿐鿕鿖𠀋𪚥鱻龘靐齉爩饕餮魑魅魍魉"
OTHER = "ABCxyz0123456789.%-+#&_ \t\n\r\u3000，。！？、：；「」（）—…·"
KANA = "のはをにがでとしたるアイウエオカキクケコーンラリルレロ"
DATE_CHARS = "0123456789一二三十〇年月日號号星期週周曜天火水木金土前去今明来來昨間间あたり"


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


def _random_strings(alphabet: str, count: int, seed: int) -> list[str]:
    """Return seeded random strings drawn from an alphabet, up to 40 characters long."""
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 40))) for _ in range(count)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("我們今天去北京開會", ("北京", "開會")),
        ("市政府昨天宣布新的交通計畫", ("市政府", "昨天", "宣布", "交通")),
        ("她在上海工作了三年", ("上海", "工作")),
        ("價格上漲了12.5%", ("價格", "12.5%")),
        ("他說：「我們會繼續努力。」", ("他", "說", "繼續", "努力")),
        # Latin words keep their hyphen (jieba-rs); the Python jieba cut "COVID", "-", "19".
        ("新冠COVID-19疫苗", ("COVID-19", "疫苗")),
    ],
)
def test_segments_cut_common_words_whole(text: str, words: tuple[str, ...]) -> None:
    cut = cjk.segments(text)
    assert "".join(cut) == text
    for word in words:
        assert word in cut, (word, cut)


def test_segments_cover_any_text_exactly_in_order() -> None:
    """Callers map segments back to offsets: no character may be dropped, added or moved."""
    alphabet = COMMON + RARE + OTHER + KANA + DATE_CHARS
    for text in _random_strings(alphabet, RANDOM_STRINGS, 11):
        assert "".join(cjk.segments(text)) == text, text


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
