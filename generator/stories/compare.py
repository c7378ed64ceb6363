"""Compare the facts of a story's reports: what only one source says, where two disagree.

Trust comes first: a fact counts as one source's own only when no other report states its
value anywhere in its text, and two facts count as a disagreement only when they are plainly
about the same thing (a date fact with the same subject and verb, or a figure of the same
counted noun in sentences sharing their other words) and neither report states the other's
value. A missed disagreement costs a reader little; an invented one misleads.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cached_property

import ahocorasick

from generator.model import Fact

# The number of a figure: digits with their separators ("1,200", "4.8"), or a number word.
NUMBER = re.compile(
    r"\d[\d,.\u00a0]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozen|twenty|thirty|forty|fifty|hundred)\b",
    re.IGNORECASE,
)
# Where a NUMBER can start: a digit or the first letter of a number word. Put before NUMBER
# in _counts, it lets the engine skip most positions before trying the words (a third of
# its time); it matches wherever NUMBER does, so the matches are the same.
NUMBER_START = r"(?=[\dotfsendh])"
# A word of a sentence, as compared for "same context" (letters only, at least four).
CONTEXT_WORD = re.compile(r"[^\W\d_]{4,}")
# Words a figure's unit may carry that say nothing about what is counted.
_SCALE = "about around almost nearly least more than over under some million billion thousand"
SCALE_WORDS = frozenset(f"{_SCALE} hundred trillion bn m k".split())
CURRENCY = frozenset("$€£¥")  # signs written before a figure's number
# A sum: currency sign, number and scale ("$334 million", "£6.5m", "43 percent").
SUM = re.compile(
    r"[$€£¥]?\d[\d,.]*\s?(?P<scale>million|billion|trillion|bn|m|k|percent|per cent|%)?\b",
    re.IGNORECASE,
)
MIN_SHARED_CONTEXT = 3  # context words two figures' sentences must share to be compared
MIN_SHARED_NEAR = 2  # context words the places right around two figures must share
NEAR_BEFORE, NEAR_AFTER = 4, 5  # words before a figure's value and after it, as its place
HEDGE_WORDS = 3  # words before a figure searched for a hedge
# Words that make a figure a bound or an estimate: "at least 40" and "65" do not contradict.
_HEDGES = "about around almost nearly least more over under some roughly approximately"
HEDGES = frozenset(f"{_HEDGES} estimated up than within".split())
COMPARED_KINDS = ("figure", "date", "person", "organization", "place", "quote")
# Kinds another report also shares by saying the fact in its text (a date only as a fact).
TEXT_SHARED_KINDS = frozenset(COMPARED_KINDS) - {"date"}


@dataclass(frozen=True)
class Report:
    """One report of a story as compared: its article id, text and facts."""

    id: str
    text: str
    facts: tuple[Fact, ...]

    @cached_property
    def folded_text(self) -> str:
        """Return the text as compared (folded once per report, not once per fact)."""
        return folded(self.text)

    @cached_property
    def values(self) -> frozenset[tuple[str, str]]:
        """Return the (kind, folded value) of every fact: a set, so that asking whether this
        report states another's fact costs one lookup instead of a pass over its facts."""
        return frozenset((f.kind, folded(value_of(f))) for f in self.facts)


@dataclass(frozen=True)
class Disagreement:
    """Two reports giving different values for the same thing, each with its sentence."""

    about: str  # the counted noun, or the dated event ("Harbour Board voted")
    first: tuple[str, Fact]  # (article id, fact), the earlier report first
    second: tuple[str, Fact]


@functools.lru_cache(maxsize=8192)
def folded(text: str) -> str:
    """Return text as compared: case-folded, whitespace collapsed (cached: a report's whole
    text is folded once, not once per fact compared with it)."""
    return " ".join(text.casefold().split())


def value_of(fact: Fact) -> str:
    """Return what a fact states, as another report would have to say it to share it.

    A figure's fact text may lead with words of its sentence ("council now saying 65
    homes"): its value starts at its last number, with the currency sign before it.
    """
    return _value(fact.kind, fact.text)


@functools.lru_cache(maxsize=16384)
def _value(kind: str, text: str) -> str:
    """Return value_of's answer (cached: a story compares every fact with every report)."""
    if kind == "date":
        return text.split(":", 1)[0]
    if kind == "figure":
        numbers = list(NUMBER.finditer(text))
        if numbers:
            start = numbers[-1].start()
            while start and text[start - 1] in CURRENCY:
                start -= 1
            return text[start:]
    return text


def said(fact: Fact) -> str:
    """Return the part of a fact another report must say to share it: a name without its
    role ("Terry White, Prosecutor"), a quote's words, a sum without what it buys."""
    return _said(fact.kind, fact.text)


