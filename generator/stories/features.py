"""What story grouping compares: an article's terms, names and figures, from its own text.

Computed here from the title and text alone (not from tags or facts, which other stages
tune): names and figures are what tell two earthquakes or two rehab check-ins apart, so
they are kept apart from ordinary words and weigh more.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# A word: a run of letters (apostrophes inside, "O'Neil"), or one CJK character.
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’](?=[^\W\d_]))*|[\u3040-\u30ff\u3400-\u9fff]")
# A figure: digits with inner separators ("412", "6.1", "1,200"), or a year-like number.
FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
# Where a sentence starts: a capital there says nothing about being a name.
SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n)\s*[\"“‘(]?$")
# A name as written: capitalised words, with "of"/"de"/"&" and initials inside, a figure with
# its unit ("US$412 million", "90-day"): what a reader recognises in "grouped because".
_CAPITAL = r"(?:[A-Z][a-z]{0,3}\.(?!\w)|[A-Z](?:\.[A-Z])+\.?|[A-Z][\w'’\-]*)"
NAME_RUN = re.compile(rf"{_CAPITAL}(?:[ \t]+(?:(?:of|de|la|van|von|and|&)[ \t]+)?{_CAPITAL})*")
FIGURE_RUN = re.compile(
    r"(?:[A-Z]{0,3}\$|€|£|¥)?\d+(?:[.,]\d+)*(?:-[a-z]+|[ \t]+(?:million|billion|trillion|percent"
    r"|per cent|people|dead|killed|injured|passengers|vehicles|workers|jobs|tons|tonnes|homes"
    r"|km|kilometres|kilometers|miles|metres|meters|knots|hours|votes|seats|points))?(?![\w])"
)
# "The" or "A" opening a run of capitals: not part of the name.
LEADING_STOPWORD = re.compile(r"^(?:The|A|An|In|On|At|But|And|For)[ \t]+")
MAX_NAMES = 40
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A full date ("July 7, 2012", "5 January 2011", "2/3/2009", "2012-07-08"): its year says
# when the reported event happened, unlike a bare year ("since 2005").
DATE_YEAR = re.compile(
    rf"\b{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+((?:19|20)\d\d)\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH},?[ \t]+((?:19|20)\d\d)\b"
    r"|\b\d{1,2}/\d{1,2}/((?:19|20)\d\d)\b|\b((?:19|20)\d\d)-[01]\d-[0-3]\d\b",
    re.IGNORECASE,
)
# The lead: the text's first sentence (or first line), which says who, what and where.
LEAD = re.compile(r"\s*[^\n]*?[.!?](?=\s|$)|\s*[^\n]+")
# Extra counts of the lead's terms (ECB+ topic halves, B-cubed F1 0.912 -> 0.918 on average).
LEAD_WEIGHT = 1
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
MAX_TERMS = 80  # terms kept per article: enough for every name, cheap to store at 10,000

# Words too common in news to say anything about which event an article reports.
STOPWORDS = frozenset(
    """
a about above after again against all also although am among an and another any are around
as at away back be became because been before being below between both but by can could did
do does done down during each either even ever every few first for former from further get
got had has have having he her here hers herself him himself his how however i if in into is
it its itself just last late later latest least less like made make many may me might more
most mr mrs ms much must my near new news next no nor not now of off on once one only or
other our out over own per put rather said same say says see seen she should since so some
still such than that the their them then there these they this those though three through
thursday to today told too two under until up upon us very was we week were what when where
whether which while who whom whose why will with within would year years yesterday you your
monday tuesday wednesday friday saturday sunday according reported report reports reuters
ap afp people time times day days month months s t
""".split()  # noqa: SIM905 - a word list reads best as text
)


@dataclass(frozen=True)
class Features:
    """One article's comparable content: weighted kinds of term, with their counts."""

    # "w:word", "n:name", "f:figure", "y:year of a full date", with counts, sorted
    terms: tuple[tuple[str, int], ...]
    names: tuple[str, ...]  # names as written ("Tara Reid", "Taiwan Ship Corp."), for "why"


def _cjk_terms(text: str) -> Counter[str]:
    """Return CJK character bigrams: the script has no spaces between words."""
    runs = re.findall(r"[\u3040-\u30ff\u3400-\u9fff]+", text)
    return Counter(f"w:{run[i : i + 2]}" for run in runs for i in range(len(run) - 1))


def term_counts(text: str, known: frozenset[str] | None = None) -> Counter[str]:
    """Return the kinds of term of a text with their counts.

    A word is a name when it is capitalised somewhere a sentence does not begin and never
    written in lower case ("Reid" at a sentence start still counts as the name). With
    `known` (a headline, whose capitals say little), the names are those known.
    """
    words: Counter[str] = Counter()
    named: set[str] = set()
    lower: set[str] = set()
    for match in WORD.finditer(text):
        word = match.group()
        low = word.casefold().replace("’", "'")
        if CJK.match(word) or len(low) < 2 or low in STOPWORDS:
            continue
        words[low] += 1
        if word[:1].islower():
            lower.add(low)
        elif SENTENCE_START.search(text, max(0, match.start() - 4), match.start()) is None:
            named.add(low)
    names = known if known is not None else named - lower
    counts: Counter[str] = Counter()
    for low, count in words.items():
        counts[f"{'n' if low in names else 'w'}:{low}"] = count
    for match in FIGURE.finditer(text):
        counts[f"f:{match.group().replace(',', '')}"] += 1
    for match in DATE_YEAR.finditer(text):
        counts[f"y:{next(g for g in match.groups() if g)}"] += 1
    counts.update(_cjk_terms(text))
    return counts


def features(title: str, text: str) -> Features:
    """Return the features of an article (title and lead count more: they say what matters)."""
    counts = term_counts(text)
    heading_names = frozenset(t[2:] for t in counts if t[0] == "n")
    heading = term_counts(title, heading_names)
    for term, count in heading.items():
        counts[term] += 2 * count
    lead = LEAD.match(text)
    if lead:
        for term, count in term_counts(lead.group(), heading_names).items():
            counts[term] += LEAD_WEIGHT * count
    names = _names(f"{title}\n{text}")
    # Names and figures first: they are what tells one event from another of its kind.
    order = sorted(counts.items(), key=lambda kv: (kv[0][0] == "w", kv[0][0] != "y", -kv[1], kv[0]))
    kept = order[:MAX_TERMS]
    return Features(tuple(sorted(kept)), names)


def _names(text: str) -> tuple[str, ...]:
    """Return the text's multi-word names and figures with units, first seen first."""
    seen: dict[str, None] = {}
    for pattern in (NAME_RUN, FIGURE_RUN):
        for match in pattern.finditer(text):
            shown = LEADING_STOPWORD.sub("", match.group().rstrip(".,’'-"))
            low = shown.casefold()
            if len(shown) > 2 and low not in STOPWORDS and (" " in shown or pattern is FIGURE_RUN):
                seen.setdefault(shown, None)
    return tuple(seen)[:MAX_NAMES]
