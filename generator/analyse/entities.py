"""Find named things: acronym definitions, people with roles, and the kind of a name."""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain

from generator.analyse.lexicon import (
    DEMONYMS,
    NON_ENTITY_WORDS,
    NOT_PERSON_WORDS,
    ORGANIZATION_HEADS,
    PERSON_TITLES,
    PLACE_NAMES,
    TITLE_FORMS,
    alternation,
)

# "Long Form Name (ACRONYM)": a capitalised name defining the acronym in parentheses.
ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’\-]*\s+(?:(?:of|for|and|on|the)\s+)*){1,8})\(([A-Z][A-Za-z]*[A-Z]s?)\)"
)
# One word of a name, with a hyphenated part ("Wen-hsiu", "Smith-Jones"). The letter runs are
# possessive (never given back): what follows a name word is never a lower-case letter, so giving
# letters back could not lead to a match, and trying costs time at every capital letter.
_NAME_WORD = r"[A-Z][a-z]++(?:-[A-Za-z][a-z]++)?"
# A full name: two or three words, a middle initial allowed ("Marisol T. Okafor"); and what
# follows its first capital letter.
_FULL_NAME_REST = rf"{_NAME_WORD[len('[A-Z]') :]}(?: [A-Z]\.)?(?: {_NAME_WORD}){{1,2}}"
_FULL_NAME = rf"[A-Z]{_FULL_NAME_REST}"
# Where a PERSON match can begin: a capital letter or a lower-case title ("spokeswoman").
# Only a quick pre-test so that the scan skips other positions; it changes no match.
_PERSON_START = "(?=[A-Z]|" + alternation(sorted(t for t in PERSON_TITLES if t[0].islower())) + ")"
# A person's name, optionally with a preceding role and a following native-script name. A role
# word and the spaces after it are possessive: the word must be followed by a space and the
# spaces by a letter, so giving any back could not lead to a match.
PERSON = re.compile(
    _PERSON_START
    + r"(?:(?P<role>(?:[A-Z][\w\-]*+\s++){0,3}"
    + alternation(sorted(PERSON_TITLES))
    + r")\.?\s+)?"
    rf"(?P<name>{_FULL_NAME})"
    r"(?:\s+\((?P<native>[\u3400-\u9fff\u3040-\u30ff]{2,6})\))?"
)
# A full name alone: every PERSON match holds one, and PERSON matches wherever one starts.
FULL_NAME = re.compile(_FULL_NAME)
# The capital letter of every place a full name starts at (names may overlap). PERSON and
# NAME_SAID matches start at such places: one scan finds them all for both.
NAME_START = re.compile(rf"[A-Z](?={_FULL_NAME_REST})")
# What a stretch of a role before its name may hold: words with at most four runs of spaces
# between them (three capitalised words, the title, then the spaces before the name).
ROLE_STRETCH = re.compile(r"[\w.\-]*+(?:\s++[\w.\-]*+){0,4}")
# How far before a full name a PERSON match is first looked for: more than most roles.
ROLE_REACH = 40
# A middle initial inside a name.
INITIAL = re.compile(r"^[A-Z]\.$")
# An appositive role after a name: ", the agency's director" / ", a spokeswoman for the port".
_APPOSITIVE = r"(?:,\s+(?P<role>(?:the|a|an)\s+[^,.;:\"“”]{3,60}?)(?=,|\.|$))?"
# The reporting verbs a SAID_NAME match starts with.
SAID_VERBS = ("said", "says", "added", "told reporters")
# "said Mary Smith, the agency's director": the reporting verb before a full name. It must
# start a word (not after WORD_BEFORE), which _said_name_matches() checks where each verb is.
SAID_NAME = re.compile(
    rf"(?:{'|'.join(map(re.escape, SAID_VERBS))})\s+(?P<name>{_FULL_NAME})\b{_APPOSITIVE}"
)
# "Mary Smith said" / "Mary Smith, the agency's director, said": a full name before the verb.
# The name must not follow a word character or a period (NAME_BEFORE), checked the same way.
NAME_SAID = re.compile(rf"(?P<name>{_FULL_NAME}){_APPOSITIVE},?\s+(?:said|says|added|told)\b")
# What may not come right before a SAID_NAME or a NAME_SAID match.
WORD_BEFORE = re.compile(r"\w")
NAME_BEFORE = re.compile(r"[\w.]")
# The parenthesised acronym every definition ends with: a quick test before the full scan.
ACRONYM_IN_PARENS = re.compile(r"\([A-Z][A-Za-z]*[A-Z]s?\)")
ROLE_WORDS = 8
# Distinct names whose kind is remembered across articles.
NAME_CACHE = 4096
# The lower-case word right before a name: a role noun when it names a job ("coxswain").
ROLE_BEFORE = re.compile(r"(?:^|\s)(?P<role>[a-z]{4,})\s$")
# How far back from a name its role noun is looked for first (longer words widen the search).
ROLE_WINDOW = 48
# A white-space character: a role noun starts after one.
SPACE = re.compile(r"\s")
# A word character: what a whole-word mention must not touch.
WORD_CHAR = re.compile(r"\w")
# The ending of a role noun written before a name ("Harbourmaster", "Organiser", "Coxswain").
ROLE_ENDING = re.compile(r"(?:er|or|ist|man|woman|master|ain)$")


