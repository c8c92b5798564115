"""Immutable entries of the actor registry.

Why frozen dataclasses: the registry is shared (cached) by every stage of a
process and handed to workers; nothing may change it after loading. Dates are
``datetime.date``; an open end (``None``) means "still true". Every entry keeps
``source`` ("file:line") so that an explanation can say where a fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..periods import within


@dataclass(frozen=True)
class Metonym:
    """A place or building standing for a part of a state ("the Kremlin")."""

    text: str
    role: str


@dataclass(frozen=True)
class State:
    id: str  # ISO 3166-1 alpha-3
    cameo: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[Metonym, ...] = ()
    regions: tuple[str, ...] = ()
    source: str = ""
    founded: date | None = None  # a historical state: the first and last day it existed
    dissolved: date | None = None
    sources: tuple[str, ...] = ()

    def exists(self, on: date) -> bool:
        """The state existed on that day (always, for a state without dates)."""
        return within(on, self.founded, self.dissolved)


@dataclass(frozen=True)
class Suspension:
    start: date | None
    end: date | None
    note: str = ""


@dataclass(frozen=True)
class Membership:
    state: str
    joined: date | None = None
    left: date | None = None
    suspended: tuple[Suspension, ...] = ()

    def active(self, on: date) -> bool:
        """Member and not suspended on that day."""
        if not within(on, self.joined, self.left):
            return False
        return not any(within(on, s.start, s.end) for s in self.suspended)


ALL_UN_MEMBERS = "all-un-members"


@dataclass(frozen=True)
class Organisation:
    id: str
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "igo"
    seat: str | None = None
    parent: str | None = None
    counts_as: str | None = None  # the body this organ acts for in analysis (European Commission -> EU)
    country: str | None = None  # ISO3 of the state an armed group or national body acts in (RSF: SDN)
    members: tuple[Membership, ...] | str = ()  # or ALL_UN_MEMBERS
    sources: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Office:
    role: str
    title: str = ""
    country: str | None = None
    org: str | None = None
    start: date | None = None
    end: date | None = None
    approx: bool = False

    def holds(self, on: date) -> bool:
        return within(on, self.start, self.end)

    def describe(self) -> str:
        where = self.country or self.org or "?"
        span = f"{self.start or '?'}..{self.end or 'present'}"
        approx = " (approximate dates)" if self.approx else ""
        return f"{self.title or self.role} ({where}, {self.role}) {span}{approx}"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    surname: str | None = None  # the name news uses alone, when it is not the last word ("Kim" of Kim Jong Un)
    sources: tuple[str, ...] = ()
    source: str = ""

    def offices_on(self, on: date) -> list[Office]:
        return [o for o in self.offices if o.holds(on)]

    def home(self, on: date) -> Office | None:
        """The office that best places a person on a date when they hold none.

        The most recent office that ended before the date, else the first one
        that starts after it: a former minister belongs to the country he
        served, a future one to the country he will serve.
        """
        past = [o for o in self.offices if o.end is not None and o.end < on]
        if past:
            return max(past, key=lambda o: o.end)  # type: ignore[arg-type,return-value]
        future = [o for o in self.offices if o.start is not None and o.start > on]
        if future:
            return min(future, key=lambda o: o.start)  # type: ignore[arg-type,return-value]
        return self.offices[0] if self.offices else None


@dataclass(frozen=True)
class Sector:
    """A sector (agent) code with the nouns and titles that signal it."""

    code: str
    name: str
    words: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class DatedCode:
    """One code of a PETRARCH dictionary entry, valid between two dates."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


@dataclass(frozen=True)
class DictionaryActor:
    """An actor imported from a PETRARCH/Phoenix dictionary."""

    id: str  # "dict:" + first phrase
    phrases: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    source: str = ""
    comment: str = ""
    stems: tuple[str, ...] = ()  # phrases written without a trailing "_": their last word is a stem

    def code_on(self, on: date) -> str | None:
        """PETRARCH's rule: a dated code that covers the date, else the undated one."""
        for c in self.codes:
            if c.dated and within(on, c.start, c.end):
                return c.code
        for c in self.codes:
            if not c.dated:
                return c.code
        return None


@dataclass(frozen=True)
class DictionaryAgent:
    """An agent noun from a PETRARCH dictionary: ``~MIL`` appends, ``NGO~`` prepends."""

    phrase: str
    prefix: str
    suffix: str
    plurals: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Target:
    """What a surface form can stand for (one form may have several)."""

    kind: str  # state | adjective | demonym | metonym | org | person | dictionary
    entity_id: str
    role: str | None = None  # for metonyms: the sector the place stands for
    capital: bool = False  # metonym derived from a capital city


@dataclass
class SurfaceIndex:
    """Surface form -> targets; case kept because "US" is not "us"."""

    forms: dict[str, list[Target]] = field(default_factory=dict)

    def add(self, text: str, target: Target) -> None:
        key = normalise(text)
        if not key:
            return
        bucket = self.forms.setdefault(key, [])
        if target not in bucket:
            bucket.append(target)

    def get(self, text: str) -> list[Target]:
        return self.forms.get(normalise(text), [])


def normalise(text: str) -> str:
    """One key for one surface form: curly quotes straightened, spaces collapsed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(text.split())
