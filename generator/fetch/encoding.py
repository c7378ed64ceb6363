"""Decode HTML (and XML) bytes to text: BOM, HTTP charset, in-document declaration, detection.

Legacy labels are read as the superset browsers use (WHATWG Encoding Standard), so a page
labelled GB2312 but using GBK characters, or ISO-8859-1 with curly quotes, comes out right.
A BOM wins over every label (as in browsers); a declared label is trusted only when the
bytes decode under it without error, otherwise detection (charset_normalizer) decides.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# charset=... in a Content-Type header or a <meta http-equiv> content attribute.
CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">.
META_TAG = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# <?xml version="1.0" encoding="..."?> at the very start of a feed or XHTML page.
XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")

PRESCAN_BYTES = 4096
BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG labels Python does not know, mapped to the codec browsers use for them.
EXTRA_LABELS = {
    "x-gbk": "gb18030", "x-sjis": "cp932", "windows-31j": "cp932", "cn-big5": "big5hkscs",
    "x-x-big5": "big5hkscs", "windows-874": "cp874", "x-euc-jp": "euc_jp",
    "unicode-1-1-utf-8": "utf-8", "iso-8859-8-i": "iso8859-8", "x-mac-roman": "mac_roman",
}
# Python codec names of legacy encodings, mapped to the superset a browser decodes with.
SUPERSETS = {
    "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "big5": "big5hkscs",
    "iso8859-1": "cp1252", "ascii": "cp1252", "euc_kr": "cp949", "iso8859-9": "cp1254",
    "tis-620": "cp874", "iso8859-11": "cp874",
}

# Latin-script single-byte codecs detection often prefers over windows-1252 on short texts;
# windows-1252 is by far the commonest of them on the web, so it wins when it fits.
LATIN_ALTERNATES = frozenset({
    "cp1250", "cp1254", "cp1257", "cp1258", "cp775", "cp850", "cp852", "cp858", "cp437",
    "hp_roman8", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10",
    "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2",
    "latin_1", "cp1252",
})
# An ISO-2022-JP escape sequence (JIS X 0208 or JIS X 0201 designation).
ISO2022JP_ESCAPE = re.compile(rb"\x1b\$[@B]|\x1b\([BJ]")


def codec_for(label: str | bytes | None) -> str | None:
    """Return the Python codec a browser would use for an encoding label, or None."""
    if label is None:
        return None
    text = (label.decode("ascii", "replace") if isinstance(label, bytes) else label)
    text = text.strip().lower()
    if text in EXTRA_LABELS:
        return EXTRA_LABELS[text]
    try:
        name = codecs.lookup(text).name
    except LookupError:
        return None
    return SUPERSETS.get(name, name)


def _declared(content: bytes, content_type: str | None) -> list[str]:
    """Return the codecs the HTTP header and the document itself declare, in that order."""
    found: list[str] = []
    header = CHARSET_PARAM.search(content_type.encode("latin-1", "replace")) \
        if content_type else None
    head = content[:PRESCAN_BYTES]
    candidates = [header, XML_DECLARATION.match(head), META_TAG.search(head)]
    for match in candidates:
        codec = codec_for(match.group(1)) if match else None
        # A UTF-16 label inside ASCII-compatible bytes is wrong by construction.
        if codec and not codec.startswith("utf-16") and codec not in found:
            found.append(codec)
    return found


def _strict(content: bytes, codec: str) -> str | None:
    """Return the text when the bytes are valid in the codec, else None to try the next."""
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(content: bytes) -> str | None:
    """Return utf-16-le/be when every other byte is NUL, as in Latin text in UTF-16."""
    sample = content[:2048]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.8 * len(sample) / 2 and even == 0:
        return "utf-16-le"
    if even > 0.8 * len(sample) / 2 and odd == 0:
        return "utf-16-be"
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
            return content[len(bom):].decode(codec, errors="replace")
    for codec in _declared(content, content_type):
        text = _strict(content, codec)
        if text is not None:
            return text
    guessed = _utf16_without_bom(content)
    if guessed is None and ISO2022JP_ESCAPE.search(content[:PRESCAN_BYTES]):
        guessed = "iso2022_jp"
    text = _strict(content, guessed or "utf-8")
    if text is not None:
        return text
    return content.decode(_detected(content), errors="replace")
