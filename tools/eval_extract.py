"""Adapter for score_extraction.py: HTML in, our extracted text out."""
from generator.errors import InputError
from generator.extract import extract
from generator.extract.html import main_text
from generator.model import RawInput


def run(html: str, url: str | None = None) -> str:
    try:
        return extract(RawInput(origin="eval", content=html.encode("utf-8"), url=url)).text
    except InputError:
        return ""


def published(html: str, url: str | None = None) -> str | None:
    try:
        article = extract(RawInput(origin="eval", content=html.encode("utf-8"), url=url))
    except InputError:
        return None
    return article.published.local[:10] if article.published else None


def variant(**settings: object):
    import generator.extract.html as h
    from types import MappingProxyType
    h.TRAFILATURA_SETTINGS = MappingProxyType({**h.TRAFILATURA_SETTINGS, **settings})
    return run


def run_tables(html: str, url: str | None = None) -> str:
    return variant(include_tables=True)(html, url)


def run_precision(html: str, url: str | None = None) -> str:
    return variant(favor_precision=True)(html, url)