# Country name or demonym -> country (the first DEMONYMS entry naming it), and the countries.
_COUNTRY_OF: Mapping[str, str] = types.MappingProxyType(
    {form: country for country, forms in reversed(DEMONYMS) for form in (*forms, country)}
)
_COUNTRIES = frozenset(country for country, _ in DEMONYMS)


@dataclass(frozen=True)
class Person:
    """A named person with the role and native-script name the article gives."""

    name: str
    role: str = ""
    native: str = ""

    @property
    def display(self) -> str:
        """Return "Name (native), role" as the fact box shows it."""
        text = f"{self.name} ({self.native})" if self.native else self.name
        return f"{text}, {self.role}" if self.role else text


def acronyms(text: str) -> dict[str, str]:
    """Return acronym -> long form for every acronym the text defines in parentheses."""
    found: dict[str, str] = {}
    if ACRONYM_IN_PARENS.search(text) is None:
        return found  # the full scan tries every capital letter and would find nothing
    for match in ACRONYM_DEFINITION.finditer(text):
        acronym = match.group(2)
        words = match.group(1).split()
        for start in range(len(words)):
            candidate = words[start:]
            if _initials_match(candidate, acronym.rstrip("s")):
                found.setdefault(acronym.rstrip("s"), " ".join(candidate))
                break
    return found


def _initials_match(words: list[str], acronym: str) -> bool:
    """Return True when the words' initials spell the acronym (joiners optional)."""
    every = "".join(w[0] for w in words).upper()
    capitals = "".join(w[0] for w in words if w[0].isupper())
    return acronym.upper() in (every, capitals) and words[0][0].isupper()


def people(text: str) -> list[Person]:
    """Return people named with a role, a native-script name or an explicit attribution.

    In order of first mention, one per name, keeping the fullest description.
    """
    found: dict[str, tuple[int, Person]] = {}
    alone: dict[str, bool] = {}  # name -> named by surname alone, counted once per name
    starts = [m.start() for m in NAME_START.finditer(text)]
    for match in _person_matches(text, starts):
        role, native = match.group("role") or "", match.group("native") or ""
        if role or native:
            _keep(found, match.start(), Person(match.group("name"), _role(role), native))
    attributed = (_said_name_matches(text), _name_said_matches(text, starts))
    for match in chain.from_iterable(attributed):
        name, lead = _trimmed(match.group("name"))
        role = match.group("role") or ""
        role = role if 0 < len(role.split()) <= ROLE_WORDS else lead
        role = role or _role_before(text, match.start("name"))
        if not role and name not in alone:
            alone[name] = _surname_alone(name, text)
        if role or alone[name]:
            _keep(found, match.start("name"), Person(name, role))
    return [person for _, person in sorted(found.values(), key=lambda item: item[0])]


