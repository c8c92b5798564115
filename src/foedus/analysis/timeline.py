"""Filtered lists of merged events, and one event with every report of it.

Why paged: a corpus can hold millions of events; a page shows a slice and the
total, and the export gives the whole filtered list. Outlets are gathered for
the shown slice only, so a page costs the same however large the corpus.
"""

from __future__ import annotations

from typing import Any

import duckdb

from foedus.analysis.filters import EventFilter

EVENT_COLUMNS = (
    "event_id", "date", "source_code", "source_name", "source_country", "source_org",
    "target_code", "target_name", "target_country", "target_org", "cameo", "root",
    "quad_class", "goldstein", "plover_type", "negated", "modality", "claimed_by_code",
    "claimed_by_name", "location_name", "mentions", "sources", "documents",
)
ORDERS = {"date": "e.date ASC NULLS LAST, e.event_id", "-date": "e.date DESC NULLS LAST, e.event_id"}
MAX_LIMIT = 100_000


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    where, params = flt.where("e")
    return int(con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0])


def list_events(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    limit: int = 100,
    offset: int = 0,
    order: str = "date",
) -> dict[str, Any]:
    """``{"total": n, "rows": [...]}``: the events matching ``flt``, one page.

    Each row has the event columns plus ``outlets``, the sorted distinct
    outlets that reported it.
    """
    flt = flt or EventFilter()
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    where, params = flt.where("e")
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    sql = f"""
        WITH page AS (
            SELECT {cols} FROM events e WHERE {where}
            ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?
        ),
        outs AS (
            SELECT m.event_id, list_sort(list(DISTINCT d.outlet) FILTER (WHERE d.outlet IS NOT NULL)) AS outlets
            FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
            WHERE m.event_id IN (SELECT event_id FROM page)
            GROUP BY m.event_id
        )
        SELECT page.*, coalesce(outs.outlets, []) AS outlets
        FROM page LEFT JOIN outs ON outs.event_id = page.event_id
        ORDER BY {ORDERS[order].replace('e.', 'page.')}
    """
    rows = _rows(con.execute(sql, [*params, limit, offset]))
    return {"total": count_events(con, flt), "rows": rows}


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The merged event, or ``None`` if there is no such id."""
    cur = con.execute("SELECT * FROM events WHERE event_id = ?", [event_id])
    rows = _rows(cur)
    return rows[0] if rows else None


def event_mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Every report of the event: sentence, offsets, outlet, document title."""
    cur = con.execute(
        """
        SELECT m.*, d.outlet, d.title, d.published, d.url
        FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
        WHERE m.event_id = ?
        ORDER BY d.published NULLS LAST, d.outlet, m.doc_id, m.sent_index
        """,
        [event_id],
    )
    return _rows(cur)
