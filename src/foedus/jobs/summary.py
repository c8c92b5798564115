"""The readable summary printed after a run and by ``foedus summary``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store.db import connect
from ..store.read import corpus_summary


def summarise(db_path: str | Path) -> dict[str, Any]:
    con = connect(db_path, read_only=True)
    try:
        data = corpus_summary(con)
        data["top_dyads"] = [
            {"source": s, "target": t, "events": n, "goldstein": g}
            for s, t, n, g in con.execute(
                """
                SELECT coalesce(source_country, source_org, source_code) AS s,
                       coalesce(target_country, target_org, target_code) AS t,
                       count(*) AS n, avg(goldstein) AS g
                FROM events WHERE target_code IS NOT NULL AND NOT negated
                GROUP BY 1, 2 ORDER BY n DESC, s, t LIMIT 10
                """
            ).fetchall()
        ]
        last = con.execute(
            "SELECT run_id FROM runs WHERE kind = 'ingest' ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        data["rejections"] = (
            [
                {"path": p, "reason": r}
                for p, r in con.execute(
                    "SELECT path, reason FROM rejections WHERE run_id = ? ORDER BY path", [last[0]]
                ).fetchall()
            ]
            if last
            else []
        )
        return data
    finally:
        con.close()
