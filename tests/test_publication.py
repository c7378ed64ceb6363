"""How much of an article a page publishes (issue 21): modes, text fragments, JSON-LD."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import jinja2
import pytest
from bs4 import BeautifulSoup
from projects import new_project, run_cli

from generator.analyse import AnalysisSettings, analyse
from generator.config.load import load_config
from generator.errors import ConfigError
from generator.model import Article, Published
from generator.render.article import render_article
from generator.render.context import Entry, make_entry
from generator.render.jsonld import article_jsonld
from generator.render.publication import encode_term, fragment_url, text_directive

URL = "https://gull-bay-gazette.example/news/ferry-timetable"
LEDE = (
    "The Gull Bay ferry will run 14 sailings a day from 3 May, the operator Tern Line "
    "said on Monday."
)
MIDDLE = (
    "Harbour master Odile Fenwick said the extra crossings would cut queues at the "
    'slipway. "We have waited four summers for this," Fenwick said.'
)
SECRET = (
    "A paragraph only the full text carries: the new vessel, the Kittiwake, cost "
    "£6.5m and seats 212 passengers."
)
TEXT = "\n\n".join((LEDE, MIDDLE, SECRET))
LONG_TEXT = "\n\n".join(
    (
        LEDE,
        MIDDLE,
        SECRET,
        "Tern Line bought the Kittiwake from a yard in Fallowmere after a two-year search.",
        "Local cafes along the quay expect a busier season, according to the traders' group.",
        "The timetable will be reviewed in October, when the winter service begins.",
        "Cyclists may take bikes on every sailing at no extra charge.",
    )
)


def entry_of(text: str = TEXT, url: str | None = URL, title: str = "Ferry adds sailings") -> Entry:
    article = Article(
        id="a1",
        title=title,
        text=text,
        url=url,
        source="Gull Bay Gazette",
        authors=("Wren Haddock",),
        language="en",
        published=Published(
            iso="2026-04-20T09:15:00+01:00", local="2026-04-20T09:15:00", signal="test"
        ),
    )
    return make_entry(article, analyse(article, AnalysisSettings()), "Europe/London")


def body_of(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.split("\n---\n", 1)[1], "html.parser")


@pytest.mark.parametrize(
    "term,expected",
    [
        ("plain words", "plain%20words"),
        ("well-known", "well%2Dknown"),  # '-' marks prefix/suffix: encoded
        ("salt & pepper", "salt%20%26%20pepper"),  # '&' separates directives
        ("one, two", "one%2C%20two"),  # ',' separates start and end
        ("£6.5m", "%C2%A36.5m"),
        ("渡輪增班", "%E6%B8%A1%E8%BC%AA%E5%A2%9E%E7%8F%AD"),
        ("a#b?c=d", "a%23b%3Fc%3Dd"),
        ("under_score~tilde.", "under_score~tilde."),
    ],
)
def test_encode_term(term: str, expected: str) -> None:
    assert encode_term(term) == expected
    assert unquote(expected) == term


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Ferries run daily.", "text=Ferries%20run%20daily."),
        ("Ferries  run\n daily. ", "text=Ferries%20run%20daily."),  # white space collapsed
        (
            "one two three four five six seven eight nine ten eleven twelve thirteen",
            "text=one%20two%20three%20four,ten%20eleven%20twelve%20thirteen",
        ),
        (
            "渡輪明天起每日增加十四班，營運商週一表示。",
            "text=" + encode_term("渡輪明天起每日增加十四班，營運商週一表示。"),
        ),  # no spaces: the whole sentence
    ],
)
def test_text_directive(sentence: str, expected: str) -> None:
    assert text_directive(sentence) == expected


def test_fragment_url_replaces_the_pages_own_fragment() -> None:
    assert fragment_url("https://p.example/a#top", "Hi.") == "https://p.example/a#:~:text=Hi."


@pytest.mark.parametrize("mode", ["full", "excerpt", "none"])
def test_mode_decides_what_text_is_published(mode: str) -> None:
    entry = entry_of(text=LONG_TEXT)
    page = body_of(render_article(entry, {}, {}, mode=mode))
    text = page.get_text(" ")
    analysis = entry.analysis
    allowed = {s.text for s in analysis.summary_sentences()}
    if mode == "excerpt":
        allowed |= {f.evidence for f in analysis.facts} | {LEDE}
    withheld = [s.text for s in analysis.sentences if s.text not in allowed]
    assert withheld  # the fixture has sentences that only the full text carries
    for sentence in withheld:
        assert (sentence in text) is (mode == "full"), sentence
    assert (LEDE in text) is (mode != "none" or LEDE in allowed)
    assert page.select_one("p.nd-original a")["href"] == URL  # the original, at the top
    assert page.find("p", class_="nd-original").find_previous("h2") is None


def test_excerpt_links_evidence_to_the_publishers_sentence() -> None:
    page = body_of(render_article(entry_of(), {}, {}, mode="excerpt"))
    facts = page.select(".nd-facts li.nd-fact")
    assert facts and all(f.select_one("details summary") for f in facts)
    sources = [a["href"] for a in page.select("a.nd-evidence-source")]
    assert sources and all(h.startswith(URL + "#:~:text=") for h in sources)
    outside = page.select('a[href^="https:"]')
    assert outside and all("noopener" in a.get("rel", []) for a in outside)
    # every in-page anchor still reaches a sentence the page shows
    ids = {tag["id"] for tag in page.select("[id]")}
    assert all(a["href"][1:] in ids for a in page.select('a[href^="#"]'))


def test_excerpt_without_a_url_links_nowhere_outside() -> None:
    page = body_of(render_article(entry_of(url=None), {}, {}, mode="excerpt"))
    assert not page.select("a.nd-evidence-source")
    assert "not published here" in page.select_one(".nd-continue").get_text()


@pytest.mark.parametrize("mode,canonical", [("full", URL), ("excerpt", None), ("none", None)])
def test_front_matter_names_the_canonical_page(mode: str, canonical: str | None) -> None:
    front = render_article(entry_of(), {}, {}, mode=mode).split("\n---\n", 1)[0]
    assert (f"canonical: {URL}" in front) is (canonical is not None)
    assert f"publish: {mode}" in front


HOSTILE_TITLES = [
    "</script><script>alert(1)</script>",
    "line\u2028sep\u2029para",
    "<!--",
    "quote ' \" & done",
    "]]><![CDATA[",
    "渡輪</SCRIPT>",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_jsonld_of_a_hostile_title_stays_inside_its_script(title: str) -> None:
    data = article_jsonld(entry_of(title=title))
    assert data["headline"] == title
    # the theme prints it with Jinja's tojson, exactly like this
    printed = (
        jinja2.Environment(autoescape=False)
        .from_string('<script type="application/ld+json">{{ ld | tojson }}</script>')
        .render(ld=data)
    )
    inner = printed.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner
    assert "\u2028" not in inner and "\u2029" not in inner
    assert json.loads(inner)["headline"] == title


def test_jsonld_names_publisher_author_dates_and_original() -> None:
    data = article_jsonld(entry_of())
    assert data["@type"] == "NewsArticle"
    assert data["publisher"] == {"@type": "Organization", "name": "Gull Bay Gazette"}
    assert data["author"] == [{"@type": "Person", "name": "Wren Haddock"}]
    assert data["datePublished"] == data["dateModified"] == "2026-04-20T09:15:00+01:00"
    assert data["isBasedOn"] == URL and data["inLanguage"] == "en"


@pytest.mark.parametrize(
    "sources,site,expected",
    [
        ("  - {name: Feedy, feed: 'https://f.example/rss'}\n", "", "excerpt"),
        ("  - {name: Feedy, local: true}\n", "", "full"),
        ("  - {name: Feedy, feed: 'https://f.example/rss'}\n", "  publish: none\n", "none"),
        (
            "  - {name: Feedy, feed: 'https://f.example/rss', publish: full}\n",
            "  publish: none\n",
            "full",
        ),
    ],
)
def test_publish_mode_resolution(tmp_path: Path, sources: str, site: str, expected: str) -> None:
    (tmp_path / "newsdigest.yml").write_text(f"site:\n  title: T\n{site}sources:\n{sources}")
    config = load_config(tmp_path)
    assert config.site.publish_mode("Feedy") == expected


@pytest.mark.parametrize(
    "yaml_text,key",
    [
        ("site:\n  publish: summary\n", "site.publish"),
        (
            "sources:\n  - {name: A, feed: 'https://f.example/', publish: partial}\n",
            "sources[0].publish",
        ),
        (
            "sources:\n  - {name: A, feed: 'https://f.example/', publish: true}\n",
            "sources[0].publish",
        ),
    ],
)
def test_bad_publish_value_is_a_config_error(tmp_path: Path, yaml_text: str, key: str) -> None:
    (tmp_path / "newsdigest.yml").write_text(yaml_text)
    with pytest.raises(ConfigError, match=key.replace("[", r"\[").replace("]", r"\]")):
        load_config(tmp_path)


def test_bad_publish_value_exits_2(tmp_path: Path) -> None:
    project = new_project(tmp_path / "p", with_config=False)
    (project / "newsdigest.yml").write_text("site:\n  publish: everything\n")
    result = run_cli("generate", project=project)
    assert result.returncode == 2
    assert b"site.publish" in result.stderr
