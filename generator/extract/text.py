"""Text normalisation shared by every input kind, and language from script."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

# Zero-width characters, soft hyphen, BOM and bidi controls: invisible, never meaningful here.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Runs of horizontal white space (incl. no-break and ideographic spaces) inside a line.
# The ideographic space (U+3000) is kept: Japanese and Chinese headlines use it on purpose.
SPACE_RUN = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f]+")
# Other control characters that decoding may leave behind (keeps \n).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# A character clean_line would change inside a line: an invisible or control character, a
# carriage return or a space other than " ". Two spaces in a row are looked for apart, with
# `in`: in one alternation the regex stopped at every space of the text to try both.
UNCLEAN_CHAR = re.compile(
    "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0b-\x1f\x7f\t\u00a0\u1680\u2000-\u200a\u202f\u205f]"
)
# Sentence-ending punctuation (Latin and CJK), optionally followed by closing quotes/brackets.
TERMINAL = re.compile(r"[.!?:;。！？…][\"'”’»）)」』]*$")
# Letters written in Han, kana or hangul, counted for language detection.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
# A BCP 47 language tag's primary subtag ("en" of "en-US", "zh" of "zh_TW").
LANG_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][\w-]*)?\s*$")

# An HTML character reference left in text: "&#8211;", "&#x2014;", "&amp;", "&rsquo;".
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Share of letters that must be CJK before the text counts as Chinese, Japanese or Korean.
CJK_SHARE = 0.3


def clean_line(line: str) -> str:
    """Return one line in NFC with invisible characters removed and spaces collapsed."""
    if not (line[:1].isspace() or line[-1:].isspace()) and _is_clean(line):
        return line  # already clean (most lines are, and many are cleaned more than once)
    line = INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    line = CONTROL.sub(" ", line.replace("\r", ""))
    return SPACE_RUN.sub(" ", line).strip()


def unescape_entities(text: str) -> str:
    """Return text with character references decoded once, as a browser shows them.

    JSON-LD and JSON records carry raw text, which HTML parsing never decoded; attributes
    and titles escaped twice keep a literal "&#8211;" after parsing. Text without a
    reference is returned as it is.
    """
    return html.unescape(text) if ENTITY.search(text) else text


def _is_clean(text: str) -> bool:
    """Return True when clean_line would leave every line of text as it is."""
    return not (UNCLEAN_CHAR.search(text) or "  " in text) and unicodedata.is_normalized(
        "NFC", text
    )


def clean_lines(lines: Sequence[str]) -> list[str]:
    """Return the lines cleaned by clean_line, empty ones dropped.

    Lines (of trafilatura's text) are usually clean already: one check of them joined
    instead of one per line. No line may hold a line break or start or end in white space.
    """
    joined = "\n".join(lines)
    if (
        joined.count("\n") == len(lines) - 1
        and not any(line[:1].isspace() or line[-1:].isspace() for line in lines)
        and _is_clean(joined)
    ):
        return [line for line in lines if line]
    return [clean for line in lines if (clean := clean_line(line))]


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Return paragraphs cleaned, empty ones dropped, separated by exactly one blank line."""
    paragraphs = list(paragraphs)
    joined = "\n\n".join(paragraphs)
    # Paragraphs are usually clean already (the body cleaner made them): one check of the
    # joined text instead of cleaning each again. A line break only at the separators, and
    # no paragraph empty or with white space at either end, leaves the checks per line.
    if (
        joined.count("\n") == 2 * len(paragraphs) - 2
        and all(paragraphs)
        and not any(p[0].isspace() or p[-1].isspace() for p in paragraphs)
        and _is_clean(joined)
    ):
        return joined
    cleaned = (clean_line(p.replace("\n", " ")) for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def paragraphs_from_lines(text: str) -> list[str]:
    """Split text where each non-blank line (or blank-line-separated block) is a paragraph."""
    return clean_lines(text.split("\n"))


def language_tag(value: str | None) -> str | None:
    """Return the primary language subtag, lower-cased, of a tag like "en-US"; else None."""
    match = LANG_TAG.match(value or "")
    return match.group(1).lower() if match else None


def detect_language(text: str) -> str:
    """Return "zh", "ja" or "ko" when CJK script dominates the letters, else "en".

    Kana marks Japanese (Japanese text mixes Han and kana); hangul marks Korean; Han alone
    marks Chinese. Other languages are not guessed: configure them per source.
    """
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return "en"
    han, kana, hangul = (len(p.findall(text)) for p in (HAN, KANA, HANGUL))
    if (han + kana + hangul) / letters < CJK_SHARE:
        return "en"
    if hangul > han + kana:
        return "ko"
    if kana and kana >= 0.1 * (han + kana):
        return "ja"
    return "zh"
