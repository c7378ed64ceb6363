"""Build the fact box of a Chinese or Japanese article: figures, dates, quotes, bodies, places."""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence

from generator.analyse.cjk import KANA, segments
from generator.analyse.cjklexicon import (
    COUNTERS,
    CURRENCY_PREFIXES,
    MONEY_UNITS,
    NOT_MINISTRY,
    ORGANIZATION_BREAKS,
    ORGANIZATION_SUFFIXES,
    PLACES,
    SCALES,
)
from generator.analyse.lexicon import words
from generator.analyse.patterns import days_before
from generator.model import Fact, FactKind, Quote, Sentence

_DIGITS = "〇零一二兩两三四五六七八九"
_NUMERALS = _DIGITS + "十百千"
# A number with optional currency before, scale/unit after ("新台幣3億元", "1,200人", "十二億円"),
# or a range of two ("6万至8万元": never its first end alone).
FIGURE = re.compile(
    rf"(?<![第\d{_NUMERALS}])(?P<prefix>(?:{'|'.join(CURRENCY_PREFIXES)})?)"
    rf"(?P<number>\d[\d,，]*(?:\.\d+)?|[{_NUMERALS}]+(?:[點点][{_DIGITS}]+)?)"
    rf"(?P<scale>[{''.join(SCALES)}千百]?)"
    rf"(?:[至到~～\-–](?:\d[\d,，]*(?:\.\d+)?|[{_NUMERALS}]+)[{''.join(SCALES)}千百]?)?"
    rf"(?P<unit>(?:{'|'.join(re.escape(u) for u in MONEY_UNITS + COUNTERS)})?)"
)
# The counters as a set, for membership tests.
COUNTER_WORDS = frozenset(COUNTERS)
_DAY = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
# Words before a month that give its year relative to publication ("去年12月").
RELATIVE_YEARS = {"前年": -2, "去年": -1, "昨年": -1, "今年": 0, "明年": 1, "来年": 1, "來年": 1}
# "2026年3月10日", "3月10日", "二〇二六年三月": year optional, day optional.
CJK_DATE = re.compile(
    rf"(?:(?P<year>(?:19|20)\d\d|[{_DIGITS}]{{4}})年|(?P<relative>{'|'.join(RELATIVE_YEARS)}))?"
    rf"(?P<month>{_DAY})月(?:(?P<day>{_DAY})[日號号])?"
)
# A day of the publication month alone ("10日"), not a span or rate ("10日間", "1日2往復").
DAY_ONLY = re.compile(r"(?<![\d月年])(?P<day>\d{1,2})日(?![間间\d]|あたり|当たり)")
# A counter used as a rate ("1人あたり", "每人"), not a count.
PER_UNIT = re.compile(r"^(?:あたり|当たり|當|每|毎)")
# A weekday: "星期三", "週三", "周三", "水曜日" (Monday first).
WEEKDAY = re.compile(r"(?:星期|週|周)(?P<zh>[一二三四五六日天])|(?P<ja>[月火水木金土日])曜日?")
# A character every WEEKDAY match holds: without one, a sentence names no weekday.
WEEKDAY_MARK = re.compile(r"[期週周曜]")
# A Japanese organisation: a kanji/katakana run ending in an organisation word, ending the run.
JA_ORGANIZATION = re.compile(
    rf"[\u4e00-\u9fff\u30a0-\u30ff々ー]{{0,10}}(?:{'|'.join(ORGANIZATION_SUFFIXES)})"
    r"(?![\u4e00-\u9fff\u30a0-\u30ff々ー])"
)
# A CJK ideograph or katakana: what a place name must not be glued to in Japanese text.
NAME_CHAR = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff々ー]")
# Organisation words, and their lengths longest first (the longest one a segment ends with).
SUFFIXES = frozenset(ORGANIZATION_SUFFIXES)
SUFFIX_SIZES = tuple(sorted({len(s) for s in ORGANIZATION_SUFFIXES}, reverse=True))
# The last characters of organisation words.
SUFFIX_ENDS = frozenset(s[-1] for s in ORGANIZATION_SUFFIXES)
# The places by their first character (each group in PLACES order), and those characters.
_PLACES_BY_FIRST: Mapping[str, tuple[str, ...]] = types.MappingProxyType(
    {c: tuple(p for p in PLACES if p[0] == c) for c in dict.fromkeys(p[0] for p in PLACES)}
)
_PLACE_FIRSTS = frozenset(_PLACES_BY_FIRST)
# What comes before "公司" in a company's legal form, not its name ("有限公司", "股份公司").
COMPANY_FORMS = frozenset({"有限", "股份", "股份有限", "有限责任", "有限責任"})
# A company's legal form as one segment, written after its name.
COMPANY_NAMES = frozenset({"有限公司", "股份有限公司", "有限责任公司", "有限責任公司", "株式会社"})
# A party committee segment ("省委", "市委", "县委"): a department after it is its own.
PARTY_COMMITTEE = re.compile(r"[\u4e00-\u9fff]{1,3}委")
# Words ending in an organisation character that name no body: cadres, parts, wholes.
NOT_BODY_ENDINGS = tuple(
    sorted(words("干部 幹部 全部 内部 內部 外部 局部 身处 身處 到处 到處 之处 之處 好处 好處"))
)
QUOTE_CHARS = 40
CLAUSE_CHARS = 24
NAME_SEGMENTS = 3  # segments joined before a bare organisation word
MIN_ORGANIZATION = 3


