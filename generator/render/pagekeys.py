"""Page keys derived from a page's inputs, never listed by hand (issue 18).

Each page type is a frozen dataclass of exactly what its render function takes (see
render/pagetypes.py); a lazy page's key digests every field of that value, so a new page
type, or a new input of an old one, cannot be left out of its key. A value with no key form
stops the run (TypeError) rather than being skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from functools import partial
from typing import Protocol

from generator.model import Entry, EntryLoader, LazyPage, Page
from generator.render.stories import StoryItems

# An entry's key form stands in for all its fields: the first four through its story digest
# (story_digests: the stored record and its analysis, the page path, the editors' changes),
# the others as they are. tests/test_page_keys.py fails when Entry gains a field.
ENTRY_DIGESTED = ("article", "analysis", "page", "editor")
ENTRY_DIRECT = ("day", "sort_key", "related", "story_why", "story")


class OnePage(Protocol):
    """A page type's inputs that render one page (entries made full by `full` first)."""

    def render(self, full: EntryLoader) -> str:
        """Return the page's text."""


class PageGroup(Protocol):
    """A page type's inputs that render several pages at once (a paginated index, feeds)."""

    def render(self, full: EntryLoader) -> dict[str, str]:
        """Return docs-relative path -> text of every page of the group."""


def as_is(entry: Entry) -> Entry:
    """Return the entry unchanged: the loader when entries are full already."""
    return entry


def story_digests(
    entries: Sequence[Entry], keys: Mapping[str, str], tag_pages: Mapping[str, str]
) -> dict[str, str]:
    """Return, per article id, a digest of what any page shows of that story: its record and
    analysis (keys), editors' changes, page path and the pages of its tags.

    Computed once per story per run; page keys concatenate them instead of re-hashing.
    """
    return {
        e.article.id: _digest(
            (keys[e.article.id], e.editor, e.page, tuple([tag_pages.get(t) for t in e.tags]))
        )
        for e in entries
    }


def _digest(parts: object) -> str:
    """Return a digest of a key form via repr: unambiguous for strings, numbers, None and
    tuples (strings are quoted and escaped) and much cheaper than JSON."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class _Form:
    """Turns a page's inputs into a value whose repr is its key; notes the entries it meets."""

    def __init__(self, stories: Mapping[str, str]) -> None:
        self.stories = stories
        self.entries: list[Entry] = []
        self.items: list[StoryItems] = []

    def of(self, value: object) -> object:
        """Return the key form of one input value (raise TypeError for an unknown kind)."""
        if value is None or isinstance(value, str | int | float):
            return value
        if isinstance(value, Entry):
            self.entries.append(value)
            v = value
            return (self.stories[v.article.id], v.day, v.sort_key, v.related, v.story_why, v.story)
        if isinstance(value, tuple | list):  # named tuples too: their field order is fixed
            return tuple([self.of(v) for v in value])
        if isinstance(value, Mapping):  # insertion order: rendering iterates in that order
            return tuple([(self.of(k), self.of(v)) for k, v in value.items()])
        if isinstance(value, StoryItems):  # site-wide: keyed by what it shows of this page's
            self.items.append(value)  # entries (page_key), not by all of it
            return "StoryItems"
        if is_dataclass(value) and not isinstance(value, type):
            return (
                type(value).__name__,
                *(self.of(getattr(value, f.name)) for f in fields(value)),
            )
        raise TypeError(f"a page input of type {type(value).__name__} has no key form")


def page_key(inputs: object, code: str, stories: Mapping[str, str]) -> str:
    """Return the key of a page made from `inputs` (a frozen dataclass) by code `code`."""
    params = getattr(inputs, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"page inputs must be a frozen dataclass, not {type(inputs).__name__}")
    form = _Form(stories)
    value = form.of(inputs)
    shown = tuple([items.story_key(form.entries) for items in form.items])
    return _digest((code, value, shown))


class _Once:
    """Render a group of pages (one paginated listing) on first demand, each handed once."""

    def __init__(self, produce: Callable[[], dict[str, str]]) -> None:
        self.produce = produce
        self.pages: dict[str, str] | None = None

    def page(self, path: str) -> str:
        """Return one page, handing it over: the writer asks once, and a large site's text
        should not stay in memory after it is written."""
        if self.pages is None or path not in self.pages:
            self.pages = self.produce()
        return self.pages.pop(path)


@dataclass(frozen=True)
class Lazy:
    """How pages are made: at once from full entries, or, given a loader of full entries, as
    LazyPages keyed by their inputs (rendered only by the writer, and only when the key moved)."""

    items: StoryItems  # the site's stories as listing items
    full: EntryLoader | None = None  # None: entries are full and pages are rendered at once
    code: str = ""  # digest of the renderer's code: a change re-renders every page
    stories: Mapping[str, str] = field(default_factory=dict)  # article id -> story digest

    def page(self, path: str, inputs: OnePage) -> dict[str, Page]:
        """Return the one page of `inputs` at `path`."""
        if self.full is None:
            return {path: inputs.render(as_is)}
        return {
            path: LazyPage(
                page_key(inputs, self.code, self.stories), partial(inputs.render, self.full)
            )
        }

    def group(self, paths: Sequence[str], inputs: PageGroup) -> dict[str, Page]:
        """Return the pages of `inputs` (at `paths` when lazy), sharing one key."""
        if self.full is None:
            return dict(inputs.render(as_is))
        once = _Once(partial(inputs.render, self.full))
        key = page_key(inputs, self.code, self.stories)
        return {path: LazyPage(key, partial(once.page, path)) for path in paths}
