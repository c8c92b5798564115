"""Figures several outlets give for the same event, side by side.

Casualty counts, distances, areas and dates are where outlets disagree most
("at least 105 servicemen killed" in one, "49 soldiers" in another), and the
disagreement is itself the news. This module pulls such figures out of the
evidence sentences and lines them up.

How:

* Reports are grouped by *date and dyad*: the evidence sentences of every
  merged event on that day between the same two actors (country level,
  either direction). This also covers the reports of one merged event.
* From each sentence, :func:`extract_figures` takes numbers with the noun or
  unit they count (``105 servicemen``, ``10 km``, ``40 square kilometres``)
  and dates (``13 September``), with a qualifier (``at least``, ``about``),
  the outcome word nearest to them (killed, wounded, captured...) and the
  adjective in between (``Armenian``), which often tells whose losses.
* Within a group, figures are compared by *claim*: (kind, outcome), where
  kind folds synonyms (troops = soldiers = servicemen = personnel) and values
  are normalised (miles to km, hectares to km2). A claim is ``agree`` when
  every report gives the same value, else ``differ``.

Only sentences with a digit are read (spelled-out numbers are not compared),
and only groups that at least ``min_outlets`` outlets report are returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import duckdb

from foedus.analysis.filters import EventFilter, actor_key

# noun or unit -> (kind, canonical unit, factor to the canonical unit)
_NOUNS: dict[str, tuple[str, str, float]] = {
    "square kilometres": ("area", "km2", 1.0),
    "square kilometers": ("area", "km2", 1.0),
    "square km": ("area", "km2", 1.0),
    "sq km": ("area", "km2", 1.0),
    "km2": ("area", "km2", 1.0),
    "square miles": ("area", "km2", 2.58999),
    "hectares": ("area", "km2", 0.01),
    "kilometres": ("distance", "km", 1.0),
    "kilometers": ("distance", "km", 1.0),
    "km": ("distance", "km", 1.0),
    "miles": ("distance", "km", 1.609344),
    "metres": ("distance", "km", 0.001),
    "meters": ("distance", "km", 0.001),
    "servicemen": ("personnel", "persons", 1.0),
    "service members": ("personnel", "persons", 1.0),
    "soldiers": ("personnel", "persons", 1.0),
    "troops": ("personnel", "persons", 1.0),
    "officers": ("personnel", "persons", 1.0),
    "personnel": ("personnel", "persons", 1.0),
    "fighters": ("personnel", "persons", 1.0),
    "peacekeepers": ("personnel", "persons", 1.0),
    "civilians": ("civilians", "persons", 1.0),
    "people": ("people", "persons", 1.0),
    "persons": ("people", "persons", 1.0),
    "residents": ("people", "persons", 1.0),
    "refugees": ("displaced", "persons", 1.0),
    "prisoners": ("prisoners", "persons", 1.0),
    "villages": ("villages", "villages", 1.0),
    "dollars": ("money", "USD", 1.0),
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_OUTCOMES = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "fatalities": "killed",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded",
    "captured": "captured", "detained": "captured", "taken prisoner": "captured",
    "missing": "missing", "displaced": "displaced", "evacuated": "displaced", "fled": "displaced",
}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]

_QUAL = r"(?:(?P<qual>at least|at most|more than|less than|fewer than|over|nearly|almost|about|around|some|approximately|up to)\s+)?"
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_SCALE = r"(?:\s+(?P<scale>thousand|million|billion))?"
_NOUN = "|".join(re.escape(n) for n in sorted(_NOUNS, key=len, reverse=True))
_FIGURE = re.compile(
    rf"\b{_QUAL}{_NUM}{_SCALE}\s+(?:(?P<adj>[A-Za-z][\w-]*)\s+)??(?P<noun>{_NOUN})\b", re.IGNORECASE
)
_MONTH = "|".join(m.capitalize() for m in _MONTHS)
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?!\d))(?:,?\s+(?P<y>\d{{4}}))?\b"
)
_OUTCOME = re.compile(r"\b(" + "|".join(sorted(_OUTCOMES, key=len, reverse=True)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure in one sentence; ``start``/``end`` are offsets in the sentence."""

    kind: str
    outcome: str | None
    value: float | str
    unit: str
    qualifier: str | None
    noun: str
    about: str | None
    text: str
    start: int
    end: int

    @property
    def claim(self) -> tuple[str, str | None]:
        return (self.kind, self.outcome)


