"""UI labels in the page's language (English, Chinese, Japanese) and the page's `lang` tag."""

from __future__ import annotations

from collections import Counter

from hanzidentifier import helpers as hanzi

from generator.model import Entry

# Characters only Traditional (or only Simplified) Chinese writes, from CC-CEDICT via
# hanzidentifier: the majority of them decides a mixed text.
TRADITIONAL_ONLY = frozenset(hanzi.TRADITIONAL_CHARACTERS - hanzi.SHARED_CHARACTERS)
SIMPLIFIED_ONLY = frozenset(hanzi.SIMPLIFIED_CHARACTERS - hanzi.SHARED_CHARACTERS)

EN = {
    "summary": "Summary",
    "fact_box": "Fact box",
    "figure": "Figure",
    "date": "Date",
    "quote": "Quoted",
    "person": "Person",
    "organization": "Organisation",
    "place": "Place",
    "in_text": "in the text ↓",
    "who_said": "Who said what",
    "article": "Article",
    "read_original": "Read the original at {source}",
    "the_source": "the source",
    "tags": "Tags",
    "related": "Related coverage",
    "grouped": "Grouped as one story because: ",
    "whole_story": "the whole story",
    "by": "By {authors}",
    "min_read": "{n} min read",
    "date_unknown": "date unknown",
    "zone_unknown": "{time} (local time, zone unknown)",
    "no_summary": "No summary could be drawn from this article.",
    "summary_marked": "Summary sentences are highlighted in the text below.",
    "summary_sentence": "Summary sentence",
    "colon": ":",
    "original": "Original: {source}",
    "read_whole": "Read the whole article at {source}",
    "continue_reading": "Continue reading at {source}",
    "not_published": "The rest of the article is not published here.",
    "at_source": "at {source} ↗",
    "check_at_source": "check it at {source} ↗",
    "at_the_source": "at the source ↗",
    "from_article": "From the article",
    "dates": "en",
}
ZH_HANT = {
    "summary": "摘要",
    "fact_box": "事實摘要",
    "figure": "數字",
    "date": "日期",
    "quote": "引述",
    "person": "人物",
    "organization": "機構",
    "place": "地點",
    "in_text": "見原文 ↓",
    "who_said": "誰說了什麼",
    "article": "全文",
    "read_original": "閱讀原文（{source}）",
    "the_source": "來源",
    "tags": "標籤",
    "related": "相關報導",
    "grouped": "歸為同一事件的原因：",
    "whole_story": "整個事件",
    "by": "作者：{authors}",
    "min_read": "閱讀約 {n} 分鐘",
    "date_unknown": "日期不詳",
    "zone_unknown": "{time}（當地時間，時區不詳）",
    "no_summary": "無法從本文擷取摘要。",
    "summary_marked": "摘要句子已在下文中標示。",
    "summary_sentence": "摘要句子",
    "colon": "：",
    "original": "原文：{source}",
    "read_whole": "到{source}閱讀全文",
    "continue_reading": "到{source}繼續閱讀",
    "not_published": "本站未刊出這篇報導的其餘部分。",
    "at_source": "{source}原文 ↗",
    "check_at_source": "到{source}查證 ↗",
    "at_the_source": "原文 ↗",
    "from_article": "報導節錄",
    "dates": "cjk",
}
ZH_HANS = {
    "summary": "摘要",
    "fact_box": "事实摘要",
    "figure": "数字",
    "date": "日期",
    "quote": "引述",
    "person": "人物",
    "organization": "机构",
    "place": "地点",
    "in_text": "见原文 ↓",
    "who_said": "谁说了什么",
    "article": "全文",
    "read_original": "阅读原文（{source}）",
    "the_source": "来源",
    "tags": "标签",
    "related": "相关报道",
    "grouped": "归为同一事件的原因：",
    "whole_story": "整个事件",
    "by": "作者：{authors}",
    "min_read": "阅读约 {n} 分钟",
    "date_unknown": "日期不详",
    "zone_unknown": "{time}（当地时间，时区不详）",
    "no_summary": "无法从本文提取摘要。",
    "summary_marked": "摘要句子已在下文中标示。",
    "summary_sentence": "摘要句子",
    "colon": "：",
    "original": "原文：{source}",
    "read_whole": "到{source}阅读全文",
    "continue_reading": "到{source}继续阅读",
    "not_published": "本站未刊出这篇报道的其余部分。",
    "at_source": "{source}原文 ↗",
    "check_at_source": "到{source}查证 ↗",
    "at_the_source": "原文 ↗",
    "from_article": "报道节录",
    "dates": "cjk",
}
JA = {
    "summary": "要約",
    "fact_box": "ファクトボックス",
    "figure": "数値",
    "date": "日付",
    "quote": "発言",
    "person": "人物",
    "organization": "組織",
    "place": "場所",
    "in_text": "本文へ ↓",
    "who_said": "誰が何を言ったか",
    "article": "本文",
    "read_original": "元の記事を読む（{source}）",
    "the_source": "配信元",
    "tags": "タグ",
    "related": "関連記事",
    "grouped": "同じニュースとしてまとめた理由：",
    "whole_story": "ニュース全体",
    "by": "記者：{authors}",
    "min_read": "約 {n} 分で読めます",
    "date_unknown": "日付不明",
    "zone_unknown": "{time}（現地時間、タイムゾーン不明）",
    "no_summary": "この記事から要約を作れませんでした。",
    "summary_marked": "要約の文は下の本文で強調表示されています。",
    "summary_sentence": "要約の文",
    "colon": "：",
    "original": "元記事：{source}",
    "read_whole": "{source}で全文を読む",
    "continue_reading": "{source}で続きを読む",
    "not_published": "記事の続きはこのサイトには掲載していません。",
    "at_source": "{source}の原文 ↗",
    "check_at_source": "{source}で確認 ↗",
    "at_the_source": "原文 ↗",
    "from_article": "記事の抜粋",
    "dates": "cjk",
}
LABELS = {"en": EN, "zh-Hant": ZH_HANT, "zh-Hans": ZH_HANS, "zh": ZH_HANT, "ja": JA}


def chinese_script(text: str) -> str:
    """Return "zh-Hant" or "zh-Hans" by which script's own characters the text uses more.

    Characters both scripts share say nothing; a text with none of either is "zh".
    """
    counts = Counter(text)
    traditional = sum(n for ch, n in counts.items() if ch in TRADITIONAL_ONLY)
    simplified = sum(n for ch, n in counts.items() if ch in SIMPLIFIED_ONLY)
    if traditional == simplified:
        return "zh"
    return "zh-Hant" if traditional > simplified else "zh-Hans"


def page_language(language: str, text: str) -> str:
    """Return the BCP 47 tag of a page: Chinese gets its script from the text itself."""
    if language.split("-", maxsplit=1)[0] == "zh":
        return chinese_script(text)
    return language


def labels_for(tag: str) -> dict[str, str]:
    """Return the UI labels for a page language, English for any other language."""
    return LABELS.get(tag, LABELS.get(tag.split("-", maxsplit=1)[0], EN))


def entry_language(entry: Entry) -> str:
    """Return the language tag of an entry's title and summary where listings show them.

    A bare "zh" lets the browser draw Traditional Chinese with Simplified glyph forms.
    """
    return page_language(entry.article.language, entry.title + "".join(entry.summary_texts()))
