"""Check a response body: allowed media type, size counted after decompression, not binary."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Protocol

import brotli

from generator.errors import FetchError

# Media types newsdigest reads: pages, feeds, sitemaps, JSON Feed and JSON records.
DOCUMENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
    }
)

# Bytes that never occur in text (WHATWG MIME sniffing "binary data byte").
BINARY_BYTES = frozenset([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SNIFF_LENGTH = 1024


def media_type(content_type: str | None) -> str | None:
    """Return the lower-cased media type without parameters."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def check_media_type(content_type: str | None) -> None:
    """Refuse a declared media type newsdigest does not read (missing types are sniffed)."""
    kind = media_type(content_type)
    if kind is None or kind in DOCUMENT_TYPES:
        return
    if kind.endswith(("+xml", "+json")):
        return
    raise FetchError(f"content type {kind} is not an HTML, XML or JSON document")


def looks_binary(head: bytes) -> bool:
    """Return True when the first bytes hold a byte no text document contains."""
    if head.startswith(UTF16_BOMS):
        return False
    return any(byte in BINARY_BYTES for byte in head[:SNIFF_LENGTH])


class Inflater(Protocol):
    """Decode one Content-Encoding incrementally, never producing more than asked."""

    def feed(self, data: bytes, limit: int) -> bytes:
        """Return at most about limit decoded bytes for data."""


@dataclass
class Identity:
    """No Content-Encoding: bytes pass through."""

    def feed(self, data: bytes, limit: int) -> bytes:
        """Return the bytes unchanged."""
        return data


@dataclass
class Zlib:
    """gzip or deflate, bounded by zlib's max_length."""

    wbits: int

    def __post_init__(self) -> None:
        """Create the decompressor."""
        self._engine = zlib.decompressobj(self.wbits)

    def feed(self, data: bytes, limit: int) -> bytes:
        """Return at most limit decoded bytes (the rest stays unconsumed: we stop anyway)."""
        try:
            return self._engine.decompress(data, max(1, limit))
        except zlib.error as error:
            raise FetchError(f"corrupt compressed body: {error}") from error


@dataclass
class Brotli:
    """Brotli, bounded by the decoder's output_buffer_limit."""

    def __post_init__(self) -> None:
        """Create the decompressor."""
        self._engine = brotli.Decompressor()

    def feed(self, data: bytes, limit: int) -> bytes:
        """Return decoded bytes; the buffer stops growing once it reaches limit."""
        try:
            return bytes(self._engine.process(data, output_buffer_limit=max(1, limit)))
        except brotli.error as error:
            raise FetchError(f"corrupt brotli body: {error}") from error


def inflater_for(content_encoding: str | None) -> Inflater:
    """Return the decoder for a Content-Encoding header value."""
    coding = (content_encoding or "identity").strip().lower()
    if coding in ("identity", "none", ""):
        return Identity()
    if coding in ("gzip", "x-gzip"):
        return Zlib(16 + zlib.MAX_WBITS)
    if coding == "deflate":
        return Zlib(32 + zlib.MAX_WBITS)  # accepts the zlib header most servers send
    if coding == "br":
        return Brotli()
    raise FetchError(f"unsupported Content-Encoding {coding!r}")
