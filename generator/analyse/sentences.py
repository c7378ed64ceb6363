"""Split article text into verbatim sentences (news English and CJK) with their offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from generator.analyse.lexicon import (
    DOTTED_ABBREVIATIONS,
    MONTH_ABBREVIATIONS,
    SENTENCE_OPENERS,
    TITLE_ABBREVIATIONS,
    words,
)
from generator.analyse.terms import mostly_cjk
from generator.model import Sentence

# A paragraph break: one blank line (possibly holding spaces) between paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# A candidate English sentence end: terminators ("...", "…", "?!"), closing quotes/brackets,
# then whitespace. Led by a single character class (not a repeat of one, which the regex
# engine does not look into), the scan skips other characters without starting a match at
# each.
LATIN_END = re.compile(r"[.!?…][.!?…]*(?:[\"'”’“)\]»]|[ \u00a0\u202f]»)*(?=\s)")
# A CJK sentence end: full-width or ASCII terminators plus closing quotes/brackets, or a
# period before white space. It starts with one character class so that the scan skips other
# characters quickly; the look-behinds tell which of the two kinds of end that class began.
CJK_END = re.compile(r"[。！？!?.](?:(?<=\.)(?=\s)|(?<!\.)[。！？!?]*[」』”’\"'）)》]*)")
# The word (with inner dots) right before a terminating period.
WORD_BEFORE_DOT = re.compile(r"([\w.&]+)\.$")
# Characters a sentence end may close with, stripped before looking for an abbreviation.
CLOSERS_BEFORE_END = "\"'”’“)]» \u00a0\u202f"
# How far back from a period the abbreviation word is first looked for (a longer word widens
# the search; the search tries every position of the window, so a short one is cheaper).
WORD_WINDOW = 16
# A dotted abbreviation of single letters ("u.s", "e.g" once its last dot is gone).
DOTTED_TOKEN = re.compile(r"(?:[a-z]\.)+[a-z]")
# The opening of what follows a candidate end: optional opening quote then the first word.
NEXT_OPENING = re.compile(r"\s*([\"'“‘(\[«„]*)(\S*)")
# A lower-case unit letter right after a number ("à 9 h.", "в 5 ч."): a unit, not an initial.
UNIT_BEFORE_DOT = re.compile(r"\d[ \u00a0]?[^\W\d_A-ZÀ-ÞА-Я]$")
# Languages that write ordinals with a period ("am 3. Oktober", "2. miejsce"): a period after
# a number of one or two digits ends a sentence there only before a word that opens one.
DOTTED_ORDINAL_LANGUAGES = words("de da no nb nn fi is et lv lt pl cs sk sl hr sr bs hu tr")
# Words that open a German sentence but never follow an ordinal ("Seite 3. Das gilt").
ORDINAL_BREAKERS = words(
    """
    der die das den dem des ein eine einer er sie es wir ich ihr man in im am an auf aus bei
    mit nach seit von vor zu zum zur und aber doch denn so auch dies diese dieser damit dann
    da wenn als
    """
)
# Abbreviations of other languages after which a period never ends a sentence ("Nr. 53",
# "ul. Długa", "тыс. рублей"); the English ones are in the lexicon.
OTHER_ABBREVIATIONS = words(
    """
    nr bzw ca vgl usw abs mio mrd jh ggf inkl evtl str tel hrsg mme mlle mm sra dra sres
    dott sig ing avv blz ul tys mln mld godz płk gen ген ул тыс млн млрд руб им
    """
)
CJK_LANGUAGES = ("zh", "ja", "ko")
CJK_CLOSERS = "」』”’\"'）)》"
CJK_OPENERS = frozenset("「『“‘（(《")
# Characters that tie a closed quote to what follows ("」と", "」，").
CJK_QUOTE_LINKS = frozenset("と，、,")
# The longest attribution tail ("他說", "外交部發言人表示") kept with its quote.
CJK_ATTRIBUTION_MAX = 8


class LatinRules(NamedTuple):
    """What the end tests of a Latin-script text depend on besides the text."""

    caseless: bool  # the whole text is lower case (as some datasets are)
    ordinals: bool  # its language writes ordinals with a period ("3. Oktober")


def split_sentences(text: str, language: str) -> tuple[Sentence, ...]:
    """Return the text's sentences, never spanning paragraphs, each verbatim with offsets."""
    caseless = not any(map(str.isupper, text))
    ordinals = language.split("-", maxsplit=1)[0] in DOTTED_ORDINAL_LANGUAGES
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        chunk = text[p_start:p_end]
        cjk = language.split("-", maxsplit=1)[0] in CJK_LANGUAGES or mostly_cjk(chunk)
        ends = _cjk_ends(chunk) if cjk else _latin_ends(chunk, LatinRules(caseless, ordinals))
        for s_start, s_end in _trimmed_spans(chunk, ends):
            start, end = p_start + s_start, p_start + s_end
            sentences.append(Sentence(len(sentences), paragraph, start, end, text[start:end]))
    return tuple(sentences)


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-blank paragraph."""
    start = 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        if text[start : brk.start()].strip():
            yield start, brk.start()
        start = brk.end()
    if text[start:].strip():
        yield start, len(text)


def _trimmed_spans(chunk: str, ends: list[int]) -> Iterator[tuple[int, int]]:
    """Yield whitespace-trimmed, non-empty spans between consecutive ends."""
    start = 0
    for end in [*ends, len(chunk)]:
        piece = chunk[start:end]
        rest = piece.lstrip()
        if rest:
            lead = len(piece) - len(rest)
            yield start + lead, start + lead + len(rest.rstrip())
        start = end


def _cjk_ends(chunk: str) -> list[int]:
    """Return offsets right after each CJK sentence end (closing quotes included)."""
    return [
        m.end()
        for m in CJK_END.finditer(chunk)
        if m.end() < len(chunk) and not _cjk_attribution_follows(m.group(0), chunk, m.end())
    ]


def _cjk_attribution_follows(end: str, chunk: str, position: int) -> bool:
    """Return True when a closed quote is followed by its attribution ("」他說。")."""
    if end[-1] not in CJK_CLOSERS:
        return False
    if chunk[position : position + 1] in CJK_QUOTE_LINKS:
        return True
    tail = CJK_END.search(chunk, position)
    return (
        tail is not None
        and tail.start() - position <= CJK_ATTRIBUTION_MAX
        and not CJK_OPENERS & set(chunk[position : tail.start()])
    )


def _latin_ends(chunk: str, rules: LatinRules) -> list[int]:
    """Return offsets right after each sentence end of a Latin-script (or Cyrillic) text."""
    return [m.end() for m in LATIN_END.finditer(chunk) if _is_end(chunk, m.end(), rules)]


def _is_end(chunk: str, end: int, rules: LatinRules) -> bool:
    """Decide whether the terminator ending at `end` closes a sentence, given what follows."""
    opening = NEXT_OPENING.match(chunk, end)  # matches everywhere, maybe empty
    quote, word = opening.groups() if opening else ("", "")
    if not word and not quote:
        return False
    if not (rules.caseless or quote) and word[0].islower():
        return False
    core = end  # the text before `end` without its closing quotes and brackets
    while core > 0 and chunk[core - 1] in CLOSERS_BEFORE_END:
        core -= 1
    if chunk[core - 1 : core] != "." or (core >= 2 and chunk[core - 2 : core] == ".."):
        return True
    before = _word_before_dot(chunk, core)
    if before is not None and before.isdecimal():  # "in 1990." ends; "am 3. Oktober" does not
        return not (rules.ordinals and len(before) <= 2) or _opens_after_ordinal(word)
    if UNIT_BEFORE_DOT.search(chunk, max(0, core - 4), core - 1):
        return True  # "à 9 h. Il": a unit letter, not an initial
    return not _is_abbreviation(before, word, rules.caseless)


def _word_before_dot(chunk: str, core: int) -> str | None:
    """Return the word (with inner dots) right before the period ending chunk[:core].

    That is WORD_BEFORE_DOT's match on the whole prefix. Most often it is a plain word after
    a space; else only the end of the text is searched, the search widening to all of it when
    the word may start further back.
    """
    plain = chunk[chunk.rfind(" ", 0, core - 1) + 1 : core - 1]
    if plain.isalnum():  # letters and digits after a space (or from the start): all of it
        return plain
    start = max(0, core - WORD_WINDOW)
    match = WORD_BEFORE_DOT.search(chunk, start, core)
    if match is not None and match.start() == start and start > 0:
        match = WORD_BEFORE_DOT.search(chunk, 0, core)
    return match.group(1) if match else None


def _is_abbreviation(before_dot: str | None, word: str, caseless: bool) -> bool:
    """Return True when the period after `before_dot` belongs to an abbreviation or initial."""
    if before_dot is None:
        return False
    token = before_dot.lower().lstrip(".")
    if token in TITLE_ABBREVIATIONS or token in OTHER_ABBREVIATIONS:
        return True
    if token in MONTH_ABBREVIATIONS or token == "no":
        return word[:1].isdigit() or (token != "no" and not _opens_sentence(word))
    if token in DOTTED_ABBREVIATIONS or ("." in token and DOTTED_TOKEN.fullmatch(token)):
        return not _opens_sentence(word)
    if len(token) == 1 and token.isalpha():
        return not caseless or not _opens_sentence(word)
    return False  # most words: no need to look at what follows


def _opens_after_ordinal(word: str) -> bool:
    """Return True for a word that opens a sentence after a number ("3. Das"), not a noun."""
    folded = word.strip("\"'“‘„«(").lower()
    return folded in ORDINAL_BREAKERS or folded in SENTENCE_OPENERS


def _opens_sentence(word: str) -> bool:
    """Return True for a word that typically opens a sentence (quotes and brackets aside)."""
    return word.strip("\"'“‘(").lower() in SENTENCE_OPENERS
