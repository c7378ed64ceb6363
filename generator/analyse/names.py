"""Who an article names, for quote attribution: full names, surnames, genders, mentions.

A speaker phrase ("former Sen. Jane Roe", "Roe", "she") becomes a name only when the text
makes it certain: a surname stands for the one full name that ends with it, and a pronoun for
the one person named just before it as a subject (see pronouns.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from generator.analyse.entities import country_of, kind_of
from generator.analyse.lexicon import (
    NON_ENTITY_WORDS,
    NOT_PERSON_WORDS,
    PERSON_TITLES,
    STOPWORDS,
)
from generator.analyse.lexicon import (
    words as listing,
)

# A run of capitalised words (titles with their period, initials, possessives included).
NAME_RUN = re.compile(r"[A-Z][\w'’\-]*\.?(?:[ \u00a0][A-Z][\w'’\-]*\.?)*")
# One word of a person's name: "Roe", "McAdams", "O'Neil", "Smith-Jones", or an initial "J.".
NAME_WORD = re.compile(
    r"[A-Z](?:[a-z]+(?:[A-Z][a-z]+)?|['’][A-Z][a-z]+)(?:-[A-Za-z][a-z]+)?|[A-Z]\."
)
# A parenthesis after a name: a party and state "(D-Minn.)", an age "(69)".
PARENTHESES = re.compile(r"\([^()]*\)")
# A possessive ending: "Roe's" names Roe.
POSSESSIVE = re.compile(r"['’]s$")
# A generation suffix after a name.
SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
# Capitalised words written before a name that are roles, not part of it.
ROLE_WORDS = frozenset(w for w in PERSON_TITLES if w[0].isupper()) | listing(
    """Leader Speaker Majority Minority Attorney Press Former Vice Candidate Chief Justice
    Pastor Rev Reverend Spokesman Spokeswoman Ambassador Adviser Advisor Strategist Sheriff
    Representative Congressman Congresswoman Councilman Councilwoman Lt Col Gen Sgt Capt Adm
    Miss Mx Sir Lord Lady Dame Nominee Chair Treasurer Commander Deputy Assistant Acting
    Republican Democratic Democrat GOP Independent Lieutenant Coach Professor Officer Agent
    Detective Judge Senators Delegate Host Anchor Author Founder Editor Analyst Economist
    Boss"""
)
# Nationality nouns written before a sportsperson's name ("Swede Anna Berg").
NATIONALITIES = listing(
    "Swede Dane Finn Norwegian Scot Brit Briton Pole Czech Serb Croat Swiss Dutchman Frenchman "
    "Englishman Irishman Welshman Scotsman Spaniard Argentine Belgian Austrian Greek Turk Kenyan "
    "Ethiopian Brazilian Mexican Canadian Australian German Italian Russian Ukrainian"
)
# Honorifics and role words that tell a person's gender.
FEMALE_WORDS = listing(
    "Mrs Mrs. Ms Ms. Miss Lady Dame Congresswoman Councilwoman Spokeswoman spokeswoman "
    "Chairwoman Queen Princess"
)
MALE_WORDS = listing(
    "Mr Mr. Sir Lord Congressman Councilman Spokesman spokesman Chairman King Prince"
)
# Lower-case words that make the name after them someone else's: "a spokesman for Roe said".
NOT_SPEAKER_BEFORE = listing(
    "of for to with by from at and or about against on in under than like as nor"
)
# The pronouns telling a person's gender.
GENDER_PRONOUNS = re.compile(r"\b(?P<m>he|his|him)\b|\b(?P<f>she|her|hers)\b", re.IGNORECASE)
# A sentence break: end punctuation (and closing quotes) followed by white space.
# A title's or an initial's period ("Mr. Roe", "J. Roe") is no break.
SENTENCE_BREAK = re.compile(
    # The end mark first, then what may not stand before it: the engine then skips every
    # position without an end mark at once (with the look-behinds first it tried all ~18 at
    # each character; a tenth of the quote finder's time).
    r"[.!?](?<!\b[A-Z][.!?])"
    + "".join(
        rf"(?<!\b{t}[.!?])"
        for t in (
            "Mr",
            "Mrs",
            "Ms",
            "Dr",
            "Sen",
            "Rep",
            "Gov",
            "Gen",
            "Lt",
            "Col",
            "St",
            "Jr",
            "Sr",
            "Prof",
            "Rev",
            "Sgt",
            "Capt",
        )
    )
    + r"[\"”’)]*\s+"
)
# A person the text does not name, who a pronoun may stand for: "a spokeswoman for Roe Watch".
UNNAMED_PERSON = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ne)\s+(?:[a-z\-]+\s+){0,2}"
    r"(?:spokeswoman|spokesman|spokesperson|official|woman|man|aide|adviser|advisor|source|"
    r"wife|husband|mother|father|daughter|son|friend|resident|witness|officer|lawyer|"
    r"director|manager|member|worker|voter|supporter|analyst)\b(?![ ,]+[A-Z])"
)
# The lower-case word right before a name, and the endings of words that name a job there
# ("spokesperson Hsiao", "coxswain Ellery", "hydrologist Varghese").
ROLE_BEFORE = re.compile(r"(?:^|\s)(?P<role>[a-z]{3,})\s+$")
ROLE_NOUN = re.compile(r"(?:er|or|ist|man|woman|person|ain|ant|ent|ian|ee|ief)$")
ROLE_REACH = 40
# A middle initial: a name written with one is a person's.
INITIAL = re.compile(r"[A-Z]\.")


@dataclass(frozen=True)
class Mention:
    """A person named at a place in the text: `name` is full when the text allows."""

    at: int
    name: str
    gender: str  # "m", "f" or "" when the words around the name do not say
    titled: bool = False  # written after a title or role ("Sen. Roe", "Organiser Ann Lee")


@dataclass(frozen=True)
class Cast:
    """The people an article names: full names by surname, genders and mentions in order."""

    full_names: dict[str, tuple[str, ...]]  # surname -> the full names ending with it
    titled: frozenset[str]  # surnames written after a title ("Sen. Roe")
    genders: dict[str, str]  # name -> "m" or "f", only when the text says so
    mentions: tuple[Mention, ...]


def cast_of(text: str, quoted: Iterable[tuple[int, int]] = ()) -> Cast:
    """Return the people named in the text outside the quoted (start, end) stretches."""
    inside = sorted(quoted)
    runs = [
        _with_role_before(text, m.start(), *_split_run(m.group()))
        for m in NAME_RUN.finditer(text)
        if not _within(m.start(), inside)
    ]
    full: dict[str, list[str]] = {}
    for _, _, words in runs:
        if len(words) >= 2:
            full.setdefault(words[-1], [])
            if " ".join(words) not in full[words[-1]]:
                full[words[-1]].append(" ".join(words))
    titled = frozenset(words[0] for _, roles, words in runs if roles and len(words) == 1)
    full_names = {k: tuple(v) for k, v in full.items()}
    mentions = tuple(_mentions(runs, full_names, titled))
    return Cast(full_names, titled, _genders(text, mentions), mentions)


def _with_role_before(
    text: str, at: int, roles: tuple[str, ...], words: tuple[str, ...]
) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """Return a run with the lower-case job word written right before it as its role."""
    before = ROLE_BEFORE.search(text, max(0, at - ROLE_REACH), at)
    role = before.group("role") if before is not None else ""
    if not roles and role not in STOPWORDS and ROLE_NOUN.search(role):
        roles = (role,)
    return at, roles, words


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    """Return True when an offset lies inside one of the (sorted) spans."""
    return any(start < at < end for start, end in spans)


def _split_run(run: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return a capitalised run's role words and its name words (empty when not a name)."""
    words = [POSSESSIVE.sub("", w) for w in run.replace("\u00a0", " ").split()]
    while words and words[0].lower() in STOPWORDS and not _role_word(words[0]):
        words.pop(0)  # a sentence's first word ("Does Roe ...")
    while words and words[-1] in SUFFIXES:
        words.pop()
    if words and len(words[-1]) > 2 and words[-1].endswith("."):
        words[-1] = words[-1][:-1]  # a sentence's period after a name ("said Ann Lee.")
    if not words or (len(words) == 1 and _role_word(words[0])):
        return (), ()
    # a title before the last word ("Amy Pope" ends in a word that can be a title)
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if _role_word(w)), default=0)
    if len(words) - cut == 3 and _place_word(words[cut]):
        cut += 1  # "Swede Anna Berg", "Belgium's Tom Roe": where they are from, not a name
    roles, name = words[:cut], words[cut:]
    if len(name) > 3 or not name or not _name_like(name):
        return (), ()
    return tuple(roles), tuple(name)


