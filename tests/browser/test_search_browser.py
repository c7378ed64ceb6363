"""Search over Pagefind's index in headless Chromium: body words, plurals, stories, keys.

The `page` fixture fails a test on any request off 127.0.0.1 and on any console error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

BOX = "input.md-search__input"
RESULT_LINKS = ".md-search-result__item a.md-search-result__link"


def search(page: Any, site_url: str, query: str, start: str = "") -> list[str]:
    """Type a query into the header's box; return the result links' hrefs."""
    page.goto(site_url + start)
    box = page.locator(BOX)
    box.click()
    box.fill(query)
    page.locator(RESULT_LINKS).first.wait_for(timeout=15_000)
    return [a.get_attribute("href") for a in page.locator(RESULT_LINKS).all()]


def finds(page: Any, site_url: str, query: str, path: str, start: str = "") -> None:
    """Type a query into the header's box and wait for a result linking to `path`.

    Results come in twice: from the page language's index, then from all languages'.
    """
    search(page, site_url, query, start)
    page.locator(f'{RESULT_LINKS}[href="{path}"]').first.wait_for(timeout=15_000)


def article_with(project: Path, word: str) -> tuple[str, BeautifulSoup]:
    """Return the site path and parsed page of the one article whose text has `word`."""
    found = []
    for path in sorted((project / "site" / "articles").rglob("index.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        if word in soup.select_one(".nd-text").get_text():
            found.append(("/" + path.parent.relative_to(project / "site").as_posix() + "/", soup))
    assert len(found) == 1, f"the demo should have one article with {word!r}"
    return found[0]


@pytest.mark.parametrize(
    "query,word",
    [
        ("Sunnyside", "Sunnyside"),  # a word of the article text only: no title, summary, fact
        ("bathtub", "bathtubs"),  # a singular finds the plural of the text (stemming)
        ("vending machine", "vending machines"),  # two words, the last one plural in the text
    ],
)
def test_search_finds_words_of_the_article_text(
    page: Any, site_url: str, demo_project: Path, query: str, word: str
) -> None:
    path, soup = article_with(demo_project, word)
    shown_outside_text = " ".join(
        e.get_text() for e in soup.select("h1, .nd-summary, .nd-facts, .nd-quotes, .nd-tags")
    )
    assert query not in shown_outside_text.casefold()
    finds(page, site_url, query, path)


@pytest.mark.parametrize("from_article", [False, True])
def test_search_finds_a_chinese_name_from_an_english_page(
    page: Any, site_url: str, demo_project: Path, from_article: bool
) -> None:
    # Pagefind keeps an index per page language; the search merges them all.
    english, soup = article_with(demo_project, "vending machines")
    assert soup.html["lang"] == "en"
    chinese, _ = article_with(demo_project, "林文秀指出")
    finds(page, site_url, "林文秀", chinese, english[1:] if from_article else "")


def test_search_finds_a_story_page(page: Any, site_url: str, demo_project: Path) -> None:
    story = sorted((demo_project / "site" / "stories").glob("*/index.html"))[0]
    title = BeautifulSoup(story.read_text("utf-8"), "lxml").select_one("h1").get_text()
    path = "/" + story.parent.relative_to(demo_project / "site").as_posix() + "/"
    finds(page, site_url, title, path)


def test_search_leaves_out_the_fact_box_links_and_listings(page: Any, site_url: str) -> None:
    page.goto(site_url)
    box = page.locator(BOX)
    box.click()
    box.fill("in the text")  # the fact box's link text, on every article with facts
    page.wait_for_timeout(1_500)
    hrefs = [a.get_attribute("href") for a in page.locator(RESULT_LINKS).all()]
    excerpts = page.locator(".md-search-result__item p").all_inner_texts()
    assert not any("↓" in e for e in excerpts), excerpts
    assert not any(
        h.startswith(("/tags/", "/digest/", "/archive/", "/sources/")) or h == "/" for h in hrefs
    ), hrefs


@pytest.mark.parametrize("key", ["/", "s"])
def test_keyboard_opens_moves_through_and_closes_search(page: Any, site_url: str, key: str) -> None:
    page.goto(site_url)
    toggle = page.locator("#__search")
    assert not toggle.is_checked()
    page.keyboard.press(key)
    assert toggle.is_checked()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("ferry")
    ready = '[data-nd-indexes="all"][data-nd-shown="ferry"]'  # every language's results
    page.locator(ready).wait_for(state="attached", timeout=15_000)
    assert page.locator(BOX).input_value() == "ferry"  # the opening key was not typed
    page.keyboard.press("ArrowDown")
    first = page.locator(RESULT_LINKS).first.get_attribute("href")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not toggle.is_checked()
    page.keyboard.press("Enter")  # nothing happens with the dialog closed
    page.keyboard.press("/")
    page.locator(BOX).fill("ferry")
    page.locator(RESULT_LINKS).first.wait_for(timeout=15_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{first}")


def test_search_results_escape_what_the_index_holds(page: Any, site_url: str) -> None:
    hrefs = search(page, site_url, "snowpack")
    assert hrefs
    # Excerpts carry only text and <mark>: no element of the page's own comes through.
    tags = page.evaluate("""Array.from(document.querySelectorAll(
        '.md-search-result__item p *'), e => e.tagName)""")
    assert set(tags) <= {"MARK"}, tags
