"""Input kinds: decoding, kind detection, HTML metadata, JSON records, language, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import ExtractionError, InputError
from generator.extract import detect_kind, extract
from generator.extract.body import drop_leading_title
from generator.extract.htmlmeta import strip_site_suffix
from generator.extract.text import clean_line, detect_language, join_paragraphs, language_tag
from generator.model import FeedEntry, RawInput
from generator.store.articles import dumps_record

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
BODY = (
    "The harbour board approved a new pier on Tuesday after a year of public consultation.\n"
    "Construction will start in May and take about eighteen months, the board said."
)


def record(**fields: object) -> bytes:
    """Return a JSON record's bytes."""
    return json.dumps(fields).encode()


@pytest.mark.parametrize(
    "content,kind",
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'><p>x</p></html>", "html"),
        (b"Title line\n\nSome <b>bold</b> text in a dump", "text"),
        (b"Site App\nTitle of the story\n<p>inline</p>", "html"),
        (b'  {"text": "x"}', "json"),
        (b"[1, 2]", "json"),
        (b"Plain text dump\n\nWith a paragraph.", "text"),
    ],
)
def test_detect_kind(content: bytes, kind: str) -> None:
    assert detect_kind(content) == kind


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary content, not a text, HTML or JSON article",
        ),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary content, not a text, HTML or JSON article"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary content, not a text, HTML or JSON article"),
        (b"text with a \x00 NUL byte", "binary content, not a text, HTML or JSON article"),
        (bytes(range(1, 32)) * 50, "binary content, not a text, HTML or JSON article"),
    ],
)
def test_input_errors(content: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=f"^{reason}$"):
        extract(RawInput(origin="x", content=content))


@pytest.mark.parametrize(
    "content,reason",
    [
        (b'{"title": "No text here"}', "JSON record has no 'text' field"),
        (b'[{"text": "a"}]', "JSON array: expected one record"),
        (b'{"text": "unterminated', "invalid JSON"),
        (
            b"<html><head><title>Empty</title></head><body><nav>Home</nav></body></html>",
            "no article body found",
        ),
    ],
)
def test_extraction_errors(content: bytes, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason):
        extract(RawInput(origin="x", content=content))


@pytest.mark.parametrize(
    "content",
    [
        (
            "Ferry timetable\n\nCafé owners in Tórshavn welcome the new timetable, which adds an"
            " évening sailing to Suðuroy and a café on board, the operator's spokesman said on a"
            " rainy Tuesday morning."
        ).encode("cp1252"),
        '<html><head><meta charset="windows-1252"></head><body><p>Café in Tórshavn</p></body>'
        "</html>".encode("cp1252"),
        "Ferry timetable\n\nCafé owners in Tórshavn welcome the new timetable.".encode("utf-16"),
    ],
)
def test_decoding(content: bytes) -> None:
    article_text = extract(RawInput(origin="x", content=content)).text
    assert "Café" in article_text and "Tórshavn" in article_text


@pytest.mark.parametrize(
    "fields,expected",
    [
        (
            {
                "text": BODY,
                "title": "Pier approved",
                "url": "https://a.example/p",
                "published": "2026-03-10T09:00:00+01:00",
                "authors": ["Ann Lee", "Bo Chen"],
                "source": "Harbour News",
                "language": "en",
            },
            {
                "title": "Pier approved",
                "url": "https://a.example/p",
                "iso": "2026-03-10T09:00:00+01:00",
                "authors": ("Ann Lee", "Bo Chen"),
                "source": "Harbour News",
            },
        ),
        (
            {
                "maintext": BODY,
                "title": "Pier approved",
                "source_url": "https://a.example/p",
                "date_publish": "2026-03-10 09:00:00",
                "authors": ["Ann Lee"],
                "source_domain": "a.example",
            },
            {
                "url": "https://a.example/p",
                "iso": None,
                "authors": ("Ann Lee",),
                "source": "a.example",
            },
        ),
        (
            {
                "raw_text": BODY,
                "title": "Pier approved",
                "source": "https://a.example/p",
                "date": "2026-03-10",
                "author": "Ann Lee; Bo Chen",
                "sitename": "Harbour News",
            },
            {
                "url": "https://a.example/p",
                "authors": ("Ann Lee", "Bo Chen"),
                "source": "Harbour News",
            },
        ),
        (
            {
                "text": BODY,
                "datePublished": "2026-03-10T08:00:00Z",
                "author": "Ann Lee, Bo Chen",
                "hostname": "a.example",
            },
            {
                "iso": "2026-03-10T08:00:00+00:00",
                "authors": ("Ann Lee", "Bo Chen"),
                "source": "a.example",
                "title": "The harbour board approved a new pier on Tuesday after a"
                " year of public consultation.",
            },
        ),
        (
            {"text": BODY, "authors": [{"name": "Ann Lee"}]},
            {"authors": ("Ann Lee",), "source": None},
        ),
    ],
)
def test_json_field_variants(fields: dict[str, object], expected: dict[str, object]) -> None:
    article = extract(RawInput(origin="r.json", content=record(**fields)))
    assert article.text == BODY.replace("\n", "\n\n")
    actual = {
        "title": article.title,
        "url": article.url,
        "authors": article.authors,
        "source": article.source,
        "iso": article.published.iso if article.published else None,
    }
    assert {key: actual[key] for key in expected} == expected