def cjk_candidates(
    sentences: tuple[Sentence, ...],
    title: str,
    published: dt.date | None,
    quotes: Sequence[Quote],
) -> dict[FactKind, Iterable[Fact]]:
    """Return candidate facts per kind for a Chinese or Japanese article, best first.

    Figures, dates and quotes are generators: select() reads each only as far as it needs.
    """
    return {
        "figure": (Fact("figure", f, s.text, s.index) for s in sentences for f in figures(s.text)),
        "date": (
            Fact("date", f"{iso}: {clause}", s.text, s.index)
            for s in sentences
            for iso, clause in dates(s.text, published)
        ),
        "quote": _quotes(quotes),
        "person": [],
        "organization": _organization_facts(sentences),
        "place": list(_places(sentences, title)),
    }


def figures(sentence: str) -> list[str]:
    """Return figures with a currency, unit or scale ("新台幣3億元", "1,200人", "十二億円")."""
    found = []
    for match in FIGURE.finditer(sentence):
        prefix, number, scale, unit = match.group("prefix", "number", "scale", "unit")
        if not (prefix or scale or unit):
            continue
        counted = unit in COUNTER_WORDS and not scale
        if not (number[0].isdigit() or set(number) & set(_DIGITS)):
            continue  # "千萬" (never) or "百" alone is a word, not a figure
        if counted and (number in "1一" or (len(number) < 2 and not number.isdigit())):
            continue  # "一名", "兩座": an article or a count without what it counts
        if PER_UNIT.match(sentence[match.end() :]):
            continue
        found.append(match.group(0))
    return found


def dates(sentence: str, published: dt.date | None) -> list[tuple[str, str]]:
    """Return (ISO date, clause) for explicit dates and weekdays resolved on publication."""
    found = []
    # Each pattern is scanned only when its mark occurs: most sentences name no date.
    for match in CJK_DATE.finditer(sentence) if "月" in sentence else ():
        iso = _iso(match, published)
        if iso:
            found.append((match.start(), iso))
    if published is not None:
        for match in WEEKDAY.finditer(sentence) if WEEKDAY_MARK.search(sentence) else ():
            if weekday := _weekday(match, published):
                found.append((match.start(), weekday))
        for match in DAY_ONLY.finditer(sentence) if "日" in sentence else ():
            if 1 <= int(match.group("day")) <= published.day:
                day = published.replace(day=int(match.group("day")))
                found.append((match.start(), day.isoformat()))
    return [(iso, _clause(sentence, start)) for start, iso in sorted(found)]


