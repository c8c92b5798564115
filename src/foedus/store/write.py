"""Writing to the store: whole documents at a time, each batch in one transaction.

Why: a run killed half-way leaves only complete documents behind, so starting
it again (which skips what is stored) ends with the same database as an
uninterrupted run. Rows arrive as plain dicts keyed by column name and go in
through Arrow, which DuckDB reads in bulk: one insert per table per batch,
not per document, because each insert has a fixed cost.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Callable, Iterable, Mapping

import duckdb
import pyarrow as pa

# Tables that hold what the NLP stages derived from a document; recoding
# replaces them, ingest appends to them.
ANNOTATION_TABLES = ("sentences", "tokens", "actor_mentions", "time_expressions", "place_mentions", "quotes", "event_mentions")


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> int:
    """Bulk-insert dict rows into ``table``; a key missing from a row is NULL."""
    if not rows:
        return 0
    columns = list(dict.fromkeys(k for row in rows for k in row))
    # column by column: Arrow builds each array from one list (no dict per row rebuilt first)
    arrow = pa.Table.from_pydict({c: [row.get(c) for row in rows] for c in columns})
    name = f"_incoming_{table}"
    con.register(name, arrow)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM {name}')
    finally:
        con.unregister(name)
    return len(rows)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def document_row(doc: Mapping[str, Any]) -> dict[str, Any]:
    row = dict(doc)
    row["meta"] = json.dumps(row.get("meta") or {}, default=_jsonable, ensure_ascii=False)
    return row


def write_documents(
    con: duckdb.DuckDBPyConnection,
    items: Iterable[tuple[Mapping[str, Any], Mapping[str, list[dict[str, Any]]], Iterable[tuple[int, int]]]],
    before_commit: Callable[[], None] | None = None,
) -> int:
    """Store documents with their annotations and LSH buckets, all or nothing.

    ``items`` are ``(document, annotation rows by table, lsh buckets)``.
    ``before_commit`` runs inside the same transaction after the rows are in
    (the near-duplicate links): a crash at any point leaves either the batch
    with its links or neither.
    """
    documents: list[dict[str, Any]] = []
    lsh_rows: list[dict[str, Any]] = []
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in ANNOTATION_TABLES}
    now = datetime.now()
    for document, annotations, lsh in items:
        row = document_row(document)
        row["parsed_at"] = now
        documents.append(row)
        lsh_rows.extend({"doc_id": row["doc_id"], "band": b, "bucket": k} for b, k in lsh)
        for table in ANNOTATION_TABLES:
            tables[table].extend(annotations.get(table, []))
    if not documents:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        insert_rows(con, "documents", documents)
        insert_rows(con, "doc_lsh", lsh_rows)
        for table in ANNOTATION_TABLES:
            insert_rows(con, table, tables[table])
        if before_commit is not None:
            before_commit()
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(documents)


def replace_annotations(
    con: duckdb.DuckDBPyConnection, items: Iterable[tuple[str, Mapping[str, list[dict[str, Any]]]]]
) -> int:
    """Swap the derived rows of a batch of documents, ``(doc_id, annotation rows by table)`` (recode, inside its
    own transaction): one delete and one insert per table for the whole batch, since most annotation tables have
    no index by document and each statement reads its table once."""
    items = list(items)
    if not items:
        return 0
    doc_ids = [doc_id for doc_id, _ in items]
    for table in ANNOTATION_TABLES:
        con.execute(f'DELETE FROM "{table}" WHERE doc_id IN (SELECT unnest(?))', [doc_ids])
        insert_rows(con, table, [row for _, annotations in items for row in annotations.get(table, [])])
    return len(items)


def fill_signatures(con: duckdb.DuckDBPyConnection, signatures: Mapping[str, bytes]) -> int:
    """Store the MinHash signatures (``documents.minhash``) of documents that lack them or hold others;
    returns how many were written.

    Why: a document stored before signatures were kept has none, so every candidate pair it is in is
    verified word by word. Whoever reads such a text anyway (the near-duplicate step verifying a pair,
    a recode parsing it again) hands its signature here, so each is worked out once and the store
    catches up without a pass of its own. Empty signatures (a text without words) are not stored."""
    ids = [d for d, s in signatures.items() if s]
    if not ids:
        return 0
    (changed,) = con.execute(
        "UPDATE documents SET minhash = s.minhash FROM (SELECT unnest(?) AS doc_id, unnest(?) AS minhash) s"
        " WHERE documents.doc_id = s.doc_id AND documents.minhash IS DISTINCT FROM s.minhash",
        [ids, [signatures[d] for d in ids]]).fetchone()
    return int(changed)


def record_rejection(con: duckdb.DuckDBPyConnection, path: str, reason: str, run_id: str) -> None:
    con.execute("INSERT INTO rejections (path, reason, run_id) VALUES (?, ?, ?)", [path, reason, run_id])


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, kind: str) -> None:
    con.execute("INSERT INTO runs (run_id, kind, started_at) VALUES (?, ?, ?)", [run_id, kind, datetime.now()])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, summary: Mapping[str, Any]) -> None:
    con.execute(
        "UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
        [datetime.now(), json.dumps(summary, default=_jsonable), run_id],
    )
