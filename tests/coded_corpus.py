"""Coding a whole corpus through the CLI, and looking up the events it gave.

Shared by the corpus-level coder tests (the demo corpus, the seed articles):
both ingest a folder with its manifest and ask which events a reader would
expect to find.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

COLUMNS = ("date", "source_code", "cameo", "target_code", "negated", "modality", "claimed_by_code", "sentence")


def ingest_events(folder: Path, db: Path) -> list[dict[str, Any]]:
    """Ingest ``folder`` with ``foedus ingest`` and return every event mention."""
    import duckdb
    from typer.testing import CliRunner

    from foedus.cli import app

    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(f"select {', '.join(COLUMNS)} from event_mentions").fetchall()
    finally:
        con.close()
    return [dict(zip(COLUMNS, r)) for r in rows]


def find(events, src, root, tgt=None, negated=None, modality=None, when=None) -> list[dict[str, Any]]:
    """Mentions whose codes start with ``src``/``root``/``tgt``; ``when`` is a date prefix
    ("2022-09" for the month, "2022-09-13" for the day)."""
    out = []
    for e in events:
        if not (e["source_code"] or "").startswith(src) or not e["cameo"].startswith(root):
            continue
        if tgt is not None and not (e["target_code"] or "").startswith(tgt):
            continue
        if negated is not None and bool(e["negated"]) != negated:
            continue
        if modality is not None and e["modality"] != modality:
            continue
        if when is not None and not str(e["date"]).startswith(when):
            continue
        out.append(e)
    return out
