"""Turning the mappings of a ``foedus-actors/1`` file into registry entries.

Each ``parse_*`` function takes one mapping and returns an entry or raises
:class:`EntryError` with the reason; the registry loader turns that into a
file:line problem and skips the entry, so that one typo never loses a file.
"""

from __future__ import annotations

import re
from typing import Any

from .model import ALL_UN_MEMBERS, Membership, Metonym, Office, Organisation, Person, Sector, State, Suspension
from .yamlsource import EntryError, date_field, text_field, text_list

_ISO3 = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z0-9]{3,}$")
_ROLE = re.compile(r"^[A-Z]{3}$")


def _mapping(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise EntryError(f"{what} must be a mapping, got {type(value).__name__}")
    return value


def parse_state(entry: dict[str, Any], source: str) -> State:
    entry = _mapping(entry, "a state")
    sid = text_field(entry, "id", required=True)
    assert sid is not None
    if not _ISO3.match(sid):
        raise EntryError(f"state id {sid!r} is not an ISO 3166-1 alpha-3 code")
    cameo = text_field(entry, "cameo") or sid
    if not _CODE.match(cameo):
        raise EntryError(f"cameo code {cameo!r} must be upper-case letters/digits")
    name = text_field(entry, "name", required=True)
    metonyms = []
    for m in entry.get("metonyms") or []:
        m = _mapping(m, "a metonym")
        text = text_field(m, "text", required=True)
        role = text_field(m, "role", required=True)
        if not _ROLE.match(role or ""):
            raise EntryError(f"metonym role {role!r} must be a 3-letter sector code")
        metonyms.append(Metonym(text=text or "", role=role or ""))
    founded, dissolved = date_field(entry, "founded"), date_field(entry, "dissolved")
    if founded and dissolved and dissolved < founded:
        raise EntryError(f"state {sid} is dissolved ({dissolved}) before it is founded ({founded})")
    return State(
        id=sid,
        cameo=cameo,
        name=name or sid,
        names=text_list(entry, "names"),
        adjectives=text_list(entry, "adjectives"),
        demonyms=text_list(entry, "demonyms"),
        capital=text_field(entry, "capital"),
        metonyms=tuple(metonyms),
        regions=text_list(entry, "regions"),
        source=source,
        founded=founded,
        dissolved=dissolved,
        sources=_sources(entry),
    )


def _membership(item: Any) -> Membership:
    item = _mapping(item, "a member")
    state = text_field(item, "state", required=True)
    if not _ISO3.match(state or ""):
        raise EntryError(f"member state {state!r} is not an ISO3 code")
    suspensions = []
    for s in item.get("suspended") or []:
        s = _mapping(s, "a suspension")
        start, end = date_field(s, "from"), date_field(s, "to")
        if start and end and end < start:
            raise EntryError(f"suspension of {state} ends before it starts")
        suspensions.append(Suspension(start=start, end=end, note=text_field(s, "note") or ""))
    joined, left = date_field(item, "joined"), date_field(item, "left")
    if joined and left and left < joined:
        raise EntryError(f"member {state} leaves ({left}) before joining ({joined})")
    return Membership(state=state or "", joined=joined, left=left, suspended=tuple(suspensions))


def _sources(entry: dict[str, Any]) -> tuple[str, ...]:
    """Sources may be strings or mappings (title/date/url); kept as one line each."""
    out = []
    for s in entry.get("sources") or []:
        if isinstance(s, dict):
            out.append(" | ".join(str(s[k]) for k in ("title", "date", "url") if s.get(k)))
        else:
            out.append(str(s))
    return tuple(out)


def parse_organisation(entry: dict[str, Any], source: str) -> Organisation:
    entry = _mapping(entry, "an organisation")
    oid = text_field(entry, "id", required=True) or ""
    code = text_field(entry, "code", required=True) or ""
    if not _CODE.match(code):
        raise EntryError(f"code {code!r} must be upper-case letters/digits")
    raw_members = entry.get("members")
    members: tuple[Membership, ...] | str
    if raw_members == ALL_UN_MEMBERS:
        members = ALL_UN_MEMBERS
    elif raw_members is None:
        members = ()
    elif isinstance(raw_members, list):
        members = tuple(_membership(m) for m in raw_members)
    else:
        raise EntryError(f"members must be a list or {ALL_UN_MEMBERS!r}")
    return Organisation(
        id=oid,
        code=code,
        name=text_field(entry, "name", required=True) or oid,
        aliases=text_list(entry, "aliases"),
        kind=text_field(entry, "kind") or "igo",
        seat=text_field(entry, "seat"),
        parent=text_field(entry, "parent"),
        counts_as=text_field(entry, "counts_as"),
        country=text_field(entry, "country"),
        members=members,
        sources=_sources(entry),
        source=source,
    )


def _office(item: Any) -> Office:
    item = _mapping(item, "an office")
    role = text_field(item, "role", required=True) or ""
    if not _ROLE.match(role):
        raise EntryError(f"office role {role!r} must be a 3-letter sector code")
    country, org = text_field(item, "country"), text_field(item, "org")
    if not country and not org:
        raise EntryError("an office needs 'country' or 'org'")
    if country and not _ISO3.match(country):
        raise EntryError(f"office country {country!r} is not an ISO3 code")
    start, end = date_field(item, "start"), date_field(item, "end")
    if start and end and end < start:
        raise EntryError(f"office ends ({end}) before it starts ({start})")
    return Office(
        role=role,
        title=text_field(item, "title") or "",
        country=country,
        org=org,
        start=start,
        end=end,
        approx=bool(item.get("approx", False)),
    )


def parse_person(entry: dict[str, Any], source: str) -> Person:
    entry = _mapping(entry, "a person")
    pid = text_field(entry, "id", required=True) or ""
    offices = entry.get("offices") or []
    if not isinstance(offices, list):
        raise EntryError("offices must be a list")
    return Person(
        id=pid,
        name=text_field(entry, "name", required=True) or pid,
        aliases=text_list(entry, "aliases"),
        offices=tuple(_office(o) for o in offices),
        surname=text_field(entry, "surname"),
        sources=_sources(entry),
        source=source,
    )


def parse_sector(entry: dict[str, Any], source: str) -> Sector:
    entry = _mapping(entry, "a sector")
    code = text_field(entry, "code", required=True) or ""
    if not _ROLE.match(code):
        raise EntryError(f"sector code {code!r} must be 3 upper-case letters")
    return Sector(
        code=code,
        name=text_field(entry, "name") or code,
        words=text_list(entry, "words"),
        titles=text_list(entry, "titles"),
        source=source,
    )
