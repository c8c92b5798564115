"""SQL behind the pages that is not an analysis of its own: the overview,
filter choices, and a document with its evidence spans.

Kept apart from :mod:`foedus.web.app` so that routes stay thin and every
query can be tested and benchmarked without HTTP. All user values are
parameters.
"""

from __future__ import annotations

from typing import Any

import duckdb

from foedus.analysis.filters import actor_key


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Headline numbers: documents, reports, events, outlets, date range."""
    row = con.execute(
        """
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(DISTINCT outlet) FROM documents) AS outlets,
               (SELECT count(*) FROM event_mentions) AS mentions,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM events WHERE negated) AS negated,
               (SELECT count(*) FROM events WHERE claimed_by_code IS NOT NULL) AS claims,
               (SELECT min(date) FROM events) AS first,
               (SELECT max(date) FROM events) AS last
        """
    )
    return _rows(row)[0]


def top_dyads(con: duckdb.DuckDBPyConnection, limit: int = 12) -> list[dict[str, Any]]:
    """The busiest actor pairs (country level, either direction), negated and claimed-only events aside."""
    src, tgt = actor_key("source"), actor_key("target")
    return _rows(con.execute(
        f"""
        SELECT least({src}, {tgt}) AS a, greatest({src}, {tgt}) AS b,
               count(*) AS events,
               round(avg(e.goldstein), 4) AS goldstein_mean,
               count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS coop,
               count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
               min(e.date) AS first, max(e.date) AS last
        FROM events e
        WHERE NOT e.negated AND e.claimed_by_code IS NULL
          AND {src} IS NOT NULL AND {tgt} IS NOT NULL AND {src} <> {tgt}
        GROUP BY 1, 2
        ORDER BY events DESC, a, b
        LIMIT ?
        """,
        [int(limit)],
    ))


def volume(con: duckdb.DuckDBPyConnection, freq: str = "month") -> list[dict[str, Any]]:
    """Events per period and quad class, for the overview chart."""
    from foedus.analysis.periods import trunc_sql

    return _rows(con.execute(
        f"""
        SELECT {trunc_sql(freq, 'date')} AS period, quad_class, count(*) AS events
        FROM events WHERE date IS NOT NULL AND NOT negated
        GROUP BY 1, 2 ORDER BY 1, 2
        """
    ))


def actor_choices(con: duckdb.DuckDBPyConnection, limit: int = 300) -> list[str]:
    """Country-level actor keys by frequency, for the filter pickers."""
    src, tgt = actor_key("source"), actor_key("target")
    rows = con.execute(
        f"""
        SELECT k FROM (
            SELECT {src} AS k FROM events e UNION ALL SELECT {tgt} AS k FROM events e
        ) WHERE k IS NOT NULL GROUP BY k ORDER BY count(*) DESC, k LIMIT ?
        """,
        [int(limit)],
    ).fetchall()
    return [r[0] for r in rows]


def outlet_choices(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet").fetchall()
    return [r[0] for r in rows]


def modality_choices(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("SELECT DISTINCT modality FROM events ORDER BY modality").fetchall()
    return [r[0] for r in rows]


def get_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    rows = _rows(con.execute(
        "SELECT doc_id, url, outlet, title, published, author, language, text, n_words, near_dup_of"
        " FROM documents WHERE doc_id = ?",
        [doc_id],
    ))
    return rows[0] if rows else None


def document_mentions(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """The coded reports in one document, in reading order, with their offsets."""
    return _rows(con.execute(
        """
        SELECT mention_id, event_id, sent_index, sent_start, sent_end, sentence, date,
               trigger_start, trigger_end, trigger_text, cameo, root, quad_class, goldstein,
               negated, modality, claimed_by_code,
               coalesce(source_name, source_code) AS source, coalesce(target_name, target_code) AS target,
               source_code, target_code
        FROM event_mentions WHERE doc_id = ?
        ORDER BY sent_start, trigger_start, mention_id
        """,
        [doc_id],
    ))


def document_quotes(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    return _rows(con.execute(
        "SELECT start_char, end_char, text, kind, speaker_code, speaker_name FROM quotes"
        " WHERE doc_id = ? ORDER BY start_char",
        [doc_id],
    ))
