"""Turn ranked candidate phrases into clean display tags, merging names of the same thing."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.analyse.entities import country_of
from generator.analyse.keyphrases import Phrase, phrase_key
from generator.analyse.lexicon import ACTION_VERBS, REPORTING_VERBS, STOPWORDS
from generator.analyse.terms import CJK_RUN

# A bare number, possibly with separators or a unit sign: never a tag.
BARE_NUMBER = re.compile(r"^[\d\s.,%$€£¥:/\-]+$")
# A source name's parts: "Focus Taiwan (CNA)" gives "Focus Taiwan" and "CNA".
SOURCE_PARTS = re.compile(r"[^()]+")
# A plural-looking lower-case word; inside a noun phrase it comes last.
PLURAL = re.compile(r"^[a-z\-]{2,}[^su']s$")
# Plural-looking words that do modify nouns ("sales tax", "sports club").
PLURAL_MODIFIERS = frozenset({"sales", "sports", "arms", "goods", "savings", "news", "series"})
PREFERRED_BOOST = 2.0
# Distinct tag forms whose fitness is remembered across articles.
FORM_CACHE = 16384


@dataclass(frozen=True)
class TagRules:
    """What decides a tag's display form and whether it may show."""

    acronyms: Mapping[str, str]  # acronym -> long form defined in the article
    aliases: Mapping[str, str]  # lower-case spelling -> canonical tag
    blocked: frozenset[str]  # lower-case forms never shown (blocklist, source names)
    preferred: tuple[str, ...]
    people: tuple[str, ...] = ()  # full names of the people the article names

    @functools.cached_property
    def people_words(self) -> tuple[tuple[str, list[str]], ...]:
        """Return each person's full name with its words (asked for every candidate tag)."""
        return tuple((p, p.split()) for p in self.people)

    @functools.cached_property
    def person_of_word(self) -> dict[str, str] | None:
        """Return word -> the first person whose name has it; None if a name is one word.

        With every name of two words or more, a one-word form names a person only by being
        one of the name's words, and a form of several words only by holding the full name.
        """
        if any(len(words) < 2 for _, words in self.people_words):
            return None
        found: dict[str, str] = {}
        for person, words in self.people_words:
            for word in words:
                found.setdefault(word, person)
        return found

    @functools.cached_property
    def people_cased(self) -> bool:
        """Return True when every person's name changes in lower case (has a capital).

        Then no name is inside a lower-case form, such as most key phrases.
        """
        return all(p.lower() != p for p in self.people)


def blocked_names(blocklist: frozenset[str], sources: tuple[str, ...]) -> frozenset[str]:
    """Return the lower-case forms that may never be tags (blocklist plus source name parts)."""
    parts = {p.strip().lower() for s in sources for p in [s, *SOURCE_PARTS.findall(s)]}
    return frozenset({b.lower() for b in blocklist} | {p for p in parts if p})


def display_tags(phrases: list[Phrase], rules: TagRules, limit: int) -> tuple[str, ...]:
    """Return up to `limit` tags, most relevant first, one display form per thing."""
    scores: dict[str, float] = {}
    forms: dict[str, str] = {}
    preferred = {p.lower() for p in rules.preferred}
    for phrase in phrases:
        if not _taggable(phrase):
            continue
        form = canonical(phrase.display, rules)
        # A phrase's key is its display form's key; only a changed form needs keying again.
        key = phrase.key if form == phrase.display else (phrase_key(form) or form)
        low = form.lower()
        if low in rules.blocked or not _clean(form):
            continue
        forms.setdefault(key, form)
        boost = PREFERRED_BOOST if low in preferred else 1.0
        scores[key] = scores.get(key, 0.0) + phrase.score * boost
    chosen: list[str] = []
    for key in sorted(scores, key=lambda k: (-scores[k], k)):
        if len(chosen) >= limit:
            break
        if not any(_nested(key, c) for c in chosen):
            chosen.append(key)
    return tuple(forms[k] for k in chosen)


def _nested(a: str, b: str) -> bool:
    """Return True when one multi-word key contains the other ("exchanges" in "frequent ...")."""
    if " " not in a and " " not in b:
        return False
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def canonical(form: str, rules: TagRules) -> str:
    """Return the one display form of a name: alias, acronym, person, country, spacing.

    A person named with a role ("JMW Chairman Wu Chien-hung") or by surname ("Wu") is
    shown by full name.
    """
    form = " ".join(form.split())
    low = form.lower()
    alias = rules.aliases.get(low)
    if alias:
        return alias
    if form in rules.acronyms:
        form = rules.acronyms[form]
        low = form.lower()
    by_word = rules.person_of_word
    if by_word is None:
        person = next((p for p, words in rules.people_words if p in form or form in words), None)
    elif len(form.split()) < 2:  # one word: no name of two words is in it
        person = by_word.get(form)
    elif low == form and rules.people_cased:  # a lower-case form holds no capital
        person = None
    else:  # several words: no word of a name is the form
        person = next(filter(form.__contains__, rules.people), None)
    return person or country_of(form)


def _taggable(phrase: Phrase) -> bool:
    """Return True for names and multi-word key phrases; single common words are too vague."""
    return phrase.proper or " " in phrase.key  # a key's words are joined by single spaces


@functools.lru_cache(maxsize=FORM_CACHE)
def _clean(form: str) -> bool:
    """Return True when a form is fit to show: no stop word, number, verb or lone CJK char."""
    low = form.lower()
    if low in STOPWORDS or low in REPORTING_VERBS or BARE_NUMBER.match(form):
        return False
    if CJK_RUN.fullmatch(form):
        return len(form) >= 2
    parts = low.split()
    if any(PLURAL.search(w) and w not in PLURAL_MODIFIERS for w in parts[:-1]):
        return False  # "ships need work", "reservoirs serving": a clause, not a topic
    return len(form) >= 2 and parts[-1] not in REPORTING_VERBS and parts[-1] not in ACTION_VERBS
