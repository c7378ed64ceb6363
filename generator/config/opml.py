"""Read an OPML subscription list and add its feeds to newsdigest.yml's text (pure: no I/O).

OPML files come from other programs and other people: they are parsed with lxml with no
entity resolution, no DTD loading and no network, and a file declaring entities is refused.
newsdigest.yml is edited as text (new entries appended to the `sources:` block), never
re-dumped, so its comments, order and layout stay as the editor wrote them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from generator.errors import ConfigError, InputError

# The top-level `sources:` key line, with an optional comment after it.
SOURCES_KEY = re.compile(r"^sources:[ \t]*(?P<rest>.*)$", re.MULTILINE)
# An empty flow list after the key (`sources: []`), which block entries replace.
EMPTY_FLOW = re.compile(r"^\[\s*\]\s*(#.*)?$")
# The dash of a block-sequence item, capturing its indentation.
ITEM_DASH = re.compile(r"^(?P<indent>[ \t]*)- ")
# Characters a YAML scalar or a comment line must not carry (controls, line separators).
UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class OpmlFeed:
    """One feed outline: its place in the file, its title (may be empty) and its URL."""

    number: int  # 1-based position among the file's outlines, for messages
    title: str
    url: str


@dataclass(frozen=True)
class Outcome:
    """What an import does: the sources to add and one problem line per skipped outline."""

    added: tuple[tuple[str, str], ...]  # (source name, feed URL), in file order
    problems: tuple[str, ...]
    malformed: bool  # some outline was unusable (not only a duplicate)


def parse_opml(data: bytes, file: str) -> list[OpmlFeed | str]:
    """Return the file's outlines in order: a feed, or a problem line for an unusable one."""
    parser = lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise InputError(f"{file}: not well-formed XML: {error}") from error
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        raise InputError(f"{file}: declares XML entities, refused")
    if lxml.etree.QName(root).localname.lower() != "opml":
        raise InputError(f"{file}: not an OPML file (root element <{root.tag}>)")
    found: list[OpmlFeed | str] = []
    for number, outline in enumerate(root.iter("outline"), start=1):
        attrs = {str(k).lower(): str(v).strip() for k, v in outline.attrib.items()}
        title = _one_line(attrs.get("title") or attrs.get("text") or "")
        where = f"{file}: outline {number}" + (f" ({title!r})" if title else "")
        url = attrs.get("xmlurl", "")
        if not url:
            if len(outline) == 0:  # a folder holds outlines; a bare leaf is a broken entry
                found.append(f"{where}: no xmlUrl, skipped")
            continue
        reason = url_problem(url)
        found.append(f"{where}: {reason}, skipped" if reason else OpmlFeed(number, title, url))
    return found


def _one_line(text: str) -> str:
    return " ".join(UNSAFE_CHARS.sub(" ", text).split())


def url_problem(url: str) -> str | None:
    """Return why a feed URL cannot be a source (None when it is a usable http(s) URL)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return f"malformed URL {url!r}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http or https URL: {url!r}"
    if not parts.hostname or UNSAFE_CHARS.search(url) or " " in url:
        return f"malformed URL {url!r}"
    return None


def url_key(url: str) -> str:
    """Return the URL as duplicates compare: scheme and host case-folded, the rest as is."""
    parts = urlsplit(url.strip())
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()).geturl()


def plan_import(
    found: Sequence[OpmlFeed | str], names: Iterable[str], urls: Iterable[str], file: str
) -> Outcome:
    """Choose the sources to add: skip URLs already configured or listed twice, name the rest."""
    taken_names = {n.casefold() for n in names}
    seen = {url_key(u): "newsdigest.yml" for u in urls}
    added, problems, malformed = [], [], False
    for item in found:
        if isinstance(item, str):
            problems.append(item)
            malformed = True
            continue
        where = f"{file}: outline {item.number}" + (f" ({item.title!r})" if item.title else "")
        key = url_key(item.url)
        if key in seen:
            problems.append(f"{where}: duplicate of a feed already in {seen[key]}, skipped")
            continue
        seen[key] = f"outline {item.number}"
        name = unique_name(
            item.title or urlsplit(item.url).hostname or item.url, item.url, taken_names
        )
        taken_names.add(name.casefold())
        added.append((name, item.url))
    return Outcome(tuple(added), tuple(problems), malformed)


def unique_name(title: str, url: str, taken: set[str]) -> str:
    """Return the title, or the title with the feed's host (then a number) when taken."""
    candidates = [title, f"{title} ({urlsplit(url).hostname})"]
    candidates += [f"{candidates[1]} {n}" for n in range(2, 1000)]
    return next(c for c in candidates if c.casefold() not in taken)


def append_sources(config_text: str, sources: Sequence[tuple[str, str]], note: str) -> str:
    """Return newsdigest.yml's text with the sources appended to its `sources:` list."""
    if not sources:
        return config_text
    match = SOURCES_KEY.search(config_text)
    if match is None:
        body = config_text if config_text.endswith("\n") or not config_text else config_text + "\n"
        return body + "sources:\n" + _entries(sources, "  ", note)
    rest = match["rest"].strip()
    if rest and not rest.startswith("#"):
        if not EMPTY_FLOW.match(rest):
            raise ConfigError("newsdigest.yml: sources: expected a block list to append to")
        config_text = config_text[: match.start()] + "sources:" + config_text[match.end() :]
        match = SOURCES_KEY.search(config_text)
        assert match is not None
    lines = config_text.splitlines(keepends=True)
    start = config_text.count("\n", 0, match.start()) + 1  # first line after the key
    end, indent = _block_end(lines, start)
    new = _entries(sources, indent, note)
    if end and not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + new + "".join(lines[end:])


def _block_end(lines: Sequence[str], start: int) -> tuple[int, str]:
    """Return the line after the block's last entry line, and the block's item indentation."""
    end, indent = start, None
    for i in range(start, len(lines)):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue  # blank lines and comments belong to whatever follows them
        dash = ITEM_DASH.match(line)
        if not line[0].isspace() and dash is None:
            break  # the next top-level key
        if indent is None and dash is not None:
            indent = dash["indent"]
        end = i + 1
    return end, indent if indent is not None else "  "


def _entries(sources: Sequence[tuple[str, str]], indent: str, note: str) -> str:
    """Return the YAML lines of new sources (JSON strings are valid YAML double-quoted)."""
    lines = [f"{indent}# {_one_line(note)}\n"] if note else []
    for name, url in sources:
        lines.append(f"{indent}- name: {json.dumps(name, ensure_ascii=False)}\n")
        lines.append(f"{indent}  feed: {json.dumps(url, ensure_ascii=False)}\n")
    return "".join(lines)
