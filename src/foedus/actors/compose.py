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
  Overchuk" is one person mention; the person's own office decides the code.
  Lower-case title words join it only after a country word: "Armenia's
  defence minister Suren Papikyan" is one mention (ARMGOV), not a bare ARM
  and a person;
- ``<state form> <peacekeeping word>`` when the state has a peacekeeping
  contingent in the registry on the date ("Russian peacekeepers" in 2022) is
  that contingent (RUSMILPKO, role PKO); otherwise state + PKO.

- ``<sector word> in <state name | capital>``: "officials in Yerevan",
  "protesters in Yerevan" (ARMGOV, ARMOPP), for the sectors listed under
  ``local_sectors`` in the rules (people of a place are usually of its state;
  troops in a country are often foreign ones), and only when no country word
  stands before the sector word. A coordinated place ("lawmakers in Fornost
  and Gondor") gets the same sector: FORLEG, GONLEG.

Imported PETRARCH/Phoenix dictionaries (``registry.has_dictionaries``) bring
PETRARCH's conventions with them:

- a dictionary actor whose code on the date is a country-like code (three
  letters, or several joined by ``/``) composes with sector words exactly as a
  registry state does: "The Calenardhon government" CALGOV, "Gondor's
  government", "government of Gondor", "Osgiliath soldiers"; an agent before
  it composes too ("President Romendacil" BREGOV, "MSF Arnor" NGOARN). The
  dictionary's own longer phrase wins at equal length ("ISRAELI_TROOPS");
- every sector word composes with a place after "in" (not only
  ``local_sectors``);
- a sector word with no country at all is the bare sector ("a senior official
  said" -> GOV). Without a dictionary that mention is not made: a code without
  a country is of no use to the packaged coder.
- every agent word between the actor and the head of its phrase composes, in
  order ("Danish Islamist media" DNKMUSMED, "West German world government
  activists" GMWGOVWGO), and the head need not be an agent ("the Calenardhon
  government issue" CALGOV, the mention running to "issue");
- "former" before an agent or before its actor makes it an elite, ~ELI
  (Phoenix's FORMER_PRESIDENT [~ELI], TABARI's "former" conversion): "former
  Gondor prosecutors" GONELI, "former security officials in the White House"
  USAGOVELI (``former_words`` in the rules);
- a title after the actor takes the name that follows it ("Ithilen's awful
  and evil minister Calimehtar" ITHGOV: the possessor's office, whoever the
  name is elsewhere); adjectives joined by "and" or commas are modifiers.

Sector words joined by "and" before "<sector word> in <place>" share the
place(s) ("lawmakers and officials in Fornost and Gondor": FORLEG and GONLEG
over "lawmakers"), under the same conditions as the sector word itself.

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

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from datetime import date
from typing import Callable

from spacy.tokens import Doc, Span

from ..nlp.word_index import positions_of
from ..records import ActorMention
from .matchers import RegistryMatchers, Term
from .model import Target
from .registry import Registry
from .resolve import dictionary_mention, org_mention, pick, state_mention, target_mention
from .rules import Rules

# Lower wins at equal span length.
# sectors of those who fight or oppose a state's government: a state word before "troops and rebels"
# does not carry over to them
ADVERSARY_SECTORS = frozenset({"REB", "INS", "OPP"})
PRIORITY_COMPOSED = 0
PRIORITY_REGISTRY = 1
PRIORITY_DICTIONARY = 2
PRIORITY_DICTIONARY_COMPOSED = 3
PRIORITY_BARE_SECTOR = 4
_COUNTRY_CODE = re.compile(r"^(?:[A-Z]{3})+(?:/(?:[A-Z]{3})+)*$")


def join_code(code: str, prefix: str, suffix: str) -> str:
    """PETRARCH's composition of an actor code with an agent, without repeating a part it has.

    ``CAL`` + ``~GOV`` = ``CALGOV``; ``USAGOV`` (the White House) + ``~GOV`` =
    ``USAGOV``; ``ARN`` + ``NGO~`` = ``NGOARN``.
    """
    chunks = [code[i:i + 3] for i in range(3, len(code), 3)]
    if suffix and suffix[:3] in chunks:
        suffix = ""
    if prefix and code.startswith(prefix):
        prefix = ""
    return f"{prefix}{code}{suffix}"

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
        if not taken.isdisjoint(range(p.start, p.end)):
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

    def proposals(self, doc: Doc, on: date, ents: tuple[Span, ...] | None = None,
                  terms: list[tuple[int, int, list[Term]]] | None = None) -> list[Proposal]:
        """Every reading of every match in ``doc`` (``ents``, ``terms``: the doc's entities and sector-word
        matches when already read)."""
        matched = self.m.match_names(doc)
        # each name's targets, looked up once: the rules below ask for them again and again
        lookup = {key: self.reg.lookup_form(key) for _s, _e, key in matched}
        names = [(s, e, key) for s, e, key in matched if not self._not_a_name(doc, s, e, lookup[key])]
        if terms is None:
            terms = self.m.match_terms(doc)
        petrarch = self.reg.has_dictionaries
        out: list[Proposal] = []
        state_at_end: dict[int, tuple[int, Target]] = {}  # end token -> (start, state target)
        state_at_start: dict[int, tuple[int, Target]] = {}
        place_at_start: dict[int, tuple[int, Target]] = {}  # state names, capitals, dictionary countries
        for s, e, key in names:
            demonyms = [t for t in lookup[key] if t.kind == "demonym"]
            if demonyms:
                p = self._population(doc, s, e)
                if p:
                    out.append(p)
        named_in_full: dict[str, int] = {}  # person id -> first token of a mention by full name or alias
        surname = {(s, e, key): self._surname_only(doc, s, e, lookup[key]) for s, e, key in names}
        for s, e, key in names:
            if not surname[s, e, key]:
                for t in lookup[key]:
                    if t.kind == "person":
                        named_in_full.setdefault(t.entity_id, s)
        for s, e, key in names:
            targets = lookup[key]
            out.append(self._name(doc, s, e, targets, on, named_in_full, surname[s, e, key]))
            states = [t for t in targets if t.kind in STATE_FORMS]
            if states and not any(t.kind in ("org", "person") for t in targets):
                state_at_end[e] = (s, states[0])
                state_at_start[s] = (e, states[0])
            elif e < len(doc) and doc[e].text in self.rules.possessive and not any(
                    t.kind in ("org", "person") for t in targets):
                # "Moscow's ambassador in Warsaw": a capital's officials are its state's, as "Russia's" would say
                capitals = [t for t in targets if t.kind == "metonym" and t.capital]
                if capitals:
                    state_at_end[e] = (s, Target("state", capitals[0].entity_id))
            places = [t for t in targets if t.kind == "state" or (t.kind == "metonym" and t.capital)]
            if places and not any(t.kind in ("org", "person") for t in targets):
                place_at_start[s] = (e, places[0])
        dict_bases: dict[int, tuple[int, Target]] = {}
        for s, e, phrase in self.m.match_dictionary(doc):
            out.append(self._dictionary(doc, s, e, phrase, on))
            code = self._dictionary_country(phrase, on)
            if code:
                base = Target("dictionary", code)
                dict_bases[s] = (e, base)
                state_at_end.setdefault(e, (s, base))
                state_at_start.setdefault(s, (e, base))
                place_at_start.setdefault(s, (e, base))
        terms_by_start: dict[int, list[tuple[int, list[Term]]]] = {}
        terms_by_end: dict[int, list[tuple[int, list[Term]]]] = {}
        for s, e, info in terms:
            terms_by_start.setdefault(s, []).append((e, info))
            terms_by_end.setdefault(e, []).append((s, info))
        people = {i for s, e, key in names if any(t.kind == "person" for t in lookup[key]) for i in range(s, e)}
        # names a title may stand before: unknown people (NER), dictionary actors ("Deputy Prime Minister Telemar")
        named: dict[int, int] = {ent.start: ent.end for ent in (doc.ents if ents is None else ents)
                                 if ent.label_ == "PERSON" and people.isdisjoint(range(ent.start, ent.end))}
        if petrarch:
            for st, (en, _t) in dict_bases.items():
                named.setdefault(st, en)
        # names of organisations ("Rapid Support Forces"): a sector word ending one is part of the name
        org_names = [(s, e, o.country) for s, e, key in names for t in lookup[key] if t.kind == "org"
                     and (o := self.reg.organisations.get(t.entity_id)) is not None and o.country]
        for end, (start, target) in state_at_end.items():
            p = self._state_then_sector(doc, start, end, target, terms_by_start, on, named, org_names)
            if p:
                out.append(p)
                q = self._sector_and_sector(doc, p, start, end, target, terms_by_start, on)
                if q:
                    out.append(q)
        for s, e, info in terms:
            out.extend(self._sector_of_state(doc, s, e, info, state_at_start, on))
            ins = self._sector_in_place(doc, s, e, info, place_at_start, state_at_end, petrarch, terms_by_end)
            out.extend(ins)
            if not ins:
                p = self._sector_in_clause(doc, s, e, info, place_at_start, state_at_end)
                if p:
                    out.append(p)
            if petrarch:
                p = self._sector_then_dictionary(doc, s, e, info, dict_bases, state_at_end)
                if p:
                    out.append(p)
                out.append(self._bare_sector(doc, s, e, info))
        covered = {i for s, e, _ in names for i in range(s, e)}
        for s, e, key in names:
            targets = lookup[key]
            if any(t.kind == "person" for t in targets) and not any(t.kind != "person" for t in targets):
                p = self._titled_person(doc, s, e, targets, on, terms, state_at_end)
                if p:
                    out.append(p)
                p = self._other_person(doc, s, e, targets, covered, on)
                if p:
                    out.append(p)
        out.extend(self._followers(doc, out))
        return out

    def _followers(self, doc: Doc, proposals: list[Proposal]) -> list[Proposal]:
        """"Supporters of Imran Khan", "loyalists of the opposition leader": people of the country the named actor
        belongs to, in the opposition (OPP) unless the actor governs on the date, whose followers are civilians
        (CVL). The phrase is one mention; the actor named inside it is not an actor of the event.
        """
        if not self.rules.follower_words and not self.rules.voice_words:
            return []
        by_start: dict[int, list[Proposal]] = {}
        for p in proposals:
            by_start.setdefault(p.start, []).append(p)
        out: list[Proposal] = []
        for i in positions_of(doc, self.rules.voice_words | self.rules.follower_words):
            tok = doc[i]
            voice = tok.lower_ in self.rules.voice_words
            if tok.i + 2 >= len(doc) \
                    or doc[tok.i + 1].lower_ not in (("for", "of") if voice else ("of",)):
                continue
            j = tok.i + 2
            if doc[j].lower_ in self.rules.determiners:
                j += 1
            inner = sorted(by_start.get(j, []), key=lambda p: (-p.length, p.priority))
            if not inner:
                continue
            named, start = inner[0], tok.i
            if start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].is_lower:
                start -= 1  # "angry supporters of ..."

            def build(named: Proposal = named, start: int = start, voice: bool = voice) -> tuple[ActorMention | None, str]:
                m, why = named.build()
                a, b, text = self._span(doc, start, named.end)
                if voice:
                    # "the spokesperson for Qatar's foreign ministry" speaks for it: the same actor
                    if m is None or not m.code:
                        return None, "the voice of an unknown actor"
                    return replace(m, start=a, end=b, text=text, person=None, how="agent"), \
                        f"the voice of {m.code} ({why})"
                if m is None or not m.country:
                    return None, "followers of an actor with no country"
                sector = "CVL" if m.role == "GOV" else "OPP"
                mention = state_mention(self.reg, m.country, a, b, text, "agent", suffix=sector)
                return mention, f"followers of {m.code} ({why}): {sector} of {m.country}"

            rule = "voice of an actor" if voice else "followers of an actor"
            out.append(Proposal(start, named.end, PRIORITY_COMPOSED, build, rule))
        return out

    def _dictionary_country(self, phrase: str, on: date) -> str | None:
        """The dictionary actor's code on the date when it is made of 3-letter parts (``CAL``, ``USAGOV``, ``ELR/GAL``)."""
        for aid in self.reg.dictionary_names.get(phrase, []):
            code = self.reg.dictionary_actors[aid].code_on(on)
            if code is None:
                continue
            return code if _COUNTRY_CODE.match(code) else None
        return None

    def _compose(self, target: Target, term: Term, a: int, b: int, text: str, how: str) -> ActorMention:
        """Country part + sector word; a dictionary code with alternatives composes each (``ELRMIL/GALMIL``)."""
        if target.kind != "dictionary":
            return state_mention(self.reg, target.entity_id, a, b, text, how, suffix=term.suffix, prefix=term.prefix)
        parts = target.entity_id.split("/")
        code = "/".join(join_code(p, term.prefix, term.suffix) for p in parts)
        country = parts[0][:3] if len(parts) == 1 else None
        return ActorMention(
            start=a, end=b, text=text, code=code, name=text, country=country, org=None,
            role=term.suffix[:3] or None, entity_id=target.entity_id, how=how,
        )

    def _sector_in_place(
        self, doc: Doc, s: int, e: int, info: list[Term], place_at_start: dict[int, tuple[int, Target]],
        state_at_end: dict[int, tuple[int, Target]], petrarch: bool,
        terms_by_end: dict[int, list[tuple[int, list[Term]]]] | None = None,
    ) -> list[Proposal]:
        """``<sector word> in <place> [and <place>]``: "officials in Yerevan" ARMGOV.

        Sector words coordinated before it share the place(s): "lawmakers and
        officials in Fornost and Gondor" gives the lawmakers FORLEG and GONLEG
        (one mention per place over the same words).
        """
        if e >= len(doc) or doc[e].lower_ != "in":
            return []
        term = info[0]
        if not petrarch and term.suffix[:3] not in self.rules.local_sectors:
            return []
        if self._inside_name_or_place(doc, s, e):
            return []
        term = self._former(doc, s, s, term)
        # "Russian officials in Yerevan": the country word before the sector word decides.
        if not self._no_country_before(doc, s, state_at_end):
            return []
        j = e + 1
        if j < len(doc) and doc[j].lower_ in self.rules.determiners:
            j += 1
        if j not in place_at_start:
            return []
        end, target = place_at_start[j]
        if doc[j:end].text in self.rules.capitals_not_government:
            return []  # "diplomats in Brussels", "ambassadors in Brussels": the seat of the EU and NATO, not Belgium's
        out: list[Proposal] = []
        sid = target.entity_id

        def build(a0: int = s, b0: int = end, tgt: Target = target) -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, a0, b0)
            place = "capital" if tgt.kind == "metonym" else tgt.kind
            m = self._compose(tgt if tgt.kind == "dictionary" else Target("state", tgt.entity_id), term, a, b, text, "agent")
            return m, f"sector word ({term.prefix}~{term.suffix}, {term.source}) in {place} {tgt.entity_id}"

        out.append(Proposal(s, end, PRIORITY_COMPOSED if target.kind != "dictionary" else PRIORITY_DICTIONARY_COMPOSED,
                            build, "sector in place"))
        coordinated = self._coordinated(doc, s, e, end, term, place_at_start, sid, "in")
        out.extend(coordinated)
        places = [target] + [t for t in dict.fromkeys(self._coordinated_places(doc, end, place_at_start))]
        out.extend(self._earlier_sectors(doc, s, places, place_at_start, state_at_end, petrarch, terms_by_end or {}))
        return out

    def _coordinated(self, doc: Doc, s: int, e: int, end: int, term: Term,
                     places: dict[int, tuple[int, Target]], sid: str, prep: str) -> list[Proposal]:
        """Places coordinated with the first ("lawmakers in Fornost and Gondor") get the same sector."""
        out: list[Proposal] = []
        hits: list[tuple[int, int, Target]] = []
        for conj in doc[end - 1].conjuncts:
            if conj.i < end:
                continue
            hit = next(((st, en, t) for st, (en, t) in places.items() if st <= conj.i < en), None)
            if hit is not None:
                hits.append(hit)
        k = end  # the words themselves when the parse does not coordinate them: "in Fornost and Gondor"
        while k + 1 < len(doc) and doc[k].lower_ in (",", "and"):
            k += 1
            if k < len(doc) and doc[k].lower_ == "and":
                k += 1
            if k < len(doc) and doc[k].lower_ in self.rules.determiners:
                k += 1
            if k not in places:
                break
            hits.append((k, places[k][0], places[k][1]))
            k = places[k][0]
        for start2, end2, t2 in dict.fromkeys(hits):

            def build2(a0: int = start2, b0: int = end2, tgt: Target = t2) -> tuple[ActorMention | None, str]:
                a, b, text = self._span(doc, a0, b0)
                m = self._compose(tgt if tgt.kind == "dictionary" else Target("state", tgt.entity_id), term, a, b, text, "agent")
                return m, (f"{tgt.entity_id} coordinated with {sid} after "
                           f"{doc[s:e].text!r} {prep}: the same sector ({term.prefix}~{term.suffix})")

            out.append(Proposal(start2, end2, PRIORITY_COMPOSED, build2, f"sector {prep} coordinated place"))
        return out

    def _coordinated_places(self, doc: Doc, end: int, places: dict[int, tuple[int, Target]]) -> list[Target]:
        """The places written right after the first one, joined by "and" or commas ("in Fornost and Gondor")."""
        out: list[Target] = []
        k = end
        while k + 1 < len(doc) and doc[k].lower_ in (",", "and"):
            k += 1
            if k < len(doc) and doc[k].lower_ == "and":
                k += 1
            if k < len(doc) and doc[k].lower_ in self.rules.determiners:
                k += 1
            if k not in places:
                break
            out.append(places[k][1])
            k = places[k][0]
        return out

    def _earlier_sectors(
        self, doc: Doc, s: int, places: list[Target], place_at_start: dict[int, tuple[int, Target]],
        state_at_end: dict[int, tuple[int, Target]], petrarch: bool,
        terms_by_end: dict[int, list[tuple[int, list[Term]]]],
    ) -> list[Proposal]:
        """Sector words joined by "and" / commas before "<sector> in <place>" take the same place(s)."""
        out: list[Proposal] = []
        k = s
        while k > 0 and doc[k - 1].lower_ in ("and", ","):
            k -= 1
            if k > 0 and doc[k - 1].lower_ == "," and doc[k].lower_ == "and":
                k -= 1
            hits = terms_by_end.get(k, [])
            if not hits:
                break
            s2, info2 = min(hits, key=lambda h: h[0])
            term2 = info2[0]
            if not petrarch and term2.suffix[:3] not in self.rules.local_sectors:
                break
            if self._inside_name_or_place(doc, s2, k) or not self._no_country_before(doc, s2, state_at_end):
                break
            term2 = self._former(doc, s2, s2, term2)

            def build(a0: int = s2, b0: int = k, t2: Term = term2) -> tuple[ActorMention | None, str]:
                a, b, text = self._span(doc, a0, b0)
                ms = [self._compose(p if p.kind == "dictionary" else Target("state", p.entity_id), t2, a, b, text,
                                    "agent") for p in places]
                m = ms[0]
                if len(ms) > 1:
                    codes = "/".join(dict.fromkeys(x.code or "" for x in ms))
                    m = ActorMention(a, b, text, codes, text, None, None, t2.suffix[:3] or None, how="agent")
                where = ", ".join(p.entity_id for p in places)
                return m, (f"sector word ({t2.prefix}~{t2.suffix}, {t2.source}) coordinated with a sector word "
                           f"in {where}: the same place")

            out.append(Proposal(s2, k, PRIORITY_COMPOSED, build, "sector coordinated in place"))
            k = s2
        return out

    def _inside_name_or_place(self, doc: Doc, s: int, e: int) -> bool:
        """The sector word is part of a name ("the European Political Community") or a place ("outside the parliament")."""
        if any(t.ent_type_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW") for t in doc[s:e]):
            return True
        k = s
        while k > 0 and (doc[k - 1].lower_ in self.rules.determiners or doc[k - 1].pos_ == "ADJ"):
            k -= 1
        if k > 0 and doc[k - 1].lower_ in self.rules.place_prepositions:
            return True
        tok = doc[e - 1]
        while tok.dep_ == "conj" and tok.head.i < tok.i:  # "into the government building and the parliament"
            tok = tok.head
        return tok.dep_ == "pobj" and tok.head.lower_ in self.rules.place_prepositions

    def _no_country_before(self, doc: Doc, s: int, state_at_end: dict[int, tuple[int, Target]]) -> bool:
        k = s
        while True:
            if k in state_at_end:
                return False
            if k == 0 or s - k > self.rules.max_modifiers:
                return True
            prev = doc[k - 1]
            if prev.pos_ not in self.rules.modifier_pos and prev.lower_ not in self.rules.determiners \
                    and prev.text != "-":
                return True
            k -= 1

    def _sector_in_clause(
        self, doc: Doc, s: int, e: int, info: list[Term], place_at_start: dict[int, tuple[int, Target]],
        state_at_end: dict[int, tuple[int, Target]],
    ) -> Proposal | None:
        """A subject sector word of no country takes the one state named "in <place>" in its own clause.

        "Several pro-Western parties have organised rallies in Yerevan" -> ARMOPP. Only
        ``local_sectors``; the finite verb's own "in" phrase or its object's
        ("rallies in Yerevan") is looked at, nothing deeper.
        """
        term = info[0]
        if term.suffix[:3] not in self.rules.local_sectors or term.prefix:
            return None
        last = doc[e - 1]
        if last.dep_ not in ("nsubj", "nsubjpass") or not self._no_country_before(doc, s, state_at_end):
            return None
        if self._inside_name_or_place(doc, s, e):
            return None
        verb = last.head
        if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN", "VB"):
            return None  # "the Biden administration taking advantage of the war in Ukraine"
        # "in" on the verb or on its object: "organised rallies in Yerevan"
        holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        found: set[str] = set()
        place: tuple[int, int, Target] | None = None
        for h in holders:
            for prep in h.children:
                if prep.lower_ != "in" or prep.dep_ != "prep":
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    hit = next(((st, en, t) for st, (en, t) in place_at_start.items() if st <= pobj.i < en), None)
                    if hit:
                        found.add(hit[2].entity_id)
                        place = hit
        if place is None or len(found) != 1:
            return None
        tgt = place[2]

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, s, e)
            m = self._compose(tgt if tgt.kind == "dictionary" else Target("state", tgt.entity_id), term, a, b, text, "agent")
            return m, (f"sector word ({term.prefix}~{term.suffix}, {term.source}) of no country, subject of a clause "
                       f"set in {doc[place[0]:place[1]].text} ({tgt.entity_id})")

        return Proposal(s, e, PRIORITY_COMPOSED, build, "sector in clause")

    def _sector_then_dictionary(
        self, doc: Doc, s: int, e: int, info: list[Term], dict_bases: dict[int, tuple[int, Target]],
        state_at_end: dict[int, tuple[int, Target]],
    ) -> Proposal | None:
        """PETRARCH: an agent right before a dictionary actor ("President Romendacil", "MSF Arnor")."""
        if e not in dict_bases:
            return None
        end, target = dict_bases[e]
        start = s
        # "Bree President Romendacil": the same code before the agent joins the mention
        if s in state_at_end and state_at_end[s][1].entity_id == target.entity_id:
            start = state_at_end[s][0]
        term = self._former(doc, start, s, info[0])
        # "An MSF Arnor diplomat": a sector word after the actor composes as well
        extra = None
        for e2, info2 in self._terms_at(doc, end):
            if self._is_head(doc, e2):
                extra = (e2, info2[0])
        stop = extra[0] if extra else end

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, start, stop)
            m = self._compose(target, term, a, b, text, "agent")
            why = f"sector word ({term.prefix}~{term.suffix}, {term.source}) before dictionary actor {target.entity_id}"
            if extra:
                t2 = extra[1]
                m = self._compose(Target("dictionary", m.code or target.entity_id), t2, a, b, text, "agent")
                why += f" and sector word ({t2.prefix}~{t2.suffix}) after it"
            return m, why

        return Proposal(start, stop, PRIORITY_DICTIONARY_COMPOSED, build, "sector + dictionary actor")

    def _former(self, doc: Doc, a: int, s: int, term: Term) -> Term:
        """PETRARCH/TABARI: "former" before an agent (or before its country word) makes it an elite, ~ELI.

        "Arnor former security officials" ARNELI, "former Gondor prosecutors"
        GONELI, "former security officials in the White House" USAGOVELI
        (Phoenix: FORMER_PRESIDENT [~ELI]). Only with an imported dictionary;
        ``a`` is where the mention starts, ``s`` where the agent word starts.
        """
        if not self.reg.has_dictionaries or not self.rules.former_words:
            return term
        lo = a - 1 if a > 0 else a
        if any(t.lower_ in self.rules.former_words for t in doc[lo:s]):
            return Term("", "ELI", term.title, f"{term.source}; 'former' (PETRARCH: ~ELI)")
        return term

    def _terms_at(self, doc: Doc, k: int) -> list[tuple[int, list[Term]]]:
        if k >= len(doc):
            return []
        return [(k + (e - s), info) for s, e, info in self.m.match_terms(doc[k:min(len(doc), k + 5)].as_doc())
                if s == 0]

    def _bare_sector(self, doc: Doc, s: int, e: int, info: list[Term]) -> Proposal:
        """PETRARCH: a sector word of no country is the bare sector code ("a senior official" GOV)."""
        term = self._former(doc, s, s, info[0])

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, s, e)
            code = f"{term.prefix}{term.suffix}"
            m = ActorMention(a, b, text, code, text, None, None, term.suffix[:3] or None, entity_id=None, how="agent")
            return m, f"sector word ({term.prefix}~{term.suffix}, {term.source}) with no country: bare sector (PETRARCH)"

        return Proposal(s, e, PRIORITY_BARE_SECTOR, build, "bare sector")

    # ------------------------------------------------------------- proposals
    def _span(self, doc: Doc, s: int, e: int) -> tuple[int, int, str]:
        span = doc[s:e]
        return span.start_char, span.end_char, span.text

    def _name(
        self, doc: Doc, s: int, e: int, targets: list[Target], on: date, named_in_full: dict[str, int] | None = None,
        surname: bool | None = None,
    ) -> Proposal:
        """The registry's reading of a name (``surname``: :meth:`_surname_only` when already known)."""
        if surname is None:
            surname = self._surname_only(doc, s, e, targets)

        def build() -> tuple[ActorMention | None, str]:
            shared = None
            if surname:
                target, why = self._by_surname(s, targets, on, named_in_full or {})
                if target is None:
                    shared = self._shared_office(targets, on)
            else:
                target, why = pick(targets, self.reg, on)
            a, b, text = self._span(doc, s, e)
            if target is None and shared is not None:
                country, role, holders = shared
                st = self.reg.state(country)
                code = f"{st.cameo if st else country}{role}"
                # a person's name still, whoever of them it is ("he" may stand for the mention)
                return (ActorMention(a, b, text, code, text, country, None, role, entity_id=None, how="registry",
                                     label="PERSON"),
                        f"{why}; but every bearer in office ({holders}) holds a {role} office of {country}: "
                        f"coded {code} without naming the person")
            if target is None:
                return ActorMention(a, b, text, None, text, None, None, None, how="registry"), why
            if target.kind == "org" and self._names_document(doc[e - 1].lower_, target.entity_id):
                return None, f"{text!r} names a document of {target.entity_id}, not the organisation"
            mention, reason = target_mention(self.reg, target, on, a, b, text, self.kind_sectors)
            return mention, "; ".join(x for x in (why, reason) if x)

        return Proposal(s, e, PRIORITY_REGISTRY, build, "registry name")

    def _place_at(self, doc: Doc, j: int, forward: bool) -> tuple[int, str] | None:
        """A state name or a region of a state that starts (forward) or ends (backward) at token ``j``.

        Returns (the other end, ISO3 of the state).
        """
        for k in (3, 2, 1):
            a, b = (j, j + k) if forward else (j - k, j)
            if a < 0 or b > len(doc):
                continue
            text = doc[a:b].text
            region = self.reg.region_states.get(text)
            if region:
                return (b if forward else a), region
            states = [t for t in self.reg.lookup(text) if t.kind == "state"]
            if states:
                return (b if forward else a), states[0].entity_id
        return None

    def _population(self, doc: Doc, s: int, e: int) -> Proposal | None:
        """A demonym with the place its people live in is that place's population, not a state.

        "Serbs in northern Kosovo" (XKX + CVL), "ethnic Russians in
        Transnistria" (MDA + CVL: the region belongs to Moldova), "Karabakh
        Armenians" (AZE + CVL). Without a place ("Serbs protested") the
        demonym keeps its state reading.
        """
        start, stop, place = s, e, None
        before = self._place_at(doc, s, forward=False)
        if before is not None:
            start, place = before
        elif e < len(doc) and doc[e].lower_ == "in":
            j = e + 1
            if j < len(doc) and doc[j].lower_ in self.rules.determiners:
                j += 1
            if j < len(doc) and doc[j].lower_ in self.rules.direction_words:
                j += 1
            after = self._place_at(doc, j, forward=True)
            if after is not None:
                stop, place = after
        if place is None:
            return None
        if start > 0 and doc[start - 1].lower_ in self.rules.population_words:
            start -= 1
        sector = self.rules.population_sector

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, start, stop)
            m = state_mention(self.reg, place, a, b, text, "agent", suffix=sector)
            return m, f"people named by a demonym and the place they live in: population ({sector}) of {place}"

        return Proposal(start, stop, PRIORITY_COMPOSED, build, "population of a place")

    def _surname_only(self, doc: Doc, s: int, e: int, targets: list[Target]) -> bool:
        """One word that names people of several words ("Kim", "Sharif"): a surname, not a whole name."""
        if e - s != 1 or not targets or any(t.kind != "person" for t in targets):
            return False
        word = doc[s].text
        return all(len((p.name if (p := self.reg.person(t.entity_id)) else word).split()) > 1 for t in targets)

    def _by_surname(
        self, s: int, targets: list[Target], on: date, named_in_full: dict[str, int]
    ) -> tuple[Target | None, str]:
        """Who a bare surname is: the person named in full earlier, the only bearer, or the only one in office.

        Why so strict: a surname is shared across the world ("Kim", "Sharif",
        "Bush"). When several registry people bear it and none is named in
        full earlier, only an office held on the date tells them apart;
        giving the surname the old office of one of them ("nearest office")
        would code a stranger as that country's elite, so the mention stays
        unresolved with its reason.
        """
        earlier = [t for t in targets if named_in_full.get(t.entity_id, s) < s]
        if len(earlier) == 1:
            return earlier[0], f"surname of {earlier[0].entity_id}, named in full earlier in the document"
        pool = earlier or targets
        if len(pool) == 1:
            return pool[0], f"surname of {pool[0].entity_id}, the only person so named in the registry"
        in_office = [t for t in pool if self.reg.office(t.entity_id, on) is not None]
        if len(in_office) == 1:
            return in_office[0], f"surname of {in_office[0].entity_id}, the only one so named holding an office on {on}"
        names = ", ".join(t.entity_id for t in pool)
        if in_office:
            return None, f"surname only, ambiguous between {names} on {on}"
        return None, (f"surname only: none of {names} held an office on {on} and no full name is earlier in the "
                      "document")

    def _shared_office(self, targets: list[Target], on: date) -> tuple[str, str, str] | None:
        """(country, role, names) when every bearer of a surname in office holds an office of the same state and
        sector on the date ("Al Thani": the emir and the prime minister of Qatar are both QATGOV)."""
        offices = [(t.entity_id, self.reg.office(t.entity_id, on)) for t in targets]
        held = [(pid, o) for pid, o in offices if o is not None]
        if len(held) < 2 or any(not o.country for _pid, o in held):
            return None
        keys = {(o.country, o.role) for _pid, o in held}
        if len(keys) != 1:
            return None
        country, role = keys.pop()
        return country, role, ", ".join(pid for pid, _o in held)

    def _not_a_name(self, doc: Doc, s: int, e: int, targets: list[Target]) -> bool:
        """A one-word surname that is here a month, an ordinary word or part of a document's name.

        "In May" (a date), "May" as the modal verb, "the Abraham Accords": the
        surname of someone in the registry, but not that person. ``targets``: what the words name.
        """
        if e - s != 1:
            return False
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
        names = ", ".join(t.entity_id for t in targets)
        if start == s:
            stop = self._name_runs_on(doc, e, covered)
            if stop == e:
                return None

            def build_longer() -> tuple[ActorMention | None, str]:
                a, b, text = self._span(doc, s, stop)
                return (ActorMention(a, b, text, None, text, None, None, None, how="registry"),
                        f"{doc[s].text!r} opens a longer name that is none of {names}: another person")

            return Proposal(s, stop, PRIORITY_COMPOSED, build_longer, "other person")
        given = doc[start].text
        fits = [t for t in targets if self._given_name_fits(given, t.entity_id)]
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

    def _name_runs_on(self, doc: Doc, e: int, covered: set[int]) -> int:
        """Where a name that a known surname opens really ends ("Kim" in "Kim Jong Un", family name first).

        Capitalised words after the surname that NER keeps in the same person
        name, or proper nouns joined to it by a hyphen-free run, make a longer
        name; a title word, a known name or a verb stops the run.
        """
        stop = e
        while stop < len(doc) and stop - e < 3:
            tok = doc[stop]
            same_ent = tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I"
            if not (tok.is_alpha and tok.text[:1].isupper()) or stop in covered:
                break
            if tok.lower_ in self.m.title_words or tok.is_stop:
                break
            if not (same_ent or tok.tag_ == "NNP" and doc[stop - 1].tag_ == "NNP" and tok.dep_ in ("compound", "flat", "appos")
                    or tok.tag_ == "NNP" and doc[e - 1].dep_ == "compound" and doc[e - 1].head.i >= stop):
                break
            stop += 1
        return stop

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
        on: date, named: dict[int, int] | None = None, org_names: list[tuple[int, int, str]] = (),
    ) -> Proposal | None:
        j = end
        possessive = j < len(doc) and doc[j].text in self.rules.possessive
        if possessive:
            j += 1
        best: tuple[int, list[Term], int] | None = None
        participles = False
        for k in range(j, min(len(doc), j + self.rules.max_modifiers + 1)):
            if k > j:
                tok = doc[k - 1]
                # "Ithilen's awful and evil minister": adjectives joined by "and" or a comma are modifiers too
                joined = tok.lower_ in ("and", ",") and k - 2 >= j and doc[k - 2].pos_ == "ADJ" \
                    and doc[k].pos_ == "ADJ"
                # "Chilean U.N. Ambassador ...": an abbreviation with full stops is a modifier too
                abbreviation = tok.text.isupper() and tok.text.replace(".", "").isalpha() and "." in tok.text
                # "Moscow's acting envoy", "Russia's newly appointed ambassador": a participle modifying the noun
                participle = tok.tag_ in ("VBG", "VBN") and tok.dep_ == "amod"
                if not joined and not participle and (tok.pos_ not in self.rules.modifier_pos
                                                      or not (tok.is_alpha or abbreviation)):
                    break
                participles = participles or participle
            for e, info in terms_by_start.get(k, []):
                if best is None or e > best[0]:
                    best = (e, info, k)
        if best is None:
            return None
        e, info, ks = best
        if participles and doc[e - 1].lemma_.lower() not in self.rules.person_nouns:
            return None  # a participle qualifies a person ("acting envoy"), not a group ("warring factions")
        if any(j <= s2 < e <= e2 and country == target.entity_id for s2, e2, country in org_names):
            # "Sudan's Rapid Support Forces": the sector word ends the name of a group or body acting in that
            # state, which is the actor (the state stays a mention of its own), not the state's forces;
            # "Armenia's Security Council" is no UN organ (an organisation of no state) but Armenia's own
            return None
        term = self._former(doc, start, ks, info[0])
        petrarch = self.reg.has_dictionaries
        # PETRARCH: every agent between the actor and the head composes, in order ("Danish Islamist media"
        # DNKMUSMED, "West German world government activists" GMWGOVWGO)
        chain = self._agent_chain(doc, start, j, e, terms_by_start) if petrarch else []
        # "Fornost President Umbardacil", "Azerbaijani presidential aide Hikmat Hajiyev": a title before the
        # name of someone the registry does not know is the office of that state
        if (term.title or petrarch or any(t.title for t in info)) and e in (named or {}):
            # a word that is also a title ("ambassador") before a name: "Chilean Ambassador Matias Fernholz"
            e = (named or {})[e]
        elif not self._is_head(doc, e):
            if not petrarch:
                return None
            # PETRARCH codes the actor and its agents whatever noun heads the phrase ("the Calenardhon
            # government issue" CALGOV): the mention runs to that noun
            while e < len(doc) and doc[e].pos_ == "NOUN" and doc[e - 1].dep_ == "compound" and doc[e - 1].head.i >= e:
                e += 1
        how = "possessive" if possessive else "agent"

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, start, e)
            if len(chain) > 1:
                m, whys = None, []
                for t in chain:
                    m = self._compose(target if m is None else Target("dictionary", m.code or target.entity_id),
                                      t, a, b, text, how)
                    whys.append(f"{t.prefix}~{t.suffix}")
                return m, f"{target.kind} of {target.entity_id} + agents {' + '.join(whys)} (PETRARCH: each agent composes)"
            contingent = self._contingent(target.entity_id, term, on) if target.kind != "dictionary" else None
            if contingent:
                m, why = org_mention(self.reg, contingent, a, b, text, how, self.kind_sectors)
                return m, f"{target.kind} of {target.entity_id} + sector word ~{term.suffix}: its contingent; {why}"
            m = self._compose(target, term, a, b, text, how)
            return m, f"{target.kind} of {target.entity_id} + sector word ({term.prefix}~{term.suffix}, {term.source})"

        priority = PRIORITY_DICTIONARY_COMPOSED if target.kind == "dictionary" else PRIORITY_COMPOSED
        return Proposal(start, e, priority, build, "state + sector")

    def _sector_and_sector(
        self, doc: Doc, first: Proposal, start: int, end: int, target: Target,
        terms_by_start: dict[int, list[tuple[int, list[Term]]]], on: date,
    ) -> Proposal | None:
        """ "Danish media and government": a sector word coordinated right after "<state> <sector>" is of the
        same state (and, with PETRARCH dictionaries, carries the same agents before it: "the Danish Islamist
        media and government" DNKMUSGOV)."""
        k = first.end
        if k + 1 >= len(doc) or doc[k].lower_ != "and" or not terms_by_start.get(k + 1):
            return None
        e2, info2 = max(terms_by_start[k + 1], key=lambda h: h[0])
        if not self._is_head(doc, e2) or (e2 < len(doc) and doc[e2].lower_ in ("of", "from")):
            return None
        head = doc[e2 - 1]
        if head.dep_ != "conj" or not first.start <= head.head.i < first.end:
            return None
        j = end + 1 if end < len(doc) and doc[end].text in self.rules.possessive else end
        term = self._former(doc, start, k + 1, info2[0])
        # "Russian troops and rebels": the state's forces and those fighting them are not one side
        firsts = [i[0].suffix for st in range(j, first.end) for en, i in terms_by_start.get(st, []) if en == first.end]
        if not firsts or (firsts[0][:3] in ADVERSARY_SECTORS) != (term.suffix[:3] in ADVERSARY_SECTORS):
            return None
        chain = self._agent_chain(doc, start, j, first.end, terms_by_start) if self.reg.has_dictionaries else []
        chain = [*chain[:-1], term]

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, k + 1, e2)
            m = None
            for t in chain:
                m = self._compose(target if m is None else Target("dictionary", m.code or target.entity_id),
                                  t, a, b, text, "agent")
            if len(chain) == 1 and target.kind != "dictionary":
                contingent = self._contingent(target.entity_id, term, on)
                if contingent:
                    m, why = org_mention(self.reg, contingent, a, b, text, "agent", self.kind_sectors)
                    return m, f"sector word ~{term.suffix} coordinated after {doc[start:first.end].text!r}: its contingent; {why}"
            return m, (f"sector word ({term.prefix}~{term.suffix}) coordinated after {doc[start:first.end].text!r}: "
                       f"the same {target.kind} {target.entity_id}")

        priority = PRIORITY_DICTIONARY_COMPOSED if target.kind == "dictionary" else PRIORITY_COMPOSED
        return Proposal(k + 1, e2, priority, build, "state + sector and sector")

    def _agent_chain(self, doc: Doc, start: int, j: int, e: int,
                     terms_by_start: dict[int, list[tuple[int, list[Term]]]]) -> list[Term]:
        """The agent words from ``j`` up to ``e``, left to right, the longest at each place, none overlapping."""
        chain: list[Term] = []
        k = j
        while k < e:
            hits = terms_by_start.get(k, [])
            if hits:
                end2, info2 = max(hits, key=lambda h: h[0])
                if end2 <= e:
                    chain.append(self._former(doc, start, k, info2[0]))
                    k = end2
                    continue
            k += 1
        return chain

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
    ) -> list[Proposal]:
        if e >= len(doc) or doc[e].lower_ not in ("of", "from"):
            return []
        prep = doc[e].lower_
        if prep == "from" and not self._from_belongs(doc, s, e):
            return []
        k = e + 1
        if k < len(doc) and doc[k].lower_ in self.rules.determiners:
            k += 1
        if k not in state_at_start:
            return []
        end, target = state_at_start[k]
        if target.kind not in ("state", "dictionary"):
            return []
        term = self._former(doc, s, s, info[0])

        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, s, end)
            contingent = self._contingent(target.entity_id, term, on) if target.kind != "dictionary" else None
            if contingent:
                m, why = org_mention(self.reg, contingent, a, b, text, "agent", self.kind_sectors)
                return m, f"sector word ~{term.suffix} of state {target.entity_id}: its contingent; {why}"
            m = self._compose(target, term, a, b, text, "agent")
            return m, f"sector word ({term.prefix}~{term.suffix}, {term.source}) {prep} {target.kind} {target.entity_id}"

        priority = PRIORITY_DICTIONARY_COMPOSED if target.kind == "dictionary" else PRIORITY_COMPOSED
        return [Proposal(s, end, priority, build, "sector of state"),
                *self._coordinated(doc, s, e, end, term, state_at_start, target.entity_id, prep)]

    @staticmethod
    def _from_belongs(doc: Doc, s: int, e: int) -> bool:
        """ "<sector> from <state>" names the state's people ("troops from Russia") only where the parse
        attaches "from" to the sector words themselves, and they are neither someone's ("its ambassador
        from Georgia") nor the object of a verb that moves them ("withdrew troops from Syria")."""
        head = doc[e].head
        if not s <= head.i < e or head.dep_ in ("dobj", "obj"):
            return False
        return not any(c.dep_ == "poss" for c in head.children) and not any(
            doc[i].dep_ == "poss" or doc[i].tag_ in ("PRP$", "POS") for i in range(s, e))

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
        own = {w for t in targets if (person := self.reg.person(t.entity_id))
               for o in person.offices for w in o.title.lower().split()}
        # the matchers' title words hold every office of the registry already: copied only when one is new
        words = self.m.title_words if own <= self.m.title_words else self.m.title_words | own
        start = s
        while start > 0:
            tok = doc[start - 1]
            if tok.lower_ != "of" and tok.lower_ in words and not tok.is_stop and (tok.is_title or tok.is_upper):
                start -= 1
                continue
            if tok.lower_ == "of" and start - 2 >= 0 and doc[start - 2].lower_ in words and doc[start - 2].is_title:
                start -= 1
                continue
            if self._title_of_the(doc, start - 1, words):
                start -= 2  # "Speaker of the National Assembly Alen Simonyan": over "of the" to the title word
                continue
            if start in state_at_end:
                start = state_at_end[start][0]
                if self._title_of_the(doc, start - 1, words) or (
                        start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in words
                        and doc[start - 2].is_title):
                    continue  # "Speaker of the United States House of Representatives Nancy Pelosi"
                break
            if tok.text in self.rules.possessive and (start - 1) in state_at_end:
                start = state_at_end[start - 1][0]
                break
            break
        if not self._reached_state(doc, start, state_at_end):
            # "Armenia's defence minister Suren Papikyan": lower-case title words belong to the
            # person's mention only when a country word (possessive or adjective) stands before them
            k = s
            while k > 0 and doc[k - 1].lower_ != "of" and doc[k - 1].lower_ in words and not doc[k - 1].is_stop:
                k -= 1
            if k < s and k in state_at_end:
                start = state_at_end[k][0]
            elif k < s and k > 0 and doc[k - 1].text in self.rules.possessive and (k - 1) in state_at_end:
                start = state_at_end[k - 1][0]
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

    def _title_of_the(self, doc: Doc, i: int, words: frozenset[str]) -> bool:
        """``doc[i]`` is the article of "<Title> of the <...>": a title word before "of", all three inside a title."""
        return (i >= 2 and doc[i].lower_ in self.rules.determiners and doc[i - 1].lower_ == "of"
                and doc[i - 2].lower_ in words and doc[i - 2].is_title and not doc[i - 2].is_stop)

    @staticmethod
    def _reached_state(doc: Doc, start: int, state_at_end: dict[int, tuple[int, Target]]) -> bool:
        """The walk left stopped on a country word: ``start`` begins one of the state forms."""
        return any(st == start for st, _t in state_at_end.values())

    def _dictionary(self, doc: Doc, s: int, e: int, phrase: str, on: date) -> Proposal:
        def build() -> tuple[ActorMention | None, str]:
            a, b, text = self._span(doc, s, e)
            return dictionary_mention(self.reg, phrase, on, a, b, text)

        return Proposal(s, e, PRIORITY_DICTIONARY, build, "dictionary")
