"""A name table that marks actor mentions by exact string match.

Why: the evaluation set and the tests must measure the event coder alone,
independent of how well actors are recognised. When a pipeline has no actor
component (or an evaluation asks for "gold" actors), mentions come from a
small table of names -> codes that travels with the evaluation data.
This is not the product's actor recogniser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import ActorMention

_ROLES = ("GOV", "MIL", "LEG", "JUD", "OPP", "CVL", "MED", "BUS", "REB", "PKO", "SPY", "COP", "IGO")


def split_code(code: str) -> tuple[str | None, str | None, str | None]:
    """(country, org, role) of a CAMEO-style actor code, best effort."""
    if code.startswith("IGO"):
        return None, code[3:] or None, None
    country = code[:3] if len(code) >= 3 else None
    role = code[3:6] if len(code) >= 6 and code[3:6] in _ROLES else None
    return country, None, role


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, str]  # surface form -> code

    def mentions(self, text: str) -> list[ActorMention]:
        """Longest-first, non-overlapping, word-bounded matches of the names."""
        taken: list[tuple[int, int]] = []
        out: list[ActorMention] = []
        for name in sorted(self.names, key=len, reverse=True):
            for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                s, e = m.span()
                if any(s < b and a < e for a, b in taken):
                    continue
                taken.append((s, e))
                code = self.names[name]
                country, org, role = split_code(code)
                out.append(ActorMention(s, e, text[s:e], code, name, country, org, role, how="dictionary"))
        return sorted(out, key=lambda m: m.start)
