"""Events as the public JSONL contract (documented in docs/events.md).

Every event carries its evidence (document, outlet, URL, sentence and its
offsets in the clean text) so an exported record can always be checked
against what was printed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

import duckdb


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_code"] is None and row[f"{prefix}_name"] is None:
        return None
    return {k: row[f"{prefix}_{k}"] for k in ("code", "name", "country", "org", "role")}


def iter_events(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """Merged events, oldest first, each with every mention as evidence."""
    evidence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event_id, doc_id, outlet, url, sentence, start, end, published, target_from in con.execute(
        """
        SELECT m.event_id, m.doc_id, d.outlet, d.url, m.sentence, m.sent_start, m.sent_end, d.published,
               m.target_from
        FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
        WHERE m.event_id IS NOT NULL
        ORDER BY m.event_id, d.published NULLS LAST, m.doc_id, m.sent_index
        """
    ).fetchall():
        evidence[event_id].append(
            {
                "doc_id": doc_id,
                "outlet": outlet,
                "url": url,
                "published": published.isoformat() if published else None,
                "sentence": sentence,
                "start": start,
                "end": end,
                "target_from": target_from or "sentence",
            }
        )
    cur = con.execute("SELECT * FROM events ORDER BY date NULLS LAST, event_id")
    names = [c[0] for c in cur.description]
    for values in cur.fetchall():
        row = dict(zip(names, values))
        yield {
            "event_id": row["event_id"],
            "date": row["date"].isoformat() if row["date"] else None,
            "date_precision": row["date_precision"],
            "source": _actor(row, "source"),
            "target": _actor(row, "target"),
            "cameo": row["cameo"],
            "root": row["root"],
            "quad_class": row["quad_class"],
            "goldstein": row["goldstein"],
            "plover": {"type": row["plover_type"], "mode": row["plover_mode"], "context": row["plover_context"]},
            "negated": bool(row["negated"]),
            "modality": row["modality"],
            "claimed_by": (
                {"code": row["claimed_by_code"], "name": row["claimed_by_name"]} if row["claimed_by_code"] else None
            ),
            "location": (
                {
                    "name": row["location_name"],
                    "country": row["location_country"],
                    "lat": row["location_lat"],
                    "lon": row["location_lon"],
                }
                if row["location_name"]
                else None
            ),
            "mentions": row["mentions"],
            "sources": row["sources"],
            "documents": row["documents"],
            "evidence": evidence.get(row["event_id"], []),
        }
