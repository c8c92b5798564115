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


def lsh_candidates(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[tuple[str, str, Any]]:
    """Documents sharing an LSH bucket with ``doc_id``: (doc_id, text, published)."""
    return con.execute(
        """
        SELECT DISTINCT d.doc_id, d.text, d.published
        FROM doc_lsh mine
        JOIN doc_lsh other ON other.band = mine.band AND other.bucket = mine.bucket AND other.doc_id <> mine.doc_id
        JOIN documents d ON d.doc_id = other.doc_id
        WHERE mine.doc_id = ?
        """,
        [doc_id],
    ).fetchall()


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
    return {
        "documents": totals[0],
        "first": totals[1],
        "last": totals[2],
        "words": totals[3] or 0,
        "events": events,
        "event_mentions": mentions,
        "outlets": [
            {"outlet": o, "documents": n, "near_duplicates": nd, "first": f, "last": l}
            for o, n, nd, f, l in per_outlet
        ],
    }
