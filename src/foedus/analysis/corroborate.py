"""Figures several outlets give for the same event, side by side.

Casualty counts, troop numbers, distances and areas are where outlets
disagree most ("at least 105 servicemen killed" in one, "49 soldiers" in
another), and the disagreement is itself the news. This module pulls such
figures out of the evidence sentences and lines them up, with who gave each
value: the outlet, and the speaker when the figure is inside a quote.

How:

* Reports are grouped by *date and dyad*: the evidence sentences of every
  merged event on that day between the same two actors (country level,
  either direction). This also covers the reports of one merged event.
* From each sentence, :func:`extract_figures` takes numbers, in digits or
  in words (``105 servicemen``, ``ten thousand troops``, ``10 km``), with the
  noun or unit they count, a qualifier (``at least``, ``about``), the outcome
  word nearest to them (killed, wounded, captured...) and the proper
  adjectives in between (``North Korean``), which often tell whose.
* Within a group, figures are compared by *claim*: (kind, outcome), where
  kind folds synonyms (troops = soldiers = servicemen = personnel) and values
  are normalised (miles to km, hectares to km2). A claim is ``agree`` when
  every report gives the same value, else ``differ``.

Dates are not compared: a sentence names many days (the summit's first and
last, the day of the statement), so two dates in two reports are rarely the
same figure; each report's own event date is on the event page. Vague
quantities ("hundreds", "several thousand") are not figures. Only groups
that at least ``min_outlets`` outlets report are returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import duckdb
from text_to_num import text2num

from foedus.analysis.filters import EventFilter, actor_key
from foedus.coding.merge import WINDOW_DAYS

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
# Number words that can make a figure ("ten thousand", "twenty-five",
# "one hundred and five"); their value is read by text2num. Plurals
# ("hundreds", "thousands of") are vague and left out on purpose.
_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
_WORD = r"(?:" + "|".join(_UNITS) + r")(?:-(?:" + "|".join(_UNITS[:9]) + r"))?"
_BIG = r"(?:hundred|thousand|million|billion)"
_WORDS = rf"(?:{_WORD}|a)(?:\s+(?:and\s+)?(?:{_WORD}|{_BIG}))*(?:\s+{_BIG})?"

_QUAL = r"(?:(?P<qual>at least|at most|more than|less than|fewer than|over|nearly|almost|about|around|some|approximately|up to|an estimated|roughly)\s+)?"
_NUM = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?|(?i:{_WORDS}))"
_SCALE = r"(?:\s+(?P<scale>thousand|million|billion))?"
_NOUN = "|".join(re.escape(n) for n in sorted(_NOUNS, key=len, reverse=True))
# Up to three words between the number and its noun: "3,000 North Korean
# troops", "40 Ukrainian border guards", "200 elite special forces troops".
# Function words end the search: "one of the two soldiers" counts two, not one.
_STOP = ("of the a an and or to in on at by for from with as than were was are is be been had have has his her "
         "their its our who that which these those other all two three four five six seven eight nine ten").split()
_MODIFIER = rf"(?:(?!(?:{'|'.join(_STOP)})\b)[A-Za-z][\w'-]*\s+)"
_FIGURE = re.compile(
    rf"\b{_QUAL}{_NUM}{_SCALE}\s+(?P<adj>{_MODIFIER}{{0,3}}?)(?P<noun>{_NOUN})\b", re.IGNORECASE
)
_OUTCOME = re.compile(r"\b(" + "|".join(sorted(_OUTCOMES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
# A cheap test for sentences that may hold a figure: a digit or a number word.
_FIGURE_HINT = re.compile(r"(?i)[0-9]|\b(" + "|".join(_UNITS) + r")\b")


def _value(raw: str) -> float | None:
    """The number a figure's digits or words say; None when the words are not a number."""
    raw = raw.strip()
    if raw[0].isdigit():
        return float(raw.replace(",", ""))
    words = raw.lower()
    if words == "a" or words.startswith("a "):
        words = "one " + words[2:] if words != "a" else ""
    try:
        return float(text2num(words, "en")) if words else None
    except ValueError:
        return None


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


_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|until|from|of|during|before|after)\s+$", re.IGNORECASE)


