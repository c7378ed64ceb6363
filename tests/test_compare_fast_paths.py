"""Story comparison's fast paths give what the plain loops they replaced give.

The references below are the straightforward code (every fact against every other report,
every pair of reports); the stories are seeded random ones built from fictional pieces that
steer each rule (shared and differing figures, hedges, names with roles, quotes, dated
events) plus hostile strings.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

import pytest
from hostile.strings import OWN_STRINGS

from generator.model import Fact
from generator.stories import compare
from generator.stories.compare import (
    COMPARED_KINDS,
    Disagreement,
    Report,
    disagreements,
    first_two_holders,
    folded,
    own_facts,
    own_facts_each,
    said,
    value_of,
)

UNITS = ("cottages", "pumps", "volunteers", "Pumps", "new homes")
NUMBERS = ("12", "30", "52", "1,200", "twelve", "4.8")
HEDGES = ("", "", "about ", "at least ")
NAMES = ("Edda Morrow", "Piet Hallam", "Ines Varro", "Ｅｄｄａ Ｍｏｒｒｏｗ")
EVENTS = ("Harbour Board voted", "harbour board voted", "Mayor resigned")
PLACES = ("Brackwater", "the Lune valley", "Kessel Point")


def _figure(rng: random.Random) -> Fact:
    """Return a figure fact with its sentence (sometimes hedged, sometimes a sum)."""
    number, unit = rng.choice(NUMBERS), rng.choice(UNITS)
    if rng.random() < 0.15:
        value = f"£{number}m"
        return Fact("figure", value, f"Wardens in {rng.choice(PLACES)} set aside {value}.", 0)
    value = f"{number} {unit}"
    evidence = (
        f"Wardens said {rng.choice(HEDGES)}{value} in {rng.choice(PLACES)} were flooded "
        "after the river burst its banks on Monday night."
    )
    return Fact("figure", f"wardens said {value}" if rng.random() < 0.3 else value, evidence, 0)


def _fact(rng: random.Random) -> Fact:
    """Return one random fact of any compared kind, with its sentence."""
    name, roll = rng.choice(NAMES), rng.random()
    if roll < 0.4:
        return _figure(rng)
    if roll < 0.55:
        day, event = rng.choice(("2026-03-09", "2026-03-10")), rng.choice(EVENTS)
        return Fact("date", f"{day}: {event}", f"The {event} on {day[-2:]} March.", 0)
    if roll < 0.7:
        words = rng.choice(("We bail and we wait", "The pumps came late", "No one left"))
        return Fact("quote", f"{name}: “{words} …”", f'{name} said: "{words} for hours."', 0)
    kind = rng.choice(("person", "organization", "place", "summary"))
    text = f"{name}, Warden" if kind == "person" else rng.choice((*PLACES, name))
    return Fact(kind, text, f"{text} was there.", 0)  # type: ignore[arg-type]


def _story(seed: int) -> list[Report]:
    """Return a seeded random story: reports whose texts hold their facts' sentences."""
    rng = random.Random(seed)
    reports = []
    for i in range(rng.randint(1, 9)):
        facts = tuple(_fact(rng) for _ in range(rng.randint(0, 6)))
        if reports and rng.random() < 0.3:  # a fact copied from an earlier report
            facts += (rng.choice(rng.choice(reports).facts or (_fact(rng),)),)
        extra = [rng.choice(OWN_STRINGS)] if rng.random() < 0.3 else []
        extra += [f.evidence for f in (_fact(rng) for _ in range(rng.randint(0, 3)))]
        text = " ".join([*(f.evidence for f in facts), *extra])
        reports.append(Report(f"r{i}", text, facts))
    return reports


def _stated_plainly(fact: Fact, other: Report) -> bool:
    """Return compare._stated's answer as first written: a pass over the other's facts."""
    value = folded(value_of(fact))
    if any(folded(value_of(f)) == value for f in other.facts if f.kind == fact.kind):
        return True
    return fact.kind != "date" and folded(said(fact)) in folded(other.text)


