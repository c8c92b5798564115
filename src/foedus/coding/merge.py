"""Merging event mentions across documents into events.

The same real event told by several articles (same dyad, same CAMEO root,
same polarity, same claimant for a report of a party's claim, dates within a
window) becomes one event that keeps every
mention as evidence, like GDELT's NumMentions/NumSources but with the
sentences kept. Copies of the same wire story (near-duplicate documents)
count once towards ``documents`` and ``sources``: a story reprinted is not
corroboration.

Why the result must depend only on what is stored, never on the order
documents arrived in: that is what makes an interrupted-and-restarted ingest
equal to an uninterrupted one. :func:`merge_events` rebuilds every event
from the stored mentions. An ingest calls :func:`merge_pending`, which
rebuilds only the groups (dyad, root, polarity, claimant) that hold a
mention not yet placed in an event: a group's events depend on its own
mentions and their documents alone, so the result is the full merge's, at a
cost that follows what was added, not the store's size. A mention awaits a
merge when its ``event_id`` is NULL: a new report's, or one whose document
changed near-duplicate group (the linker clears the events of such reports
in the batch's own transaction, :func:`unmerge_documents`). A crash before
the merge leaves them waiting for the next ingest's.

Event ids (docs/events.md): an id is a hash of what identifies the event
itself (dyad, CAMEO root, polarity, claimant, the event's date and its precision), never
of which report happened to be stored first, so a saved id survives the later
ingest of more reports, older or newer, of the same event.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
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
    " d.outlet AS own_outlet, s.date AS sentence_date, s.date_from AS sentence_date_from"
)
_LOCATION_COLUMNS = ("location_name", "location_country", "location_lat", "location_lon")


@dataclass(frozen=True)
class MergeResult:
    events: int
    mentions: int


def _hash_id(identity: str, salt: int = 0) -> str:
    """``ev-`` and 12 hex digits of the SHA-1 of an identity string (``salt`` > 0 only to break a clash)."""
    raw = identity + (f"#{salt}" if salt else "")
    return "ev-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:12]


def _event_id(identity: tuple[Any, ...], salt: int = 0) -> str:
    """The id of an event's identity (its parts joined by ``|``)."""
    return _hash_id("|".join(str(k) for k in identity), salt)


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


def _stated_day(r: dict[str, Any]) -> Any:
    """The day a mention's own text gives its act: a day-precise date, or the story's day its sentence takes
    from the account it continues ("Qatar said on Monday ... The spokesman denounced the attack"); else None."""
    if r["date_precision"] == "day":
        return r["date"]
    if r.get("sentence_date_from") == "story" and r.get("sentence_date") == r["date"]:
        return r["date"]
    return None


def _cluster(rows: list[dict[str, Any]], window: int) -> list[list[dict[str, Any]]]:
    """Chains of mentions whose dates lie within ``window`` days of the chain's first.

    The window bridges dates that are uncertain (a report's publication day); two mentions whose texts each
    state the act's day, and state different days, tell two acts (one act, one date), so a mention with a
    stated day never joins a chain that holds another stated day from another story (a copy of a document,
    or the document itself, tells the same story and stays with it).
    """
    undated = [r for r in rows if r["date"] is None]
    dated = sorted((r for r in rows if r["date"] is not None), key=lambda r: (r["date"], r["mention_id"]))
    clusters: list[list[dict[str, Any]]] = []
    # the open chain's stories (canonical documents) and stated days, kept as sets: a story told by
    # hundreds of reports is checked in constant time per report, not once per report already chained
    stories: set[Any] = set()
    days: set[Any] = set()
    for r in dated:
        day = _stated_day(r)
        if clusters and r["date"] - clusters[-1][0]["date"] <= timedelta(days=window) and not (
                day is not None and r["canonical_doc"] not in stories and days - {day}):
            clusters[-1].append(r)
        else:
            clusters.append([r])
            stories, days = set(), set()
        stories.add(r["canonical_doc"])
        if day is not None:
            days.add(day)
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


# Mentions merged per pass: the groups (dyad, root, polarity, claimant) are
# read a part at a time, so memory stays bounded whatever the store's size.
PART_MENTIONS = 5_000

# The group of a mention, as SQL (``bool(negated)`` and the claimant of a claim, as in Python below).
_GROUP_SQL = ("m.source_code, m.target_code, m.root, coalesce(m.negated, false),"
              " CASE WHEN m.modality = 'claimed' THEN m.claimed_by_code END")


