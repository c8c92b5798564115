"""Readable names for actor codes, for every page, chart and table.

Why: the store keeps codes (``RUS``, ``CSTO``, ``IGOCSTO``, ``ARMGOV``) because
they are what filters and exports compare; a reader wants "Russia", "CSTO",
"Armenia (government)". Every view asks this one place, so a code is named
the same way everywhere and the code itself stays available (on hover, in the
exports).

How a code is named, from the actor registry (no list of names here):

* a state's ISO3 id or CAMEO code -> the state's name;
* an organisation's id -> its short name (the id itself when it is an
  acronym such as ``CSTO`` or ``NATO``), with the full name beside it;
* an organisation's CAMEO code (``IGOCSTO``) -> that organisation, preferring
  the body over its organs when several share the code;
* a composed code (``ARMGOV``, ``USAMILREB``) -> the state's name and the
  sector names in brackets;
* anything else -> the code itself, so nothing is ever hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,7}$")


@dataclass(frozen=True)
class ActorName:
    """What a page shows for one code: a short label, a full name, the code."""

    code: str
    short: str
    full: str

    @property
    def hover(self) -> str:
        """The title text of the label: full name and code, once each."""
        return self.code if self.full == self.code else f"{self.full} ({self.code})"


class ActorNames:
    """Code -> :class:`ActorName`, answered from a registry and remembered."""

    def __init__(self, registry: Any) -> None:
        self._registry = registry
        self._org_by_code: dict[str, Any] = {}
        for org in registry.organisations.values():
            best = self._org_by_code.get(org.code)
            # The body itself beats its organs (IGOCSTO is the CSTO, not its council).
            if best is None or (best.parent is not None and org.parent is None):
                self._org_by_code[org.code] = org
        self._sectors = dict(getattr(registry, "sectors", {}) or {})
        self._cache: dict[str, ActorName] = {}

    def __call__(self, code: str | None) -> ActorName:
        if not code:
            return ActorName("", "?", "unknown actor")
        code = str(code)
        found = self._cache.get(code)
        if found is None:
            found = self._cache[code] = self._name(code)
        return found

    def short(self, code: str | None) -> str:
        return self(code).short

    def _organisation(self, org: Any, code: str) -> ActorName:
        short = org.id if _ACRONYM.match(org.id) else org.name
        return ActorName(code, short, org.name)

    def _name(self, code: str) -> ActorName:
        reg = self._registry
        state = reg.state(code) if len(code) == 3 else None
        if state is not None:
            return ActorName(code, state.name, state.name)
        if code in reg.organisations:
            return self._organisation(reg.organisations[code], code)
        if code in self._org_by_code:
            return self._organisation(self._org_by_code[code], code)
        head, rest = code[:3], code[3:]
        state = reg.state(head)
        if state is not None and rest and len(rest) % 3 == 0:
            parts = [rest[i:i + 3] for i in range(0, len(rest), 3)]
            sectors = [self._sectors[p].name if p in self._sectors else None for p in parts]
            if all(sectors):
                label = f"{state.name} ({', '.join(s for s in sectors if s)})"
                return ActorName(code, label, label)
        return ActorName(code, code, code)


@lru_cache(maxsize=4)
def default_names(extra_files: tuple[str, ...] = ()) -> ActorNames:
    """The names of the default registry (built once per process)."""
    from foedus.actors.registry import load_registry

    return ActorNames(load_registry(extra_files))
