"""Chinese and Japanese article pages speak their own language and keep their script's tag."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from generator.analyse import AnalysisSettings, analyse
from generator.model import Article, Published
from generator.render.article import render_article
from generator.render.context import Entry, make_entry
from generator.render.labels import entry_language
from generator.render.stories import StoryItems

URL = "https://lakeside-daily.example/news/ferry"
# Fictional reports: one a paragraph, each with a figure the fact box shows.
TEXTS = {
    "zh-Hant": "湖濱市渡輪公司今天宣布，從五月一日起每天增開十二個航班。\n\n"
    "公司發言人說，去年乘客約有三百萬人次。",
    "zh-Hans": "湖滨市轮渡公司今天宣布，从五月一日起每天增开十二个航班。\n\n"
    "公司发言人说，去年乘客约有三百万人次。",
    "ja": "湖畔市のフェリー会社は、五月一日から一日十二便を増便すると発表した。\n\n"
    "広報担当者によると、昨年の乗客は約三百万人だった。",
}
TITLES = {"zh-Hant": "湖濱渡輪增開航班", "zh-Hans": "湖滨轮渡增开航班", "ja": "湖畔フェリー増便"}


def entry_of(tag: str) -> Entry:
    article = Article(
        id=f"cjk-{tag}",
        title=TITLES[tag],
        text=TEXTS[tag],
        url=URL,
        source="湖濱日報",
        language=tag.split("-", maxsplit=1)[0],
        published=Published(
            iso="2026-04-20T09:15:00+08:00", local="2026-04-20T09:15:00", signal="test"
        ),
    )
    return make_entry(article, analyse(article, AnalysisSettings()), "Europe/London")


@pytest.mark.parametrize(
    "tag,mode,original,continues",
    [
        ("zh-Hant", "full", "原文：湖濱日報", None),
        ("zh-Hant", "excerpt", "到湖濱日報閱讀全文", "到湖濱日報繼續閱讀"),
        ("zh-Hans", "excerpt", "到湖濱日報阅读全文", "到湖濱日報继续阅读"),
        ("ja", "excerpt", "湖濱日報で全文を読む", "湖濱日報で続きを読む"),
        ("ja", "full", "元記事：湖濱日報", None),
    ],
)
def test_links_to_the_original_speak_the_page_language(
    tag: str, mode: str, original: str, continues: str | None
) -> None:
    page = BeautifulSoup(render_article(entry_of(tag), {}, {}, mode=mode), "html.parser")
    assert page.select_one("p.nd-original a").get_text() == original
    shown = page.select_one("p.nd-continue a")
    assert (shown.get_text() if shown else None) == continues
    assert "Read the whole" not in page.get_text() and "Continue reading" not in page.get_text()


@pytest.mark.parametrize(
    "tag,at_source",
    [("zh-Hant", "湖濱日報原文 ↗"), ("zh-Hans", "湖濱日報原文 ↗"), ("ja", "湖濱日報の原文 ↗")],
)
def test_evidence_links_speak_the_page_language_and_inherit_its_script(
    tag: str, at_source: str
) -> None:
    page = BeautifulSoup(render_article(entry_of(tag), {}, {}, mode="excerpt"), "html.parser")
    links = [a.get_text() for a in page.select(".nd-facts a.nd-evidence-source")]
    assert links and set(links) == {at_source}
    # the quoted sentence carries no bare "zh": it inherits the page's zh-Hant / zh-Hans
    assert all(not q.has_attr("lang") for q in page.select(".nd-facts q"))


@pytest.mark.parametrize("tag", ["zh-Hant", "zh-Hans", "ja"])
def test_listing_items_carry_the_script_tag(tag: str) -> None:
    entry = entry_of(tag)
    assert entry_language(entry) == tag
    item = BeautifulSoup(StoryItems({}).story_list("index.md", [entry]), "html.parser")
    assert item.select_one("a.nd-story-title")["lang"] == tag
