"""Related-story detection across the store: shared tags and shared title words."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from generator.model import Profile, ProfileSource, RelatedState

MAX_RELATED = 5
MIN_SCORE = 0.2
# Tags carried by more articles than this do not propose candidates (they still count in the
# score): a popular tag would make every pair of its articles a candidate, O(n^2) at scale.
MAX_TAG_CANDIDATES = 200
MAX_CANDIDATES = 100  # stop adding tags' articles once this many are candidates
# Title words: runs of letters/digits, or single CJK characters (CJK has no spaces).
TITLE_TOKEN = re.compile(r"[^\W\d_]{3,}|\d{2,}|[\u3040-\u30ff\u4e00-\u9fff]", re.UNICODE)
TITLE_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "into",
        "over",
        "after",
        "says",
        "said",
        "will",
    ]
)


def profile(article_id: str, title: str, tags: Sequence[str], sort_key: str) -> Profile:
    """Return the comparison profile of one article."""
    tokens = {t.casefold() for t in TITLE_TOKEN.findall(title)} - TITLE_STOP
    return Profile(
        article_id,
        frozenset(t.casefold() for t in tags),
        frozenset(tokens),
        sort_key,
        (article_id, title, tuple(tags), sort_key),
    )


def profiles_of(sources: Sequence[ProfileSource], previous: RelatedState) -> list[Profile]:
    """Return the articles' profiles, reusing last run's for an unchanged title, tags and time."""
    known = previous.profiles
    out = []
    for source in sources:
        found = known.get(source[0])
        out.append(found if found is not None and found.source == source else profile(*source))
    return out


def related_ids(profiles: Sequence[Profile]) -> dict[str, tuple[str, ...]]:
    """Return, for each id, the ids of its most related articles, best first.

    What update_related returns from an empty state, without its bookkeeping of changes.
    """
    by_tag = _members_by_tag(profiles)
    newest: dict[str, list[Profile]] = {}
    return {p.id: _related_of(p, by_tag, newest) for p in profiles}


def _members_by_tag(profiles: Sequence[Profile]) -> dict[str, list[Profile]]:
    """Return each tag's profiles in the order given."""
    by_tag: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles:
        for tag in sorted(p.tags):
            by_tag[tag].append(p)
    return by_tag


def related_of_sources(sources: Sequence[ProfileSource]) -> dict[str, tuple[str, ...]]:
    """Return related_ids of the articles' profiles, computed afresh."""
    return related_ids([profile(*source) for source in sources])


def update_related(profiles: Sequence[Profile], previous: RelatedState) -> RelatedState:
    """Return related coverage for `profiles`, recomputing only what the changes can affect.

    An article's result depends only on the member lists of its own tags (and the profiles
    on them), so only articles sharing a tag with a changed profile can change; members of a
    tag too popular to propose candidates are affected only when none of their tags is
    small enough (the rarest-tag fallback). When articles were only added (the usual run),
    an affected article whose candidate tags stay the same merely weighs the newcomers
    against its previous best. Equal to computing everything afresh.
    """
    by_tag = _members_by_tag(profiles)
    current = {p.id: p for p in profiles}
    # Unchanged profiles are usually the very objects loaded (profiles_of): `is` first.
    changed = [p for p in profiles if (o := previous.profiles.get(p.id)) is not p and o != p]
    changed += [
        p
        for i, p in previous.profiles.items()  # old versions
        if (c := current.get(i)) is not p and c != p
    ]
    before: dict[str, int] = defaultdict(int)
    for p in previous.profiles.values():
        for tag in p.tags:
            before[tag] += 1
    affected = {p.id for p in changed if p.id in current}
    for tag in sorted({t for p in changed for t in p.tags}):
        small = min(before[tag], len(by_tag[tag])) <= MAX_TAG_CANDIDATES
        for q in by_tag[tag]:
            if small or all(len(by_tag[t]) > MAX_TAG_CANDIDATES for t in q.tags):
                affected.add(q.id)
    only_added = all(p.id not in previous.profiles for p in changed)
    result: dict[str, tuple[str, ...]] = {}
    newest: dict[str, list[Profile]] = {}  # tags' members newest first, sorted once
    for p in profiles:
        old = previous.related.get(p.id)
        if old is None or p.id not in previous.profiles:
            result[p.id] = _related_of(p, by_tag, newest)
        elif p.id not in affected:
            result[p.id] = old
        elif (
            only_added
            and (
                merged := _merged(
                    p, old, changed, current=current, by_tag=by_tag, before=before, newest=newest
                )
            )
            is not None
        ):
            result[p.id] = merged
        else:
            result[p.id] = _related_of(p, by_tag, newest)
    return RelatedState(current, result)


