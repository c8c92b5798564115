"""From registry targets (and a date) to an :class:`ActorMention` and its reason.

Coding conventions, chosen once here:

- a bare state name or adjective ("Armenia", "Armenian") is the state itself:
  code = the state's CAMEO code (``ARM``), role ``None``;
- a capital or seat standing for a state ("Yerevan", "the Kremlin", "the
  Pentagon") is the part of the state the data gives for it: ``ARMGOV``,
  ``RUSGOV``, ``USAMIL`` (a capital without an explicit entry is GOV);
- an organisation is its own code (``IGOCSTO``), ``org`` = its id, no country;
  an organisation of a kind listed under ``kind_sectors`` in the rules (a
  national peacekeeping contingent) also carries that sector as its role and
  its only member state as its country: "Russian peacekeepers" -> RUSMILPKO,
  country RUS, role PKO;
- a person holding an office on the document's date gets the office's code:
  country office -> country code + role (``ARMGOV``); organisation office ->
  the organisation's code (``IGOCSTO``), as CAMEO codes IGO officials;
- a person holding no office on that date is an elite of the country (or
  organisation) of the office nearest in time: ``USAELI`` (CAMEO's "ELI").
"""

from __future__ import annotations

from datetime import date

from ..records import ActorMention
from .model import Target
from .registry import Registry

# Which target to prefer when one surface form has several meanings.
_KIND_RANK = {"person": 0, "org": 1, "state": 2, "adjective": 3, "demonym": 4, "metonym": 5}


def pick(targets: list[Target], reg: Registry, on: date) -> tuple[Target | None, str]:
    """One target, or None with the reason when the form stays ambiguous."""
    if not targets:
        return None, "no registry entry"
    people = [t for t in targets if t.kind == "person"]
    others = [t for t in targets if t.kind != "person"]
    if others:
        # A state/organisation name is never taken for a person's surname.
        best = sorted(others, key=lambda t: _KIND_RANK.get(t.kind, 9))
        return best[0], ""
    if len(people) == 1:
        return people[0], ""
    in_office = [t for t in people if reg.office(t.entity_id, on) is not None]
    if len(in_office) == 1:
        return in_office[0], f"the only one of {len(people)} people so named holding an office on {on}"
    names = ", ".join(t.entity_id for t in people)
    return None, f"ambiguous between {names} on {on}"


def state_mention(
    reg: Registry, sid: str, start: int, end: int, text: str, how: str, suffix: str = "", prefix: str = ""
) -> ActorMention:
    st = reg.state(sid)
    cameo = st.cameo if st else sid
    role = suffix[:3] if suffix else None
    return ActorMention(
        start=start, end=end, text=text, code=f"{prefix}{cameo}{suffix}", name=st.name if st else sid,
        country=st.id if st else sid, org=None, role=role, entity_id=st.id if st else sid, how=how,
    )


def person_mention(reg: Registry, pid: str, on: date, start: int, end: int, text: str) -> tuple[ActorMention, str]:
    person = reg.person(pid)
    assert person is not None
    office = reg.office(pid, on)
    if office is not None:
        why = f"holds {office.describe()} on {on}"
        role = office.role
        if office.country:
            st = reg.state(office.country)
            code, country, org = f"{st.cameo if st else office.country}{role}", office.country, None
        else:
            o = reg.organisation(office.org or "")
            code, country, org = (o.code if o else office.org or ""), None, reg.top_organisation(office.org)
    else:
        home = person.home(on)
        role = "ELI"
        if home is None:
            code, country, org = None, None, None
            why = "no office recorded; country unknown"
        elif home.country:
            st = reg.state(home.country)
            code, country, org = f"{st.cameo if st else home.country}ELI", home.country, None
            why = f"no office on {on}; nearest office {home.describe()} -> elite"
        else:
            o = reg.organisation(home.org or "")
            code, country, org = f"{o.code if o else home.org}ELI", None, reg.top_organisation(home.org)
            why = f"no office on {on}; nearest office {home.describe()} -> elite"
    mention = ActorMention(
        start=start, end=end, text=text, code=code, name=person.name, country=country, org=org,
        role=role, entity_id=person.id, person=person.name, how="registry",
    )
    return mention, why


def org_mention(
    reg: Registry, oid: str, start: int, end: int, text: str, how: str = "registry",
    kind_sectors: dict[str, str] | None = None,
) -> tuple[ActorMention, str]:
    """An organisation's mention; a kind with a sector (peacekeeping) carries it and its state."""
    org = reg.organisation(oid)
    assert org is not None
    role = (kind_sectors or {}).get(org.kind)
    country = None
    if role and isinstance(org.members, tuple):
        states = {m.state for m in org.members}
        country = next(iter(states)) if len(states) == 1 else None
    if org.country and role:
        # An armed group keeps its own key beside the country it fights in (CAMEO: SDNREB + the group), so
        # analysts can count it as a party of its own and as a domestic actor of that state; a state's news
        # agency is that state's voice and is counted with it.
        m = ActorMention(
            start=start, end=end, text=text, code=org.code, name=org.name, country=org.country,
            org=org.id if org.kind == "armed-group" else None, role=role, entity_id=org.id, how=how,
        )
        return m, f"organisation {org.id} ({org.kind}) from {org.source}; acts in {org.country}, role {role}"
    # A one-state contingent (Russian peacekeepers) acts for its state: it is
    # counted with that state, not as an organisation of its own; an organ of
    # a larger body (the European Commission) is counted with that body.
    m = ActorMention(
        start=start, end=end, text=text, code=org.code, name=org.name, country=country,
        org=None if country else reg.top_organisation(org.id), role=role, entity_id=org.id, how=how,
    )
    extra = f"; {org.kind} of {country}, role {role}" if role and country else ""
    return m, f"organisation {org.id} ({org.kind}) from {org.source}{extra}"


def target_mention(
    reg: Registry, target: Target, on: date, start: int, end: int, text: str,
    kind_sectors: dict[str, str] | None = None,
) -> tuple[ActorMention, str]:
    """The mention a single name match stands for, with the reason."""
    if target.kind == "person":
        return person_mention(reg, target.entity_id, on, start, end, text)
    if target.kind == "org":
        return org_mention(reg, target.entity_id, start, end, text, kind_sectors=kind_sectors)
    if target.kind == "metonym":
        m = state_mention(reg, target.entity_id, start, end, text, "metonym", suffix=target.role or "GOV")
        what = "capital" if target.capital else "metonym"
        return m, f"{what} of {target.entity_id} standing for its {target.role or 'GOV'}"
    m = state_mention(reg, target.entity_id, start, end, text, "registry")
    return m, f"{target.kind} of state {target.entity_id} (bare state code)"


def dictionary_mention(
    reg: Registry, phrase: str, on: date, start: int, end: int, text: str
) -> tuple[ActorMention | None, str]:
    """A mention from an imported dictionary; ``None`` for a discard code."""
    for aid in reg.dictionary_names.get(phrase, []):
        actor = reg.dictionary_actors[aid]
        code = actor.code_on(on)
        if code is None:
            continue
        if code in ("---", "###", "+++"):
            return None, f"discarded by {actor.source}"
        country = code[:3] if reg.state(code[:3]) else None
        is_org = code.startswith(("IGO", "NGO", "IMG", "MNC"))
        m = ActorMention(
            start=start, end=end, text=text, code=code, name=actor.phrases[0].title(), country=country,
            org=code if is_org else None, role=(code[3:6] or None) if country else None,
            entity_id=actor.id, how="dictionary",
        )
        return m, f"dictionary entry {actor.source}: code {code} on {on}"
    return None, "no dictionary code for that date"
