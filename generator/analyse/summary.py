"""Pick an extractive summary: position-weighted sentences scored by centrality and title."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from generator.analyse.terms import content_terms, mostly_cjk, word_count
from generator.model import Sentence

# Captions, bylines, credits and page furniture that must never be a summary sentence.
FURNITURE = re.compile(
    r"^\(?\s*(?:by|photo|image|picture|caption|credit|file photo|source|published|updated|"
    r"last updated|read more|click|follow|copyright|enditem|reporting by|"
    r"editing by|\w+ (?:file )?photo)\b[\s:.)]",
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
# An opening that leans on an earlier sentence ("But he ...", "It was ..."): not self-contained.
DANGLING = re.compile(
    r"^[\"'“‘]?\s*(?:he|she|it|they|this|these|those|that|his|her|their|its|but|and|so|also|"
    r"however|then|yet|or|which|there)\b",
    re.IGNORECASE,
)
# An opening quotation mark: the sentence is (mostly) a direct quote rather than reporting.
OPENS_QUOTE = re.compile(r"^\s*[\"'“‘「『]")
MIN_WORDS = 6
MIN_CJK_CHARS = 15


@dataclass(frozen=True)
class SummaryWeights:
    """Weights of the sentence score; tuned on CNN/DM rows 1000-1999 (reports use others)."""

    position_decay: float = 2.0  # eligible-rank scale of the lead prior
    centrality: float = 0.2
    title: float = 0.3
    length_floor: int = 16  # words under which a sentence is penalised as thin
    redundancy: float = 0.6  # term overlap above which a candidate repeats a chosen one
    dangling: float = 0.8  # factor for a sentence that leans on an earlier one
    quote: float = 0.7  # factor for a sentence that opens with a quotation mark
    length_ceiling: int = 35  # words over which a sentence is penalised as rambling


def eligible(sentence: Sentence) -> bool:
    """Return True when a sentence may stand in a summary."""
    return _eligible_words(sentence.text.strip()) > 0


def _eligible_words(text: str) -> int:
    """Return the word count of a stripped sentence that may stand in a summary, else 0."""
    if FURNITURE.match(text) or _dateline_only(text) or _question(text):
        return 0
    words = word_count(text)
    return words if words >= (MIN_CJK_CHARS if mostly_cjk(text) else MIN_WORDS) else 0


def _dateline_only(text: str) -> bool:
    """Return True for a bare dateline; a sentence ending in a stop is not one (quick test)."""
    last = text[-1:]
    return (last.isdecimal() or last in DATELINE_ENDS) and DATELINE_ONLY.match(text) is not None


def _question(text: str) -> bool:
    """Return True for a question; without a question mark no scan is needed."""
    return ("?" in text or "？" in text) and QUESTION.search(text) is not None


def summarise(
    sentences: tuple[Sentence, ...], title: str, count: int, weights: SummaryWeights
) -> tuple[int, ...]:
    """Return the indices of up to `count` summary sentences, in article order."""
    pool = []  # (index, text, word count) of each eligible sentence
    for s in sentences:
        words = _eligible_words(s.text.strip())  # stripping changes no count
        if words:
            pool.append((s.index, s.text, words))
    if not pool or count <= 0:
        return ()
    terms = {index: content_terms(text) for index, text, _ in pool}
    counts = Counter(chain.from_iterable(terms.values()))
    doc = {t: math.log1p(n - 1) for t, n in counts.items()}  # a term's centrality weight
    title_terms = content_terms(title)
    scored = sorted(
        (-score, index)
        for index, score in zip(terms, _scores(pool, terms, doc, title_terms, weights), strict=True)
    )
    chosen: list[int] = []
    for _, index in scored:
        if len(chosen) == count:
            break
        if not any(_overlap(terms[index], terms[c]) > weights.redundancy for c in chosen):
            chosen.append(index)
    return tuple(sorted(chosen))


def _scores(
    pool: list[tuple[int, str, int]],
    terms: dict[int, set[str]],
    doc: dict[str, float],
    title_terms: set[str],
    weights: SummaryWeights,
) -> list[float]:
    """Score each pool sentence: lead prior plus centrality and title overlap, times its form.

    The form factor: thin, rambling, dangling or quoted sentences go down.
    """
    weight_of = doc.__getitem__
    log1p = math.log1p
    floor, ceiling = weights.length_floor, weights.length_ceiling
    scores = []
    for rank, (index, text, words) in enumerate(pool):
        unique = terms[index]
        prior = 1.0 / (1.0 + rank / weights.position_decay)
        central = sum(map(weight_of, unique)) / (1.0 + log1p(len(unique))) / 4
        title = len(unique & title_terms) / len(title_terms) if title_terms else 0.0
        form = min(1.0, words / floor, ceiling / words)
        if rank > 0 and DANGLING.match(text):
            form *= weights.dangling
        if OPENS_QUOTE.match(text):
            form *= weights.quote
        scores.append((prior + weights.centrality * central + weights.title * title) * form)
    return scores


def _overlap(sa: set[str], sb: set[str]) -> float:
    """Return the share of the smaller term set found in the other."""
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))