@functools.lru_cache(maxsize=16384)
def _said(kind: str, text: str) -> str:
    """Return said's answer (cached like _value)."""
    if kind in ("person", "organization", "place"):
        return text.split(", ", 1)[0]
    if kind == "quote":
        words = text.partition("“")[2].rstrip("”").removesuffix("…").strip()
        return words or text
    if kind == "figure":
        core = SUM.match(_value(kind, text))
        if core and core.group("scale"):
            return core.group(0)
    return _value(kind, text)


def _stated(fact: Fact, other: Report) -> bool:
    """Return True when another report states the fact's value (in a fact or in its text)."""
    if (fact.kind, folded(value_of(fact))) in other.values:
        return True
    return fact.kind != "date" and folded(said(fact)) in other.folded_text


def own_facts(report: Report, others: Sequence[Report]) -> tuple[Fact, ...]:
    """Return the report's facts that no other report states: what only this source says."""
    return _own([report, *others], (0,))[0]


def own_facts_each(reports: Sequence[Report]) -> tuple[tuple[Fact, ...], ...]:
    """Return every report's own facts, as own_facts against all the others gives them.

    A story's reports state the same values again and again: each value and said text is
    looked up in the story once, not once per fact and other report (a 480-report story
    was quadratic).
    """
    return _own(reports, range(len(reports)))


def _own(reports: Sequence[Report], which: Sequence[int]) -> tuple[tuple[Fact, ...], ...]:
    """Return the own facts of the reports at the indices `which`, in that order."""
    if len(reports) < 2:
        return tuple(() for _ in which)
    by_value: dict[tuple[str, str], list[int]] = {}
    for i, report in enumerate(reports):
        for value in report.values:
            holders = by_value.setdefault(value, [])
            if len(holders) < 2:
                holders.append(i)
    asked = [reports[i] for i in which]
    words = {folded(said(f)) for r in asked for f in r.facts if f.kind in TEXT_SHARED_KINDS}
    in_text = first_two_holders(words, [r.folded_text for r in reports])

    def stated_elsewhere(fact: Fact, i: int) -> bool:
        if any(j != i for j in by_value.get((fact.kind, folded(value_of(fact))), ())):
            return True
        if fact.kind not in TEXT_SHARED_KINDS:
            return False
        return any(j != i for j in in_text[folded(said(fact))])

    return tuple(
        tuple(
            f for f in reports[i].facts if f.kind in COMPARED_KINDS and not stated_elsewhere(f, i)
        )
        for i in which
    )


def first_two_holders(words: Collection[str], texts: Sequence[str]) -> dict[str, list[int]]:
    """Return, per string, the indices of the first two texts holding it (two suffice to know
    whether any text but a given one does).

    One Aho-Corasick pass over each text finds every string at once: a search per string
    and text made a story of hundreds of reports quadratic.
    """
    holders: dict[str, list[int]] = {w: [] for w in words}
    automaton = ahocorasick.Automaton()
    for w in holders:
        if w:  # the empty string, in every text, is no key of an automaton
            automaton.add_word(w, w)
    if len(automaton):
        automaton.make_automaton()
    for i, text in enumerate(texts):
        found = {w for _, w in automaton.iter(text)} if len(automaton) else set()
        for w in found | ({""} & holders.keys()):
            if len(holders[w]) < 2:
                holders[w].append(i)
    return holders


@functools.lru_cache(maxsize=16384)
def unit_of(figure: str) -> str:
    """Return what a figure value counts, without number and scale ("12 people" -> "people");
    cached, as every pair of figures of a story asks it again."""
    words = NUMBER.sub(" ", figure).split()
    return " ".join(
        w for w in (x.casefold().strip(".,") for x in words) if w and w not in SCALE_WORDS
    )


def _context(fact: Fact) -> frozenset[str]:
    """Return the sentence's words, but the figure's own, as compared for the same context."""
    own = set(CONTEXT_WORD.findall(value_of(fact).casefold()))
    return frozenset(w for w in CONTEXT_WORD.findall(fact.evidence.casefold()) if w not in own)


def _window(fact: Fact) -> tuple[list[str], frozenset[str]]:
    """Return the words just before a figure's value (as written) and the context words
    around it (NEAR_BEFORE before, NEAR_AFTER after), where "about what" is said."""
    value, evidence = value_of(fact), fact.evidence
    start = evidence.find(value)
    if start < 0:
        return [], frozenset()
    before = evidence[:start].casefold().split()[-NEAR_BEFORE:]
    after = evidence[start + len(value) :].casefold().split()[:NEAR_AFTER]
    near = CONTEXT_WORD.findall(" ".join(before + after))
    return before, frozenset(near)


