"""Retired articles (issue 23): compact entries on day archive pages, redirects at old paths.

An article older than retention.days (generator.retention decides which) keeps no page of
its own: its entry on `archive/YYYY-MM/DD.md` shows the title, source, time, summary, facts
with their evidence sentences and the link to the original, and its old page path becomes a
small static redirect to that entry, so every link ever published still lands on it. One
page per day, not per month: a busy digest's month (18,000 articles) is too big for one page,
and a day is fixed for an article, so its entry's address never moves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from generator.config.settings import SiteSettings
from generator.model import EntryLoader, Fact, Page
from generator.render.article import GENERATED_NOTICE, reader_time
from generator.render.context import Entry
from generator.render.frontmatter import front_matter
from generator.render.html import esc, external_link, href, link, page_url
from generator.render.labels import labels_for, page_language
from generator.render.listings import (
    archive_day_path,
    day_label,
    digest_path,
    month_label,
    newest_first,
)
from generator.render.pagekeys import Lazy
from generator.render.publication import (
    EXCERPT,
    FULL,
    NONE,
    Publication,
    anchor,
    fragment_url,
    publication_of,
    shortened,
)
from generator.slugs import page_id


def entry_anchor(article_id: str) -> str:
    """Return the anchor of an article's entry on its archive page."""
    return "a-" + page_id(article_id)


def redirect_path(page: str) -> str:
    """Return the static file that answers at an article page's old address."""
    return page.removesuffix(".md") + "/index.html"


def retire(entries: Sequence[Entry], retired: frozenset[str]) -> tuple[list[Entry], list[Entry]]:
    """Return the entries with retired ones pointing at their archive entry, and the retired
    entries as they were (their own page paths): links then reach the entry directly."""
    kept, old = [], []
    for e in entries:
        if e.article.id in retired and e.day:
            old.append(e)
            kept.append(replace(e, page=f"{archive_day_path(e.day)}#{entry_anchor(e.article.id)}"))
        else:
            kept.append(e)
    return kept, old


def render_redirect(old_page: str, target: str, title: str, site: SiteSettings) -> str:
    """Return the small page that sends an old article address on to its archive entry."""
    relative = esc(href(old_page, target))
    canonical = esc(site.url.rstrip("/") + "/" + page_url(target) if site.url else relative)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved to the archive: {esc(title)}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={relative}">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        '<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>This article moved to the archive: <a href="{relative}">{esc(title)}</a></p>\n'
        "</body>\n</html>\n"
    )


def compact_entry(entry: Entry, path: str, mode: str) -> str:
    """Return one retired article as a one-line block: title (to the original), source and
    time, then its summary and fact sentences, each linked to its place on the publisher's
    page with the facts it carries (see key_sentences).

    The text is not on the archive page, so a full publication shows as an excerpt would.
    """
    article = entry.article
    lang = page_language(article.language, article.title + article.text)
    words = labels_for(lang)
    publication = publication_of(article, EXCERPT if mode == FULL else mode)
    iso = article.published.iso if article.published else None
    when = esc(reader_time(article, words))
    meta = [f'<span class="nd-source">{esc(article.source)}</span>'] if article.source else []
    meta.append(f'<time datetime="{esc(iso)}">{when}</time>' if iso else f"<time>{when}</time>")
    if entry.story:
        meta.append(link(path, entry.story, "the story"))
    return (
        f'<section class="nd-retired" id="{entry_anchor(article.id)}" lang="{esc(lang)}">'
        f"<h2>{external_link(publication.url, article.title)}</h2>"
        '<p class="nd-meta">' + " · ".join(meta) + "</p>"
        f"{key_sentences(entry, words, publication)}</section>"
    )


