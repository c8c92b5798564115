"""Answers to "why did this mention get this code?" and "what do we know about X?".

Why a separate module: analysts must be able to audit every code; the
component leaves its reasons on ``doc._.actor_reasons`` and this module turns
them, and the registry's history, into plain dictionaries for the CLI and the
web interface.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from spacy.language import Language

from ..settings import DEFAULT_MODEL
from .component import REASONS_ATTR
from .registry import Registry, load_registry


@lru_cache(maxsize=4)
def default_nlp(
    model: str = DEFAULT_MODEL, extra_files: tuple[str, ...] = (), dictionaries: tuple[str, ...] = ()
) -> Language:
    """The model with the actor stage only, over the packaged registry plus the user's files; once per process.

    Why the files are arguments: ``foedus actors resolve`` must answer with the
    same knowledge the ingest uses (``--actors``, ``FOEDUS_ACTORS``), or a user
    who added a person sees it coded in the store and unknown at the prompt.
    """
    from ..nlp.pipeline import load_model

    from . import component  # noqa: F401  (registers the factory)

    nlp = load_model(model)
    nlp.add_pipe("foedus_actors", config={"extra_files": list(extra_files), "dictionaries": list(dictionaries)})
    return nlp


def resolve_text(text: str, on: date | None = None, nlp: Language | None = None) -> list[dict[str, Any]]:
    """Every actor mention of a text, with its resolution and the reason for it."""
    nlp = nlp or default_nlp()
    doc = nlp.make_doc(text)
    doc._.published = on
    doc = nlp(doc)
    reasons = doc._.get(REASONS_ATTR) or {}
    out = []
    for m in doc._.actors or []:
        d = m.to_dict()
        d["why"] = reasons.get((m.start, m.end), "")
        d["date"] = (on or date.today()).isoformat()
        out.append(d)
    return out


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def show_entity(name: str, on: date | None = None, registry: Registry | None = None) -> dict[str, Any]:
    """Registry entries matching a name, id or code, with their history.

    With ``on`` each entry also says what it was on that day (office held and
    code; organisations and membership of a state).
    """
    reg = registry or load_registry()
    hits = reg.find(name)
    entries: list[dict[str, Any]] = []
    for kind, eid in hits:
        if kind == "state":
            st = reg.states[eid]
            e: dict[str, Any] = {
                "kind": "state", "id": st.id, "cameo": st.cameo, "name": st.name, "names": list(st.names),
                "adjectives": list(st.adjectives), "demonyms": list(st.demonyms), "capital": st.capital,
                "metonyms": [{"text": m.text, "role": m.role} for m in st.metonyms], "source": st.source,
                "founded": _iso(st.founded), "dissolved": _iso(st.dissolved), "sources": list(st.sources),
                "memberships": [
                    {"org": oid, "joined": _iso(m.joined), "left": _iso(m.left),
                     "suspended": [{"from": _iso(s.start), "to": _iso(s.end), "note": s.note} for s in m.suspended]}
                    for oid, m in reg.memberships(st.id)
                ],
            }
            if on:
                e["member_of_on_date"] = [oid for oid, _ in reg.memberships(st.id, on)]
                e["exists_on_date"] = st.exists(on)
        elif kind == "organisation":
            org = reg.organisations[eid]
            members = org.members if isinstance(org.members, str) else [
                {"state": m.state, "joined": _iso(m.joined), "left": _iso(m.left),
                 "suspended": [{"from": _iso(s.start), "to": _iso(s.end), "note": s.note} for s in m.suspended]}
                for m in org.members
            ]
            e = {
                "kind": "organisation", "id": org.id, "code": org.code, "name": org.name,
                "aliases": list(org.aliases), "type": org.kind, "seat": org.seat, "parent": org.parent, "counts_as": org.counts_as,
                "members": members, "sources": list(org.sources), "source": org.source,
            }
            if on:
                e["members_on_date"] = reg.members(org.id, on)
        elif kind == "person":
            p = reg.people[eid]
            e = {
                "kind": "person", "id": p.id, "name": p.name, "aliases": list(p.aliases),
                "offices": [
                    {"title": o.title, "role": o.role, "country": o.country, "org": o.org,
                     "start": _iso(o.start), "end": _iso(o.end), "approx": o.approx}
                    for o in sorted(p.offices, key=lambda o: o.start or date.min)
                ],
                "sources": list(p.sources), "source": p.source,
            }
            if on:
                office = reg.office(p.id, on)
                e["office_on_date"] = office.describe() if office else None
        else:
            a = reg.dictionary_actors[eid]
            e = {
                "kind": "dictionary", "id": a.id, "phrases": list(a.phrases), "source": a.source,
                "codes": [{"code": c.code, "start": _iso(c.start), "end": _iso(c.end)} for c in a.codes],
            }
            if on:
                e["code_on_date"] = a.code_on(on)
        entries.append(e)
    return {"query": name, "date": _iso(on), "entries": entries}