def _person_matches(text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Yield PERSON's matches, as finditer() would, trying PERSON only near full names.

    `starts` are where full names start, in order. The next match starts at the next full
    name, or before it with a role, whose stretch up to that name is ROLE_STRETCH text: when
    the ROLE_REACH characters before the name are not, no match starts before them.
    (finditer tries PERSON at every character.)
    """
    at = 0
    for name in starts:
        if name < at:
            continue
        start = max(at, name - ROLE_REACH)
        if start > at and ROLE_STRETCH.fullmatch(text, start, name):
            start = at  # a long role may start further back
        match = PERSON.search(text, start)
        if match is None:  # not so: PERSON matches at the name at the latest
            return
        yield match
        at = match.end()


def _name_said_matches(text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Yield NAME_SAID's matches not right after a word character or a period, left to right.

    The same matches as finditer() of NAME_SAID led by the look-behind (?<![\\w.]). Each
    starts with a full name, so only where full names start (`starts`, in order) is it tried.
    """
    return _matches_at(NAME_SAID, NAME_BEFORE, text, starts)


def _said_name_matches(text: str) -> Iterator[re.Match[str]]:
    """Yield SAID_NAME's matches that start a word, left to right.

    The same matches as finditer() of SAID_NAME led by the look-behind (?<!\\w).
    Every match starts with one of SAID_VERBS, which str.find reaches faster than the regex
    engine's scan, which tries SAID_NAME at every "s", "a" and "t".
    """
    starts = sorted({at for verb in SAID_VERBS for at in _occurrences(verb, text)})
    return _matches_at(SAID_NAME, WORD_BEFORE, text, starts)


def _matches_at(
    pattern: re.Pattern[str], not_after: re.Pattern[str], text: str, starts: list[int]
) -> Iterator[re.Match[str]]:
    """Yield the pattern's matches at `starts` (in order) not right after a `not_after`
    character and not overlapping an earlier match: finditer()'s, where it can only start
    at `starts`."""
    end = 0  # where the last match ends
    for start in starts:
        if start < end or (start and not_after.match(text, start - 1)):
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


def _occurrences(word: str, text: str) -> Iterator[int]:
    """Yield where `word` occurs in text, overlaps included."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _role(role: str) -> str:
    """Return a role as shown: honorifics dropped, abbreviated titles spelled out."""
    role = " ".join(role.split())
    for short, full in TITLE_FORMS:
        if role == short or role.endswith(" " + short):
            return (role[: -len(short)] + full).strip()
    return role


def _role_before(text: str, start: int) -> str:
    """Return the lower-case role noun written right before a name ("coxswain"), or ""."""
    window = max(0, start - ROLE_WINDOW)
    match = ROLE_BEFORE.search(text, window, start)
    if match is None and window > 0 and not SPACE.search(text, window, start - 2):
        match = ROLE_BEFORE.search(text, 0, start)  # the word may begin before the window
    if match is None:
        return ""
    word = match.group("role")
    return word if word in PERSON_TITLES or ROLE_ENDING.search(word) else ""


def _trimmed(name: str) -> tuple[str, str]:
    """Return a name cut to two words plus initials, and a role word cut from its front.

    "Harbourmaster Gavin Treloar" gives ("Gavin Treloar", "Harbourmaster"); a leading time or
    place word ("Monday") is dropped without becoming a role.
    """
    words = name.split()
    lead = ""
    while sum(not INITIAL.match(w) for w in words) > 2:
        dropped, words = words[0], words[1:]
        lead = dropped if dropped in PERSON_TITLES or ROLE_ENDING.search(dropped) else ""
    return " ".join(words), lead


def _surname_alone(name: str, text: str) -> bool:
    """Return True when the text also names the person by surname alone ("Okafor said")."""
    alone, named = _mentions(name.rsplit(maxsplit=1)[-1], name, text)
    return alone > named


def _mentions(word: str, name: str, text: str) -> tuple[int, int]:
    """Return how often `word` occurs in text as a whole word (r"\bword\b"), and text.count(name).

    When the name ends in the word, one scan of the word's occurrences counts both (each
    mention of the name ends in one), the name's without overlaps as str.count counts them.
    """
    if not (WORD_CHAR.match(word) and WORD_CHAR.match(word[-1])):
        return len(re.findall(rf"\b{re.escape(word)}\b", text)), text.count(name)
    lead = len(name) - len(word)
    ends_in_word = name.endswith(word)
    whole = named = named_end = 0
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and WORD_CHAR.match(text, at - 1)) and not WORD_CHAR.match(text, end):
            whole += 1
        if ends_in_word and at - lead >= named_end and text.startswith(name, at - lead):
            named += 1
            named_end = end  # where this mention of the name ends
        at = text.find(word, at + 1)
    return whole, (named if ends_in_word else text.count(name))


def _keep(found: dict[str, tuple[int, Person]], position: int, person: Person) -> None:
    """Record a person unless the name is not a person's; keep the earliest, fullest entry."""
    if not _person_name(person.name):
        return
    previous = found.get(person.name)
    if previous is None:
        found[person.name] = (position, person)
        return
    first, known = previous
    role = max(known.role, person.role, key=lambda r: len(r.split()))
    better = Person(known.name, role, known.native or person.native)
    found[person.name] = (min(first, position), better)


def _person_name(name: str) -> bool:
    """Return True when a capitalised span can be a person's name (not a place or body)."""
    words = name.replace("-", " ").split()
    if words[0] in NON_ENTITY_WORDS or any(w in NOT_PERSON_WORDS for w in words):
        return False
    return kind_of(name) == ""


def country_of(name: str) -> str:
    """Return the country a demonym or country name refers to, else the name unchanged."""
    return _COUNTRY_OF.get(name, name)


@functools.lru_cache(maxsize=NAME_CACHE)
def kind_of(name: str) -> str:
    """Return "place" or "organization" for a name that clearly is one, else ""."""
    words = name.replace("-", " ").split()
    if len(words) > 1 and any(w in ORGANIZATION_HEADS for w in words):
        return "organization"
    if country_of(name) != name or name in PLACE_NAMES or name in _COUNTRIES:
        return "place"
    return ""
