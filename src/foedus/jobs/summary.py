"""The readable summary printed after a run and by ``foedus summary``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis.focus import default_focus
from ..analysis.names import default_names
from ..store.db import connect
from ..store.read import corpus_summary


def summarise(db_path: str | Path) -> dict[str, Any]:
    """What is stored, and what the data is about: its main actor and partners, by name.

    Nothing here names a story: the main actor is the one in the most events
    (:mod:`foedus.analysis.focus`), and every code travels with its name.
    """
    names = default_names()
    con = connect(db_path, read_only=True)
    try:
        data = corpus_summary(con)
        focus = default_focus(con)
        data["focus"] = {
            "focal": focus.focal, "focal_name": names.short(focus.focal) if focus.focal else None,
            "partners": [{"code": p, "name": names.short(p)} for p in focus.partners],
            "first_event": focus.first, "last_event": focus.last,
        }
        data["top_dyads"] = [
            {"source": s, "target": t, "source_name": names.short(s), "target_name": names.short(t),
             "events": n, "goldstein": g}
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
