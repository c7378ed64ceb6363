"""Find direct quotations and who said them: words in quotation marks, attributed or not.

A quote is the exact text between a pair of quotation marks of one paragraph (a quote that
runs over several paragraphs opens each one with a mark and closes only the last). Reported
speech has no marks and is never a quote. A speaker is named only when the attribution is
explicit next to the marks, or is a pronoun with a single earlier person it can stand for.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.analyse.lexicon import TITLE_ABBREVIATIONS as ABBREVIATIONS
from generator.analyse.names import PARENTHESES, Cast, cast_of, speaker_name
from generator.analyse.pronouns import PRONOUNS, Heard, resolve_pronoun
from generator.model import Quote, Sentence

# What closes each opening mark: English curly and straight, German „“, French «», CJK.
CLOSERS = {'"': '"”', "“": '”"', "„": '“”"', "«": "»", "「": "」", "『": "』"}
# Every opening or closing mark.
MARKS = re.compile("[" + re.escape("".join(sorted({*CLOSERS, *"".join(CLOSERS.values())}))) + "]")
# The reporting verbs of an explicit attribution, as written after or before a speaker.
VERBS = (
    r"(?:said|says|say|told|tells|added|adds|wrote|writes|tweeted|posted|asked|asks|"
    r"explained|continued|noted|notes|stated|declared|argued|insisted|recalled|replied|"
    r"responded|warned|acknowledged|announced|claimed|admitted|remarked|shouted|joked|"
    r"quipped|conceded|cautioned|countered|complained|suggested|predicted|promised|vowed|"
    r"urged|emphasized|emphasised|stressed|observed|reiterated|retorted|reacted|"
    r"exclaimed|concluded|boasted|lamented|mused|yelled|cried|pointed out|went on)"
)
# One word of a speaker phrase: a name, title or role word, or a party tag "(D)"/"(R-Texas)".
_TOKEN = r"(?:[A-Za-z][\w.'’\-]*|\([A-Z][\w.\- ]{0,20}\))"
# A capitalised word of a name or title after a reporting verb ("Sen.", "Roe", never "Roe.").
TITLE_ABBREVIATIONS = sorted(w.capitalize() for w in ABBREVIATIONS)
_CAPITAL = rf"(?:(?:{'|'.join(TITLE_ABBREVIATIONS)})\.|[A-Z]\.|[A-Z][\w'’\-]*)"
# Lower-case job words between a body and a name: "said Acme Research analyst Ann Lee".
_ROLE = (
    r"(?:analyst|economist|spokesman|spokeswoman|spokesperson|director|chief|leader|"
    r"official|minister|secretary|president|chairman|chairwoman|manager|coach|captain|"
    r"founder|professor|researcher|editor|lawyer|attorney|executive|strategist|adviser|"
    r"advisor|head|boss|member|senior|deputy|vice|general|press|policy|economics)"
)
# An appositive between a speaker and the verb: ", 69," / ", the mayor of the town,".
_APPOSITIVE = r"(?:,[^,“”\"«»„]{1,150},)?"
# After a closing mark: `," Smith said` / `," said Smith` / `," according to Smith`.
SAID_AFTER = re.compile(
    rf"[\s,.!?—–-]*(?:(?P<who>(?:{_TOKEN}\s+){{0,5}}?{_TOKEN}){_APPOSITIVE}\s+{VERBS}\b"
    rf"|(?:{VERBS}|according to)\s+(?P<after>(?:[a-z][\w\-]*\s+){{0,3}}?"
    rf"(?:(?:{_CAPITAL}\s+){{1,5}}(?:{_ROLE}\s+){{1,2}})?"
    rf"(?:{_CAPITAL}\s+){{0,5}}{_CAPITAL}(?:\s+\([^)]{{1,20}}\))?))"
)
# Before an opening mark, ending there: `Smith said: ` / `Smith, the mayor, told reporters, `.
SAID_BEFORE = re.compile(
    rf"(?:^|(?<=[\s,;:—–(]))(?P<who>(?:{_TOKEN}\s+){{0,5}}?{_TOKEN}){_APPOSITIVE}\s+{VERBS}\b"
    rf"(?P<gap>[^.!?“”\"«»„]{{0,40}}?)\s*$"
)
# What may stand between a reporting verb and the quote it opens: nothing, "that", or words
# ending in a comma or colon (`said on Monday, "` but not `said on ABC's "Good Morning"`).
OPENING_GAP = re.compile(r"\s*(?:that)?\s*|[^,:]*[,:]\s*")
# Verbs that take an object before their quote ("told reporters:"): never right before it.
OBJECT_VERBS = re.compile(r"\s+(?:told|tells|asked|asks)$")
# Text before an opening mark that leaves it unattributed: "according to Smith, " aside.
ACCORDING_BEFORE = re.compile(
    rf"(?:^|(?<=[\s(]))[Aa]ccording to (?P<who>(?:{_TOKEN}\s+){{0,5}}?{_TOKEN}),\s*$"
)
# The gap between a quote and the next one of the same speaker: `," Smith said. "` gives ". ".
CONTINUES = re.compile(r"[\s.,;:—–-]*")
# Words between quotation marks as a reader pairs them, left to right (nested marks aside).
MARKED = re.compile(r"[\"“”„«»「『]((?:[^\"“”„«»「」『』]|「[^」]*」|『[^』]*』)+?)[\"“”„«»」』]")
# How a quote's last words hand over to an attribution after it: `…,” Roe said`.
HANDS_OVER = (",", "!", "?", "—", "–", "-", "…")
HANDED_OVER = re.compile(r"\s*[,—–]")
# The end of a sentence before an opening mark (an abbreviation's period may pass for one).
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|(?<=:)")
# An attribution that is a whole sentence after a quote ending in a period: `." Roe said.`,
# `." she said on Monday.` (not `." Roe said he would go.`, a sentence of its own).
SAID_ALONE = re.compile(
    rf"\s*(?:[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){{0,2}}|he|she)\s+{VERBS}"
    r"(?:\s+(?:on|in|at|during|later|earlier|last|this|after|before|to|from)\b[^.!?“”\"]{0,50})?\."
)
# The rest of an attribution's clause up to its sentence end (" in a statement.").
CLAUSE_END = re.compile(r"(?P<clause>[^.!?]*)[.!?]")
# A reporting verb anywhere: a second one in a clause brings in another speaker.
REPORTING = re.compile(rf"\b{VERBS}\b|\b(?:argued|argues|asking|saying|adding|according)\b")
# How far before an opening mark its attribution is looked for.
BEFORE_REACH = 240
# Shortest quote kept (in words): shorter ones are mostly scare quotes around a term.
MIN_WORDS = 3


@dataclass(frozen=True)
class Span:
    """The inside of one pair of quotation marks (or an unclosed paragraph of a long quote)."""

    open_at: int  # offset of the opening mark in the text
    close_at: int  # offset of the closing mark (the paragraph's end when unclosed)
    closed: bool


def find_quotes(text: str, sentences: Sequence[Sentence]) -> tuple[Quote, ...]:
    """Return every direct quotation of the text with its speaker, or None when uncertain."""
    if not any(mark in text for mark in CLOSERS):
        return ()
    spans = list(quote_spans(text))
    cast = cast_of(text, [(span.open_at, span.close_at) for span in spans])
    found: list[Quote] = []
    previous: tuple[Span, str | None] | None = None
    quoted = tuple((span.open_at, span.close_at) for span in spans)
    said: list[tuple[int, int, str]] = []
    for span in spans:
        speaker = _attribute(text, span, cast, previous, Heard(quoted, tuple(said)))
        previous = (span, speaker)
        if speaker is not None:
            said.append((span.open_at, span.close_at, speaker))
        quote = _quote(text, span, speaker, sentences, spans)
        if quote is not None:
            found.append(quote)
    return tuple(found)


def quote_spans(text: str) -> Iterator[Span]:
    """Yield the quotation-mark spans of every paragraph, in order."""
    start = 0
    for paragraph in text.split("\n\n"):
        yield from _paragraph_spans(text, start, start + len(paragraph))
        start += len(paragraph) + 2


def _paragraph_spans(text: str, start: int, end: int) -> Iterator[Span]:
    """Yield the spans of one paragraph; a quote left open at its end is unclosed."""
    opener, opened = "", 0
    for mark in MARKS.finditer(text, start, end):  # only the marks, not every character
        at, char = mark.start(), mark.group()
        if opener and char in CLOSERS[opener]:
            yield Span(opened, at, True)
            opener = ""
        elif char in CLOSERS and (not opener or char == opener):
            # a second opening mark of the same kind: the first one was never closed
            opener, opened = char, at
    if opener and text[opened + 1 : end].strip():
        yield Span(opened, end, False)


def _quote(
    text: str, span: Span, speaker: str | None, sentences: Sequence[Sentence], spans: Sequence[Span]
) -> Quote | None:
    """Return the Quote of a closed span long enough to be a quotation, with its evidence."""
    words = text[span.open_at + 1 : span.close_at].strip()
    words = words.rstrip(",").rstrip() if span.closed else ""
    if len(words.split()) < MIN_WORDS:
        return None
    inside = _evidence(span.open_at, span.close_at, sentences, spans)
    if not inside:
        return None
    evidence = text[inside[0].start : inside[-1].end]
    if not any(words in marked for marked in MARKED.findall(evidence)):
        return None  # the marks of the evidence, read in order, do not enclose the words
    return Quote(speaker, words, evidence, inside[0].index)


def _evidence(
    start: int, end: int, sentences: Sequence[Sentence], spans: Sequence[Span]
) -> list[Sentence]:
    """Return the sentences over [start, end], widened so that no quote is cut in two."""
    inside: list[Sentence] = []
    while True:
        wider = [s for s in sentences if s.start <= end and s.end > start]
        if wider == inside or not wider:
            return wider
        inside = wider
        low, high = inside[0].start, inside[-1].end
        cut = [s for s in spans if s.open_at < low <= s.close_at or s.open_at < high <= s.close_at]
        start = min(start, *(s.open_at for s in cut)) if cut else start
        end = max(end, *(s.close_at for s in cut)) if cut else end


def _attribute(
    text: str,
    span: Span,
    cast: Cast,
    previous: tuple[Span, str | None] | None,
    heard: Heard,
) -> str | None:
    """Return who said the quote in `span`, from the words right after or before it."""
    paragraph_start = text.rfind("\n\n", 0, span.open_at) + 1
    paragraph_end = text.find("\n\n", span.close_at)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    before = _words_before(text, span, paragraph_start)
    # Words after a quote attribute it only when it opens its sentence: in `as Roe went on
    # about "rigged systems," Lee said yes`, Lee's clause is the sentence's own.
    opens = SENTENCE_END.split(before)[-1].strip() in ("", "—", "–")
    after = _words_after(text, span, paragraph_end) if opens else ""
    for who in (*_after_speaker(after), *_before_speaker(before)):
        words = PARENTHESES.sub(" ", who).split()
        if len(words) == 1 and words[0].lower() in PRONOUNS:
            return resolve_pronoun(PRONOUNS[words[0].lower()], cast, text, span.open_at, heard)
        return speaker_name(who, cast)
    if previous is None or previous[1] is None:
        return None
    prior, speaker = previous
    if not prior.closed:  # a quote running on: this paragraph opens with its next part
        return speaker if not text[paragraph_start : span.open_at].strip() else None
    gap = text[prior.close_at + 1 : span.open_at]
    return speaker if prior.close_at >= paragraph_start and _only_attribution(gap) else None


def _words_after(text: str, span: Span, paragraph_end: int) -> str:
    """Return the paragraph's text after the closing mark, up to the next opening mark."""
    if not span.closed:
        return ""
    rest = text[span.close_at + 1 : paragraph_end]
    inner = text[span.open_at + 1 : span.close_at].rstrip()
    if not (inner.endswith(HANDS_OVER) or HANDED_OVER.match(rest) or SAID_ALONE.match(rest)):
        return ""  # `he called it "a mess" until Roe said`: the quote's sentence goes on
    cut = min((i for i in (rest.find(m) for m in CLOSERS) if i >= 0), default=len(rest))
    return rest[:cut]


