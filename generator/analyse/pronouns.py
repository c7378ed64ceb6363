"""Who a speaker pronoun ("he said") stands for: one person the text makes certain, or None.

A pronoun goes to a person only when the sentence before it (or its own) introduces that
person as its subject, or they are an earlier speaker; someone named inside a by-, of- or
for-phrase, as another's ("Roe's spokesman") or in a relative clause is never its person,
and anyone else named there whose gender fits the pronoun leaves it uncertain.
When the sentence before already says "he" of someone it does not name, the pronoun refers
further back than we can see, and stays unresolved unless it continues a quote's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.analyse.lexicon import words as listing
from generator.analyse.names import (
    NAME_RUN,
    NOT_SPEAKER_BEFORE,
    POSSESSIVE,
    SENTENCE_BREAK,
    UNNAMED_PERSON,
    Cast,
    Mention,
)

# The pronouns a speaker may be, by gender.
PRONOUNS = {"he": "m", "she": "f"}
PRONOUN_OF = {"m": re.compile(r"\b[Hh]e\b"), "f": re.compile(r"\b[Ss]he\b")}
# How far back a pronoun's person is looked for: the sentence before the pronoun's.
PRONOUN_SENTENCES = 2
PRONOUN_REACH = 600
# Words that put a name after them out of subject place: prepositions and relative words.
NOT_SUBJECT = NOT_SPEAKER_BEFORE | listing(
    "after before during over into onto behind between among without within toward towards "
    "alongside beside near per via upon who whom whose which that when where while because "
    "if whether"
)
# Words right before a name that make it someone else's: "by Roe", "of Roe", "for Roe".
ASIDE_BEFORE = listing("by of for from about against under than like")
# Relative words: a name after one in its clause is in a relative clause ("who met Roe").
RELATIVE = listing("who whom whose which")
# Pronouns: a sentence opening with one has its subject already ("He met Roe").
PERSONAL = listing("he she they it i we you")
# Words that open a sentence's introductory phrase ("On Friday, Roe said").
INTRO_WORDS = NOT_SUBJECT | listing(
    "meanwhile earlier later however also but still now then separately speaking asked "
    "yesterday today last this instead overall elsewhere writing"
)
INTRO = re.compile(r"(?P<word>[A-Za-z]+)\b[^.;:!?,”]{0,200}?,[”\"]?\s*")
# How far after an introductory phrase its sentence's subject may be named.
SUBJECT_REACH = 40
# A name as the one who speaks in reported speech: "Roe said", "Roe, 69, said", "said Roe".
SAYS_AFTER = re.compile(
    r"(?:['’]s)?(?:,[^,.;:]{1,80},)?\s+(?:said|says|told|tells|added|wrote|writes|argued|"
    r"explained|noted|recalled|continued|insisted|acknowledged|contended|stated|estimated|"
    r"observed|observes|warned|admitted|conceded|predicted|suggested)\b"
)
# "…, said [role words] Roe." after the reported words: Roe speaks (not "said Roe would").
SAYS_BEFORE = re.compile(
    r"\b(?:said|says|added|wrote|writes|observed|observes|explained|noted|warned)"
    r"(?P<role>(?:\s+[\w'’\-]+){0,4}?)\s+$"
)
SAYS_END = re.compile(r"(?<=\.)|\s*(?:[.;]|,\s+(?:the|a|an|who)\b)")
# Lower-case words that may stand before a subject's name: determiners, roles, offices.
SUBJECT_WORDS = listing(
    "the a an and former then new acting deputy vice chief senior interim incoming outgoing "
    "retired veteran longtime top shadow prime foreign finance interior home defence defense "
    "health justice trade education energy transport labour labor state party opposition "
    "campaign team club company union press police city county national local general "
    "executive first lady"
)
# A lower-case word that names a job ("minister", "chancellor", "spokeswoman").
ROLE_NOUN = re.compile(r"(?:er|or|ist|man|woman|person|ain|ant|ent|ian|ee|ief|ary)$")
WORD = re.compile(r"[\w'’\-]+|[^\w\s]")
# Clause marks: a relative clause runs from one of these.
CLAUSE_MARK = re.compile(r"[,;:(—–]")


@dataclass(frozen=True)
class Heard:
    """What the quotes so far tell a pronoun: where quotes are, and who said which."""

    quoted: tuple[tuple[int, int], ...] = ()  # (open, close) of every quotation span
    said: tuple[tuple[int, int, str], ...] = ()  # (open, close, speaker) of attributed ones

    @property
    def speakers(self) -> frozenset[str]:
        """Return everyone named as saying something so far."""
        return frozenset(speaker for _, _, speaker in self.said)


def resolve_pronoun(gender: str, cast: Cast, text: str, at: int, heard: Heard) -> str | None:
    """Return the one person a pronoun at `at` can stand for, or None when not certain."""
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, max(0, at - PRONOUN_REACH), at)]
    start = breaks[-PRONOUN_SENTENCES] if len(breaks) >= PRONOUN_SENTENCES else 0
    starts = [start, *(b for b in breaks if b > start)]
    if UNNAMED_PERSON.search(text, start, at):
        return None  # someone unnamed ("a spokeswoman for Roe Watch said")
    kept = [m for m in cast.mentions if start <= m.at < at]
    subjects = {
        m.name
        for m in kept
        if not _aside(text, m, starts) and (m.name in heard.speakers or _subject(text, m, starts))
    }
    # anyone else named whose gender does not rule them out may be who the pronoun means
    others = {m.name for m in kept if cast.genders.get(m.name, gender) == gender} - subjects
    others = {n for n in others if not any(n in s.split() for s in subjects)}
    chained = _chained(gender, text, (start, at), starts, kept=kept, heard=heard)
    if chained is None or others or len(subjects | chained) != 1:
        return None  # two people, or an earlier "he" this text does not name
    name = (subjects | chained).pop()
    if name in chained:
        return name if cast.genders.get(name, gender) == gender else None
    person = name in heard.speakers or any(m.titled for m in cast.mentions if m.name == name)
    known = cast.genders.get(name, "")
    return name if known == gender or (not known and person) else None


def _chained(
    gender: str,
    text: str,
    window: tuple[int, int],
    starts: list[int],
    *,
    kept: list[Mention],
    heard: Heard,
) -> set[str] | None:
    """Return whom the same pronoun earlier in the window stands for; None when unknown.

    Each earlier "he" of the sentences before the pronoun's own needs its person in its own
    sentence: a subject named before it, or the speaker of a quote it attributes.
    """
    people: set[str] = set()
    for p in _pronouns(gender, text, window, heard.quoted):
        begin = max(s for s in starts if s <= p)
        if begin == starts[-1]:
            continue  # the pronoun's own sentence: the speaker pronoun itself, or the same one
        before = {m.name for m in kept if begin <= m.at < _lead_end(text, begin, p)}
        before = {m.name for m in kept if m.name in before and _subject(text, m, starts)}
        said = {who for o, c, who in heard.said if _same_sentence(text, p, o, c)}
        if not before and not said:
            return None
        people |= before | said
    return people


def _pronouns(
    gender: str, text: str, window: tuple[int, int], quoted: tuple[tuple[int, int], ...]
) -> Iterator[int]:
    """Yield where the pronoun of `gender` is written in the window, outside quotations."""
    for match in PRONOUN_OF[gender].finditer(text, *window):
        if not any(o < match.start() < c for o, c in quoted):
            yield match.start()


def _same_sentence(text: str, at: int, open_at: int, close_at: int) -> bool:
    """Return True when offset `at` is in the sentence of the quote from open_at to close_at."""
    if open_at <= at <= close_at:
        return False
    between = text[close_at - 1 : at] if at > close_at else text[at:open_at]
    return SENTENCE_BREAK.search(between) is None


def _lead_end(text: str, begin: int, at: int) -> int:
    """Return where the subject of a pronoun at `at` may be named: before it, or right
    after the introductory phrase holding it ("Asked if he would go, Roe said")."""
    intro = _intro(text, begin, at + 240)
    return intro.end() + SUBJECT_REACH if intro is not None and intro.end() > at else at


def _intro(text: str, begin: int, end: int) -> re.Match[str] | None:
    """Return a sentence's introductory phrase ("On Friday, ", "Noting he was there, ")."""
    intro = INTRO.match(text, begin, end)
    if intro is None:
        return None
    word = intro.group("word").lower()
    return intro if word in INTRO_WORDS or word.endswith(("ing", "ed")) else None


