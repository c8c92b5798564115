"""Scenario: which commitments would an attack trigger, and who would be bound?

``scenario("AZE", "ARM", on=date(2022, 9, 13))`` lists every treaty in force
that day to which the target is a party, each defence or consultation article
it could invoke, whether an attack by that attacker at that place would meet
the article's conditions (party status of the attacker, the target's own
suspension, place exclusions such as Nagorno-Karabakh for CSTO Article 4),
who would be bound, and each guarantor's record so far.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

import duckdb

from foedus.ledger.model import Article, Registry, Treaty
from foedus.ledger.text import actor_name, country_name, mentions_any
from foedus.ledger.treaties import benefits, bound_states, load_registry, treaties_of
from foedus.ledger.triggers import area_of

YES, NO, DISPUTED, DEPENDS = "yes", "no", "disputed", "depends"


def _would_trigger(t: Treaty, a: Article, attacker: str, target: str, on: date, place: str | None, registry: Registry) -> tuple[str, str]:
    trig = a.trigger
    art = f"Article {a.number}"
    tname, aname = country_name(target), country_name(attacker)
    susp = t.suspension_of(target, on)
    if susp is not None:
        return DISPUTED, f"{tname}'s participation is suspended ({susp.note or 'suspended'}); guarantors may deny they are bound."
    if trig is None:
        return DEPENDS, f"{art} states no condition that can be checked."
    if trig.attacker == "non-party" and t.member_on(attacker, on):
        return NO, f"{aname} is itself a party; {art} covers aggression by others."
    if trig.event in ("threat", "any", "breach"):
        return YES, f"{art} needs only that {tname} consider itself threatened and ask."
    area = area_of(place, registry) if place else None
    if place:
        for ex in trig.exclusions:
            if (area is not None and ex in (area.id, area.name)) or mentions_any(place, (ex,)):
                return NO, f"An attack in {place} does not trigger {art}: the place ({area.name if area else ex}) is excluded; it is not {tname}'s internationally recognised territory."
    if trig.on == "party-territory":
        if area is not None and area.recognised_as and area.recognised_as != target:
            return NO, f"{place} is internationally recognised as {country_name(area.recognised_as)}'s territory, not {tname}'s."
        if area is not None:
            return DISPUTED, f"{place} is {tname}'s territory in law but claimed or held by {', '.join(country_name(c) for c in area.claimed_by) or 'others'}."
        if place:
            return YES, f"An armed attack by {aname} in {place} would be on {tname}'s territory, if the place lies there."
        return YES, f"An armed attack by {aname} on {tname}'s internationally recognised territory would trigger {art}{' at ' + tname + chr(39) + 's request' if trig.at_request else ''}."
    if trig.area:
        return DEPENDS, f"{art} covers attacks in: {trig.area}."
    return YES, f"An armed attack by {aname} on {tname} would trigger {art}."


def scenario(
    attacker: str,
    target: str,
    *,
    on: date | None = None,
    place: str | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
    window_days: int = 60,
    extra_treaty_files: Iterable[str] = (),
) -> dict[str, Any]:
    """The commitments an attack by ``attacker`` on ``target`` would engage.

    With ``con``, each guarantor's record of honouring invocations so far is
    attached (from the ledger of that database)."""
    on = on or date.today()
    registry = load_registry(tuple(str(p) for p in extra_treaty_files))
    record: dict[str, Any] = {}
    if con is not None:
        from foedus.ledger.report import assess

        record = assess(con, window_days=window_days, extra_treaty_files=extra_treaty_files).reliability()["by_guarantor"]
    commitments = []
    for t in treaties_of(registry, target, on):
        for a in t.articles:
            obligations = [o for o in a.obligations if o.type in ("defence", "consultation") and benefits(o, t, target, on)]
            if not obligations:
                continue
            status, reason = _would_trigger(t, a, attacker, target, on, place, registry)
            bound: list[str] = []
            for o in obligations:
                for s in bound_states(t, o, on, target):
                    if s not in bound and s != attacker:
                        bound.append(s)
            gs = ([t.organisation] if t.organisation else []) + bound
            commitments.append({
                "treaty": {"id": t.id, "name": t.name, "kind": t.kind,
                           "signed": t.signed.isoformat() if t.signed else None,
                           "parties": list(t.parties_on(on, active_only=False))},
                "article": a.number,
                "summary": a.summary,
                "obligations": [o.type for o in obligations],
                "would_trigger": status,
                "reason": reason,
                "guarantors": [
                    {"actor": g, "name": actor_name(g), "record": record.get(g)} for g in gs
                ],
            })
    order = {YES: 0, DEPENDS: 1, DISPUTED: 2, NO: 3}
    commitments.sort(key=lambda c: (order[c["would_trigger"]], c["treaty"]["id"], c["article"]))
    return {
        "attacker": attacker,
        "target": target,
        "date": on.isoformat(),
        "place": place,
        "place_area": (area_of(place, registry).name if place and area_of(place, registry) else None),
        "commitments": commitments,
    }
