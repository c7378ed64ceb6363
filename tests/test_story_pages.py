"""Story pages and story-first listings: own facts, disagreements, timeline, ranking."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from generator.model import Analysis, Article, Fact, Published
from generator.render.context import Entry, make_entry
from generator.render.listings import newest_first, render_digest
from generator.render.stories import StoryItems
from generator.render.storyfirst import rank
from generator.render.storypage import StoryView, render_story
from generator.stories.compare import (
    Report,
    disagreements,
    own_facts,
    own_facts_each,
    unit_of,
    value_of,
)

FLOOD_EARLY = (
    "Wardens said 30 cottages in Brackwater were flooded on Monday night after the River "
    "Lune burst its banks."
)
FLOOD_LATE = (
    "Clearing began in Brackwater after the River Lune burst its banks on Monday night, "
    "with the parish now saying 52 cottages were flooded."
)


def figure(text: str, evidence: str) -> Fact:
    """Return a figure fact of one sentence."""
    return Fact("figure", text, evidence, 0)


def report(article_id: str, text: str, *facts: Fact) -> Report:
    """Return a report whose text is its facts' sentences plus `text`."""
    return Report(article_id, " ".join([text, *(f.evidence for f in facts)]), facts)


@pytest.mark.parametrize(
    ("fact", "value"),
    [
        (figure("parish now saying 52 cottages", FLOOD_LATE), "52 cottages"),
        (figure("Agency said a £6.5m scheme", "x"), "£6.5m scheme"),
        (figure("40 homes", "x"), "40 homes"),
        (Fact("date", "2026-03-09: Harbour Board voted", "x", 0), "2026-03-09"),
        (Fact("person", "Edda Morrow", "x", 0), "Edda Morrow"),
    ],
)
def test_value_of_keeps_what_another_report_must_say(fact: Fact, value: str) -> None:
    assert value_of(fact) == value


@pytest.mark.parametrize(
    ("figure_text", "unit"),
    [
        ("52 cottages", "cottages"),
        ("about 1,200 people", "people"),
        ("£4.8m", "£"),
        ("US$412 million", "us$"),
    ],
)
def test_unit_of_drops_number_and_scale(figure_text: str, unit: str) -> None:
    assert unit_of(figure_text) == unit


@pytest.mark.parametrize(
    ("early", "late", "about"),
    [
        # same counted noun, same event told in both sentences: the honest update
        (
            figure("30 cottages", FLOOD_EARLY),
            figure("parish now saying 52 cottages", FLOOD_LATE),
            "cottages",
        ),
        # same noun but the sentences are about different things
        (
            figure("30 cottages", FLOOD_EARLY),
            figure("52 cottages", "The estate agent sold 52 cottages last year."),
            None,
        ),
        # same sentence context, different nouns: not the same figure
        (
            figure("30 cottages", FLOOD_EARLY),
            figure("52 cars", FLOOD_LATE.replace("52 cottages", "52 cars")),
            None,
        ),
        # money without a counted noun is never compared
        (
            figure("£30", "The Brackwater flood fund paid £30 after the River Lune burst."),
            figure("£52", "The Brackwater flood fund paid £52 after the River Lune burst."),
            None,
        ),
        # a bound is no contradiction: "at least 30" and "52"
        (
            figure("30 cottages", FLOOD_EARLY.replace("Wardens said", "At least")),
            figure("parish now saying 52 cottages", FLOOD_LATE),
            None,
        ),
        # the same noun counted in another place of a sentence sharing its words
        (
            figure("30 cottages", FLOOD_EARLY),
            figure(
                "52 cottages",
                "Brackwater after the River Lune burst its banks on Monday "
                "night had 52 cottages for sale.",
            ),
            None,
        ),
        # the same event dated differently
        (
            Fact(
                "date", "2026-03-09: Harbour Board voted", "The Harbour Board voted on 9 March.", 0
            ),
            Fact(
                "date", "2026-03-10: Harbour Board voted", "The Harbour Board voted on 10 March.", 0
            ),
            "Harbour Board voted",
        ),
        # different events on different days are not a disagreement
        (
            Fact(
                "date", "2026-03-09: Harbour Board voted", "The Harbour Board voted on 9 March.", 0
            ),
            Fact("date", "2026-03-10: Mayor resigned", "The Mayor resigned on 10 March.", 0),
            None,
        ),
    ],
)
def test_disagreements_only_when_plainly_the_same_thing(
    early: Fact, late: Fact, about: str | None
) -> None:
    found = disagreements([report("a", "", early), report("b", "", late)])
    assert [d.about for d in found] == ([about] if about else [])