def _merged(
    p: Profile,
    old: tuple[str, ...],
    added: Sequence[Profile],
    *,
    current: Mapping[str, Profile],
    by_tag: Mapping[str, list[Profile]],
    before: Mapping[str, int],
    newest: dict[str, list[Profile]],
) -> tuple[str, ...] | None:
    """Return p's result after articles were `added` (p unchanged), from its previous best;
    None when that cannot be done exactly (then recompute it).

    With the same candidate tags the new candidates are the old ones plus the newcomers on
    those tags, and no old candidate outside the previous best can overtake it. With the
    same fallback tag, newcomers enter its newest window and the oldest leave it: exact
    unless one of the previous best left.
    """

    def count_before(tag: str) -> int:
        return before.get(tag, 0)

    def count_now(tag: str) -> int:
        return len(by_tag[tag])

    tags = _candidate_tags(p, count_before)
    if tags != _candidate_tags(p, count_now):
        return None
    if tags is not None:
        newcomers = [q for q in added if not q.tags.isdisjoint(tags)]
    else:
        rarest = _rarest(p, count_before)
        if rarest != _rarest(p, count_now):
            return None
        members, fresh = _newest_members(rarest, by_tag, newest), {q.id for q in added}
        window = {q.id for q in members[:MAX_TAG_CANDIDATES]}
        window_before = [q.id for q in members if q.id not in fresh][:MAX_TAG_CANDIDATES]
        if any(i in old for i in window_before if i not in window):
            return None
        newcomers = [q for q in members[:MAX_TAG_CANDIDATES] if q.id in fresh]
    scored = [(-_score(p, current[i]), i) for i in old]
    scored += [(-score, q.id) for q in newcomers if (score := _score(p, q)) >= MIN_SCORE]
    scored.sort()
    return tuple(i for _, i in scored[:MAX_RELATED])


def _rarest(p: Profile, count: Callable[[str], int]) -> str:
    """Return the tag whose newest articles stand in when all of p's tags are popular."""
    return min(sorted(p.tags), key=count)


def _newest_members(
    tag: str, by_tag: Mapping[str, list[Profile]], newest: dict[str, list[Profile]]
) -> list[Profile]:
    """Return a tag's members newest first, sorted once per update (`newest` keeps them)."""
    if tag not in newest:
        newest[tag] = sorted(by_tag[tag], key=lambda q: (q.sort_key, q.id), reverse=True)
    return newest[tag]


def _candidate_tags(p: Profile, count: Callable[[str], int]) -> tuple[str, ...] | None:
    """Return the tags whose members _candidates proposes for p, given each tag's member
    count; None when it falls back to the rarest tag's newest articles."""
    taken: list[str] = []
    found = 0
    for tag in sorted(p.tags, key=lambda t: (count(t), t)):
        if found >= MAX_CANDIDATES or count(tag) > MAX_TAG_CANDIDATES:
            break
        taken.append(tag)
        found += count(tag)
    return tuple(taken) if found or not p.tags else None


def _score(p: Profile, q: Profile) -> float:
    """Return how related q is to p: Jaccard similarity of their tags and title words."""
    shared = len(p.tags & q.tags)
    by_tags = shared / (len(p.tags) + len(q.tags) - shared) if p.tags and q.tags else 0.0
    words, others = p.title_tokens, q.title_tokens
    shared = len(words & others)
    by_words = shared / (len(words) + len(others) - shared) if words and others else 0.0
    return 0.7 * by_tags + 0.3 * by_words


def _related_of(
    p: Profile, by_tag: Mapping[str, list[Profile]], newest: dict[str, list[Profile]]
) -> tuple[str, ...]:
    """Return the ids of p's most related articles, best first (score, then id)."""
    scored: list[tuple[float, str]] = []
    seen = {p.id}
    for q in _candidates(p, by_tag, newest):
        if q.id in seen:
            continue
        seen.add(q.id)
        score = _score(p, q)
        if score >= MIN_SCORE:
            scored.append((-score, q.id))
    scored.sort()
    return tuple(qid for _, qid in scored[:MAX_RELATED])


def _candidates(
    p: Profile, by_tag: Mapping[str, list[Profile]], newest: dict[str, list[Profile]]
) -> list[Profile]:
    """Return articles sharing p's rarest tags, at most about MAX_CANDIDATES of them.

    Rare tags say most about a story, and bounding the candidates keeps the whole pass
    linear in the archive's size; the rarest tag's newest articles stand in when every tag
    is too popular to list.
    """
    found: list[Profile] = []
    for tag in sorted(p.tags, key=lambda t: (len(by_tag[t]), t)):
        if len(found) >= MAX_CANDIDATES or len(by_tag[tag]) > MAX_TAG_CANDIDATES:
            break
        found.extend(by_tag[tag])
    if found or not p.tags:
        return found
    rarest = _rarest(p, lambda tag: len(by_tag[tag]))
    return _newest_members(rarest, by_tag, newest)[:MAX_TAG_CANDIDATES]