# A mention ``m`` of a group filed in ``_merge_parts p``.
_IN_PART = ("p.p_source IS NOT DISTINCT FROM m.source_code AND p.p_target IS NOT DISTINCT FROM m.target_code"
            " AND p.p_root IS NOT DISTINCT FROM m.root AND p.p_negated = coalesce(m.negated, false)"
            " AND p.p_claimant IS NOT DISTINCT FROM (CASE WHEN m.modality = 'claimed' THEN m.claimed_by_code END)")


def _parts(con: duckdb.DuckDBPyConnection, size: int, pending_only: bool = False) -> int:
    """File every group (``pending_only``: every group holding a mention not yet placed in an event) in a
    part of at most ``size`` mentions (a bigger group is a part of its own), in the temp table
    ``_merge_parts``; returns the number of parts."""
    having = " HAVING bool_or(m.event_id IS NULL)" if pending_only else ""
    groups = con.execute(
        f"SELECT {_GROUP_SQL}, count(*) AS n FROM event_mentions m GROUP BY ALL{having} ORDER BY n DESC").fetchall()
    con.execute("CREATE OR REPLACE TEMP TABLE _merge_parts (p_source VARCHAR, p_target VARCHAR, p_root VARCHAR,"
                " p_negated BOOLEAN, p_claimant VARCHAR, part INTEGER)")
    rows, part, filled = [], 0, 0
    for *key, n in groups:
        if filled and filled + n > size:
            part, filled = part + 1, 0
        rows.append(dict(zip(("p_source", "p_target", "p_root", "p_negated", "p_claimant"), key), part=part))
        filled += n
    insert_rows(con, "_merge_parts", rows)
    return part + 1 if rows else 0


def merge_events(
    con: duckdb.DuckDBPyConnection, window_days: int = WINDOW_DAYS, own_transaction: bool = True,
    part_mentions: int = PART_MENTIONS,
) -> MergeResult:
    """Rebuild ``events`` and every mention's ``event_id`` from the stored mentions.

    ``own_transaction=False`` lets a caller (recode) make the merge part of a
    larger all-or-nothing change. The mentions are read one part of whole
    groups at a time (at most ``part_mentions``, unless one group is larger),
    and each part's events go to a temporary table: memory depends on the
    largest part, not on the store. Ids are settled at the end over all
    events, so the result is the same whatever the parts.
    """
    location_columns = _location_columns(con)
    # Staging runs in transactions of its own when the merge owns its transaction: each part's
    # events then go to the file as they come, where one transaction would hold every staged
    # row in memory until its commit (memory growing with the store). The staging tables are
    # scratch, replaced by the next merge; the visible swap below is all or nothing.
    n_events, n_mentions = _stage(con, part_mentions, window_days, location_columns, autocommit=own_transaction)
    if own_transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        clashed = _settle_ids(con)
        con.execute("DELETE FROM merge_clashes")
        insert_rows(con, "merge_clashes", [{"event_id": e} for e in sorted(clashed)])
        con.execute("DELETE FROM events")
        cols = _event_columns(con)
        con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _merge_events ORDER BY ev_index")
        # each mention takes its event's id (a mention of no stored document, none)
        _point_mentions(con, merged_only=False)
        for table in ("_merge_parts", "_merge_events", "_event_map"):
            con.execute(f"DROP TABLE {table}")
        if own_transaction:
            con.execute("COMMIT")
    except Exception:
        if own_transaction:
            con.execute("ROLLBACK")
        raise
    return MergeResult(events=n_events, mentions=n_mentions)


# Above this many staged mentions, a merge rebuilds ``event_mentions`` instead of updating it in place:
# DuckDB holds an UPDATE's changed values in memory until the transaction ends (about 100 bytes a
# mention), which a writer's memory limit does not allow at some hundreds of thousands of mentions
# (traced: the full merge of 893,596 mentions ran out of memory at 96 MB), while a rebuilt table goes
# to the file as it is written. Below it, updating only the rows that change is cheaper.
REBUILD_ABOVE = 100_000
# The rebuild reads the stored mentions this many row ids at a time, so that its hash tables and its
# sort hold one slice of the table, and only its ids, whatever the store's size (the new ids of all
# 893,596 at once, joined and sorted, ran out of memory at 48 MB).
REBUILD_SLICE = 50_000


