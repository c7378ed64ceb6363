"""Author lists: names with entities decoded, an agency glued to a name split off."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.data.agencies import AGENCIES
from generator.extract.text import unescape_entities

_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
# A person's name followed by an agency after a joining word or mark:
# "Jane Doe, Reuters", "Jane Doe | AFP", "Jane Doe for AP", "Jane Doe (Reuters)".
AGENCY_SUFFIX = re.compile(
    rf"^(?P<name>\S.*?\S)\s*(?:[,|/·•–—-]\s*|\s(?:for|of|with|and)\s+|\s*\()"
    rf"(?P<agency>{_AGENCY})\)?$"
)
# The same after a bare space, only for agencies no surname spells: several words or an
# acronym ("Jane Doe Associated Press", "Jane Doe AFP"), not "Michael Bloomberg".
AGENCY_GLUED = re.compile(rf"^(?P<name>\S+(?:\s\S+)+?)\s+(?P<agency>{_AGENCY})$")
# A name: at least one letter. A remainder such as "By" or "-" is not one.
HAS_LETTER = re.compile(r"[^\W\d_]")
# Words that, left before an agency, make a byline rather than a person ("Staff", "By").
NOT_A_NAME = frozenset({"by", "staff", "from", "the", "via", "source", "and"})


def split_agency(author: str) -> tuple[str, ...]:
    """Return an author string as (name, agency) when an agency is glued to a name."""
    match = AGENCY_SUFFIX.match(author)
    if match is None:
        match = AGENCY_GLUED.match(author)
        agency = match.group("agency") if match else ""
        if match is None or not (" " in agency or agency.isupper()):
            return (author,)
    name = match.group("name").strip(" ,|/-–—")
    if not HAS_LETTER.search(name) or name.casefold() in NOT_A_NAME:
        return (author,)
    return name, match.group("agency")


def clean_authors(authors: Iterable[str]) -> tuple[str, ...]:
    """Return authors with entities decoded, spaces collapsed, agencies split, repeats dropped."""
    names: list[str] = []
    for author in authors:
        text = " ".join(unescape_entities(author).split())
        names.extend(part for part in split_agency(text) if part)
    return tuple(dict.fromkeys(names))
