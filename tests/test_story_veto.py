"""Story vetoes: clusters that cannot report one event however much they share."""

from __future__ import annotations

import pytest

from generator.stories import agglomerate, group, veto
from generator.stories.features import features


def cluster(*texts: str) -> veto.Profile:
    """Return the profile of a cluster of articles, merged one by one."""
    found = [veto.profile(t for t, _ in features("", text).terms) for text in texts]
    out = found[0]
    for p in found[1:]:
        out = veto.merged(out, p)
    return out


# Fictional reports: two floods of the Varn river, years apart, and a third that only looks back.
FLOOD_2024 = "The Varn burst its banks at Oselby on March 3, 2024, the river board said."
FLOOD_2024_B = "Oselby was cut off by the Varn on 3 March 2024 as water rose 4 metres."
FLOOD_2019 = "The Varn flooded Oselby, as it did in 2019, the river board said."
FLOOD_2019_B = "Oselby homes were under water again, the worst since 2017, officials said."
UNDATED = "The Varn flooded Oselby, the river board said on Tuesday."


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
        ((FLOOD_2024, FLOOD_2024_B), (FLOOD_2019, FLOOD_2019_B), True),  # written years before
        ((FLOOD_2024, FLOOD_2024_B), (FLOOD_2019,), False),  # one article's aside: no say
        ((FLOOD_2024,), (FLOOD_2019, FLOOD_2019_B), True),  # one full date dates the event
        ((FLOOD_2024, UNDATED, UNDATED), (FLOOD_2019, FLOOD_2019_B), False),  # a minority
        ((FLOOD_2024, FLOOD_2024_B), (UNDATED, UNDATED), False),  # no years: no evidence
        ((FLOOD_2024, FLOOD_2024_B), (FLOOD_2024, UNDATED), False),  # same year
        (("Held on May 2, 2021.",), ("Held on May 2, 2023.",), True),  # dated to other years
        (
            (FLOOD_2024, FLOOD_2024_B),
            ("The Varn rose in 2023 as it did on Oselby's quays.", UNDATED),
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


def test_average_link_keeps_clusters_written_years_apart() -> None:
    profiles = [cluster(t) for t in (FLOOD_2024, FLOOD_2024_B, FLOOD_2019, FLOOD_2019_B)]
    nodes = [agglomerate.Node(1, False, p) for p in profiles]
    edges = {(0, 1): 0.9, (2, 3): 0.9, (0, 2): 0.8, (0, 3): 0.8, (1, 2): 0.8, (1, 3): 0.8}
    assert agglomerate.average_link(nodes, edges, 0.1) == [0, 0, 2, 2]


def test_grouping_keeps_two_floods_years_apart_in_two_stories() -> None:
    """Without the veto the four share enough (Varn, Oselby, 4 metres) to be one story."""
    texts = {
        "a": FLOOD_2024,
        "b": FLOOD_2024_B,
        "c": "Warden Ilka Marr opened the Tolby school hall as the Varn burst its banks at "
        "Oselby, the worst since 2017, the river board said.",
        "d": "Warden Ilka Marr said the Tolby school hall took in families as the Varn cut off "
        "Oselby, as in 2019, when water rose 4 metres.",
    }
    items = [group.Item(k, features("Varn floods Oselby", t).terms, 10.0) for k, t in texts.items()]
    found = group.add_items(group.Grouping(), items)
    assert found.story_of["a"] == found.story_of["b"]
    assert found.story_of["c"] == found.story_of["d"] != found.story_of["a"]
