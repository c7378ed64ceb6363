"""What rendering names by hash (tag and source pages).

The per-article display data moved down so that the store and notes need not import render:
`Entry` and `EditorChanges` live in generator.model, page placement in generator.placement.
They are also imported here, for the render modules of this round's parallel branches; new
code imports them from their homes.
"""

from __future__ import annotations

import hashlib

from generator.model import EditorChanges, Entry
from generator.placement import make_entry, moment_of, site_day, sort_key

__all__ = ["EditorChanges", "Entry", "key_hash", "make_entry", "moment_of", "site_day", "sort_key"]


def key_hash(name: str) -> str:
    """Return a stable short hash naming a tag or source page."""
    return hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()