def _own_plainly(report: Report, others: Sequence[Report]) -> tuple[Fact, ...]:
    """Return own_facts as first written: every fact against every other report."""
    if not others:
        return ()
    return tuple(
        f
        for f in report.facts
        if f.kind in COMPARED_KINDS and not any(_stated_plainly(f, o) for o in others)
    )


def _disagreements_plainly(reports: Sequence[Report]) -> tuple[Disagreement, ...]:
    """Return disagreements as first written: every fact pair of every two reports."""
    found: list[Disagreement] = []
    seen: set[tuple[str, str, str]] = set()
    for i, early in enumerate(reports):
        for late in reports[i + 1 :]:
            for a in early.facts:
                for b in late.facts:
                    about = compare._same_thing(a, b, early, late)
                    if about is None or _stated_plainly(a, late) or _stated_plainly(b, early):
                        continue
                    key = (about, folded(value_of(a)), folded(value_of(b)))
                    if key not in seen:
                        seen.add(key)
                        found.append(Disagreement(about, (early.id, a), (late.id, b)))
    return tuple(found)


@pytest.mark.parametrize("seed", range(300))
def test_fast_comparison_gives_what_the_plain_loops_give(seed: int) -> None:
    reports = _story(seed)
    others = [[o for o in reports if o is not r] for r in reports]
    plain = tuple(_own_plainly(r, rest) for r, rest in zip(reports, others, strict=True))
    assert own_facts_each(reports) == plain
    assert tuple(own_facts(r, rest) for r, rest in zip(reports, others, strict=True)) == plain
    assert disagreements(reports) == _disagreements_plainly(reports)


def test_the_random_stories_reach_every_branch() -> None:
    """The seeds above find disagreements and own facts, and share facts too."""
    stories = [_story(seed) for seed in range(300)]
    assert sum(len(disagreements(s)) for s in stories) > 20
    own = [len(f) for s in stories for f in own_facts_each(s)]
    assert sum(own) > 100
    assert sum(len(r.facts) for s in stories for r in s) > sum(own) + 100


@pytest.mark.parametrize(
    ("words", "texts", "holders"),
    [
        (["lune"], ["the lune", "no", "lune rivers", "lune"], [0, 2]),
        (["lune"], ["no", "nothing"], []),
        ([""], ["", "x", "y"], [0, 1]),
        (["𝔘𝔫𝔦", "\ud800x"], ["a 𝔘𝔫𝔦 b", "\ud800x", "𝔘𝔫𝔦"], None),
        (["aa", "aaa"], ["aaaa", "a a", "aaa"], None),
        (list(OWN_STRINGS[:20]), [*OWN_STRINGS[10:30], "".join(OWN_STRINGS)], None),
    ],
)
def test_first_two_holders_are_the_first_texts_that_hold_each_string(
    words: list[str], texts: list[str], holders: list[int] | None
) -> None:
    found = first_two_holders(words, texts)
    for w in words:
        assert found[w] == [i for i, t in enumerate(texts) if w in t][:2]
    if holders is not None:
        assert found[words[0]] == holders


def test_number_start_admits_every_number_word_and_digit() -> None:
    words = re.findall(r"[a-z]{3,}", compare.NUMBER.pattern.split("(?:", 1)[1])
    assert len(words) == 18
    starts = ["7", "٣", *words, *(w.upper() for w in words), "ſix"]
    for start in starts:
        assert re.match(compare.NUMBER_START, start, re.IGNORECASE), start
    assert not re.match(compare.NUMBER_START, "pumps", re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "unit", "counts"),
    [
        ("Twelve cottages and 30 cottages", "cottages", {"twelve", "30"}),
        ("someone cottages, 1,200\u00a0cottages", "cottages", {"1,200"}),
        ("SIX Pumps; six pumps", "pumps", {"six"}),
        ("ſix pumps", "pumps", {"six"}),
        ("no count of pumps", "pumps", set()),
    ],
)
def test_counts_reads_each_number_of_a_noun(text: str, unit: str, counts: set[str]) -> None:
    assert compare._counts(text, unit) == counts
