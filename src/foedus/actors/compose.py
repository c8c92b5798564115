"""Proposing actor spans from matches and choosing among overlapping ones.

Why proposals: the same words can be read several ways ("Armenia" alone,
"Armenia's Security Council", "Security Council" as the UN organ). Every
reading is proposed with its span; the longest one wins and, at equal length,
the registry beats imported dictionaries. That is the whole disambiguation,
kept explicit so that an explanation can name the rule that won.

Composition rules (country word + sector word, one mention over the whole
noun phrase, the leading article excluded):

- ``<state form> ['s] <modifiers>* <sector word>``: "Azerbaijani armed
  forces", "Armenia's Security Council", "the US Congress" - the country's code
  plus the sector's (AZEMIL, ARMGOV, USALEG). The sector word must be the head:
  in "Russian military base" it is not, and "Russian" stays a bare RUS;
- ``<sector word> of [the] <state name>``: "the Armed Forces of Armenia";
- ``<state form> <title>* <person>``: "Russian Deputy Prime Minister Alexei
  Overchuk" is one person mention; the person's own office decides the code;
- ``<state form> <peacekeeping word>`` when the state has a peacekeeping
  contingent in the registry on the date ("Russian peacekeepers" in 2022) is
  that contingent (RUSMILPKO, role PKO); otherwise state + PKO.

Two readings are refused:

- an organisation alias ending in a document word ("Article 4 of the
  Collective Security Treaty") names the treaty, not the organisation;
- a surname preceded by a given name that belongs to no one in the registry so
  named ("analyst Tigran Grigoryan" when only Armen Grigoryan is known) is
  another person: kept as one unresolved mention. A given name that is one of
  the person's names or a near spelling of one ("Colin Hackett Kahl", "Ilahm
  Aliyev") makes one mention of that person;
- a one-word surname inside a date ("In May"), that is an ordinary word
  (the modal "May"), or that opens a document's name ("the Abraham Accords")
  is not the person, unless a title stands before it ("Prime Minister May").
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from datetime import date
from typing import Callable

from spacy.tokens import Doc

from ..records import ActorMention
from .matchers import RegistryMatchers, Term
from .model import Target
from .registry import Registry
from .resolve import dictionary_mention, org_mention, pick, state_mention, target_mention
from .rules import Rules

# Lower wins at equal span length.
PRIORITY_COMPOSED = 0
PRIORITY_REGISTRY = 1
PRIORITY_DICTIONARY = 2

STATE_FORMS = ("state", "adjective", "demonym")


@dataclass
class Proposal:
    start: int  # token offsets
    end: int
    priority: int
    build: Callable[[], tuple[ActorMention | None, str]]
    rule: str

    @property
    def length(self) -> int:
        return self.end - self.start


def select(proposals: list[Proposal]) -> list[Proposal]:
    """Longest first, then priority, then earliest; no two chosen spans overlap."""
    taken: set[int] = set()
    chosen = []
    for p in sorted(proposals, key=lambda p: (-p.length, p.priority, p.start)):
        if any(i in taken for i in range(p.start, p.end)):
            continue
        taken.update(range(p.start, p.end))
        chosen.append(p)
    return sorted(chosen, key=lambda p: p.start)


class Composer:
    """Makes every proposal for one document."""

    def __init__(self, reg: Registry, matchers: RegistryMatchers, rules: Rules) -> None:
        self.reg = reg
        self.m = matchers
        self.rules = rules
        self.kind_sectors = dict(rules.kind_sectors)

    def proposals(self, doc: Doc, on: date) -> list[Proposal]:
        names = [n for n in self.m.match_names(doc) if not self._not_a_name(doc, *n)]
        terms = self.m.match_terms(doc)
        out: list[Proposal] = []
        state_at_end: dict[int, tuple[int, Target]] = {}  # end token -> (start, state target)
        state_at_start: dict[int, tuple[int, Target]] = {}
        for s, e, key in names:
            targets = self.reg.lookup(key)
            out.append(self._name(doc, s, e, targets, on))
            states = [t for t in targets if t.kind in STATE_FORMS]
            if states and not any(t.kind in ("org", "person") for t in targets):
                state_at_end[e] = (s, states[0])
                state_at_start[s] = (e, states[0])
        terms_by_start: dict[int, list[tuple[int, list[Term]]]] = {}
        for s, e, info in terms:
            terms_by_start.setdefault(s, []).append((e, info))
        for end, (start, target) in state_at_end.items():
            p = self._state_then_sector(doc, start, end, target, terms_by_start, on)
            if p:
                out.append(p)
        for s, e, info in terms:
            p = self._sector_of_state(doc, s, e, info, state_at_start, on)
            if p:
                out.append(p)
        covered = {i for s, e, _ in names for i in range(s, e)}
        for s, e, key in names:
            targets = self.reg.lookup(key)
            if any(t.kind == "person" for t in targets) and not any(t.kind != "person" for t in targets):
                p = self._titled_person(doc, s, e, targets, on, terms, state_at_end)
                if p:
                    out.append(p)
                p = self._other_person(doc, s, e, targets, covered, on)
                if p:
                    out.append(p)
        for s, e, phrase in self.m.match_dictionary(doc):
            out.append(self._dictionary(doc, s, e, phrase, on))
        return out

    # ------------------------------------------------------------- proposals
    def _span(self, doc: Doc, s: int, e: int) -> tuple[int, int, str]:
        span = doc[s:e]
        return span.start_char, span.end_char, span.text

    def _name(self, doc: Doc, s: int, e: int, targets: list[Target], on: date) -> Proposal:
        def build() -> tuple[ActorMention | None, str]:
            target, why = pick(targets, self.reg, on)
            a, b, text = self._span(doc, s, e)
            if target is None:
                return ActorMention(a, b, text, None, text, None, None, None, how="registry"), why
            if target.kind == "org" and self._names_document(doc[e - 1].lower_, target.entity_id):
                return None, f"{text!r} names a document of {target.entity_id}, not the organisation"
            mention, reason = target_mention(self.reg, target, on, a, b, text, self.kind_sectors)
            return mention, "; ".join(x for x in (why, reason) if x)

        return Proposal(s, e, PRIORITY_REGISTRY, build, "registry name")

    def _not_a_name(self, doc: Doc, s: int, e: int, key: str) -> bool:
        """A one-word surname that is here a month, an ordinary word or part of a document's name.

        "In May" (a date), "May" as the modal verb, "the Abraham Accords": the
        surname of someone in the registry, but not that person.
        """
        if e - s != 1:
            return False
        targets = self.reg.lookup(key)
        if not targets or any(t.kind != "person" for t in targets):
            return False
        tok = doc[s]
        before = doc[s - 1] if s > 0 else None
        titled = before is not None and before.lower_ in self.m.title_words and before.is_title and not before.is_stop
        if tok.ent_type_ in self.rules.not_name_entities:
            return True
        if tok.is_stop and not titled:
            return True
        return e < len(doc) and doc[e].lower_ in self.rules.document_words and doc[e].is_title

    def _names_document(self, last: str, oid: str) -> bool:
        if last not in self.rules.document_words:
            return False
        org = self.reg.organisation(oid)
        return org is not None and org.name.split()[-1].lower() != last

    def _other_person(
        self, doc: Doc, s: int, e: int, targets: list[Target], covered: set[int], on: date
    ) -> Proposal | None:
        """A known surname after a given name no one in the registry so named has."""
        if e - s != 1:
            return None
        start = s  # over the given and middle names before the surname ("Colin Hackett Kahl")
        while start > 0 and s - start < 3:
            prev = doc[start - 1]
            low = prev.lower_
            if not (prev.is_alpha and prev.is_title and prev.ent_type_ == "PERSON") or (start - 1) in covered:
                break
            if low in self.m.title_words or low in self.rules.honorifics:
                break
            start -= 1
        if start == s:
            return None
        given = doc[start].text
        fits = [t for t in targets if self._given_name_fits(given, t.entity_id)]
        names = ", ".join(t.entity_id for t in targets)
        if len(fits) == 1:
            target = fits[0]

            def build_same() -> tuple[ActorMention | None, str]:
                a, b, text = self._span(doc, start, e)
                mention, reason = target_mention(self.reg, target, on, a, b, text, self.kind_sectors)
                return mention, f"given name {given!r} fits {target.entity_id}; {reason}"

            return Proposal(start, e, PRIORITY_COMPOSED, build_same, "full name")
        if fits:
            return None  # several people so named: the surname's own reading decides

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, start, e)
            return (ActorMention(a, b, text, None, text, None, None, None, how="registry"),
                    f"given name {given!r} fits none of {names}: another person")

        return Proposal(start, e, PRIORITY_COMPOSED, build, "other person")

    def _given_name_fits(self, given: str, pid: str) -> bool:
        """The word is one of the person's names, or a near spelling of one ("Ilahm" for Ilham)."""
        person = self.reg.person(pid)
        if person is None:
            return True
        low = given.lower()
        words = {w.lower() for text in (person.name, *person.aliases) for w in text.split()[:-1]}
        if low in words:
            return True
        return any(len(w) >= 4 and SequenceMatcher(None, low, w).ratio() >= self.rules.name_similarity for w in words)

    def _is_head(self, doc: Doc, end: int) -> bool:
        """The sector word ends its noun phrase (nothing nominal follows it)."""
        if end >= len(doc):
            return True
        nxt = doc[end]
        # "army counter-attacked": a hyphenated verb after the sector word, which
        # the small model reads as a noun compound.
        k = end
        while k + 2 < len(doc) and doc[k].whitespace_ == "" and doc[k + 1].text == "-" and doc[k + 1].whitespace_ == "":
            k += 2
        if k > end and doc[k].tag_ in ("VBD", "VBN", "VBZ", "VBP"):
            return True
        if nxt.pos_ in ("NOUN", "PROPN") and doc[end - 1].dep_ == "compound":
            return False
        return not (nxt.pos_ == "NOUN" and nxt.is_alpha and nxt.text[:1].islower() and doc[end - 1].pos_ == "ADJ")

    def _state_then_sector(
        self, doc: Doc, start: int, end: int, target: Target, terms_by_start: dict[int, list[tuple[int, list[Term]]]],
        on: date,
    ) -> Proposal | None:
        j = end
        possessive = j < len(doc) and doc[j].text in self.rules.possessive
        if possessive:
            j += 1
        best: tuple[int, list[Term]] | None = None
        for k in range(j, min(len(doc), j + self.rules.max_modifiers + 1)):
            if k > j:
                tok = doc[k - 1]
                if tok.pos_ not in self.rules.modifier_pos or not tok.is_alpha:
                    break
            for e, info in terms_by_start.get(k, []):
                if best is None or e > best[0]:
                    best = (e, info)
        if best is None:
            return None
        e, info = best
        if not self._is_head(doc, e):
            return None
        term = info[0]
        how = "possessive" if possessive else "agent"

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, start, e)
            contingent = self._contingent(target.entity_id, term, on)
            if contingent:
                m, why = org_mention(self.reg, contingent, a, b, text, how, self.kind_sectors)
                return m, f"{target.kind} of {target.entity_id} + sector word ~{term.suffix}: its contingent; {why}"
            m = state_mention(self.reg, target.entity_id, a, b, text, how, suffix=term.suffix, prefix=term.prefix)
            return m, f"{target.kind} of {target.entity_id} + sector word ({term.prefix}~{term.suffix}, {term.source})"

        return Proposal(start, e, PRIORITY_COMPOSED, build, "state + sector")

    def _contingent(self, sid: str, term: Term, on: date) -> str | None:
        """The one organisation of a sector-bearing kind the state belongs to on the date."""
        if term.prefix:
            return None
        kinds = {k for k, code in self.kind_sectors.items() if code == term.suffix}
        if not kinds:
            return None
        hits = [o.id for o in self.reg.organisations.values() if o.kind in kinds and self.reg.is_member(sid, o.id, on)]
        return hits[0] if len(hits) == 1 else None

    def _sector_of_state(
        self, doc: Doc, s: int, e: int, info: list[Term], state_at_start: dict[int, tuple[int, Target]], on: date
    ) -> Proposal | None:
        if e >= len(doc) or doc[e].lower_ != "of":
            return None
        k = e + 1
        if k < len(doc) and doc[k].lower_ in self.rules.determiners:
            k += 1
        if k not in state_at_start:
            return None
        end, target = state_at_start[k]
        if target.kind != "state":
            return None
        term = info[0]

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, s, end)
            contingent = self._contingent(target.entity_id, term, on)
            if contingent:
                m, why = org_mention(self.reg, contingent, a, b, text, "agent", self.kind_sectors)
                return m, f"sector word ~{term.suffix} of state {target.entity_id}: its contingent; {why}"
            m = state_mention(self.reg, target.entity_id, a, b, text, "agent", suffix=term.suffix, prefix=term.prefix)
            return m, f"sector word ({term.prefix}~{term.suffix}, {term.source}) of state {target.entity_id}"

        return Proposal(s, end, PRIORITY_COMPOSED, build, "sector of state")

    def _titled_person(
        self,
        doc: Doc,
        s: int,
        e: int,
        targets: list[Target],
        on: date,
        terms: list[tuple[int, int, list[Term]]],
        state_at_end: dict[int, tuple[int, Target]],
    ) -> Proposal | None:
        """Extend a person's span left over a title and a country word."""
        words = set(self.m.title_words)
        for t in targets:
            person = self.reg.person(t.entity_id)
            if person:
                for o in person.offices:
                    words.update(o.title.lower().split())
        start = s
        while start > 0:
            tok = doc[start - 1]
            if tok.lower_ != "of" and tok.lower_ in words and not tok.is_stop and (tok.is_title or tok.is_upper):
                start -= 1
                continue
            if tok.lower_ == "of" and start - 2 >= 0 and doc[start - 2].lower_ in words and doc[start - 2].is_title:
                start -= 1
                continue
            if start in state_at_end:
                start = state_at_end[start][0]
                break
            if tok.text in self.rules.possessive and (start - 1) in state_at_end:
                start = state_at_end[start - 1][0]
                break
            break
        if start == s:
            return None
        first = doc[start]
        # A leading lower-case "of" or a dangling title alone is not worth it.
        if first.lower_ == "of":
            return None

        def build() -> tuple[ActorMention | None, str]:
            target, why = pick(targets, self.reg, on)
            a, b, text = self._span(doc, start, e)
            if target is None:
                return ActorMention(a, b, text, None, doc[s:e].text, None, None, None, how="registry"), why
            mention, reason = target_mention(self.reg, target, on, a, b, text, self.kind_sectors)
            return mention, f"person with title; {reason}"

        return Proposal(start, e, PRIORITY_COMPOSED, build, "titled person")

    def _dictionary(self, doc: Doc, s: int, e: int, phrase: str, on: date) -> Proposal:
        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, s, e)
            return dictionary_mention(self.reg, phrase, on, a, b, text)

        return Proposal(s, e, PRIORITY_DICTIONARY, build, "dictionary")