def _aside(text: str, mention: Mention, starts: list[int]) -> bool:
    """Return True for a name in a by/of-phrase, a possessive or a relative clause."""
    run = NAME_RUN.match(text, mention.at)
    if run is not None and POSSESSIVE.search(run.group().split()[-1]):
        return True  # "Roe's spokesman"
    begin = max((s for s in starts if s <= mention.at), default=0)
    lead = [w for w in WORD.findall(text, begin, mention.at) if w not in ("the", "a", "an")]
    while lead and lead[-1] not in ASIDE_BEFORE and lead[-1].islower() and _subject_word(lead[-1]):
        lead.pop()  # role words before the name: "by finance minister Roe"
    if lead and lead[-1] in ASIDE_BEFORE:
        return True  # "hosted by finance minister Roe", "a spokesman for Roe"
    clause = CLAUSE_MARK.split(text[begin : mention.at])[-1]
    return bool(set(clause.lower().split()) & RELATIVE)


def _subject(text: str, mention: Mention, starts: list[int]) -> bool:
    """Return True when a name opens its sentence's main clause, after an intro phrase."""
    begin = max((s for s in starts if s <= mention.at), default=0)
    run = NAME_RUN.match(text, mention.at)
    if run is not None and SAYS_AFTER.match(text, run.end()):
        return True  # "…, Roe said." names who speaks in the sentence
    says = SAYS_BEFORE.search(text, begin, mention.at)
    roles = says.group("role").split() if says is not None else []
    ends = run is not None and SAYS_END.match(text, run.end()) is not None
    if says and ends and not {w.lower() for w in roles} & NOT_SUBJECT:
        return True  # "…, said Roe." (not "said Roe would go")
    intro = _intro(text, begin, mention.at)
    words = WORD.findall(text, intro.end() if intro else begin, mention.at)
    return len(words) <= 8 and all(_subject_word(w) for w in words)


def _subject_word(word: str) -> bool:
    """Return True for a word that may stand before a subject's name in its noun phrase."""
    if word.lower() in (NOT_SUBJECT | PERSONAL) - {"and"}:
        return False
    if word[0].isupper() or word == ",":
        return True
    return word in SUBJECT_WORDS or ROLE_NOUN.search(word) is not None
