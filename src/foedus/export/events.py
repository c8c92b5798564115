"""Events as the public JSONL contract (documented in docs/events.md), and
the per-mention detail the other formats are built from.

Every event carries its evidence (document, outlet, URL, sentence and its
offsets in the clean text) so an exported record can always be checked
against what was printed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator

import duckdb

from . import geo

# One row per event mention with what every export format needs from it.
_MENTIONS_SQL = """
    SELECT m.event_id, m.mention_id, m.doc_id, d.outlet, d.url, d.title, d.language, d.published, d.ingested_at,
           length(d.text) AS doc_len, m.sentence, m.sent_index, m.sent_start, m.sent_end, m.target_from,
           m.date, m.date_precision, m.cameo, m.negated, m.modality, m.claimed_by_code,
           m.source_code, m.source_text, m.target_code, m.target_text, m.trigger_start, m.trigger_end, m.trigger_text
    FROM event_mentions m JOIN documents d ON d.doc_id = m.doc_id
    WHERE m.event_id IS NOT NULL
    ORDER BY m.event_id, d.published NULLS LAST, m.doc_id, m.sent_index, m.mention_id
"""


def utc(stamp: datetime | None) -> datetime | None:
    """A stored timestamp in UTC.

    Why: the store writes ``ingested_at`` as a naive timestamp in the local
    time of the machine that ingested, and every export that gives a time
    (GDELT's DATEADDED, for one) promises UTC.
    """
    if stamp is None:
        return None
    return stamp.astimezone(timezone.utc)  # a naive stamp is taken as local time


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_code"] is None and row[f"{prefix}_name"] is None:
        return None
    return {k: row[f"{prefix}_{k}"] for k in ("code", "name", "country", "org", "role")}


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row["location_name"]:
        return None
    return {
        "name": row["location_name"],
        "country": row["location_country"],
        "lat": row["location_lat"],
        "lon": row["location_lon"],
        "level": geo.location_level(
            row["location_name"], row["location_country"], row["location_lat"], row["location_lon"],
            geo.stored_level(row),
        ),
    }


def _evidence(m: dict[str, Any]) -> dict[str, Any]:
    """The contract's view of one mention."""
    return {
        "doc_id": m["doc_id"],
        "outlet": m["outlet"],
        "url": m["url"],
        "published": m["published"].isoformat() if m["published"] else None,
        "sentence": m["sentence"],
        "start": m["sent_start"],
        "end": m["sent_end"],
        "target_from": m["target_from"] or "sentence",
        "mention_id": m["mention_id"],
    }


def _event(row: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
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
        "location": _location(row),
        "mentions": row["mentions"],
        "sources": row["sources"],
        "documents": row["documents"],
        "evidence": [_evidence(m) for m in mentions],
    }


def iter_event_mentions(con: duckdb.DuckDBPyConnection) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Merged events, oldest first, each as ``(contract record, its mention rows)``.

    The mention rows hold more than the contract's evidence (the document's
    ingest time and length, actor texts, trigger offsets, the mention's own
    code and modality): the GDELT, PLOVER and table exports need them.
    """
    cur = con.execute(_MENTIONS_SQL)
    names = [c[0] for c in cur.description]
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for values in cur.fetchall():
        m = dict(zip(names, values))
        m["ingested_at"] = utc(m["ingested_at"])
        by_event[m["event_id"]].append(m)
    cur = con.execute("SELECT * FROM events ORDER BY date NULLS LAST, event_id")
    names = [c[0] for c in cur.description]
    for values in cur.fetchall():
        row = dict(zip(names, values))
        mentions = by_event.get(row["event_id"], [])
        yield _event(row, mentions), mentions


def iter_events(con: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    """Merged events, oldest first, each with every mention as evidence (the JSONL contract)."""
    for event, _ in iter_event_mentions(con):
        yield event


def keep(
    items: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]], negated: bool = True, unasserted: bool = True
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Only the events a format may carry: without negated ones unless ``negated``,
    without claimed/future/hypothetical/threatened ones unless ``unasserted``."""
    for event, mentions in items:
        if event["negated"] and not negated:
            continue
        if event["modality"] != "asserted" and not unasserted:
            continue
        yield event, mentions