def _nearest_outcome(sentence: str, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for m in _OUTCOME.finditer(sentence):
        dist = start - m.end() if m.end() <= start else m.start() - end if m.start() >= end else 0
        if best is None or dist < best[0]:
            best = (dist, _OUTCOMES[m.group(1).lower()])
    return best[1] if best else None


def extract_figures(sentence: str) -> list[Figure]:
    """Numbers with what they count, and dates, found in one sentence."""
    found: list[Figure] = []
    for m in _FIGURE.finditer(sentence):
        noun = m.group("noun").lower()
        kind, unit, factor = _NOUNS[noun]
        value = float(m.group("num").replace(",", "")) * _SCALES.get((m.group("scale") or "").lower(), 1.0)
        value = round(value * factor, 3)
        outcome = _nearest_outcome(sentence, m.start(), m.end()) if unit == "persons" else None
        adj = m.group("adj")
        found.append(Figure(
            kind=kind, outcome=outcome, value=value, unit=unit,
            qualifier=(m.group("qual") or "").lower() or None, noun=noun,
            about=adj if adj and adj[0].isupper() else None,
            text=m.group(0), start=m.start(), end=m.end(),
        ))
    for m in _DATE.finditer(sentence):
        month = _MONTHS.index((m.group("m1") or m.group("m2")).lower()) + 1
        day = int(m.group("d1") or m.group("d2"))
        if not 1 <= day <= 31:
            continue
        value = f"{month:02d}-{day:02d}" if not m.group("y") else f"{m.group('y')}-{month:02d}-{day:02d}"
        found.append(Figure(
            kind="date", outcome=None, value=value, unit="date", qualifier=None, noun="date",
            about=None, text=m.group(0), start=m.start(), end=m.end(),
        ))
    return found


def _same(values: list[float | str]) -> bool:
    return len(set(values)) == 1


def corroborate(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    min_outlets: int = 2,
    max_groups: int = 100,
) -> list[dict[str, Any]]:
    """Date+dyad groups with the figures their outlets give, newest first.

    Each group: ``date``, ``a``, ``b`` (actor keys), ``event_ids``,
    ``outlets``, and ``claims``: a list of ``{kind, outcome, status
    ('agree'|'differ'), min, max, outlets, reports}`` where each report has
    the outlet, document, sentence index, sentence, the figure and its offsets.
    """
    flt = flt or EventFilter()
    where, params = flt.where("e")
    src, tgt = actor_key("source", flt.exact), actor_key("target", flt.exact)
    # The events first (a scan of stored keys), then the reports of the
    # newest groups that could qualify only: a group can have figures from
    # ``min_outlets`` outlets only if its events were reported by as many
    # (events.outlets, plus one for reports of unknown outlet). If fewer than
    # ``max_groups`` of those candidates qualify, the next ones are read, and
    # so on, so the answer is the same as reading every report. The digit test
    # names a column of both sides of the join, so that it runs on the joined
    # reports only, not on every stored sentence.
    sql = f"""
        WITH fe AS MATERIALIZED (
            SELECT e.event_id, e.date, least({src}, {tgt}) AS a, greatest({src}, {tgt}) AS b,
                   coalesce(e.outlets, []::VARCHAR[]) AS outlets,
                   e.outlets IS NULL OR e.mentions > len(e.outlets) AS maybe_unknown
            FROM events e
            WHERE {where} AND e.date IS NOT NULL AND {src} IS NOT NULL AND {tgt} IS NOT NULL
        ),
        candidates AS MATERIALIZED (
            SELECT date, a, b FROM fe
            GROUP BY date, a, b
            HAVING len(list_distinct(flatten(list(outlets)))) + CASE WHEN bool_or(maybe_unknown) THEN 1 ELSE 0 END >= ?
            ORDER BY date DESC, a, b
            LIMIT ?
        ),
        ms AS MATERIALIZED (
            SELECT fe.date, fe.a, fe.b, m.event_id, m.mention_id, m.doc_id, m.sent_index, m.sentence,
                   coalesce(m.outlet, '(unknown)') AS outlet
            FROM fe JOIN candidates USING (date, a, b) JOIN event_mentions m ON m.event_id = fe.event_id
            WHERE regexp_matches(CASE WHEN fe.date IS NOT NULL THEN m.sentence END, '[0-9]')
        ),
        groups AS (
            SELECT date, a, b FROM ms
            GROUP BY date, a, b
            HAVING count(DISTINCT outlet) >= ?
            ORDER BY date DESC, a, b
            LIMIT ?
        )
        SELECT ms.*, (SELECT count(*) FROM candidates) AS candidates
        FROM ms JOIN groups USING (date, a, b)
        ORDER BY ms.date DESC, ms.a, ms.b, ms.outlet, ms.doc_id, ms.sent_index, ms.event_id
    """
    window = 2 * int(max_groups)
    while True:
        # LIMIT NULL reads every candidate
        cur = con.execute(sql, [*params, int(min_outlets), window, int(min_outlets), int(max_groups)])
        found = cur.fetchall()
        if window is None or len({(r[0], r[1], r[2]) for r in found}) >= max_groups:
            break
        if found and found[0][-1] < window:
            break  # every candidate was read
        window = window * 8 if window < 50 * max_groups else None
    cols = [d[0] for d in cur.description]
    groups: dict[tuple, dict[str, Any]] = {}
    seen: set[tuple] = set()
    for values in found:
        r = dict(zip(cols, values))
        key = (r["date"], r["a"], r["b"])
        g = groups.setdefault(key, {"date": r["date"], "a": r["a"], "b": r["b"],
                                    "event_ids": [], "claims": {}})
        if r["event_id"] not in g["event_ids"]:
            g["event_ids"].append(r["event_id"])
        if (key, r["doc_id"], r["sent_index"]) in seen:
            continue
        seen.add((key, r["doc_id"], r["sent_index"]))
        for f in extract_figures(r["sentence"]):
            claim = g["claims"].setdefault(f.claim, [])
            claim.append({
                "outlet": r["outlet"], "doc_id": r["doc_id"], "sent_index": r["sent_index"],
                "event_id": r["event_id"], "mention_id": r["mention_id"], "sentence": r["sentence"],
                **vars(f),
            })
    out = []
    for g in groups.values():
        claims = []
        for (kind, outcome), reports in g["claims"].items():
            outlets = sorted({rep["outlet"] for rep in reports})
            if len(outlets) < min_outlets:
                continue
            vals = [rep["value"] for rep in reports]
            claims.append({
                "kind": kind, "outcome": outcome, "unit": reports[0]["unit"],
                "status": "agree" if _same(vals) else "differ",
                "min": min(vals), "max": max(vals), "outlets": outlets, "reports": reports,
            })
        if not claims:
            continue
        claims.sort(key=lambda c: (c["status"] != "differ", c["kind"], c["outcome"] or ""))
        g["claims"] = claims
        g["event_ids"].sort()
        g["outlets"] = sorted({rep["outlet"] for c in claims for rep in c["reports"]})
        out.append(g)
    return out
