"""Breaches of guarantees: the bound party doing what it promised not to do.

For obligations that list ``breach_codes`` (a guarantee of passage, a
ceasefire, a promise not to use force), events with those codes by a bound
party during the treaty's term, at the named place (event place or sentence)
and, for promises toward a named beneficiary other than passage guarantees,
aimed at that beneficiary, are recorded as breaches. So the 2022-2023 Lachin
blockade shows as a breach of point 6 of the 2020 statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from foedus.ledger.evidence import Mention, tally
from foedus.ledger.model import Article, Obligation, Registry, Treaty
from foedus.ledger.text import actor_name, human_date, join_words, mentions_any, plural


@dataclass(frozen=True)
class Breach:
    treaty: Treaty
    article: Article
    obligation: Obligation
    mentions: tuple[Mention, ...]

    def public(self) -> dict[str, Any]:
        ms = self.mentions
        reports, outlets, events = tally(ms)
        first = min(m.date for m in ms)
        last = max(m.date for m in ms)
        by = join_words(sorted({actor_name(m.source_country) for m in ms}))
        place = self.obligation.place[0] if self.obligation.place else None
        span = human_date(first) if first == last else f"{human_date(first)} to {human_date(last)}"
        summary = (
            f"{by} breached Article {self.article.number} of the {self.treaty.name} "
            f"({self.obligation.summary}){' at ' + place if place else ''}: "
            f"{plural(events, 'event')} from {span} ({plural(reports, 'report')}, {plural(outlets, 'outlet')})."
        )
        bound = list(self.obligation.bound) if isinstance(self.obligation.bound, tuple) else list(self.treaty.parties_on(first, active_only=False))
        beneficiary = list(self.obligation.beneficiary) if isinstance(self.obligation.beneficiary, tuple) else bound
        return {
            "key": f"{self.treaty.id}:{self.article.number}:breach:{first.isoformat()}",
            "treaty": self.treaty.id,
            "treaty_name": self.treaty.name,
            "article": self.article.number,
            "date": first.isoformat(),
            "until": last.isoformat(),
            "status": "breached",
            "verdict": "breached",
            "parties": sorted(set(bound) | set(beneficiary)),
            "breached_by": sorted({m.source_country for m in ms if m.source_country}),
            "breached_by_names": [actor_name(c) for c in sorted({m.source_country for m in ms if m.source_country})],
            "what": self.obligation.summary,
            "duty": self.obligation.effective_duty,
            "obligation": self.obligation.type,
            "bound": list(self.obligation.bound) if isinstance(self.obligation.bound, tuple) else self.obligation.bound,
            "place": place,
            "first": first.isoformat(),
            "last": last.isoformat(),
            "events": events,
            "reports": reports,
            "outlets": outlets,
            "summary": summary,
            "by": sorted({m.source_country for m in ms if m.source_country}),
            "evidence": [m.evidence() | {"source": m.source_country} for m in ms],
        }


def _term(t: Treaty, o: Obligation) -> tuple[date | None, date | None]:
    start = t.in_force or t.signed
    ends = [d for d in (t.ended, o.term_end) if d is not None]
    return start, (min(ends) if ends else None)


def _fits(m: Mention, t: Treaty, o: Obligation) -> bool:
    if m.negated or m.modality not in ("asserted", "claimed") or m.date is None:
        return False
    if not any(m.cameo.startswith(c) for c in o.breach_codes):
        return False
    bound = t.parties_on(m.date, active_only=False) if o.bound == "all" else o.bound
    if m.source_country not in bound or m.source_org:
        return False
    start, end = _term(t, o)
    if (start and m.date < start) or (end and m.date > end):
        return False
    if o.place and not mentions_any(" ".join(x for x in (m.location_name, m.sentence) if x), o.place):
        return False
    if o.type != "guarantee-of-passage" and isinstance(o.beneficiary, tuple):
        others = tuple(b for b in o.beneficiary if b != m.source_country)
        if m.target_country not in others:
            return False
    return True


def find_breaches(mentions: list[Mention], registry: Registry) -> list[Breach]:
    out = []
    for t in registry.treaties:
        for a in t.articles:
            for o in a.obligations:
                if not o.breach_codes:
                    continue
                hits = tuple(m for m in mentions if _fits(m, t, o))
                if hits:
                    out.append(Breach(t, a, o, hits))
    return out
