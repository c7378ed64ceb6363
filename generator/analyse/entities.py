"""Find named things: acronym definitions, people with roles, and the kind of a name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.analyse.lexicon import DEMONYMS, ORGANIZATION_HEADS, PERSON_TITLES, PLACE_NAMES

# "Long Form Name (ACRONYM)": a capitalised name defining the acronym in parentheses.
ACRONYM_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’\-]*\s+(?:(?:of|for|and|on|the)\s+)*){1,8})\(([A-Z][A-Za-z]*[A-Z]s?)\)"
)
# A person's name, optionally with a preceding role and a following native-script name.
PERSON = re.compile(
    r"(?:(?P<role>(?:[A-Z][\w\-]*\s+){0,3}(?:" + "|".join(sorted(PERSON_TITLES)) + r"))\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2})"
    r"(?:\s+\((?P<native>[\u3400-\u9fff\u3040-\u30ff]{2,6})\))?"
)


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
    """Return people introduced with a role or a native-script name, in order, de-duplicated."""
    found: dict[str, Person] = {}
    for match in PERSON.finditer(text):
        role, native = match.group("role") or "", match.group("native") or ""
        name = match.group("name")
        if not (role or native) or kind_of(name) != "":
            continue
        previous = found.get(name)
        if previous is None or (not previous.native and native):
            found[name] = Person(name, role.strip(), native)
    return list(found.values())


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
