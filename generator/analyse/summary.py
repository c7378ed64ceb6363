"""Pick an extractive summary: position-weighted sentences scored by centrality and title."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from generator.analyse.leaning import leans, pull_quote
from generator.analyse.terms import content_terms, mostly_cjk, word_count
from generator.model import Sentence

# Captions, bylines, credits and page furniture that must never be a summary sentence. "By"
# counts only before a name or a stop ("By Jane Doe", "by ."), not "By the end of May"; a
# credit names its agency before "photo" ("AP Photo"), which "A photo editor" does not.
FURNITURE = re.compile(
    r"^\(?\s*(?:by(?=\s+(?:(?-i:[A-Z])|\.|:))|photo|image|picture|caption|credit|file photo|source|"
    r"published|updated|last updated|last modified|read more|click|follow|copyright|enditem|"
    r"reporting by|editing by|scroll down|media playback|getty images|advertisement|"
    r"all rights reserved|sign up|subscribe|(?:watch|video|listen|related|pictured|see also):|"
    r"(?!(?:a|an|the|this|that|his|her|their|its|our|my)\s)(?:[\w.]+ ){1,3}(?:file )?photo)"
    r"\b[\s:./)]",
    re.IGNORECASE,
)
# A sentence that is only a dateline: "Taipei, Aug. 19 (CNA)".
DATELINE_ONLY = re.compile(
    r"^[A-Z][\w .'-]*,\s*[A-Z][a-z]{2,8}\.? \d{1,2}\s*(?:\(\w+\))?\s*[-–—]*$"
)
# A question: ends with a question mark, possibly inside closing quotes.
QUESTION = re.compile(r"[?？][\"'”’」』)）]*$")
# The last characters a dateline may end with besides a digit: its agency's bracket, a dash.
DATELINE_ENDS = frozenset(")-–—")
# An opening quotation mark: the sentence is (mostly) a direct quote rather than reporting.
OPENS_QUOTE = re.compile(r"^\s*[\"'“‘«„「『]")
MIN_WORDS = 6
MIN_CJK_CHARS = 15


@dataclass(frozen=True)
class SummaryWeights:
    """Weights of the sentence score; tuned on CNN/DM rows 1000-1999 and odd BBC rows only."""

    position_decay: float = 2.0  # eligible-rank scale of the lead prior
    centrality: float = 0.2
    title: float = 0.8  # BBC tuning rows, R-1: 45.83 at 0.3, 46.87 at 0.8, 46.94 at 1.2
    length_floor: int = 16  # words under which a sentence is penalised as thin
    redundancy: float = 0.6  # term overlap above which a candidate repeats a chosen one
    dangling: float = 0.8  # factor for a sentence that leans on an earlier one
    quote: float = 0.7  # factor for a sentence that opens with a quotation mark
    length_ceiling: int = 35  # words over which a sentence is penalised as rambling
    max_chars: int = 720  # characters a summary of more than one sentence may hold (no wall)


@dataclass(frozen=True)
class _Candidate:
    """An eligible sentence: its index, text, word count and whether it leans on the last."""

    index: int
    text: str
    words: int
    leaning: bool


def eligible(sentence: Sentence) -> bool:
    """Return True when a sentence may stand in a summary."""
    return _eligible_words(sentence.text.strip()) > 0


def _eligible_words(text: str) -> int:
    """Return the word count of a stripped sentence that may stand in a summary, else 0."""
    if _not_content(text):
        return 0
    words = word_count(text)
    return words if words >= (MIN_CJK_CHARS if mostly_cjk(text) else MIN_WORDS) else 0


def _not_content(text: str) -> bool:
    """Return True for furniture, a bare dateline, a question or an unattributed quote."""
    return bool(
        FURNITURE.match(text) or _dateline_only(text) or _question(text) or pull_quote(text)
    )


def _dateline_only(text: str) -> bool:
    """Return True for a bare dateline; a sentence ending in a stop is not one (quick test)."""
    last = text[-1:]
    return (last.isdecimal() or last in DATELINE_ENDS) and DATELINE_ONLY.match(text) is not None


def _question(text: str) -> bool:
    """Return True for a question; without a question mark no scan is needed."""
    return ("?" in text or "？" in text) and QUESTION.search(text) is not None


def summarise(
    sentences: tuple[Sentence, ...],
    title: str,
    count: int,
    weights: SummaryWeights,
    language: str = "en",
) -> tuple[int, ...]:
    """Return the indices of up to `count` summary sentences, in article order.

    A sentence that leans on the one before it ("But he ...") comes only with that one; a text
    with sentences never gets an empty summary (see _fallback).
    """
    if count <= 0 or not sentences:
        return ()
    pool = [
        _Candidate(s.index, s.text, words, s.index > 0 and leans(s.text, language))
        for s in sentences
        if (words := _eligible_words(s.text.strip()))
    ]
    terms = {c.index: content_terms(c.text) for c in pool}
    counts = Counter(chain.from_iterable(terms.values()))
    doc = {t: math.log1p(n - 1) for t, n in counts.items()}  # a term's centrality weight
    scores = _scores(pool, terms, doc, content_terms(title), weights)
    ranked = [
        c for _, c in sorted(zip(scores, pool, strict=True), key=lambda p: (-p[0], p[1].index))
    ]
    chosen = _select(ranked, terms, count, weights)
    return tuple(sorted(chosen)) or _fallback(sentences, count, language)


def _select(
    ranked: list[_Candidate], terms: dict[int, set[str]], count: int, weights: SummaryWeights
) -> list[int]:
    """Take the best candidates that neither repeat a chosen one nor lean on one left out.

    After each pick the scan starts again from the top: a leaning sentence whose predecessor
    was just picked may now come in. The summary ends when the best candidate left would take
    it over the character budget (a shorter one from further down would read as a jump).
    """
    chosen: list[int] = []
    used = 0
    while len(chosen) < count:
        pick = next((c for c in ranked if _fits(c, chosen, terms, weights)), None)
        if pick is None or (chosen and used + len(pick.text) > weights.max_chars):
            break
        chosen.append(pick.index)
        used += len(pick.text)
    return chosen


def _fits(c: _Candidate, chosen: list[int], terms: dict[int, set[str]], w: SummaryWeights) -> bool:
    """Return True when a candidate may join the chosen ones: new, not leaning, not repeating."""
    if c.index in chosen or (c.leaning and c.index - 1 not in chosen):
        return False
    return not any(_overlap(terms[c.index], terms[i]) > w.redundancy for i in chosen)


def _fallback(sentences: tuple[Sentence, ...], count: int, language: str) -> tuple[int, ...]:
    """Return the lead when no sentence is eligible (a text of short sentences still gets one).

    The lead's sentences count whatever their length but keep the other rules: no furniture,
    question or pull quote, and no sentence that leans on one left out.
    """
    chosen: list[int] = []
    for s in sentences:
        if len(chosen) == count:
            break
        text = s.text.strip()
        leaning = s.index > 0 and s.index - 1 not in chosen and leans(text, language)
        if not leaning and not _not_content(text):
            chosen.append(s.index)
    return tuple(chosen)


def _scores(
    pool: list[_Candidate],
    terms: dict[int, set[str]],
    doc: dict[str, float],
    title_terms: set[str],
    weights: SummaryWeights,
) -> list[float]:
    """Score each pool sentence: lead prior plus centrality and title overlap, times its form.

    The form factor: thin, rambling, leaning or quoted sentences go down.
    """
    weight_of = doc.__getitem__
    log1p = math.log1p
    floor, ceiling = weights.length_floor, weights.length_ceiling
    scores = []
    for rank, c in enumerate(pool):
        unique = terms[c.index]
        prior = 1.0 / (1.0 + rank / weights.position_decay)
        central = sum(map(weight_of, unique)) / (1.0 + log1p(len(unique))) / 4
        title = len(unique & title_terms) / len(title_terms) if title_terms else 0.0
        form = min(1.0, c.words / floor, ceiling / c.words)
        if c.leaning:
            form *= weights.dangling
        if OPENS_QUOTE.match(c.text):
            form *= weights.quote
        scores.append((prior + weights.centrality * central + weights.title * title) * form)
    return scores


def _overlap(sa: set[str], sb: set[str]) -> float:
    """Return the share of the smaller term set found in the other."""
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))