def key_sentences(entry: Entry, words: Mapping[str, str], publication: Publication) -> str:
    """Return the summary, then the other sentences facts come from, each sentence once with
    its facts after it: an article page's summary and fact box in half the bytes (a year's
    archive holds 180,000 of these; the fact box repeats a sentence per fact)."""
    groups: dict[int, list[Fact]] = {}
    for fact in entry.analysis.facts:
        groups.setdefault(fact.sentence, []).append(fact)
    if entry.editor is not None and entry.editor.summary is not None:
        summary = [f"<li>{esc(text)}</li>" for text in entry.editor.summary]
    else:
        summary = [
            _sentence_line(s.text, groups.pop(s.index, []), words, publication, whole=True)
            for s in entry.analysis.summary_sentences()
        ]
    rest = [
        _sentence_line(facts[0].evidence, facts, words, publication, whole=False)
        for _, facts in sorted(groups.items())
    ]
    return ('<ol class="nd-summary">' + "".join(summary) + "</ol>" if summary else "") + (
        '<ul class="nd-fact-lines">' + "".join(rest) + "</ul>" if rest else ""
    )


def _sentence_line(
    text: str,
    facts: Sequence[Fact],
    words: Mapping[str, str],
    publication: Publication,
    *,
    whole: bool,
) -> str:
    """Return a sentence (linked to its place on the publisher's page) and its facts; a fact
    sentence is cut as an excerpt cuts evidence, and left out when nothing but the summary
    is published (mode none): its facts then link to where to check them."""
    url = publication.url
    if publication.mode == NONE and not whole:
        sentence = anchor(fragment_url(url, text), "check it ↗") if url else ""
    else:
        shown = esc(text if whole else shortened(text))
        sentence = anchor(fragment_url(url, text), shown) if url else shown
    named = " · ".join(
        f"<strong>{esc(words[f.kind] + words['colon'])}</strong> {esc(f.text)}" for f in facts
    )
    facts_html = f' <span class="nd-fact-line">{named}</span>' if named else ""
    return f"<li>{sentence}{facts_html}</li>"


def render_archive_day(day: str, entries: Sequence[Entry], site: SiteSettings) -> str:
    """Return a day's archive page: its retired articles, newest first (searchable)."""
    path = archive_day_path(day)
    month = day[:7]
    meta = {"title": f"Archive: {day_label(day)}", "newsdigest": {"kind": "archive-day"}}
    blocks = [
        front_matter(meta),
        GENERATED_NOTICE,
        f"# Archived articles of {day_label(day)}",
        f'<p class="nd-lede">Older articles keep a compact entry here; the '
        f"{link(path, digest_path(day), 'digest of the day')} lists its stories, and "
        f"{link(path, f'archive/{month}.md', month_label(month))} its other days.</p>",
        *(
            compact_entry(e, path, site.publish_mode(e.article.source))
            for e in sorted(entries, key=newest_first)
        ),
    ]
    return "\n\n".join(blocks) + "\n"


@dataclass(frozen=True)
class ArchiveDayPage:
    """One day's archive page: the compact entries of the articles of that day that retired."""

    day: str
    members: tuple[Entry, ...]
    site: SiteSettings

    def render(self, full: EntryLoader) -> str:
        """Return the page, from the members' full entries."""
        return render_archive_day(self.day, [full(e) for e in self.members], self.site)


def retired_pages(old: Sequence[Entry], site: SiteSettings, lazy: Lazy) -> dict[str, Page]:
    """Return the day archive pages of retired entries (lazy, keyed by their inputs) and a
    redirect at each retired article's old address."""
    by_day: dict[str, list[Entry]] = defaultdict(list)
    for e in old:
        by_day[e.day or ""].append(e)
    pages: dict[str, Page] = {}
    for day in sorted(by_day):
        members = by_day[day]
        path = archive_day_path(day)
        pages.update(lazy.page(path, ArchiveDayPage(day, tuple(members), site)))
        for e in members:
            target = f"{path}#{entry_anchor(e.article.id)}"
            pages[redirect_path(e.page)] = render_redirect(e.page, target, e.title, site)
    return pages
