"""Find figures: whole number expressions shown with what they count, verbatim from a sentence."""

from __future__ import annotations

import functools
import re

import stop_words
from babel.dates import get_month_names

from generator.analyse.lexicon import ACTION_VERBS, REPORTING_VERBS, STOPWORDS, words
from generator.analyse.patterns import MONTHS, date_spans, has_digit

# Verbs that end what a figure counts ("£2.5m set aside").
VERBS = ACTION_VERBS | REPORTING_VERBS | frozenset({"set", "is", "are", "was", "were"})
# A whole number expression: currency, digits with their decimal and thousands parts, odds or a
# fraction ("100/1"), percent, scale (glued or not: "£5million", "$1.2bn"). It may not start
# or end inside a longer token: not after a letter, digit, sign, dash or slash ("Nexus5",
# "COVID-19", "3-1"), nor before a letter, digit, colon, slash or dash-digit ("69th",
# "10:30", "3-1").
NUMBER = re.compile(
    r"(?<![\w.,/:+\-–$€£¥₹%])"
    r"(?P<number>(?:(?:US|NT|HK|A|C|R)\$|[$€£¥₹])?"
    r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])|\d+(?:[.,]\d+)*)"
    r"(?:/\d+)?"
    r"(?:\s?(?:%|per\s?cent\b|percent\b|proc\.|procent\w*))?"
    r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|m|k|mln|mld|mrd|Mio\.|Mrd\.|millones|"
    r"milliards?|millions?|milioni|miliardi|milhões|mil|tys\.|Millionen|Milliarden|Mio|Mrd|"
    r"miljoen|miljard|млн|млрд|тыс\.)(?![\w]))?)"
    r"(?![\w/:%]|[.,]\d|[\-–]\d)"
)
# A currency sign, percent or scale word in a number: it is a measure on its own.
UNIT = re.compile(
    r"[%$€£¥₹]|per\s?cent|percent|proc|bn|mn|m$|k$|illion|illi|mld|mrd|mil|Mio|Mrd|iljo|млн|млрд|тыс"
)
# A four-digit year alone ("2023", "1931").
YEAR = re.compile(r"(?:1[89]|20)\d\d")
# A word of what a figure counts, or of the words before it (letters, then word characters).
WORD = re.compile(r"[^\W\d_][\w'’\-]*(?:/[^\W\d_]+)?")  # "km/h" is one word
# A run of four or more bare numbers: a sports or results table row ("38 26 9 3 73").
TABLE_ROW = re.compile(r"(?:(?<!\S)\d+\s+){3,}\d+(?!\S)")
# Where a clause starts or ends: the words around a figure never cross these.
CLAUSE_MARK = re.compile(r"[,;:()\[\]\"“”«»—–]|\s-\s|\.\s")
# The (up to three) words right before a number, whole tokens only, and a currency sign
# written apart from it ("a $ 1 million").
CONTEXT = re.compile(r"(?<!\S)(?:[^\W\d_][\w'’\-]*[ \u00a0]+){1,3}(?P<sign>[$€£¥₹][ \u00a0]*)?$")
# A run of digits: the words before a figure start after the last one.
DIGIT_RUN = re.compile(r"\d+")
# Words after a number that make it a time of day ("1200 GMT", "9 pm", "15 Uhr").
TIME_WORDS = words("gmt bst utc cet cest est edt pst pdt am pm a.m p.m uhr h")
# Words before a number that make it an age ("aged 27"), a rank or a label ("No 10").
LABEL_BEFORE = words(
    "aged age no no. nr nr. number # art. ust. pkt par. § type phase stage level grade category "
    "class size model version article section chapter page line route gate platform room flight "
    "episode season round week day act"
)
# Joining words kept inside what a figure counts ("14.27 million tonnes of crops").
OF_WORDS = words("of de di du des del della do da dos das von der van z ze")
# English plurals without an "s", and units that count in the singular ("8,750 mph").
PLURALS = words(
    "people police staff children men women personnel cattle sheep fish aircraft feet teeth "
    "crew mph kph km kg ft mm cm lb lbs mw kw gw gb mb tb ha mi yen yuan rand euro won baht rupee "
    "peso"
)
# Articles kept after a joining word in other languages ("de los", "della").
ARTICLES = words("los las el la le les l il lo gli os as die den")
# Languages whose nouns are capitalised: there what a figure counts may be too ("1400 Meter").
NOUN_CAPITALS = frozenset({"de", "lb"})
# A range's second end after its first ("between 20% and 30%", "from 5 to 7 days").
RANGE_REST = re.compile(
    r"\s+(?:and|to|or|-|–)\s+(?:(?:US|NT|HK|A|C|R)\$|[$€£¥₹])?\d[\d.,]*"
    r"(?:\s?(?:%|per\s?cent|percent)|bn|m\b|\s(?:million|billion))?(?:\s+[a-z][\w\-]*s\b)?"
)
# Words before a range's first end.
RANGE_WORDS = frozenset({"between", "from"})
# Fewer words than this make a sentence a fragment (a bad split): its numbers say nothing.
MIN_WORDS = 4
# Languages of the month names that make "5 mars" or "17 czerwca" a date, not a figure.
MONTH_LANGUAGES = ("en", "de", "es", "fr", "pl", "pt", "it", "nl", "ru")
COUNTED_WORDS = 2


