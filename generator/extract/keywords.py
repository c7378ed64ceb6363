"""Publisher tags: the page's own keywords, cleaned into a short list of short phrases.

Sources, each optional: meta `keywords` / `news_keywords`, every `article:tag`, JSON-LD
`keywords` (a string or a list), a text dump's "Tags: A, B" line, a JSON record's `tags` or
`keywords`. Feed and source tags come first when merged; then the page's, in page order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generator.extract.text import clean_line, unescape_entities

# Separators between tags inside one keywords string: comma, semicolon, CJK comma, pipe.
TAG_SEP = re.compile(r"\s*[,;|、，；]\s*")
# A dump line that lists the publisher's tags: "Tags: Harbour, Ferries", "Keywords: a; b".
TAGS_LINE = re.compile(
    r"^(?:tags?|keywords|topics|tagged(?:\s+with)?)\s*[:：]\s*(?P<tags>\S.*)$", re.IGNORECASE
)
# A value that is no tag: a URL, a path, an id or a number, or a sentence fragment holding
# sentence punctuation or quotes ("BANGKOK: Ein TikTok-Video", cut from a description).
NOT_A_TAG = re.compile(
    r"^(?:https?://|www\.|/)|^[\d\W_]+$|^[\w-]*\d[\w-]*\d[\w-]*$|[:!?\"“”„«<>{}=]",
    re.IGNORECASE,
)
# Longest tag kept, in words and characters: a tag is a short phrase, not a sentence; one
# word longer than MAX_WORD_CHARS is a run-together class name ("textbelowcenterfullbleed").
MAX_TAG_WORDS = 5
MAX_TAG_CHARS = 40
MAX_WORD_CHARS = 20
# Most tags an article carries from its publisher and feed together.
MAX_TAGS = 10


def split_tags(value: Any) -> list[str]:
    """Return the tags in a keywords value: a separated string or a list of strings."""
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        if isinstance(item, str):  # decoded first: "&amp;" holds a separator
            found.extend(TAG_SEP.split(unescape_entities(item)))
    return found


def clean_tag(tag: str) -> str | None:
    """Return a tag with entities decoded and spaces collapsed, or None when it is no tag."""
    text = clean_line(unescape_entities(tag)).strip(" '#.:»›-")
    if not text or NOT_A_TAG.search(text):
        return None
    words = text.split()
    if len(text) > MAX_TAG_CHARS or len(words) > MAX_TAG_WORDS:
        return None
    return None if len(words) == 1 and len(text) > MAX_WORD_CHARS else text


def merge_tags(*groups: Iterable[str]) -> tuple[str, ...]:
    """Return the groups' tags cleaned, first spelling kept, without case-folded repeats."""
    seen: set[str] = set()
    merged: list[str] = []
    for group in groups:
        for tag in group:
            clean = clean_tag(tag)
            if clean is None or clean.casefold() in seen:
                continue
            seen.add(clean.casefold())
            merged.append(clean)
    return tuple(merged[:MAX_TAGS])


def tags_line(line: str) -> list[str] | None:
    """Return the tags a "Tags: A, B" line lists, or None when the line is not one."""
    match = TAGS_LINE.match(line)
    if match is None or line.endswith((".", "!", "?", "。", "！", "？")):  # a sentence
        return None
    tags = [t for t in split_tags(match.group("tags")) if clean_tag(t)]
    return tags or None
