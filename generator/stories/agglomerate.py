"""Average-link agglomeration over a sparse similarity graph, with merges that may be barred.

Why by hand: scipy's and scikit-learn's linkage need a dense matrix (10,000 articles make
50 million pairs) and cannot bar a merge (two archived stories, events of other years: veto.py).
Clusters join most similar first while their average similarity, over every pair of their
members (a missing edge counts 0), exceeds the threshold: order of input does not matter.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.stories import veto


@dataclass(frozen=True)
class Node:
    """One starting cluster: an article, or a story of the archive (which may not merge)."""

    size: int  # how many articles it holds (pair averages weigh by it)
    fixed: bool  # an archived story: two fixed clusters never merge
    profile: veto.Profile  # what says it reports another event than a cluster (veto.py)


def average_link(
    nodes: Sequence[Node], edges: Mapping[tuple[int, int], float], threshold: float
) -> list[int]:
    """Return, for each node, the smallest node index of its cluster."""
    size = [n.size for n in nodes]
    fixed = [n.fixed for n in nodes]
    profiles = [n.profile for n in nodes]
    near: list[dict[int, float]] = [{} for _ in nodes]
    for (a, b), s in edges.items():
        near[a][b] = near[b][a] = s
    heap = [(-s, min(a, b), max(a, b)) for (a, b), s in edges.items() if s > threshold]
    heapq.heapify(heap)
    parent = list(range(len(nodes)))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if near[a].get(b) != -neg:
            continue  # stale: one side merged since
        if (fixed[a] and fixed[b]) or veto.conflict(profiles[a], profiles[b]):
            del near[a][b], near[b][a]
            continue
        _merge(a, b, size=size, near=near, heap=heap, threshold=threshold)
        parent[b] = a
        fixed[a] = fixed[a] or fixed[b]
        profiles[a] = veto.merged(profiles[a], profiles[b])
    return [_root(parent, i) for i in range(len(nodes))]


def _merge(
    a: int,
    b: int,
    *,
    size: list[int],
    near: list[dict[int, float]],
    heap: list[tuple[float, int, int]],
    threshold: float,
) -> None:
    """Fold cluster b into a: its similarity to any other is the size-weighted average."""
    na, nb = size[a], size[b]
    links_a, links_b = near[a], near[b]
    del links_a[b], links_b[a]
    for c in sorted(links_a.keys() | links_b.keys()):
        s = (na * links_a.get(c, 0.0) + nb * links_b.get(c, 0.0)) / (na + nb)
        links_a[c] = near[c][a] = s
        near[c].pop(b, None)
        if s > threshold:
            heapq.heappush(heap, (-s, min(a, c), max(a, c)))
    near[b] = {}
    size[a] = na + nb


def _root(parent: list[int], i: int) -> int:
    """Return the node a cluster was folded into last (always its smallest index)."""
    while parent[i] != i:
        i = parent[i]
    return i
