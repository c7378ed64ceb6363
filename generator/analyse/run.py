"""Analyse one article: sentences, extractive summary, tags and fact box (see analyse())."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from generator.analyse import ANALYSER_VERSION, AnalysisSettings
from generator.analyse.cjkfacts import cjk_candidates
from generator.analyse.cjkquotes import cjk_quotes
from generator.analyse.entities import Person, acronyms, people
from generator.analyse.facts import fact_candidates, select
from generator.analyse.keyphrases import Phrase, rank_phrases
from generator.analyse.quotes import find_quotes
from generator.analyse.sentences import split_sentences
from generator.analyse.summary import SummaryWeights, summarise
from generator.analyse.tags import (
    TagRules,
    blocked_names,
    currency_prefixes,
    display_tags,
    inner_capitals,
)
from generator.analyse.terms import mostly_cjk
from generator.model import Analysis, Article, Fact, FactKind, Quote, Sentence

# Fact kinds that name a thing; their texts are names for tags in CJK text.
NAME_KINDS = frozenset({"person", "organization", "place"})
# The separators of a CJK list ("基隆、高雄").
CJK_LIST = re.compile(r"[、，,\s]+")


def analyse_article(article: Article, settings: AnalysisSettings) -> Analysis:
    """Return the article's sentences, summary, tags and facts (pure and deterministic)."""
    sentences = split_sentences(article.text, article.language)
    summary = summarise(
        sentences, article.title, settings.summary_sentences, SummaryWeights(), article.language
    )
    phrases = rank_phrases(sentences, article.title, article.language)
    defined = acronyms(article.text)
    # Who is named is read once, for tags and facts alike, from the sentences joined by line
    # breaks (the article's text with the white space between sentences made uniform).
    cast = people("\n".join(s.text for s in sentences))
    # Only attributed quotes are kept: one without a speaker tells a reader little.
    cjk = _cjk_article(article.language, sentences)
    found = cjk_quotes(sentences) if cjk else find_quotes(article.text, sentences)
    quotes = tuple(q for q in found if q.speaker is not None)
    candidates = _candidates(article, sentences, phrases, defined, cast, quotes=quotes, cjk=cjk)
    facts = select(candidates, settings.max_facts)
    rules = _tag_rules(
        article, settings, sentences=sentences, defined=defined, cast=cast, facts=facts, cjk=cjk
    )
    tags = display_tags(phrases, rules, settings.max_tags, article.feed_tags)
    return Analysis(
        sentences,
        summary,
        tags.tags,
        facts,
        ANALYSER_VERSION,
        quotes,
        more_tags=tags.more,
        phrase_tags=tags.phrases,
    )


def _tag_rules(
    article: Article,
    settings: AnalysisSettings,
    *,
    sentences: tuple[Sentence, ...],
    defined: dict[str, str],
    cast: list[Person],
    facts: tuple[Fact, ...],
    cjk: bool,
) -> TagRules:
    """Return the tag rules of one article: its acronyms, people, names and language.

    In CJK text the fact box's organisations, places and people are the names (a capital marks
    none there): a term that is one of them is a tag without a second article.
    """
    sources = (
        *settings.source_names,
        *([article.source] if article.source else []),
        *_dateline_agency(article.dateline),
    )
    return TagRules(
        acronyms=defined,
        aliases={k.lower(): v for k, v in settings.tag_aliases.items()},
        blocked=blocked_names(settings.tag_blocklist, sources)
        | currency_prefixes(s.text for s in sentences),
        preferred=settings.preferred_tags,
        people=tuple(p.name for p in cast),
        language=article.language,
        inner_capitals=inner_capitals(s.text for s in sentences),
        names=tuple(
            dict.fromkeys(
                part
                for f in facts
                if cjk and f.kind in NAME_KINDS
                for part in CJK_LIST.split(f.text)
                if part
            )
        ),
    )


def _candidates(
    article: Article,
    sentences: tuple[Sentence, ...],
    phrases: list[Phrase],
    defined: dict[str, str],
    cast: list[Person],
    *,
    quotes: tuple[Quote, ...],
    cjk: bool,
) -> Mapping[FactKind, Iterable[Fact]]:
    """Return fact candidates from the Chinese/Japanese or the English rules."""
    if cjk:
        return cjk_candidates(sentences, article.title, _published(article), quotes)
    return fact_candidates(
        sentences,
        phrases,
        defined,
        cast,
        title=article.title,
        published=_published(article),
        language=article.language,
        quotes=quotes,
    )


def _cjk_article(language: str, sentences: tuple[Sentence, ...]) -> bool:
    """Return True for a Chinese or Japanese article (by language, else by most sentences)."""
    code = language.split("-", maxsplit=1)[0].lower()
    if code in ("zh", "ja"):
        return True
    if code in ("en", ""):
        return False
    return 2 * sum(mostly_cjk(s.text) for s in sentences) > len(sentences)


def _dateline_agency(dateline: str | None) -> tuple[str, ...]:
    """Return the agency named in parentheses in a dateline ("(CNA)" gives "CNA")."""
    if not dateline or "(" not in dateline:
        return ()
    return (dateline.rsplit("(", 1)[1].split(")")[0].strip(),)


def _published(article: Article) -> dt.date | None:
    """Return the article's local publication date, when known."""
    if article.published is None:
        return None
    stamp = article.published.iso or article.published.local
    return dt.date.fromisoformat(stamp[:10])