def test_no_disagreement_when_a_report_counts_the_noun_twice() -> None:
    early = figure("30 cottages", FLOOD_EARLY)
    late = figure("parish now saying 52 cottages", FLOOD_LATE)
    twice = report("b", "Another 12 cottages lost power.", late)
    assert disagreements([report("a", "", early), twice]) == ()


@pytest.mark.parametrize(
    ("fact", "other_text", "own"),
    [
        (Fact("person", "Edda Morrow, Warden", "x", 0), "Warden Edda Morrow spoke.", False),
        (Fact("person", "Edda Morrow, Warden", "x", 0), "The warden spoke.", True),
        (figure("reached a $334 million agreement", "x"), "It is a $334 million deal.", False),
        (
            Fact("quote", "Edda Morrow: “We bail and we wait …”", "x", 0),
            'She said: "We bail and we wait for the pumps."',
            False,
        ),
        (Fact("quote", "Edda Morrow: “We bail and we wait …”", "x", 0), "No quote.", True),
    ],
)
def test_a_fact_is_shared_when_another_report_says_its_core(
    fact: Fact, other_text: str, own: bool
) -> None:
    mine = Report("a", "", (fact,))
    assert own_facts(mine, [Report("b", other_text, ())]) == ((fact,) if own else ())


def test_no_disagreement_when_a_report_states_both_values() -> None:
    early = figure("30 cottages", FLOOD_EARLY)
    late = figure("52 cottages", FLOOD_LATE)
    later = report("b", "The count rose from 30 cottages overnight.", late)
    assert disagreements([report("a", "", early), later]) == ()


def test_own_facts_are_those_no_other_report_states() -> None:
    shared = Fact("organization", "Lune Rivers Trust", "The Lune Rivers Trust helped.", 0)
    own = Fact("person", "Edda Morrow", "Edda Morrow opened the hall.", 1)
    mine = report("a", "", shared, own)
    other = report("b", "Volunteers of the lune rivers trust came too.")
    assert own_facts(mine, [other]) == (own,)
    assert own_facts(mine, []) == ()


WARDEN = Fact("person", "Edda Morrow, Warden", "Edda Morrow, the warden, spoke.", 0)
PUMPS = figure("12 pumps", "Crews brought 12 pumps.")
VOTE = Fact("date", "2026-03-09: Harbour Board voted", "The Harbour Board voted on 9 March.", 0)


@pytest.mark.parametrize(
    ("reports", "own"),
    [
        # Said in the first report's own text and in the third's: shared, not own.
        (
            [report("a", "", WARDEN), report("b", "No names."), report("c", "Edda Morrow came.")],
            [(), (), ()],
        ),
        # Stated twice by one report only: still that report's own.
        ([report("a", "", PUMPS, PUMPS), report("b", "Crews came.")], [(PUMPS, PUMPS), ()]),
        # The same value as a fact of the second report: shared by both.
        ([report("a", "", PUMPS), report("b", "", PUMPS)], [(), ()]),
        # A date is shared only by another report's date fact, not by its words in a text.
        (
            [report("a", "", VOTE), report("b", "The Harbour Board voted on 2026-03-09.")],
            [(VOTE,), ()],
        ),
        ([report("a", "", VOTE), report("b", "", VOTE)], [(), ()]),
        ([report("a", "", PUMPS)], [()]),
    ],
)
def test_own_facts_each_looks_at_every_other_report(
    reports: list[Report], own: list[tuple[Fact, ...]]
) -> None:
    assert list(own_facts_each(reports)) == own


