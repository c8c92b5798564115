"""Reliability: how often each guarantor and treaty honoured what was asked.

Counted over every invocation on record, using the analyst's override where
there is one (an analyst who corrected a verdict should see the corrected
record), beside historical base rates from ``data/ledger/base_rates.yaml``
(format ``foedus-base-rates/1``) with their citations.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from foedus.ledger.model import BaseRate
from foedus.ledger.yamlio import load_entries, report, where

FORMAT = "foedus-base-rates/1"
_DECIDED = ("honoured", "partially honoured", "not honoured")


@lru_cache(maxsize=2)
def load_base_rates(path: str | None = None) -> tuple[BaseRate, ...]:
    problems: list[str] = []
    file = Path(path) if path else Path(str(resources.files("foedus.data").joinpath("ledger/base_rates.yaml")))
    out = []
    for e in load_entries(file, FORMAT, "rates", problems):
        origin = where(file, e)
        try:
            share = float(e["share"])
            if not 0.0 <= share <= 1.0:
                raise ValueError("share must be between 0 and 1")
            out.append(BaseRate(str(e["id"]), str(e["label"]), share, str(e["period"]), str(e["scope"]),
                                " ".join(str(e["citation"]).split()), str(e.get("url", "")), origin))
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(f"{origin}: {exc}; rate skipped")
    report(problems)
    return tuple(out)


def _record(verdicts: Iterable[str]) -> dict[str, Any]:
    vs = list(verdicts)
    counts = {v: vs.count(v) for v in ("honoured", "partially honoured", "not honoured", "trigger disputed", "pending")}
    decided = sum(counts[v] for v in _DECIDED)
    return {
        "invocations": len(vs),
        "counts": counts,
        "decided": decided,
        "share_honoured": round(counts["honoured"] / decided, 3) if decided else None,
        "share_at_least_partial": round((counts["honoured"] + counts["partially honoured"]) / decided, 3) if decided else None,
    }


def compute(rows: Iterable[tuple[str, str, str]]) -> dict[str, Any]:
    """``rows``: (treaty id, guarantor, effective verdict) per guarantor and
    invocation. Returns per-guarantor and per-treaty records and base rates."""
    rows = list(rows)
    by_g: dict[str, list[str]] = {}
    by_t: dict[str, list[str]] = {}
    for treaty, guarantor, verdict in rows:
        by_g.setdefault(guarantor, []).append(verdict)
        by_t.setdefault(treaty, []).append(verdict)
    return {
        "by_guarantor": {g: _record(v) for g, v in sorted(by_g.items())},
        "by_treaty": {t: _record(v) for t, v in sorted(by_t.items())},
        "base_rates": [
            {"id": b.id, "label": b.label, "share": b.share, "period": b.period, "scope": b.scope,
             "citation": b.citation, "url": b.url}
            for b in load_base_rates()
        ],
    }
