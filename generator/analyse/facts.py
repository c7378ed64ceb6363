"""Build the fact box: figures, dated events, attributed quotes, people, bodies and places."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from operator import attrgetter

from generator.analyse.entities import Person, country_of, kind_of
from generator.analyse.figures import figures, function_words
from generator.analyse.keyphrases import Phrase
from generator.analyse.lexicon import ORGANIZATION_HEADS, words
from generator.analyse.patterns import dates
from generator.model import Fact, FactKind, Quote, Sentence

# The past-tense verb of an event right before its date: "signed on", "confirmed".
EVENT_VERB = re.compile(r"\b(?P<verb>[a-z]+ed)\s+(?:(?:on|in|earlier|late|last)\s+){0,2}$")
# The nearest acronym or capitalised name before the event verb: the event's subject.
SUBJECT = re.compile(r"\b([A-Z]{2,}s?|[A-Z][a-z]+(?: [A-Z][a-z]+)+)\b")
# A parenthesised part of a fact ("(SEC)"): left out when facts are compared for repeats.
PARENTHESES = re.compile(r"\([^)]*\)")
# The last word of an enumerated name ("Group A", "Pool 3", "Phase II"): a label, not a body.
ENUMERATED = re.compile(r"\s(?:[A-Z]|\d+|[IVX]+)$")
# Words after an organisation word that keep it inside a name ("Bank of America").
NAME_JOINERS = frozenset({"of", "for", "and", "on", "&"})
# A capitalised word (not starting a line or a sentence) right before a name, maybe with "and".
NAME_BEFORE = re.compile(r"(?<=[\w,] )(?P<word>[A-Z][\w\-]*) (?:(?:and|of|&) )?$")
# A capitalised word right after a name: the name goes on ("Washington Post").
NAME_AFTER = re.compile(r" (?:[A-Z][a-z]|[A-Z]{2,}\b)")
# "and" or "&" with a capitalised word: a name cut before it goes on ("… of Further and Higher").
NAME_GOES_ON = re.compile(r" (?:and|&) [A-Z][a-z]")
# A describing compound opening a capitalised span at a sentence start ("Privately-held Falic
# Group", "State-owned Rosneft"): the span is no name as it stands.
DESCRIBING_WORD = re.compile(r"[A-Z][a-z]+-[a-z]+\b")
# A connective a role picked up at a sentence start ("But Metropolitan Police Commissioner").
LEADING_CONNECTIVE = re.compile(r"^(?:But|And|Yet|So|However|Meanwhile|Now|Then|Also)\s+")
# Words that may stand between an event's subject and its verb ("the board has formally agreed").
AUXILIARIES = words("was were is are has have had been be also formally officially finally jointly")
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
    language: str = "en",
    quotes: Sequence[Quote],
) -> dict[FactKind, Iterable[Fact]]:
    """Return candidate facts per kind, best first.

    `cast` is people() of the sentences' text joined by line breaks. Figures, people and
    organisations come as they are found: select() usually needs only the first few.
    """
    said = list(_quotes(quotes, cast))
    quoted = {f.text.split(":")[0] for f in said}
    return {
        "figure": _figure_facts(sentences, language),
        "date": list(_events(sentences, published)),
        "quote": said,
        "person": (f for f in _people_facts(sentences, cast) if f.text not in quoted),
        "organization": (
            f
            for f in _named(sentences, phrases, acronyms, "organization", language)
            if not any(p.name in f.text for p in cast)
        ),
        "place": list(_places(sentences, phrases, title)),
    }


def select(candidates: Mapping[FactKind, Iterable[Fact]], limit: int) -> tuple[Fact, ...]:
    """Return up to `limit` facts balanced across kinds by quota, then spare room, in order.

    Each kind's candidates are read in order and only as far as needed. A fact that repeats
    one already chosen (same kind, one text inside the other) is left out, or takes its place
    when it is the fuller of the two ("Food and Agriculture Organisation" over its tail).
    """
    streams = {kind: iter(candidates[kind]) for kind in QUOTA}
    chosen: list[Fact] = []
    for kind, quota in QUOTA.items():
        taken = 0
        for fact in streams[kind] if quota else ():
            taken += _add(chosen, fact)
            if taken == quota:
                break
    for kind in QUOTA:
        for fact in streams[kind] if len(chosen) < limit else ():
            _add(chosen, fact)
            if len(chosen) == limit:
                break
    return tuple(chosen[:limit])


def _add(chosen: list[Fact], fact: Fact) -> bool:
    """Add a fact unless it repeats a chosen one; replace one it contains. Return True if new."""
    text = _bare(fact.text)
    for i, other in enumerate(chosen):
        if other.kind != fact.kind:
            continue
        known = _bare(other.text)
        if text in known:
            return False
        if known in text:
            chosen[i] = fact
            return False
    chosen.append(fact)
    return True


def _bare(text: str) -> str:
    """Return a fact's text as compared for repeats: case-folded, without parenthesised parts."""
    return " ".join(PARENTHESES.sub(" ", text).casefold().split())


def _figure_facts(sentences: tuple[Sentence, ...], language: str) -> Iterator[Fact]:
    """Yield the first figure of each sentence: the others are its conversions or parts."""
    for s in sentences:
        found = figures(s.text, language)
        if found:
            yield Fact("figure", found[0], s.text, s.index)


