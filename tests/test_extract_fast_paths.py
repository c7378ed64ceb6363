"""Extraction's fast paths give what their slow, obvious versions give (issue 9)."""

from __future__ import annotations

import random
from pathlib import Path

from hostile.strings import OWN_STRINGS, shared_strings

from generator.data.furniture import CUES, PATTERNS, PHRASES, furniture_reason
from generator.extract.dateline import END_SUFFIX, strip_end_suffix

FIXTURES = Path(__file__).parent / "fixtures"
# Pieces that lines of furniture and of story text are made of, joined at random below.
PIECES = ("Download", "the", "app", "Privacy", "cookies", "you", "please", "Photo", ":",
          "Reuters", "©", "2026", "All rights reserved.", "|", "Home", "»", "inbox",
          "Read more", "Related", "0:00", "/", "846 views", "資料照", "（", "）", "隱私", "同意",
          "İstanbul", "ı", "写真：", "（海光社資料照）", "Listen to this article", "Subscribe",
          "Story continues below",
          "the council said on Tuesday", "\u3000", "x", "12", "Sign up", "courtesy of")


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


def test_end_suffix_skip_is_sound() -> None:
    rng = random.Random(30)
    endings = ("Enditem", "enditem/AW", "ENDITEM / ZW/LC", "(END)", "( end )", "--END--",
               "-- ends --", "（完）", "（編輯：林文秀）", "(編輯:張志明)1", "said.", "said.\n",
               "(END)\n", "x_", "a/", "2026", "-", ")", "）", "\u3000", "ends", "end.")
    lines = [*_fixture_lines(), *OWN_STRINGS, *shared_strings(), ""]
    lines += [rng.choice(PIECES) + rng.choice((" ", "\t", "\u3000", "")) + rng.choice(endings)
              for _ in range(4000)]
    removed = 0
    for line in lines:
        stripped = END_SUFFIX.sub("", line)
        assert strip_end_suffix(line) == (stripped, stripped != line), repr(line)
        removed += stripped != line
    assert removed > 100  # the sample holds real markers, not only lines the skip passes over
