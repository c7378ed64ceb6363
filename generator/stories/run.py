"""Bring the story state up to date with the store: place new articles, never move old ones."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from generator.config.settings import Paths
from generator.errors import InputError
from generator.model import Article
from generator.store.articles import Store
from generator.stories import group, near, state
from generator.stories.features import features
from generator.stories.state import Placed, StoryFile

DAY_SECONDS = 86400.0


def article_day(article: Article) -> float | None:
    """Return the article's time in days since the epoch (publication, else fetch time)."""
    for stamp in (
        article.published.iso if article.published else None,
        article.fetched_at,
        article.published.local if article.published else None,
    ):
        if stamp:
            try:
                moment = datetime.fromisoformat(stamp)
            except ValueError:
                continue
            if moment.tzinfo is None:  # wall-clock time only: near enough for a window of days
                return datetime.fromisoformat(f"{stamp}+00:00").timestamp() / DAY_SECONDS
            return moment.timestamp() / DAY_SECONDS
    return None


def placed_of(article: Article) -> Placed:
    """Return what the story state keeps of one article."""
    found = features(article.title, article.text)
    return Placed(
        article.id,
        article.title,
        article.url,
        article.source,
        article.published.iso if article.published else None,
        article_day(article),
        found.terms,
        found.names,
        near.signature(article.text),
    )


def place(previous: StoryFile, articles: Sequence[Article]) -> StoryFile:
    """Return the state with new articles placed, oldest first (then by id): deterministic."""
    new = sorted(
        (placed_of(a) for a in articles if a.id not in previous.placed),
        key=lambda p: (p.day is None, p.day or 0.0, p.id),
    )
    originals = {k: p.signature for k, p in previous.placed.items() if p.copy_of is None}
    copies = near.find_copies(originals, [(p.id, p.signature) for p in new])
    new = [dataclasses.replace(p, copy_of=copies.get(p.id)) for p in new]
    grouping = group.add_items(
        previous.grouping, [group.Item(p.id, p.terms, p.day) for p in new], copies
    )
    return StoryFile({**previous.placed, **{p.id: p for p in new}}, grouping)


def update(store_root: Path, state_folder: Path) -> StoryFile:
    """Place the store's new articles and save the state; rebuild it if it lost track."""
    store = Store(store_root)
    ids = [i for i, _ in store.records()]
    previous = state.load(state_folder)
    if not set(previous.placed) <= set(ids):  # a record went away: start again
        previous = StoryFile()
    current = place(previous, list(_readable(store, [i for i in ids if i not in previous.placed])))
    if current.placed.keys() != previous.placed.keys() or not state.exists(state_folder):
        state.save(state_folder, current, previous)  # only the parts that changed
    return current


def _readable(store: Store, ids: Sequence[str]) -> Iterator[Article]:
    """Yield the stored articles that can be read (generate reports the others)."""
    for article_id in ids:
        try:
            article = store.get(article_id)
        except InputError:
            continue  # placed once it can be read
        if article is not None:
            yield article


def update_paths(paths: Paths) -> StoryFile:
    """Place the project's new articles (its store and state folders) and save the state."""
    return update(paths.store, paths.state)
