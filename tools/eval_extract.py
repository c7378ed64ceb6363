"""Adapters for the eval-dev extraction and date scorers: HTML in, our output out.

    cd ../shared/eval-dev/scripts && PYTHONPATH=$REPO/tools:$REPO python score_extraction.py \
        --dataset trafilatura --callable eval_extract:run --name newsdigest --no-save
"""

from generator.errors import InputError
from generator.extract import extract
from generator.model import RawInput


def run(html: str, url: str | None = None) -> str:
    """Return the extracted main text; an input we refuse scores as empty."""
    try:
        return extract(RawInput(origin="eval", content=html.encode("utf-8"), url=url)).text
    except InputError:
        return ""


def published(html: str, url: str | None = None) -> str | None:
    """Return the publication day as the page's own local date."""
    try:
        article = extract(RawInput(origin="eval", content=html.encode("utf-8"), url=url))
    except InputError:
        return None
    return article.published.local[:10] if article.published else None
