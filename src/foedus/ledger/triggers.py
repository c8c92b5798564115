"""Was the treaty triggered? Checking an invocation against the events on record.

An armed-attack trigger is met when the record shows an attack (CAMEO 18x-20x,
blockades aside) by a non-party on the invoking party shortly before it asked,
on its internationally recognised territory (per the event's place country, or
stated in the sentence). An attack in a disputed or excluded area makes the
trigger *disputed*, as the CSTO argued about Nagorno-Karabakh in 2020; with no
attack, or no place, on record the answer is *unknown* ("cannot tell").
"""

from __future__ import annotations

import re

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from foedus.ledger.evidence import Mention, most_common, tally
from foedus.ledger.invocations import Invocation
from foedus.ledger.model import Article, DisputedArea, Registry, Treaty
from foedus.ledger.text import country_name, human_date, join_words, mentions_any, plural

ATTACK_ROOTS = ("18", "19", "20")
NOT_ARMED = ("191",)  # a blockade restricts movement; it is not by itself an armed attack
MET, DISPUTED, NOT_MET, UNKNOWN = "met", "disputed", "not met", "unknown"
_STATED = ("sovereign territory", "internationally recognised territory", "internationally recognized territory")


@dataclass(frozen=True)
class TriggerResult:
    status: str  # met | disputed | not met | unknown
    reason: str
    attacker: str | None = None
    place: str | None = None
    attacks: tuple[Mention, ...] = field(default_factory=tuple)

    def public(self) -> dict:
        return {
            "met": self.status,
            "reason": self.reason,
            "attacker": self.attacker,
            "place": self.place,
            "evidence": [m.evidence() for m in self.attacks],
        }


def is_attack(m: Mention) -> bool:
    return (
        m.root in ATTACK_ROOTS
        and not any(m.cameo.startswith(c) for c in NOT_ARMED)
        and not m.negated
        and m.modality in ("asserted", "claimed")
    )


def area_of(text_or_place: str | None, registry: Registry) -> DisputedArea | None:
    if not text_or_place:
        return None
    for a in registry.areas:
        if mentions_any(text_or_place, (a.name, *a.names)):
            return a
    return None


# A capitalised name of a war or conflict ("the Second Nagorno-Karabakh War")
# names an event, not where this attack happened.
_NAMED_WAR = re.compile(r"(?:[A-Z][\w'-]*\s+){1,4}(?:War|Conflict|War of [A-Z][\w'-]*)\b")


def _without_war_names(sentence: str | None) -> str | None:
    return _NAMED_WAR.sub(" ", sentence) if sentence else sentence


def mention_area(m: Mention, registry: Registry) -> DisputedArea | None:
    """The disputed area an event happened in: from its place name first, then
    from its sentence (a place the geocoder resolved to a country may still lie
    in a disputed area the sentence names)."""
    return area_of(m.location_name, registry) or area_of(_without_war_names(m.sentence), registry)


def _excluded(area: DisputedArea | None, place_text: str, article: Article) -> bool:
    if article.trigger is None:
        return False
    for ex in article.trigger.exclusions:
        if area is not None and ex in (area.id, area.name):
            return True
        if mentions_any(place_text, (ex,)):
            return True
    return False


def _stated_on_territory(m: Mention, beneficiary: str) -> bool:
    name = country_name(beneficiary)
    if mentions_any(m.sentence, _STATED):
        return True
    return mentions_any(m.sentence, (f"territory of {name}", f"{name}'s territory", f"inside {name}", f"{name} proper")) is not None


def attacks_on(mentions: list[Mention], target: str, start: date, end: date) -> list[Mention]:
    return [
        m for m in mentions
        if is_attack(m) and m.target_country == target and m.source_country not in (None, target)
        and m.date is not None and start <= m.date <= end
    ]


