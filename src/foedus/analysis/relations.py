"""Dyadic relations over time, and one actor's realignment between partners.

How the numbers are made (the same everywhere, so they can be checked):

* The unit is the merged event (``events``), not the report: an attack told by
  five outlets counts once. Its reports are one link away.
* Actors are matched at country level (organisation if any, else ISO3
  country; see :mod:`foedus.analysis.filters`), or by exact code.
* ``negated`` events ("the CSTO did not provide military aid") are, by
  default (``negated="separate"``), left out of the counts and Goldstein sums
  and counted in their own ``negated`` column: adding +8.3 for aid that never
  came would turn a refusal into cooperation. ``negated="include"`` counts
  them as coded.
* Events only *claimed* by a party ("Baku said Armenian forces attacked
  first") are, by default (``claims="separate"``), likewise kept out of the
  measures and counted in ``claims``; ``claims="include"`` takes them as fact.
* ``net_coop`` is (cooperation - conflict) / events, in [-1, 1], with quad
  classes 1-2 as cooperation and 3-4 as conflict. ``goldstein_mean`` is the
  mean Goldstein score (-10..+10) of the counted events.

Every row carries ``filters``: the :class:`EventFilter` parameters that list
exactly the events counted in ``events``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Literal, Sequence

import duckdb

from foedus.analysis.filters import EventFilter, actor_key
from foedus.analysis.periods import label, period_end, trunc_sql

Treatment = Literal["separate", "include"]

_MEASURES = """
    count(*) FILTER (WHERE counted) AS events,
    count(*) FILTER (WHERE negated) AS negated,
    count(*) FILTER (WHERE claimed) AS claims,
    coalesce(sum(goldstein) FILTER (WHERE counted), 0) AS goldstein_sum,
    round(avg(goldstein) FILTER (WHERE counted), 4) AS goldstein_mean,
    count(*) FILTER (WHERE counted AND quad_class = 1) AS verbal_coop,
    count(*) FILTER (WHERE counted AND quad_class = 2) AS material_coop,
    count(*) FILTER (WHERE counted AND quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE counted AND quad_class = 4) AS material_conflict
