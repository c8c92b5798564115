"""Immutable entries of the treaty registry.

Why frozen dataclasses: the registry is loaded once and shared by every part
of the ledger (invocations, triggers, verdicts, scenarios); nothing may change
it after loading. Every entry keeps ``source`` ("file:line") so an explanation
can say where a treaty fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from foedus.periods import within


@dataclass(frozen=True)
class Suspension:
    start: date | None
    end: date | None
    note: str = ""


@dataclass(frozen=True)
class Party:
    """One period of one state's participation in a treaty."""

    state: str  # ISO3
    joined: date | None = None
    left: date | None = None
    suspended: tuple[Suspension, ...] = ()
    note: str = ""

    def member_on(self, on: date) -> bool:
        return within(on, self.joined, self.left)

    def suspended_on(self, on: date) -> Suspension | None:
        for s in self.suspended:
            if within(on, s.start, s.end):
                return s
        return None

    def active(self, on: date) -> bool:
        """Member on that day and not suspended."""
        return self.member_on(on) and self.suspended_on(on) is None


@dataclass(frozen=True)
class Trigger:
    """When an obligation comes into play, in machine-checkable terms.

    ``event``: armed-attack | threat | any. ``on``: party-territory (the
    beneficiary's internationally recognised territory) | party-forces | area |
    any. ``attacker``: non-party | any. ``at_request``: help is owed only when
    the victim asks. ``exclusions``: ids of disputed areas (see
    ``data/ledger/disputed_areas.yaml``) or place names where an attack does
    not trigger the article.
    """

    event: str = "armed-attack"
    on: str = "party-territory"
    attacker: str = "non-party"
    at_request: bool = False
    area: str = ""
    exclusions: tuple[str, ...] = ()
    note: str = ""


# The duty an obligation carries when its entry names none: a defence clause is
# read as the strictest promise (military assistance), a consultation clause as
# a promise to consult.
DEFAULT_DUTY = {
    "defence": "military-assistance",
    "consultation": "consult",
    "guarantee-of-passage": "guarantee",
    "guarantee": "guarantee",
    "non-aggression": "non-aggression",
    "neutrality": "neutrality",
}


@dataclass(frozen=True)
class Duty:
    """What honouring one kind of obligation takes, as response classes.

    ``full``: classes whose confirmed events honour it; ``partial``: classes
    that count as part of it. Refusal classes always count against; any other
    class is shown but decides nothing.
    """

    name: str
    label: str
    full: tuple[str, ...] = ()
    partial: tuple[str, ...] = ()
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class Obligation:
    """One promise of an article, in ATOP's vocabulary.

    ``type``: defence | offence | neutrality | non-aggression | consultation |
    peacekeeping | guarantee-of-passage | guarantee | assurance | other.
    ``bound``: "all" (every party toward every other) or a tuple of ISO3 codes.
    ``beneficiary``: "each" (whichever party is attacked), "all", or ISO3 codes.
    ``place``: for obligations tied to a place (a corridor, a line of contact),
    the names news uses for it.
    """

    type: str
    bound: str | tuple[str, ...] = "all"
    beneficiary: str | tuple[str, ...] = "each"
    summary: str = ""
    place: tuple[str, ...] = ()
    term_end: date | None = None
    breach_codes: tuple[str, ...] = ()
    honoured_by: tuple[str, ...] = ()  # response-class names that count as honouring
    # What the bound parties must do when the trigger is met, as named in
    # data/ledger/duties.yaml: consult | assist-as-deemed-necessary |
    # assist-all-means | military-assistance | guarantee | ... Empty: the
    # default of its type (``DEFAULT_DUTY``).
    duty: str = ""

    @property
    def effective_duty(self) -> str:
        return self.duty or DEFAULT_DUTY.get(self.type, "other")


@dataclass(frozen=True)
class Article:
    number: str
    summary: str
    obligations: tuple[Obligation, ...] = ()
    trigger: Trigger | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""
    date: str = ""


@dataclass(frozen=True)
class Treaty:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    signed: date | None = None
    in_force: date | None = None
    in_force_precision: str = "day"
    ended: date | None = None
    organisation: str | None = None  # short name as used in actor codes (CSTO, NATO)
    org_code: str | None = None  # CAMEO-style actor code (IGOCSTO)
    parties: tuple[Party, ...] = ()
    articles: tuple[Article, ...] = ()
    notes: str = ""
    sources: tuple[Source, ...] = ()
    source: str = ""  # file:line of the entry

    def in_force_on(self, on: date) -> bool:
        start = self.in_force or self.signed
        return within(on, start, self.ended)

    def party_states(self) -> tuple[str, ...]:
        seen: list[str] = []
        for p in self.parties:
            if p.state not in seen:
                seen.append(p.state)
        return tuple(seen)

    def member_on(self, state: str, on: date) -> bool:
        return any(p.state == state and p.member_on(on) for p in self.parties)

    def active_on(self, state: str, on: date) -> bool:
        return any(p.state == state and p.active(on) for p in self.parties)

    def suspension_of(self, state: str, on: date) -> Suspension | None:
        for p in self.parties:
            if p.state == state and p.member_on(on):
                s = p.suspended_on(on)
                if s is not None:
                    return s
        return None

    def parties_on(self, on: date, *, active_only: bool = True) -> tuple[str, ...]:
        out: list[str] = []
        for p in self.parties:
            ok = p.active(on) if active_only else p.member_on(on)
            if ok and p.state not in out:
                out.append(p.state)
        return tuple(out)

    def article(self, number: str) -> Article | None:
        for a in self.articles:
            if a.number == str(number):
                return a
        return None


@dataclass(frozen=True)
class DisputedArea:
    """A territory whose status the parties to a dispute do not share.

    ``recognised_as``: the state whose territory it is under international law
    as most states and the UN treat it; ``claimed_by``/``controlled_by`` list
    other claimants or de facto controllers.
    """

    id: str
    name: str
    names: tuple[str, ...] = ()
    recognised_as: str | None = None
    claimed_by: tuple[str, ...] = ()
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class ResponseClass:
    """How one kind of guarantor behaviour counts toward honouring a promise.

    ``effect``: full | partial | none | refusal.
    """

    name: str
    label: str
    effect: str
    codes: tuple[str, ...] = ()
    negated: bool | None = False  # None: either
    toward: str = "beneficiary"  # beneficiary | attacker | any
    keywords: tuple[str, ...] = ()
    priority: int = 0
    source: str = ""


@dataclass(frozen=True)
class BaseRate:
    id: str
    label: str
    share: float
    period: str
    scope: str
    citation: str
    url: str = ""
    source: str = ""


@dataclass(frozen=True)
class Registry:
    """The treaties, disputed areas and problems found while loading them."""

    treaties: tuple[Treaty, ...] = ()
    areas: tuple[DisputedArea, ...] = ()
    problems: tuple[str, ...] = field(default_factory=tuple)

    def get(self, treaty_id: str) -> Treaty | None:
        for t in self.treaties:
            if t.id == treaty_id:
                return t
        return None

    def area(self, area_id: str) -> DisputedArea | None:
        for a in self.areas:
            if a.id == area_id:
                return a
        return None