def _place_word(word: str) -> bool:
    """Return True for a country, place or nationality word ("Belgium", "Swede")."""
    return word in NATIONALITIES or country_of(word) != word or kind_of(word) == "place"


def _role_word(word: str) -> bool:
    """Return True for a title or role written before a name ("Sen.", "President")."""
    bare = word.rstrip(".")
    return bare in ROLE_WORDS or (
        word.endswith(".")
        and len(bare) > 1
        and bare.isalpha()
        and bare[0].isupper()
        and bare[1:].islower()
        and len(bare) <= 4
    )


def _name_like(words: Sequence[str]) -> bool:
    """Return True when capitalised words can name someone who speaks (not a place).

    A surname may be a place word ("Marty West"); a first or only word may not ("West").
    """
    if words[0] in NON_ENTITY_WORDS or words[-1].endswith("."):
        return False
    if any(not NAME_WORD.fullmatch(w) for w in words):
        return False
    if any(w in NOT_PERSON_WORDS for w in (words[:-1] if len(words) > 1 else words)):
        return False
    return kind_of(" ".join(words)) == ""


def _person_like(words: Sequence[str]) -> bool:
    """Return True when a name is surely not a body's or place's ("Seafront Trust" is not)."""
    return not any(w in NOT_PERSON_WORDS for w in words)