def _events(sentences: tuple[Sentence, ...], published: dt.date | None) -> Iterator[Fact]:
    """Yield "ISO: subject verb" facts, explicit dates before ones resolved to publication day."""
    found = []
    for s in sentences:
        for iso, offset in dates(s.text, published):
            verb = EVENT_VERB.search(s.text[:offset])
            clause = s.text[: verb.start()].rsplit(",", 1)[-1] if verb else ""
            subjects = SUBJECT.findall(clause)
            acronym = [x for x in subjects if x.isupper()]
            who = (acronym or subjects)[-1] if subjects else ""
            if verb and who and _subject_of(who, clause):
                who = who.removeprefix("The ")  # a sentence's capital, not part of the name
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


def _subject_of(who: str, clause: str) -> bool:
    """Return True when a name is the event verb's subject: right before it, or the acronym of
    a passive ("an MOU … was signed"); not "Mr Brown after Cabinet allies intervened"."""
    between = clause[clause.rfind(who) + len(who) :].split()
    if who.isupper() and between[-1:] in (["was"], ["were"]):
        return True
    return all(word in AUXILIARIES for word in between)


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
        if first is not None and not _cut_name(person.name, first.text):
            role = LEADING_CONNECTIVE.sub("", person.role)
            yield Fact("person", replace(person, role=role).display, first.text, first.index)


def _cut_name(name: str, text: str) -> bool:
    """Return True when a name runs on into more letters in its sentence ("Frob" of "Froböse")."""
    at = text.find(name)
    return at >= 0 and text[at + len(name) : at + len(name) + 1].isalpha()


def _named(
    sentences: tuple[Sentence, ...],
    phrases: list[Phrase],
    acronyms: Mapping[str, str],
    kind: FactKind,
    language: str,
) -> Iterator[Fact]:
    """Yield organisations, long forms with their acronyms ("National Immigration Agency (NIA)")."""
    seen: set[str] = set()
    text = "\n".join(s.text for s in sentences)
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
        if name in seen or kind_of(name) != kind or not _body_name(name, language):
            continue
        seen.add(name)
        if _fragment(name, text):
            continue
        short = long_to_short.get(name)
        shown = f"{name} ({short})" if short else name
        first = next((s for s in sentences if name in s.text or (short and short in s.text)), None)
        if first is not None:
            yield Fact(kind, shown, first.text, first.index)


def _body_name(name: str, language: str) -> bool:
    """Return True for a name built as a body's: its organisation word ends it or joins on.

    "Havana Club" and "Bank of America" are; "Club World" (a product) and "Group A" (an
    enumeration) are not.
    """
    words = name.split()
    if ENUMERATED.search(name) or DESCRIBING_WORD.match(name):
        return False
    first, code = words[0], language.split("-", maxsplit=1)[0].lower() or "en"
    if first[1:].islower() and first.lower() in function_words(code):
        return False  # a sentence's first word ("Das Press", "Im Augusta National Golf Club")
    if words[-1] in ORGANIZATION_HEADS:
        return True
    return any(w in ORGANIZATION_HEADS and nxt in NAME_JOINERS for w, nxt in pairwise(words))


def _fragment(name: str, text: str) -> bool:
    """Return True when every mention of a name is part of a longer one ("Agriculture
    Organisation" of "Food and Agriculture Organisation", "Jordan" of "Michael Jordan")."""
    mentions = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return bool(mentions) and all(_inside_name(text, a, b) for a, b in mentions)


def _inside_name(text: str, start: int, end: int) -> bool:
    """Return True when capitalised words run on before or after a span of the text."""
    before = NAME_BEFORE.search(text, max(0, start - 40), start)
    after = NAME_AFTER.match(text, end)
    *words, last = text[start:end].split()
    if after is None and last not in ORGANIZATION_HEADS and ORGANIZATION_HEADS.intersection(words):
        after = NAME_GOES_ON.match(text, end)  # "College of Further" and Higher Education
    if before is not None:
        word = before.group("word")
        if country_of(word) != word or kind_of(word) == "place":
            before = None  # "US Securities and Exchange Commission": a place, not more name
    return before is not None or after is not None


def _plain_place(name: str) -> bool:
    """Return True for a place named as such (not only through a demonym like "Chinese")."""
    return country_of(name) == name and kind_of(name) == "place"


def _places(sentences: tuple[Sentence, ...], phrases: list[Phrase], title: str) -> Iterator[Fact]:
    """Yield places not named in the title, grouped by the sentence that first names them."""
    groups: dict[int, list[str]] = {}
    text = "\n".join(s.text for s in sentences)
    # Only names can be places; the sort is stable, so they keep their order.
    for phrase in sorted([p for p in phrases if p.proper], key=attrgetter("first")):
        place = phrase.display
        if not _plain_place(place) or place in title or _fragment(place, text):
            continue
        if not any(place in names for names in groups.values()):
            groups.setdefault(phrase.first, []).append(place)
    for index, names in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])):
        evidence = sentences[index].text
        ordered = sorted(names, key=lambda name: (evidence.find(name), name))
        yield Fact("place", ", ".join(ordered), evidence, index)