"""


def _check(name: str, value: str) -> str:
    if value not in ("separate", "include"):
        raise ValueError(f"{name} must be 'separate' or 'include', not {value!r}")
    return value


def _counted_sql(negated: Treatment, claims: Treatment) -> str:
    parts = ["TRUE"]
    if _check("negated", negated) == "separate":
        parts.append("NOT e.negated")
    if _check("claims", claims) == "separate":
        parts.append("e.claimed_by_code IS NULL")
    return " AND ".join(parts)


def _evidence_filter(flt: EventFilter, negated: Treatment, claims: Treatment) -> EventFilter:
    return flt.with_(
        negated="exclude" if negated == "separate" else flt.negated,
        claims="exclude" if claims == "separate" else flt.claims,
    )


def _finish(row: dict[str, Any], freq: str) -> dict[str, Any]:
    coop = row["verbal_coop"] + row["material_coop"]
    conflict = row["verbal_conflict"] + row["material_conflict"]
    row["coop"] = coop
    row["conflict"] = conflict
    row["net_coop"] = (coop - conflict) / row["events"] if row["events"] else None
    row["period_end"] = period_end(row["period"], freq)
    row["label"] = label(row["period"], freq)
    return row


def _span(row: dict[str, Any], flt: EventFilter) -> tuple[Any, Any]:
    """The days of a row's period that the filter's own dates let in."""
    start = max(row["period"], flt.start) if flt.start else row["period"]
    end = min(row["period_end"], flt.end) if flt.end else row["period_end"]
    return start, end


def relations(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    freq: str = "month",
    directed: bool = True,
    negated: Treatment = "separate",
    claims: Treatment = "separate",
) -> list[dict[str, Any]]:
    """Counts and Goldstein measures per (period, source, target).

    ``flt`` selects events (actor, dyad, dates, outlet, code...); its
    ``exact`` flag chooses country-level or exact-code actors. With
    ``directed=False`` a dyad is an unordered pair, reported with the
    alphabetically smaller actor as ``source``.
    """
    flt = flt or EventFilter()
    base = flt.with_(negated="include", claims="include")
    where, params = base.where("e")
    src, tgt = actor_key("source", flt.exact), actor_key("target", flt.exact)
    if not directed:
        src, tgt = f"least({src}, {tgt})", f"greatest({src}, {tgt})"
    sql = f"""
        WITH base AS (
            SELECT {trunc_sql(freq, 'e.date')} AS period, {src} AS source, {tgt} AS target,
                   e.quad_class, e.goldstein, e.negated,
                   e.claimed_by_code IS NOT NULL AS claimed,
                   {_counted_sql(negated, claims)} AS counted
            FROM events e
            WHERE {where} AND e.date IS NOT NULL
        )
        SELECT period, source, target, {_MEASURES}
        FROM base
        WHERE source IS NOT NULL AND target IS NOT NULL
        GROUP BY period, source, target
        ORDER BY period, source, target
    """
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    evidence = _evidence_filter(base if directed else base.with_(directed=False), negated, claims)
    out = []
    for values in cur.fetchall():
        row = _finish(dict(zip(cols, values)), freq)
        start, end = _span(row, flt)
        if directed:
            row["filters"] = evidence.params_with(source=row["source"], target=row["target"], actor=None,
                                                  other=None, start=start, end=end)
        else:
            row["filters"] = evidence.params_with(actor=row["source"], other=row["target"], source=None,
                                                  target=None, start=start, end=end)
        out.append(row)
    return out


def realignment(
    con: duckdb.DuckDBPyConnection,
    focal: str | None = None,
    partners: Sequence[str] | None = None,
    freq: str = "month",
    start: Any = None,
    end: Any = None,
    exact: bool = False,
    outlet: str | None = None,
    negated: Treatment = "separate",
    claims: Treatment = "separate",
) -> list[dict[str, Any]]:
    """The focal actor's relations with each partner, per period, both directions.

    One row per (period, partner) that has any event, with the measures of
    :func:`relations` (``goldstein_mean``, ``net_coop``, ...) and ``filters``
    that reproduce its events in the timeline. Partners are actor keys
    (``RUS``, ``CSTO``) or exact codes when ``exact``. Without a focal actor
    or partners, the store's own are used (:func:`foedus.analysis.focus.default_focus`):
    the busiest actor and the actors it has the most events with.
    """
    if focal is None or partners is None:
        from foedus.analysis.focus import default_focus

        focus = default_focus(con, focal)
        focal = focus.focal
        partners = focus.partners if partners is None else partners
    if focal is None:
        trunc_sql(freq, "e.date")  # a bad period is an error even on an empty store
        return []
    partners = [p for p in dict.fromkeys(str(p).strip() for p in partners) if p and p != focal]
    if not partners:
        return []
    flt = EventFilter(actor=focal, start=start, end=end, exact=exact, outlet=outlet)
    where, params = flt.where("e")
    src, tgt = actor_key("source", exact), actor_key("target", exact)
    sql = f"""
        WITH base AS (
            SELECT {trunc_sql(freq, 'e.date')} AS period,
                   CASE WHEN {src} = ? THEN {tgt} ELSE {src} END AS partner,
                   e.quad_class, e.goldstein, e.negated,
                   e.claimed_by_code IS NOT NULL AS claimed,
                   {_counted_sql(negated, claims)} AS counted
            FROM events e
            WHERE {where} AND e.date IS NOT NULL
        )
        SELECT period, partner, {_MEASURES}
        FROM base
        WHERE list_contains(?::VARCHAR[], partner)
        GROUP BY period, partner
        ORDER BY period, partner
    """
    cur = con.execute(sql, [focal, *params, partners])
    cols = [d[0] for d in cur.description]
    evidence = _evidence_filter(flt, negated, claims)
    out = []
    for values in cur.fetchall():
        row = _finish(dict(zip(cols, values)), freq)
        start, end = _span(row, flt)
        row["filters"] = evidence.params_with(other=row["partner"], start=start, end=end)
        out.append(row)
    return out



def with_runs(
    rows: list[dict[str, Any]], freq: str, key: str = "partner", measure: str = "goldstein_mean"
) -> list[dict[str, Any]]:
    """Each row with a ``run``: rows of one ``key`` in consecutive periods share it.

    Why: a line drawn from one period with events to the next one with events
    across empty periods invents a trend where there is no news. Charts draw
    one line per run, so a gap in the data stays a gap on the chart. A row
    whose ``measure`` is empty (only negated or claimed events) has no run and
    breaks the line too.
    """
    out: list[dict[str, Any]] = []
    runs: dict[Any, int] = {}
    last: dict[Any, Any] = {}
    for row in sorted(rows, key=lambda r: (str(r[key]), r["period"])):
        k = row[key]
        if row.get(measure) is None:
            last[k] = None
            out.append({**row, "run": None})
            continue
        prev = last.get(k)
        if prev is None or period_end(prev, freq) + timedelta(days=1) != row["period"]:
            runs[k] = runs.get(k, -1) + 1
        last[k] = row["period"]
        out.append({**row, "run": f"{k}#{runs[k]}"})
    return out
