"""Response classes: how a guarantor's coded events count toward a promise.

The rules live in ``data/ledger/response_classes.yaml`` (format
``foedus-response-classes/1``); this module loads them and classifies one
event. Why data: "does a fact-finding mission honour Article 4?" is an
analyst's judgement and must be visible and changeable, not buried in code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from foedus.ledger.evidence import Mention
from foedus.ledger.model import ResponseClass
from foedus.ledger.text import mentions_any
from foedus.ledger.yamlio import as_str_tuple, load_entries, report, where

FORMAT = "foedus-response-classes/1"
EFFECTS = ("full", "partial", "none", "refusal")


def _file() -> Path:
    return Path(str(resources.files("foedus.data").joinpath("ledger/response_classes.yaml")))


@lru_cache(maxsize=4)
def load_classes(path: str | None = None) -> tuple[tuple[ResponseClass, ...], tuple[str, ...]]:
    """(classes sorted by priority, highest first; problems found)."""
    problems: list[str] = []
    file = Path(path) if path else _file()
    out: list[ResponseClass] = []
    for e in load_entries(file, FORMAT, "classes", problems):
        origin = where(file, e)
        try:
            effect = e.get("effect")
            if effect not in EFFECTS:
                raise ValueError(f"effect {effect!r} not one of {EFFECTS}")
            toward = e.get("toward", "beneficiary")
            if toward not in ("beneficiary", "attacker", "any"):
                raise ValueError("toward must be beneficiary, attacker or any")
            neg = e.get("negated", None)
            if neg not in (None, True, False):
                raise ValueError("negated must be true, false or omitted")
            codes = as_str_tuple(e.get("codes"), "codes")
            if not codes or not e.get("name"):
                raise ValueError("a class needs a name and codes")
            out.append(
                ResponseClass(
                    name=str(e["name"]), label=str(e.get("label", e["name"])), effect=effect,
                    codes=codes, negated=neg, toward=toward,
                    keywords=as_str_tuple(e.get("keywords"), "keywords"),
                    priority=int(e.get("priority", 0)), source=origin,
                )
            )
        except (ValueError, TypeError) as exc:
            problems.append(f"{origin}: {exc}; class skipped")
    report(problems)
    out.sort(key=lambda c: -c.priority)
    return tuple(out), tuple(problems)


def classify(m: Mention, toward: str, classes: tuple[ResponseClass, ...]) -> ResponseClass | None:
    """The highest-priority class fitting event ``m`` aimed at ``toward``
    ("beneficiary" or "attacker"), or None."""
    for c in classes:
        if c.toward not in ("any", toward):
            continue
        if c.negated is not None and c.negated != m.negated:
            continue
        if not any(m.cameo.startswith(code) for code in c.codes):
            continue
        if c.keywords and not mentions_any(m.sentence, c.keywords):
            continue
        return c
    return None
