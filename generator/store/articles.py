"""The article store: one JSON record per article under data/articles/, written atomically.

The store is append-only by design: a record, once stored, is never changed or removed by
ingesting again, so a source that changes its layout or starts serving junk cannot damage
articles already kept.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from generator.errors import InputError
from generator.ids import canonical_url
from generator.model import Article, Published
from generator.store import atomic

SCHEMA_VERSION = 1
AddOutcome = Literal["new", "unchanged"]


def article_to_record(article: Article) -> dict[str, Any]:
    """Return the JSON-ready record of an article."""
    record = asdict(article)
    record["authors"] = list(article.authors)
    record["feed_tags"] = list(article.feed_tags)
    return {"schema": SCHEMA_VERSION, "article": record}


def article_from_record(record: dict[str, Any], origin: str) -> Article:
    """Rebuild an Article from its stored record; raise InputError when it is malformed."""
    try:
        data = dict(record["article"])
        published = data.pop("published", None)
        return Article(
            **{k: v for k, v in data.items() if k not in ("authors", "feed_tags")},
            authors=tuple(data.get("authors", ())),
            feed_tags=tuple(data.get("feed_tags", ())),
            published=Published(**published) if published else None,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(f"{origin}: malformed store record ({error})") from error


def dumps_record(article: Article) -> str:
    """Serialise a record deterministically (sorted keys, stable layout)."""
    record = article_to_record(article)
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


class Store:
    """Read and add article records under `root` (normally data/articles)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, article_id: str) -> Path:
        """Return the record path of an id (two-level fan-out keeps folders small)."""
        return self.root / article_id[:2] / f"{article_id}.json"

    def add(self, article: Article) -> AddOutcome:
        """Store an article unless its id is already kept; never overwrite a record."""
        path = self.path_for(article.id)
        if path.exists():
            return "unchanged"
        atomic.write_text(path, dumps_record(article))
        return "new"

    def get(self, article_id: str) -> Article | None:
        """Return the stored article with this id, or None when there is none."""
        path = self.path_for(article_id)
        return self._load(path) if path.exists() else None

    def ids(self) -> list[str]:
        """Return every stored id, sorted."""
        if not self.root.exists():
            return []
        return sorted(p.stem for p in self.root.glob("*/*.json"))

    def records(self) -> list[tuple[str, os.DirEntry[str]]]:
        """Return (id, directory entry) of every record, sorted by id: one scan, no parsing."""
        if not self.root.is_dir():
            return []
        found: list[tuple[str, os.DirEntry[str]]] = []
        with os.scandir(self.root) as folders:
            for folder in folders:
                if not folder.is_dir():
                    continue
                with os.scandir(folder.path) as files:
                    found.extend(
                        (f.name[:-5], f)
                        for f in files
                        if f.name.endswith(".json") and not f.name.startswith(".")
                    )
        return sorted(found, key=lambda pair: pair[0])

    def __iter__(self) -> Iterator[Article]:
        """Yield stored articles in id order, one at a time (the store may be large)."""
        for article_id in self.ids():
            yield self._load(self.path_for(article_id))

    def known_urls(self) -> frozenset[str]:
        """Return the canonical URLs of all stored articles."""
        return frozenset(canonical_url(a.url) for a in self if a.url)

    def _load(self, path: Path) -> Article:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: unreadable store record ({error})") from error
        return self.load_bytes(path, data)

    def load_bytes(self, path: Path, data: bytes) -> Article:
        """Return the article of a record already read (callers that hash its bytes)."""
        try:
            record = json.loads(data.decode("utf-8"))
        except ValueError as error:
            raise InputError(f"{path}: unreadable store record ({error})") from error
        return article_from_record(record, str(path))
