"""Analyst overrides of ledger verdicts.

Why a separate table: a computed verdict is a reading of the evidence; an
analyst who knows better records a different verdict with a note, and both
are shown side by side. Recomputing never deletes or hides an override: it is
keyed by the stable invocation key (``treaty:article:invoked_by:date``, with
``:GUARANTOR`` appended for one guarantor's verdict), not by row ids.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

VERDICTS = ("honoured", "partially honoured", "not honoured", "trigger disputed", "pending")


def normalise_verdict(verdict: str) -> str:
    v = " ".join(verdict.strip().lower().replace("_", " ").replace("-", " ").split())
    v = v.replace("honored", "honoured").replace("partially", "partially").replace("partial honoured", "partially honoured")
    if v == "partial":
        v = "partially honoured"
    if v == "disputed":
        v = "trigger disputed"
    if v not in VERDICTS:
        raise ValueError(f"verdict {verdict!r} is not one of: {', '.join(VERDICTS)}")
    return v


def record_override(
    con: duckdb.DuckDBPyConnection, key: str, verdict: str, note: str, author: str = "analyst"
) -> dict[str, Any]:
    """Store an override; returns it as shown in the ledger."""
    if key.count(":") < 3:
        raise ValueError(f"{key!r} is not an invocation key (treaty:article:invoked_by:date[:guarantor])")
    if not note.strip():
        raise ValueError("an override needs a note saying why")
    v = normalise_verdict(verdict)
    now = datetime.now().replace(microsecond=0)
    con.execute(
        "INSERT INTO verdict_overrides (invocation_key, verdict, note, author, created_at) VALUES (?, ?, ?, ?, ?)",
        [key, v, note.strip(), author.strip() or "analyst", now],
    )
    return {"key": key, "verdict": v, "note": note.strip(), "author": author, "at": now.isoformat()}


def overrides_by_key(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """The latest override per key (earlier ones stay in the table as history)."""
    rows = con.execute(
        "SELECT invocation_key, verdict, note, author, created_at FROM verdict_overrides ORDER BY created_at, rowid"
    ).fetchall()
    out: dict[str, dict[str, Any]] = {}
    for key, verdict, note, author, at in rows:
        out[key] = {"verdict": verdict, "note": note, "author": author, "at": at.isoformat() if at else None}
    return out