def figures(sentence: str, language: str = "en") -> list[str]:
    """Return each figure as a short verbatim phrase ("winds gusting to 45 knots")."""
    if not has_digit(sentence) or TABLE_ROW.search(sentence) or len(sentence.split()) < MIN_WORDS:
        return []  # every figure has a digit; a table row's or a fragment's numbers say nothing
    dated = date_spans(sentence)
    found = []
    for match in NUMBER.finditer(sentence):
        start, end = match.span("number")
        if any(a <= start < b for a, b in dated) or not _a_measure(sentence, start, end):
            continue
        phrase = _phrase(sentence, start, end, _code(language))
        if phrase:
            found.append(phrase)
    return found


def _a_measure(sentence: str, start: int, end: int) -> bool:
    """Return False for a year, a time, a label ("No 10") or a model name ("Nexus 5")."""
    number = sentence[start:end]
    if YEAR.fullmatch(number.split("/")[0]) or (
        number[0] == "0" and number[:2] not in ("0.", "0,")
    ):
        return False  # a year ("1998/99" too), or a phone or code number with its leading zero
    after = sentence[end:].split(maxsplit=1)
    if after and after[0].lower().rstrip(".,;:!?)]\"'”") in TIME_WORDS:
        return False
    before = sentence[:start].split()
    if not before:
        return True
    if before in (["-"], ["•"], ["*"], ["–"]):
        return False  # a numbered list item ("- 2 Verifizierung")
    last = before[-1]
    if last.lower() in LABEL_BEFORE or last.lower().rstrip(".") in month_names() | MONTHS.keys():
        return False  # "No 10", "aged 27", "march 18"
    named = any(c.isupper() for c in last) and last[-1].isalnum() and len(before) > 1
    return not named or bool(UNIT.search(number))  # "Windows 10", but "GDP 3%"


def _phrase(sentence: str, start: int, end: int, code: str) -> str:
    """Return the words before a number (in its clause), the number and what it counts."""
    unit = UNIT.search(sentence[start:end]) is not None
    counted_end = _counted_end(sentence, end, code, unit)
    if counted_end is None:
        return ""  # followed by a month name: a date
    if counted_end == end and not unit:
        return ""  # a bare number: nothing says what it counts
    if code == "en" and not unit and _modifier(sentence[end:counted_end], sentence[start:end]):
        return ""  # "a 24 hour service": the number describes a noun left out
    begin = _context_start(sentence, start, code)
    if begin == start and counted_end == end:
        return ""  # "£600m" alone: a reader needs to know what it measures
    before = sentence[begin:start].split()
    ranged = before[-1:] and before[-1] in RANGE_WORDS
    rest = RANGE_REST.match(sentence, counted_end) if ranged else None
    return sentence[begin : rest.end() if rest else counted_end].rstrip(" .,;:")


def _counted_end(sentence: str, end: int, code: str, unit: bool) -> int | None:
    """Return where what a number counts ends (`end` if nothing; None if it is a month).

    A measure may count through "of" at once ("45% of gross domestic product").
    """
    stop, months = function_words(code), month_names()
    words: list[re.Match[str]] = []
    at = end
    while len(words) < COUNTED_WORDS + 3:
        match = WORD.match(sentence, at + 1) if sentence[at : at + 1] == " " else None
        if match is None:
            break
        low = match.group(0).lower()
        if low in months and not words:
            return None
        if low in OF_WORDS and (_plural(words[-1].group(0), code) if words else unit):
            words.append(match)  # "tonnes of": keep one more word, then stop
        elif low in ARTICLES and words and words[-1].group(0).lower() in OF_WORDS:
            words.append(match)  # "60 % de los votos"
        elif low in stop or low in VERBS or (low != match.group(0) and not _capitals(words, code)):
            break
        else:
            words.append(match)
        at = match.end()
    return _trimmed_end(words, end, code)


