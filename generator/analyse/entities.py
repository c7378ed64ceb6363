"""Find named things: acronym definitions, people with roles, and the kind of a name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.analyse.lexicon import (
    DEMONYMS,
    NON_ENTITY_WORDS,
    NOT_PERSON_WORDS,
    ORGANIZATION_HEADS,
    PERSON_TITLES,
    PLACE_NAMES,
    TITLE_FORMS,
)

# "Long Form Name (ACRONYM)": a capitalised name defining the acronym in parentheses.
ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’\-]*\s+(?:(?:of|for|and|on|the)\s+)*){1,8})\(([A-Z][A-Za-z]*[A-Z]s?)\)"
)
# One word of a name, with a hyphenated part ("Wen-hsiu", "Smith-Jones").
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
# A full name: two or three words, a middle initial allowed ("Marisol T. Okafor").
_FULL_NAME = rf"{_NAME_WORD}(?: [A-Z]\.)?(?: {_NAME_WORD}){{1,2}}"
# A person's name, optionally with a preceding role and a following native-script name.
PERSON = re.compile(
    r"(?:(?P<role>(?:[A-Z][\w\-]*\s+){0,3}(?:" + "|".join(sorted(PERSON_TITLES)) + r"))\.?\s+)?"
    rf"(?P<name>{_FULL_NAME})"
    r"(?:\s+\((?P<native>[\u3400-\u9fff\u3040-\u30ff]{2,6})\))?"
)
# A middle initial inside a name.
INITIAL = re.compile(r"^[A-Z]\.$")
# An appositive role after a name: ", the agency's director" / ", a spokeswoman for the port".
_APPOSITIVE = r"(?:,\s+(?P<role>(?:the|a|an)\s+[^,.;:\"“”]{3,60}?)(?=,|\.|$))?"
# "said Mary Smith, the agency's director": the reporting verb before a full name.
SAID_NAME = re.compile(
    rf"\b(?:said|says|added|told reporters)\s+(?P<name>{_FULL_NAME})\b{_APPOSITIVE}"
)
# "Mary Smith said" / "Mary Smith, the agency's director, said": a full name before the verb.
NAME_SAID = re.compile(
    rf"(?<![\w.])(?P<name>{_FULL_NAME}){_APPOSITIVE},?\s+(?:said|says|added|told)\b"
)
ROLE_WORDS = 8
# The lower-case word right before a name: a role noun when it names a job ("coxswain").
ROLE_BEFORE = re.compile(r"(?:^|\s)(?P<role>[a-z]{4,})\s$")
# The ending of a role noun written before a name ("Harbourmaster", "Organiser", "Coxswain").
ROLE_ENDING = re.compile(r"(?:er|or|ist|man|woman|master|ain)$")


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
    for match in PERSON.finditer(text):
        role, native = match.group("role") or "", match.group("native") or ""
        if role or native:
            _keep(found, match.start(), Person(match.group("name"), _role(role), native))
    for pattern in (SAID_NAME, NAME_SAID):
        for match in pattern.finditer(text):
            name, lead = _trimmed(match.group("name"))
            role = match.group("role") or ""
            role = role if 0 < len(role.split()) <= ROLE_WORDS else lead
            role = role or _role_before(text, match.start("name"))
            if role or _surname_alone(name, text):
                _keep(found, match.start("name"), Person(name, role))
    return [person for _, person in sorted(found.values(), key=lambda item: item[0])]


def _role(role: str) -> str:
    """Return a role as shown: honorifics dropped, abbreviated titles spelled out."""
    role = " ".join(role.split())
    for short, full in TITLE_FORMS:
        if role == short or role.endswith(" " + short):
            return (role[: -len(short)] + full).strip()
    return role


def _role_before(text: str, start: int) -> str:
    """Return the lower-case role noun written right before a name ("coxswain"), or ""."""
    match = ROLE_BEFORE.search(text[:start])
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
    surname = re.escape(name.rsplit(maxsplit=1)[-1])
    alone = len(re.findall(rf"\b{surname}\b", text))
    return alone > len(re.findall(re.escape(name), text))


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
    for country, forms in DEMONYMS:
        if name == country or name in forms:
            return country
    return name


def kind_of(name: str) -> str:
    """Return "place" or "organization" for a name that clearly is one, else ""."""
    words = name.replace("-", " ").split()
    if len(words) > 1 and any(w in ORGANIZATION_HEADS for w in words):
        return "organization"
    if country_of(name) != name or name in PLACE_NAMES or any(name == c for c, _ in DEMONYMS):
        return "place"
    return ""
