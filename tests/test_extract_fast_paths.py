"""Extraction's fast paths give what their slow, obvious versions give (issue 9)."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from hostile.strings import OWN_STRINGS, shared_strings

from generator.data.furniture import (
    CUES,
    GUARDED,
    PATTERNS,
    PHRASES,
    _guards_passed,
    furniture_reason,
)
from generator.extract.dateline import END_SUFFIX, strip_end_suffix
from generator.extract.decode import CONTROL_CHARS, _control_count
from generator.extract.text import (
    CONTROL,
    INVISIBLE,
    SPACE_RUN,
    clean_line,
    clean_lines,
    join_paragraphs,
)

FIXTURES = Path(__file__).parent / "fixtures"
# Pieces that lines of furniture and of story text are made of, joined at random below.
PIECES = (
    "Download",
    "the",
    "app",
    "Privacy",
    "cookies",
    "you",
    "please",
    "Photo",
    ":",
    "Reuters",
    "©",
    "2026",
    "All rights reserved.",
    "|",
    "Home",
    "»",
    "inbox",
    "Read more",
    "Related",
    "0:00",
    "/",
    "846 views",
    "資料照",
    "（",
    "）",
    "隱私",
    "同意",
    "İstanbul",
    "ı",
    "写真：",
    "（海光社資料照）",
    "Listen to this article",
    "Subscribe",
    "Story continues below",
    "the council said on Tuesday",
    "\u3000",
    "x",
    "12",
    "Sign up",
    "courtesy of",
)


def _slow_reason(line: str) -> str | None:
    """Return the reason by trying the table's patterns one by one (the reference)."""
    text = line.strip()
    folded = text.casefold()
    dotted_i = "İ" in text or "ı" in text
    for name, pattern in PATTERNS:
        cues = CUES.get(name)
        if cues and not dotted_i and not any(cue in folded for cue in cues):
            continue
        if pattern.match(text):
            return name
    key = folded.rstrip(":.»› ").strip()
    return "phrase" if key in PHRASES else None


def _fixture_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".html", ".json", ".md"):
            lines.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
    return lines


def test_furniture_table_as_one_alternation_gives_the_same_reason() -> None:
    rng = random.Random(9)
    made = [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 9))) for _ in range(6000)]
    lines = [*_fixture_lines(), *OWN_STRINGS, *shared_strings(), *made, *sorted(PHRASES)]
    reasons = set()
    for line in lines:
        expected = _slow_reason(line)
        assert furniture_reason(line) == expected, repr(line)
        reasons.add(expected)
    # The sample reaches every entry of the table, so each alternative was really tried.
    assert reasons >= {name for name, _ in PATTERNS} | {"phrase", None}


def test_every_line_a_guarded_pattern_matches_passes_its_guard() -> None:
    rng = random.Random(10)
    pieces = (
        *PIECES,
        "ſ",
        "S",
        "E",
        "O",
        "e",
        "٣",
        "7",
        ")",
        "）",
        "(",
        "（",
        "写真",
        "圖 ",
        "：",
        "|",
        "›",
        "»",
        "·",
        ">",
        " app",
        " App",
        "Focus Taiwan",
        "CNA",
        "file",
        "Photos",
        "images",
        "picture",
        "PICTURE",
        "Aug.",
        "19,",
        "2025",
        "攝",
        "提供",
        "a" * 30,
    )
    made = [
        "".join(rng.choice(pieces) + rng.choice(("", " ")) for _ in range(rng.randint(1, 8)))
        for _ in range(30000)
    ]
    edges = [*("x" * length + " app" for length in range(36, 44)), "Reuters photoſ", "File PHOTO)"]
    lines = [*_fixture_lines(), *OWN_STRINGS, *shared_strings(), *made, *edges]
    tables = {name: pattern for name, pattern in PATTERNS if name in GUARDED}
    matched = set()
    for line in lines:
        text = line.strip()
        passed = _guards_passed(text)
        for name, pattern in tables.items():
            if pattern.match(text):
                assert name in passed, (name, line)
                matched.add(name)
    assert matched == GUARDED


