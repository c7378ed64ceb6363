"""Near-duplicates: the same text republished (wire copy, syndication, an updated page).

MinHash signatures of the body's word 5-grams, looked up in a datasketch LSH index: a
changed headline, byline or page furniture leaves most 5-grams of the body alone, a trimmed
last paragraph removes a few of them.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

NUM_PERM = 64
SHINGLE = 5  # words per shingle: long enough that two different reports rarely share one
# Estimated Jaccard of two bodies' shingles above which they are one text. The same wire
# story trimmed by a fifth still scores about 0.8; two reports quoting the same statement
# share a sentence or two, far below.
NEAR_THRESHOLD = 0.6
SEED = 1
SCHEME = "affine32"  # datasketch 2: 32-bit values, a collision-free permutation
# Shingles are hashed with CRC-32 (datasketch: any 32-bit hash; SHA-1 cost 4 s a 1,000 articles).
WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    """Return the text's lower-cased word 5-grams (the words themselves when it is short)."""
    words = [w.casefold() for w in WORD.findall(text)]
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> str:
    """Return the text's MinHash signature as hex (stored with the story state)."""
    from datasketch import MinHash  # noqa: PLC0415 - loads scipy: only when articles are new

    found = shingles(text)
    if not found:
        return ""
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        scheme=SCHEME,
        hashfunc=zlib.crc32,
        permutations=_permutations(),
    )
    minhash.update_batch(sorted(found))
    return bytes(np.asarray(minhash.hashvalues, dtype="<u4").tobytes()).hex()


def _minhash(hex_signature: str) -> LeanMinHash:
    """Return the MinHash of a stored signature (lean: no permutations drawn again, which
    cost 1.7 of 11.6 CPU-s placing one article among 10,000)."""
    from datasketch import LeanMinHash  # noqa: PLC0415 - see signature

    values = np.frombuffer(bytes.fromhex(hex_signature), dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


@functools.lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """Return the MinHash permutations of SEED, drawn once: datasketch draws them from a new
    random generator for every MinHash (half of signing an article)."""
    from datasketch import MinHash  # noqa: PLC0415 - see signature

    drawn = np.array(MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations)
    drawn.setflags(write=False)  # shared by every MinHash: none may change it
    return drawn


def find_copies(known: Mapping[str, str], new: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Return new id -> id of the earlier article it copies, for each new near-duplicate.

    `known` maps the originals already placed to their signatures, in placing order; `new`
    lists (id, signature) in placing order. A copy points at the first article of its text,
    never at another copy, so one text has one original. An empty body copies nothing.
    """
    if not any(hex_signature for _, hex_signature in new):
        return {}  # nothing new can be a copy: skip indexing every original (and scipy's import)
    from datasketch import MinHashLSH  # noqa: PLC0415 - see signature

    lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
    order: dict[str, int] = {}
    hashes: dict[str, LeanMinHash] = {}
    copies: dict[str, str] = {}
    for key, hex_signature in [*known.items(), *new]:
        if not hex_signature:
            continue
        minhash = hashes[key] = _minhash(hex_signature)
        if key not in known:
            near = [
                k
                for k in lsh.query(minhash)
                if k not in copies and minhash.jaccard(hashes[k]) >= NEAR_THRESHOLD
            ]
            if near:
                copies[key] = min(near, key=order.__getitem__)
        order[key] = len(order)
        lsh.insert(key, minhash)
    return copies