def _modifier(counted: str, number: str) -> bool:
    """Return True when English words after a number (not one) hold no plural ("24 hour")."""
    return number not in ("1", "one") and not any(_plural(w, "en") for w in counted.split())


def _capitals(words: list[re.Match[str]], code: str) -> bool:
    """Return True where what a figure counts may hold a capitalised word ("8% of Google")."""
    return code in NOUN_CAPITALS or (bool(words) and words[0].group(0).lower() in OF_WORDS)


def _trimmed_end(words: list[re.Match[str]], end: int, code: str) -> int:
    """Return the end of the counted words: up to the first plural, else a short phrase."""
    while words and words[-1].group(0).lower() in OF_WORDS:
        words.pop()
    if code == "en" and words and words[0].group(0).lower() in OF_WORDS:
        plural = next((i for i, w in enumerate(words) if _plural(w.group(0), code)), None)
        words = words[: plural + 1] if plural is not None else words
    elif code == "en":
        plurals = [i for i, w in enumerate(words) if _plural(w.group(0), code)]
        if plurals and words[plurals[0] + 1 : plurals[0] + 2]:
            of = words[plurals[0] + 1].group(0).lower() in OF_WORDS
            words = words[: plurals[0] + 3] if of else words[: plurals[-1] + 1]
        elif plurals:
            words = words[: plurals[0] + 1]
        elif len(words) > COUNTED_WORDS:
            words = words[:1]  # a longer phrase cut short would end on a modifier
    elif code in NOUN_CAPITALS:
        words = words[: _noun_length([w.group(0) for w in words])]
    else:
        words = words[: _other_length([w.group(0).lower() for w in words])]
    while words and words[-1].group(0).lower() in OF_WORDS | ARTICLES:
        words.pop()
    return words[-1].end() if words else end


def _noun_length(words: list[str]) -> int:
    """Return how many words a figure counts where nouns are capitalised: up to the first noun."""
    noun = next((i for i, w in enumerate(words[: COUNTED_WORDS + 1]) if w[:1].isupper()), None)
    return 0 if noun is None else noun + 1  # "70 kommerziellen Projekte"; "105 starben": none


def _other_length(words: list[str]) -> int:
    """Return how many words a figure counts in other languages: a noun, with "of" a phrase."""
    if words[:1] and words[0] in OF_WORDS:
        return 3 if words[1:2] and words[1] in ARTICLES else 2  # "% de los votos"
    return 3 if words[1:2] and words[1] in OF_WORDS else 1  # "millones de dólares"


def _plural(word: str, code: str) -> bool:
    """Return True for an English plural-looking word ("visits", "countries", "people")."""
    low = word.lower()
    if code != "en":
        return False
    plural = len(low) > 3 and low.endswith("s") and low[-2] not in "su"
    return plural or low in PLURALS or "/" in low  # "km/h": a rate counts as a unit


def _context_start(sentence: str, start: int, code: str) -> int:
    """Return where the words before a number, in its clause, start (at most three)."""
    clause = max((m.end() for m in CLAUSE_MARK.finditer(sentence, 0, start)), default=0)
    digits = [m.end() for m in DIGIT_RUN.finditer(sentence, clause, start)]
    clause = max(clause, *digits) if digits else clause  # a number before has its own phrase
    words = CONTEXT.search(sentence, clause, start)
    if words is None:
        return start
    stop = function_words(code)
    at = words.start()
    for word in words.group(0).split()[:-1] if words.group("sign") else words.group(0).split():
        if word.lower() not in stop:
            break
        at = sentence.index(word, at) + len(word)
    while at < start and sentence[at].isspace():
        at += 1
    return at if sentence[at:start].strip(" $€£¥₹") else start


def _code(language: str) -> str:
    """Return the bare lower-case code of a language tag ("pt-BR" gives "pt")."""
    return language.replace("_", "-").split("-", maxsplit=1)[0].lower() or "en"


@functools.cache
def function_words(code: str) -> frozenset[str]:
    """Return a language's function words (the stop-words package's list, with English's)."""
    try:
        words = frozenset(w.lower() for w in stop_words.get_stop_words(code))
    except stop_words.StopWordError:
        words = frozenset()
    return words | STOPWORDS if code != "en" else STOPWORDS


@functools.cache
def month_names() -> frozenset[str]:
    """Return month names (lower case, as written after a day) in the languages we ingest."""
    return frozenset(
        name.lower()
        for code in MONTH_LANGUAGES
        for context in ("format", "stand-alone")
        for name in get_month_names("wide", context, code).values()
    )
