"""Merging event mentions across documents into events.

The same real event told by several articles (same dyad, same CAMEO root,
same polarity, dates within a window) becomes one event that keeps every
mention as evidence, like GDELT's NumMentions/NumSources but with the
sentences kept. Copies of the same wire story (near-duplicate documents)
count once towards ``documents`` and ``sources``: a story reprinted is not
corroboration.

Why recompute over the whole store each time instead of merging
incrementally: the result then depends only on what is stored, never on the
order documents arrived in, which is what makes an interrupted-and-restarted
ingest equal to an uninterrupted one.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from ..store.write import insert_rows

WINDOW_DAYS = 3

_MENTION_COLUMNS = (
    "mention_id, m.doc_id, m.date, m.date_precision, source_code, source_name, source_country, source_org, source_role,"
    " target_code, target_name, target_country, target_org, target_role, cameo, root, quad_class, goldstein,"
    " plover_type, plover_mode, plover_context, negated, modality, claimed_by_code, claimed_by_name,"
    " location_name, location_country, location_lat, location_lon,"
    " coalesce(d.near_dup_of, d.doc_id) AS canonical_doc, coalesce(cd.outlet, d.outlet) AS outlet,"
    " d.outlet AS own_outlet"
)


@dataclass(frozen=True)
class MergeResult:
    events: int
    mentions: int


def _event_id(key: tuple[Any, ...], first_mention: str) -> str:
    raw = "|".join(str(k) for k in key) + "|" + first_mention
    return "ev-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _cluster(rows: list[dict[str, Any]], window: int) -> list[list[dict[str, Any]]]:
    """Chains of mentions whose dates lie within ``window`` days of the chain's first."""
    undated = [r for r in rows if r["date"] is None]
    dated = sorted((r for r in rows if r["date"] is not None), key=lambda r: (r["date"], r["mention_id"]))
    clusters: list[list[dict[str, Any]]] = []
    for r in dated:
        if clusters and r["date"] - clusters[-1][0]["date"] <= timedelta(days=window):
            clusters[-1].append(r)
        else:
            clusters.append([r])
    clusters.extend([r] for r in sorted(undated, key=lambda r: r["mention_id"]))
    return clusters


def _summarise(cluster: list[dict[str, Any]]) -> dict[str, Any]:
    first = cluster[0]
    codes = Counter(r["cameo"] for r in cluster)
    cameo = sorted(codes, key=lambda c: (-codes[c], -len(c), c))[0]
    rep = next(r for r in cluster if r["cameo"] == cameo)
    asserted = [r for r in cluster if r["modality"] == "asserted"]
    modalities = Counter(r["modality"] for r in cluster)
    modality = "asserted" if asserted else sorted(modalities, key=lambda m: (-modalities[m], m))[0]
    claimers = [r for r in cluster if r["claimed_by_code"]] if not asserted else []
    precise = [r for r in cluster if r["date_precision"] == "day"]
    when = min(r["date"] for r in precise) if precise else first["date"]
    precision = "day" if precise else first["date_precision"]
    located = [r for r in cluster if r["location_name"]]
    loc = Counter((r["location_name"], r["location_country"], r["location_lat"], r["location_lon"]) for r in located)
    where = sorted(loc, key=lambda k: (-loc[k], str(k[0])))[0] if loc else (None, None, None, None)
    canonical_docs = {r["canonical_doc"] for r in cluster}
    # A document with no known outlet counts as a source of its own.
    outlets = {r["outlet"] or f"doc:{r['canonical_doc']}" for r in cluster}
    # Who printed it: each report's own document's outlet (a reprint names its own).
    reported_by = sorted({r["own_outlet"] for r in cluster if r["own_outlet"] is not None})
    return {
        "date": when,
        "date_precision": precision,
        **{k: first[k] for k in ("source_code", "source_name", "source_country", "source_org", "source_role",
                                 "target_code", "target_name", "target_country", "target_org", "target_role")},
        # Country-level actor keys, as foedus.analysis.filters.actor_key defines them.
        "source_key": first["source_org"] if first["source_org"] is not None else first["source_country"],
        "target_key": first["target_org"] if first["target_org"] is not None else first["target_country"],
        "cameo": cameo,
        "root": rep["root"],
        "quad_class": rep["quad_class"],
        "goldstein": rep["goldstein"],
        "plover_type": rep["plover_type"],
        "plover_mode": rep["plover_mode"],
        "plover_context": rep["plover_context"],
        "negated": first["negated"],
        "modality": modality,
        "claimed_by_code": claimers[0]["claimed_by_code"] if claimers else None,
        "claimed_by_name": claimers[0]["claimed_by_name"] if claimers else None,
        "location_name": where[0],
        "location_country": where[1],
        "location_lat": where[2],
        "location_lon": where[3],
        "mentions": len(cluster),
        "sources": len(outlets),
        "documents": len(canonical_docs),
        "outlets": reported_by,
    }


def merge_events(
    con: duckdb.DuckDBPyConnection, window_days: int = WINDOW_DAYS, own_transaction: bool = True
) -> MergeResult:
    """Rebuild ``events`` and every mention's ``event_id`` from the stored mentions.

    ``own_transaction=False`` lets a caller (recode) make the merge part of a
    larger all-or-nothing change.
    """
    cur = con.execute(
        f"""
        SELECT {_MENTION_COLUMNS}
        FROM event_mentions m
        JOIN documents d ON d.doc_id = m.doc_id
        LEFT JOIN documents cd ON cd.doc_id = d.near_dup_of
        """
    )
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in rows:
        if isinstance(r["date"], str):
            r["date"] = date.fromisoformat(r["date"])
        key = (r["source_code"], r["target_code"], r["root"], bool(r["negated"]))
        groups.setdefault(key, []).append(r)
    events: list[dict[str, Any]] = []
    mapping: list[dict[str, Any]] = []
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        for cluster in _cluster(groups[key], window_days):
            first_id = min(r["mention_id"] for r in cluster)
            event_id = _event_id(key, first_id)
            events.append({"event_id": event_id, **_summarise(cluster)})
            mapping.extend({"mention_id": r["mention_id"], "event_id": event_id} for r in cluster)
    if own_transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM events")
        insert_rows(con, "events", events)
        con.execute("UPDATE event_mentions SET event_id = NULL")
        if mapping:
            con.execute("CREATE TEMP TABLE IF NOT EXISTS _event_map (mention_id VARCHAR, event_id VARCHAR)")
            con.execute("DELETE FROM _event_map")
            insert_rows(con, "_event_map", mapping)
            con.execute(
                "UPDATE event_mentions SET event_id = m.event_id FROM _event_map m WHERE event_mentions.mention_id = m.mention_id"
            )
            con.execute("DROP TABLE _event_map")
        if own_transaction:
            con.execute("COMMIT")
    except Exception:
        if own_transaction:
            con.execute("ROLLBACK")
        raise
    return MergeResult(events=len(events), mentions=len(rows))
