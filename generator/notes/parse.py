"""Read a note's text into a `Note`: split the `---` fences, compose the YAML, check each key.

Values are taken from the composed YAML nodes rather than from `safe_load`, so an id such
as `000123456789` or a tag such as `on` stays the text the editor wrote instead of becoming
a number or a boolean. Every failure is a `NoteError` naming the file and line.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from generator.errors import FieldError, NoteError
from generator.notes.note import Note, Override, Ref, StoryNote

# A front matter fence: three dashes (or three dots to close, as YAML allows) on their own line.
FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
# A day as the front matter writes it.
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# An article id: 12 lower-case hex digits (generator.ids.ID_LENGTH).
ARTICLE_ID = re.compile(r"^[0-9a-f]{12}$")
# An article page, as a docs path or its URL form, possibly with a site prefix.
ARTICLE_PAGE = re.compile(r"(?:^|/)articles/[^\s]+$")
# An absolute http(s) URL.
HTTP_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
# YAML 1.1 spellings of true (PyYAML's resolver); anything else tagged bool is false.
TRUE_WORDS = frozenset({"yes", "true", "on"})
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter YAML or None, body, body's first line) of a note's text."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 1
    for number, line in enumerate(lines[1:], start=1):
        if FENCE.match(line):
            return "\n".join(lines[1:number]) + "\n", "\n".join(lines[number + 1 :]), number + 2
    raise NoteError("1: front matter opened with --- is never closed (add a --- line)")


# The body `newsdigest note` writes into a new note: a note still holding it is unfinished.
PLACEHOLDER = "Write the note here, in Markdown."
TEMPLATE_BODY = (
    f"{PLACEHOLDER} It appears as an \"Editor's note\" on the article's page "
    "and in the notes index.\n"
)


def placeholder_line(note: Note) -> int | None:
    """Return the file line of the template's placeholder text in the note's body, if any."""
    for offset, line in enumerate(note.body.split("\n")):
        if PLACEHOLDER in line:
            return note.body_line + offset
    return None


def parse_note(text: str, path: str) -> Note:
    """Return the Note in `text`; raise NoteError('LINE: reason') when it is malformed."""
    front, body, body_line = split_front_matter(text.removeprefix("\ufeff"))
    node = _compose(front) if front is not None else None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG):
        return Note(path=path, body=body, body_line=body_line)
    if not isinstance(node, yaml.MappingNode):
        raise NoteError(f"{_line(node)}: front matter must be a mapping of keys to values")
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        check = CHECKS.get(key)
        if check is None:
            raise NoteError(
                f"{_line(key_node)}: {key}: unknown key (expected one of: "
                f"{', '.join(sorted(CHECKS))})"
            )
        if key in values:
            raise NoteError(f"{_line(key_node)}: {key}: given twice")
        try:
            values[key] = check(value_node, key)
        except FieldError as error:
            raise NoteError(f"{error.line}: {error.field}: {error.reason}") from error
    note_keys = {k: v for k, v in values.items() if k in NOTE_FIELDS and v is not None}
    return Note(path=path, body=body, body_line=body_line, **note_keys)


def _compose(front: str) -> yaml.Node | None:
    """Compose the YAML of the front matter; report a syntax error with its file line."""
    try:
        return yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 2
        raise NoteError(f"{line}: invalid YAML: {error.problem or error.context}") from error
    except yaml.YAMLError as error:
        raise NoteError(f"2: invalid YAML: {error}") from error


def _line(node: yaml.Node) -> int:
    """Return the note file's line of a node (the front matter starts on line 2)."""
    return int(node.start_mark.line) + 2


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def text(node: yaml.Node, field: str) -> str | None:
    """Check a text value (numbers, dates and yes/no are kept as written)."""
    if _is_null(node):
        return None
    if not isinstance(node, yaml.ScalarNode):
        raise FieldError(field, _line(node), "expected text")
    value = str(node.value).strip()
    if not value:
        return None
    return value


