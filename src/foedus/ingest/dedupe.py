"""Exact and near-duplicate detection.

Exact: the same raw bytes (content hash) or the same normalised clean text
(text hash) are one document. Near: the same wire story in two outlets with
small edits; it is stored (each outlet's copy is evidence of what that outlet
printed) but linked to the earlier copy so that counts of sources are not
inflated. Candidates come from MinHash LSH buckets (datasketch), kept in the
store so that the check scales with the corpus; each candidate is then
verified with the Jaccard similarity of word shingles (hashed: ``shingle_hashes``).
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass
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


# odd 64-bit multipliers that mix the k word hashes of a shingle into one (arithmetic modulo 2**64)
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
                 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9], dtype=np.uint64)


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """The text's word k-shingles as one sorted array of distinct 64-bit hashes.

    Why: verifying a batch's near-duplicate candidates shingles hundreds of
    stored texts at once, and as sets of strings they took some 60 KB of small
    Python objects per text (25-35 MB a batch at 10,000 stored articles, growing
    with the store), which left the interpreter's arenas larger after every
    batch. An array is one block per text, freed whole, and the similarity is
    the same as :func:`jaccard` over :func:`shingles` unless two distinct
    shingles of a pair share all 64 bits. The words are hashed with Python's
    own string hash, which differs between processes: the arrays are compared
    within one process and never stored.
    """
    if not 1 <= k <= len(_MIX):
        raise ValueError(f"shingle width {k} is not between 1 and {len(_MIX)}")
    words = _WORD.findall(normalise(text))
    if len(words) < k:  # one shingle of all the words, as shingles() does
        return np.array([hash(" ".join(words))], dtype=np.int64).view(np.uint64) if words else np.empty(0, np.uint64)
    w = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)).view(np.uint64)
    n = len(words) - k + 1
    grams = w[:n] * _MIX[0]
    for i in range(1, k):
        grams += w[i : i + n] * _MIX[i]  # unsigned: wraps modulo 2**64
    return np.unique(grams)


def hashed_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two :func:`shingle_hashes` arrays."""
    if not a.size or not b.size:
        return 0.0
    both = np.intersect1d(a, b, assume_unique=True).size
    return both / (a.size + b.size - both)


@lru_cache(maxsize=1)
def _permutations() -> tuple[str, np.ndarray]:
    """The scheme and permutations of a ``MinHash`` of ``SEED``, drawn once (read-only): ``MinHash``
    draws them anew from a fresh random generator for every signature, a sixth of its cost here."""
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    permutations = template.permutations
    permutations.setflags(write=False)
    return template.scheme, permutations


@dataclass(frozen=True)
class Sketch:
    """A text's MinHash signature (``NUM_PERM`` 32-bit values, as bytes; empty for a text without words)
    and its LSH ``(band, bucket)`` pairs."""

    signature: bytes
    buckets: list[tuple[int, int]]


def sketch(text: str) -> Sketch:
    """The text's MinHash signature and LSH buckets.

    Two texts share at least one bucket with high probability when their
    shingle Jaccard similarity is above ~0.5 (32 bands of 4 rows). The
    signature is kept with the document so that a candidate pair can be
    judged from the two signatures (:func:`signature_similarity`) before any
    text is read and shingled again.
    """
    scheme, permutations = _permutations()
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=scheme, permutations=permutations)
    sh = shingles(text)
    if not sh:
        return Sketch(b"", [])
    mh.update_batch([s.encode("utf-8") for s in sh])
    values = np.asarray(mh.hashvalues, dtype=np.uint32)  # datasketch's values are below 2**32
    out: list[tuple[int, int]] = []
    for band in range(BANDS):
        # the buckets hash datasketch's own 64-bit values, as stored buckets always have (stores stay comparable)
        chunk = mh.hashvalues[band * ROWS : (band + 1) * ROWS].tobytes()
        bucket = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)
        out.append((band, bucket))
    return Sketch(values.tobytes(), out)


def lsh_buckets(text: str) -> list[tuple[int, int]]:
    """(band, bucket) pairs of the text's MinHash signature (see :func:`sketch`)."""
    return sketch(text).buckets


def signature_similarity(a: bytes | None, b: bytes | None) -> float | None:
    """The share of equal values in two signatures: an unbiased estimate of the texts' shingle
    Jaccard similarity, with a standard error of sqrt(s(1-s)/NUM_PERM) (0.044 at 0.5); None
    when either is missing (a document stored before signatures were kept) or malformed."""
    if not a or not b or len(a) != len(b) or len(a) % 4:
        return None
    return float(np.mean(np.frombuffer(a, dtype=np.uint32) == np.frombuffer(b, dtype=np.uint32)))


def worth_verifying(estimate: float | None, threshold: float) -> bool:
    """Whether a candidate pair must be verified word by word: unless its signatures' estimate lies more
    than six standard errors (at the threshold) below the threshold, which a pair as similar as the
    threshold does about once in a billion. Without an estimate, always."""
    if estimate is None:
        return True
    margin = 6 * math.sqrt(max(threshold * (1 - threshold), 0.0) / NUM_PERM)
    return estimate >= threshold - margin
