"""Metadata a reader sees: dates in range, titles and authors as written, publisher tags."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from generator.extract import ExtractContext, extract
from generator.extract.authors import clean_authors, split_agency
from generator.extract.fields import shorten
from generator.extract.keywords import clean_tag, merge_tags, tags_line
from generator.extract.times import (
    Stamp,
    first_plausible,
    instant_offset,
    parse_timestamp,
    plausible,
    with_clock,
)
from generator.model import FeedEntry, RawInput

NOW = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)
CONTEXT = ExtractContext(now=NOW)
# Our own story text, written for these tests.
STORY = (
    "The ferry company added an evening sailing to the island on Monday, the first new"
    " route in a decade. Harbour staff said the crossing takes forty minutes."
)


def page(head: str, body: str = f"<p>{STORY}</p>") -> bytes:
    """Return a small HTML page with the given head markup and an article body."""
    return (
        f"<html><head>{head}</head><body><article><h1>Ferry</h1>{body}</article></body></html>"
    ).encode()


def jsonld(**fields: object) -> str:
    """Return a JSON-LD NewsArticle script block holding fields."""
    return (
        '<script type="application/ld+json">'
        f"{json.dumps({'@type': 'NewsArticle', **fields})}</script>"
    )


@pytest.mark.parametrize(
    "value,usable",
    [
        ("2026-03-10T09:00:00+01:00", True),
        ("2026-03-10", True),
        ("0001-01-01T00:00:00Z", False),  # a content system's empty date
        ("1970-01-01T00:00:00Z", False),  # the Unix epoch
        ("1969-12-31T19:00:00-05:00", False),  # the epoch again, in New York
        ("9999-12-31T23:59:59Z", False),
        ("2026-03-10T09:00:00+15:00", False),  # no zone is 15 hours ahead
        ("2026-03-10T09:00:00-23:30", False),
        ("2016-12-31T23:59:60Z", False),  # a leap second
        ("2026-03-13T11:00:00+00:00", True),  # less than a day after now
        ("2026-03-14T09:00:00+00:00", False),  # two days after now
        ("2027-01-01", False),
        ("yesterday", False),
    ],
)
def test_dates_out_of_range_are_absent(value: str, usable: bool) -> None:
    stamp, signal = first_plausible([("json-ld", value)], NOW)
    assert (stamp is not None) is usable
    assert signal == ("json-ld" if usable else "")


def test_wall_time_without_offset_is_judged_at_its_earliest_instant() -> None:
    # 10:00 on the 13th may be 20:00 UTC on the 12th (at UTC+14): within a day of now.
    assert plausible(Stamp(datetime(2026, 3, 13, 10, 0)), NOW)
    assert not plausible(Stamp(datetime(2026, 3, 15, 10, 0)), NOW)


@pytest.mark.parametrize(
    "head,iso,signal",
    [
        (
            jsonld(datePublished="0001-01-01T00:00:00Z")
            + '<meta property="article:published_time" content="2026-03-10T09:00:00+01:00">',
            "2026-03-10T09:00:00+01:00",
            "meta article:published_time",
        ),
        (
            jsonld(datePublished="9999-12-31T23:59:59+08:00")
            + '<meta name="date" content="2026-03-09T18:30:00-05:00">',
            "2026-03-09T18:30:00-05:00",
            "meta date",
        ),
        # Several JSON-LD blocks: the bare date of the first gains the second's clock time.
        (
            jsonld(datePublished="2026-03-10") + jsonld(datePublished="2026-03-10T09:15:00+01:00"),
            "2026-03-10T09:15:00+01:00",
            "json-ld",
        ),
        (
            jsonld(datePublished="2026-03-10")
            + '<meta property="article:published_time" content="2026-03-10T07:40:00-04:00">',
            "2026-03-10T07:40:00-04:00",
            "meta article:published_time",
        ),
    ],
)
def test_html_date_signals(head: str, iso: str, signal: str) -> None:
    article = extract(RawInput(origin="p.html", content=page(head)), CONTEXT)
    assert article.published is not None
    assert (article.published.iso, article.published.signal) == (iso, signal)


CLOCK_CASES = [
    # A different day or a midnight stand-in adds nothing; a bare date takes a wall time, and
    # prefers one with an offset; a wall time takes only its own instant's offset.
    ("2026-03-10", [("meta date", "2026-03-11T09:00:00+01:00")], "2026-03-10T00:00:00", None),
    ("2026-03-10", [("meta date", "2026-03-10T00:00:00+00:00")], "2026-03-10T00:00:00", None),
    ("2026-03-10", [("meta date", "2026-03-10T09:00:00")], "2026-03-10T09:00:00", None),
    (
        "2026-03-10",
        [("a", "2026-03-10T09:00:00"), ("b", "2026-03-10T09:05:00+02:00")],
        "2026-03-10T09:05:00",
        2,
    ),
    ("2026-03-10T09:00:00", [("meta date", "2026-03-10T09:00:00+02:00")], "2026-03-10T09:00:00", 2),
    (
        "2026-03-10T09:00:00",
        [("meta date", "2026-03-10T11:00:00+02:00")],
        "2026-03-10T09:00:00",
        None,
    ),
]


@pytest.mark.parametrize("first,others,wall,hours", CLOCK_CASES)
def test_clock_time_comes_only_from_the_same_day(
    first: str, others: list[tuple[str, str]], wall: str, hours: int | None
) -> None:
    stamp, signal = first_plausible([("json-ld", first)], NOW)
    assert stamp is not None
    found, _ = with_clock((stamp, signal), others, NOW)
    assert found.wall.isoformat() == wall
    assert found.offset == (None if hours is None else timedelta(hours=hours))


def test_clock_time_keeps_the_shown_day() -> None:
    # htmldate's day is the 10th; 23:30 UTC on the 10th is the 11th in Taipei (the dateline).
    head = (
        '<meta property="article:published_time" content="2026-03-10T23:30:00Z">'
        '<meta name="date" content="2026-03-10">'
    )
    body = f"<p>Taipei, March 11 (CNA) {STORY}</p>"
    article = extract(RawInput(origin="p.html", content=page(head, body)), CONTEXT)
    assert article.published is not None
    assert article.published.iso == "2026-03-10T23:30:00+00:00"  # not Taipei's 07:30 next day


def test_json_record_with_a_bad_date_is_kept_without_one() -> None:
    record = json.dumps({"text": STORY, "title": "Ferry", "published": "0001-01-01T00:00:00Z"})
    article = extract(RawInput(origin="r.json", content=record.encode()), CONTEXT)
    assert article.published is None
    unparsed = json.dumps({"text": STORY, "title": "Ferry", "published": "2016-12-31T23:59:60Z"})
    assert extract(RawInput(origin="r.json", content=unparsed.encode()), CONTEXT).published is None


def test_future_date_is_judged_against_the_fetch_time() -> None:
    head = '<meta property="article:published_time" content="2026-03-20T09:00:00+01:00">'
    raw = RawInput(origin="p.html", content=page(head), fetched_at="2026-03-20T10:00:00+01:00")
    assert extract(raw, CONTEXT).published is not None
    early = RawInput(origin="p.html", content=page(head), fetched_at="2026-03-12T10:00:00+01:00")
    assert extract(early, CONTEXT).published is None


@pytest.mark.parametrize(
    "head,title",
    [
        (
            jsonld(headline="Ferry timetable &#8211; an evening sailing"),
            "Ferry timetable – an evening sailing",
        ),
        (
            jsonld(headline="Harbour &amp; island &quot;ferry&quot; plan"),
            'Harbour & island "ferry" plan',
        ),
        (
            '<meta property="og:title" content="Ferry &amp;#8212; island link">',
            "Ferry — island link",
        ),
        ("<title>Fares &amp;amp; times</title>", "Fares & times"),
        (jsonld(headline="Fares &amp;amp;amp; times"), "Fares &amp;amp; times"),  # once only
        (jsonld(headline="Tide & time"), "Tide & time"),
    ],
)
def test_titles_have_entities_decoded_once(head: str, title: str) -> None:
    assert extract(RawInput(origin="p.html", content=page(head)), CONTEXT).title == title


@pytest.mark.parametrize(
    "author,expected",
    [
        ("Jane Doe Associated Press", ("Jane Doe", "Associated Press")),
        ("Jane Doe The Associated Press", ("Jane Doe", "The Associated Press")),
        ("Jane Doe, Reuters", ("Jane Doe", "Reuters")),
        ("Jane Doe | AFP", ("Jane Doe", "AFP")),
        ("Jane Doe for Bloomberg News", ("Jane Doe", "Bloomberg News")),
        ("Jane Doe (Reuters)", ("Jane Doe", "Reuters")),
        ("Jane Doe AFP", ("Jane Doe", "AFP")),
        ("Associated Press", ("Associated Press",)),
        ("Michael R. Bloomberg", ("Michael R. Bloomberg",)),  # a surname, not the agency
        ("Ann Reuters", ("Ann Reuters",)),
        ("By Reuters", ("By Reuters",)),
    ],
)
def test_agency_is_never_glued_to_a_name(author: str, expected: tuple[str, ...]) -> None:
    assert split_agency(author) == expected


def test_author_list_is_cleaned_and_deduplicated() -> None:
    names = ["Jane Doe Associated Press", "Associated Press", "Zo&euml; Brandt", " Zoë  Brandt "]
    assert clean_authors(names) == ("Jane Doe", "Associated Press", "Zoë Brandt")


def test_jsonld_author_glued_to_agency() -> None:
    head = jsonld(headline="Ferry", author={"@type": "Person", "name": "Jane Doe Associated Press"})
    article = extract(RawInput(origin="p.html", content=page(head)), CONTEXT)
    assert article.authors == ("Jane Doe", "Associated Press")


@pytest.mark.parametrize(
    "text,width,expected",
    [
        ("A short first sentence.", 120, "A short first sentence."),
        (
            "The ferry company added an evening sailing to the island",
            30,
            "The ferry company added an…",
        ),
        ("Averyveryverylongwordwithoutanyspaces then more", 20, "Averyveryverylongwo…"),
        ("渡し船の会社は月曜日、島への夕方の便を加えた。", 10, "渡し船の会社は月曜…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary(text: str, width: int, expected: str) -> None:
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


def test_missing_title_is_the_first_sentence_shortened() -> None:
    long_sentence = (
        "The ferry company added an evening sailing to the island on Monday, which"
        " harbour staff, the island council and the schools had asked for since the"
        " old timetable was cut three winters ago."
    )
    record = json.dumps({"text": f"{long_sentence} It takes forty minutes."})
    title = extract(RawInput(origin="r.json", content=record.encode()), CONTEXT).title
    assert title.endswith("…") and len(title) <= 120
    cut = title.removesuffix("…")
    assert long_sentence.startswith(cut) and long_sentence[len(cut)] == " "  # whole words


def test_one_paragraph_about_privacy_is_kept() -> None:
    # One long paragraph of reporting that mentions privacy, cookies and "you".
    text = (
        "The bakery on Quay Street asked the public to respect the owners' privacy after"
        " the fire. 'You do not expect this,' the neighbour said, recalling the smell of"
        " cookies in the morning. " * 4
    )
    record = json.dumps({"title": "Bakery fire", "text": text})
    article = extract(RawInput(origin="r.json", content=record.encode()), CONTEXT)
    assert article.text.startswith("The bakery on Quay Street")


def test_short_cookie_notice_is_still_furniture() -> None:
    notice = "We use cookies to improve your experience. By continuing you agree to our policy."
    record = json.dumps({"title": "Ferry", "text": f"{STORY}\n{notice}"})
    assert notice not in extract(RawInput(origin="r.json", content=record.encode())).text


@pytest.mark.parametrize(
    "head,tags",
    [
        (
            '<meta name="keywords" content="ferries, Island life, ferries, https://x.example/tag">',
            ("ferries", "Island life"),
        ),
        (
            '<meta property="article:tag" content="Ferries">'
            '<meta property="article:tag" content="Tides">',
            ("Ferries", "Tides"),
        ),
        (
            jsonld(headline="Ferry", keywords=["Ferries", "Harbour &amp; Port"]),
            ("Ferries", "Harbour & Port"),
        ),
        (
            jsonld(headline="Ferry", keywords="Ferries,Timetables")
            + '<meta name="news_keywords" content="timetables; Island">',
            ("Ferries", "Timetables", "Island"),
        ),
    ],
)
def test_publisher_tags_from_html(head: str, tags: tuple[str, ...]) -> None:
    assert extract(RawInput(origin="p.html", content=page(head)), CONTEXT).feed_tags == tags


def test_publisher_tags_merge_after_the_feeds() -> None:
    head = '<meta name="keywords" content="Harbour, Ferries">'
    raw = RawInput(origin="p.html", content=page(head), feed_entry=FeedEntry(tags=("ferries",)))
    assert extract(raw, CONTEXT).feed_tags == ("ferries", "Harbour")


@pytest.mark.parametrize(
    "record,tags",
    [
        ({"tags": ["Ferries", "Tides"]}, ("Ferries", "Tides")),
        ({"keywords": "Ferries, Tides, 2026-03-10"}, ("Ferries", "Tides")),
        ({"tags": [f"tag {n}" for n in range(15)]}, tuple(f"tag {n}" for n in range(10))),
        ({"tags": ["A whole sentence that is far too long to be a tag at all"]}, ()),
    ],
)
def test_publisher_tags_from_json_record(
    record: dict[str, object],
    tags: tuple[str, ...],
) -> None:
    content = json.dumps({"title": "Ferry", "text": STORY, **record}).encode()
    assert extract(RawInput(origin="r.json", content=content), CONTEXT).feed_tags == tags


def test_publisher_tags_from_text_dump() -> None:
    dump = f"Island ferry gets an evening sailing\n\n{STORY}\n\nTags: Ferries, Island life\n"
    article = extract(RawInput(origin="d.txt", content=dump.encode()), CONTEXT)
    assert article.feed_tags == ("Ferries", "Island life")
    assert "Tags:" not in article.text


@pytest.mark.parametrize(
    "line,tags",
    [
        ("Tags: Ferries, Island life", ["Ferries", "Island life"]),
        ("Keywords: ferries; tides", ["ferries", "tides"]),
        ("Topics: the council discussed roads, bridges and ferries.", None),  # a sentence
        ("The tags were sewn on by hand", None),
    ],
)
def test_tags_line(line: str, tags: list[str] | None) -> None:
    assert tags_line(line) == tags


@pytest.mark.parametrize(
    "tag,clean",
    [
        ("Harbour &amp; Port", "Harbour & Port"),
        ("Kultur»", "Kultur"),
        ("-Klima", "Klima"),
        ("G7", "G7"),
        ("LISBON: A ferry strike began", None),  # a fragment of a description
        ('"Quoted"', None),
        ("textbelowcenterfullbleed", None),  # a class name, not a word
        ("https://ferries.example/tag/x", None),
        ("2026-03-10", None),
    ],
)
def test_clean_tag(tag: str, clean: str | None) -> None:
    assert clean_tag(tag) == clean


def test_merge_tags_keeps_first_spelling_and_limit() -> None:
    assert merge_tags(["Ferries", "#tides"], ["FERRIES", "Tides", "  island  life "]) == (
        "Ferries",
        "tides",
        "island life",
    )
    assert len(merge_tags([f"t{n}x" for n in range(30)])) == 10


def test_dates_bounded_by_now_when_fetch_time_is_unknown() -> None:
    head = '<meta property="article:published_time" content="2026-03-16T09:00:00+00:00">'
    later = ExtractContext(now=NOW + timedelta(days=4))
    assert extract(RawInput(origin="p.html", content=page(head)), later).published is not None
    assert extract(RawInput(origin="p.html", content=page(head)), CONTEXT).published is None


@pytest.mark.parametrize(
    "instant,wall,hours",
    [
        ("2026-03-10T03:28:35Z", "2026-03-09 22:28:35", -5),
        ("2026-03-10T01:49:09+00:00", "2026-03-09 17:49:09", -8),
        ("2026-03-10T04:10:00+01:00", "2026-03-10 08:40:00", 5.5),
        ("2026-03-10T03:00:00Z", "2026-03-09 22:00:00", None),  # round hours: may be two times
        ("2026-03-10T03:28:35Z", "2026-03-09 22:28:36", None),  # not the same second
        ("2026-03-10T03:28:35Z", "2026-03-08 22:28:35", None),  # 29 hours apart
    ],
)
def test_instant_and_local_clock_give_the_offset(
    instant: str,
    wall: str,
    hours: float | None,
) -> None:
    found = instant_offset(parse_timestamp(instant), parse_timestamp(wall))
    assert found == (None if hours is None else timedelta(hours=hours))


def test_bare_day_takes_the_local_clock_of_a_utc_instant() -> None:
    day, signal = first_plausible([("htmldate", "2026-03-09")], NOW)
    assert day is not None
    values = [("json-ld", "2026-03-10T03:28:35Z"), ("meta sailthru.date", "2026-03-09 22:28:35")]
    found, found_signal = with_clock((day, signal), values, NOW)
    assert (found.wall.isoformat(), found.offset) == ("2026-03-09T22:28:35", timedelta(hours=-5))
    assert found_signal == "json-ld"