def flag(node: yaml.Node, field: str) -> bool:
    """Check a true/false value."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL_TAG:
        raise FieldError(field, _line(node), "expected true or false")
    return str(node.value).lower() in TRUE_WORDS


def day(node: yaml.Node, field: str) -> str | None:
    """Check a calendar day written YYYY-MM-DD."""
    value = text(node, field)
    if value is None:
        return None
    try:
        if not DAY.match(value):
            raise ValueError(value)
        datetime.date.fromisoformat(value)
    except ValueError as error:
        raise FieldError(
            field, _line(node), f"expected a day as YYYY-MM-DD, got {value!r}"
        ) from error
    return value


def _items(node: yaml.Node, field: str) -> list[tuple[yaml.Node, str]]:
    """Return the nodes of a list (a single value counts as a list of one), with field names."""
    if _is_null(node):
        return []
    if isinstance(node, yaml.ScalarNode):
        return [(node, f"{field}[0]")]
    if not isinstance(node, yaml.SequenceNode):
        raise FieldError(field, _line(node), "expected a list")
    return [(item, f"{field}[{i}]") for i, item in enumerate(node.value)]


def texts(node: yaml.Node, field: str) -> tuple[str, ...]:
    """Check a list of texts."""
    values = (text(item, name) for item, name in _items(node, field))
    return tuple(v for v in values if v is not None)


def refs(kind: Callable[[yaml.Node, str], str | None]) -> Callable[[yaml.Node, str], Any]:
    """Return a check for a list of references whose items `kind` validates."""

    def check(node: yaml.Node, field: str) -> tuple[Ref, ...]:
        found = ((kind(item, name), name, _line(item)) for item, name in _items(node, field))
        return tuple(Ref(name, value, line) for value, name, line in found if value is not None)

    return check


def article_ref(node: yaml.Node, field: str) -> str | None:
    """Check an article reference: an id, the article's URL, or its page's path."""
    value = text(node, field)
    if (
        value is None
        or ARTICLE_ID.match(value.lower())
        or HTTP_URL.match(value)
        or ARTICLE_PAGE.search(value)
    ):
        return value
    raise FieldError(
        field,
        _line(node),
        f"{value!r} is not an article id (12 hex digits), "
        "the article's URL, or its page path (articles/...)",
    )


def checked_fields(node: yaml.Node, field: str, checks: Mapping[str, Any]) -> dict[str, Any]:
    """Check a mapping whose keys are the ones `checks` knows, each by its check; return the
    non-empty values (empty when the node is null)."""
    if _is_null(node):
        return {}
    if not isinstance(node, yaml.MappingNode):
        *first, last = checks
        raise FieldError(
            field, _line(node), f"expected a mapping with {', '.join(first)} or {last}"
        )
    found: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key, name = str(key_node.value), f"{field}.{key_node.value}"
        if key not in checks:
            raise FieldError(
                name, _line(key_node), f"unknown key (expected one of: {', '.join(checks)})"
            )
        value = checks[key](value_node, name)
        if value:
            found[key] = value
    return found


def override(node: yaml.Node, field: str) -> Override | None:
    """Check the override mapping: title (text), summary (text or list), tags (list)."""
    found = checked_fields(node, field, OVERRIDE_CHECKS)
    return Override(**found) if found else None


def story(node: yaml.Node, field: str) -> StoryNote | None:
    """Check the story mapping: merge (article list), split (article list), title (text)."""
    found = checked_fields(node, field, STORY_CHECKS)
    if len(found.get("merge", ())) == 1:
        raise FieldError(
            f"{field}.merge", _line(node), "name two or more articles whose stories become one"
        )
    return StoryNote(**found) if found else None


def material_hide(node: yaml.Node, field: str) -> tuple[str, ...]:
    """Check Material's own `hide` key (page parts), which must stay a list for MkDocs."""
    if isinstance(node, yaml.ScalarNode) and node.tag == BOOL_TAG:
        raise FieldError(
            field,
            _line(node),
            "this is Material's list of page parts to hide "
            "(navigation, toc, footer); to hide an article use `hidden: true`",
        )
    return texts(node, field)


def mapping(node: yaml.Node, field: str) -> None:
    """Check a mapping left for MkDocs to read (e.g. `search: {exclude: true}`)."""
    if not isinstance(node, yaml.MappingNode):
        raise FieldError(field, _line(node), "expected a mapping")


Check = Callable[[yaml.Node, str], Any]
OVERRIDE_CHECKS: Mapping[str, Check] = {
    "title": text,
    "summary": texts,
    "tags": texts,
}
STORY_CHECKS: Mapping[str, Check] = {
    "merge": refs(article_ref),
    "split": refs(article_ref),
    "title": text,
}
# Every key a note may have. Keys in NOTE_FIELDS are newsdigest's; the rest are MkDocs' or
# Material's page keys, checked only so that a wrong type cannot break `mkdocs build`.
CHECKS: Mapping[str, Check] = {
    "title": text,
    "author": text,
    "date": day,
    "articles": refs(article_ref),
    "tags": refs(text),
    "days": refs(day),
    "pin": flag,
    "hidden": flag,
    "reason": text,
    "override": override,
    "story": story,
    "description": text,
    "hide": material_hide,
    "search": mapping,
}
NOTE_FIELDS = frozenset(
    {
        "title",
        "author",
        "date",
        "articles",
        "tags",
        "days",
        "pin",
        "hidden",
        "reason",
        "override",
        "story",
    }
)
