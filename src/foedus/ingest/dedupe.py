"""Exact and near-duplicate detection.

Exact: the same raw bytes (content hash) or the same normalised clean text
(text hash) are one document. Near: the same wire story in two outlets with
small edits; it is stored (each outlet's copy is evidence of what that outlet
printed) but linked to the earlier copy so that counts of sources are not
inflated. Candidates come from MinHash LSH buckets (datasketch), kept in the
store so that the check scales with the corpus; each candidate is then
verified with the exact Jaccard similarity of word shingles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

import numpy as np
from datasketch import MinHash

SHINGLE = 3
NUM_PERM = 128
SEED = 7
BANDS = 32
ROWS = NUM_PERM // BANDS

_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def normalise(text: str) -> str:
    """Text as compared for identity: case, quotes, dashes and spacing folded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(text.split())


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    words = _WORD.findall(normalise(text))
    if len(words) < k:
        return {" ".join(words)} if words else set()
    # the k-grams as tuples of k staggered views of the words, not one slice per position
    return {" ".join(gram) for gram in zip(*(words[i:] for i in range(k)))}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@lru_cache(maxsize=1)
def _permutations() -> tuple[str, np.ndarray]:
    """The scheme and permutations of a ``MinHash`` of ``SEED``, drawn once (read-only): ``MinHash``
    draws them anew from a fresh random generator for every signature, a sixth of its cost here."""
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    permutations = template.permutations
    permutations.setflags(write=False)
    return template.scheme, permutations


def lsh_buckets(text: str) -> list[tuple[int, int]]:
    """(band, bucket) pairs of the text's MinHash signature.

    Two texts share at least one bucket with high probability when their
    shingle Jaccard similarity is above ~0.5 (32 bands of 4 rows).
    """
    scheme, permutations = _permutations()
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=scheme, permutations=permutations)
    sh = shingles(text)
    if not sh:
        return []
    mh.update_batch([s.encode("utf-8") for s in sh])
    values = mh.hashvalues
    out: list[tuple[int, int]] = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        bucket = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)
        out.append((band, bucket))
    return out