def _is_year(sentence: str, m: re.Match[str]) -> bool:
    """ "In 2024 troops advanced": a year after a preposition, not a count."""
    raw = m.group("num")
    return (len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2099 and not m.group("qual")
            and bool(_YEAR_BEFORE.search(sentence[:m.start("num")])))


def extract_figures(sentence: str) -> list[Figure]:
    """Numbers (in digits or words) with what they count, found in one sentence."""
    found: list[Figure] = []
    for m in _FIGURE.finditer(sentence):
        noun = m.group("noun").lower()
        kind, unit, factor = _NOUNS[noun]
        number = _value(m.group("num"))
        if number is None or _is_year(sentence, m):
            continue
        value = round(number * _SCALES.get((m.group("scale") or "").lower(), 1.0) * factor, 3)
        outcome = _nearest_outcome(sentence, m.start(), m.end()) if unit == "persons" else None
        proper = [w for w in (m.group("adj") or "").split() if w[0].isupper()]
        found.append(Figure(
            kind=kind, outcome=outcome, value=value, unit=unit,
            qualifier=(m.group("qual") or "").lower() or None, noun=noun,
            about=" ".join(proper) or None,
            text=m.group(0), start=m.start(), end=m.end(),
        ))
    return found


def _by_subject(reports: list[dict[str, Any]]) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """Reports of one kind and outcome, split by whose figure it is.

    "105 Armenian servicemen" and "50 Azerbaijani servicemen" killed are two
    figures, not a disagreement. A report that does not say whose joins the
    only named subject there is; with several, it stays apart (unspecified).
    """
    named: dict[str, list[dict[str, Any]]] = {}
    unnamed: list[dict[str, Any]] = []
    for rep in reports:
        if rep["about"]:
            named.setdefault(rep["about"].lower(), []).append(rep)
        else:
            unnamed.append(rep)
    if len(named) == 1:
        (about, same), = named.items()
        return [(same[0]["about"], sorted(same + unnamed, key=lambda r: reports.index(r)))]
    out = [(same[0]["about"], same) for same in named.values()]
    if unnamed:
        out.append((None, unnamed))
    return out


def _quote_speakers(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, list[tuple]]:
    """Per document, the quotes with a known speaker: (start, end, code, name), by offset."""
    if not doc_ids:
        return {}
    out: dict[str, list[tuple]] = {}
    for doc_id, start, end, code, name in con.execute(
        "SELECT doc_id, start_char, end_char, speaker_code, coalesce(speaker_name, speaker_code) FROM quotes"
        " WHERE list_contains(?::VARCHAR[], doc_id) AND speaker_code IS NOT NULL ORDER BY doc_id, start_char",
        [doc_ids],
    ).fetchall():
        out.setdefault(doc_id, []).append((start, end, code, name))
    return out


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
    return figure_groups(con, flt, min_outlets, max_groups)[0]


