"""Related coverage: the incremental update equals computing everything afresh."""

from __future__ import annotations

import itertools
import random

import pytest

from generator import related
from generator.related import Profile, RelatedState, profile, related_ids, update_related

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
        return profile(f"id{number:04d}", " ".join(rng.sample(WORDS, 2)),
                       rng.sample(TAGS, rng.randint(0, 4)),
                       f"2025-01-{rng.randint(1, 28):02d}|id{number:04d}")

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
    profiles = [profile(f"id{i}", "Harbour ferry", ["ferries"], f"2025-01-0{i}|id{i}")
                for i in range(1, 4)]
    state = update_related(profiles, RelatedState({}, {}))
    marked = RelatedState(state.profiles, {k: ("sentinel",) for k in state.related})
    assert set(update_related(profiles, marked).related.values()) == {("sentinel",)}
