"""How much of an article a page publishes, and links that keep its evidence checkable.

With `full` the page carries the whole text and every sentence has an anchor. With `excerpt`
it carries the summary, the evidence sentences (short, attributed) and at most the first
paragraph; with `none` the headline, summary and facts. Without the full text, a sentence
links to its place on the publisher's page with a text fragment (`#:~:text=`, WICG Text
Fragments), so a reader can still check every fact against the source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from generator.model import Article, Sentence
from generator.render.html import esc, external_link, safe_http_url

FULL, EXCERPT, NONE = "full", "excerpt", "none"
# A sentence of more words than this is linked by its first and last words (`start,end`),
# which keeps the URL short and still matches when the middle was reflowed by the publisher.
LONG_SENTENCE_WORDS = 12
EDGE_WORDS = 4
# Evidence shown in the fact box of an excerpt is cut after this many words (or characters
# of text written without spaces): a quotation, not a copy of the article.
EVIDENCE_WORDS = 40
EVIDENCE_CHARS = 90
# The first paragraph is published with an excerpt only when it is a lede, not the article:
# at most LEDE_WORDS words and LEDE_BYTES bytes of UTF-8 (about 300 CJK characters).
LEDE_WORDS = 120
LEDE_BYTES = 900
# Evidence is article text: kept out of the search index like the text itself.
EVIDENCE_OPEN = '<p class="nd-evidence-text" data-search-exclude>'
# Runs of white space: the text fragment matches rendered text, where they collapse to one.
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Publication:
    """One article's publication mode and the publisher's URL its links point at."""

    mode: str
    url: str | None  # the original page, when it is a safe http(s) URL

    def anchored(self, sentence: Sentence, shown_paragraphs: int) -> bool:
        """Return True when the sentence is on our page, so `#s-N` reaches it."""
        return self.mode == FULL or sentence.paragraph < shown_paragraphs

    def sentence_href(self, sentence: Sentence, shown_paragraphs: int) -> str | None:
        """Return where a link to the sentence goes: our anchor, the publisher's text, or
        None when neither exists (an excerpt of an article without a URL)."""
        if self.anchored(sentence, shown_paragraphs):
            return f"#s-{sentence.index}"
        return fragment_url(self.url, sentence.text) if self.url else None


def anchor(target: str, inner_html: str, css: str = "") -> str:
    """Return a link to `target` (escaped here); one to another site gets its rel."""
    rel = "" if target.startswith("#") else ' rel="nofollow noopener noreferrer"'
    klass = f' class="{css}"' if css else ""
    return f'<a{klass} href="{esc(target)}"{rel}>{inner_html}</a>'


def publication_of(article: Article, mode: str) -> Publication:
    """Return the article's publication: its mode and its safe original URL."""
    return Publication(mode=mode, url=safe_http_url(article.url))


def encode_term(term: str) -> str:
    """Percent-encode one text-directive term: everything but letters, digits and `._~`,
    so `-`, `&` and `,` (the directive's own syntax) are encoded too."""
    return quote(term, safe="").replace("-", "%2D")


def text_directive(sentence: str) -> str:
    """Return the `text=` directive matching the sentence: whole, or `start,end` when long."""
    text = SPACES.sub(" ", sentence).strip()
    words = text.split(" ")
    if len(words) <= LONG_SENTENCE_WORDS:
        return "text=" + encode_term(text)
    start, end = " ".join(words[:EDGE_WORDS]), " ".join(words[-EDGE_WORDS:])
    return f"text={encode_term(start)},{encode_term(end)}"


def fragment_url(url: str, sentence: str) -> str:
    """Return the URL of the sentence on the page at `url` (its own fragment replaced)."""
    return url.split("#", 1)[0] + "#:~:" + text_directive(sentence)


def shortened(text: str) -> str:
    """Return evidence cut to EVIDENCE_WORDS words (EVIDENCE_CHARS without spaces), with …."""
    words = text.split()
    if len(words) > EVIDENCE_WORDS:
        return " ".join(words[:EVIDENCE_WORDS]) + " …"
    if len(words) == 1 and len(text) > EVIDENCE_CHARS * 2:  # CJK: no spaces between words
        return text[:EVIDENCE_CHARS] + "…"
    return text


def shown_paragraphs(article: Article, mode: str) -> int:
    """Return how many leading paragraphs the page shows: all, the lede, or none."""
    paragraphs = article.text.split("\n\n")
    if mode == FULL:
        return len(paragraphs)
    if mode == NONE:
        return 0
    lede = paragraphs[0]
    return int(len(lede.split()) <= LEDE_WORDS and len(lede.encode("utf-8")) <= LEDE_BYTES)


def original_line(article: Article, publication: Publication, words: Mapping[str, str]) -> str:
    """Return the link to the original, shown at the top of the page (in its language)."""
    source = article.source or words["the_source"]
    text = words["original" if publication.mode == FULL else "read_whole"].format(source=source)
    return (
        '<p class="nd-original">' + external_link(publication.url, text) + " ↗</p>"
        if publication.url
        else ""
    )


def continue_line(article: Article, publication: Publication, words: Mapping[str, str]) -> str:
    """Return the line that ends an excerpt: where the rest of the article is."""
    if publication.url is None:
        return f'<p class="nd-continue">{esc(words["not_published"])}</p>'
    source = article.source or words["the_source"]
    return (
        '<p class="nd-continue">'
        + external_link(publication.url, words["continue_reading"].format(source=source))
        + " ↗</p>"
    )


def evidence_html(
    evidence: str,
    sentence: Sentence | None,
    article: Article,
    publication: Publication,
    shown: int,
    *,
    words: Mapping[str, str],
) -> str:
    """Return the evidence sentence of a fact: quoted, attributed, linked to its place."""
    links = []
    if sentence is not None and publication.anchored(sentence, shown):
        links.append(
            f'<a class="nd-evidence" href="#s-{sentence.index}">{esc(words["in_text"])}</a>'
        )
    if publication.url:
        target = fragment_url(publication.url, sentence.text if sentence else evidence)
        label = words["check_at_source" if publication.mode == NONE else "at_source"]
        links.append(
            f'<a class="nd-evidence-source" href="{esc(target)}" '
            f'rel="nofollow noopener noreferrer">'
            f"{esc(label.format(source=article.source or words['the_source']))}</a>"
        )
    if publication.mode == NONE:  # the facts and where to check them, no article text
        return EVIDENCE_OPEN + " · ".join(links) + "</p>" if links else ""
    text = evidence if publication.mode == FULL else shortened(evidence)
    source = f" — {esc(article.source)}" if article.source else ""
    # No lang of its own: the page's tag (zh-Hant/zh-Hans from the whole text) is more exact
    # than the article's bare "zh", which draws Traditional text with Simplified glyph forms.
    return (
        f"{EVIDENCE_OPEN}<q>{esc(text)}</q>"
        f"{source}" + (" · " + " · ".join(links) if links else "") + "</p>"
    )


def sentence_at(sentences: Sequence[Sentence], index: int) -> Sentence | None:
    """Return the sentence with this index, if the analysis has it."""
    return sentences[index] if 0 <= index < len(sentences) else None