def _iso(match: re.Match[str], published: dt.date | None) -> str:
    """Return the ISO form of a CJK date ("" when too vague or invalid)."""
    year_text, day_text = match.group("year"), match.group("day")
    if published is None and year_text is None:
        return ""
    if year_text is None and day_text is None and match.group("relative") is None:
        return ""
    shift = RELATIVE_YEARS.get(match.group("relative") or "", 0)
    year = _number(year_text) if year_text else published.year + shift if published else 0
    month = _number(match.group("month"))
    if not 1 <= year <= 9999:
        return ""  # a relative year beyond the calendar's range
    if day_text is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else ""
    try:
        return dt.date(year, month, _number(day_text)).isoformat()
    except ValueError:
        return ""


def _number(text: str) -> int:
    """Return the value of digits or a small Chinese numeral ("十二", "二〇二六", "三十一")."""
    if text.isdigit() and text.isascii():
        return int(text)
    values = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "兩": 2, "两": 2}
    if "十" not in text:
        return int("".join(str(values.get(c, 0)) for c in text))
    tens, _, ones = text.partition("十")
    return values.get(tens, 1) * 10 + values.get(ones, 0)


def _weekday(match: re.Match[str], published: dt.date) -> str:
    """Return the date of a weekday on or before publication ("" before year 1)."""
    zh, ja = match.group("zh"), match.group("ja")
    index = "一二三四五六日".index("日" if zh == "天" else zh) if zh else "月火水木金土日".index(ja)
    back = (published.weekday() - index) % 7
    day = days_before(published, back)
    return day.isoformat() if day is not None else ""


def _clause(sentence: str, position: int) -> str:
    """Return the comma-delimited clause around a position, without end punctuation."""
    start = max(sentence.rfind(c, 0, position) for c in "，,、：") + 1
    ends = [i for i in (sentence.find(c, position) for c in "，,、。！？") if i >= 0]
    clause = sentence[start : min(ends) if ends else len(sentence)].strip()
    return clause if len(clause) <= CLAUSE_CHARS else clause[:CLAUSE_CHARS] + "…"


def _quotes(quotes: Sequence[Quote]) -> Iterator[Fact]:
    """Yield the attributed quotes as box entries, long ones cut with an ellipsis."""
    for quote in quotes:
        if quote.speaker is not None:
            words = quote.text.rstrip("。.")
            gist = words[:QUOTE_CHARS] + ("…" if len(words) > QUOTE_CHARS else "")
            yield Fact("quote", f"{quote.speaker}：「{gist}」", quote.evidence, quote.sentence)


def organizations(sentence: str) -> list[str]:
    """Return organisation names in a sentence (Chinese by segments, Japanese by script runs)."""
    if KANA.search(sentence):
        names = [m.group(0) for m in JA_ORGANIZATION.finditer(sentence)]
    else:
        names = list(_zh_organizations(segments(sentence)))
    return [
        n for n in names if len(n) >= MIN_ORGANIZATION and _not_direction(n) and not _generic(n)
    ]


def _zh_organizations(tokens: tuple[str, ...]) -> Iterator[str]:
    """Yield segments ending in an organisation word, joined with the name segments before."""
    joined = -1  # a company form joined to the name before it is no name of its own
    for i, token in enumerate(tokens):
        if token[-1:] not in SUFFIX_ENDS or i == joined:  # most segments end none
            continue
        suffix = _organization_suffix(token)
        if not suffix:
            continue
        name, j = token, i - 1
        if token == suffix or token[0] in "市縣县":  # a bare "委員會" or "市政府": name it
            while j >= max(0, i - NAME_SEGMENTS) and len(name) < 10 and _name_part(tokens[j]):
                name, j = tokens[j] + name, j - 1
        elif j >= 0 and PARTY_COMMITTEE.fullmatch(tokens[j]):
            name = tokens[j] + name  # "省委" + "宣传部": whose department it is
            if tokens[j][0] in "市縣县" and j > 0 and _name_part(tokens[j - 1]):
                name = tokens[j - 1] + name  # "沧州" + "市委宣传部"
        elif len(suffix) == 1 and len(token) == 2 and j >= 0 and _name_part(tokens[j]):
            name = tokens[j] + name  # "保定" + "学院": a name cut before its kind of body
        elif len(suffix) == 1 and len(token) == 3 and j >= 0 and _name_part(tokens[j]):
            continue  # "…水库" + "管理处": the tail of a longer name
        if j >= 0 and tokens[j] in PLACES and not name.startswith(tokens[j]):
            name = tokens[j] + name  # "新加坡" + "理工学院": whose college it is
        if tokens[i + 1 : i + 2] and tokens[i + 1] in COMPANY_NAMES:
            name, joined = name + tokens[i + 1], i + 1  # "…集团" + "有限公司": one company
        yield name


