"""One description of "which events", shared by every analysis and page.

Why one class: the timeline, the relations table, the network and the exports
must agree on what a filter means, so that a number in one view, followed by
its link, lists exactly the events it counted. The filter turns itself into a
parametrised SQL ``WHERE`` clause over the merged ``events`` table; user values
only ever travel as parameters.

Actors are matched at *country level* by default: the actor key of a side is
its organisation (``CSTO``, ``EU``) when it has one, else its ISO3 country
(``ARM``), so ``ARMGOV`` and ``ARMMIL`` both count as ``ARM``. With
``exact=True`` the full actor code (``ARMGOV``, ``IGOCSTO``) is matched instead.

The country-level key is stored with each row (``source_key``/``target_key``
in ``events`` and ``event_mentions``, schema version 2), and so is the list of
outlets that reported each event (``events.outlets``): filtering on them is a
plain column comparison, with no per-row computation and no join.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any, Literal

Tri = Literal["include", "exclude", "only"]
TRI_VALUES = ("include", "exclude", "only")
POLARITIES = ("coop", "conflict")
_ROOT = re.compile(r"^\d{1,4}$")


def key_definition(side: str, alias: str = "e") -> str:
    """How the country-level key of ``side`` is made from the actor columns.

    The organisation if the actor has one, else its ISO3 country (NULL when
    neither is known). Stored as ``{side}_key`` when rows are written
    (:mod:`foedus.jobs.rows`, :mod:`foedus.coding.merge`, migration 002).
    """
    if side not in ("source", "target"):
        raise ValueError(f"side must be source or target, not {side!r}")
    return f"coalesce({alias}.{side}_org, {alias}.{side}_country)"


def actor_key(side: str, exact: bool = False, alias: str = "e") -> str:
    """SQL expression for the actor key of ``side`` ('source' or 'target').

    Country level reads the stored ``{side}_key`` (see :func:`key_definition`);
    ``exact`` the full actor code. Only ever called with constants, never
    with user input.
    """
    if side not in ("source", "target"):
        raise ValueError(f"side must be source or target, not {side!r}")
    if exact:
        return f"{alias}.{side}_code"
    return f"{alias}.{side}_key"


class FilterError(ValueError):
    """A filter value that cannot mean anything (bad date, unknown option)."""


def _date(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise FilterError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from exc


@dataclass(frozen=True)
class EventFilter:
    """Which merged events to look at.

    ``actor`` matches either side; ``actor`` + ``other`` is a dyad (either
    direction unless ``directed``, in which case ``actor`` is the source).
    ``source``/``target`` pin one side each. ``cameo`` is a code prefix
    (``19`` = fight, ``0232`` = appeal for military aid). ``negated`` and
    ``claims`` choose whether negated events ("did not provide aid") and
    events only claimed by a party are included, excluded or alone.
    """

    actor: str | None = None
    other: str | None = None
    source: str | None = None
    target: str | None = None
    directed: bool = False
    exact: bool = False
    cameo: str | None = None
    quad: int | None = None
    polarity: str | None = None
    outlet: str | None = None
    start: date | None = None
    end: date | None = None
    negated: Tri = "include"
    claims: Tri = "include"
    modality: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", _date(self.start, "start"))
        object.__setattr__(self, "end", _date(self.end, "end"))
        for name in ("actor", "other", "source", "target", "cameo", "outlet", "modality", "polarity"):
            value = getattr(self, name)
            if value is not None:
                value = str(value).strip() or None
                object.__setattr__(self, name, value)
        if self.cameo is not None and not _ROOT.match(self.cameo):
            raise FilterError(f"cameo must be 1-4 digits, not {self.cameo!r}")
        if self.quad is not None:
            try:
                quad = int(self.quad)
            except (TypeError, ValueError) as exc:
                raise FilterError(f"quad must be 1-4, not {self.quad!r}") from exc
            if quad not in (1, 2, 3, 4):
                raise FilterError(f"quad must be 1-4, not {self.quad!r}")
            object.__setattr__(self, "quad", quad)
        if self.polarity is not None and self.polarity not in POLARITIES:
            raise FilterError(f"polarity must be coop or conflict, not {self.polarity!r}")
        for name in ("negated", "claims"):
            if getattr(self, name) not in TRI_VALUES:
                raise FilterError(f"{name} must be one of {', '.join(TRI_VALUES)}")
        if self.start and self.end and self.start > self.end:
            raise FilterError("start is after end")

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> "EventFilter":
        """Build from query parameters (strings); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        given: dict[str, Any] = {}
        for key, value in params.items():
            if key not in known or value in (None, ""):
                continue
            if key in ("directed", "exact"):
                given[key] = str(value).lower() in ("1", "true", "yes", "on")
            else:
                given[key] = value
        return cls(**given)

    def with_(self, **changes: Any) -> "EventFilter":
        return replace(self, **changes)

    def to_params(self) -> dict[str, str]:
        """Query parameters that rebuild this filter (defaults left out)."""
        out: dict[str, str] = {}
        for key, default in _DEFAULTS:
            value = getattr(self, key)
            if value is None or value == default:
                continue
            if isinstance(value, bool):
                out[key] = "1" if value else "0"
            else:
                out[key] = value.isoformat() if isinstance(value, date) else str(value)
        return out

    def params_with(self, **changes: Any) -> dict[str, str]:
        """``self.with_(**changes).to_params()``, without building the filter.

        For the per-row links of long tables (thousands of rows): only actor
        names and dates may change, values that need no validation.
        """
        unknown = set(changes) - _LINK_FIELDS
        if unknown:
            raise ValueError(f"params_with cannot change {', '.join(sorted(unknown))}")
        out = {k: v for k, v in self.to_params().items() if k not in changes}
        for key, value in changes.items():
            if value is None or value == "":
                continue
            out[key] = value.isoformat() if isinstance(value, date) else str(value)
        return {k: out[k] for k, _ in _DEFAULTS if k in out}

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """``(sql, params)`` for a WHERE clause over ``events AS alias``."""
        conds: list[str] = []
        params: list[Any] = []
        src = actor_key("source", self.exact, alias)
        tgt = actor_key("target", self.exact, alias)
        if self.actor and self.other:
            if self.directed:
                conds.append(f"({src} = ? AND {tgt} = ?)")
                params += [self.actor, self.other]
            else:
                conds.append(f"(({src} = ? AND {tgt} = ?) OR ({src} = ? AND {tgt} = ?))")
                params += [self.actor, self.other, self.other, self.actor]
        elif self.actor:
            if self.directed:
                conds.append(f"{src} = ?")
                params.append(self.actor)
            else:
                conds.append(f"({src} = ? OR {tgt} = ?)")
                params += [self.actor, self.actor]
        elif self.other:
            conds.append(f"({src} = ? OR {tgt} = ?)")
            params += [self.other, self.other]
        if self.source:
            conds.append(f"{src} = ?")
            params.append(self.source)
        if self.target:
            conds.append(f"{tgt} = ?")
            params.append(self.target)
        if self.cameo:
            conds.append(f"starts_with({alias}.cameo, ?)")
            params.append(self.cameo)
        if self.quad:
            conds.append(f"{alias}.quad_class = ?")
            params.append(self.quad)
        if self.polarity == "coop":
            conds.append(f"{alias}.quad_class IN (1, 2)")
        elif self.polarity == "conflict":
            conds.append(f"{alias}.quad_class IN (3, 4)")
        if self.start:
            conds.append(f"{alias}.date >= ?")
            params.append(self.start)
        if self.end:
            conds.append(f"{alias}.date <= ?")
            params.append(self.end)
        if self.negated == "exclude":
            conds.append(f"NOT {alias}.negated")
        elif self.negated == "only":
            conds.append(f"{alias}.negated")
        if self.claims == "exclude":
            conds.append(f"{alias}.claimed_by_code IS NULL")
        elif self.claims == "only":
            conds.append(f"{alias}.claimed_by_code IS NOT NULL")
        if self.modality:
            conds.append(f"{alias}.modality = ?")
            params.append(self.modality)
        if self.outlet:
            # events.outlets: the outlets of the documents that report the event
            conds.append(f"list_contains({alias}.outlets, ?)")
            params.append(self.outlet)
        return (" AND ".join(conds) if conds else "TRUE"), params


_DEFAULTS: tuple[tuple[str, Any], ...] = tuple((f.name, f.default) for f in fields(EventFilter))
_LINK_FIELDS = frozenset({"actor", "other", "source", "target", "start", "end"})
