"""Filtered lists of merged events, and one event with every report of it.

Why paged: a corpus can hold millions of events; a page shows a slice, and
the export gives the whole filtered list. A page costs the same however deep
it is: the next and previous pages are found from the last and first rows
shown (keyset pagination, ``after``/``before`` cursors), not by counting past
every earlier row. Counting every match on each request is what made large
filters slow, so the count can be capped (``count_limit``): up to the cap it
is exact, beyond it the answer is "more than N". Each event carries the
outlets that reported it (``events.outlets``), so no report is read to show a
page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from foedus.analysis.filters import EventFilter, FilterError

EVENT_COLUMNS = (
    "event_id", "date", "source_code", "source_name", "source_country", "source_org",
    "target_code", "target_name", "target_country", "target_org", "cameo", "root",
    "quad_class", "goldstein", "plover_type", "negated", "modality", "claimed_by_code",
    "claimed_by_name", "location_name", "mentions", "sources", "documents",
)
ORDERS = {"date": "e.date ASC NULLS LAST, e.event_id", "-date": "e.date DESC NULLS LAST, e.event_id"}
# The same orders walked backwards, to fetch the page before a cursor.
_REVERSED = {"date": "e.date DESC NULLS FIRST, e.event_id DESC", "-date": "e.date ASC NULLS FIRST, e.event_id DESC"}
MAX_LIMIT = 100_000
_SEP = "~"


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def cursor_of(row: dict[str, Any]) -> str:
    """The position of an event in a listing: ``DATE~EVENT_ID`` (no date: ``~EVENT_ID``)."""
    when = row["date"].isoformat() if row.get("date") else ""
    return f"{when}{_SEP}{row['event_id']}"


def parse_cursor(value: str) -> tuple[date | None, str]:
    """``(date, event_id)`` from :func:`cursor_of`'s text; :class:`FilterError` if malformed."""
    when, sep, event_id = str(value).partition(_SEP)
    if not sep or not event_id:
        raise FilterError(f"cursor must be DATE~EVENT_ID, not {value!r}")
    if not when:
        return None, event_id
    try:
        return date.fromisoformat(when), event_id
    except ValueError:
        raise FilterError(f"cursor must be DATE~EVENT_ID, not {value!r}") from None


def _keyset(order: str, cursor: tuple[date | None, str], forward: bool) -> tuple[str, list[Any]]:
    """Condition for the events after (``forward``) or before ``cursor`` in ``order``."""
    when, event_id = cursor
    later = ">" if order == "date" else "<"    # the date comparison that moves forward
    earlier = "<" if order == "date" else ">"
    if forward:
        if when is None:  # undated events come last, by id
            return "(e.date IS NULL AND e.event_id > ?)", [event_id]
        return (f"(e.date {later} ? OR (e.date = ? AND e.event_id > ?) OR e.date IS NULL)",
                [when, when, event_id])
    if when is None:
        return "(e.date IS NOT NULL OR e.event_id < ?)", [event_id]
    return f"(e.date {earlier} ? OR (e.date = ? AND e.event_id < ?))", [when, when, event_id]


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = None) -> int:
    """How many events match; with ``limit``, counting stops after ``limit + 1``."""
    where, params = flt.where("e")
    if limit is None:
        return int(con.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()[0])
    sql = f"SELECT count(*) FROM (SELECT 1 FROM events e WHERE {where} LIMIT ?)"
    return int(con.execute(sql, [*params, int(limit) + 1]).fetchone()[0])


def list_events(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    limit: int = 100,
    offset: int = 0,
    order: str = "date",
    after: str | None = None,
    before: str | None = None,
    count_limit: int | None = None,
) -> dict[str, Any]:
    """One page of the events matching ``flt``.

    Returns ``{"total", "total_more_than", "rows", "next", "prev"}``. Each row
    has the event columns plus ``outlets``, the sorted distinct outlets that
    reported it. ``after``/``before`` are cursors (:func:`cursor_of`) of the
    last/first row of a page: the page after or before it is returned, and
    ``offset`` is then ignored. ``next``/``prev`` are the cursors to pass for
    the neighbouring pages (``None`` at either end). ``total`` is the exact
    number of matches, unless ``count_limit`` is given and more match: then
    ``total`` is ``None`` and ``total_more_than`` is ``count_limit``.
    """
    flt = flt or EventFilter()
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    if after and before:
        raise FilterError("give after or before, not both")
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    where, params = flt.where("e")
    forward = not before
    keyset = ""
    if after or before:
        cond, more = _keyset(order, parse_cursor(after or before), forward)
        keyset, params, offset = f" AND {cond}", [*params, *more], 0
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    sql = f"""
        SELECT {cols}, coalesce(e.outlets, []::VARCHAR[]) AS outlets
        FROM events e WHERE {where}{keyset}
        ORDER BY {ORDERS[order] if forward else _REVERSED[order]}
        LIMIT ? OFFSET ?
    """
    rows = _rows(con.execute(sql, [*params, limit + 1, offset]))
    more = len(rows) > limit
    rows = rows[:limit]
    if not forward:
        rows.reverse()
    at_start = not (after or before or offset)
    nxt = prev = None
    if rows:
        if (more if forward else True):
            nxt = cursor_of(rows[-1])
        if (not at_start) if forward else more:
            prev = cursor_of(rows[0])
    if at_start and not more:
        total: int | None = len(rows)  # the whole answer is on this page
    else:
        total = count_events(con, flt, count_limit)
        if count_limit is not None and total > count_limit:
            total = None
    return {
        "total": total,
        "total_more_than": count_limit if total is None else None,
        "rows": rows,
        "next": nxt,
        "prev": prev,
    }


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """The merged event, or ``None`` if there is no such id."""
    cur = con.execute("SELECT * FROM events WHERE event_id = ?", [event_id])
    rows = _rows(cur)
    return rows[0] if rows else None


def event_mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Every report of the event: sentence, offsets, outlet, document title."""
    cur = con.execute(
        """
        SELECT m.* EXCLUDE (outlet, published), d.outlet, d.title, d.published, d.url
        FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
        WHERE m.event_id = ?
        ORDER BY d.published NULLS LAST, d.outlet, m.doc_id, m.sent_index
        """,
        [event_id],
    )
    return _rows(cur)
