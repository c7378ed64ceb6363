"""Every encoding Python can decode reaches extraction as text, never refused as binary."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.extract import extract
from generator.extract.decode import BINARY_REASON, UNDECODABLE_REASON, decode, wide_unicode
from generator.model import RawInput

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CHARDET = SHARED / "eval-dev" / "badinput" / "chardet-encodings"

# Short fictional texts written for these tests.
LATIN = (
    "Lighthouse keeper retires\n\nThe keeper of the north lighthouse retired on Friday"
    " after forty winters, and the village held a farewell tea on the pier."
)
JAPANESE = (
    "灯台守が引退\n\n北の灯台を四十年守ってきた管理人が金曜日に引退し、"
    "村の人々は桟橋でお別れのお茶会を開いた。新しい管理人は毎晩灯りをともすと話した。"
)


@pytest.mark.parametrize(
    "text,codec,mark",
    [
        (LATIN, "utf-16-le", codecs.BOM_UTF16_LE),
        (LATIN, "utf-16-be", codecs.BOM_UTF16_BE),
        (LATIN, "utf-16-le", b""),
        (LATIN, "utf-16-be", b""),
        (LATIN, "utf-32-le", codecs.BOM_UTF32_LE),
        (LATIN, "utf-32-be", codecs.BOM_UTF32_BE),
        (LATIN, "utf-32-le", b""),
        (LATIN, "utf-32-be", b""),
        (JAPANESE, "utf-16-le", codecs.BOM_UTF16_LE),
        (JAPANESE, "utf-32-be", codecs.BOM_UTF32_BE),
        (JAPANESE, "iso2022_jp", b""),
        (JAPANESE, "cp932", b""),
        (JAPANESE, "shift_jis", b""),
        (JAPANESE, "euc_jp", b""),
    ],
)
def test_text_in_each_encoding_is_decoded(text: str, codec: str, mark: bytes) -> None:
    assert decode(mark + text.encode(codec)) == text


@pytest.mark.parametrize("label", ["x-sjis", "shift_jis", "windows-31j", "cp932"])
def test_cp932_page_under_each_label(label: str) -> None:
    # "①" and "髙" are CP932 extensions that plain Shift_JIS lacks.
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={label}">'
        "<title>髙橋さんの灯台</title></head><body><p>①北の灯台を四十年守ってきた髙橋さんが"
        "金曜日に引退し、村の人々は桟橋でお別れのお茶会を開いた。</p></body></html>"
    )
    assert decode(page.encode("cp932")) == page


@pytest.mark.parametrize(
    "content,codec",
    [
        ("<p>Tide</p>".encode("utf-16-le"), "utf-16-le"),
        ("<p>Tide</p>".encode("utf-16-be"), "utf-16-be"),
        ("<p>Tide</p>".encode("utf-32-le"), "utf-32-le"),
        ("<p>Tide</p>".encode("utf-32-be"), "utf-32-be"),
        (b"<p>Tide tables for the week</p>", None),
        (b"\x00\x01\x02\x03" * 16, None),  # binary: NUL bytes in no text pattern
    ],
)
def test_wide_unicode_is_told_by_its_nul_bytes(content: bytes, codec: str | None) -> None:
    assert wide_unicode(content) == codec


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"\x00\x01\x02\x03\xff\xfe\x10\x00" * 64, BINARY_REASON),
        # What detection makes of an encoding Python lacks: mostly replacement characters.
        (("\ufffd\ufffd tide \ufffd" * 40).encode("utf-8"), UNDECODABLE_REASON),
    ],
)
def test_undecodable_input_is_refused_with_its_reason(content: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=re.escape(reason)):
        decode(content)


def test_utf16_article_without_mark_is_extracted() -> None:
    article = extract(RawInput(origin="x", content=LATIN.encode("utf-16-le")))
    assert article.title == "Lighthouse keeper retires"
    assert "forty winters" in article.text


@pytest.mark.skipif(not CHARDET.exists(), reason="../shared absent")
def test_no_real_page_in_a_python_encoding_is_refused() -> None:
    refused = []
    for file in sorted(CHARDET.glob("*/*")):
        try:
            decode(file.read_bytes())
        except InputError as error:
            refused.append(f"{file.parent.name}/{file.name}: {error}")
    # Python has no EUC-TW codec: that page is refused as undecodable, never shown garbled.
    assert refused == [f"EUC-TW/_ude_euc-tw1.txt: {UNDECODABLE_REASON}"]
