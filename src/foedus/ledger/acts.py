"""Treaty acts: signings, ratifications, entry into force, accessions,
withdrawals and suspensions, as dated records linked to their treaty.

Two sources, kept apart and shown side by side:

- the registry: what ``data/treaties`` records (signed, in force, each
  party's joining and leaving, suspensions), with its sources;
- the news: sentences that report an act on a registered treaty ("Russia and
  North Korea signed a mutual defence agreement on Wednesday"), one record per
  treaty, kind and date however many sentences and outlets report it, with
  the evidence and whether the date agrees with the registry.

Why: a signing reported as a handful of loose pledges ("pledged mutual
military help") hides the one fact an analyst needs: that the
treaty was signed, on which day, by whom. The pledges those sentences carry
belong to the act, not to the list of loose pledges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from foedus.ledger.decisions import GENERIC_TREATY
from foedus.ledger.evidence import Mention, tally
from foedus.ledger.model import Registry, Treaty
from foedus.ledger.text import actor_name, country_name, human_date, join_words, mentions_any

# The words that name each act, tried in this order; the first found decides.
ACT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entry into force", ("entered into force", "enters into force", "came into force", "comes into force",
                          "took effect", "takes effect", "came into effect", "entry into force")),
    ("ratification", ("ratified", "ratifies", "ratify", "ratification", "ratifying")),
    ("withdrawal", ("withdrew from", "withdraws from", "withdrawal from", "pulled out of", "quit", "left the",
                    "denounced", "terminated")),
    ("suspension", ("suspended", "suspends", "suspension of", "froze its participation", "frozen its participation")),
    ("accession", ("acceded", "accession", "joined")),
    ("signing", ("signed", "signs", "sign", "signing", "inked", "concluded")),
)
# Coded acts that may report one: formal agreements (057), and statements,
# intents and pledges made in the sentence of the act.
ACT_ROOTS = ("01", "03", "05", "16", "12")
GROUP_DAYS = 10


@dataclass(frozen=True)
class Act:
    treaty: Treaty
    kind: str
    date: date
    parties: tuple[str, ...]
    mentions: tuple[Mention, ...]

    def public(self) -> dict[str, Any]:
        reports, outlets, _ = tally(self.mentions)
        registry = registry_date(self.treaty, self.kind)
        agrees = None if registry is None else abs((registry - self.date).days) <= 1
        names = join_words([actor_name(p) for p in self.parties]) or "the parties"
        summary = (f"{names} {_VERB.get(self.kind, self.kind)} the {self.treaty.name} on {human_date(self.date)} "
                   f"({reports} report{'s' if reports != 1 else ''}, {outlets} outlet{'s' if outlets != 1 else ''}).")
        if registry is not None:
            summary += (" The registry has the same date." if agrees else
                        f" The registry dates it {human_date(registry)}.")
        return {
            "key": f"{self.treaty.id}:{self.kind.replace(' ', '-')}:{self.date.isoformat()}",
            "treaty": self.treaty.id,
            "treaty_name": self.treaty.name,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "status": "reported",
            "parties": list(self.parties),
            "from": "news",
            "registry_date": registry.isoformat() if registry else None,
            "agrees_with_registry": agrees,
            "summary": summary,
            "evidence": [m.evidence() for m in self.mentions],
        }


_VERB = {"signing": "signed", "ratification": "ratified", "entry into force": "brought into force",
         "withdrawal": "withdrew from", "suspension": "suspended", "accession": "acceded to"}


def registry_date(t: Treaty, kind: str) -> date | None:
    if kind == "signing":
        return t.signed
    if kind == "entry into force":
        return t.in_force
    return None


def act_kind(sentence: str) -> str | None:
    for kind, words in ACT_WORDS:
        if mentions_any(sentence, words):
            return kind
    return None


def _parties_in(m: Mention, t: Treaty) -> list[str]:
    states = t.party_states()
    out = [c for c in (m.source_country, m.target_country) if c in states]
    out += [s for s in states if s not in out and mentions_any(m.sentence, (country_name(s).removeprefix("the "),))]
    return out


def treaty_of_act(m: Mention, registry: Registry) -> tuple[Treaty, str] | None:
    """The registered treaty and the act a sentence reports, if any: the
    treaty named by one of its names, or by a generic phrase ("a mutual
    defence agreement") with two of its parties in view and no other treaty
    binding them signed by then."""
    if m.negated or m.modality in ("hypothetical",) or m.date is None or m.root not in ACT_ROOTS:
        return None
    kind = act_kind(m.sentence)
    if kind is None:
        return None
    on = m.date
    named = [t for t in registry.treaties
             if mentions_any(m.sentence, [a for a in t.aliases if not a.lower().startswith("article")])
             and (t.signed is None or t.signed <= on + timedelta(days=1))]
    if len(named) == 1:
        return (named[0], kind) if _near_registry(named[0], kind, on) else None
    if named or not GENERIC_TREATY.search(m.sentence):
        return None
    fits = [t for t in registry.treaties if len(_parties_in(m, t)) >= 2
            and (t.signed is None or t.signed <= on + timedelta(days=1)) and (t.ended is None or t.ended >= on)]
    if kind == "signing":
        # a signing reported within days of the registry's signing date
        fits = [t for t in fits if t.signed is not None and abs((t.signed - on).days) <= GROUP_DAYS]
    return (fits[0], kind) if len(fits) == 1 else None


# A report of an act the registry dates more than this many days away is read
# as a reference to that past act ("the treaty he signed last year"), not a
# new one: a sentence's date is its main event's.
REFERENCE_DAYS = 30


def _near_registry(t: Treaty, kind: str, on: date) -> bool:
    known = registry_date(t, kind)
    return known is None or abs((known - on).days) <= REFERENCE_DAYS


def names_treaty(m: Mention, registry: Registry) -> Treaty | None:
    """The registered treaty a sentence names by one of its names, if exactly one."""
    named = [t for t in registry.treaties
             if mentions_any(m.sentence, [a for a in t.aliases if not a.lower().startswith("article")])]
    return named[0] if len(named) == 1 else None


def find_acts(mentions: Iterable[Mention], registry: Registry) -> list[Act]:
    """Acts reported in the news, one per treaty, kind and date (reports
    within ``GROUP_DAYS`` of each other are one act), oldest first."""
    hits: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        found = treaty_of_act(m, registry)
        if found is not None:
            hits.setdefault((found[0].id, found[1]), []).append(m)
    out = []
    for (tid, kind), ms in hits.items():
        t = registry.get(tid)
        ms.sort(key=lambda m: (m.date_precision != "day", m.date, m.doc_id, m.sent_index))
        groups: list[list[Mention]] = []
        for m in sorted(ms, key=lambda m: m.date):
            if groups and (m.date - groups[-1][0].date).days <= GROUP_DAYS:
                groups[-1].append(m)
            else:
                groups.append([m])
        for g in groups:
            dated = [m for m in g if m.date_precision == "day"] or g
            on = min(m.date for m in dated)
            parties: list[str] = []
            for m in g:
                parties += [p for p in _parties_in(m, t) if p not in parties]
            out.append(Act(t, kind, on, tuple(parties), tuple(g)))
    out.sort(key=lambda a: (a.date, a.treaty.id, a.kind))
    return out


def registry_acts(t: Treaty) -> list[dict[str, Any]]:
    """What the registry records of a treaty's life, as dated acts."""
    src = [{"title": s.title, "url": s.url, "date": s.date} for s in t.sources]
    out: list[dict[str, Any]] = []

    def add(kind: str, on: date | None, parties: list[str], note: str = "") -> None:
        if on is not None:
            out.append({"key": f"{t.id}:{kind.replace(' ', '-')}:{on.isoformat()}:{'+'.join(parties)}",
                        "treaty": t.id, "treaty_name": t.name, "kind": kind, "date": on.isoformat(),
                        "status": "recorded", "parties": parties, "from": "registry", "note": note,
                        "sources": src})

    founders = [p.state for p in t.parties if p.joined is not None and t.signed is not None and p.joined <= (t.in_force or t.signed)]
    add("signing", t.signed, founders or list(t.party_states()))
    add("entry into force", t.in_force, founders)
    start = t.in_force or t.signed
    for p in t.parties:
        if p.joined is not None and start is not None and p.joined > start:
            add("accession", p.joined, [p.state], p.note)
        if p.left is not None:
            add("withdrawal", p.left, [p.state], p.note)
        for s in p.suspended:
            add("suspension", s.start, [p.state], s.note)
    if t.ended is not None:
        add("termination", t.ended, list(t.party_states()))
    out.sort(key=lambda a: a["date"])
    return out