def test_html_jsonld_page() -> None:
    page = (FIXTURES / "page-jsonld.html").read_bytes()
    article = extract(RawInput(origin="p.html", content=page))
    assert article.title == "Tidal mill reopens after ten-year restoration"
    assert article.url == "https://www.estuarypost.example/news/tidal-mill-reopens"
    assert article.source == "The Estuary Post"
    assert article.authors == ("Imogen Carrow", "Felix Dunmore")
    assert article.published is not None
    assert article.published.iso == "2026-03-11T08:30:00+00:00"
    assert article.published.signal == "json-ld"
    assert article.language == "en"
    assert article.text.startswith("A tidal mill on the Wendle estuary")
    assert article.text.endswith("free for children under 12.")
    assert len(article.paragraphs) == 5
    for furniture in ("Advertisement", "All rights reserved", "Home"):
        assert furniture not in article.text


def test_html_opengraph_page_with_config() -> None:
    raw = RawInput(
        origin="p.html", content=(FIXTURES / "page-og.html").read_bytes(), timezone="Asia/Tokyo"
    )
    article = extract(raw)
    assert article.title == "港町の灯台が一般公開へ"
    assert article.url == "https://www.shiokaze.example/articles/20260312-lighthouse"
    assert article.source == "潮風新聞"
    assert article.authors == ("山田花子",)
    assert article.language == "ja"
    assert article.published is not None
    assert article.published.iso == "2026-03-12T10:00:00+09:00"
    assert article.published.signal == "meta article:published_time, zone from source config"
    assert not article.text.startswith("港町の灯台が一般公開へ")


def test_feed_entry_fills_gaps() -> None:
    entry = FeedEntry(
        title="Pier approved",
        published="2026-03-10T09:00:00+01:00",
        authors=("Ann Lee",),
        tags=("harbour",),
        url="https://a.example/p",
    )
    article = extract(RawInput(origin="r", content=record(text=BODY), feed_entry=entry))
    assert (article.title, article.url, article.authors, article.feed_tags) == (
        "Pier approved",
        "https://a.example/p",
        ("Ann Lee",),
        ("harbour",),
    )
    assert article.published is not None
    assert article.published.signal == "feed entry"


@pytest.mark.parametrize(
    "title,site,expected",
    [
        ("Tidal mill reopens | The Estuary Post", "The Estuary Post", "Tidal mill reopens"),
        ("Tidal mill reopens - The Estuary Post", "The Estuary Post", "Tidal mill reopens"),
        ("The Estuary Post | Tidal mill reopens", "The Estuary Post", "Tidal mill reopens"),
        (
            "Tidal mill reopens after restoration | Estuary Post",
            None,
            "Tidal mill reopens after restoration",
        ),
        ("Mill - a history", None, "Mill - a history"),
    ],
)
def test_title_suffix(title: str, site: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site) == expected


