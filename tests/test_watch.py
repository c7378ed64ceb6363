"""Watch rules and per-story feeds (issue 22): config, matching, pages, feeds, bounds."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from pathlib import Path

import feedparser
import pytest
from hostile.strings import OWN_STRINGS
from mkdocs.utils.meta import get_data

from generator.config.settings import SiteSettings
from generator.errors import ConfigError
from generator.model import Analysis, Article, Published, Sentence
from generator.publish.writer import Page
from generator.render import render_site
from generator.render.context import Entry, make_entry
from generator.render.html import clean
from generator.render.pagekeys import Lazy
from generator.render.stories import StoryItems
from generator.render.storyfeeds import MAX_STORY_FEEDS, stories_with_feeds, story_feeds
from generator.render.storypage import StoryView
from generator.render.watchpages import watch_site, watch_titles
from generator.watch.match import folded, matcher, quiet_rules, term_pattern
from generator.watch.rules import RULE_KEYS, WatchRule, parse_watch

SITE = SiteSettings(title="Test Digest", timezone="UTC", url="https://digest.example/")
# (id, title, day, source, tags, language): fictional wire reports
Row = tuple[str, str, str, str, tuple[str, ...], str]
ROWS: list[Row] = [
    (
        "a1" * 6,
        "Night ferry to Eastholm gets a second boat",
        "2026-03-02",
        "Wessex Courier",
        ("Eastholm",),
        "en",
    ),
    (
        "b2" * 6,
        "Portsmouth dockers vote on new rota",
        "2026-03-03",
        "Channel Wire",
        ("dockers",),
        "en",
    ),
    ("c3" * 6, "淡海渡輪增開夜班 末班船延後", "2026-03-04", "海風通訊", ("淡海",), "zh"),
    ("d4" * 6, "瀬波フェリー、新造船を公開", "2026-03-05", "瀬波日報", ("新造船",), "ja"),
    (
        "e5" * 6,
        "Mayor Ilse Brandt opens the <b>tram</b> depot & museum",
        "2026-03-06",
        "Channel Wire",
        ("trams", "Ilse Brandt"),
        "en",
    ),
]


def entry(row: Row) -> Entry:
    """Return an analysed entry whose summary is its first sentence."""
    article_id, title, day, source, tags, language = row
    first = f"{title}, officials said."
    article = Article(
        id=article_id,
        title=title,
        text=first,
        source=source,
        language=language,
        url=f"https://news.example/{article_id}",
        published=Published(iso=f"{day}T09:00:00+00:00", local=f"{day}T09:00:00", signal="test"),
    )
    sentences = (Sentence(0, 0, 0, len(first), first),)
    return make_entry(article, Analysis(sentences=sentences, summary=(0,), tags=tags), "UTC")


def rules(*items: dict[str, object]) -> tuple[WatchRule, ...]:
    return parse_watch(list(items), "newsdigest.yml")


FERRIES = {"name": "Ferries", "words": ["ferry"], "aliases": {"ferry": ["渡輪", "フェリー"]}}
MAYOR = {"name": "The mayor", "people": ["Ilse Brandt"]}
PORTS = {"name": "Ports", "words": ["port"]}


@pytest.mark.parametrize(
    "data,message",
    [
        ({"watch": "ferries"}, "watch: expected a list of rules"),
        ([{"words": ["ferry"]}], "watch[0].name: expected a non-empty string"),
        ([{"name": "X", "word": ["ferry"]}], "watch[0].word: unknown key"),
        ([{"name": "X"}], "watch 'X': matches nothing"),
        ([{"name": "X", "words": "  "}], "watch 'X'.words: expected a list of non-empty strings"),
        ([{"name": "X", "words": [3]}], "watch 'X'.words: expected a list of non-empty strings"),
        ([{"name": "X", "tags": ["a"], "quiet_days": 0}], "watch 'X'.quiet_days: expected a whole"),
        ([{"name": "X", "tags": ["a"], "quiet_days": True}], "watch 'X'.quiet_days"),
        ([{"name": "X", "tags": ["a"], "slug": "!!"}], "watch 'X'.slug: expected letters"),
        ([{"name": "X", "tags": ["a"], "aliases": ["b"]}], "watch 'X'.aliases: expected a mapping"),
        ([{"name": "X", "tags": ["a"], "aliases": {"b": ["c"]}}], "watch 'X'.aliases.b: not one"),
        (
            [{"name": "X", "tags": ["a"]}, {"name": "x", "tags": ["b"]}],
            "watch[1].name: 'x' is used",
        ),
        ([{"name": "A b", "tags": ["a"]}, {"name": "A-b", "tags": ["b"]}], "watch[1].slug: 'a-b'"),
    ],
)
def test_bad_rules_are_refused_naming_the_rule_and_key(data: object, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_watch(data.get("watch") if isinstance(data, dict) else data, "newsdigest.yml")
    assert message in str(raised.value)


@pytest.mark.parametrize(
    "name,slug,expected",
    [
        ("Harbour bridge", None, "watch/harbour-bridge.md"),
        ("Harbour bridge", "bridge", "watch/bridge.md"),
        ("渡輪", None, "watch/rule-"),
    ],
)
def test_a_rule_page_is_its_slug(name: str, slug: str | None, expected: str) -> None:
    item: dict[str, object] = {"name": name, "tags": ["x"], **({"slug": slug} if slug else {})}
    assert rules(item)[0].page.startswith(expected)


@pytest.mark.parametrize(
    "terms,text,expected",
    [
        (["port"], "Portsmouth dockers vote", False),
        (["port"], "the port reopened", True),
        (["ferry"], "A ferryman retires", False),
        (["Ilse Brandt"], "said mayor ilse\n brandt today", True),
        (["Ilse Brandt"], "Ilse Brandtner spoke", False),
        (["ferry"], "ＦＥＲＲＹ times change", True),  # full-width letters, NFKC
        (["渡輪"], "淡海渡輪增開夜班", True),  # Chinese: a substring
        (["フェリー"], "瀬波フェリー、新造船を公開", True),  # Japanese: a substring
        (["フェリー"], "瀬波フェリ", False),
        (["C++"], "a C++ course", True),
        (["U.S."], "the U.S. port", True),
        (["straße"], "STRASSE closed", True),  # case folding, not lower()
    ],
)
def test_terms_match_whole_words_or_cjk_substrings(
    terms: list[str], text: str, expected: bool
) -> None:
    pattern = term_pattern(terms)
    assert pattern is not None
    assert (pattern.search(folded(text)) is not None) is expected


@pytest.mark.parametrize(
    "rule,ids",
    [
        (FERRIES, ["a1", "c3", "d4"]),  # word, zh alias, ja alias
        (MAYOR, ["e5"]),
        (PORTS, []),  # "Portsmouth" is not "port"
        ({"name": "Trams", "tags": ["TRAMS"]}, ["e5"]),
        ({"name": "Wire", "sources": ["channel wire"]}, ["b2", "e5"]),
        ({"name": "Place", "places": ["Eastholm"]}, ["a1"]),
    ],
)
def test_a_rule_matches_title_summary_tags_and_sources(
    rule: dict[str, object], ids: list[str]
) -> None:
    m = matcher(rules(rule)[0])
    assert [e.article.id[:2] for e in map(entry, ROWS) if m.matches(e)] == ids


def watch_pages(rows: Sequence[Row], *items: dict[str, object]) -> dict[str, str]:
    return {
        p: t
        for p, t in render_site([entry(r) for r in rows], SITE, watch=rules(*items)).items()
        if p.startswith("watch/")
    }


def test_each_rule_gets_a_page_and_two_feeds_that_parse() -> None:
    pages = watch_pages(ROWS, FERRIES, MAYOR)
    assert sorted(pages) == [
        "watch/ferries.json",
        "watch/ferries.md",
        "watch/ferries.xml",
        "watch/the-mayor.json",
        "watch/the-mayor.md",
        "watch/the-mayor.xml",
    ]
    for path, text in pages.items():
        if path.endswith(".xml"):
            parsed = feedparser.parse(text.encode())
            assert not parsed.bozo and parsed.version == "rss20", path
    feed = json.loads(pages["watch/ferries.json"])
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Test Digest: watch Ferries"
    assert feed["feed_url"] == "https://digest.example/watch/ferries.json"
    items = feed["items"]
    assert [i["id"][:2] for i in items] == ["d4", "c3", "a1"]  # newest first
    for item in items:
        assert item["id"] and item["url"].startswith("https://digest.example/articles/")
        assert item["summary"] and item["tags"] and item["content_text"]
    assert [i["language"] for i in items] == ["ja", "zh", "en"]


def test_watch_page_and_feed_escape_hostile_text() -> None:
    pages = watch_pages(ROWS, {**MAYOR, "name": "<script>x</script>", "slug": "x"})
    body = pages["watch/x.md"].split("\n---\n", 1)[1]  # the front matter is YAML, not HTML
    assert "<script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body
    assert "&lt;b&gt;tram&lt;/b&gt;" in pages["watch/x.md"]
    parsed = feedparser.parse(pages["watch/x.xml"].encode())
    assert not parsed.bozo and "<b>" not in parsed.entries[0].summary


def test_home_page_has_a_watched_section_only_with_rules() -> None:
    home = render_site([entry(r) for r in ROWS], SITE, watch=rules(FERRIES, PORTS))["index.md"]
    watched = home[home.index('<h2 class="nd-watched">') :]
    assert 'href="watch/ferries/">Ferries</a> <small>3 stories</small>' in watched
    assert 'href="watch/ports/">Ports</a> <small>0 stories</small>' in watched
    assert "nd-watched" not in render_site([entry(r) for r in ROWS], SITE)["index.md"]


def test_watch_feeds_are_listed_in_feeds_opml() -> None:
    opml = render_site([entry(r) for r in ROWS], SITE, watch=rules(FERRIES))["feeds.opml"]
    assert 'xmlUrl="https://digest.example/watch/ferries.xml"' in opml


def test_a_new_article_changes_only_the_watch_feeds_it_matches() -> None:
    new: Row = (
        "f6" * 6,
        "Mayor Ilse Brandt rides the night ferry",
        "2026-03-07",
        "Channel Wire",
        (),
        "en",
    )
    extra: Row = ("a7" * 6, "Dockers approve new rota", "2026-03-07", "Wessex Courier", (), "en")
    before = watch_pages(ROWS, FERRIES, MAYOR, PORTS)
    after = watch_pages([*ROWS, new], FERRIES, MAYOR, PORTS)
    assert sorted(p for p in after if before[p] != after[p]) == [
        "watch/ferries.json",
        "watch/ferries.md",
        "watch/ferries.xml",
        "watch/the-mayor.json",
        "watch/the-mayor.md",
        "watch/the-mayor.xml",
    ]
    unrelated = watch_pages([*ROWS, extra], FERRIES, MAYOR, PORTS)
    assert unrelated == before


def test_watch_output_is_the_same_whatever_the_input_order() -> None:
    assert watch_pages(ROWS, FERRIES, MAYOR) == watch_pages(ROWS[::-1], FERRIES, MAYOR)


# Pages rendered at once, as render_site makes them (no loader of full entries).
RENDER_NOW = Lazy(StoryItems({}))


def in_story(entries: list[Entry], page: str, *ids: str) -> list[Entry]:
    return [dataclasses.replace(e, story=page) if e.article.id[:2] in ids else e for e in entries]


def test_a_story_matches_when_any_member_does_and_keeps_its_first_articles_id() -> None:
    story = StoryView(
        "s1",
        "Night ferry to Eastholm gets a second boat",
        ("a1" * 6, "b2" * 6),
        ("both name Eastholm",),
    )
    entries = sorted(
        in_story([entry(r) for r in ROWS], story.page, "a1", "b2"),
        key=lambda e: e.sort_key,
        reverse=True,
    )
    by_id = {e.article.id: e for e in entries}
    titles = watch_titles([(story.page, story.ids, story.title)], by_id)
    pages, _, _ = watch_site(rules(FERRIES), entries, titles, SITE, RENDER_NOW)
    items = json.loads(pages["watch/ferries.json"])  # type: ignore[arg-type]
    story_item = next(i for i in items["items"] if i["url"].endswith("/stories/s1/"))
    assert story_item["id"] == "a1" * 6  # stays when the story gains an article
    assert story_item["date_published"].startswith("2026-03-03")  # its newest article


def story_rows(day: str, sources: Sequence[str], prefix: str) -> list[Entry]:
    return [
        entry((f"{prefix}{i}" * 6, f"Story {prefix} report {i}", day, source, ("x",), "en"))
        for i, source in enumerate(sources)
    ]


def test_only_recent_multi_source_stories_get_feeds() -> None:
    two = story_rows("2026-03-20", ["Wessex Courier", "Channel Wire"], "m")
    one = story_rows("2026-03-20", ["Wessex Courier", "Wessex Courier"], "s")
    old = story_rows("2026-01-10", ["Wessex Courier", "Channel Wire"], "o")
    by_id = {e.article.id: e for e in [*two, *one, *old]}
    views = [
        StoryView(k, k, tuple(e.article.id for e in group), ())
        for k, group in (("two", two), ("one", one), ("old", old))
    ]
    assert [s.id for s in stories_with_feeds(views, by_id)] == ["two"]
    pages, refs = story_feeds(views, by_id, SITE, RENDER_NOW)
    assert sorted(pages) == ["stories/two.json", "stories/two.xml"]
    assert list(refs) == ["stories/two.md"]
    feed = json.loads(pages["stories/two.json"])  # type: ignore[arg-type]
    assert {i["id"] for i in feed["items"]} == {e.article.id for e in two}
    assert not feedparser.parse(pages["stories/two.xml"].encode()).bozo  # type: ignore[union-attr]


def test_story_feeds_are_capped() -> None:
    groups = [story_rows("2026-03-20", ["A", "B"], f"{n:03d}") for n in range(MAX_STORY_FEEDS + 5)]
    by_id = {e.article.id: e for g in groups for e in g}
    views = [
        StoryView(f"s{n}", "t", tuple(e.article.id for e in g), ()) for n, g in enumerate(groups)
    ]
    assert len(stories_with_feeds(views, by_id)) == MAX_STORY_FEEDS


def test_a_new_article_changes_only_its_own_storys_feeds() -> None:
    a = story_rows("2026-03-20", ["Wessex Courier", "Channel Wire"], "a")
    b = story_rows("2026-03-21", ["Wessex Courier", "Channel Wire"], "b")
    late = entry(("c9" * 6, "Story a follow-up", "2026-03-22", "海風通訊", ("x",), "zh"))

    def feeds(extra: list[Entry]) -> dict[str, Page]:
        by_id = {e.article.id: e for e in [*a, *b, *extra]}
        views = [
            StoryView("a", "a", tuple(e.article.id for e in [*a, *extra]), ()),
            StoryView("b", "b", tuple(e.article.id for e in b), ()),
        ]
        return story_feeds(views, by_id, SITE, RENDER_NOW)[0]

    before, after = feeds([]), feeds([late])
    assert sorted(p for p in after if before[p] != after[p]) == ["stories/a.json", "stories/a.xml"]
    assert '"language": "zh"' in str(after["stories/a.json"])


@pytest.mark.parametrize(
    "days,quiet_days,warned",
    [
        (["2026-03-01", "2026-03-20"], 14, False),
        (["2026-03-01", "2026-03-14"], 14, False),  # 13 days before the newest article
        (["2026-03-01", "2026-03-06"], 14, True),  # 14 days
        (["2026-03-01", "2026-03-06"], 30, False),
    ],
)
def test_a_rule_quiet_for_its_days_is_warned(
    days: list[str], quiet_days: int, warned: bool
) -> None:
    match, other = days
    entries = [
        entry(("a1" * 6, "Night ferry sails", match, "W", (), "en")),
        entry(("b2" * 6, "Ferry strike", other, "W", (), "en")),
        entry(("c3" * 6, "Budget passed", "2026-03-20", "W", (), "en")),
    ]
    rule = rules({"name": "Ferries", "words": ["ferry"], "quiet_days": quiet_days})
    problems = quiet_rules(rule, entries)
    assert bool(problems) is warned
    assert all(p.level == "warning" and "'Ferries'" in p.origin for p in problems)


def test_a_rule_that_never_matched_is_warned() -> None:
    problems = quiet_rules(rules(PORTS), [entry(r) for r in ROWS])
    assert [p.line() for p in problems] == [
        "warning: newsdigest.yml: watch 'Ports': has matched no article in the 14 days up to "
        "2026-03-06 (last match: none); check its terms or remove it"
    ]


def test_every_rule_key_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Watch rules") :].split("\n### ", 1)[0]
    assert all(f" {key}:" in section for key in RULE_KEYS)


RAW_TAGS = re.compile(r"<(script|img|svg|iframe|object|meta|form|textarea|title)\b", re.I)


@pytest.mark.parametrize("payload", OWN_STRINGS)
def test_hostile_rule_names_and_titles_stay_text(payload: str) -> None:
    row: Row = ("f6" * 6, f"Night ferry {payload}", "2026-03-07", f"Wire {payload}", (), "en")
    rule = {"name": f"Ferry {payload}", "words": ["ferry"], "slug": "hostile"}
    pages = watch_pages([*ROWS, row], rule)
    body, meta = get_data(pages["watch/hostile.md"])  # MkDocs's own front-matter reader
    assert meta["title"] == clean(f"Watch: Ferry {payload}")
    assert not RAW_TAGS.search(body), body
    assert not feedparser.parse(pages["watch/hostile.xml"].encode()).bozo
    items = json.loads(pages["watch/hostile.json"])["items"]
    assert items[0]["id"] == "f6" * 6
