"""Writing documents and events to files: JSONL, flat CSV/Parquet tables, GDELT, PLOVER.

Why flat tables with a fixed schema: an analyst loads a Parquet or CSV file
into pandas, R (arrow, readr), DuckDB or polars and expects one typed column
per field, with the same columns whether the store holds a million events or
none. Nested structs and JSON-in-a-cell need unnesting in every one of those
tools, so the evidence (one row per mention) is a second flat table joined on
``event_id`` instead. docs/exports.md lists every column.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from . import gdelt, plover
from .cells import spreadsheet_safe
from .events import iter_event_mentions, keep

DOCUMENT_COLUMNS = (
    "doc_id", "outlet", "outlet_source", "url", "title", "title_source", "published", "published_source",
    "author", "author_source", "language", "language_source", "path", "source_format", "content_hash",
    "near_dup_of", "near_dup_score", "n_words", "ingested_at", "text",
)
DOCUMENT_FORMATS = ("jsonl", "csv", "parquet")
EVENT_FORMATS = ("jsonl", "csv", "parquet", "evidence-csv", "evidence-parquet", "plover", "gdelt", "gdelt-mentions")

_S, _I, _F, _B, _D = pa.string(), pa.int32(), pa.float64(), pa.bool_(), pa.date32()
_ACTOR_FIELDS = ("code", "name", "country", "org", "role")

# One row per merged event.
EVENT_SCHEMA = pa.schema([
    ("event_id", _S), ("date", _D), ("date_precision", _S),
    *[(f"source_{k}", _S) for k in _ACTOR_FIELDS],
    *[(f"target_{k}", _S) for k in _ACTOR_FIELDS],
    ("cameo", _S), ("root", _S), ("quad_class", _I), ("goldstein", _F),
    ("plover_type", _S), ("plover_mode", _S), ("plover_context", _S),
    ("negated", _B), ("modality", _S), ("claimed_by_code", _S), ("claimed_by_name", _S),
    ("location_name", _S), ("location_country", _S), ("location_lat", _F), ("location_lon", _F),
    ("location_level", _S),
    ("mentions", _I), ("sources", _I), ("documents", _I),
])

# One row per event mention (the evidence), joined to the events on event_id.
EVIDENCE_SCHEMA = pa.schema([
    ("event_id", _S), ("mention_id", _S), ("doc_id", _S), ("outlet", _S), ("url", _S), ("title", _S),
    ("published", _D), ("sent_index", _I), ("sentence_start", _I), ("sentence_end", _I), ("sentence", _S),
    ("target_from", _S), ("source_text", _S), ("target_text", _S),
    ("trigger_start", _I), ("trigger_end", _I), ("trigger_text", _S),
    ("mention_date", _D), ("mention_date_precision", _S), ("mention_cameo", _S), ("mention_negated", _B),
    ("mention_modality", _S), ("mention_claimed_by_code", _S),
])


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@contextmanager
def _open(out: str | Path | None) -> Iterator[TextIO]:
    if out is None or str(out) == "-":
        yield sys.stdout
    else:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh


def _need_file(fmt: str, out: str | Path | None) -> Path:
    if out is None or str(out) == "-":
        raise ValueError(f"--format {fmt} writes a binary file: give --out FILE")
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _document_rows(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[Any, ...]]]:
    cols = ", ".join(DOCUMENT_COLUMNS)
    cur = con.execute(f"SELECT {cols} FROM documents ORDER BY published NULLS LAST, doc_id")
    return [c[0] for c in cur.description], cur.fetchall()


def export_documents(con: duckdb.DuckDBPyConnection, fmt: str, out: str | Path | None) -> int:
    """Every stored document with its metadata, provenance and clean text."""
    if fmt not in DOCUMENT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(DOCUMENT_FORMATS)}")
    if fmt == "parquet":
        path = _need_file(fmt, out)
        cols = ", ".join(DOCUMENT_COLUMNS)
        con.execute(
            f"COPY (SELECT {cols} FROM documents ORDER BY published NULLS LAST, doc_id) TO ? (FORMAT parquet)",
            [str(path)],
        )
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    names, rows = _document_rows(con)
    with _open(out) as fh:
        if fmt == "jsonl":
            for r in rows:
                fh.write(json.dumps(dict(zip(names, r)), default=_default, ensure_ascii=False) + "\n")
        else:
            w = csv.writer(fh)
            w.writerow(names)
            for r in rows:
                w.writerow(["" if v is None else (v.isoformat() if isinstance(v, (date, datetime)) else spreadsheet_safe(v)) for v in r])
    return len(rows)


def _date(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def event_row(ev: dict[str, Any]) -> dict[str, Any]:
    """One contract record as a flat row of :data:`EVENT_SCHEMA`."""
    flat: dict[str, Any] = {
        "event_id": ev["event_id"], "date": _date(ev["date"]), "date_precision": ev["date_precision"],
    }
    for side in ("source", "target"):
        actor = ev[side] or {}
        for k in _ACTOR_FIELDS:
            flat[f"{side}_{k}"] = actor.get(k)
    flat.update({k: ev[k] for k in ("cameo", "root", "quad_class", "goldstein")})
    flat.update({f"plover_{k}": v for k, v in ev["plover"].items()})
    flat["negated"] = ev["negated"]
    flat["modality"] = ev["modality"]
    claimed = ev["claimed_by"] or {}
    flat["claimed_by_code"], flat["claimed_by_name"] = claimed.get("code"), claimed.get("name")
    loc = ev["location"] or {}
    for k in ("name", "country", "lat", "lon", "level"):
        flat[f"location_{k}"] = loc.get(k)
    flat.update({k: ev[k] for k in ("mentions", "sources", "documents")})
    return flat


def evidence_row(m: dict[str, Any]) -> dict[str, Any]:
    """One mention row as a flat row of :data:`EVIDENCE_SCHEMA`."""
    return {
        "event_id": m["event_id"], "mention_id": m["mention_id"], "doc_id": m["doc_id"], "outlet": m["outlet"],
        "url": m["url"], "title": m["title"], "published": m["published"], "sent_index": m["sent_index"],
        "sentence_start": m["sent_start"], "sentence_end": m["sent_end"], "sentence": m["sentence"],
        "target_from": m["target_from"] or "sentence", "source_text": m["source_text"], "target_text": m["target_text"],
        "trigger_start": m["trigger_start"], "trigger_end": m["trigger_end"], "trigger_text": m["trigger_text"],
        "mention_date": m["date"], "mention_date_precision": m["date_precision"], "mention_cameo": m["cameo"],
        "mention_negated": bool(m["negated"]), "mention_modality": m["modality"],
        "mention_claimed_by_code": m["claimed_by_code"],
    }


def _table(rows: list[dict[str, Any]], schema: pa.Schema, safe: bool) -> pa.Table:
    """Rows as an Arrow table of ``schema`` (all columns even with no rows); ``safe`` escapes
    text cells a spreadsheet would evaluate (for CSV)."""
    if safe:
        rows = [{k: spreadsheet_safe(v) for k, v in r.items()} for r in rows]
    return pa.Table.from_pylist(rows, schema=schema)


def _write_table(con: duckdb.DuckDBPyConnection, table: pa.Table, fmt: str, out: str | Path | None) -> None:
    """Parquet through pyarrow (the schema exactly as given); CSV through DuckDB's writer, which
    keeps a float a float (``-10.0``), writes dates as ISO dates, booleans as true/false, an
    unknown value as an empty cell and quotes only the text that needs it."""
    if fmt.endswith("parquet"):
        pq.write_table(table, str(_need_file(fmt, out)))
        return
    name = "_foedus_export_table"
    con.register(name, table)
    try:
        if out is not None and str(out) != "-":
            path = _need_file(fmt, out)
            con.execute(f"COPY {name} TO ? (FORMAT csv, HEADER)", [str(path)])
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "events.csv"
            con.execute(f"COPY {name} TO ? (FORMAT csv, HEADER)", [str(path)])
            sys.stdout.write(path.read_text(encoding="utf-8"))
    finally:
        con.unregister(name)


def _check_options(fmt: str, include_negated: bool, include_unasserted: bool) -> None:
    """Refuse an option the format cannot honour instead of ignoring it."""
    if include_negated and fmt not in ("plover",):
        if fmt.startswith("gdelt"):
            raise ValueError("GDELT has no way to say an act did not happen, so negated events are never "
                             "written to it; use --format plover, jsonl, csv or parquet (column negated)")
        raise ValueError(f"--format {fmt} always carries negated events (field negated); --include-negated is for plover")
    if include_unasserted and not fmt.startswith("gdelt"):
        raise ValueError(f"--format {fmt} always carries claimed, future and hypothetical events (field modality); "
                         "--include-unasserted is for gdelt and gdelt-mentions")


def export_events(
    con: duckdb.DuckDBPyConnection, fmt: str, out: str | Path | None,
    include_negated: bool = False, include_unasserted: bool = False,
) -> int:
    """Merged events in one of :data:`EVENT_FORMATS`; returns the number of rows (records) written.

    jsonl, csv, parquet and the evidence tables carry every event, with its
    ``negated`` and ``modality``; plover leaves negated events out unless
    ``include_negated``; gdelt and gdelt-mentions carry only events reported
    as fact unless ``include_unasserted``, and never negated ones.
    """
    if fmt not in EVENT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EVENT_FORMATS)}")
    _check_options(fmt, include_negated, include_unasserted)
    items: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]] = iter_event_mentions(con)
    if fmt in ("csv", "parquet"):
        rows = [event_row(ev) for ev, _ in items]
        _write_table(con, _table(rows, EVENT_SCHEMA, safe=fmt == "csv"), fmt, out)
        return len(rows)
    if fmt in ("evidence-csv", "evidence-parquet"):
        rows = [evidence_row(m) for _, mentions in items for m in mentions]
        _write_table(con, _table(rows, EVIDENCE_SCHEMA, safe=fmt == "evidence-csv"), fmt, out)
        return len(rows)
    n = 0
    with _open(out) as fh:
        if fmt == "jsonl":
            for ev, _ in items:
                fh.write(json.dumps(ev, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "plover":
            for rec in plover.records(items, include_negated=include_negated):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        else:
            chosen = keep(items, negated=False, unasserted=include_unasserted)
            rows_out = gdelt.event_rows(chosen) if fmt == "gdelt" else gdelt.mention_rows(chosen)
            for row in rows_out:
                fh.write("\t".join(gdelt.cell(v) for v in row) + "\n")
                n += 1
    return n