def _point_mentions(con: duckdb.DuckDBPyConnection, merged_only: bool) -> None:
    """Give each stored mention its staged event's id, inside the merge's transaction.

    A mention staged (``_event_map``) takes the id of its event; one not staged loses its id if
    that id is one of the merged groups' old events (``merged_only``: ``_merge_old``) or, after a
    full merge, whatever it was (no stored document holds it). Either in place, or, past
    :data:`REBUILD_ABOVE` staged mentions, by writing the table anew, slice by slice of row ids
    and in the same order (:data:`REBUILD_SLICE`), in the same transaction: a slice's new ids are
    worked out first, narrow and in row order, then laid beside its rows (``POSITIONAL JOIN``), so
    no hash table or sort ever holds the wide rows.
    """
    def gone(column: str) -> str:  # an unstaged mention's id is dropped when this holds
        return f"{column} IN (SELECT event_id FROM _merge_old)" if merged_only else "true"

    (staged,) = con.execute("SELECT count(*) FROM _event_map").fetchone()
    if staged <= REBUILD_ABOVE:
        con.execute(
            "UPDATE event_mentions SET event_id = e.event_id FROM _event_map m JOIN _merge_events e USING (ev_index)"
            " WHERE event_mentions.mention_id = m.mention_id AND event_mentions.event_id IS DISTINCT FROM e.event_id")
        con.execute(
            f"UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL AND {gone('event_id')}"
            " AND mention_id NOT IN (SELECT mention_id FROM _event_map)")
        return
    (ddl,) = con.execute(
        "SELECT sql FROM duckdb_tables() WHERE table_name = 'event_mentions' AND schema_name = 'main'").fetchone()
    head = "CREATE TABLE event_mentions("
    if not ddl.startswith(head):
        raise RuntimeError(f"unexpected definition of event_mentions: {ddl[:60]}")
    con.execute("CREATE TABLE _event_mentions_new(" + ddl[len(head):])
    # the slices that hold rows (a transaction's own new rows have row ids of their own, far above the rest)
    slices = [k for (k,) in con.execute(
        f"SELECT DISTINCT rowid // {REBUILD_SLICE} AS k FROM event_mentions ORDER BY k").fetchall()]
    for k in slices:
        lo, hi = k * REBUILD_SLICE, (k + 1) * REBUILD_SLICE
        rows = f"SELECT rowid AS _row, * FROM event_mentions WHERE rowid >= {lo} AND rowid < {hi}"
        # the slice's new ids, narrow and in row order: the only rows hashed and sorted
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _slice_ids AS
            WITH m AS (SELECT _row, mention_id, event_id FROM ({rows})),
            x AS (SELECT mention_id, ev_index FROM _event_map WHERE mention_id IN (SELECT mention_id FROM m)),
            ids AS (SELECT x.mention_id, e.event_id FROM x
                    JOIN (SELECT ev_index, event_id FROM _merge_events WHERE ev_index IN (SELECT ev_index FROM x)) e
                    USING (ev_index))
            SELECT m._row, CASE WHEN ids.mention_id IS NOT NULL THEN ids.event_id
                                WHEN {gone('m.event_id')} THEN NULL ELSE m.event_id END AS event_id
            FROM m LEFT JOIN ids ON ids.mention_id = m.mention_id
            ORDER BY m._row
            """)
        # the wide rows streamed beside them, row by row; each row checked against its own
        con.execute(
            "INSERT INTO _event_mentions_new SELECT m.* EXCLUDE (_row) REPLACE (CASE WHEN m._row = n._row"
            " THEN n.event_id ELSE error('event_mentions rebuilt out of step at row ' || m._row) END AS event_id)"
            f" FROM ({rows}) m POSITIONAL JOIN _slice_ids n")
    con.execute("DROP TABLE IF EXISTS _slice_ids")
    con.execute("DROP TABLE event_mentions")
    con.execute("ALTER TABLE _event_mentions_new RENAME TO event_mentions")


def _event_columns(con: duckdb.DuckDBPyConnection) -> str:
    return ", ".join(f'"{r[0]}"' for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' AND table_schema = 'main'"
        " ORDER BY ordinal_position").fetchall())


def merge_pending(
    con: duckdb.DuckDBPyConnection, window_days: int = WINDOW_DAYS, part_mentions: int = PART_MENTIONS,
) -> MergeResult:
    """Merge again only the groups that hold a mention awaiting a merge (``event_id`` NULL): the events
    :func:`merge_events` would give, at a cost that follows what was added since the last merge.

    The groups' events are rebuilt from all their mentions (old and new), their ids settled among
    themselves (equal identities belong to one group), and swapped in, all or nothing. Where two
    different identities hash alike (a new event's id equal to one of another group, or among the new
    events), or such a clash settled before is still on record (``merge_clashes``), this runs the full
    merge instead: only it ranks those events over the whole store.
    """
    if con.execute("SELECT count(*) FROM merge_clashes").fetchone()[0]:
        return merge_events(con, window_days, part_mentions=part_mentions)
    location_columns = _location_columns(con)
    _stage(con, part_mentions, window_days, location_columns, autocommit=True, pending_only=True)
    con.execute("BEGIN TRANSACTION")
    try:
        if _settle_ids(con):  # two different identities hashed alike: only the full merge ranks them
            con.execute("ROLLBACK")
            return merge_events(con, window_days, part_mentions=part_mentions)
        # the events the merged groups had
        con.execute("CREATE OR REPLACE TEMP TABLE _merge_old AS SELECT DISTINCT m.event_id FROM event_mentions m"
                    f" JOIN _merge_parts p ON {_IN_PART} WHERE m.event_id IS NOT NULL")
        clash = con.execute(
            """
            SELECT count(*) FROM (
                SELECT event_id FROM _merge_events GROUP BY event_id HAVING count(*) > 1
                UNION ALL
                SELECT n.event_id FROM _merge_events n JOIN events e USING (event_id)
                WHERE e.event_id NOT IN (SELECT event_id FROM _merge_old))
            """).fetchone()[0]
        if clash:
            con.execute("ROLLBACK")
            return merge_events(con, window_days, part_mentions=part_mentions)
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _merge_old)")
        cols = _event_columns(con)
        con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _merge_events ORDER BY ev_index")
        # a mention of these groups that no stored document holds has no event, as in the full merge
        _point_mentions(con, merged_only=True)
        for table in ("_merge_parts", "_merge_events", "_event_map", "_merge_old"):
            con.execute(f"DROP TABLE {table}")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    events, mentions = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions WHERE event_id IS NOT NULL)"
    ).fetchone()
    return MergeResult(events=events, mentions=mentions)


def unmerge_documents(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> int:
    """Take out the events reported by ``doc_ids`` and leave all their mentions awaiting the next merge;
    returns the number of events taken out.

    Why: an event counts documents and outlets through each report's near-duplicate group, so when a
    document's group changes, the events of its reports must be merged again. Called in the same
    transaction as the change, so a crash before the merge leaves the mentions waiting, not stale events.
    """
    doc_ids = list(doc_ids)
    if not doc_ids:
        return 0
    ids = [r[0] for r in con.execute(
        "SELECT DISTINCT event_id FROM event_mentions WHERE doc_id IN (SELECT unnest(?)) AND event_id IS NOT NULL",
        [doc_ids]).fetchall()]
    if ids:
        con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [ids])
        con.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IN (SELECT unnest(?))", [ids])
    return len(ids)


def _stage(con: duckdb.DuckDBPyConnection, part_mentions: int, window_days: int, location_columns: tuple[str, ...],
           autocommit: bool, pending_only: bool = False) -> tuple[int, int]:
    """Merge the stored mentions (``pending_only``: those of the groups awaiting a merge) part by part into
    the staging tables ``_merge_events`` and ``_event_map`` (``autocommit``: each statement its own
    transaction); returns (events, mentions)."""
    n_parts = _parts(con, part_mentions, pending_only)
    # staging tables in the database file, not temporary ones: DuckDB writes rows of a stored
    # table out to the file, where a temporary table would hold every event in memory
    con.execute("CREATE OR REPLACE TABLE _merge_events AS SELECT * FROM events LIMIT 0")
    con.execute("ALTER TABLE _merge_events ADD COLUMN ev_index BIGINT")
    con.execute("ALTER TABLE _merge_events ADD COLUMN identity VARCHAR")
    con.execute("ALTER TABLE _merge_events ADD COLUMN tiebreak VARCHAR")
    con.execute("CREATE OR REPLACE TABLE _event_map (mention_id VARCHAR, ev_index BIGINT)")
    n_events = n_mentions = 0
    for part in range(n_parts):
        cur = con.execute(
            f"""
            SELECT {_MENTION_COLUMNS}, {", ".join(f"m.{c}" for c in location_columns)}
            FROM event_mentions m
            JOIN _merge_parts p ON {_IN_PART}
            JOIN documents d ON d.doc_id = m.doc_id
            LEFT JOIN documents cd ON cd.doc_id = d.near_dup_of
            LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.sent_index = m.sent_index
            WHERE p.part = ?
            """, [part])
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        n_mentions += len(rows)
        events, mapping = _merge_part(rows, window_days, location_columns, n_events)
        n_events += len(events)
        if autocommit:
            con.execute("BEGIN TRANSACTION")
        insert_rows(con, "_merge_events", events)
        insert_rows(con, "_event_map", mapping)
        if autocommit:
            con.execute("COMMIT")
    return n_events, n_mentions


def _merge_part(rows: list[dict[str, Any]], window_days: int, location_columns: tuple[str, ...], first_index: int
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The events of whole groups of mentions (numbered from ``first_index``), with their identities
    and provisional ids, and the mention -> event map."""
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
    mapping: list[dict[str, Any]] = []
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        for cluster in _cluster(groups[key], window_days):
            event = _summarise(cluster, location_columns)
            identity = _identity(key, event, cluster)
            event["ev_index"] = first_index + len(events)
            event["identity"] = "|".join(str(k) for k in identity)
            event["tiebreak"] = min(r["mention_id"] for r in cluster)
            event["event_id"] = _event_id(identity)
            mapping.extend({"mention_id": r["mention_id"], "ev_index": event["ev_index"]} for r in cluster)
            events.append(event)
    return events, mapping


