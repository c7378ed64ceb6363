"""Story grouping: features, near-duplicates, incremental placing, the `stories` contract."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.model import Analysis, Article, Published
from generator.placement import make_entry
from generator.render.article import render_article
from generator.render.storypage import StoryView, story_pages
from generator.stories import agglomerate, group, near, veto
from generator.stories.features import features
from generator.stories.listing import stories, story_json, story_related
from generator.stories.run import place, update
from generator.stories.state import StoryFile

QUAKE_A = (
    "Quake of magnitude 6.2 shakes Ormond Valley",
    "A magnitude 6.2 earthquake struck the Ormond Valley on Tuesday, the Halvard "
    "Geological Office said. Mayor Ilse Brandt said 14 people were hurt in Kettering "
    "Falls. Rescue teams from Dunmore searched collapsed barns through the night.",
)
QUAKE_B = (
    "Fourteen hurt as 6.2 tremor hits Kettering Falls",
    "Mayor Ilse Brandt of Kettering Falls said 14 people were injured when the "
    "magnitude 6.2 earthquake hit the Ormond Valley. The Halvard Geological Office put "
    "the epicentre near Dunmore. Schools stayed closed.",
)
QUAKE_OTHER = (
    "Strong earthquake rattles Port Sel coast",
    "A magnitude 5.4 earthquake rattled the coast of Port Sel on Friday, officials "
    "at the Marrow Seismic Centre said. Governor Tomas Reyl said no one was hurt, "
    "though a pier at Calden Bay cracked.",
)
FERRY = (
    "Shipyard wins order for three harbour ferries",
    "Velda Marine of Port Arlen signed a contract worth 88 million euros for three "
    "electric ferries, chief executive Pia Lorne said on Monday.",
)


def article(
    article_id: str, title: str, text: str, source: str = "Outlet", day: int = 10
) -> Article:
    """Return a stored-like article published on a given day of March 2026."""
    stamp = f"2026-03-{day:02d}T09:00:00+00:00"
    return Article(
        id=article_id,
        title=title,
        text=text,
        url=f"https://x.example/{article_id}",
        source=source,
        published=Published(stamp, stamp[:19], "test"),
    )


@pytest.mark.parametrize(
    ("title", "text", "term"),
    [
        ("Quake", "Mayor Ilse Brandt said so.", "n:brandt"),
        ("Quake", "Brandt said so. Later Brandt left.", "n:brandt"),  # at a start, then a name
        ("Quake", "The mayor said 14 were hurt.", "f:14"),
        ("Quake", "Losses reached 1,200 homes.", "f:1200"),
        ("Quake", "The valley shook.", "w:valley"),
    ],
)
def test_features_sort_terms_by_kind(title: str, text: str, term: str) -> None:
    assert term in dict(features(title, text).terms)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The deal went to Velda Marine of Port Arlen on Monday.", "Velda Marine of Port Arlen"),
        ("It costs US$412 million in all.", "US$412 million"),
        ("Chief executive Pia Lorne. About time.", "Pia Lorne"),
    ],
)
def test_features_keep_names_as_written(text: str, name: str) -> None:
    assert name in features("x", text).names


def test_two_reports_of_one_event_are_one_story_and_a_similar_event_is_not() -> None:
    articles = [
        article("a1", *QUAKE_A, source="Wire", day=10),
        article("b2", *QUAKE_B, source="Daily", day=11),
        article("c3", *QUAKE_OTHER, source="Coast", day=11),
        article("d4", *FERRY, day=11),
    ]
    found = stories(place(StoryFile(), articles))
    members = sorted(sorted(a.id for a in s.articles) for s in found)
    assert members == [["a1", "b2"], ["c3"], ["d4"]]
    quake = next(s for s in found if len(s.articles) == 2)
    assert any("Ilse Brandt" in line for line in quake.why)


def test_placing_one_at_a_time_keeps_earlier_stories() -> None:
    first = place(StoryFile(), [article("a1", *QUAKE_A), article("d4", *FERRY)])
    second = place(first, [article("b2", *QUAKE_B, day=11)])
    assert first.grouping.story_of.items() <= second.grouping.story_of.items()
    assert second.grouping.story_of["b2"] == second.grouping.story_of["a1"]


def test_a_story_closes_after_its_window() -> None:
    late = int(10 + group.WINDOW_DAYS + 2)
    found = stories(
        place(StoryFile(), [article("a1", *QUAKE_A, day=1), article("b2", *QUAKE_B, day=late)])
    )
    assert len(found) == 2


WIRE = (
    "The harbour board of Port Arlen approved a plan on Monday to dredge the north channel, "
    "a project worth 30 million euros that engineers said would take two years. Board chair "
    "Ada Quint said ships of deeper draught could then dock at the grain terminal. Fishermen "
    "asked for compensation during the works, which start in May. The board will publish "
    "the tender next week, Quint said, and expects six bids. Local traders welcomed the "
    "news. A final paragraph about the weather closes the wire report as usual."
)


@pytest.mark.parametrize(
    ("changed_title", "changed_text"),
    [
        ("Port Arlen to dredge north channel", WIRE),  # another headline
        (None, WIRE.rsplit(" A final", 1)[0]),  # last paragraph trimmed
        (None, "By Sam Oder, staff writer. " + WIRE),  # another byline
        (None, WIRE + " Share this article. Subscribe to our newsletter."),  # page furniture
    ],
)
def test_a_republished_text_is_one_article_with_also_published_by(
    changed_title: str | None, changed_text: str
) -> None:
    original = article("a1", "Harbour board approves dredging", WIRE, source="Wire")
    copy = article("b2", changed_title or original.title, changed_text, source="Gazette")
    found = stories(place(StoryFile(), [original, copy]))
    assert len(found) == 1
    records = story_json(found[0])["articles"]
    assert [r.get("copy_of") for r in records] == [None, "a1"]  # type: ignore[union-attr]
    assert any(line.startswith("also published by Gazette") for line in found[0].why)


def test_different_reports_quoting_one_statement_are_not_copies() -> None:
    assert (
        near.find_copies({"a": near.signature(QUAKE_A[1])}, [("b", near.signature(QUAKE_B[1]))])
        == {}
    )


def test_stories_command_prints_every_article_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i, (title, text) in enumerate((QUAKE_A, QUAKE_B, QUAKE_OTHER, FERRY)):
        record = {
            "title": title,
            "text": text,
            "url": f"https://x.example/{i}",
            "published": "2026-03-10T12:00:00+00:00",
            "source": f"Outlet {i}",
        }
        (inbox / f"{i}.json").write_text(json.dumps(record), encoding="utf-8")
    assert main(["--project", str(tmp_path), "add", str(inbox)]) == 0
    capsys.readouterr()
    assert main(["--project", str(tmp_path), "stories", "--format", "json"]) == 0
    first = capsys.readouterr().out
    printed = [json.loads(line) for line in first.splitlines()]
    urls = sorted(a["url"] for s in printed for a in s["articles"])
    assert urls == [f"https://x.example/{i}" for i in range(4)]
    assert sorted(len(s["articles"]) for s in printed) == [1, 1, 2]
    assert main(["--project", str(tmp_path), "stories", "--format", "json"]) == 0
    assert capsys.readouterr().out == first  # same store, same output, byte for byte
    assert update(tmp_path / "data" / "articles", tmp_path / "data" / "state").placed


@pytest.mark.parametrize(
    ("shown", "expected_a1"),
    [
        (frozenset({"a1", "b2", "c3"}), ("b2", "c3", "z9")),  # the story's others, then the rest
        (frozenset({"a1", "c3"}), ("c3", "z9")),  # a hidden article is never linked
    ],
)
def test_related_coverage_starts_with_the_story(
    shown: frozenset[str], expected_a1: tuple[str, ...]
) -> None:
    found = stories(
        place(
            StoryFile(),
            [
                article("a1", *QUAKE_A),
                article("b2", *QUAKE_B),
                article("c3", *QUAKE_A[:1], QUAKE_B[1], day=11),
            ],
        )
    )
    related = story_related({"a1": ("z9", "c3")}, found, shown)
    assert related["a1"] == expected_a1


def test_article_page_says_why_its_story_groups_it_escaped() -> None:
    one, two = article("a1", *QUAKE_A), article("b2", *QUAKE_B)
    entries = {a.id: make_entry(a, Analysis((), (), ()), "UTC") for a in (one, two)}
    entry = replace(
        entries["a1"], related=("b2",), story_why=("both name <script>Ilse Brandt</script>",)
    )
    page = render_article(entry, {}, entries)
    assert "Grouped as one story because: both name &lt;script&gt;Ilse Brandt" in page
    assert "<script>" not in page


def test_a_story_that_keeps_going_stays_one_story() -> None:
    # Each report comes within the window of the story's latest one: weeks in all.
    days = [1, 6, 11, 16]
    texts = [QUAKE_A, QUAKE_B, QUAKE_A, QUAKE_B]
    found = stories(
        place(
            StoryFile(),
            [
                article(f"a{d}", t[0], f"{t[1]} Update {d}.", day=d)
                for d, t in zip(days, texts, strict=True)
            ],
        )
    )
    assert [len(s.articles) for s in found] == [4]


def test_story_page_lists_each_source_oldest_first_escaped() -> None:
    first = article("a1", "Quake <b>hits</b>", QUAKE_A[1], source="Wire & Co", day=10)
    second = article("b2", *QUAKE_B, source="Daily", day=11)
    by_id = {a.id: make_entry(a, Analysis((), (), ()), "UTC") for a in (first, second)}
    view = StoryView("s1", "Quake <b>hits</b>", ("a1", "b2"), ("both name <i>Ilse Brandt</i>",))
    pages = story_pages([view, StoryView("s2", "alone", ("a1",), ())], by_id)
    assert list(pages) == ["stories/s1.md"]  # a story of one article gets no page
    page = pages["stories/s1.md"].split("\n---\n", 1)[1]  # the body, after front matter
    assert "2 articles from 2 sources: Daily, Wire &amp; Co" in page
    assert "<b>" not in page and "<i>" not in page
    assert page.index("Wire &amp; Co") < page.index("Fourteen hurt")


BATCH = [
    ("a1", *QUAKE_A),
    ("b2", *QUAKE_B),
    ("c3", *QUAKE_OTHER),
    ("d4", *FERRY),
    (
        "e5",
        "Ferry order for Velda Marine",
        "Pia Lorne of Velda Marine said the three ferries "
        "cost 88 million euros and will sail from Port Arlen.",
    ),
]


@pytest.mark.parametrize("order", [(0, 1, 2, 3, 4), (4, 3, 2, 1, 0), (2, 4, 0, 3, 1)])
def test_a_batch_gives_the_same_stories_whatever_its_order(order: tuple[int, ...]) -> None:
    items = [group.Item(BATCH[i][0], features(BATCH[i][1], BATCH[i][2]).terms, 10.0) for i in order]
    found = group.add_items(group.Grouping(), items)
    members = sorted(sorted(s.members) for s in found.stories.values())
    assert members == [["a1", "b2"], ["c3"], ["d4", "e5"]]
    assert found.story_of["b2"] == group.story_id("a1")  # founder: first by day, then id


@pytest.mark.parametrize(
    ("edges", "fixed", "expected"),
    [
        ({(0, 1): 0.5, (1, 2): 0.4}, (False, False, False), [0, 0, 0]),  # 0.4/2 > 0.15? yes
        ({(0, 1): 0.5, (1, 2): 0.2}, (False, False, False), [0, 0, 2]),  # average 0.1: apart
        ({(0, 1): 0.5, (1, 2): 0.4}, (True, False, True), [0, 0, 2]),  # two archived stories
        ({(0, 2): 0.1}, (False, False, False), [0, 1, 2]),  # below the threshold
    ],
)
def test_average_link_joins_by_average_and_keeps_archived_stories_apart(
    edges: dict[tuple[int, int], float], fixed: tuple[bool, ...], expected: list[int]
) -> None:
    nodes = [agglomerate.Node(1, f, veto.Profile()) for f in fixed]
    assert agglomerate.average_link(nodes, edges, 0.15) == expected


def test_average_link_bars_events_of_other_years() -> None:
    nodes = [agglomerate.Node(1, False, veto.profile([f"y:{y}"])) for y in ("2009", "2012")]
    assert agglomerate.average_link(nodes, {(0, 1): 0.9}, 0.15) == [0, 1]


@pytest.mark.parametrize(
    ("v", "w", "distinct"),
    [
        ({"n:jackson": 0.8, "w:arrest": 0.6}, {"n:williams": 0.8, "w:arrest": 0.6}, True),
        ({"n:jackson": 0.8, "w:arrest": 0.6}, {"n:williams": 0.8, "n:jackson": 0.6}, False),
        ({"n:jackson": 0.8, "w:arrest": 0.6}, {"w:arrest": 1.0}, False),  # no name: no say
    ],
)
def test_a_pair_leading_with_different_names_weighs_less(
    v: dict[str, float], w: dict[str, float], distinct: bool
) -> None:
    plain = sum(x * w.get(t, 0.0) for t, x in v.items())
    expected = plain * group.DISTINCT_FACTOR if distinct else plain
    assert group._pair(v, w, (group._lead_name(v), group._lead_name(w))) == pytest.approx(expected)


# Two quakes of one kind: the same words ("magnitude", "rescuers", "collapsed"), other places,
# other tolls, other agencies. The Lorvik update comes a day later under a new headline.
LORVIK = (
    "Magnitude 6.1 earthquake kills 23 in Lorvik",
    "A magnitude 6.1 earthquake killed 23 people in the hill town of Lorvik on Tuesday, "
    "the Tessaly Disaster Agency said. Rescuers pulled survivors from collapsed houses in "
    "the Amsel quarter, and Governor Rhea Voss declared three days of mourning.",
)
LORVIK_UPDATE = (
    "Death toll rises to 31 as Lorvik buries its dead",
    "The death toll from Tuesday's earthquake in Lorvik rose to 31, the Tessaly Disaster "
    "Agency said on Wednesday. Governor Rhea Voss visited the Amsel quarter, where "
    "rescuers had searched collapsed houses through the night.",
)
BRENA = (
    "Earthquake of magnitude 5.8 kills seven in Santa Brena",
    "A magnitude 5.8 earthquake killed seven people in the port of Santa Brena on Tuesday, "
    "the Oriel Civil Protection Service said. Rescuers searched collapsed houses near the "
    "Calloway docks, and Mayor Teo Marsh asked residents to sleep outdoors.",
)
QUAKES = {"l1": (LORVIK, 10.0), "l2": (LORVIK_UPDATE, 11.0), "s1": (BRENA, 10.0)}
QUAKES |= {"a1": (QUAKE_A, 10.0), "b2": (QUAKE_B, 11.0), "c3": (QUAKE_OTHER, 11.0)}


@pytest.mark.parametrize(
    ("one", "other", "together"),
    [
        ("l1", "l2", True),  # the same quake: a new headline, a later toll, the next day
        ("a1", "b2", True),  # the same quake told by two outlets
        ("l1", "s1", False),  # two quakes: other place, other toll, other agency
        ("l2", "s1", False),
        ("a1", "c3", False),
        ("l1", "a1", False),
    ],
)
def test_same_kind_events_stay_apart_and_an_update_joins(
    one: str, other: str, together: bool
) -> None:
    items = [
        group.Item(key, features(title, text).terms, day)
        for key, ((title, text), day) in sorted(QUAKES.items())
    ]
    found = group.add_items(group.Grouping(), items).story_of
    assert (found[one] == found[other]) is together


@pytest.mark.parametrize("placed_first", ["l1", "s1"])
def test_an_update_placed_alone_joins_its_story_and_not_the_other_quake(placed_first: str) -> None:
    batch = [group.Item(k, features(*QUAKES[k][0]).terms, QUAKES[k][1]) for k in ("l1", "s1")]
    first = group.add_items(group.Grouping(), batch)
    update_item = group.Item("l2", features(*LORVIK_UPDATE).terms, 11.0)
    second = group.add_items(first, [update_item])
    assert second.story_of["l2"] == second.story_of["l1"] != second.story_of["s1"]
    assert second.story_of[placed_first] == first.story_of[placed_first]


@pytest.mark.parametrize(
    ("rare", "common", "least_ratio"),
    [
        (1, 100, 4.0),  # a name in one article of 1,000 against a topic word in a tenth
        (5, 200, 3.0),
        (50, 50, 1.0),
    ],
)
def test_rare_terms_weigh_far_more_than_topic_words(
    rare: int, common: int, least_ratio: float
) -> None:
    v = group.vector([("n:rare", 1), ("n:common", 1)], {"n:rare": rare, "n:common": common}, 1000)
    assert v["n:rare"] / v["n:common"] >= least_ratio
