"""Merging event mentions across documents into events.

The same real event told by several articles (same dyad, same CAMEO root,
same polarity, same claimant for a report of a party's claim, dates within a
window) becomes one event that keeps every
mention as evidence, like GDELT's NumMentions/NumSources but with the
sentences kept. Copies of the same wire story (near-duplicate documents)
count once towards ``documents`` and ``sources``: a story reprinted is not
corroboration.

Why recompute over the whole store each time instead of merging
incrementally: the result then depends only on what is stored, never on the
order documents arrived in, which is what makes an interrupted-and-restarted
ingest equal to an uninterrupted one.

Event ids (docs/events.md): an id is a hash of what identifies the event
itself (dyad, CAMEO root, polarity, claimant, the event's date and its precision), never
of which report happened to be stored first, so a saved id survives the later
ingest of more reports, older or newer, of the same event.
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
    " coalesce(d.near_dup_of, d.doc_id) AS canonical_doc, coalesce(cd.outlet, d.outlet) AS outlet,"
    " d.outlet AS own_outlet"
)
_LOCATION_COLUMNS = ("location_name", "location_country", "location_lat", "location_lon")


@dataclass(frozen=True)
class MergeResult:
    events: int
    mentions: int


def _event_id(identity: tuple[Any, ...], salt: int = 0) -> str:
    """``ev-`` and 12 hex digits of the SHA-1 of the event's identity (``salt`` > 0 only to break a clash)."""
    raw = "|".join(str(k) for k in identity) + (f"#{salt}" if salt else "")
    return "ev-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _identity(key: tuple[Any, ...], summary: dict[str, Any], cluster: list[dict[str, Any]]) -> tuple[Any, ...]:
    """What an event is: its dyad, root and polarity (``key``) with its own date and precision.

    Why not the first mention: which report is stored first depends on when
    articles were ingested, and an id that moves when an older article
    arrives breaks every id a user saved. An undated event stays a single
    mention (nothing to chain it by), so its identity includes that
    mention's id, itself derived from the document's content.
    """
    when = summary["date"]
    if when is None:
        return (*key, None, summary["date_precision"], cluster[0]["mention_id"])
    return (*key, when.isoformat(), summary["date_precision"])


def _assign_ids(identities: list[tuple[tuple[Any, ...], str]]) -> list[str]:
    """Unique ids for ``(identity, tiebreak)`` pairs, whatever order they come in.

    Two events get the same hash only if their identities are equal (the
    clustering keeps dated events of one dyad and root at least a window
    apart, so this should not happen) or the 48-bit hashes clash (about one
    chance in 500 of any clash among a million events). Either way the
    clashing events are ranked by identity and then ``tiebreak`` (their
    smallest mention id); the first keeps its hash and each later one is
    re-hashed with a counter as salt until its id is free, so the result
    depends only on the set of events, never on the order they were stored
    or listed.
    """
    order = sorted(range(len(identities)), key=lambda i: ("|".join(map(str, identities[i][0])), identities[i][1]))
    ids: list[str] = [""] * len(identities)
    taken: set[str] = set()
    for i in order:
        event_id, salt = _event_id(identities[i][0]), 0
        while event_id in taken:
            salt += 1
            event_id = _event_id(identities[i][0], salt)
        taken.add(event_id)
        ids[i] = event_id
    return ids


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


def _summarise(cluster: list[dict[str, Any]], location_columns: tuple[str, ...] = _LOCATION_COLUMNS) -> dict[str, Any]:
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
    loc = Counter(tuple(r[c] for c in location_columns) for r in located)
    where = sorted(loc, key=lambda k: (-loc[k], tuple(str(v) for v in k)))[0] if loc else (None,) * len(location_columns)
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
        **dict(zip(location_columns, where)),
        "mentions": len(cluster),
        "sources": len(outlets),
        "documents": len(canonical_docs),
        "outlets": reported_by,
    }


def _location_columns(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The event location columns: the four base ones and any further ``location_*``
    column that both ``event_mentions`` and ``events`` have (a place's kind or
    admin level, say), so that a column added to both is carried through the
    merge without a change here."""

    def columns(table: str) -> list[str]:
        return [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main' "
            "ORDER BY ordinal_position", [table]).fetchall()]

    in_events = set(columns("events"))
    extra = [c for c in columns("event_mentions") if c.startswith("location_") and c in in_events and c not in _LOCATION_COLUMNS]
    return (*_LOCATION_COLUMNS, *extra)


def merge_events(
    con: duckdb.DuckDBPyConnection, window_days: int = WINDOW_DAYS, own_transaction: bool = True
) -> MergeResult:
    """Rebuild ``events`` and every mention's ``event_id`` from the stored mentions.

    ``own_transaction=False`` lets a caller (recode) make the merge part of a
    larger all-or-nothing change.
    """
    location_columns = _location_columns(con)
    cur = con.execute(
        f"""
        SELECT {_MENTION_COLUMNS}, {", ".join(f"m.{c}" for c in location_columns)}
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
        # A report that only carries a party's claim ("Tallinn said Russian jets entered")
        # is kept apart from reports that state the act as fact: merged, the claimant
        # would be lost, and an accusation would read as an established event.
        claimant = r["claimed_by_code"] if r["modality"] == "claimed" else None
        key = (r["source_code"], r["target_code"], r["root"], bool(r["negated"]), claimant)
        groups.setdefault(key, []).append(r)
    events: list[dict[str, Any]] = []
    clusters: list[list[dict[str, Any]]] = []
    identities: list[tuple[tuple[Any, ...], str]] = []
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        for cluster in _cluster(groups[key], window_days):
            summary = _summarise(cluster, location_columns)
            events.append(summary)
            clusters.append(cluster)
            identities.append((_identity(key, summary, cluster), min(r["mention_id"] for r in cluster)))
    mapping: list[dict[str, Any]] = []
    for event, cluster, event_id in zip(events, clusters, _assign_ids(identities)):
        event["event_id"] = event_id
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
