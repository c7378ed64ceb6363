"""Write the simple YAML that front matter holds exactly as PyYAML's dump writes it.

PyYAML's representer is pure Python, even with libyaml's emitter, and took about a tenth of
rendering. Front matter is a mapping of strings, None, booleans, lists of strings and such
mappings; for those, PyYAML's output only depends on whether each string is written plain or
in single quotes, which its emitter decides by a few indicator rules and the implicit
resolvers (yaml.emitter.Emitter.analyze_scalar and choose_scalar_style, restated here for one
line of printable text). Anything else (double quotes, line breaks, long or astral strings,
other types) gets None and goes to PyYAML; tests compare both on many hostile strings. The
read-back check in front_matter runs on either.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from yaml import ScalarNode
from yaml.resolver import Resolver

# Strings at most this long are never folded: PyYAML breaks lines past a column of
# `width` (front matter uses 10,000), and keys and indents add a few dozen characters.
MAX_SCALAR = 5_000
# One line of characters PyYAML writes as they are with allow_unicode: printable ASCII and
# the Basic Multilingual Plane without line breaks (U+0085, U+2028, U+2029), surrogates,
# the BOM and non-characters. Others get double quotes, escapes or (astral) emitter quirks.
SIMPLE_CHARS = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
# What stops a one-line string from being a block plain scalar (analyze_scalar): a leading
# or trailing space, a document marker, a leading indicator, "-", "?" or ":" before a space
# or the end, ": " or a final ":" later on, and " #".
NOT_PLAIN = re.compile(r"\A(?:---|\.\.\.|[#,\[\]{}&*!|>'\"%@`]|[-?:](?: |\Z)| )| \Z|.:(?: |\Z)| #")
STR_TAG = "tag:yaml.org,2002:str"
# Keys written plain (unless they read as something else); any other key goes to PyYAML.
SIMPLE_KEY = re.compile("[a-z][a-z_]*")
KEY_CACHE = 256
INDENT = "  "


def scalar(text: str, resolver: Resolver) -> str | None:
    """Return a string as PyYAML writes it in block context (plain or single-quoted), or None
    when it would write it otherwise or over several lines."""
    if len(text) > MAX_SCALAR or SIMPLE_CHARS.fullmatch(text) is None:
        return None
    if text and NOT_PLAIN.search(text) is None and _reads_as_string(text, resolver):
        return text
    return "'" + text.replace("'", "''") + "'"


def _reads_as_string(text: str, resolver: Resolver) -> bool:
    """Return True when plain `text` reads back as a string (not "yes", "1.5", "null"...)."""
    implicit = resolver.yaml_implicit_resolvers
    if text[0] not in implicit and None not in implicit:
        return True  # resolve() only tries resolvers filed under the first character
    tag: str = resolver.resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == STR_TAG


@functools.lru_cache(maxsize=KEY_CACHE)
def _plain_key(key: str) -> bool:
    """Return True for a key PyYAML writes plain; front matter uses a dozen, on every page."""
    return SIMPLE_KEY.fullmatch(key) is not None and scalar(key, Resolver()) == key


def dump_mapping(data: Mapping[str, object]) -> str | None:
    """Return yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=10_000,
    default_flow_style=False) for simple data, else None."""
    lines: list[str] = []
    if not data or not _mapping_lines(data, "", Resolver(), lines):
        return None
    lines.append("")
    return "\n".join(lines)


def _mapping_lines(data: Mapping[str, object], indent: str, resolver: Resolver,
                   lines: list[str]) -> bool:
    """Append a block mapping's lines; return False when it is not simple."""
    if not all(type(key) is str and _plain_key(key) for key in data):
        return False  # e.g. "yes" or "null", which PyYAML quotes
    for key in sorted(data):
        value = data[key]
        head = f"{indent}{key}:"
        if type(value) is dict:
            if not value:
                lines.append(head + " {}")
                continue
            lines.append(head)
            if not _mapping_lines(value, indent + INDENT, resolver, lines):
                return False
        elif type(value) is list:
            if not value:
                lines.append(head + " []")
                continue
            lines.append(head)  # a sequence in a mapping is not indented
            for item in value:
                written = scalar(item, resolver) if type(item) is str else None
                if written is None:
                    return False
                lines.append(f"{indent}- {written}")
        else:
            written = _simple_value(value, resolver)
            if written is None:
                return False
            lines.append(f"{head} {written}")
    return True


def _simple_value(value: object, resolver: Resolver) -> str | None:
    """Return a string, None or a boolean as PyYAML writes it; None for anything else.

    Types are matched exactly, as SafeRepresenter does: it refuses subclasses.
    """
    if type(value) is str:
        return scalar(value, resolver)
    if value is None:
        return "null"
    if type(value) is bool:
        return "true" if value else "false"
    return None
