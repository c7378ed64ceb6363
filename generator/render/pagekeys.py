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
from typing import TYPE_CHECKING, Protocol

from generator.model import Entry, EntryLoader, LazyPage, Page
from generator.render.stories import StoryItems

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# An entry's key form stands in for its fields: these through its story digest (story_digests:
# the stored record and its analysis, the page path, the editors' changes),
ENTRY_DIGESTED = ("article", "analysis", "page", "editor")
# these as they are,
ENTRY_DIRECT = ("day", "sort_key", "story_why", "story", "zone")
# and its links to other articles where they are shown: an ArticlePage holds the linked
# entries themselves, in order (it checks that they are entry.related). Kept out of the entry's
# own form, so a new article that joins an old one's related list re-renders that article's
# page only, not its listings and the pages of articles related to it (34 pages to render
# after one new article at 1,000, against 98 with the links in every form).
ENTRY_LINKED = ("related",)
# tests/test_page_keys.py fails when Entry gains a field that none of these names.


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


# Values whose repr is their key form: a tuple of only these is its own key form.
ATOMIC = frozenset({str, int, float, bool, type(None)})


@dataclass
class Known:
    """What page keys make once per run: an entry's key form (it shows on about ten pages),
    and each dataclass type's field names."""

    entries: dict[str, tuple[Entry, str]] = field(default_factory=dict)  # id -> entry, form
    names: dict[type, tuple[str, ...]] = field(default_factory=dict)  # a dataclass's fields


class _Form:
    """Turns a page's inputs into a value whose repr is its key; notes the entries it meets."""

    def __init__(self, stories: Mapping[str, str], known: Known) -> None:
        self.stories, self.known = stories, known
        self.entries: list[Entry] = []
        self.items: list[StoryItems] = []

    def of(self, value: object) -> object:
        """Return the key form of one input value (raise TypeError for an unknown kind)."""
        kind = type(value)
        if kind in ATOMIC:
            return value
        if kind is Entry:
            self.entries.append(value)  # type: ignore[arg-type]
            return self.entry(value)  # type: ignore[arg-type]
        if isinstance(value, tuple | list):  # named tuples too: their field order is fixed
            return self.sequence(value)
        if isinstance(value, Mapping):  # insertion order: rendering iterates in that order
            if set(map(type, value)) | set(map(type, value.values())) <= ATOMIC:
                return tuple(value.items())
            return tuple([(self.of(k), self.of(v)) for k, v in value.items()])
        return self.other(value)

    def other(self, value: object) -> object:
        """Return the key form of a value that is neither atomic nor a container."""
        if isinstance(value, StoryItems):  # site-wide: keyed by what it shows of this page's
            self.items.append(value)  # entries (page_key), not by all of it
            return "StoryItems"
        if is_dataclass(value) and not isinstance(value, type):
            return self.fields(value)
        raise TypeError(f"a page input of type {type(value).__name__} has no key form")

    def sequence(self, value: tuple[object, ...] | list[object]) -> tuple[object, ...]:
        """Return the key form of a tuple or list."""
        kinds = set(map(type, value))
        if kinds <= ATOMIC:
            return tuple(value)
        if kinds == {Entry}:
            self.entries.extend(value)  # type: ignore[arg-type]
            return tuple(map(self.entry, value))  # type: ignore[arg-type]
        return tuple([self.of(v) for v in value])

    def fields(self, value: DataclassInstance) -> tuple[object, ...]:
        """Return the key form of a dataclass: its type's name and every field's form."""
        kind = type(value)
        names = self.known.names.get(kind)
        if names is None:
            names = self.known.names[kind] = tuple(f.name for f in fields(value))
        return (kind.__name__, *[self.of(getattr(value, name)) for name in names])

    def entry(self, entry: Entry) -> str:
        """Return an entry's key form: its story digest and ENTRY_DIRECT fields, digested."""
        known = self.known.entries.get(entry.article.id)
        if known is not None and known[0] is entry:
            return known[1]
        e = entry
        form = _digest(
            (self.stories[e.article.id], e.day, e.sort_key, e.story_why, e.story, e.zone)
        )
        self.known.entries[entry.article.id] = (entry, form)
        return form


def page_key(
    inputs: object, code: str, stories: Mapping[str, str], known: Known | None = None
) -> str:
    """Return the key of a page made from `inputs` (a frozen dataclass) by code `code`;
    `known` keeps entries' key forms between the pages of one run."""
    if not is_dataclass(inputs) or isinstance(inputs, type) or not _frozen(inputs):
        raise TypeError(f"page inputs must be a frozen dataclass, not {type(inputs).__name__}")
    form = _Form(stories, Known() if known is None else known)
    value = form.fields(inputs)
    shown = tuple([items.story_key(form.entries) for items in form.items])
    return _digest((code, value, shown))


def _frozen(inputs: DataclassInstance) -> bool:
    """Return whether a dataclass value is frozen (its key cannot go stale under it)."""
    return bool(getattr(inputs, "__dataclass_params__").frozen)  # noqa: B009


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
    known: Known = field(default_factory=Known, compare=False)  # see page_key

    def page(self, path: str, inputs: OnePage) -> dict[str, Page]:
        """Return the one page of `inputs` at `path`."""
        if self.full is None:
            return {path: inputs.render(as_is)}
        return {
            path: LazyPage(
                page_key(inputs, self.code, self.stories, self.known),
                partial(inputs.render, self.full),
            )
        }

    def group(self, paths: Sequence[str], inputs: PageGroup) -> dict[str, Page]:
        """Return the pages of `inputs` (at `paths` when lazy), sharing one key."""
        if self.full is None:
            return dict(inputs.render(as_is))
        once = _Once(partial(inputs.render, self.full))
        key = page_key(inputs, self.code, self.stories, self.known)
        return {path: LazyPage(key, partial(once.page, path)) for path in paths}
