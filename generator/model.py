"""The small typed data model passed between the pipeline's stages.

Stages never pass loose dicts: ingest yields `RawInput`, extraction yields `Article`,
analysis yields `Analysis`. All are frozen; change them with `dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
class StoryDecision:
    """What an editor's note decides about stories (ids resolved), applied after grouping."""

    note: str  # docs path of the note, named in the story's why
    merge: tuple[str, ...] = ()  # article ids whose stories become one story
    split: tuple[str, ...] = ()  # article ids that each leave their story
    title: str | None = None  # the new headline of `target`'s story
    target: str | None = None  # the article whose story `title` renames