def _mentions(
    runs: list[tuple[int, tuple[str, ...], tuple[str, ...]]],
    full_names: dict[str, tuple[str, ...]],
    titled: frozenset[str],
) -> Iterator[Mention]:
    """Yield the runs that name a person, surnames made full when only one name fits."""
    for at, roles, words in runs:
        if not words or not _person_like(words):
            continue
        if len(words) == 1 and words[0] not in full_names and words[0] not in titled:
            continue
        name = _full(" ".join(words), full_names)
        gender = next(
            (g for r in roles for g, ws in (("f", FEMALE_WORDS), ("m", MALE_WORDS)) if r in ws), ""
        )
        yield Mention(at, name, gender, bool(roles) or any(INITIAL.fullmatch(w) for w in words))


def _full(name: str, full_names: dict[str, tuple[str, ...]]) -> str:
    """Return the one full name a surname stands for, else the name as written.

    A surname written first ("Lin Wen-hsiu" is Lin's name) counts when no name ends with it.
    """
    if " " in name:
        return name
    known = full_names.get(name, ())
    if not known:
        known = tuple(
            n for names in full_names.values() for n in names if n.split(maxsplit=1)[0] == name
        )
    return known[0] if len(known) == 1 else name


def _genders(text: str, mentions: tuple[Mention, ...]) -> dict[str, str]:
    """Return the genders the text gives: a title, or the pronouns of a one-person sentence."""
    said: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.gender:
            said.setdefault(mention.name, set()).add(mention.gender)
    for start, end in _sentence_spans(text):
        names = {m.name for m in mentions if start <= m.at < end}
        if len(names) != 1:
            continue
        first = min(m.at for m in mentions if start <= m.at < end)
        kinds = {
            k
            for m in GENDER_PRONOUNS.finditer(text, first, end)
            for k, v in m.groupdict().items()
            if v
        }
        if len(kinds) == 1:
            said.setdefault(names.pop(), set()).update(kinds)
    return {name: kinds.pop() for name, kinds in said.items() if len(kinds) == 1}


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the text's sentences, roughly: enough to read pronouns."""
    start = 0
    for brk in SENTENCE_BREAK.finditer(text):
        yield start, brk.end()
        start = brk.end()
    yield start, len(text)


def speaker_name(who: str, cast: Cast) -> str | None:
    """Return the person a speaker phrase names (not a pronoun), or None when not certain."""
    words = PARENTHESES.sub(" ", who).split()
    start = len(words)
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    before = words[start - 1].lower() if start > 0 else ""
    if start == len(words) or before in NOT_SPEAKER_BEFORE or before.endswith(("ing", "ed")):
        return None  # "a spokesman for Roe said", "voters embracing Roe announced"
    if any(POSSESSIVE.search(w) for w in words[start:]):
        return None
    _, name = _split_run(" ".join(words[start:]))
    if not name:
        return None
    return _full(" ".join(name), cast.full_names)
