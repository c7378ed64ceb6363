"""Page text read through lxml as Beautiful Soup read it, and the quick tests that skip work."""

from __future__ import annotations

import warnings

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from generator.analyse.entities import people
from generator.data.furniture import furniture_reason
from generator.extract.htmlmeta import DATE_CLASS, PART_SEP, page_date_lines, visible_lines
from generator.extract.markup import parse_page, text_of
from generator.extract.text import clean_line

# Markup whose strings are easy to get wrong: comments and processing instructions split text,
# scripts, styles, templates and ruby annotations keep their own, white space collapses.
PAGES = [
    "<html><body><p>foo<!-- x -->bar<?php y ?>baz</p></body></html>",
    "<html><body><p>3<!-- -->:<!-- -->15</p><script>var a = 1;</script> tail</body></html>",
    "<html><body><template><p>hidden</p></template><div>shown <b>bold</b></div></body></html>",
    "<html><body><p>漢<ruby>字<rt>かんじ</rt><rp>(</rp></ruby> text</p></body></html>",
    "<html><head><title>A<!-- c -->   <!-- c -->B</title></head><body>x</body></html>",
    "<html><head><title>\n  Headline | Site \n</title></head>"
    "<body><pre>a  <i> </i> b</pre></body></html>",
    "<html><body><style>p{}</style><p>one<br>two</p>\n\n<p>  </p></body></html>",
]


def soup_of(page: str) -> BeautifulSoup:
    """Return the page as Beautiful Soup parses it with lxml (the reading we keep)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(page, "lxml")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", ["body", "title", "p", "template", "script", "pre", "ruby"])
@pytest.mark.parametrize("separator,strip", [("", False), (" ", True), ("\n", True)])
def test_text_of_reads_like_get_text(page: str, name: str, separator: str, strip: bool) -> None:
    expected = soup_of(page).find(name)
    root = parse_page(page)
    assert root is not None
    element = next(root.iter(name), None)
    assert (element is None) == (expected is None)
    if element is not None:
        assert text_of(element, separator, strip) == expected.get_text(separator, strip=strip)


@pytest.mark.parametrize(
    "page",
    [
        '<html><body><span class="post\tdate">May 3, 2025</span>'
        '<p id="x-time">9:05</p></body></html>',
        '<html><body><div class="PUBLISHED at">a</div><div class="tİme">b</div></body></html>',
        '<html><body><div class="a date b">x</div><i class="mydate">y</i><i class="">z</i></body>',
    ],
)
def test_date_lines_match_class_and_id_as_before(page: str) -> None:
    soup = soup_of(page)
    tags = [*soup.find_all(class_=DATE_CLASS), *soup.find_all(id=DATE_CLASS)]
    parts = [p.strip() for t in tags for p in PART_SEP.split(t.get_text(" ", strip=True))]
    root = parse_page(page)
    assert root is not None
    assert page_date_lines(root) == [p for p in parts if p]


def test_visible_lines_split_at_comments_and_tags() -> None:
    root = parse_page("<html><body><p>© <!-- -->2026<!-- --> Harbour Light</p></body></html>")
    assert root is not None
    assert visible_lines(root) == ["©", "2026", "Harbour Light"]


@pytest.mark.parametrize("text", ["", "   ", "<", "\x00", "plain words", "<p>a</p><p>b</p>"])
def test_visible_lines_of_odd_pages(text: str) -> None:
    body = soup_of(text).find("body")
    expected = body.get_text("\n", strip=True).split("\n") if body is not None else []
    root = parse_page(text)
    assert (visible_lines(root) if root is not None else []) == [line for line in expected if line]


@pytest.mark.parametrize(
    "line,reason",
    [
        ("We value your PRİVACY: please accept cookies", "privacy notice"),
        ("We value your prıvacy, please read on", "privacy notice"),
        ("Get the morning briefing sent to your İNBOX daily", "newsletter prompt"),
        ("© 2026 Harbour Light News Agency. All rights reserved.", "copyright"),
        ("The council said privacy rules for the new cameras were still being drafted.", None),
    ],
)
def test_furniture_cues_never_hide_a_match(line: str, reason: str | None) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line,expected",
    [
        ("already clean", "already clean"),
        ("two  spaces", "two spaces"),
        (" lead", "lead"),
        ("tail\u3000", "tail"),
        ("no\u00a0break", "no break"),
        ("soft\u00adhyphen", "softhyphen"),
        ("cr\r\nlf", "cr\nlf"),
        ("e\u0301", "\u00e9"),
        ("inner\u3000space", "inner\u3000space"),
    ],
)
def test_clean_line(line: str, expected: str) -> None:
    assert clean_line(line) == expected


def test_role_noun_longer_than_the_first_look() -> None:
    word = "harbourmaster" * 5 + "er"  # a role noun far longer than any real one
    text = f"The {word} Gavin Treloar said the pier would reopen. Treloar said so again."
    assert [(p.name, p.role) for p in people(text)] == [("Gavin Treloar", word)]