def figure_groups(
    con: duckdb.DuckDBPyConnection,
    flt: EventFilter | None = None,
    min_outlets: int = 2,
    max_groups: int = 100,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], bool]:
    """One page of :func:`corroborate`'s groups, and whether more follow.

    Pages are cut among the groups whose reports hint at a figure (a digit
    or a number word) from ``min_outlets`` outlets, newest first: the
    ``offset``-th and the ``max_groups`` after it. A group whose sentences,
    read closely, give no figure that as many outlets share is left out of
    its page, so a page can show fewer groups than ``max_groups``; no group
    is ever on two pages.
    """
    flt = flt or EventFilter()
    where, params = flt.where("e")
    src, tgt = actor_key("source", flt.exact), actor_key("target", flt.exact)
    # The events first (a scan of stored keys), then the reports of the
    # newest groups that could qualify only: a group can have figures from
    # ``min_outlets`` outlets only if its events were reported by as many
    # (events.outlets, plus one for reports of unknown outlet). If fewer than
    # ``max_groups`` of those candidates qualify, the next ones are read, and
    # so on, so the answer is the same as reading every report.
    # The reports are read in a second statement, by the picked events' ids
    # and the span of days their reports can have: the merge puts a report in
    # an event only if its date lies within WINDOW_DAYS of the event's, so the
    # scan tests the narrow date column first and reads the wide columns of
    # the reports of those days only. (One join that read the wide columns
    # of every stored report was 60% of the figures page's time at a million
    # events.)
    pick = f"""
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
        )
        SELECT fe.event_id, fe.date, fe.a, fe.b, (SELECT count(*) FROM candidates) AS candidates
        FROM fe JOIN candidates USING (date, a, b)
    """
    read = """
        SELECT m.event_id, m.mention_id, m.doc_id, m.sent_index, m.sentence, coalesce(m.outlet, '(unknown)'),
               m.sent_start, m.published, m.claimed_by_code, m.claimed_by_name
        FROM event_mentions m SEMI JOIN (SELECT unnest(?::VARCHAR[]) AS event_id) p ON m.event_id = p.event_id
        WHERE m.date BETWEEN ? AND ?
    """
    offset, max_groups = max(0, int(offset)), int(max_groups)
    wanted = offset + max_groups + 1  # one more tells whether a next page exists
    window: int | None = 2 * wanted
    while True:
        # LIMIT NULL reads every candidate
        picked = con.execute(pick, [*params, int(min_outlets), window]).fetchall()
        group_of = {r[0]: (r[1], r[2], r[3]) for r in picked}
        rows = con.execute(read, [list(group_of), min(r[1] for r in picked) - timedelta(days=WINDOW_DAYS),
                                  max(r[1] for r in picked) + timedelta(days=WINDOW_DAYS)]).fetchall() if picked else []
        reports = [(group_of[r[0]], r) for r in rows if r[4] is not None and _FIGURE_HINT.search(r[4])]
        outlets_of: dict[tuple, set[str]] = {}
        for key, r in reports:
            outlets_of.setdefault(key, set()).add(r[5])
        qualifying = sorted((k for k, o in outlets_of.items() if len(o) >= min_outlets),
                            key=lambda k: (-k[0].toordinal(), k[1], k[2]))[:wanted]
        if window is None or len(qualifying) >= wanted:
            break
        if picked and picked[0][-1] < window:
            break  # every candidate was read
        window = window * 8 if window < 50 * wanted else None
    more = len(qualifying) > offset + max_groups
    keep = set(qualifying[offset:offset + max_groups])
    found = sorted(
        ((*key, *r) for key, r in reports if key in keep),
        key=lambda v: (-v[0].toordinal(), v[1], v[2], v[8], v[5], v[6], v[3]))
    cols = ["date", "a", "b", "event_id", "mention_id", "doc_id", "sent_index", "sentence", "outlet",
            "sent_start", "published", "claimed_by_code", "claimed_by_name"]
    speakers = _quote_speakers(con, sorted({v[cols.index("doc_id")] for v in found}))
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
            at = (r["sent_start"] or 0) + f.start
            quoted = next((q for q in speakers.get(r["doc_id"], ()) if q[0] <= at < q[1]), None)
            claim.append({
                "outlet": r["outlet"], "doc_id": r["doc_id"], "sent_index": r["sent_index"],
                "event_id": r["event_id"], "mention_id": r["mention_id"], "sentence": r["sentence"],
                "published": r["published"],
                # Who gave the value: the speaker of the quote it is in, else the
                # outlet itself. (A report's claimant is not enough: "India, blaming
                # its neighbour for the attack that killed 26" makes the blame
                # India's, not the count.)
                "said_by": quoted[3] if quoted else None,
                "said_by_code": quoted[2] if quoted else None,
                **vars(f),
            })
    out = []
    for g in groups.values():
        claims = []
        for (kind, outcome), reports in g["claims"].items():
            for about, same in _by_subject(reports):
                outlets = sorted({rep["outlet"] for rep in same})
                if len(outlets) < min_outlets:
                    continue
                vals = [rep["value"] for rep in same]
                claims.append({
                    "kind": kind, "outcome": outcome, "about": about, "unit": same[0]["unit"],
                    "status": "agree" if _same(vals) else "differ",
                    "min": min(vals), "max": max(vals), "outlets": outlets, "reports": same,
                })
        if not claims:
            continue
        claims.sort(key=lambda c: (c["status"] != "differ", c["kind"], c["outcome"] or ""))
        g["claims"] = claims
        g["event_ids"].sort()
        g["outlets"] = sorted({rep["outlet"] for c in claims for rep in c["reports"]})
        out.append(g)
    return out, more
