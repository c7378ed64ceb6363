"""Parse a saved page with lxml and read the text of its elements.

Text is read as Beautiful Soup's get_text() reads it (the extractor used it before): the
strings of an element are the runs of text between tags, comments and processing
instructions; strings inside <script>, <style>, <template>, <rt> and <rp> belong to those
elements only; a string of nothing but ASCII white space counts as one space or line break.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

import lxml.etree  # type: ignore[import-untyped, unused-ignore]
import lxml.html  # type: ignore[import-untyped, unused-ignore]

# An lxml.html.HtmlElement (lxml ships no type hints).
Element: TypeAlias = Any

# Elements whose strings are their own kind of text (code, styles, ruby annotations).
CONTAINERS = frozenset({"rt", "rp", "style", "script", "template"})
# Elements where white space is kept as written.
PRESERVE_SPACE = frozenset({"pre", "textarea"})
# ASCII white space only: such a string stands for one space or line break.
ASCII_SPACE = re.compile(r"[ \n\t\x0c\r]*")


def parse_page(text: str) -> Element | None:
    """Return the root element of an HTML page, or None when lxml finds no document in it."""
    parser = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8")
    try:
        root = lxml.etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    return root if isinstance(root, lxml.html.HtmlElement) else None


def strings(element: Element) -> list[str]:
    """Return the element's strings, in document order.

    A string belongs to its nearest container element, if any; an element's strings are those
    that belong where it does (to itself, when it is a container).
    """
    above = next((a.tag for a in element.iterancestors() if a.tag in CONTAINERS), None)
    wanted = element.tag if element.tag in CONTAINERS else above
    if wanted != (element.tag if element.tag in CONTAINERS else None):
        return []  # an ordinary element inside a container: all its strings are the container's
    found: list[str] = []
    owners = [above]  # the container each open element's strings belong to
    for event, node in lxml.etree.iterwalk(element, events=("start", "end", "comment", "pi")):
        if event == "start":
            owners.append(node.tag if node.tag in CONTAINERS else owners[-1])
            if node.text and owners[-1] == wanted:
                found.append(node.text)
            continue
        if event == "end":
            owners.pop()
        if node is not element and node.tail and owners[-1] == wanted:
            found.append(node.tail)
    return found


def text_of(element: Element, separator: str = "", strip: bool = False) -> str:
    """Return the element's strings joined by `separator`, each stripped if `strip`."""
    if strip:
        return separator.join(s for s in map(str.strip, strings(element)) if s)
    if any(a.tag in PRESERVE_SPACE for a in element.iterancestors()) or (
        element.tag in PRESERVE_SPACE
    ):
        return separator.join(strings(element))
    return separator.join(_spaced(s) for s in strings(element))


def _spaced(string: str) -> str:
    """Return a string of ASCII white space as one line break or space, others unchanged."""
    if not ASCII_SPACE.fullmatch(string):
        return string
    return "\n" if "\n" in string else " "
