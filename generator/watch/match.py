"""Match watch rules against the site's articles and stories (pure).

Terms (words, phrases, names of people, organisations and places) are looked for in what the
site shows of an article without reading its text: title, summary sentences and tags. Latin
script terms match whole words, case-folded (NFKC first, so full-width letters match too):
"port" does not match "Portsmouth". A term holding Chinese or Japanese characters matches as
a substring, since those scripts do not separate words. Tags and sources match whole names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator.model import Problem
from generator.watch.rules import WatchRule

if TYPE_CHECKING:  # render imports this module: only the type is needed here
    from generator.render.context import Entry

# Han, kana, Hangul and half-width kana: scripts written without spaces between words.
CJK_CHARS = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0002ffff]"
)


def folded(text: str) -> str:
    """Return text as rules compare it: NFKC, case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """Return one pattern for all terms: whole words for Latin script, substrings for CJK."""
    parts = []
    for term in terms:
        words = folded(term).split()
        body = r"\s+".join(map(re.escape, words))
        parts.append(body if CJK_CHARS.search(term) else rf"(?<!\w){body}(?!\w)")
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True)
class Matcher:
    """A rule compiled once per run."""

    rule: WatchRule
    terms: re.Pattern[str] | None
    tags: frozenset[str]
    sources: frozenset[str]

    def matches(self, entry: Entry, shown: str | None = None) -> bool:
        """Return whether the article matches the rule (`shown`: its haystack, if made)."""
        article = entry.article
        if article.source and folded(article.source) in self.sources:
            return True
        if self.tags and any(folded(t) in self.tags for t in entry.tags):
            return True
        if self.terms is None:
            return False
        return self.terms.search(haystack(entry) if shown is None else shown) is not None


def haystack(entry: Entry) -> str:
    """Return what terms are looked for in: title, summary and tags, folded."""
    return folded("\n".join((entry.article.title, *entry.summary_texts(), *entry.tags)))


def matcher(rule: WatchRule) -> Matcher:
    """Compile a rule."""
    return Matcher(
        rule,
        term_pattern(rule.spellings()),
        frozenset(map(folded, rule.tags)),
        frozenset(map(folded, rule.sources)),
    )


@dataclass(frozen=True)
class Watched:
    """One story a rule matched: its members (newest first), title, page and stable id."""

    id: str
    title: str
    page: str
    members: tuple[Entry, ...]

    @property
    def lead(self) -> Entry:
        """Return the newest member: the story as listings show it."""
        return self.members[0]


def stories_of(newest: Sequence[Entry], titles: Mapping[str, tuple[str, str]]) -> list[Watched]:
    """Group newest-first entries into stories (story page -> (id, title)), newest first.

    An article whose story has no page (a single article) is a story of its own.
    """
    groups: dict[str, list[Entry]] = {}
    for e in newest:
        key = e.story if e.story is not None and e.story in titles else e.page
        groups.setdefault(key, []).append(e)
    out = []
    for page, members in groups.items():
        story_id, title = titles.get(page, (members[0].article.id, members[0].title))
        out.append(Watched(story_id, title, page, tuple(members)))
    return out


def watched(rule: WatchRule, stories: Sequence[Watched], shown: Mapping[str, str]) -> list[Watched]:
    """Return the stories the rule matches (any member matching), in the order given.

    `shown` maps article ids to their haystacks, made once for all rules.
    """
    m = matcher(rule)
    return [s for s in stories if any(m.matches(e, shown[e.article.id]) for e in s.members)]


def quiet_rules(rules: Sequence[WatchRule], entries: Sequence[Entry]) -> list[Problem]:
    """Return a warning per rule that matched no article in its last `quiet_days` days.

    The days count back from the newest article's day, not from the clock: a store that
    stopped growing is the fetcher's problem (reported by fetch), not every rule's.
    """
    days = [e.day for e in entries if e.day]
    if not rules or not days:
        return []
    newest = date.fromisoformat(max(days))
    dated = [(e, e.day, haystack(e)) for e in entries if e.day]
    problems = []
    for rule in rules:
        m = matcher(rule)
        last = max((day for e, day, shown in dated if m.matches(e, shown)), default=None)
        quiet = (newest - date.fromisoformat(last)).days if last else None
        if quiet is None or quiet >= rule.quiet_days:
            problems.append(
                Problem(
                    f"newsdigest.yml: watch {rule.name!r}",
                    f"has matched no article in the {rule.quiet_days} days up to {newest} "
                    f"(last match: {last or 'none'}); check its terms or remove it",
                    "warning",
                )
            )
    return problems
