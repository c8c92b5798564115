"""Each outlet's side of the story: whom it quotes, whom it has accuse whom,
and how warmly it reports what is done to each actor.

Why per report, not per merged event: the point is to compare outlets, so a
sentence in Azertac counts for Azertac even when Reuters told the same event.
The unit here is the event mention (a coded sentence) or the quote.

* quotes: ``quotes`` rows by outlet and speaker (speaker country, else code).
* accusations: mentions with CAMEO root 11 (disapprove: criticise, accuse)
  or 12 (reject), by outlet, accuser and accused (country level).
* tone: mean Goldstein of the mentions whose *target* is each actor, by
  outlet; negated mentions are left out (counted apart), claims are kept,
  because repeating a party's claim is part of an outlet's stance.

Each report carries its own document's outlet and the country-level actor
keys (``event_mentions.outlet``, ``source_key``, ``target_key``), so these
tables are one grouped scan of ``event_mentions``, with no join.
"""

from __future__ import annotations

from typing import Any

import duckdb

from foedus.analysis.filters import actor_key


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _outlet_clause(outlet: str | None, params: list[Any], alias: str = "m") -> str:
    if outlet:
        params.append(outlet)
        return f"AND {alias}.outlet = ?"
    return ""


def outlet_summary(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Per outlet: documents, coded reports, distinct events, date range."""
    # Distinct events per outlet come from events.outlets (the outlets that
    # reported each event): counting distinct event ids over every report is
    # the costly way to the same number. Reports without an outlet have no
    # entry there and are counted directly.
    return _rows(con.execute(
        """
        WITH docs AS (
            SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS documents,
                   min(published) AS first, max(published) AS last
            FROM documents GROUP BY 1
        ),
        ments AS (
            SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS mentions
            FROM event_mentions GROUP BY 1
        ),
        evs AS (
            SELECT outlet, count(*) AS events FROM (SELECT unnest(outlets) AS outlet FROM events) GROUP BY 1
            UNION ALL
            SELECT '(unknown)', count(DISTINCT event_id) FROM event_mentions WHERE outlet IS NULL
        )
        SELECT docs.outlet, docs.documents, coalesce(ments.mentions, 0) AS mentions,
               coalesce(evs.events, 0) AS events, docs.first, docs.last
        FROM docs LEFT JOIN ments USING (outlet) LEFT JOIN evs USING (outlet)
        ORDER BY docs.documents DESC, docs.outlet
        """
    ))


def outlet_quotes(con: duckdb.DuckDBPyConnection, outlet: str | None = None) -> list[dict[str, Any]]:
    """Per outlet and speaker: how many quotes."""
    params: list[Any] = []
    clause = _outlet_clause(outlet, params, "d")
    return _rows(con.execute(
        f"""
        SELECT coalesce(d.outlet, '(unknown)') AS outlet,
               coalesce(q.speaker_country, q.speaker_code, '(unattributed)') AS speaker,
               count(*) AS quotes,
               count(DISTINCT q.doc_id) AS documents
        FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
        WHERE TRUE {clause}
        GROUP BY 1, 2
        ORDER BY outlet, quotes DESC, speaker
        """,
        params,
    ))


def outlet_accusations(
    con: duckdb.DuckDBPyConnection, outlet: str | None = None, exact: bool = False
) -> list[dict[str, Any]]:
    """Per outlet, accuser and accused: reports of criticism/accusation (11x) and rejection (12x)."""
    params: list[Any] = []
    clause = _outlet_clause(outlet, params)
    src, tgt = actor_key("source", exact, "m"), actor_key("target", exact, "m")
    return _rows(con.execute(
        f"""
        SELECT coalesce(m.outlet, '(unknown)') AS outlet, {src} AS accuser, {tgt} AS accused,
               count(*) FILTER (WHERE m.root = '11' AND NOT m.negated) AS disapprove,
               count(*) FILTER (WHERE m.root = '12' AND NOT m.negated) AS reject,
               count(*) AS reports,
               count(*) FILTER (WHERE m.negated) AS negated
        FROM event_mentions m
        WHERE m.root IN ('11', '12') {clause}
        GROUP BY 1, 2, 3
        ORDER BY outlet, reports DESC, accuser, accused
        """,
        params,
    ))


def outlet_tone(
    con: duckdb.DuckDBPyConnection, outlet: str | None = None, exact: bool = False, min_reports: int = 1
) -> list[dict[str, Any]]:
    """Per outlet and target actor: mean Goldstein of the reports of what was done to it."""
    params: list[Any] = []
    clause = _outlet_clause(outlet, params)
    tgt = actor_key("target", exact, "m")
    params.append(int(min_reports))
    return _rows(con.execute(
        f"""
        SELECT coalesce(m.outlet, '(unknown)') AS outlet, {tgt} AS target,
               count(*) FILTER (WHERE NOT m.negated) AS reports,
               round(avg(m.goldstein) FILTER (WHERE NOT m.negated), 4) AS goldstein_mean,
               count(*) FILTER (WHERE NOT m.negated AND m.quad_class IN (1, 2)) AS coop,
               count(*) FILTER (WHERE NOT m.negated AND m.quad_class IN (3, 4)) AS conflict,
               count(*) FILTER (WHERE m.negated) AS negated
        FROM event_mentions m
        WHERE {tgt} IS NOT NULL {clause}
        GROUP BY 1, 2
        HAVING count(*) FILTER (WHERE NOT m.negated) >= ?
        ORDER BY outlet, reports DESC, target
        """,
        params,
    ))
