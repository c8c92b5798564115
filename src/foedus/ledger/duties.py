"""Duties: what each kind of treaty obligation takes to be honoured.

The rules live in ``data/ledger/duties.yaml`` (format ``foedus-duties/1``).
Why data: "is a consultation enough to honour Article 4?" or "does economic
aid honour a promise to assist by all means?" are readings of a treaty that
an analyst must be able to see and change; every verdict names the duty it
applied.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from foedus.ledger.model import Duty
from foedus.ledger.yamlio import as_str_tuple, load_entries, report, where

FORMAT = "foedus-duties/1"


def _file() -> Path:
    return Path(str(resources.files("foedus.data").joinpath("ledger/duties.yaml")))


@lru_cache(maxsize=4)
def load_duties(path: str | None = None) -> tuple[dict[str, Duty], tuple[str, ...]]:
    """(duties by name, problems found)."""
    problems: list[str] = []
    file = Path(path) if path else _file()
    out: dict[str, Duty] = {}
    for e in load_entries(file, FORMAT, "duties", problems):
        origin = where(file, e)
        try:
            name = e.get("name")
            if not isinstance(name, str) or not name:
                raise ValueError("a duty needs a name")
            out[name] = Duty(
                name=name, label=str(e.get("label", name)),
                full=as_str_tuple(e.get("full"), "full"), partial=as_str_tuple(e.get("partial"), "partial"),
                description=str(e.get("description", "")), source=origin,
            )
        except (ValueError, TypeError) as exc:
            problems.append(f"{origin}: {exc}; duty skipped")
    report(problems)
    return out, tuple(problems)


def duty_names() -> frozenset[str]:
    return frozenset(load_duties()[0])


def effect(duty: Duty | None, class_name: str, class_effect: str) -> str:
    """The effect of one response class on one duty: full, partial, refusal or none.

    A refusal counts against every duty. Without a duty entry (a user's own
    obligation type), the class's own effect applies.
    """
    if class_effect == "refusal":
        return "refusal"
    if duty is None:
        return class_effect
    if class_name in duty.full:
        return "full"
    if class_name in duty.partial:
        return "partial"
    return "none"
