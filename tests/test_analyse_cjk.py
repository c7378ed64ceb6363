"""Table-driven tests of Chinese and Japanese facts on fictional sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.analyse import AnalysisSettings, analyse
from generator.analyse.cjkfacts import dates, figures, organizations, places
from generator.analyse.sentences import split_sentences
from generator.model import Article, Published

PUBLISHED = dt.date(2026, 3, 12)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("市府將投入新台幣3億元改建碼頭。", ["新台幣3億元"]),
        ("去年共有1,200人參加路跑。", ["1,200人"]),
        ("改装費用は約十二億円で、来年始まる。", ["十二億円"]),
        ("票價調漲5%，每月增加二十萬人次。", ["5%", "二十萬人次"]),
        ("一名男子與兩座大樓無關。", []),
        ("你千萬不要在第3名之後放棄。", []),
        ("碼頭已經使用超過四十年。", []),
        ("1人あたり年間120万円を支給する。", ["120万円"]),
        ("首批2艘預計明年交船。", ["2艘"]),
    ],
)
def test_figures(sentence: str, expected: list[str]) -> None:
    """Keep numbers with a currency, unit or scale; drop bare counts, ordinals and idioms."""
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("法案於2026年3月10日三讀通過。", ["2026-03-10"]),
        ("工程3月10日開工，市長出席。", ["2026-03-10"]),
        ("計畫預定二〇二七年五月完成。", ["2027-05"]),
        ("市府星期三宣布新政策。", ["2026-03-11"]),
        ("市は火曜日、改装を発表した。", ["2026-03-10"]),
        ("3月起實施新制。", []),
        ("公司自去年12月18日起停售。", ["2025-12-18"]),
        ("高松港で10日、運航が始まった。", ["2026-03-10"]),
        ("工事は10日間続く。", []),
        ("會議訂於2月30日舉行。", []),
    ],
)
def test_dates(sentence: str, expected: list[str]) -> None:
    """Normalise explicit dates; resolve a missing year and weekdays against publication."""
    assert [iso for iso, _ in dates(sentence, PUBLISHED)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("根據交通局的規劃，新碼頭將增加客運大樓。", ["交通局"]),
        ("海港市政府星期三宣布改建計畫。", ["海港市政府"]),
        ("市の教育委員会によると、新館にカフェができる。", ["教育委員会"]),
        ("南部與北部的居民都很關心。", []),
        ("大学生が市役所の前に集まった。", ["市役所"]),
    ],
)
def test_organizations(sentence: str, expected: list[str]) -> None:
    """Find bodies by their ending, never directions ("北部") or people ("大学生")."""
    assert organizations(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("高雄與台北之間將開新航線。", ["高雄", "台北"]),
        ("演員在舞台中央謝幕。", []),
        ("東京と大阪を結ぶ新しい列車。", ["東京", "大阪"]),
    ],
)
def test_places(sentence: str, expected: list[str]) -> None:
    """Name major places only where a word starts, not inside another word ("舞台中")."""
    assert places(sentence) == expected


QUOTES = [
    (
        "zh",
        "市長林雅文在記者會上表示，計畫很重要。\n\n「我們不能再等下去。」她說。",
        "市長林雅文：「我們不能再等下去」",
    ),
    ("zh", "交通局長陳志明表示：「臨時碼頭下月啟用。」", "交通局長陳志明：「臨時碼頭下月啟用」"),
    (
        "ja",
        "「市民が一日を過ごせる場所にしたい」と担当者は述べた。",
        "担当者：「市民が一日を過ごせる場所にしたい」",
    ),
    ("zh", "「這座橋太舊了。」有民眾抱怨。", ""),
    ("zh", "市长王海在会上说：“新码头明年启用。”", "市长王海：「新码头明年启用」"),
    ("zh", "海港“蓝色走廊”协会会长李明表示，计划可行。", ""),
]


@pytest.mark.parametrize(("language", "text", "expected"), QUOTES)
def test_quotes(language: str, text: str, expected: str) -> None:
    """Attribute a quote only to a named speaker or a pronoun resolved to one."""
    published = Published("2026-03-12T09:00:00+08:00", "2026-03-12T09:00:00", "test")
    article = Article(id="q", title="", text=text, language=language, published=published)
    result = analyse(article, AnalysisSettings())
    quotes = [f.text for f in result.facts if f.kind == "quote"]
    assert quotes == ([expected] if expected else [])
    sentences = split_sentences(text, language)
    for fact in result.facts:
        assert fact.evidence == sentences[fact.sentence].text