@functools.lru_cache(maxsize=4096)
def _counts(text: str, unit: str) -> frozenset[str]:
    """Return the distinct numbers a text gives of a counted noun ("40 homes", "65 homes");
    cached, as every pair of figures of one story asks it of the same texts."""
    pattern = re.compile(rf"{NUMBER_START}({NUMBER.pattern})\s+{re.escape(unit)}\b", re.IGNORECASE)
    return frozenset(m.group(1).casefold() for m in pattern.finditer(text))


def _same_figure(a: Fact, b: Fact, first: Report, second: Report) -> str | None:
    """Return the counted noun when two figures plainly count the same thing, else None.

    Both must count one noun, each report must give one number of it (a report of "12 points"
    and "23 points" counts several things), neither may be hedged ("at least", "about": a
    bound is no contradiction), the sentences must share MIN_SHARED_CONTEXT words and the
    words right around the two figures MIN_SHARED_NEAR of them.
    """
    unit = unit_of(value_of(a))
    if not re.search(r"[^\W\d_]", unit) or unit != unit_of(value_of(b)):
        return None
    if len(_counts(first.text, unit)) != 1 or len(_counts(second.text, unit)) != 1:
        return None
    (before_a, near_a), (before_b, near_b) = _window(a), _window(b)
    if HEDGES & {*before_a[-HEDGE_WORDS:], *before_b[-HEDGE_WORDS:]}:
        return None
    if len(_context(a) & _context(b)) < MIN_SHARED_CONTEXT:
        return None
    return unit if len(near_a & near_b) >= MIN_SHARED_NEAR else None


def _same_thing(a: Fact, b: Fact, first: Report, second: Report) -> str | None:
    """Return what two facts are both about when they plainly are, else None."""
    if a.kind != b.kind or folded(value_of(a)) == folded(value_of(b)):
        return None
    if a.kind == "date":
        about_a, about_b = a.text.partition(":")[2].strip(), b.text.partition(":")[2].strip()
        return about_a if about_a and folded(about_a) == folded(about_b) else None
    if a.kind == "figure":
        return _same_figure(a, b, first, second)
    return None


def disagreements(reports: Sequence[Report]) -> tuple[Disagreement, ...]:
    """Return the disagreements between reports (given oldest first), each pair once."""
    found: list[Disagreement] = []
    seen: set[tuple[str, str, str]] = set()
    for i, j, _, _, a, b in _pairs(reports):
        early, late = reports[i], reports[j]
        about = _same_thing(a, b, early, late)
        if about is None or _stated(a, late) or _stated(b, early):
            continue
        key = (about, folded(value_of(a)), folded(value_of(b)))
        if key not in seen:
            seen.add(key)
            found.append(Disagreement(about, (early.id, a), (late.id, b)))
    return tuple(found)


def _pairs(reports: Sequence[Report]) -> list[tuple[int, int, int, int, Fact, Fact]]:
    """Return the fact pairs _same_thing may find about one thing, in the order of a loop over
    report pairs (i < j) and their facts: (i, j, position in i, position in j, a, b).

    Only facts sharing a compare key with different values can disagree, so pairs are made
    within a key's facts instead of over every two reports (quadratic in a large story).
    """
    by_key: dict[str, list[tuple[int, int, Fact, str]]] = {}
    for i, report in enumerate(reports):
        for position, fact in enumerate(report.facts):
            key = _compare_key(fact)
            if key is not None and _countable(fact, report):
                by_key.setdefault(key, []).append((i, position, fact, folded(value_of(fact))))
    return sorted(
        (i, j, pa, pb, a, b)
        for group in by_key.values()
        for i, pa, a, va in group
        for j, pb, b, vb in group
        if j > i and va != vb
    )


def _countable(fact: Fact, report: Report) -> bool:
    """Return False for a figure whose report gives several numbers of its counted noun (or
    none as written): _same_figure never compares it."""
    if fact.kind != "figure":
        return True
    return len(_counts(report.text, unit_of(value_of(fact)))) == 1


def _compare_key(fact: Fact) -> str | None:
    """Return what two facts must share for _same_thing to compare them at all: a figure's
    counted noun, a date's event; None for a fact never compared."""
    if fact.kind == "figure":
        unit = unit_of(value_of(fact))
        return f"figure:{unit}" if re.search(r"[^\W\d_]", unit) else None
    if fact.kind == "date":
        about = fact.text.partition(":")[2].strip()
        return f"date:{folded(about)}" if about else None
    return None