def test_end_suffix_skip_is_sound() -> None:
    rng = random.Random(30)
    endings = (
        "Enditem",
        "enditem/AW",
        "ENDITEM / ZW/LC",
        "(END)",
        "( end )",
        "--END--",
        "-- ends --",
        "（完）",
        "（編輯：林文秀）",
        "(編輯:張志明)1",
        "said.",
        "said.\n",
        "(END)\n",
        "x_",
        "a/",
        "2026",
        "-",
        ")",
        "）",
        "\u3000",
        "ends",
        "end.",
    )
    lines = [*_fixture_lines(), *OWN_STRINGS, *shared_strings(), ""]
    lines += [
        rng.choice(PIECES) + rng.choice((" ", "\t", "\u3000", "")) + rng.choice(endings)
        for _ in range(4000)
    ]
    removed = 0
    for line in lines:
        stripped = END_SUFFIX.sub("", line)
        assert strip_end_suffix(line) == (stripped, stripped != line), repr(line)
        removed += stripped != line
    assert removed > 100  # the sample holds real markers, not only lines the skip passes over


# Characters that clean_line changes or that sit next to what it changes, for random lines.
MESSY = (
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "\r",
    "\x07",
    "\x1f",
    "\u3000",
    "\u2028",
    "\x85",
    "\n",
    "e\u0301",
    "\u0301",
    "é",
    "Å",
    "\ufb01",
    "x",
    "字",
)


def _slow_clean_line(line: str) -> str:
    """Return the line cleaned always, as before the already-clean check (the reference)."""
    line = INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    line = CONTROL.sub(" ", line.replace("\r", ""))
    return SPACE_RUN.sub(" ", line).strip()


def _slow_join(paragraphs: Iterable[str]) -> str:
    """Return paragraphs joined by cleaning each one (the reference)."""
    cleaned = (_slow_clean_line(p.replace("\n", " ")) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def _messy_lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    made = [
        "".join(
            rng.choice(MESSY if rng.random() < 0.3 else PIECES) for _ in range(rng.randint(0, 6))
        )
        for _ in range(count)
    ]
    return [*_fixture_lines(), *OWN_STRINGS, *shared_strings(), *made]


def test_clean_line_skip_is_sound() -> None:
    for line in _messy_lines(11, 8000):
        assert clean_line(line) == _slow_clean_line(line), repr(line)


def test_join_paragraphs_of_clean_text_gives_the_same_text() -> None:
    rng = random.Random(12)
    lines = _messy_lines(13, 3000)
    clean = [c for line in lines if (c := _slow_clean_line(line))]
    groups = [rng.sample(clean, rng.randint(0, 6)) for _ in range(3000)]  # the usual case
    groups += [rng.sample(lines, rng.randint(0, 6)) for _ in range(3000)]
    groups += [[*g, rng.choice(("", " ", "a\nb", "a\n", "\n", "\u200b"))] for g in groups[:500]]
    fast = 0
    for group in groups:
        expected = _slow_join(group)
        assert join_paragraphs(group) == expected, repr(group)
        assert join_paragraphs(iter(group)) == expected, repr(group)
        fast += expected == "\n\n".join(group)
    assert 1000 < fast < len(groups)  # both the quick and the full path were taken


def test_clean_lines_of_clean_text_gives_the_same_lines() -> None:
    rng = random.Random(15)
    lines = _messy_lines(16, 3000)
    clean = [c for line in lines if (c := _slow_clean_line(line))]
    groups = [rng.sample(clean, rng.randint(0, 8)) + [""] * rng.randint(0, 1) for _ in range(3000)]
    groups += [rng.sample(lines, rng.randint(0, 6)) for _ in range(3000)]
    odd = (" ", "a\nb", "a\n", "\n", "\u200b", "\u3000x")
    groups += [[*g, rng.choice(odd)] for g in groups[:500]]
    fast = 0
    for group in groups:
        expected = [c for line in group if (c := _slow_clean_line(line))]
        assert clean_lines(group) == expected, repr(group)
        fast += expected == [line for line in group if line]
    assert 1000 < fast < len(groups)  # both the quick and the full path were taken


def test_control_count_counts_as_the_regex() -> None:
    rng = random.Random(14)
    alphabet = (
        "a",
        "\x00",
        "\x08",
        "\t",
        "\n",
        "\x0b",
        "\x0c",
        "\r",
        "\x0e",
        "\x1f",
        "\x7f",
        "\x80",
        "\x9f",
        "é",
        "字",
        "\ud800",
        "\U0001f600",
        "\ufffd",
    )
    texts = [*_fixture_lines(), *OWN_STRINGS, *shared_strings()]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(4000)]
    texts += [chr(code) for code in range(0x3000)]
    for text in texts:
        assert _control_count(text) == len(CONTROL_CHARS.findall(text)), repr(text)
