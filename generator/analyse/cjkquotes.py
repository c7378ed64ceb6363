"""Find the quotations of a Chinese or Japanese article (「…」) and who said them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from generator.analyse.cjklexicon import JA_SAY, PRONOUNS, ZH_SAY
from generator.model import Quote, Sentence

# A quote (「…」, or “…” as mainland Chinese writes it) followed by its speaker and a
# reporting verb: "「…」她說" / "「…」と担当者は述べた".
QUOTE_AFTER = re.compile(
    r"(?:^|(?<=[。！？，,：:\s」”]))"  # a quote opens a clause; 亚太“一带一路”共策会 is a name
    rf"[「“](?P<quote>[^「」“”]{{4,}}?)[」”](?:と、?)?[，,]?(?P<who>[^「」“”，。！？,、：:]{{0,14}}?)"
    rf"(?:は|が)?(?:{'|'.join(ZH_SAY + JA_SAY)})"
)
# A speaker and reporting verb before a quote: "林雅文表示：「…」" / "担当者は「…」と述べた".
QUOTE_BEFORE = re.compile(
    rf"(?:^|[，,。、])(?P<who>[^「」“”，。！？,、：:]{{1,16}}?)(?:は|(?:{'|'.join(ZH_SAY)})[，,:：]?)"
    rf"[「“](?P<quote>[^「」“”]{{4,}})[」”]"
)
# An attribution opening a clause without quote marks: "市長林雅文在記者會上表示，…".
SPEAKER = re.compile(
    rf"(?:^|[，,])(?P<who>[^「」，。！？,、]{{2,16}}?)(?:{'|'.join(ZH_SAY)})[，,:：]"
)
# Setting words between a speaker and the verb: "在記者會上", "今天", "也", "則".
SPEAKER_FILLER = re.compile(
    r"在[^在]{1,10}?[上中時时後后]|今天|昨天|今日|日前|[也則则還还更並并亦]+$"
)

# A manner adverb the speaker phrase ends in ("激动地" in "一位女生激动地说"): two characters
# and the particle 地. A noun ending in 地 ("基地", "当地", "所在地") is kept.
ADVERB = re.compile(r"(?<=..)[\u4e00-\u9fff]{2}地$")
NOUN_BEFORE_DI = frozenset("基当本各内工场土营阵领驻在源民据") | frozenset(
    "的生属陆草耕林盆腹境园圣产田外墓湿高山实此该原"
)


def cjk_quotes(sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
    """Return the attributed 「…」/“…” quotations, a pronoun for the one named just before."""
    return tuple(_quotes(sentences))


def _quotes(sentences: Sequence[Sentence]) -> Iterator[Quote]:
    """Yield the quotes whose speaker is named, or is a pronoun after a named speaker."""
    last, since = "", 0  # the person named last, and how many sentences ago
    for s in sentences:
        since += 1
        quoted = "「" in s.text or "“" in s.text  # both patterns need one; most have none
        match = (QUOTE_BEFORE.search(s.text) or QUOTE_AFTER.search(s.text)) if quoted else None
        if match is None:
            plain = SPEAKER.search(s.text)
            named = _speaker(plain.group("who"), "") if plain else ""
            last, since = (named, 0) if named else (last, since)
            continue
        who = _speaker(match.group("who"), last if since <= 1 else "")
        if who:
            last, since = who, 0
            yield Quote(who, match.group("quote"), s.text, s.index)


def _speaker(who: str, last: str) -> str:
    """Return a cleaned speaker, a pronoun standing for `last` ("" when unknown)."""
    who = SPEAKER_FILLER.sub("", who).strip()
    adverb = ADVERB.search(who)
    if adverb is not None and who[-2] not in NOUN_BEFORE_DI:
        who = who[: adverb.start()]
    if who in PRONOUNS or who in ("", "同"):
        return last
    return who if 2 <= len(who) <= 12 else ""