def _words_before(text: str, span: Span, paragraph_start: int) -> str:
    """Return the paragraph's text before the opening mark, after any earlier mark."""
    head = text[max(paragraph_start, span.open_at - BEFORE_REACH) : span.open_at]
    cut = max(head.rfind(m) for m in (*CLOSERS, "”", "»", "」", "』"))
    return head[cut + 1 :]


def _after_speaker(after: str) -> Iterator[str]:
    """Yield the speaker phrase of an attribution right after a quote, if there is one."""
    match = SAID_AFTER.match(after)
    if match is not None:
        yield match.group("who") or match.group("after")


def _before_speaker(before: str) -> Iterator[str]:
    """Yield the speaker phrase of an attribution ending right before a quote, if any."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])", before)[-1]
    match = SAID_BEFORE.search(sentence)
    if match is not None and OPENING_GAP.fullmatch(match.group("gap")):
        verb_end = match.start("gap")
        if match.group("gap").strip() or not OBJECT_VERBS.search(sentence, 0, verb_end):
            yield match.group("who")
        return
    match = ACCORDING_BEFORE.search(sentence)
    if match is not None:
        yield match.group("who")


def _only_attribution(gap: str) -> bool:
    """Return True when the text between two quotes is the first one's attribution only."""
    match = SAID_AFTER.match(gap)
    rest = gap[match.end() :] if match else gap
    tail = CLAUSE_END.match(rest) if match else None
    if tail is not None and not REPORTING.search(tail.group("clause")):
        rest = rest[tail.end() :]  # `," Roe said in a statement. "` ends the attribution
    return CONTINUES.fullmatch(rest) is not None