def entry(article_id: str, title: str, source: str, hour: int, *facts: Fact, day: int = 9) -> Entry:
    """Return a full entry whose text holds its facts' sentences."""
    stamp = f"2026-03-{day:02d}T{hour:02d}:00:00+00:00"
    text = " ".join(f.evidence for f in facts) or title
    article = Article(
        id=article_id,
        title=title,
        text=text,
        url=f"https://x.example/{article_id}",
        source=source,
        published=Published(stamp, stamp[:19], "test"),
    )
    return make_entry(article, Analysis((), (), (), facts), "UTC")


def test_story_page_shows_reports_disagreement_copies_and_timeline() -> None:
    early = entry(
        "a1", "Cottages flooded <b>", "Lune Gazette", 21, figure("30 cottages", FLOOD_EARLY)
    )
    late = entry(
        "a2",
        "Clearing begins",
        "Radio Brack",
        8,
        figure("parish now saying 52 cottages", FLOOD_LATE),
        day=10,
    )
    copy = entry(
        "a3", "Wire: cottages flooded", "Daily Fell", 22, figure("30 cottages", FLOOD_EARLY)
    )
    view = StoryView(
        "s1", "Cottages <flooded>", ("a1", "a2", "a3"), ("both name Brackwater",), (("a3", "a1"),)
    )
    page = render_story(view, {e.article.id: e for e in (early, late, copy)})
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one("h1.nd-title").get_text() == "Cottages <flooded>"
    body = page.split("-->", 1)[1]  # after the front matter (YAML, written safely)
    assert "<flooded>" not in body and "<b>" not in body  # escaped
    sides = soup.select(".nd-disagreement li")
    assert [s.strong.get_text() for s in sides] == ["30 cottages", "52 cottages"]
    assert [h.get_text() for h in soup.select(".nd-report-title")] == [
        "Cottages flooded <b>",
        "Clearing begins",
    ]  # the copy is no report of its own
    assert "Daily Fell" in soup.select_one(".nd-also").get_text()
    assert [li.a.get_text() for li in soup.select(".nd-timeline li")] == [
        "Cottages flooded <b>",
        "Wire: cottages flooded",
        "Clearing begins",
    ]


def test_story_page_without_disagreement_has_no_such_section() -> None:
    one = entry("a1", "Hall opens", "Lune Gazette", 9)
    two = entry("a2", "Hall opened", "Radio Brack", 10)
    page = render_story(StoryView("s1", "Hall opens", ("a1", "a2"), ()), {"a1": one, "a2": two})
    assert "Where the sources disagree" not in page


def test_rank_puts_most_sources_first_then_newest() -> None:
    lone_new = entry("b1", "Late lone story", "Lune Gazette", 23)
    told_twice = [
        entry("c1", "Told by one", "Lune Gazette", 7),
        entry("c2", "Told by two", "Radio Brack", 8),
    ]
    lone_old = entry("d1", "Early lone story", "Radio Brack", 6)
    entries = [lone_new, *told_twice, lone_old]
    view = StoryView("s-c", "Told twice", ("c1", "c2"), ())
    by_id = {e.article.id: e for e in entries}
    found = rank(entries, {"c1": view, "c2": view}, by_id, newest_first)
    assert [(c.story.id if c.story else c.entries[0].article.id) for c in found] == [
        "s-c",
        "b1",
        "d1",
    ]
    assert found[0].sources == 2


def test_digest_lists_a_story_once_with_its_reports() -> None:
    entries = [
        entry("c1", "Told by one", "Lune Gazette", 7),
        entry("c2", "Told by two", "Radio Brack", 8),
        entry("d1", "Lone story", "Radio Brack", 6),
    ]
    view = StoryView("s-c", "Told <twice>", ("c1", "c2"), ())
    items = StoryItems({}, {"c1": view, "c2": view}, {e.article.id: e for e in entries})
    page = render_digest("2026-03-09", entries, items, (None, None))
    soup = BeautifulSoup(page, "html.parser")
    top = soup.select("ul.nd-stories > li")
    assert [li.select_one("a.nd-story-title").get_text() for li in top] == [
        "Told <twice>",
        "Lone story",
    ]
    assert top[0].select_one(".nd-coverage").get_text() == "2 sources"
    assert top[0].select_one("a.nd-story-title")["href"] == "../../stories/s-c/"
    assert len(top[0].select(".nd-story-reports li")) == 2
    assert "2 stories from 3 articles" in soup.select_one(".nd-lede").get_text()
