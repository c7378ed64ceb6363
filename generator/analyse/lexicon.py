"""Word lists the analyser relies on, kept in one data place so editors can review them."""

from __future__ import annotations

import re
from collections.abc import Sequence


def words(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a listing as a set."""
    return frozenset(text.split())


def alternation(listing: Sequence[str]) -> str:
    """Return a regex alternation of words with shared beginnings written once ("Ma(?:rch|y)").

    The regex engine tries an alternation's branches one by one; written as a tree it looks at
    a few letters instead of every word. Words that can match at the same place keep their
    order, so the match is the same, as long as a word's longer forms all come before it (as
    when sorted longest first) or all after it (as when sorted alphabetically).
    """
    groups: dict[str, list[str]] = {}
    for word in listing:
        groups.setdefault(word[:1], []).append(word[1:])
    branches = [
        re.escape(head) + ("" if rests == [""] else alternation(rests)) if head else ""
        for head, rests in groups.items()
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# Abbreviations after which a period rarely ends a sentence (lower case, no final period).
TITLE_ABBREVIATIONS: frozenset[str] = words(
    """
    mr mrs ms dr prof gov sen rep gen col lt sgt capt adm maj cmdr supt insp rev fr sr
    jr st mt ft ave blvd hon pres amb messrs vs etc inc ltd co corp dept univ est approx
    fig
    """
)
# Month abbreviations: not an end when a day number follows ("Aug. 19").
MONTH_ABBREVIATIONS: frozenset[str] = words(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Dotted acronyms that end a sentence only when a typical sentence opener follows.
DOTTED_ABBREVIATIONS: frozenset[str] = words(
    """
    u.s u.k u.n e.u a.m p.m e.g i.e d.c l.a n.y u.s.a
    """
)
# Words that typically open an English sentence (lower case).
SENTENCE_OPENERS: frozenset[str] = words(
    """
    the a an he she it they we i you this that these those there his her their its our
    but and so yet however in on at after before when while if as for with by from
    meanwhile officials police no some many most more one two what who why how
    """
)

STOPWORDS: frozenset[str] = words(
    """
    a about above across after again against all almost along already also although
    always am among an and another any anyone anything are around as at away back be
    became because become been before being below between both but by can cannot could
    did do does doing done down during each either else enough even ever every few first
    for from further get gets got had has have having he her here hers herself him
    himself his how however i if in including into is it its itself just last late later
    least less let like made make many may me might mine more most much must my myself
    near nearly neither never new next no nor not now of off often on once one only or
    other others otherwise our ours ourselves out over own per perhaps put rather really
    said same say says saying see seem seemed several shall she should since so some
    still such than that the their theirs them themselves then there these they this
    those though through thus to together too toward towards under until up upon us use
    used very via was we well were what whatever when where whether which while who whom
    whose why will with within without would yet you your yours yourself mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    week weeks year years month months day days time times ago percent two three four
    five six seven eight nine ten hundred hundreds thousand thousands million millions
    billion billions dozen dozens told asked added according people thing things way lot
    """
)

# Verbs that attribute speech; never a tag, and the anchor of quote attribution.
REPORTING_VERBS: frozenset[str] = words(
    """
    said says say told tells added adds stated states noted notes explained explains
    stressed stresses warned warns announced announces confirmed confirms reported
    reports claimed claims wrote writes asked asks according
    """
)

# Past-tense action verbs: a phrase ending in one reads as a clause ("officials met"), not a topic.
ACTION_VERBS: frozenset[str] = words(
    """
    met visited signed approved rejected killed died arrested launched opened closed agreed
    called voted won lost left took gave made came went held found began started ended
    raised cut rose fell increased decreased reached hit struck attacked denied accused
    charged showed revealed urged vowed pledged sought failed decided received sent
    returned moved planned expected continued remained became helped allowed refused
    passed spent paid sold bought built injured wounded fired ordered felt thought kept
    brought caught taught meant led fled grew threw drew flew wrote spoke broke chose
    stood knew saw ran
    """
)

# Words ending in "-ed" that usually describe a noun rather than report an action.
ED_ADJECTIVES: frozenset[str] = words(
    """
    armed united limited skilled advanced proposed elected detailed related based
    retired registered licensed qualified experienced renewed hundred speed need seed
    feed breed greed shed bed red led
    """
)

# Words ending in "-ly" that are nouns or adjectives, not adverbs.
LY_NOUNS: frozenset[str] = words(
    """
    family supply assembly monopoly ally rally daily weekly monthly yearly quarterly
    early elderly friendly lonely likely only holy july italy reply anomaly butterfly
    """
)

# Words after which the next word is a verb ("to raise", "will expect").
VERB_CUES: frozenset[str] = words(
    """
    to will would could can may might must should shall did does do not never
    """
)

# Words that make a capitalised span a place or thing, never a person ("Riverton City").
NOT_PERSON_WORDS: frozenset[str] = words(
    """
    City County State Street Road Avenue Bridge River Lake Island Islands Bay Harbour
    Harbor Port Hall Park Airport Station Square Valley Mountain Mountains North South
    East West Northern Southern Eastern Western Central National International Global
    Daily Weekly Online Media Times Post News Court House Senate Congress Trust Transit
    Water Energy Power Airlines Airways Rail Railway Railways Ferries Ferry Lines Marine
    Works Group Holdings Partners Capital Health Care Festival Coast Guard Terminal Market
    Markets Motors Systems Technologies Solutions Fire Rescue Ambulance Gateway Point
    """
)

# Country -> adjectival forms. The one place demonyms live; used to merge tag spellings.
DEMONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Australia", ("Australian", "Australians")),
    ("Britain", ("British", "Briton", "Britons")),
    ("Canada", ("Canadian", "Canadians")),
    ("China", ("Chinese",)),
    ("France", ("French",)),
    ("Germany", ("German", "Germans")),
    ("India", ("Indian", "Indians")),
    ("Israel", ("Israeli", "Israelis")),
    ("Italy", ("Italian", "Italians")),
    ("Japan", ("Japanese",)),
    ("New Zealand", ("New Zealander", "New Zealanders")),
    ("Philippines", ("Philippine", "Filipino", "Filipinos")),
    ("Russia", ("Russian", "Russians")),
    ("South Korea", ("South Korean", "South Koreans")),
    ("Spain", ("Spanish",)),
    ("Taiwan", ("Taiwanese",)),
    ("Ukraine", ("Ukrainian", "Ukrainians")),
    ("United States", ("American", "Americans", "U.S.", "US")),
    ("Vietnam", ("Vietnamese",)),
    ("中国", ("中國",)),
    ("台湾", ("台灣",)),
    ("日本", ()),
)

# Capitalised words that open sentences or name times, never an entity on their own.
NON_ENTITY_WORDS: frozenset[str] = words(
    """
    The A An He She It They We I You This That These Those There His Her Their Its Our
    But And So Yet However In On At After Before When While If As For With By From
    Meanwhile According Some Many Most One Two Three What Who Why How Under Due Last
    Earlier Such Also January February March April May June July August September
    October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Mr Mrs Ms Dr Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Photo Read More Click
    Here Enditem Although Though Since Then Once Still Despite During Instead Even Just
    Both Each Every Other Another Any All Not No
    """
)

# Words that mark a capitalised span as an organisation rather than a person or place.
ORGANIZATION_HEADS: frozenset[str] = words(
    """
    Ministry Agency Association Council Committee Commission Department Office Bureau
    Administration Authority Party Union Bank Company Corporation Corp Inc Ltd Group
    University College Institute Foundation Organization Organisation Court Parliament
    Legislature Yuan Services Service Shinbun Shimbun Times Post News Press Agency
    Network Army Navy Force Forces Police Board Federation Society Fund Center Centre
    Club Exchange Embassy
    """
)

# Words that mark a person span: honorifics and roles written before a name.
PERSON_TITLES: frozenset[str] = words(
    """
    Mr Mrs Ms Dr Prof President Premier Minister Governor Gov Senator Sen Rep Mayor
    spokesperson spokesman spokeswoman Chairman Chairwoman Director Secretary General
    Judge Chancellor King Queen Prince Princess Pope CEO member official lawmaker
    legislator professor analyst chief Executive Officer Manager Commissioner Councillor
    Cllr Superintendent Organiser Organizer Harbourmaster Harbormaster coxswain director
    manager executive officer
    """
)

# Honorifics and abbreviated titles: dropped or spelled out when shown as a person's role.
TITLE_FORMS: tuple[tuple[str, str], ...] = (
    ("Mr", ""),
    ("Mrs", ""),
    ("Ms", ""),
    ("Mx", ""),
    ("Dr", ""),
    ("Gov", "Governor"),
    ("Sen", "Senator"),
    ("Rep", "Representative"),
    ("Prof", "Professor"),
    ("Cllr", "Councillor"),
)

# Known places that do not appear in the demonym table.
PLACE_NAMES: frozenset[str] = words(
    """
    Taipei Tokyo Beijing Shanghai Seoul London Paris Washington Moscow Kyiv
    Berlin Europe Asia Africa America Korea Iowa Alaska California Texas Hawaii
    Florida
    """
) | {"Hong Kong", "New York"}  # whole names: "New" alone is no place

# Frequent CJK words that carry no topic (reporting verbs, pronouns, time words).
CJK_STOPWORDS: frozenset[str] = words(
    """
    表示 指出 認為 认为 他們 他们 我們 我们 今天 昨天 明天 今年 去年 目前 已經 已经
    記者 记者 報導 报道 報道 以及 如果 因為 因为 所以 但是 這個 这个 這些 这些 那些
    一個 一个 沒有 没有 可以 進行 进行 相關 相关 透過 通过 方面 問題 问题 時間 时间
    發言人 发言人 週二 周二 星期二 今後 宣布 宣佈 承諾 承诺 擔心 担心 說道 说道
    について による ため こと もの これ それ ように として 述べ 発表 関係 場合 今年 昨年
    """
)
