"""The actor network: who deals with whom, and in what spirit.

Nodes are actor keys (country level by default), edges unordered pairs
weighted by the number of counted events, with their mean Goldstein score and
cooperation/conflict counts. Negated and claimed-only events are kept out of
the weights, as in :mod:`foedus.analysis.relations`, and counted apart.
Only the ``max_edges`` heaviest edges are kept, because a hairball of
thousands of edges shows nothing; the cut is reported.
"""

from __future__ import annotations

from typing import Any

import duckdb

from foedus.analysis.filters import EventFilter, actor_key


def network(
    con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, max_edges: int = 120
) -> dict[str, Any]:
    """``{"nodes": [...], "edges": [...], "total_edges": n}`` for the events in ``flt``."""
    flt = flt or EventFilter()
    where, params = flt.with_(negated="include", claims="include").where("e")
    src, tgt = actor_key("source", flt.exact), actor_key("target", flt.exact)
    sql = f"""
        WITH base AS (
            SELECT least({src}, {tgt}) AS a, greatest({src}, {tgt}) AS b,
                   e.quad_class, e.goldstein, e.negated,
                   e.claimed_by_code IS NOT NULL AS claimed,
                   NOT e.negated AND e.claimed_by_code IS NULL AS counted
            FROM events e WHERE {where}
        ),
        edges AS (
            SELECT a, b,
                   count(*) FILTER (WHERE counted) AS events,
                   round(avg(goldstein) FILTER (WHERE counted), 4) AS goldstein_mean,
                   count(*) FILTER (WHERE counted AND quad_class IN (1, 2)) AS coop,
                   count(*) FILTER (WHERE counted AND quad_class IN (3, 4)) AS conflict,
                   count(*) FILTER (WHERE negated) AS negated,
                   count(*) FILTER (WHERE claimed) AS claims
            FROM base
            WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
            GROUP BY a, b
            HAVING count(*) FILTER (WHERE counted) > 0
        )
        SELECT *, count(*) OVER () AS total_edges FROM edges
        ORDER BY events DESC, a, b
        LIMIT ?
    """
    cur = con.execute(sql, [*params, int(max_edges)])
    cols = [d[0] for d in cur.description]
    edges = [dict(zip(cols, r)) for r in cur.fetchall()]
    total = edges[0]["total_edges"] if edges else 0
    degree: dict[str, int] = {}
    for e in edges:
        e.pop("total_edges", None)
        e["net_coop"] = (e["coop"] - e["conflict"]) / e["events"]
        e["filters"] = flt.with_(
            actor=e["a"], other=e["b"], source=None, target=None, directed=False,
            negated="exclude", claims="exclude",
        ).to_params()
        for n in (e["a"], e["b"]):
            degree[n] = degree.get(n, 0) + e["events"]
    nodes = [
        {"id": n, "events": w, "filters": flt.with_(actor=n, other=None, source=None, target=None).to_params()}
        for n, w in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"nodes": nodes, "edges": edges, "total_edges": total}
