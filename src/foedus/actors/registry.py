"""The actor registry: states, organisations, people and sectors, with history.

Why one object: every stage asks the same questions ("who was in the CSTO on
13 September 2022?", "what was Blinken on that day?") and must get the same
answer. The registry is built once from the packaged ``foedus-actors/1`` files
(``src/foedus/data/actors/*.yaml``), then a user's extra files (same format; an
entry with an existing id extends it: lists are added to, single values
replaced), then any PETRARCH/Phoenix dictionaries. Broken entries are skipped
and listed in ``registry.problems`` as "file:line: reason".

Merging rule for an id given twice: text fields of the later entry replace the
earlier ones; name lists are united; a later membership of a state replaces
the earlier memberships *of that state*; a later office with the same holder
place, title and start replaces the earlier one (so a user can correct a date).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from ..datafiles import Problem
from .entries import parse_organisation, parse_person, parse_sector, parse_state
from .model import (
    ALL_UN_MEMBERS,
    DictionaryActor,
    DictionaryAgent,
    Membership,
    Office,
    Organisation,
    Person,
    Sector,
    State,
    SurfaceIndex,
    Target,
    normalise,
)
from .yamlsource import EntryError, read_yaml, where

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
# Sectors first so that roles can be checked; people last so that their
# offices can be checked against states and organisations.
_KIND_ORDER = {"sectors": 0, "states": 1, "organisations": 2, "people": 3}
_PARSERS: dict[str, Callable[[dict[str, Any], str], Any]] = {
    "states": parse_state,
    "organisations": parse_organisation,
    "people": parse_person,
    "sectors": parse_sector,
}


def _union(a: tuple, b: tuple) -> tuple:
    return a + tuple(x for x in b if x not in a)


def _merge_state(old: State, new: State) -> State:
    return replace(
        new,
        cameo=new.cameo if new.cameo != new.id else old.cameo,
        names=_union(old.names, new.names),
        adjectives=_union(old.adjectives, new.adjectives),
        demonyms=_union(old.demonyms, new.demonyms),
        capital=new.capital or old.capital,
        metonyms=_union(old.metonyms, new.metonyms),
        regions=_union(old.regions, new.regions),
        founded=new.founded or old.founded,
        dissolved=new.dissolved or old.dissolved,
        sources=_union(old.sources, new.sources),
        source=f"{old.source}; {new.source}",
    )


def _merge_organisation(old: Organisation, new: Organisation) -> Organisation:
    if isinstance(new.members, str) or isinstance(old.members, str) or not new.members:
        members = new.members or old.members
    else:
        restated = {m.state for m in new.members}
        members = tuple(m for m in old.members if m.state not in restated) + new.members
    return replace(
        new,
        aliases=_union(old.aliases, new.aliases),
        seat=new.seat or old.seat,
        parent=new.parent or old.parent,
        counts_as=new.counts_as or old.counts_as,
        country=new.country or old.country,
        members=members,
        sources=_union(old.sources, new.sources),
        source=f"{old.source}; {new.source}",
    )


def _merge_person(old: Person, new: Person) -> Person:
    def key(o: Office) -> tuple:
        return (o.country, o.org, o.title.lower(), o.start)

    newkeys = {key(o) for o in new.offices}
    offices = tuple(o for o in old.offices if key(o) not in newkeys) + new.offices
    return replace(
        new,
        aliases=_union(old.aliases, new.aliases),
        surname=new.surname or old.surname,
        offices=offices,
        sources=_union(old.sources, new.sources),
        source=f"{old.source}; {new.source}",
    )


def _merge_sector(old: Sector, new: Sector) -> Sector:
    return replace(new, words=_union(old.words, new.words), titles=_union(old.titles, new.titles))


_MERGERS: dict[str, Callable[[Any, Any], Any]] = {
    "states": _merge_state,
    "organisations": _merge_organisation,
    "people": _merge_person,
    "sectors": _merge_sector,
}


class Registry:
    """Everything known about actors, with questions answered for a date."""

    def __init__(self) -> None:
        self.states: dict[str, State] = {}
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.sectors: dict[str, Sector] = {}
        self.dictionary_actors: dict[str, DictionaryActor] = {}
        self.dictionary_agents: list[DictionaryAgent] = []
        self.problems: list[Problem] = []
        self.files: list[str] = []
        self.names = SurfaceIndex()  # from foedus-actors files, case kept
        self.dictionary_names: dict[str, list[str]] = {}  # lower-cased phrase -> dictionary actor ids
        self.dictionary_stems: set[str] = set()  # lower-cased phrases whose last word is a stem
        self._by_cameo: dict[str, str] = {}
        self._by_code: dict[str, str] = {}
        self.region_states: dict[str, str] = {}  # region name -> ISO3 of the state it belongs to

    # ----------------------------------------------------------------- loading
    def add_file(self, path: Path) -> None:
        """Read one ``foedus-actors/1`` file into the registry."""
        self.files.append(str(path))
        data, problems = read_yaml(path)
        self.problems.extend(problems)
        if data is None:
            return
        kind = data.get("kind")
        if kind not in _PARSERS:
            self.problems.append(Problem(f"{path}:1", f"unknown kind {kind!r} (one of {sorted(_PARSERS)})"))
            return
        entries = data.get(kind)
        if not isinstance(entries, list):
            self.problems.append(Problem(f"{path}:1", f"expected a list under {kind!r}"))
            return
        table: dict[str, Any] = getattr(self, kind)
        for entry in entries:
            src = where(path, entry)
            try:
                item = _PARSERS[kind](entry, src)
            except EntryError as exc:
                self.problems.append(Problem(src, str(exc)))
                continue
            key = item.code if kind == "sectors" else item.id
            table[key] = _MERGERS[kind](table[key], item) if key in table else item

    def add_dictionary(self, actors: Iterable[DictionaryActor], agents: Iterable[DictionaryAgent]) -> None:
        for actor in actors:
            old = self.dictionary_actors.get(actor.id)
            if old is not None:
                actor = replace(actor, phrases=_union(old.phrases, actor.phrases), codes=actor.codes or old.codes,
                                stems=_union(old.stems, actor.stems))
            self.dictionary_actors[actor.id] = actor
        self.dictionary_agents.extend(agents)

    def finish(self) -> "Registry":
        """Check cross-references and build the surface index; call once after loading."""
        self._check_references()
        self._index()
        return self

    def _check_references(self) -> None:
        known_roles = set(self.sectors) | {"GOV", "MIL", "LEG", "JUD", "ELI", "OPP", "CVL", "MED", "BUS", "REB", "PKO"}
        for person in list(self.people.values()):
            for office in person.offices:
                if office.country and self.states and office.country not in self.states:
                    self.problems.append(
                        Problem(person.source, f"{person.id}: office country {office.country} is not a known state")
                    )
                if office.org and self.organisations and office.org not in self.organisations:
                    self.problems.append(
                        Problem(person.source, f"{person.id}: office organisation {office.org} is not known")
                    )
                if office.role not in known_roles:
                    self.problems.append(Problem(person.source, f"{person.id}: role {office.role} is not a sector code"))
        for org in self.organisations.values():
            if isinstance(org.members, tuple) and self.states:
                for m in org.members:
                    if m.state not in self.states:
                        self.problems.append(Problem(org.source, f"{org.id}: member {m.state} is not a known state"))

    def _index(self) -> None:
        self.names = SurfaceIndex()
        for s in self.states.values():
            self._by_cameo[s.cameo] = s.id
            for text in (s.name, *s.names):
                self.names.add(text, Target("state", s.id))
            for text in s.adjectives:
                self.names.add(text, Target("adjective", s.id))
            for text in s.demonyms:
                self.names.add(text, Target("demonym", s.id))
            listed = {m.text for m in s.metonyms}
            for m in s.metonyms:
                target = Target("metonym", s.id, role=m.role, capital=m.text == s.capital)
                self.names.add(m.text, target)
                if m.text.startswith("the "):  # "The Kremlin said" at the start of a sentence
                    self.names.add("The " + m.text[4:], target)
            if s.capital and s.capital not in listed:
                self.names.add(s.capital, Target("metonym", s.id, role="GOV", capital=True))
            for region in s.regions:
                self.region_states[normalise(region)] = s.id
        for o in self.organisations.values():
            self._by_code[o.code] = o.id
            forms = [o.name, *o.aliases]
            if o.id.isupper() and o.id.isalpha():
                forms.append(o.id)
            for text in forms:
                self.names.add(text, Target("org", o.id))
        surnames: dict[str, list[str]] = {}
        for p in self.people.values():
            for text in (p.name, *p.aliases):
                self.names.add(text, Target("person", p.id))
            parts = p.name.split()
            surname = p.surname or (parts[-1] if len(parts) >= 2 else "")
            if len(parts) >= 2 and len(surname) >= 3:
                surnames.setdefault(surname, []).append(p.id)
        for surname, ids in surnames.items():
            for pid in ids:
                self.names.add(surname, Target("person", pid))
        self.dictionary_names = {}
        self.dictionary_stems = set()
        for actor in self.dictionary_actors.values():
            for phrase in actor.phrases:
                self.dictionary_names.setdefault(phrase.lower(), []).append(actor.id)
            self.dictionary_stems.update(p.lower() for p in actor.stems)

    @property
    def has_dictionaries(self) -> bool:
        """A PETRARCH/Phoenix dictionary is loaded: its conventions apply (see :mod:`.compose`)."""
        return bool(self.dictionary_actors or self.dictionary_agents)

    # --------------------------------------------------------------- questions
    def state(self, sid: str) -> State | None:
        """By ISO3 id or by CAMEO code (they differ for a few states)."""
        if sid in self.states:
            return self.states[sid]
        real = self._by_cameo.get(sid)
        return self.states.get(real) if real else None

    def organisation(self, oid: str) -> Organisation | None:
        if oid in self.organisations:
            return self.organisations[oid]
        real = self._by_code.get(oid)
        return self.organisations.get(real) if real else None

    def top_organisation(self, oid: str | None) -> str | None:
        """The body an organ acts for (European Commission -> EU), per ``counts_as``.

        Why: analysts ask about relations with "the EU", and the Commission,
        the Council and the Parliament all act for it; the organ itself stays
        in the mention's ``entity_id`` and name. Only organs the data marks
        with ``counts_as`` are folded: a UN agency such as the IMF is not "the
        UN", and the OSCE Minsk Group keeps its own name.
        """
        seen: set[str] = set()
        current = self.organisation(oid) if oid else None
        while current is not None and current.counts_as and current.id not in seen:
            seen.add(current.id)
            body = self.organisation(current.counts_as)
            if body is None:
                break
            current = body
        return current.id if current is not None else oid

    def person(self, pid: str) -> Person | None:
        return self.people.get(pid)

    def lookup(self, text: str) -> list[Target]:
        return self.names.get(text)

    def lookup_form(self, form: str) -> list[Target]:
        """:meth:`lookup` for a form already normalised: one of ``names.forms``' keys, as the name matcher
        reports them (normalising again, for every match of every document, would change nothing)."""
        return self.names.forms.get(form, [])

    def members(self, org_id: str, on: date | None = None) -> list[str]:
        """ISO3 ids of the members on a date (all members ever when ``on`` is None)."""
        org = self.organisation(org_id)
        if org is None:
            return []
        if org.members == ALL_UN_MEMBERS:
            un = self.organisation("UN")
            if un is not None and un is not org and not isinstance(un.members, str):
                return self.members(un.id, on)
            return sorted(self.states)
        assert isinstance(org.members, tuple)
        return sorted({m.state for m in org.members if on is None or m.active(on)})

    def is_member(self, state: str, org_id: str, on: date) -> bool:
        return state in self.members(org_id, on)

    def memberships(self, state: str, on: date | None = None) -> list[tuple[str, Membership]]:
        """(organisation id, membership) pairs of a state, active on the date when given."""
        out: list[tuple[str, Membership]] = []
        for org in self.organisations.values():
            if isinstance(org.members, str):
                continue
            for m in org.members:
                if m.state == state and (on is None or m.active(on)):
                    out.append((org.id, m))
        return out

    def allied(self, a: str, b: str, on: date, kinds: tuple[str, ...] = ("alliance",)) -> list[str]:
        """Organisations of the given kinds both states belong to on the date."""
        return sorted(
            org.id
            for org in self.organisations.values()
            if org.kind in kinds and not isinstance(org.members, str)
            and self.is_member(a, org.id, on) and self.is_member(b, org.id, on)
        )

    def office(self, pid: str, on: date) -> Office | None:
        """The office that governs the person's code on a date.

        With several offices at once, a state office wins over an organisation
        office, and GOV over other roles: a president who chairs a body is
        coded for his state. Among the rest the most recently begun office
        wins: a Speaker who is also a member of the House is described as
        Speaker.
        """
        person = self.person(pid)
        if person is None:
            return None
        held = person.offices_on(on)
        if not held:
            return None
        return sorted(held, key=lambda o: (o.country is None, o.role != "GOV", -(o.start or date.min).toordinal()))[0]

    def holders(self, title_word: str, on: date, country: str | None = None,
                among: Iterable[Person] | None = None) -> list[Person]:
        """People whose office on the date has the word in its title (case-insensitive).

        ``among``: only these people, in the registry's order (those with such a title at any date, found once
        by a caller that asks again and again).
        """
        word = title_word.lower()
        out = []
        for p in self.people.values() if among is None else among:
            for o in p.offices_on(on):
                if country and o.country != country:
                    continue
                if word in o.title.lower():
                    out.append(p)
                    break
        return out

    def find(self, name: str) -> list[tuple[str, str]]:
        """(kind, id) of entries matching an id, code or surface form."""
        hits: list[tuple[str, str]] = []
        if self.state(name):
            hits.append(("state", self.state(name).id))  # type: ignore[union-attr]
        if self.organisation(name):
            hits.append(("organisation", self.organisation(name).id))  # type: ignore[union-attr]
        if name in self.people:
            hits.append(("person", name))
        for t in self.lookup(name):
            kind = {"org": "organisation", "person": "person"}.get(t.kind, "state")
            if (kind, t.entity_id) not in hits:
                hits.append((kind, t.entity_id))
        for aid in self.dictionary_names.get(name.lower().replace(" ", "_"), []):
            hits.append(("dictionary", aid))
        return hits

    def summary(self) -> dict[str, int]:
        return {
            "states": len(self.states),
            "organisations": len(self.organisations),
            "people": len(self.people),
            "sectors": len(self.sectors),
            "dictionary_actors": len(self.dictionary_actors),
            "dictionary_agents": len(self.dictionary_agents),
            "problems": len(self.problems),
        }


def default_files() -> list[Path]:
    """The packaged data files, sectors first and people last (see ``_KIND_ORDER``)."""
    if not DATA_DIR.is_dir():
        return []
    files = sorted(DATA_DIR.glob("*.yaml"))
    return sorted(files, key=lambda p: (_KIND_ORDER.get(p.stem, 9), p.name))


def build_registry(
    files: Iterable[Path | str],
    dictionaries: Iterable[Path | str] = (),
) -> Registry:
    """A registry from exactly these files (no packaged data); for tests and tools."""
    from .phoenix import read_dictionary

    reg = Registry()
    for f in files:
        reg.add_file(Path(f))
    for d in dictionaries:
        result = read_dictionary(Path(d))
        reg.files.append(str(d))
        reg.problems.extend(result.problems)
        reg.add_dictionary(result.actors, result.agents)
    return reg.finish()


@lru_cache(maxsize=8)
def _cached(extra_files: tuple[str, ...], dictionaries: tuple[str, ...]) -> Registry:
    return build_registry([*default_files(), *extra_files], dictionaries)


def load_registry(extra_files: Iterable[Path | str] = (), dictionaries: Iterable[Path | str] = ()) -> Registry:
    """The packaged registry plus a user's files; cached on the arguments.

    The returned object is shared: treat it as read-only.
    """
    return _cached(tuple(str(p) for p in extra_files), tuple(str(p) for p in dictionaries))
