"""Feed items name their publisher, their authors and their own language (issue 21)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from generator.analyse import AnalysisSettings, analyse
from generator.config.settings import SiteSettings
from generator.model import Article, Published
from generator.render.context import Entry, make_entry
from generator.render.feeds import DC, Feed, article_item, json_feed, rss

SITE = SiteSettings(title="Gull Bay", url="https://news.gullbay.example/")
BODY_ONLY = "The crossing takes forty minutes in calm weather and longer in a westerly gale."


def entry(
    language: str,
    authors: tuple[str, ...],
    url: str | None,
    source: str | None,
) -> Entry:
    text = (
        "The Gull Bay ferry will run 14 sailings a day from 3 May, the operator said."
        "\n\n" + BODY_ONLY
    )
    article = Article(
        id=f"id-{language}",
        title="Ferry adds sailings",
        text=text,
        url=url,
        source=source,
        authors=authors,
        language=language,
        published=Published(
            iso="2026-04-20T09:15:00+01:00", local="2026-04-20T09:15:00", signal="test"
        ),
    )
    analysis = analyse(article, AnalysisSettings(summary_sentences=1))
    return make_entry(article, analysis, "Europe/London")


CASES = [
    ("en", ("Wren Haddock", "Ivo Quill"), "https://gazette.example/a?x=1", "Gull Bay Gazette"),
    ("zh", ("林小雨",), "https://tw.example/news/1", "海鷗灣日報"),
    ("ja", (), None, "瀬戸の声 <b>&"),
    ("en", (), None, None),
]


def feeds(*entries: Entry) -> tuple[ET.Element, dict[str, object]]:
    feed = Feed(
        path="rss.xml",
        title="T",
        description="D",
        home="index.md",
        items=tuple(article_item(e) for e in entries),
    )
    return ET.fromstring(rss(feed, SITE)), json.loads(json_feed(feed, SITE))


@pytest.mark.parametrize("language,authors,url,source", CASES)
def test_rss_item_credits(
    language: str, authors: tuple[str, ...], url: str | None, source: str | None
) -> None:
    channel, _ = feeds(entry(language, authors, url, source))
    item = channel.find("channel/item")
    assert item is not None
    assert [c.text for c in item.findall(f"{{{DC}}}creator")] == list(authors)
    assert item.findtext(f"{{{DC}}}language") == language
    node = item.find("source")
    if source and url:
        assert node is not None and node.text == source
        assert node.get("url") == "https://" + url.split("/")[2] + "/"
    else:
        assert node is None
    assert BODY_ONLY not in ET.tostring(channel, "unicode")  # the summary, not the body


@pytest.mark.parametrize("language,authors,url,source", CASES)
def test_json_feed_item_credits(
    language: str, authors: tuple[str, ...], url: str | None, source: str | None
) -> None:
    _, document = feeds(entry(language, authors, url, source))
    item = document["items"][0]  # type: ignore[index]
    assert item["language"] == language
    assert item.get("authors", []) == [{"name": a} for a in authors]
    assert item.get("external_url") == url
    assert item.get("_newsdigest", {}).get("source") == source
    assert BODY_ONLY not in json.dumps(item, ensure_ascii=False)


def test_mixed_languages_keep_their_own() -> None:
    _, document = feeds(*(entry(lang, (), None, None) for lang in ("en", "zh", "ja")))
    assert [i["language"] for i in document["items"]] == ["en", "zh", "ja"]  # type: ignore[index]
