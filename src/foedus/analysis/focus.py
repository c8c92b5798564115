"""Which actor a view starts from, and with whom: read from the data.

Why: a user who ingests news about any conflict must see that conflict's
actors on the first page, not the story the product was first built on. The
default focal actor is the one in the most events of the store, its partners
are the actors it has the most events with, and the periods shown are the
corpus's own. A user's choice (``?focal=``, ``--focal``) always wins.

Only events that count as having happened are counted (not negated, not
claimed by one party only), as in the relations views that use the choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from foedus.analysis.filters import actor_key

# How many partners a view shows by default: enough for the main relations of
# a story, few enough for distinct colours and a readable table.
DEFAULT_PARTNER_COUNT = 5


@dataclass(frozen=True)
class Focus:
    """The default view of a store: focal actor, its partners, the date span."""

    focal: str | None
    partners: tuple[str, ...]
    first: date | None
    last: date | None

    def as_dict(self) -> dict[str, Any]:
        return {"focal": self.focal, "partners": list(self.partners), "first": self.first, "last": self.last}


_COUNTED = "NOT e.negated AND e.claimed_by_code IS NULL"


def focal_actor(con: duckdb.DuckDBPyConnection) -> str | None:
    """The country-level actor in the most events (ties: alphabetical); None for an empty store."""
    src, tgt = actor_key("source"), actor_key("target")
    row = con.execute(
        f"""
        SELECT k FROM (
            SELECT {src} AS k FROM events e WHERE {_COUNTED}
            UNION ALL
            SELECT {tgt} AS k FROM events e WHERE {_COUNTED} AND {tgt} IS DISTINCT FROM {src}
        ) WHERE k IS NOT NULL
        GROUP BY k ORDER BY count(*) DESC, k LIMIT 1
        """
    ).fetchone()
    return row[0] if row else None


def top_partners(con: duckdb.DuckDBPyConnection, focal: str, n: int = DEFAULT_PARTNER_COUNT) -> list[str]:
    """The actors with the most events with ``focal`` (either direction), busiest first."""
    src, tgt = actor_key("source"), actor_key("target")
    rows = con.execute(
        f"""
        SELECT CASE WHEN {src} = ? THEN {tgt} ELSE {src} END AS partner, count(*) AS n
        FROM events e
        WHERE {_COUNTED} AND ({src} = ? OR {tgt} = ?) AND {src} IS NOT NULL AND {tgt} IS NOT NULL
          AND {src} <> {tgt}
        GROUP BY 1 ORDER BY n DESC, partner LIMIT ?
        """,
        [focal, focal, focal, int(n)],
    ).fetchall()
    return [r[0] for r in rows]


def date_span(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """The first and last event date of the store."""
    row = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    return (row[0], row[1]) if row else (None, None)


def default_focus(
    con: duckdb.DuckDBPyConnection, focal: str | None = None, n: int = DEFAULT_PARTNER_COUNT
) -> Focus:
    """The user's focal actor (or the busiest one), its top partners and the store's span."""
    who = focal or focal_actor(con)
    partners = tuple(top_partners(con, who, n)) if who else ()
    first, last = date_span(con)
    return Focus(focal=who, partners=partners, first=first, last=last)
