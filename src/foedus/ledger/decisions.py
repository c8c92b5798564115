"""Decisions: an ally or an organisation deciding that a treaty article applies.

Not every invocation is a request by the attacked party. An ally may decide
on its own that an article obliges it and act ("sent troops to Russia under
the treaty between the two countries", "authorised the dispatch of forces,
citing its obligations under a mutual defence agreement"); an organisation
may invoke the collective-defence article on behalf of a member ("the
Council invoked Article 5 for the United States"). Such a decision is an
invocation with ``side`` "decision": the invoker is the ally or the
organisation, the beneficiary is the party it acts for, and the verdict
reads what the invoker itself then delivered.

A decision needs the sentence to cite the treaty: by one of its names, by an
article number of a treaty both sides are parties to, or by a generic phrase
("the defence treaty", "a mutual defence agreement") when exactly one treaty
in force binds both sides. Plain aid with no treaty in its sentence is a
response, never a decision.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from foedus.ledger.evidence import Mention
from foedus.ledger.model import Registry, Treaty
from foedus.ledger.treaties import pick_article
from foedus.ledger.text import article_refs, country_name, mentions_any

# Aid that carries out a defence promise: military aid, personnel, protection.
AID_CODES = ("070", "072", "074")
# Words of an organisation deciding that its article applies.
_INVOKE = ("invoke", "invoked", "invokes", "invoking", "activate", "activated", "activates", "trigger", "triggered")
GENERIC_TREATY = re.compile(
    r"\b(?:(?:mutual|collective|joint|bilateral|strategic|comprehensive|security|defen[cs]e|military|"
    r"alliance|partnership|assistance|friendship)[\s-]+){1,4}(?:treaty|pact|agreement|accord)\b"
    r"|\b(?:the|their|its|this|that)\s+treaty\b",
    re.IGNORECASE,
)
_BILATERAL = re.compile(r"\b(?:bilateral|between the two|two countries|two nations|both countries)\b", re.IGNORECASE)

_Key = tuple[str, str, str, str, str]
_Item = tuple[Mention, str, bool, str]


def _mutual(t: Treaty) -> bool:
    return any(o.type in ("defence", "consultation") for a in t.articles for o in a.obligations)


def generic_treaty(sentence: str, parties: tuple[str, ...], registry: Registry, on: date) -> Treaty | None:
    """The one treaty in force binding all ``parties`` that a generic phrase
    ("the defence treaty between the two countries") can only mean, if any."""
    if not GENERIC_TREATY.search(sentence or ""):
        return None
    found = [t for t in registry.treaties
             if t.in_force_on(on) and _mutual(t) and all(t.member_on(p, on) for p in parties)]
    if len(found) > 1 and _BILATERAL.search(sentence):
        found = [t for t in found if len(t.party_states()) == 2]
    return found[0] if len(found) == 1 else None


def cited_treaty(m: Mention, parties: tuple[str, ...], registry: Registry, on: date,
                 generic: bool = True) -> tuple[Treaty, list[str]] | None:
    """The treaty a sentence cites that binds all ``parties``, with its article
    numbers cited; ``generic`` also reads phrases like "the defence treaty"."""
    refs = article_refs(m.sentence)
    for t in registry.treaties:
        if not t.in_force_on(on) or not all(t.member_on(p, on) for p in parties):
            continue
        names = [a for a in t.aliases if not a.lower().startswith("article")]
        if mentions_any(m.sentence, names):
            return t, [r for r in refs if t.article(r) is not None]
    t = generic_treaty(m.sentence, parties, registry, on) if generic else None
    if t is not None:
        return t, [r for r in refs if t.article(r) is not None]
    return None


def _named_party(m: Mention, t: Treaty, on: date, exclude: str | None) -> str | None:
    """The single party other than ``exclude`` that the sentence names."""
    named = [s for s in t.parties_on(on, active_only=False)
             if s != exclude and mentions_any(m.sentence, (country_name(s).removeprefix("the "),))]
    return named[0] if len(named) == 1 else None


def _state_decision(m: Mention, registry: Registry) -> tuple[Treaty, str, str] | None:
    """An ally's aid to a co-party under a treaty its sentence cites: (treaty, article, beneficiary)."""
    ally, on = m.source_country, m.date
    if ally is None or m.source_org or on is None:
        return None
    beneficiary = m.target_country if (m.target_country and not m.target_org and m.target_country != ally) else None
    if beneficiary is not None:
        found = cited_treaty(m, (ally, beneficiary), registry, on)
    else:
        # No target: the party acted for must be named in the sentence ("sent
        # troops to fight for Russia under the defence treaty"); a generic phrase
        # is read only with both parties in view.
        found = None
        for t in registry.treaties:
            if not t.in_force_on(on) or not t.member_on(ally, on) or not _mutual(t):
                continue
            other = _named_party(m, t, on, ally)
            if other is not None:
                found = cited_treaty(m, (ally, other), registry, on)
                if found is not None:
                    beneficiary = other
                    break
    if found is None or beneficiary is None:
        return None
    t, refs = found
    art = pick_article(t, refs, consult=False)
    return (t, art.number, beneficiary) if art is not None else None


def _organisation_decision(m: Mention, registry: Registry) -> tuple[Treaty, str, str] | None:
    """An organisation invoking its article for a member, or sending aid to it under the treaty."""
    on = m.date
    if not m.source_org or on is None:
        return None
    for t in registry.treaties:
        if t.organisation != m.source_org or not t.in_force_on(on):
            continue
        refs = [r for r in article_refs(m.sentence) if t.article(r) is not None]
        names = [a for a in t.aliases if not a.lower().startswith("article")]
        invoked = mentions_any(m.trigger_text or "", _INVOKE) is not None
        aid = any(m.cameo.startswith(c) for c in AID_CODES)
        if not ((invoked and (refs or mentions_any(m.sentence, t.aliases))) or (aid and (refs or mentions_any(m.sentence, names)))):
            continue
        beneficiary = m.target_country if (m.target_country and t.member_on(m.target_country, on)) else _named_party(m, t, on, None)
        if beneficiary is None:
            continue
        art = pick_article(t, refs, consult=False)
        if art is not None:
            return t, art.number, beneficiary
    return None


def is_decision_mention(m: Mention) -> bool:
    if m.negated or m.modality not in ("asserted", "claimed", "future"):
        return False
    return any(m.cameo.startswith(c) for c in AID_CODES) or (m.root in ("02", "10", "04") and bool(m.source_org))


def decision_hits(mentions: list[Mention], registry: Registry) -> Iterator[tuple[_Key, _Item]]:
    """(grouping key, item) for every mention that records a decision."""
    for m in mentions:
        if not is_decision_mention(m):
            continue
        found = _organisation_decision(m, registry) if m.source_org else _state_decision(m, registry)
        if found is None:
            continue
        t, art, beneficiary = found
        invoker = t.organisation if m.source_org else (m.source_country or "?")
        yield (t.id, art, invoker, beneficiary, "decision"), (m, beneficiary, True, "a decision that the article applies")
