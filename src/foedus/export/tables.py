"""Writing documents and events to files: JSONL, CSV, Parquet, GDELT, PLOVER."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from . import gdelt, plover
from .cells import spreadsheet_safe
from .events import iter_events

DOCUMENT_COLUMNS = (
    "doc_id", "outlet", "outlet_source", "url", "title", "title_source", "published", "published_source",
    "author", "author_source", "language", "language_source", "path", "source_format", "content_hash",
    "near_dup_of", "near_dup_score", "n_words", "ingested_at", "text",
)
DOCUMENT_FORMATS = ("jsonl", "csv", "parquet")
EVENT_FORMATS = ("jsonl", "csv", "gdelt", "plover", "parquet")


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
    return Path(out)


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
        path.parent.mkdir(parents=True, exist_ok=True)
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


def _flat(ev: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {k: ev[k] for k in ("event_id", "date", "date_precision", "cameo", "root", "quad_class", "goldstein")}
    for side in ("source", "target"):
        actor = ev[side] or {}
        for k in ("code", "name", "country", "org", "role"):
            flat[f"{side}_{k}"] = actor.get(k)
    flat.update({f"plover_{k}": v for k, v in ev["plover"].items()})
    flat["negated"] = ev["negated"]
    flat["modality"] = ev["modality"]
    flat["claimed_by"] = (ev["claimed_by"] or {}).get("code")
    loc = ev["location"] or {}
    for k in ("name", "country", "lat", "lon"):
        flat[f"location_{k}"] = loc.get(k)
    flat.update({k: ev[k] for k in ("mentions", "sources", "documents")})
    flat["evidence"] = json.dumps(ev["evidence"], ensure_ascii=False)
    return flat


def export_events(con: duckdb.DuckDBPyConnection, fmt: str, out: str | Path | None) -> int:
    """Merged events in one of :data:`EVENT_FORMATS`."""
    if fmt not in EVENT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EVENT_FORMATS)}")
    events: Iterable[dict[str, Any]] = iter_events(con)
    n = 0
    if fmt == "parquet":
        path = _need_file(fmt, out)
        path.parent.mkdir(parents=True, exist_ok=True)
        items = list(events)
        pq.write_table(pa.Table.from_pylist(items) if items else pa.table({}), str(path))
        return len(items)
    with _open(out) as fh:
        if fmt == "jsonl":
            for ev in events:
                fh.write(json.dumps(ev, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "plover":
            for rec in plover.records(events):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        elif fmt == "gdelt":
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            for row in gdelt.rows(events):
                w.writerow([spreadsheet_safe(v) for v in row])
                n += 1
        else:
            w = None
            for ev in events:
                flat = _flat(ev)
                if w is None:
                    w = csv.DictWriter(fh, fieldnames=list(flat))
                    w.writeheader()
                w.writerow({k: spreadsheet_safe(v) for k, v in flat.items()})
                n += 1
    return n
