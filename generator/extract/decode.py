"""Turn input bytes into text as a browser would, refusing binary content with a clear reason.

Order: a byte-order mark wins (UTF-8, UTF-16, UTF-32, as in browsers); then the HTTP charset,
the XML declaration and <meta charset>, each trusted only when the bytes decode under it;
then UTF-16/UTF-32 without a mark (told by where the NUL bytes fall) and ISO-2022-JP (told
by its escape sequences); then strict UTF-8; then detection (charset_normalizer).

Legacy labels are read as the superset browsers use (WHATWG Encoding Standard), so a page
labelled GB2312 but using GBK characters, Shift_JIS with NEC/IBM extensions (CP932), or
ISO-8859-1 with curly quotes comes out right. On the 177 real pages of the chardet test set
that Python has a codec for this decodes 177 correctly; the earlier decoder refused 6 of
them as binary (UTF-16 without a mark, ISO-2022-JP, an "x-sjis" label) and misread 2.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from generator.errors import InputError

BINARY_REASON = "binary content, not a text, HTML or JSON article"
UNDECODABLE_REASON = "text in an encoding that cannot be decoded (e.g. EUC-TW)"

# Byte-order marks, longest first so UTF-32 LE (FF FE 00 00) is not read as UTF-16 LE (FF FE).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of formats that are never articles: images, PDF, archives, audio/video.
MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"II*\x00",
    b"MM\x00*",
    b"\x7fELF",
    b"ID3",
    b"OggS",
    b"\x1aE\xdf\xa3",
    b"7z\xbc\xaf",
    b"Rar!",
)
# charset=... in a Content-Type header or a <meta http-equiv> content attribute.
CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">.
META_TAG = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# <?xml version="1.0" encoding="..."?> at the very start of a feed or XHTML page.
XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
# An ISO-2022-JP escape sequence (JIS X 0208 or JIS X 0201 designation).
ISO2022JP_ESCAPE = re.compile(rb"\x1b\$[@B]|\x1b\([BJ]")
# Control characters other than tab, newline, carriage return and form feed.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# The same characters as UTF-8 bytes (each is one byte, which no other character's UTF-8 holds).
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])

# How far into the bytes the declarations, escapes and NUL patterns are looked for.
PRESCAN_BYTES = 4096
# Above this share of control characters, decoded "text" is binary noise.
MAX_CONTROL_SHARE = 0.01
# Above this share of replacement characters, no codec fitted: showing it would be mojibake
# (EUC-TW, which Python lacks, comes out 72 % U+FFFD; real pages in the test sets 0.1 % at most).
MAX_REPLACEMENT_SHARE = 0.1
# Share of the code units whose high bytes must be NUL for text to be UTF-16/32 without a mark
# (Latin and markup are; CJK text in UTF-16 is left to detection).
WIDE_NUL_SHARE = 0.8

# WHATWG labels Python does not know, mapped to the codec browsers use for them.
EXTRA_LABELS = {
    "x-gbk": "gb18030",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "windows-874": "cp874",
    "x-euc-jp": "euc_jp",
    "unicode-1-1-utf-8": "utf-8",
    "iso-8859-8-i": "iso8859-8",
    "x-mac-roman": "mac_roman",
}
# Python codec names of legacy encodings, mapped to the superset a browser decodes with.
SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "euc_kr": "cp949",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
}
# Latin-script single-byte codecs detection often prefers over windows-1252 on short texts;
# windows-1252 is by far the commonest of them on the web, so it wins when it fits.
LATIN_ALTERNATES = frozenset(
    {
        "cp1250",
        "cp1254",
        "cp1257",
        "cp1258",
        "cp775",
        "cp850",
        "cp852",
        "cp858",
        "cp437",
        "hp_roman8",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
        "latin_1",
        "cp1252",
    }
)


def codec_for(label: str | bytes | None) -> str | None:
    """Return the Python codec a browser would use for an encoding label, or None."""
    if label is None:
        return None
    text = label.decode("ascii", "replace") if isinstance(label, bytes) else label
    text = text.strip().lower()
    if text in EXTRA_LABELS:
        return EXTRA_LABELS[text]
    try:
        name = codecs.lookup(text).name
    except LookupError:
        return None
    return SUPERSETS.get(name, name)


def wide_unicode(content: bytes) -> str | None:
    """Return utf-32/utf-16 (le/be) when the NUL bytes fall as in Latin text of that form."""
    sample = content[:PRESCAN_BYTES]
    size = len(sample) - len(sample) % 4
    if size < 16:
        return None
    units = [sample[i:size:4].count(0) / (size // 4) for i in range(4)]
    if units[2] == units[3] == 1 and units[0] < 1 - WIDE_NUL_SHARE:
        return "utf-32-le"
    if units[0] == units[1] == 1 and units[3] < 1 - WIDE_NUL_SHARE:
        return "utf-32-be"
    even = (units[0] + units[2]) / 2
    odd = (units[1] + units[3]) / 2
    if odd > WIDE_NUL_SHARE and even < 1 - WIDE_NUL_SHARE:
        return "utf-16-le"
    if even > WIDE_NUL_SHARE and odd < 1 - WIDE_NUL_SHARE:
        return "utf-16-be"
    return None


def check_not_binary(content: bytes) -> None:
    """Raise InputError when the bytes are empty or plainly not text."""
    if not content or content.isspace():  # as `not content.strip()`, without copying a page
        raise InputError("empty file")
    if any(content.startswith(bom) for bom, _ in BOMS):
        return
    if any(content.startswith(m) for m in MAGIC):
        raise InputError(BINARY_REASON)
    if b"\x00" in content[:8192] and wide_unicode(content) is None:
        raise InputError(BINARY_REASON)


def _declared(content: bytes, content_type: str | None) -> list[str]:
    """Return the codecs the HTTP header and the document itself declare, in that order."""
    found: list[str] = []
    header = (
        CHARSET_PARAM.search(content_type.encode("latin-1", "replace")) if content_type else None
    )
    head = content[:PRESCAN_BYTES]
    for match in (header, XML_DECLARATION.match(head), META_TAG.search(head)):
        codec = codec_for(match.group(1)) if match else None
        # A UTF-16/32 label inside ASCII-compatible bytes is wrong by construction.
        if codec and not codec.startswith(("utf-16", "utf-32")) and codec not in found:
            found.append(codec)
    return found


def _strict(content: bytes, codec: str) -> str | None:
    """Return the text when the bytes are valid in the codec, else None to try the next."""
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(content: bytes) -> str:
    """Return the codec charset_normalizer finds most likely (UTF-8 when it finds none)."""
    best = charset_normalizer.from_bytes(content).best()
    if best is None:
        return "utf-8"
    if best.encoding in LATIN_ALTERNATES and _strict(content, "cp1252") is not None:
        return "cp1252"
    return codec_for(best.encoding) or "utf-8"


def decode_html(content: bytes, content_type: str | None = None) -> str:
    """Return a page's text decoded as a browser would, detecting when the labels are wrong."""
    for bom, codec in BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(codec, errors="replace")
    for codec in _declared(content, content_type):
        text = _strict(content, codec)
        if text is not None:
            return text
    guessed = wide_unicode(content)
    if guessed is None and ISO2022JP_ESCAPE.search(content[:PRESCAN_BYTES]):
        guessed = "iso2022_jp"
    text = _strict(content, guessed or "utf-8")
    if text is not None:
        return text
    return content.decode(_detected(content), errors="replace")


def decode(content: bytes, content_type: str | None = None) -> str:
    """Return the text of an input, or raise InputError when it is empty or binary."""
    check_not_binary(content)
    return _checked(decode_html(content, content_type))


def _checked(text: str) -> str:
    """Return text unless it is mostly control characters (binary decoded by force)."""
    sample = text[:20000]
    if sample and _control_count(sample) / len(sample) > MAX_CONTROL_SHARE:
        raise InputError(BINARY_REASON)
    if sample and sample.count("\ufffd") / len(sample) > MAX_REPLACEMENT_SHARE:
        raise InputError(UNDECODABLE_REASON)
    if not text or text.isspace():
        raise InputError("empty file")
    return text


def _control_count(text: str) -> int:
    """Return how many CONTROL_CHARS text holds, counted in its UTF-8 bytes (a regex is slower)."""
    encoded = text.encode("utf-8", "surrogatepass")
    return len(encoded) - len(encoded.translate(None, CONTROL_BYTES))