def evaluate(
    inv: Invocation,
    treaty: Treaty,
    article: Article,
    registry: Registry,
    mentions: list[Mention],
    *,
    lookback_days: int = 14,
) -> TriggerResult:
    """Whether the article's conditions were met by the events on record."""
    protected = inv.for_whom
    who = country_name(protected)
    trig = article.trigger
    art = f"Article {article.number}"
    susp = treaty.suspension_of(protected, inv.date)
    if susp is not None:
        return TriggerResult(DISPUTED, f"{who}'s participation in the treaty was suspended on {human_date(inv.date)} ({susp.note or 'suspended'}).")
    if trig is None:
        # A standing obligation (peacekeeping, a guarantee): it applies without a
        # condition, so a request to honour it needs no trigger.
        return TriggerResult(MET, f"{art} is a standing obligation with no condition; {who}'s request is enough.")
    attacks = attacks_on(mentions, protected, inv.earliest - timedelta(days=lookback_days), inv.date + timedelta(days=2))
    if inv.side == "decision":
        # an ally's own fighting is never the attack that obliged it to act
        attacks = [m for m in attacks if m.source_country != inv.invoked_by]
    if trig.event in ("threat", "any", "breach"):
        if attacks:
            attacker = most_common(m.source_country for m in attacks)
            return TriggerResult(MET, f"{art} asks only that a party see a threat; the record shows attacks on {who} by {country_name(attacker)} before the request.", attacker, None, tuple(attacks))
        return TriggerResult(MET, f"{art} asks only that a party consider itself threatened; {who}'s request is enough.")
    if not attacks:
        return TriggerResult(UNKNOWN, f"The record holds no armed attack on {who} in the {lookback_days} days before the request, so it cannot tell whether {art} was triggered.")
    attacker = most_common(m.source_country for m in attacks)
    attacker_name = country_name(attacker)
    reports, outlets, _ = tally(attacks)
    evidence_note = f"{plural(reports, 'report')}, {plural(outlets, 'outlet')}"
    if trig.attacker == "non-party" and attacker and treaty.member_on(attacker, inv.date):
        return TriggerResult(DISPUTED, f"The attacker, {attacker_name}, is itself a party to the treaty; {art} covers aggression by others.", attacker, None, tuple(attacks))
    if trig.on != "party-territory":
        place = most_common(m.location_name for m in attacks)
        cond = f" {art} covers attacks in: {trig.area}." if trig.area else ""
        return TriggerResult(MET, f"{attacker_name} attacked {who} ({evidence_note}).{cond}", attacker, place, tuple(attacks))
    on_territory, disputed, elsewhere, unplaced = [], [], [], []
    excluded_names: list[str] = []
    for m in attacks:
        loc_area = area_of(m.location_name, registry)
        text_area = area_of(_without_war_names(m.sentence), registry)
        if loc_area is not None or (m.location_name and _excluded(None, m.location_name, article)):
            disputed.append(m)
            area = loc_area
        elif m.location_country == protected:
            on_territory.append(m)
            continue
        elif text_area is not None and (m.location_country is None or m.location_country == text_area.recognised_as):
            disputed.append(m)
            area = text_area
        elif m.location_country:
            elsewhere.append(m)
            continue
        elif _stated_on_territory(m, protected):
            on_territory.append(m)
            continue
        else:
            unplaced.append(m)
            continue
        if area is not None and area.name not in excluded_names:
            excluded_names.append(area.name)
    if on_territory:
        # A place that is the country itself adds nothing to "attacked Armenia".
        places = [
            p for p, _ in Counter(
                m.location_name for m in on_territory
                if m.location_name and m.location_name not in (who, country_name(protected))
            ).most_common(3)
        ]
        where = f" at {join_words(places)}" if places else ""
        r, o, _ = tally(on_territory)
        return TriggerResult(
            MET,
            f"{attacker_name} attacked {who}{where} on {human_date(min(m.date for m in on_territory))}, on {who}'s internationally recognised territory ({plural(r, 'report')}, {plural(o, 'outlet')}).",
            attacker, places[0] if places else None, tuple(on_territory),
        )
    if disputed:
        names = join_words(excluded_names) or "a disputed area"
        excluded = any(_excluded(mention_area(m, registry), m.location_name or "", article) for m in disputed)
        why = f"which {art} excludes" if excluded else "whose status is disputed"
        return TriggerResult(DISPUTED, f"The attacks on {who} on record took place in {names}, {why}; it is not {who}'s internationally recognised territory.", attacker, excluded_names[0] if excluded_names else None, tuple(disputed))
    if elsewhere:
        countries = join_words(sorted({country_name(m.location_country) for m in elsewhere}))
        return TriggerResult(NOT_MET, f"The attacks on {who} on record took place in {countries}, not on {who}'s territory.", attacker, None, tuple(elsewhere))
    return TriggerResult(UNKNOWN, f"{attacker_name} attacked {who} ({evidence_note}), but the record does not say where, so it cannot tell whether the attack was on {who}'s territory.", attacker, None, tuple(unplaced))
