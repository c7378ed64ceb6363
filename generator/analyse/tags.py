"""Turn ranked candidate phrases into clean display tags, merging names of the same thing."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.analyse.entities import country_of, kind_of
from generator.analyse.keyphrases import Phrase, phrase_key
from generator.analyse.lexicon import ACTION_VERBS, REPORTING_VERBS, STOPWORDS
from generator.analyse.stopwords import (
    NOUN_CAPITALS,
    has_function_edge,
    is_function_word,
    language_code,
)
from generator.analyse.terms import CJK_RUN, tokens

# A bare number, possibly with separators or a unit sign: never a tag.
BARE_NUMBER = re.compile(r"^[\d\s.,%$€£¥:/\-]+$")
# A source name's parts: "Focus Taiwan (CNA)" gives "Focus Taiwan" and "CNA".
SOURCE_PARTS = re.compile(r"[^()]+")
# A plural-looking lower-case word; inside a noun phrase it comes last.
PLURAL = re.compile(r"^[a-z\-]{2,}[^su']s$")
# Plural-looking words that do modify nouns ("sales tax", "sports club").
PLURAL_MODIFIERS = frozenset({"sales", "sports", "arms", "goods", "savings", "news", "series"})
PREFERRED_BOOST = 2.0
# Signs of a currency that a prefix may precede ("NT$", "HK$", "A$").
CURRENCY_SIGNS = frozenset("$€£¥")
# A possessive ending ("Japan's").
OWNER = re.compile(r"['’]s?$")
# Candidates kept per article, as a multiple of the tag limit: what the site may swap in for
# phrases no other article has, and what other articles' phrases are counted against.
POOL_FACTOR = 3
# Words of a key phrase that may be a tag: longer ones read as clauses.
MAX_PHRASE_WORDS = 3
# A publisher's tag longer than this is a sentence or a list, not a tag.
PUBLISHER_MAX_CHARS = 40
PUBLISHER_MAX_WORDS = 4
# Marks around a publisher's tag ("#ferry", "ferry;").
PUBLISHER_EDGES = re.compile(r"^[\s#\-–—,;:|/.]+|[\s\-–—,;:|/.]+$")
# What a publisher's tag never holds: a link, markup or a list separator left inside.
PUBLISHER_JUNK = re.compile(r"https?:|www\.|[<>{}\[\]|/\\=@]|[,;]")
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
    language: str = "en"  # the article's language: its function words may not edge a tag
    inner_capitals: frozenset[str] = frozenset()  # capitalised words seen after another word
    names: tuple[str, ...] = ()  # names found otherwise (CJK text: the fact box's), in order

    @functools.cached_property
    def preferred_lower(self) -> frozenset[str]:
        """Return the editors' preferred tags in lower case."""
        return frozenset(p.lower() for p in self.preferred)

    @functools.cached_property
    def alias_targets(self) -> frozenset[str]:
        """Return the editors' canonical tags (what aliases map to) in lower case."""
        return frozenset(v.lower() for v in self.aliases.values())

    @functools.cached_property
    def vocabulary(self) -> frozenset[str]:
        """Return the editors' vocabulary in lower case: preferred tags and alias targets."""
        return self.preferred_lower | self.alias_targets

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


def inner_capitals(texts: Iterable[str]) -> frozenset[str]:
    """Return the capitalised words that follow another word in some sentence (not openers)
    and are never written in lower case ("Analysts" opening one sentence, "analysts" in another).
    """
    found: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        pieces = tokens(text)
        lower.update(_bare(p) for p in pieces if p[:1].islower())
        found.update(
            _bare(b) for a, b in itertools.pairwise(pieces) if b[:1].isupper() and a[:1].isalnum()
        )
    return frozenset(w for w in found if w.lower() not in lower)


def currency_prefixes(texts: Iterable[str]) -> frozenset[str]:
    """Return the lower-case words written right before a currency sign ("NT" of "NT$"):
    part of an amount, never a name."""
    return frozenset(
        a.lower()
        for text in texts
        for a, b in itertools.pairwise(tokens(text))
        if b in CURRENCY_SIGNS
    )


def _bare(token: str) -> str:
    """Return a token without its end period and possessive ("Japan's" gives "Japan")."""
    return OWNER.sub("", token.rstrip("."))


def blocked_names(blocklist: frozenset[str], sources: tuple[str, ...]) -> frozenset[str]:
    """Return the lower-case forms that may never be tags (blocklist plus source name parts)."""
    parts = {p.strip().lower() for s in sources for p in [s, *SOURCE_PARTS.findall(s)]}
    return frozenset({b.lower() for b in blocklist} | {p for p in parts if p})


@dataclass(frozen=True)
class TagChoice:
    """An article's tags before the store is seen, and what the site may swap in."""

    tags: tuple[str, ...]  # every rule but recurrence; at most the limit (what `show` lists)
    more: tuple[str, ...]  # the next candidates, for places freed by phrases that do not recur
    phrases: tuple[str, ...]  # those of tags and more shown only when other articles have them


