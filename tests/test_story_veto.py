"""Story vetoes: clusters that cannot report one event however much they share."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator.stories import agglomerate, group, veto
from generator.stories.features import features


def cluster(*texts: str, day: float | None = None) -> veto.Profile:
    """Return the profile of a cluster of articles published on one day, merged one by one."""
    found = [veto.profile((t for t, _ in features("", x).terms), day=day) for x in texts]
    out = found[0]
    for p in found[1:]:
        out = veto.merged(out, p)
    return out


# Fictional reports: two floods of the Varn river, years apart, and a third that only looks back.
FLOOD_2024 = "The Varn burst its banks at Oselby on March 3, 2024, the river board said."
FLOOD_2024_B = "Oselby was cut off by the Varn on 3 March 2024 as water rose 4 metres."
FLOOD_2019 = "The Varn flooded Oselby, as it did in 2019, the river board said."
FLOOD_2019_B = "Oselby homes were under water again, the worst since 2017, officials said."
FLOOD_2019_C = "The river board said the Varn rose higher at Oselby than in 2018."
OLD = (FLOOD_2019, FLOOD_2019_B, FLOOD_2019_C)  # MIN_SUPPORT reports, none naming a late year
UNDATED = "The Varn flooded Oselby, the river board said on Tuesday."
# Two reports of the earlier flood: closer to each other than to the 2024 ones.
WARDEN_2017 = (
    "Warden Ilka Marr opened the Tolby school hall as the Varn burst its banks at Oselby, "
    "the worst since 2017, the river board said."
)
WARDEN_2019 = (
    "Warden Ilka Marr said the Tolby school hall took in families as the Varn cut off Oselby, "
    "as in 2019, when water rose 4 metres."
)
WARDEN_2018 = (
    "The Tolby school hall warden, Ilka Marr, said Oselby families slept there as the Varn "
    "rose, as in 2018."
)
MARCH_2024 = datetime(2024, 3, 5, tzinfo=UTC).timestamp() / 86400  # days since the epoch
VOTE_AHEAD = "Oselby votes on the Varn dam on May 3, 2028, the council said."
VOTE_NOW = "Oselby's 2026 budget leaves the Varn dam to the vote, the council said."


@pytest.mark.parametrize(
    ("text", "years", "latest"),
    [
        (FLOOD_2024, {"2024"}, 2024),  # a full date gives the event's year
        (FLOOD_2019, set(), 2019),  # a bare year is mentioned, it dates nothing
        (UNDATED, set(), None),
        ("The fund paid 2500 claims and 1850 euros each in 2012.", set(), 2012),
        ("Claims reached 2,500 by Friday.", set(), None),  # 2500: past the years we read
    ],
)
def test_a_profile_keeps_dated_and_mentioned_years(
    text: str, years: set[str], latest: int | None
) -> None:
    found = veto.profile(t for t, _ in features("", text).terms)
    assert (set(found.years), found.latest) == (years, latest)


@pytest.mark.parametrize(
    ("a", "b", "barred"),
    [
        ((FLOOD_2024, FLOOD_2024_B), OLD, True),  # written years before
        ((FLOOD_2024, FLOOD_2024_B), (FLOOD_2019, FLOOD_2019_B), False),  # asides: no say yet
        ((FLOOD_2024,), OLD, True),  # one full date dates the event
        ((FLOOD_2024, UNDATED, UNDATED), OLD, False),  # a minority dates it
        ((FLOOD_2024, FLOOD_2024_B), (UNDATED, UNDATED), False),  # no years: no evidence
        ((FLOOD_2024, FLOOD_2024_B), (FLOOD_2024, UNDATED), False),  # same year
        (("Held on May 2, 2021.",), ("Held on May 2, 2023.",), True),  # dated to other years
        (
            (FLOOD_2024, FLOOD_2024_B),
            ("The Varn rose in 2023 as it did on Oselby's quays.", UNDATED, UNDATED),
            False,  # a year before the event: a report written as it begins
        ),
    ],
)
def test_clusters_written_years_apart_cannot_be_one_event(
    a: tuple[str, ...], b: tuple[str, ...], barred: bool
) -> None:
    assert veto.conflict(cluster(*a), cluster(*b)) is barred
    assert veto.conflict(cluster(*b), cluster(*a)) is barred  # either order


def test_merged_profiles_count_the_articles_that_date_a_year() -> None:
    both = cluster(FLOOD_2024, FLOOD_2024_B, UNDATED)
    assert (both.size, both.dated, both.latest) == (3, ((2024, 2),), 2024)
    assert veto.event_year(both) == 2024
    assert veto.event_year(cluster(FLOOD_2024, UNDATED, UNDATED)) is None  # a minority


@pytest.mark.parametrize(
    ("published", "barred"),
    [
        (datetime(2026, 5, 1, tzinfo=UTC), False),  # the vote is ahead: reports of it now
        (datetime(2028, 6, 1, tzinfo=UTC), True),  # after the vote: 2026 reports came before
        (None, True),  # no day known: the dated year stands
    ],
)
def test_an_event_still_ahead_is_not_dated_after_its_reports(
    published: datetime | None, barred: bool
) -> None:
    day = None if published is None else published.timestamp() / 86400
    ahead = cluster(VOTE_AHEAD, VOTE_AHEAD, day=day)
    now = cluster(VOTE_NOW, VOTE_NOW, VOTE_NOW, day=day)
    assert veto.conflict(ahead, now) is barred


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime(2026, 12, 31, 23, tzinfo=UTC).timestamp() / 86400, 2026),
        (datetime(2027, 1, 1, 0, 30, tzinfo=UTC).timestamp() / 86400, 2027),
        (-1e9, 1),  # a stored date out of any calendar: clamped, never an error
        (1e9, 9999),
    ],
)
def test_a_profile_knows_the_year_it_was_published(day: float, year: int) -> None:
    assert veto.profile([], day=day).published == year


def test_average_link_keeps_clusters_written_years_apart() -> None:
    profiles = [cluster(t) for t in (FLOOD_2024, FLOOD_2024_B, UNDATED, *OLD)]
    nodes = [agglomerate.Node(1, False, p) for p in profiles]
    edges = {(a, b): 0.9 if (a < 3) == (b < 3) else 0.8 for a in range(6) for b in range(a + 1, 6)}
    assert agglomerate.average_link(nodes, edges, 0.1) == [0, 0, 0, 3, 3, 3]


def test_grouping_keeps_two_floods_years_apart_in_two_stories() -> None:
    """Without the veto the four share enough (Varn, Oselby, 4 metres) to be one story."""
    texts = {
        "a": FLOOD_2024,
        "b": FLOOD_2024_B,
        "c": WARDEN_2017,
        "d": WARDEN_2019,
        "e": WARDEN_2018,
    }
    items = [
        group.Item(k, features("Varn floods Oselby", t).terms, MARCH_2024) for k, t in texts.items()
    ]
    found = group.add_items(group.Grouping(), items)
    assert found.story_of["a"] == found.story_of["b"]
    assert found.story_of["c"] == found.story_of["d"] == found.story_of["e"]
    assert found.story_of["c"] != found.story_of["a"]


def test_a_later_batch_written_years_before_an_archived_story_starts_its_own() -> None:
    """The archived story's profile comes from its state: dated years, centroid figures."""
    first = {"a": FLOOD_2024, "b": FLOOD_2024_B}
    later = {"c": WARDEN_2017, "d": WARDEN_2019, "e": WARDEN_2018}
    title = "Varn floods Oselby"
    grouping = group.Grouping()
    for batch in (first, later):
        items = [group.Item(k, features(title, t).terms, MARCH_2024) for k, t in batch.items()]
        grouping = group.add_items(grouping, items)
    assert grouping.story_of["a"] == grouping.story_of["b"]
    assert grouping.story_of["c"] == grouping.story_of["d"] == grouping.story_of["e"]
    assert grouping.story_of["c"] != grouping.story_of["a"]