@pytest.mark.parametrize(
    "text,language",
    [
        ("The council met on Tuesday.", "en"),
        ("海事安全委員會今天公布，去年離島航線載客量創新高。", "zh"),
        ("港町にある灯台が、来月から初めて一般に公開されます。", "ja"),
        ("항구 도시의 등대가 다음 달부터 일반에 공개됩니다.", "ko"),
        ("Taipei 101 (台北101) hosted the event on Tuesday evening.", "en"),
        ("12345 !!!", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "tag,expected",
    [
        ("en-US", "en"),
        ("zh_TW", "zh"),
        ("JA", "ja"),
        ("", None),
        (None, None),
        ("x", None),
    ],
)
def test_language_tag(tag: str | None, expected: str | None) -> None:
    assert language_tag(tag) == expected


def test_language_precedence() -> None:
    content = record(text=BODY, language="fr")
    assert extract(RawInput(origin="r", content=content)).language == "fr"
    assert extract(RawInput(origin="r", content=content, language="de")).language == "de"
    assert extract(RawInput(origin="r", content=record(text=BODY))).language == "en"


@pytest.mark.parametrize(
    "line,expected",
    [
        ("Cafe\u0301  owners\u200b said", "Café owners said"),
        ("\u202eReversed\u202c text \u00a0 here  ", "Reversed text here"),
        ("\ufeffTab\tseparated", "Tab separated"),
    ],
)
def test_clean_line(line: str, expected: str) -> None:
    assert clean_line(line) == expected


def test_join_paragraphs_drops_empty() -> None:
    assert join_paragraphs(["  One. ", "", "\u200b", "Two.  "]) == "One.\n\nTwo."


def test_extraction_is_deterministic() -> None:
    raw = RawInput(origin="p.html", content=(FIXTURES / "page-jsonld.html").read_bytes())
    assert extract(raw) == extract(raw)


def test_xhtml_page_does_not_warn() -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<head><title>Quay works finish early</title></head><body><article><p>"
        + "The quay works finished two weeks early, the port authority said on Friday. " * 4
        + "</p></article></body></html>"
    )
    article = extract(RawInput(origin="x.xhtml", content=page.encode()))
    assert article.title == "Quay works finish early"


def test_lone_surrogates_from_json_escapes_become_replacement_characters() -> None:
    record = (
        b'{"title": "Bad \\ud800 title", "authors": ["A \\udfff B"], "text": '
        b'"A paragraph long enough to count as the body of an article, \\ud83d here."}'
    )
    article = extract(RawInput(origin="surrogate.json", content=record))
    assert article.title == "Bad \ufffd title"
    assert article.authors == ("A \ufffd B",)
    dumps_record(article).encode("utf-8")  # storable


def test_table_and_standfirst_are_story_text() -> None:
    # Measured on the trafilatura set: keeping tables and standfirsts raised snippet F1.
    prose = "The council voted on the new ferry timetable after a long debate on Tuesday. " * 3
    page = (
        "<html><head><title>Vote</title></head><body><article><h1>Vote</h1>"
        '<p class="dek">Island seats decided the vote.</p>'
        f"<p>{prose}</p><table><tr><th>Party</th><th>Seats</th></tr>"
        f"<tr><td>Harbour</td><td>12</td></tr></table><p>{prose}</p></article></body></html>"
    )
    text = extract(RawInput(origin="t.html", content=page.encode())).text
    assert text.startswith("Island seats decided the vote.")
    assert "| Harbour | 12 |" in text


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Ferry strike ends", "Crews returned on Monday."], ["Crews returned on Monday."]),
        (["Ferry strike ends", "ferry  strike ends", "Crews returned."], ["Crews returned."]),
        # a one-sentence brief whose text is its headline keeps it: the headline is the article
        (["Ferry strike ends"], ["Ferry strike ends"]),
        (["Ferry strike ends", "Ferry strike ends", ""], ["Ferry strike ends", ""]),
        (["Crews returned on Monday."], ["Crews returned on Monday."]),
    ],
)
def test_drop_leading_title_never_empties_the_text(lines: list[str], expected: list[str]) -> None:
    assert drop_leading_title(lines, "Ferry strike ends") == expected


def test_a_record_whose_text_is_its_title_is_an_article() -> None:
    record = {"title": "Harbour crane toppled in gale.", "text": "Harbour crane toppled in gale."}
    article = extract(RawInput(origin="brief.json", content=json.dumps(record).encode()))
    assert article.text == "Harbour crane toppled in gale."
