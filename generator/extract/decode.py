"""Turn input bytes into text robustly, refusing binary content with a clear reason."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from generator.errors import InputError

BINARY_REASON = "binary content, not a text, HTML or JSON article"

# Byte-order marks, longest first so UTF-32 LE is not read as UTF-16 LE.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of formats that are never articles: images, PDF, archives, audio/video.
MAGIC: tuple[bytes, ...] = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"\x1f\x8b",
    b"RIFF", b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*", b"\x7fELF", b"ID3", b"OggS",
    b"\x1aE\xdf\xa3", b"7z\xbc\xaf", b"Rar!",
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">.
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# charset=... parameter of an HTTP Content-Type header.
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# Control characters other than tab, newline, carriage return and form feed.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes (each is one byte, which no other character's UTF-8 holds).
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f])

# WHATWG: a page that declares latin-1 is decoded as windows-1252.
ALIASES = {"iso-8859-1": "windows-1252", "latin-1": "windows-1252", "latin1": "windows-1252",
           "ascii": "windows-1252", "us-ascii": "windows-1252"}
# Above this share of control characters, decoded "text" is binary noise.
MAX_CONTROL_SHARE = 0.01


def check_not_binary(content: bytes) -> None:
    """Raise InputError when the bytes are empty or plainly not text."""
    if not content or content.isspace():  # as `not content.strip()`, without copying a page
        raise InputError("empty file")
    if any(content.startswith(bom) for bom, _ in BOMS):
        return
    if b"\x00" in content[:8192] or any(content.startswith(m) for m in MAGIC):
        raise InputError(BINARY_REASON)


def _codec(name: str) -> str | None:
    """Return the Python codec for a declared charset name, or None if unknown."""
    name = ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _try(content: bytes, encoding: str | None) -> str | None:
    """Return content decoded strictly with encoding, or None when it does not fit."""
    if encoding is None:
        return None
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(content: bytes, content_type: str | None = None) -> str:
    """Return the text of content: BOM, HTTP charset, <meta charset>, UTF-8, then detection."""
    check_not_binary(content)
    for bom, encoding in BOMS:
        if content.startswith(bom):
            return _checked(content[len(bom):].decode(encoding, errors="replace"))
    declared = HEADER_CHARSET.search(content_type or "")
    meta = META_CHARSET.search(content[:4096])
    candidates: list[str | None] = [
        _codec(declared.group(1)) if declared else None,
        _codec(meta.group(1).decode("ascii", "replace")) if meta else None,
        "utf-8",
    ]
    for candidate in candidates:
        decoded = _try(content, candidate)
        if decoded is not None:
            return _checked(decoded)
    best = from_bytes(content).best()
    if best is None:
        raise InputError(BINARY_REASON)
    return _checked(str(best))


def _checked(text: str) -> str:
    """Return text unless it is mostly control characters (binary decoded by force)."""
    sample = text[:20000]
    if sample and _control_count(sample) / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(BINARY_REASON)
    if not text or text.isspace():
        raise InputError("empty file")
    return text


def _control_count(text: str) -> int:
    """Return how many CONTROL_CHARS text holds, counted in its UTF-8 bytes (a regex is slower)."""
    encoded = text.encode("utf-8", "surrogatepass")
    return len(encoded) - len(encoded.translate(None, CONTROL_BYTES))
