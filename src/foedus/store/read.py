"""Queries the jobs, exports and commands share (the web has its own layer)."""

from __future__ import annotations

from typing import Any, Iterable

import duckdb


def known_content(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> set[str]:
    hashes = list(hashes)
    if not hashes:
        return set()
    rows = con.execute("SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?))", [hashes]).fetchall()
    return {r[0] for r in rows}


def doc_with_text_hash(con: duckdb.DuckDBPyConnection, text_hash: str) -> str | None:
    row = con.execute("SELECT doc_id FROM documents WHERE text_hash = ? LIMIT 1", [text_hash]).fetchone()
    return row[0] if row else None


def docs_with_text_hashes(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> dict[str, str]:
    """``{text_hash: doc_id}`` of stored documents with any of these text hashes (one query)."""
    hashes = list(hashes)
    if not hashes:
        return {}
    rows = con.execute(
        "SELECT text_hash, min(doc_id) FROM documents WHERE text_hash IN (SELECT unnest(?)) GROUP BY text_hash", [hashes]
    ).fetchall()
    return dict(rows)


def lsh_candidate_pairs(
    con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]
) -> tuple[list[tuple[str, str]], dict[str, bytes | None]]:
    """``(doc_id, other)`` for each of ``doc_ids`` and each stored document
    sharing an LSH bucket with it, other than the parts of the same content
    (same content hash): one join for a whole batch; with the MinHash
    signature of every document named (None where none is stored).

    Why two statements: joined in one, DuckDB's planner built its hash table
    over the whole ``documents`` table (every id and content hash, twice) to
    compare the content hashes of a few hundred pairs, so each batch's memory
    grew with the store. The pairs come first; then only the documents they
    name are read, filtered by a list that DuckDB hashes instead."""
    doc_ids = list(doc_ids)
    if not doc_ids:
        return [], {}
    pairs = con.execute(
        """
        WITH mine AS (SELECT doc_id, band, bucket FROM doc_lsh WHERE doc_id IN (SELECT unnest(?)))
        SELECT DISTINCT mine.doc_id AS doc_id, other.doc_id AS other
        FROM mine JOIN doc_lsh other
          ON other.band = mine.band AND other.bucket = mine.bucket AND other.doc_id <> mine.doc_id
        """,
        [doc_ids],
    ).fetchall()
    if not pairs:
        return [], {}
    named = sorted({d for pair in pairs for d in pair})
    content: dict[str, str] = {}
    signatures: dict[str, bytes | None] = {}
    for doc_id, content_hash, signature in con.execute(
            "SELECT doc_id, content_hash, minhash FROM documents WHERE doc_id IN (SELECT unnest(?))", [named]).fetchall():
        content[doc_id] = content_hash
        signatures[doc_id] = signature
    kept = [(d, o) for d, o in pairs if d in content and o in content and content[d] != content[o]]
    return kept, signatures


def texts_of(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> dict[str, str]:
    doc_ids = list(doc_ids)
    if not doc_ids:
        return {}
    return dict(con.execute("SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall())


def published_of(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> dict[str, Any]:
    doc_ids = list(doc_ids)
    if not doc_ids:
        return {}
    return dict(con.execute("SELECT doc_id, published FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall())


def group_heads(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> list[tuple[str, str, Any]]:
    """``(doc_id, near_dup_of, that copy's published)`` for those of ``doc_ids`` already linked to a group.

    Two look-ups filtered by lists rather than a self-join: joined, DuckDB hashed the whole
    ``documents`` table to find a few heads' dates."""
    doc_ids = list(doc_ids)
    if not doc_ids:
        return []
    linked = con.execute(
        "SELECT doc_id, near_dup_of FROM documents WHERE doc_id IN (SELECT unnest(?)) AND near_dup_of IS NOT NULL",
        [doc_ids],
    ).fetchall()
    published = published_of(con, {head for _, head in linked})
    return [(doc_id, head, published.get(head)) for doc_id, head in linked]


def corpus_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts a person wants after a run: per outlet, date range, rejections."""
    per_outlet = con.execute(
        """
        SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS documents,
               count(*) FILTER (WHERE near_dup_of IS NOT NULL) AS near_duplicates,
               min(published) AS first, max(published) AS last
        FROM documents GROUP BY 1 ORDER BY documents DESC, outlet
        """
    ).fetchall()
    totals = con.execute(
        "SELECT count(*), min(published), max(published), sum(n_words) FROM documents"
    ).fetchone()
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    mentions = con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    # reports of stored documents in no event yet: an ingest stopped before its merge (the next one merges them)
    awaiting = con.execute("SELECT count(*) FROM event_mentions m WHERE m.event_id IS NULL"
                           " AND EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = m.doc_id)").fetchone()[0]
    return {
        "documents": totals[0],
        "first": totals[1],
        "last": totals[2],
        "words": totals[3] or 0,
        "events": events,
        "event_mentions": mentions,
        "awaiting_merge": awaiting,
        "outlets": [
            {"outlet": o, "documents": n, "near_duplicates": nd, "first": f, "last": l}
            for o, n, nd, f, l in per_outlet
        ],
    }
