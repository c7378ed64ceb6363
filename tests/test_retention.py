"""Retention (issue 23): which articles retire, and what the site shows of them (no I/O)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hostile.strings import OWN_STRINGS

from generator.config.load import load_config
from generator.config.settings import SiteSettings
from generator.errors import ConfigError
from generator.model import Analysis, Article, Entry, Fact, Published, Sentence
from generator.notes import NoteSet
from generator.placement import make_entry
from generator.render import render_site
from generator.render.archive import entry_anchor, redirect_path
from generator.render.html import clean
from generator.render.listings import archive_day_path
from generator.retention import cutoff_day, retired_ids

SITE = SiteSettings(title="Test Digest", timezone="UTC", retention_days=2)
# Elements a compact entry may contain: anything else came from scraped text.
ENTRY_ELEMENTS = {"section", "h2", "a", "p", "span", "time", "ol", "li", "div", "ul", "details"}
ENTRY_ELEMENTS |= {"summary", "strong", "q"}


@pytest.mark.parametrize(
    ("days", "keep", "expected"),
    [
        (["2026-03-10", "2026-03-08"], 0, None),  # off
        (["2026-03-10", "2026-03-08"], 1, "2026-03-10"),
        (["2026-03-10", "2026-03-08"], 3, "2026-03-08"),
        (["2026-03-01", None, "2026-02-27"], 2, "2026-02-28"),  # across a month end
        ([None, None], 5, None),  # nothing dated: nothing to count from
        ([], 5, None),
    ],
)
def test_cutoff_counts_back_from_the_newest_day(
    days: list[str | None], keep: int, expected: str | None
) -> None:
    assert cutoff_day(days, keep) == expected


ARTICLES = [("new", "2026-03-10"), ("edge", "2026-03-09"), ("old", "2026-03-08"), ("nodate", None)]


@pytest.mark.parametrize(
    ("keep", "pinned", "expected"),
    [
        (0, frozenset(), set()),
        (2, frozenset(), {"old"}),  # the boundary day (newest - 1) keeps its pages
        (1, frozenset(), {"edge", "old"}),
        (1, frozenset({"old"}), {"edge"}),  # an editor's pin keeps a page
        (30, frozenset(), set()),
    ],
)
def test_retired_ids_by_day_pin_and_date(
    keep: int, pinned: frozenset[str], expected: set[str]
) -> None:
    assert retired_ids(ARTICLES, keep, pinned) == expected
    assert retired_ids(reversed(ARTICLES), keep, pinned) == expected  # order does not matter


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [("", 0), ("retention: {}\n", 0), ("retention:\n  days: 14\n", 14)],
)
def test_retention_days_is_read(tmp_path: Path, yaml_text: str, expected: int) -> None:
    (tmp_path / "newsdigest.yml").write_text(yaml_text, encoding="utf-8")
    assert load_config(tmp_path).site.retention_days == expected


@pytest.mark.parametrize(
    "yaml_text",
    [
        "retention:\n  days: -1\n",
        "retention:\n  days: true\n",
        "retention:\n  days: '3'\n",
        "retention:\n  weeks: 2\n",
        "retention: 3\n",
    ],
)
def test_bad_retention_is_refused(tmp_path: Path, yaml_text: str) -> None:
    (tmp_path / "newsdigest.yml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError, match="retention"):
        load_config(tmp_path)


def entry(
    article_id: str, iso: str, title: str = "Quay lights repaired", source: str = "Wend Post"
) -> Entry:
    """Return an analysed entry: two sentences, one a figure in the fact box."""
    first, second = f"{title} after 14 nights of darkness.", "The harbour board paid for it."
    text = f"{first} {second}"
    sentences = (
        Sentence(0, 0, 0, len(first), first),
        Sentence(1, 0, len(first) + 1, len(text), second),
    )
    fact = Fact(kind="figure", text="14 nights", evidence=first, sentence=0)
    article = Article(
        id=article_id,
        title=title,
        text=text,
        source=source,
        url=f"https://wendpost.example/{article_id}",
        published=Published(iso=iso, local=iso[:19], signal="test"),
    )
    analysis = Analysis(sentences=sentences, summary=(0,), tags=("harbour",), facts=(fact,))
    return make_entry(article, analysis, "UTC")


@dataclasses.dataclass(frozen=True)
class Pinned(NoteSet):
    """A NoteSet with fixed picks, as the notes seam hands them over."""

    pinned: tuple[str, ...] = ()

    def picks(self) -> tuple[str, ...]:
        return self.pinned


NEW, OLD, PINNED = "a1" * 6, "b2" * 6, "c3" * 6


@pytest.fixture
def entries() -> list[Entry]:
    return [
        entry(NEW, "2026-03-10T09:00:00+00:00"),
        entry(OLD, "2026-03-05T09:00:00+00:00", "Ferry fares frozen"),
        entry(PINNED, "2026-03-05T11:00:00+00:00", "Lifeboat named"),
    ]


def test_a_retired_article_becomes_an_archive_entry_and_a_redirect(entries: list[Entry]) -> None:
    pages = render_site(entries, SITE, Pinned(pinned=(PINNED,)))
    new, old, pinned = (e.page for e in entries)
    archive = archive_day_path("2026-03-05")
    assert new in pages and pinned in pages and old not in pages
    soup = BeautifulSoup(pages[archive], "html.parser")
    section = soup.find("section", id=entry_anchor(OLD))
    assert section is not None and "Ferry fares frozen" in section.get_text()
    assert "14 nights" in section.get_text()  # the fact, with its evidence sentence
    assert soup.find("section", id=entry_anchor(PINNED)) is None
    redirect = BeautifulSoup(pages[redirect_path(old)], "html.parser")
    refresh = redirect.find("meta", attrs={"http-equiv": "refresh"})
    target = f"../../../../archive/2026-03/05/#{entry_anchor(OLD)}"
    assert refresh is not None and refresh["content"] == f"0; url={target}"
    assert redirect.find("a")["href"] == target  # type: ignore[index]
    assert redirect.find("script") is None


def test_listings_link_the_archive_entry(entries: list[Entry]) -> None:
    pages = render_site(entries, SITE)
    digest = BeautifulSoup(pages["digest/2026-03-05.md"], "html.parser")
    hrefs = {a["href"] for a in digest.find_all("a")}
    assert f"../../archive/2026-03/05/#{entry_anchor(OLD)}" in hrefs
    assert not any(entries[1].page.removesuffix(".md").rsplit("/", 1)[1] in h for h in hrefs)
    month = BeautifulSoup(pages["archive/2026-03.md"], "html.parser")
    assert [a["href"] for a in month.find_all("a", string="archived articles")] == ["05/"]


def test_retention_off_leaves_the_site_as_it_was(entries: list[Entry]) -> None:
    off = render_site(entries, dataclasses.replace(SITE, retention_days=0))
    assert all(e.page in off for e in entries)
    assert not any(p.startswith("archive/2026-03/") or p.endswith(".html") for p in off)


def test_retention_is_deterministic(entries: list[Entry]) -> None:
    first = render_site(entries, SITE)
    second = render_site(list(reversed(entries)), SITE)
    assert list(first) == list(second)
    assert all(first[k].encode() == second[k].encode() for k in first)


@pytest.mark.parametrize("text", OWN_STRINGS)
def test_hostile_strings_stay_text_on_the_archive_page(text: str) -> None:
    hostile = entry(OLD, "2026-03-05T09:00:00+00:00", title=text, source=text)
    pages = render_site([entry(NEW, "2026-03-10T09:00:00+00:00"), hostile], SITE)
    body = pages[archive_day_path("2026-03-05")].split("\n---\n", 1)[1]
    sections = [line for line in body.split("\n") if line.startswith("<section")]
    assert len(sections) == 1  # one retired article, its entry one line of HTML
    soup = BeautifulSoup(sections[0], "html.parser")
    assert {t.name for t in soup.find_all(True)} <= ENTRY_ELEMENTS
    assert not any(a.startswith("on") for t in soup.find_all(True) for a in t.attrs)
    assert soup.find("h2").get_text() == clean(text).replace("\r\n", "\n").replace("\r", "\n")  # type: ignore[union-attr]
    redirect = BeautifulSoup(pages[redirect_path(hostile.page)], "html.parser")
    assert {t.name for t in redirect.find_all(True)} == {
        "html",
        "head",
        "meta",
        "title",
        "link",
        "body",
        "p",
        "a",
    }


@pytest.mark.parametrize(
    ("publish", "sentence_shown"), [("full", True), ("excerpt", True), ("none", False)]
)
def test_a_fact_sentence_is_shown_as_the_publication_mode_allows(
    publish: str, sentence_shown: bool
) -> None:
    old = entry(OLD, "2026-03-05T09:00:00+00:00")
    board = Fact(kind="organization", text="harbour board", evidence="x", sentence=1)
    facts = (
        *old.analysis.facts,
        dataclasses.replace(board, evidence=old.analysis.sentences[1].text),
    )
    old = dataclasses.replace(old, analysis=dataclasses.replace(old.analysis, facts=facts))
    site = dataclasses.replace(SITE, publish=publish)
    pages = render_site([entry(NEW, "2026-03-10T09:00:00+00:00"), old], site)
    section = BeautifulSoup(pages[archive_day_path("2026-03-05")], "html.parser").find("section")
    assert section is not None
    lines = [li.get_text() for li in section.find_all("li")]
    assert lines[0].startswith("Quay lights repaired after 14 nights")  # the summary, whole
    assert "Figure: 14 nights" in lines[0]  # its fact after it
    assert ("The harbour board paid for it." in lines[1]) is sentence_shown
    assert lines[1].endswith("Organisation: harbour board")
