"""The small typed data model passed between the pipeline's stages.

Stages never pass loose dicts: ingest yields `RawInput`, extraction yields `Article`,
analysis yields `Analysis`, placement yields the `Entry` the site shows, editors' notes yield
`EditorChanges`. All are frozen; change them with `dataclasses.replace`. Lower layers (store,
cache, notes) and render share these types, so data flows one way: no layer imports the
one above it to learn a type.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple, Protocol

FactKind = Literal["figure", "date", "quote", "person", "organization", "place"]


@dataclass(frozen=True)
class RawInput:
    """Bytes of one input plus what is known about where they came from."""

    origin: str  # path or URL, named in every error about this input
    content: bytes
    url: str | None = None  # the page's URL when known (fetch, feed, --url)
    content_type: str | None = None  # HTTP Content-Type when fetched
    fetched_at: str | None = None  # ISO 8601 with offset, when fetched
    source: str | None = None  # configured source name, when known
    timezone: str | None = None  # IANA zone configured for the source
    language: str | None = None  # language configured for the source
    feed_entry: FeedEntry | None = None  # what the feed said about this item


@dataclass(frozen=True)
class FeedEntry:
    """Metadata a feed gave for an item; used when the page lacks it."""

    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 with offset
    authors: tuple[str, ...] = ()
    summary: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Published:
    """A publication time and the signal it came from.

    `iso` carries the UTC offset whenever the zone is known. When only a local wall-clock
    time is known, `iso` is None and `local` holds it without an offset: never silently UTC.
    """

    iso: str | None
    local: str  # "YYYY-MM-DDTHH:MM:SS" wall-clock time in the article's own zone
    signal: str  # e.g. "json-ld", "meta article:published_time", "text date line"
    zone: str | None = None  # IANA zone name used to attach the offset, if any


@dataclass(frozen=True)
class Article:
    """One extracted article: clean text plus metadata. Pure data, JSON-serialisable."""

    id: str
    title: str
    text: str  # paragraphs separated by one blank line
    url: str | None = None
    source: str | None = None
    published: Published | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    language: str = "en"
    origin: str = ""
    fetched_at: str | None = None
    feed_tags: tuple[str, ...] = ()  # tags given by the feed or source config

    @property
    def paragraphs(self) -> list[str]:
        """Return the text's paragraphs."""
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Sentence:
    """A verbatim sentence of an article's text with its place in it."""

    index: int  # position among all sentences of the article
    paragraph: int  # index of the paragraph it belongs to
    start: int  # character offset in Article.text
    end: int
    text: str  # == article.text[start:end]


@dataclass(frozen=True)
class Fact:
    """One fact-box entry, backed by the sentence it came from."""

    kind: FactKind
    text: str
    evidence: str  # verbatim sentence of the article text
    sentence: int  # index of that sentence


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the exact words inside quotation marks, and who said them."""

    speaker: str | None  # None when who said it is not certain
    text: str  # the words exactly as inside the quotation marks of `evidence`
    evidence: str  # verbatim sentence(s) of the article text holding the quotation marks
    sentence: int  # index of the first of those sentences

    def shown(self, limit: int) -> str:
        """Return the words cut at a word boundary, with an ellipsis, when over `limit` words."""
        words = self.text.split()
        if len(words) <= limit:
            return self.text
        return " ".join(words[:limit]).rstrip(",;:—–-") + " …"


@dataclass(frozen=True)
class Analysis:
    """What analysis derives from an article; recomputed, never stored as truth."""

    sentences: tuple[Sentence, ...]
    summary: tuple[int, ...]  # sentence indices, in article order
    tags: tuple[str, ...]  # most relevant first
    facts: tuple[Fact, ...] = ()
    version: str = ""
    quotes: tuple[Quote, ...] = ()  # attributed direct quotations, in article order
    # Tag candidates after `tags`, and the key phrases among both that the site shows only
    # when another article of the store has them too (generator.render.tagplan).
    more_tags: tuple[str, ...] = ()
    phrase_tags: tuple[str, ...] = ()

    def summary_sentences(self) -> list[Sentence]:
        """Return the summary's sentences in article order."""
        return [self.sentences[i] for i in self.summary]


@dataclass(frozen=True)
class Problem:
    """A per-input failure or warning, reported on one stderr line."""

    origin: str
    reason: str
    level: Literal["error", "warning"] = "error"

    def line(self) -> str:
        """Return the one-line report for stderr."""
        return f"{self.level}: {self.origin}: {self.reason}"


