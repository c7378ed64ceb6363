"""Front matter written with a YAML library from a schema, and checked by reading it back."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from generator.errors import FrontMatterError
from generator.render.html import clean

# A character beyond U+FFFF (emoji, rare CJK): the one kind libyaml and PyYAML write apart.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# libyaml's dumper when PyYAML was built with it.
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# Allowed keys and their types. Anything else is a programming error, not scraped data.
SCHEMA: Mapping[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "hide": list,
    "search": dict,
    "newsdigest": dict,
}


def front_matter(meta: Mapping[str, Any]) -> str:
    """Return a `---` fenced YAML block for `meta`, verified to round-trip exactly.

    The check reads the block back with MkDocs's own front-matter reader, which ends the
    block at the first `---` or `...` line and silently drops front matter YAML cannot
    load: a string that could do either is caught here, not in the built site. That reader
    (libyaml's loader) is the only one that reads these pages, so it is the only check.
    """
    for key, value in meta.items():
        expected = SCHEMA.get(key)
        if expected is None or not isinstance(value, expected):
            raise FrontMatterError(f"front matter key {key!r} not allowed with {type(value)}")
    data = {k: _clean(v) for k, v in meta.items()}
    # libyaml's emitter (C, fast) writes what PyYAML's does, except that it escapes characters
    # beyond U+FFFF, which PyYAML writes as they are: those pages keep PyYAML's pure Python
    # one, so that a page's bytes do not depend on whether PyYAML was built with libyaml.
    dumper = yaml.SafeDumper if _astral(data) else FAST_DUMPER
    text = yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=True,
        width=10_000,
        default_flow_style=False,
    )
    block = f"---\n{text}---\n"
    # Imported here: loading MkDocs is a fifth of the start-up of a run that renders nothing.
    from mkdocs.utils.meta import get_data  # noqa: PLC0415

    if get_data(block + "\n")[1] != data:
        raise FrontMatterError("front matter does not read back as written")
    return block


def _astral(value: Any) -> bool:
    """Return True when a string in value holds a character beyond the Basic Multilingual Plane."""
    if isinstance(value, str):
        return not value.isascii() and ASTRAL.search(value) is not None
    if isinstance(value, list):
        return any(_astral(v) for v in value)
    if isinstance(value, dict):
        return any(_astral(v) for v in value.values())
    return False


def _clean(value: Any) -> Any:
    """Drop characters YAML cannot carry and that no reader should see."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value
