"""Rendering's fast paths write the bytes their slow, obvious versions write (issue 9)."""

from __future__ import annotations

import copy
import html
import posixpath
from itertools import product

import pytest
import yaml
from hostile.strings import OWN_STRINGS, fast_subset, shared_strings

from generator.render.frontmatter import front_matter
from generator.render.html import CONTROL_CHARS, INVISIBLE_CHARS, LINE_BREAK, clean, esc, href

HOSTILE = list(OWN_STRINGS) + shared_strings()
# PyYAML's pure Python emitter, the reference, takes about a millisecond a block.
FRONT_MATTER_SAMPLE = 1500
SEGMENTS = ("", "a", "b", "tags", "x-1", ".", "..")


def _python_block(meta: dict[str, object]) -> str:
    """Return front matter as PyYAML's pure Python emitter writes it (the reference)."""
    data = copy.deepcopy(meta)
    for key in ("title", "description"):
        data[key] = clean(data[key])
    data["newsdigest"]["tags"] = [clean(t) for t in data["newsdigest"]["tags"]]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=10_000,
                          default_flow_style=False)
    return f"---\n{text}---\n"


def test_front_matter_bytes_do_not_depend_on_the_emitter() -> None:
    samples = fast_subset(HOSTILE, FRONT_MATTER_SAMPLE)
    for text in [*OWN_STRINGS, *samples, "emoji 👩🏽 and 𠀋", "plain title", "a: b # c"]:
        meta = {"title": text, "description": text,
                "newsdigest": {"kind": "article", "tags": [text, "Taiwan"], "url": None}}
        assert front_matter(meta) == _python_block(meta), repr(text)


def test_esc_matches_the_escape_chain() -> None:
    for text in [*HOSTILE, "", "plain", "l'été", "a\r\nb"]:
        stripped = CONTROL_CHARS.sub("", INVISIBLE_CHARS.sub("", text))
        assert clean(text) == stripped, repr(text)
        assert esc(text) == LINE_BREAK.sub("&#10;", html.escape(stripped, quote=True)), repr(text)


@pytest.mark.parametrize("source", ["/".join(a) for a in product(SEGMENTS, repeat=2)])
def test_href_matches_relpath(source: str) -> None:
    for target in ("/".join(b) for b in product(SEGMENTS, repeat=3)):
        relative = posixpath.relpath(f"/{target}/", f"/{source}/")
        expected = "./" if relative == "." else relative + "/"
        assert href(source + ".md", target + ".md") == expected, target