@dataclass(frozen=True)
class EditorChanges:
    """Fields of an article that editors' notes replaced; the page says it was edited."""

    fields: tuple[str, ...]  # "title", "summary", "tags" (page order)
    title: str | None = None
    summary: tuple[str, ...] | None = None  # the editor's summary, shown as written
    tags: tuple[str, ...] | None = None
    original_title: str | None = None  # set when the title was replaced
    notes: tuple[str, ...] = ()  # docs paths of the notes that made the changes


@dataclass(frozen=True)
class Entry:
    """One article as the site shows it."""

    article: Article
    analysis: Analysis
    page: str  # docs-relative Markdown path
    day: str | None  # YYYY-MM-DD in the newsroom's zone, None when undated
    sort_key: str  # newest first when sorted descending
    related: tuple[str, ...] = ()  # ids of related articles, best first
    story_why: tuple[str, ...] = ()  # why its story groups it with other articles
    story: str | None = None  # docs path of its story's page, when the story has one
    editor: EditorChanges | None = None  # what editors' notes replaced (generator.notes)
    zone: str = "UTC"  # the site's zone (site.timezone): `day` is in it, listings show it

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def tags(self) -> tuple[str, ...]:
        return self.analysis.tags

    def summary_texts(self) -> tuple[str, ...]:
        """Return the summary as shown: an editor's override, else the extracted sentences."""
        if self.editor is not None and self.editor.summary is not None:
            return self.editor.summary
        return tuple(s.text for s in self.analysis.summary_sentences())

    def overridden(self, changes: EditorChanges) -> Entry:
        """Return the entry with the editor's title and tags in place and the changes recorded."""
        article, analysis = self.article, self.analysis
        if changes.title is not None:
            article = replace(article, title=changes.title)
        if changes.tags is not None:
            analysis = replace(analysis, tags=changes.tags)
        return replace(self, article=article, analysis=analysis, editor=changes)


class Stamp(NamedTuple):
    """What the writer saw of a page it wrote or kept: its key and the file's stat.

    A named tuple: one is loaded per page per run, and tuples are built several times faster
    than frozen dataclasses.
    """

    key: str  # LazyPage.key, or the digest of a page given as text
    size: int
    mtime_ns: int
    digest: str  # of the file's bytes (as the manifest records them)


# What a relatedness profile is made from: id, title, tags, sort key.
ProfileSource = tuple[str, str, tuple[str, ...], str]


@dataclass(frozen=True)
class Profile:
    """What relatedness compares for one article."""

    id: str
    tags: frozenset[str]
    title_tokens: frozenset[str]
    sort_key: str
    source: ProfileSource | None = field(default=None, compare=False)  # to reuse it next run


@dataclass(frozen=True)
class RelatedState:
    """The profiles related coverage was last computed from, and its results."""

    profiles: Mapping[str, Profile]
    related: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Health:
    """How a fetched source has been doing across runs (kept by fetch, shown by render)."""

    last_success: str | None = None  # ISO time of the last run without a source error
    last_error: str | None = None
    last_error_at: str | None = None
    consecutive_failures: int = 0
    first_failure_at: str | None = None  # start of the current run of failures
    items_last_run: int = 0


# Laziness, named. A site of 10,000 articles is planned from light entries (no text); the
# full article is read from the store (and analysed when its cache row is stale) only for a
# page whose key changed, one page at a time, so memory does not grow with the store. The
# two types below are that mechanism: nothing else in render does I/O.


class EntryLoader(Protocol):
    """Return the full entry (text, analysis) of a light one: reads the store, may analyse.

    Render calls it only inside a LazyPage's `render`, which the writer calls only for a page
    whose key changed; its I/O happens there, in the writer's loop, and nowhere else.
    """

    def __call__(self, light: Entry, /) -> Entry: ...


@dataclass(frozen=True)
class LazyPage:
    """A page rendered only when the writer needs it: `key` digests everything its text is
    made from, so an unchanged key means an unchanged page and `render` is never called.

    `render` may load a full entry through an EntryLoader (store I/O); it is called at most
    once, by the writer.
    """

    key: str
    render: Callable[[], str]


Page = str | LazyPage  # a page's text, or the promise of it


@dataclass(frozen=True)
class StoryDecision:
    """What an editor's note decides about stories (ids resolved), applied after grouping."""

    note: str  # docs path of the note, named in the story's why
    merge: tuple[str, ...] = ()  # article ids whose stories become one story
    split: tuple[str, ...] = ()  # article ids that each leave their story
    title: str | None = None  # the new headline of `target`'s story
    target: str | None = None  # the article whose story `title` renames
