"""Near-duplicate links for a batch of newly stored documents, in one set-based step.

Why this shape: each document's MinHash LSH buckets are stored (``doc_lsh``)
with the document, so the candidates of a whole batch come from one SQL join
of the batch's buckets against all stored buckets (one scan per batch, not a
query per document). A candidate pair is judged first by the two documents'
stored MinHash signatures (the share of equal values estimates the same
similarity): a pair they rule out is never read (``ingest/dedupe.worth_verifying``;
most candidates of news that retells the same events are far below the
threshold). The rest are verified with the Jaccard similarity of word
shingles (as arrays of 64-bit hashes: see ``ingest/dedupe.shingle_hashes``),
each text shingled at most once per batch, so the links and their scores are
exact. Most documents have no candidate and cost nothing more. A document
stored before signatures were kept is always verified, and is given its
signature when its text is first read for that, so an older store catches up
where it is compared, not in a pass over all of it.

The links themselves are applied document by document in batch order, as
before, so the groups, their canonical copies and the scores are the same:
the canonical copy of a group is the earliest published (then the smallest
id), whatever order the files came in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb
import numpy as np

from ..coding.merge import unmerge_documents
from ..ingest.dedupe import hashed_jaccard, shingle_hashes, signature_similarity, sketch, worth_verifying
from ..store import read as store_read
from ..store import write as store_write


def candidate_scores(
    con: duckdb.DuckDBPyConnection, docs: Sequence[tuple[str, str]], threshold: float
) -> dict[str, list[tuple[str, float]]]:
    """For each of ``docs`` (``(doc_id, text)``, already stored), the stored
    documents sharing an LSH bucket with it whose shingle similarity is at
    least ``threshold``, as ``(other doc_id, score)``. Parts of one long
    document (same content hash) are no copies of each other."""
    pairs, signatures = store_read.lsh_candidate_pairs(con, [d for d, _ in docs])
    # judged by their signatures first: a pair they rule out is never read nor shingled
    pairs = [(d, o) for d, o in pairs
             if worth_verifying(signature_similarity(signatures.get(d), signatures.get(o)), threshold)]
    if not pairs:
        return {}
    texts = dict(docs)
    missing = {o for _, o in pairs if o not in texts}
    texts.update(store_read.texts_of(con, missing))
    # a stored document without a signature (kept from before they were) gets it now, its text being read
    store_write.fill_signatures(con, {o: sketch(texts[o]).signature for o in missing
                                      if signatures.get(o) is None and o in texts})
    cache: dict[str, np.ndarray] = {}

    def sh(doc_id: str) -> np.ndarray:
        got = cache.get(doc_id)
        if got is None:
            got = cache[doc_id] = shingle_hashes(texts[doc_id])
        return got

    out: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for doc_id, other in sorted(pairs):
        score = hashed_jaccard(sh(doc_id), sh(other))
        if score >= threshold:
            out[doc_id].append((other, score))
    return dict(out)


def link_group(
    con: duckdb.DuckDBPyConnection, doc_id: str, published: date | None, matches: Sequence[tuple[str, Any, float]]
) -> tuple[str, float]:
    """Put ``doc_id`` and its ``matches`` (``(doc_id, published, score)``) and
    the groups they already belong to under one canonical copy; returns
    ``(canonical, best score)``. Runs inside the batch's transaction."""
    group: dict[str, Any] = {doc_id: published}
    for other_id, other_published, _ in matches:
        group[other_id] = other_published
    for other_id, head, head_published in store_read.group_heads(con, [m[0] for m in matches]):
        group[head] = head_published
    canonical = min(group, key=lambda d: (group[d] is None, group[d] or 0, d))
    best = max(score for _, _, score in matches)
    con.execute(
        "UPDATE documents SET near_dup_of = ?, near_dup_score = coalesce(near_dup_score, ?) WHERE doc_id IN (SELECT unnest(?)) AND doc_id <> ?",
        [canonical, best, list(group), canonical],
    )
    con.execute("UPDATE documents SET near_dup_of = NULL, near_dup_score = NULL WHERE doc_id = ?", [canonical])
    con.execute(
        "UPDATE documents SET near_dup_of = ? WHERE near_dup_of IN (SELECT unnest(?)) AND doc_id <> ?",
        [canonical, list(group), canonical],
    )
    return canonical, best


def link_batch(
    con: duckdb.DuckDBPyConnection, docs: Sequence[tuple[str, str, date | None]], threshold: float
) -> dict[str, tuple[str, float]]:
    """Link newly stored ``docs`` (``(doc_id, text, published)``, in batch
    order) to their near-duplicates; returns ``{doc_id: (canonical, best score)}``
    for the documents that have any."""
    found = candidate_scores(con, [(d, t) for d, t, _ in docs], threshold)
    if not found:
        return {}
    published = store_read.published_of(con, {o for ms in found.values() for o, _ in ms})
    links: dict[str, tuple[str, float]] = {}
    for doc_id, _, pub in docs:
        matches = found.get(doc_id)
        if matches:
            links[doc_id] = link_group(con, doc_id, pub, [(o, published.get(o), s) for o, s in matches])
    # every document of a group that changed: the events of its reports count documents and outlets by group
    heads = sorted({canonical for canonical, _ in links.values()})
    if heads:
        members = con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))"
                              " OR near_dup_of IN (SELECT unnest(?))", [heads, heads]).fetchall()
        unmerge_documents(con, [d for (d,) in members])
    return links
