"""Readable pages (issue 21): page language, UI labels, the summary marked once, plurals."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from generator.model import Analysis, Article, Published, Sentence
from generator.render.article import render_article
from generator.render.context import Entry, make_entry
from generator.render.freshness import last_fetch, updated_line
from generator.render.labels import labels_for, page_language
from generator.render.listings import count_label
from generator.render.notes import edited_marker


@pytest.mark.parametrize(
    "language,text,expected",
    [
        ("zh", "港務局今天說，離島渡輪將增加夜間班次，乘客排隊時間縮短。", "zh-Hant"),
        ("zh", "港务局今天说，离岛渡轮将增加夜间班次，乘客排队时间缩短。", "zh-Hans"),
        ("zh", "人口", "zh"),  # shared characters only: no script to tell
        ("ja", "港湾局は今日、夜間便を増やすと発表した。", "ja"),
        ("en", "The harbour board said ferries will run later.", "en"),
    ],
)
def test_page_language(language: str, text: str, expected: str) -> None:
    assert page_language(language, text) == expected


@pytest.mark.parametrize(
    "tag,key,expected",
    [
        ("en", "summary", "Summary"),
        ("zh-Hant", "related", "相關報導"),
        ("zh-Hans", "related", "相关报道"),
        ("ja", "read_original", "元の記事を読む（{source}）"),
        ("fr", "summary", "Summary"),  # a language without a table reads English
        ("zh", "tags", "標籤"),
    ],
)
def test_labels_for(tag: str, key: str, expected: str) -> None:
    assert labels_for(tag)[key] == expected


def test_every_language_has_every_label() -> None:
    keys = set(labels_for("en"))
    for tag in ("zh-Hant", "zh-Hans", "ja"):
        assert set(labels_for(tag)) == keys, tag


@pytest.mark.parametrize(
    "count,noun,expected",
    [
        (5, "day", "5 days"),
        (1, "day", "1 day"),
        (20, "story", "20 stories"),
        (1, "story", "1 story"),
        (3, "article", "3 articles"),
        (2, "key", "2 keys"),
    ],
)
def test_count_label(count: int, noun: str, expected: str) -> None:
    assert count_label(count, noun) == expected


@pytest.mark.parametrize(
    "fields,expected",
    [
        (["tags"], "the tags shown on this page were written"),
        (["title"], "the title shown on this page was written"),
        (["summary"], "the summary shown on this page was written"),
        (["title", "summary"], "the title and summary shown on this page were written"),
        (["title", "summary", "tags"], "the title, summary and tags shown on this page were"),
    ],
)
def test_edited_marker_agrees(fields: list[str], expected: str) -> None:
    assert expected in edited_marker(fields, None)


SENTENCES = (
    "Night ferries return to the island in May.",
    "The harbour board approved it.",
    "Fares stay the same.",
    "Buses will meet the last boat.",
)


def article_entry(
    summary: tuple[int, ...],
    language: str = "en",
    sentences: tuple[str, ...] = SENTENCES,
    fetched: str | None = None,
) -> Entry:
    """Return an entry whose text is one sentence per paragraph."""
    spans, start = [], 0
    for index, text in enumerate(sentences):
        spans.append(Sentence(index, index, start, start + len(text), text))
        start += len(text) + 2
    article = Article(
        id="f00d" * 3,
        title="Night ferries",
        text="\n\n".join(sentences),
        language=language,
        fetched_at=fetched,
        published=Published(
            iso="2026-03-10T09:00:00+08:00", local="2026-03-10T09:00:00", signal="test"
        ),
    )
    return make_entry(article, Analysis(sentences=tuple(spans), summary=summary, tags=()), "UTC")


def soup(entry: Entry) -> BeautifulSoup:
    """Return the article page's body (front matter left out) as parsed HTML."""
    return BeautifulSoup(render_article(entry, {}, {}).split("---\n", 2)[2], "lxml")


@pytest.mark.parametrize(
    "summary,listed,marked",
    [
        ((0, 1), [], ["s-0", "s-1"]),  # the opening: marked in the text, not printed twice
        ((0, 2), ["#s-2"], ["s-0", "s-2"]),  # only the sentence further down is listed
        ((1, 3), ["#s-1", "#s-3"], ["s-1", "s-3"]),  # none opens the text: all listed
    ],
)
def test_summary_is_not_printed_twice(
    summary: tuple[int, ...], listed: list[str], marked: list[str]
) -> None:
    page = soup(article_entry(summary))
    assert [a["href"] for a in page.select("ol.nd-summary a")] == listed
    assert [m["id"] for m in page.select(".nd-text mark.nd-highlight")] == marked
    assert bool(page.select_one("p.nd-marked")) == (summary[0] == 0)
    for index in marked:  # each summary sentence is in the page's text exactly once
        sentence = SENTENCES[int(index[2:])]
        assert page.get_text().count(sentence) == 1 + (f"#{index}" in listed)


@pytest.mark.parametrize(
    "language,sentences,lang,heading,fact_label",
    [
        ("en", SENTENCES, "en", "Summary", "Summary"),
        ("zh", ("港務局說，離島渡輪增加夜間班次。", "票價維持不變。"), "zh-Hant", "摘要", "摘要"),
        ("zh", ("港务局说，离岛渡轮增加夜间班次。", "票价维持不变。"), "zh-Hans", "摘要", "摘要"),
        ("ja", ("港湾局は夜間便を増やすと発表した。", "運賃は変わらない。"), "ja", "要約", "要約"),
    ],
)
def test_page_language_and_labels(
    language: str, sentences: tuple[str, ...], lang: str, heading: str, fact_label: str
) -> None:
    markdown = render_article(article_entry((1,), language, sentences), {}, {})
    assert f"  lang: {lang}\n" in markdown
    page = BeautifulSoup(markdown, "lxml")
    assert page.select_one("h1.nd-title")["lang"] == lang
    assert page.select_one(".nd-text")["lang"] == lang
    assert f"## {heading} {{#summary}}" in markdown
    when = page.select_one("time.nd-when")
    assert when["datetime"] == "2026-03-10T09:00:00+08:00"
    assert when["title"] == when.get_text() and "UTC+08:00" in when["title"]


@pytest.mark.parametrize(
    "stamps,expected",
    [
        ([None], "2026-03-10T09:00:00+08:00"),  # no fetch time: the publication time
        (["2026-03-10T02:00:00+00:00"], "2026-03-10T02:00:00+00:00"),  # later in UTC than 01:00Z
        (["2026-03-09T23:00:00-05:00"], "2026-03-09T23:00:00-05:00"),  # 04:00Z next day
    ],
)
def test_last_fetch_compares_instants(stamps: list[str | None], expected: str) -> None:
    entries = [article_entry((0,)), *(article_entry((0,), fetched=s) for s in stamps)]
    assert last_fetch(entries) == expected


def test_updated_line_carries_a_hidden_stale_notice() -> None:
    fetched = "2026-03-10T10:00:00+08:00"
    line = BeautifulSoup(updated_line([article_entry((0,))], "UTC", fetched), "lxml")
    assert line.select_one("time")["datetime"] == fetched
    notice = line.select_one(".nd-stale")
    assert notice.has_attr("hidden") and notice["data-nd-stale-after"] == "7200"
    assert updated_line([], "UTC") == ""