def _settle_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Make the provisional ids of ``_merge_events`` unique, whatever order the events came in; returns
    the ids involved in a clash of two different identities (the hash and the salted ids given), empty
    when there is none.

    Two events get the same hash when their identities are equal (two
    chains of one group that end up with the same date and precision: a
    few in 10,000 events) or when the 48-bit hashes of two different
    identities clash (about one chance in 500 of any clash among a million
    events). Either way the clashing events are ranked by identity and then
    tiebreak (their smallest mention id): the first keeps its hash and each
    later one is re-hashed with a counter as salt until its id is taken by
    no other event, so the result depends only on the set of events.

    Equal identities belong to one group (the identity holds the group's
    key), so their ids depend on that group alone and a merge of only some
    groups (:func:`merge_pending`) settles them as the full merge does.
    Different identities may belong to different groups: those ids are what
    this returns, for the full merge to keep on record.
    """
    clashing = con.execute(
        """
        SELECT ev_index, event_id, identity FROM _merge_events
        WHERE event_id IN (SELECT event_id FROM _merge_events GROUP BY event_id HAVING count(*) > 1)
        ORDER BY identity, tiebreak
        """).fetchall()
    if not clashing:
        return set()
    seen: set[str] = set()
    changes = []
    salted: list[tuple[str, str]] = []  # (the hash that clashed, the salted id given)
    for ev_index, event_id, identity in clashing:
        if event_id not in seen:
            seen.add(event_id)
            continue
        salt, new = 0, event_id
        while new == event_id or new in seen or con.execute(
                "SELECT 1 FROM _merge_events WHERE event_id = ?", [new]).fetchone():
            salt += 1
            new = _hash_id(identity, salt)
        seen.add(new)
        changes.append({"ev_index": ev_index, "new_id": new})
        salted.append((event_id, new))
    con.execute("CREATE OR REPLACE TEMP TABLE _id_changes (ev_index BIGINT, new_id VARCHAR)")
    insert_rows(con, "_id_changes", changes)
    con.execute("UPDATE _merge_events SET event_id = c.new_id FROM _id_changes c WHERE _merge_events.ev_index = c.ev_index")
    con.execute("DROP TABLE _id_changes")
    identities: dict[str, set[str]] = {}
    for _, event_id, identity in clashing:
        identities.setdefault(event_id, set()).add(identity)
    collided = {event_id for event_id, found in identities.items() if len(found) > 1}
    return collided | {new for base, new in salted if base in collided}
