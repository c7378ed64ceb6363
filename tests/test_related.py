"""Related coverage: the incremental update equals computing everything afresh."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from generator.model import Profile, RelatedState
from generator.store.cache import Cache
from generator.stories import related
from generator.stories.related import (
    profile,
    profiles_of,
    related_ids,
    update_related,
)

TAGS = [f"tag{k}" for k in range(12)]
WORDS = ["ferry", "tram", "port", "tea", "harbour", "night", "rail"]


def test_shared_rare_tags_make_stories_related() -> None:
    a = profile("a", "Night ferry returns", ["Kaohsiung", "ferries"], "2025-01-01|a")
    b = profile("b", "Night ferry timetable", ["Kaohsiung", "ferries"], "2025-01-02|b")
    c = profile("c", "Tea exports rise", ["tea"], "2025-01-03|c")
    result = related_ids([a, b, c])
    assert result == {"a": ("b",), "b": ("a",), "c": ()}


@pytest.mark.parametrize("seed", range(40))
def test_update_equals_fresh_computation(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small limits so that popular tags, the candidate cap and the fallback all occur.
    monkeypatch.setattr(related, "MAX_TAG_CANDIDATES", 6)
    monkeypatch.setattr(related, "MAX_CANDIDATES", 5)
    rng = random.Random(seed)
    ids = itertools.count()

    def make() -> Profile:
        number = next(ids)
        return profile(
            f"id{number:04d}",
            " ".join(rng.sample(WORDS, 2)),
            rng.sample(TAGS, rng.randint(0, 4)),
            f"2025-01-{rng.randint(1, 28):02d}|id{number:04d}",
        )

    profiles = [make() for _ in range(rng.randint(1, 40))]
    state = update_related(profiles, RelatedState({}, {}))
    for _ in range(4):
        changed = list(profiles)
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.4 or not changed:
                changed.append(make())
            elif roll < 0.7:
                changed.pop(rng.randrange(len(changed)))
            else:
                i = rng.randrange(len(changed))
                old = changed[i]
                changed[i] = profile(old.id, "ferry tea", rng.sample(TAGS, 2), old.sort_key)
        profiles = sorted(changed, key=lambda p: p.id)
        state = update_related(profiles, state)
        assert dict(state.related) == related_ids(profiles)


def test_unchanged_profiles_reuse_every_result() -> None:
    profiles = [
        profile(f"id{i}", "Harbour ferry", ["ferries"], f"2025-01-0{i}|id{i}") for i in range(1, 4)
    ]
    state = update_related(profiles, RelatedState({}, {}))
    marked = RelatedState(state.profiles, {k: ("sentinel",) for k in state.related})
    assert set(update_related(profiles, marked).related.values()) == {("sentinel",)}


def test_profiles_are_reused_only_when_their_sources_are_unchanged() -> None:
    old = profile("a", "Harbour ferry returns", ("ferries",), "2025-01-01|a")
    previous = RelatedState({"a": old}, {"a": ()})
    same, renamed, retagged = profiles_of(
        [
            ("a", "Harbour ferry returns", ("ferries",), "2025-01-01|a"),
            ("a", "Harbour tram returns", ("ferries",), "2025-01-01|a"),
            ("a", "Harbour ferry returns", ("trams",), "2025-01-01|a"),
        ],
        previous,
    )
    assert same is old
    assert renamed.title_tokens == {"harbour", "tram", "returns"}
    assert retagged.tags == {"trams"}


def test_cached_state_round_trips_and_a_damaged_one_is_recomputed(tmp_path: Path) -> None:
    profiles = [
        profile(f"id{i}", "Harbour ferry", ["ferries", f"tag{i}"], f"2025-01-0{i}|id{i}")
        for i in range(1, 4)
    ]
    state = update_related(profiles, RelatedState({}, {}))
    with Cache(tmp_path) as cache:
        cache.put_related_state(state, RelatedState({}, {}))
    with Cache(tmp_path) as cache:
        loaded = cache.related_state()
    assert loaded.related == state.related
    assert {i: (p, p.source) for i, p in loaded.profiles.items()} == {
        i: (p, p.source) for i, p in state.profiles.items()
    }
    with Cache(tmp_path) as cache:
        cache.db.execute("UPDATE related_rows SET data = ?", (b"\x00garbage",))
    with Cache(tmp_path) as cache:
        assert cache.related_state() == RelatedState({}, {})


@pytest.mark.parametrize("seed", range(60))
def test_update_after_additions_only_equals_fresh_computation(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The usual run only adds articles: affected ones weigh the newcomers against their
    previous best unless their candidate tags changed (small limits make that happen)."""
    monkeypatch.setattr(related, "MAX_TAG_CANDIDATES", rng_limit := 4 + seed % 5)
    monkeypatch.setattr(related, "MAX_CANDIDATES", rng_limit - 1 - seed % 2)
    rng = random.Random(seed)
    ids = itertools.count()

    def make() -> Profile:
        number = next(ids)
        return profile(
            f"id{number:04d}",
            " ".join(rng.sample(WORDS, rng.randint(1, 3))),
            rng.sample(TAGS[:6], rng.randint(0, 3)),
            f"2025-01-{rng.randint(1, 28):02d}|id{number:04d}",
        )

    profiles = [make() for _ in range(rng.randint(1, 12))]
    state = update_related(profiles, RelatedState({}, {}))
    for _ in range(12):
        profiles = sorted(
            [*profiles, *(make() for _ in range(rng.randint(1, 2)))], key=lambda p: p.id
        )
        state = update_related(profiles, state)
        assert dict(state.related) == related_ids(profiles)