def _organization_suffix(token: str) -> str:
    """Return the longest organisation word a segment ends with ("" when none)."""
    for size in SUFFIX_SIZES:
        if token[-size:] in SUFFIXES:
            return token[-size:]
    return ""


def _name_part(token: str) -> bool:
    """Return True for a segment that can be part of an organisation's name."""
    return (
        len(token) >= 2
        and bool(NAME_CHAR.fullmatch(token[:1]))
        and token not in ORGANIZATION_BREAKS
    )


def _not_direction(name: str) -> bool:
    """Return False for "北部" or "西南部" (a part, not a ministry), or cadres ("干部")."""
    if name.endswith(NOT_BODY_ENDINGS):
        return False
    return not (name.endswith("部") and set(name[:-1]) <= NOT_MINISTRY)


def _organization_facts(sentences: tuple[Sentence, ...]) -> list[Fact]:
    """Return one fact per organisation, most mentioned first, then first seen."""
    first: dict[str, Sentence] = {}
    counts: dict[str, int] = {}
    for s in sentences:
        for name in organizations(s.text):
            first.setdefault(name, s)
            counts[name] = counts.get(name, 0) + 1
    names = [n for n in first if not any(n != m and n in m for m in first)]
    order = sorted(names, key=lambda n: (-counts[n], first[n].index, n))
    return [Fact("organization", n, first[n].text, first[n].index) for n in order]


def _generic(name: str) -> bool:
    """Return True for a company's legal form with no name before it ("有限公司")."""
    suffix = _organization_suffix(name)
    return name[: len(name) - len(suffix)] in COMPANY_FORMS or name in ("公司", "会社")


def places(sentence: str) -> list[str]:
    """Return the major places a sentence names, in order, each once."""
    starts: set[int] | None = None
    segmented = False  # word starts are found once a place occurs
    found: dict[str, int] = {}
    for first in _PLACE_FIRSTS.intersection(sentence):  # only places that may occur
        for place in _PLACES_BY_FIRST[first]:
            at = sentence.find(place)
            if at >= 0 and not segmented:
                starts, segmented = _word_starts(sentence), True
            while at >= 0 and not _place_boundary(sentence, at, starts):
                at = sentence.find(place, at + len(place))
            if at >= 0:
                found[place] = at
    ordered = sorted(found, key=lambda p: (found[p], p))
    return [p for p in ordered if not any(p != q and p in q for q in ordered)]


def _word_starts(sentence: str) -> set[int] | None:
    """Return the offsets where Chinese segments start (None for Japanese: runs decide)."""
    if KANA.search(sentence):
        return None
    starts, offset = set(), 0
    for token in segments(sentence):
        starts.add(offset)
        offset += len(token)
    return starts


def _place_boundary(sentence: str, at: int, starts: set[int] | None) -> bool:
    """Return True when the place named at `at` starts a word (Chinese segment, Japanese run)."""
    if starts is not None:
        return at in starts
    before = sentence[at - 1 : at]
    return not (before and NAME_CHAR.match(before))


def _places(sentences: tuple[Sentence, ...], title: str) -> Iterator[Fact]:
    """Yield places not named in the title, grouped by the sentence that first names them."""
    seen: set[str] = set()
    groups: list[tuple[int, Sentence, list[str]]] = []
    for s in sentences:
        new = [p for p in places(s.text) if p not in seen and p not in title]
        seen.update(new)
        if new:
            groups.append((len(new), s, new))
    for _, s, names in sorted(groups, key=lambda g: (-g[0], g[1].index)):
        yield Fact("place", "、".join(names), s.text, s.index)
