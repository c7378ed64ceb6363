"""Build the fact box: figures, dated events, attributed quotes, people, bodies and places."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from operator import attrgetter

from generator.analyse.entities import Person, country_of, kind_of
from generator.analyse.keyphrases import Phrase
from generator.analyse.patterns import dates, figures
from generator.model import Fact, FactKind, Quote, Sentence

# The past-tense verb of an event right before its date: "signed on", "confirmed".
EVENT_VERB = re.compile(r"\b(?P<verb>[a-z]+ed)\s+(?:(?:on|in|earlier|late|last)\s+){0,2}$")
# The nearest acronym or capitalised name before the event verb: the event's subject.
SUBJECT = re.compile(r"\b([A-Z]{2,}s?|[A-Z][a-z]+(?: [A-Z][a-z]+)+)\b")
QUOTE_WORDS = 16
QUOTA: Mapping[FactKind, int] = {
    "figure": 2,
    "date": 1,
    "quote": 1,
    "person": 1,
    "organization": 3,
    "place": 1,
}


def fact_candidates(
    sentences: tuple[Sentence, ...],
    phrases: list[Phrase],
    acronyms: Mapping[str, str],
    cast: list[Person],
    *,
    title: str,
    published: dt.date | None,
    quotes: Sequence[Quote],
) -> dict[FactKind, Iterable[Fact]]:
    """Return candidate facts per kind, best first.

    `cast` is people() of the sentences' text joined by line breaks. Figures, people and
    organisations come as they are found: select() usually needs only the first few.
    """
    said = list(_quotes(quotes, cast))
    quoted = {f.text.split(":")[0] for f in said}
    return {
        "figure": (Fact("figure", f, s.text, s.index) for s in sentences for f in figures(s.text)),
        "date": list(_events(sentences, published)),
        "quote": said,
        "person": (f for f in _people_facts(sentences, cast) if f.text not in quoted),
        "organization": (
            f
            for f in _named(sentences, phrases, acronyms, "organization", title)
            if not any(p.name in f.text for p in cast)
        ),
        "place": list(_places(sentences, phrases, title)),
    }


def select(candidates: Mapping[FactKind, Iterable[Fact]], limit: int) -> tuple[Fact, ...]:
    """Return up to `limit` facts balanced across kinds by quota, then spare room, in order.

    Each kind's candidates are read in order and only as far as needed.
    """
    streams = {kind: iter(candidates[kind]) for kind in QUOTA}
    chosen: list[Fact] = []
    for kind, quota in QUOTA.items():
        chosen += islice(streams[kind], quota)
    for kind in QUOTA:
        for fact in streams[kind] if len(chosen) < limit else ():
            if fact not in chosen:
                chosen.append(fact)
            if len(chosen) == limit:
                break
    return tuple(chosen[:limit])


def _events(sentences: tuple[Sentence, ...], published: dt.date | None) -> Iterator[Fact]:
    """Yield "ISO: subject verb" facts, explicit dates before ones resolved to publication day."""
    found = []
    for s in sentences:
        for iso, offset in dates(s.text, published):
            verb = EVENT_VERB.search(s.text[:offset])
            clause = s.text[: verb.start()].rsplit(",", 1)[-1] if verb else ""
            subjects = SUBJECT.findall(clause)
            acronym = [x for x in subjects if x.isupper()]
            if verb and subjects:
                who = (acronym or subjects)[-1]
                on_publication = published is not None and iso == published.isoformat()
                found.append(
                    (
                        on_publication,
                        -len(iso),
                        s.index,
                        Fact("date", f"{iso}: {who} {verb.group('verb')}", s.text, s.index),
                    )
                )
    for *_, fact in sorted(found, key=lambda item: item[:3]):
        yield fact


def _quotes(quotes: Sequence[Quote], cast: list[Person]) -> Iterator[Fact]:
    """Yield the attributed quotes as box entries, the speaker with the role the text gives."""
    roles = {p.name: p.display for p in cast}
    for quote in quotes:
        if quote.speaker is not None:
            who = roles.get(quote.speaker, quote.speaker)
            text = f"{who}: “{quote.shown(QUOTE_WORDS)}”"
            yield Fact("quote", text, quote.evidence, quote.sentence)


def _people_facts(sentences: tuple[Sentence, ...], cast: list[Person]) -> Iterator[Fact]:
    """Yield one fact per person, backed by the sentence that introduces them."""
    for person in cast:
        first = next((s for s in sentences if person.name in s.text), None)
        if first is not None:
            yield Fact("person", person.display, first.text, first.index)


def _named(
    sentences: tuple[Sentence, ...],
    phrases: list[Phrase],
    acronyms: Mapping[str, str],
    kind: FactKind,
    title: str,
) -> Iterator[Fact]:
    """Yield organisations, long forms with their acronyms ("National Immigration Agency (NIA)")."""
    seen: set[str] = set()
    long_to_short = {v: k for k, v in acronyms.items()}
    mentions: dict[str, int] = {}
    for phrase in phrases:
        name = acronyms.get(phrase.display, phrase.display)
        mentions[name] = mentions.get(name, 0) + phrase.count

    def rank(p: Phrase) -> tuple[int, int]:
        return (-mentions[acronyms.get(p.display, p.display)], p.first)

    # Only names can be organisations; the sort is stable, so they keep their order.
    for phrase in sorted([p for p in phrases if p.proper], key=rank):
        name = acronyms.get(phrase.display, phrase.display)
        if name in seen or kind_of(name) != kind:
            continue
        seen.add(name)
        short = long_to_short.get(name)
        shown = f"{name} ({short})" if short else name
        first = next((s for s in sentences if name in s.text or (short and short in s.text)), None)
        if first is not None:
            yield Fact(kind, shown, first.text, first.index)


def _plain_place(name: str) -> bool:
    """Return True for a place named as such (not only through a demonym like "Chinese")."""
    return country_of(name) == name and kind_of(name) == "place"


def _places(sentences: tuple[Sentence, ...], phrases: list[Phrase], title: str) -> Iterator[Fact]:
    """Yield places not named in the title, grouped by the sentence that first names them."""
    groups: dict[int, list[str]] = {}
    # Only names can be places; the sort is stable, so they keep their order.
    for phrase in sorted([p for p in phrases if p.proper], key=attrgetter("first")):
        place = phrase.display
        if not _plain_place(place) or place in title:
            continue
        if not any(place in names for names in groups.values()):
            groups.setdefault(phrase.first, []).append(place)
    for index, names in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        text = sentences[index].text
        ordered = sorted(names, key=lambda name: (text.find(name), name))
        yield Fact("place", ", ".join(ordered), text, index)
