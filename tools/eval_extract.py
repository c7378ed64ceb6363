"""Adapters for the eval-dev extraction and date scorers: HTML in, our output out.

    cd ../shared/eval-dev/scripts && PYTHONPATH=$REPO/tools:$REPO python score_extraction.py \
        --dataset trafilatura --callable eval_extract:run --name newsdigest --no-save

The scorers hand over decoded text; it is passed on as UTF-8 bytes labelled so, as a server
would label them. Unlabelled, a page whose markup declares another charset was decoded by
that declaration (26 of the 990 trafilatura pages came out as mojibake).
"""

from generator.errors import InputError
from generator.extract import extract
from generator.model import Article, RawInput

# The label of the bytes handed to extract: the scorers' text, encoded as UTF-8.
CONTENT_TYPE = "text/html; charset=utf-8"


def _article(html: str, url: str | None) -> Article:
    """Return the Article newsdigest extracts from a scorer's page."""
    raw = RawInput(origin="eval", content=html.encode("utf-8"), url=url, content_type=CONTENT_TYPE)
    return extract(raw)


def run(html: str, url: str | None = None) -> str:
    """Return the extracted main text; an input we refuse scores as empty."""
    try:
        return _article(html, url).text
    except InputError:
        return ""


def published(html: str, url: str | None = None) -> str | None:
    """Return the publication day as the page's own local date."""
    try:
        article = _article(html, url)
    except InputError:
        return None
    return article.published.local[:10] if article.published else None