def display_tags(
    phrases: list[Phrase], rules: TagRules, limit: int, publisher: tuple[str, ...] = ()
) -> TagChoice:
    """Return up to `limit` tags (publisher's first, then most relevant), one form per thing.

    Names, publisher tags and editors' vocabulary are tags as they are; a key phrase (and in
    a language that capitalises every noun, or in CJK text, every candidate) is only a
    candidate until the site sees it in a second article.
    """
    scores, forms, candidates = _scored(phrases, rules)
    chosen = publisher_tags(publisher, rules, limit // 2 or limit)
    ranked = sorted(scores, key=lambda k: (-scores[k], k))
    chosen_keys = [phrase_key(t) or t.lower() for t in chosen]
    extra = []  # names that are no candidate: first in line for places phrases leave
    for name in rules.names:
        if name not in forms.values() and _clean(name) and name.lower() not in rules.blocked:
            extra.append(phrase_key(name) or name)
            forms.setdefault(extra[-1], name)
    ranked[limit:limit] = extra
    for key in ranked:
        if len(chosen_keys) >= POOL_FACTOR * limit:
            break
        if key not in chosen_keys and not any(_nested(key, c) for c in chosen_keys):
            chosen_keys.append(key)
            chosen.append(forms[key])
    needs = tuple(forms[k] for k in chosen_keys if k in candidates)
    return TagChoice(tuple(chosen[:limit]), tuple(chosen[limit:]), needs)


def _scored(
    phrases: list[Phrase], rules: TagRules
) -> tuple[dict[str, float], dict[str, str], set[str]]:
    """Return the score and display form of every key fit to be a tag, and the keys that
    wait for a second article (see display_tags)."""
    scores: dict[str, float] = {}
    forms: dict[str, str] = {}
    candidates: set[str] = set()
    names = {p.key: p.display for p in phrases if p.proper}
    for phrase in phrases:
        if not _taggable(phrase):
            continue
        display = _opener_cut(phrase, names, rules)
        form = _trimmed(canonical(display, rules), rules.language, phrase.proper)
        # A phrase's key is its display form's key; only a changed form needs keying again.
        key = phrase.key if form == phrase.display else (phrase_key(form) or form)
        low = form.lower()
        if not form or low in rules.blocked or not _clean(form):
            continue
        if has_function_edge(form, rules.language) or _lone_opener(form, phrase, rules):
            continue
        if not phrase.proper and (len(form.split()) > MAX_PHRASE_WORDS or phrase.count < 2):
            continue  # "follow recent violent attacks", or said once: no topic of the article
        forms.setdefault(key, form)
        vocabulary = form in rules.names or low in rules.vocabulary
        if not vocabulary and not (phrase.proper and _is_name(form, rules)):
            candidates.add(key)
        boost = PREFERRED_BOOST if low in rules.preferred_lower else 1.0
        scores[key] = scores.get(key, 0.0) + phrase.score * boost
    return scores, forms, candidates


def publisher_tags(given: tuple[str, ...], rules: TagRules, cap: int) -> list[str]:
    """Return the publisher's own tags fit to show, in their order, at most `cap`."""
    kept: dict[str, str] = {}
    for raw in given:
        form = canonical(PUBLISHER_EDGES.sub("", " ".join(raw.split())), rules)
        low = form.lower()
        if (
            len(kept) >= cap
            or not 2 <= len(form) <= PUBLISHER_MAX_CHARS
            or len(form.split()) > PUBLISHER_MAX_WORDS
            or PUBLISHER_JUNK.search(form)
            or low in rules.blocked
            or BARE_NUMBER.match(form)
            or has_function_edge(form, rules.language)
        ):
            continue
        kept.setdefault(phrase_key(form) or low, form)
    return list(kept.values())


def _opener_cut(phrase: Phrase, names: Mapping[str, str], rules: TagRules) -> str:
    """Return a place or body's name without a first word that only opens sentences or is
    also written in lower case, when the rest is a name of its own elsewhere ("Struggling
    Japanese" gives "Japanese"); a person's given name opening a sentence stays.
    """
    first, _, rest = phrase.display.partition(" ")
    if (
        not phrase.proper
        or not rest
        or first in rules.inner_capitals
        or language_code(rules.language) in NOUN_CAPITALS
        or not kind_of(rest)
    ):
        return phrase.display
    return names.get(phrase_key(rest), phrase.display)


def _lone_opener(form: str, phrase: Phrase, rules: TagRules) -> bool:
    """Return True for one capitalised word that only opens sentences or is also written in
    lower case ("Analysts", "Revised"): a common word, too vague for a tag."""
    return (
        phrase.proper
        and " " not in form
        and language_code(rules.language) not in NOUN_CAPITALS
        and not CJK_RUN.search(form)
        and form not in rules.inner_capitals
        and form.lower() not in rules.preferred_lower
    )


def _is_name(form: str, rules: TagRules) -> bool:
    """Return True when a capitalised candidate is surely a name, a tag without recurrence.

    Not in CJK text or a language that capitalises every noun; a single word only when it is
    capitalised after another word somewhere ("Ferries" opening sentences is no name).
    """
    if language_code(rules.language) in NOUN_CAPITALS or CJK_RUN.search(form):
        return False
    return " " in form or form in rules.inner_capitals


def _trimmed(form: str, language: str, proper: bool) -> str:
    """Return a name without function words at its edges ("Die Grünen" gives "Grünen").

    Key phrases are left as they are: their shorter sub-phrases are candidates of their own.
    """
    if not proper or CJK_RUN.search(form):
        return form
    words = form.split()
    while len(words) > 1 and is_function_word(words[0], language, in_name=True):
        words.pop(0)
    while len(words) > 1 and is_function_word(words[-1], language, in_name=True):
        words.pop()
    return " ".join(words)


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
