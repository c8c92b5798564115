"""Small, rule-based coreference for actors: precision over recall.

Only the forms listed in ``actor_rules.yaml`` are resolved, and only to an antecedent
in the same sentence (before the form) or in the ``coref_window`` sentences
before it (organisation descriptions alone may reach further back, see
below). When the rules below find no single fitting antecedent the form is
left alone: a missing actor costs less than a wrong one in event data.

- "the alliance", "the bloc", "the organisation": the nearest organisation of a
  fitting kind (alliance; bloc or alliance; any). With none in the window, the
  organisation the story is about: the one fitting organisation named earlier
  in the document, or, with several, the most recently named one if no other
  fitting organisation is named more often (else nothing). A nearest
  organisation named only once in the whole document, and not as a subject
  ("an expert at an institute of CIS studies"), gives way to the organisation
  the story is about: the one named most often (at least twice) and earlier
  than the words. "members of the bloc" is the bloc too; "the bloc of
  <gerund>" ("accused members of the bloc of planning a war") is not an "of"
  complement of the words.
- "the military bloc", "the security alliance": as "the bloc", "the alliance".
- "the country", "the nation", "the republic": the state last *named* - a
  state's name, adjective or people ("Armenia", "Armenians"), its capital
  standing for it, a person holding an office of it, or an agent placed in
  it ("protesters in Yerevan"), but not an agent of a country word (in
  "an American official ever to visit the country" the country is not the
  official's) - skipping names used as a hyphenated modifier ("the
  Moscow-led alliance"); coded as the bare state. "the nation" only as a
  subject or possessor ("spoke to the nation" is the audience). When the
  state last named no longer existed on the document's date (the Soviet
  Union in a 2022 text) the words are left alone. Passed over: the state
  whose name, capital or organ is the subject of the clause the words are the
  object of ("Washington wanted to support the country"), and in reported
  speech the speaker's own country when the speaker is a visitor (a person of
  another state than the story's); with no clear story state and another
  state named near the words, the speaker's country leaves them alone.
- "she", "he" as a subject: the nearest earlier person (in the window) whose
  gender the text or the rules tell ("Ms Pelosi", a given name listed under
  ``female_words``/``male_words``), skipping people of the other gender; a
  nearer person of unknown gender stops the search, and so does a fitting
  person the registry does not know. When one person only is named in the
  window (known to the registry, of whatever gender), the pronoun is that
  person: there is no other it could stand for. With no person before it in
  its own sentence and one person only named in the sentence before ("This
  is Sharif's third visit. He had ..."), the pronoun is that person (unless
  the text gives them the other gender).
- "the president", "the prime minister", "the minister", "the speaker": the
  nearest person (in the window) whose office *on the document's date* has
  that word in its title; failing that, the last such person named earlier in
  the document ("Baku has not commented on the speaker's claim" paragraphs
  after the speaker was named); failing that, the one holder of such an
  office in the country of the nearest state-bearing mention. Not when the
  words name the office itself: "the Speaker's gavel" (``office_objects``).
- "it" as a subject, never when expletive or predicative: "it is unclear
  whether", "it seems", "it appears", "it is/was" + an adjective or a noun
  phrase ("by any measure it is modest", "it was a decoy", "it is not a
  guarantee"; ``copulas``, ``raising_verbs``), "made it plain that". An
  attitude of the subject ("the ministry said it was concerned";
  ``subject_adjectives``, past participles) is not predicative. Otherwise:
  1. "X said it ...": the speaker of the verb of saying the clause depends on,
     before any other candidate; more generally the subject of the nearest
     clause above the one of "it" ("Armenia invoked the treaty, and it
     asked"; "Russia withdrew the troops it had sent": relative clauses are
     passed over, a relative pronoun stands for its noun);
  2. "it" heading its sentence's main clause: the subject of a clause before it
     in the sentence, else of the previous sentence's main clause.
  The subject must be an actor that "it" can stand for (a state, an
  organisation, a capital or a state organ; not a person) and singular ("Baku
  and Moscow", "Russian peacekeepers" are not "it"). A singular noun-phrase
  subject that is not an actor between it and "it" ("their vehicle came under
  fire as it returned") blocks the resolution, and so, except for a speaker,
  does another state or organisation named in between ("Armenia asked the
  CSTO to intervene, but so far it has sent ..."). Else "it" is left alone.
- "<State>'s [modifiers] ally" ("Moscow's ally", "Russia's wavering ally"): the
  nearest earlier state (in the window, or in the same sentence before it) that
  shares an organisation of an ``ally_kinds`` kind with <State> on the date.
  The whole phrase becomes one mention.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from spacy.attrs import SENT_START
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..memo import MEMO_SIZE, Memo
from ..nlp.word_index import positions_of
from ..records import ActorMention
from .model import Person
from .registry import Registry
from .rules import Description, Rules


_SUBJECTS = ("nsubj", "nsubjpass")
_CLAUSES = ("advcl", "ccomp", "conj", "parataxis", "csubj")
_FINITE = ("ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj")


def story_state(reg: Registry, rules: Rules, found: list["Found"], on: date) -> str | None:
    """The state the story is about: the one with the most resolved mentions (descriptions and pronouns not
    counted), at least ``story_state_min`` of them and ``story_state_lead`` times as many as the next state."""
    counts: Counter = Counter()
    for f in found:
        m = f.mention
        if not m.resolved or not m.country or m.how == "coref":
            continue
        st = reg.state(m.country)
        if st is None or not st.exists(on):
            continue
        counts[st.id] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common()
    second = rest[0][1] if rest else 0
    if n < rules.story_state_min or n < rules.story_state_lead * second:
        return None
    return top


@dataclass(frozen=True)
class Found:
    """A chosen mention with its token span and reason (the component's working record)."""

    start: int
    end: int
    mention: ActorMention
    why: str


class Coref:
    def __init__(self, vocab: Vocab, tokenizer, reg: Registry, rules: Rules) -> None:  # noqa: ANN001
        self.reg = reg
        # (title word, date, country) -> holders: a scan of the people bearing the title, asked again
        # and again for the same publication date; the registry is fixed once built
        self._holders: Memo[tuple[str, date, str], list] = Memo(MEMO_SIZE)
        self._title_bearers: dict[str, list[Person]] = {}  # title word -> people (see _titled)
        self.rules = rules
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.desc: dict[int, Description] = {}
        for d in rules.descriptions:
            key = "C:" + d.text
            self.desc[vocab.strings.add(key)] = d
            self.matcher.add(key, [tokenizer(d.text)])
        for d in rules.descriptions:  # the title words of offices, read once here rather than in a document
            if d.wants == "office":
                self._titled(d.title)

    # ---------------------------------------------------------------- helpers
    def _titled(self, word: str) -> list[Person]:
        """The people any of whose offices, at any date, has ``word`` in its title, in the registry's order."""
        if word not in self._title_bearers:
            low = word.lower()
            self._title_bearers[word] = [p for p in self.reg.people.values()
                                         if any(low in o.title.lower() for o in p.offices)]
        return self._title_bearers[word]

    @staticmethod
    def _sent_index(doc: Doc) -> list[int]:
        """The number of every token's sentence.

        Read from spaCy's ``SENT_START`` column, cut as ``doc.sents`` cuts it (the first token opens a
        sentence, then every token flagged 1), without building a span per sentence.
        """
        if "sents" in doc.user_hooks or not len(doc):
            idx = [0] * len(doc)
            for i, sent in enumerate(doc.sents):
                for t in range(sent.start, sent.end):
                    idx[t] = i
            return idx
        opens = doc.to_array(SENT_START) == 1
        opens[0] = False
        return np.cumsum(opens).tolist()

    def _window(self, found: list[Found], sidx: list[int], start: int) -> list[Found]:
        """Antecedent candidates before ``start``, nearest first."""
        here = sidx[start]
        return sorted(
            (f for f in found if f.end <= start and here - sidx[f.start] <= self.rules.coref_window
             and f.mention.resolved),
            key=lambda f: -f.start,
        )

    def _is_state(self, f: Found) -> bool:
        m = f.mention
        return m.country is not None and m.person is None and m.entity_id == m.country and m.role is None

    def _is_org(self, f: Found) -> bool:
        return f.mention.org is not None and f.mention.person is None and f.mention.entity_id == f.mention.org

    def _as(self, f: Found, start: int, end: int, doc: Doc, why: str, bare_state: bool = False) -> Found:
        span = doc[start:end]
        m = f.mention
        if bare_state and m.country:
            st = self.reg.state(m.country)
            m = ActorMention(
                0, 0, "", st.cameo if st else m.country, st.name if st else m.country, m.country, None, None,
                entity_id=m.country,
            )
        new = replace(
            m, start=span.start_char, end=span.end_char, text=span.text, how="coref",
            antecedent=(f.mention.start, f.mention.end), label=None,
        )
        return Found(start, end, new, f"coref: {why} -> {f.mention.text!r} ({f.mention.code})")

    # ------------------------------------------------------------------ rules
    def resolve(self, doc: Doc, found: list[Found], on: date, ents: tuple[Span, ...] | None = None) -> list[Found]:
        """Mentions that stand for earlier ones (``ents``: the doc's entities when already read)."""
        if not doc.has_annotation("SENT_START") or not found:
            return []
        if ents is None:
            ents = doc.ents
        sidx = self._sent_index(doc)
        covered = {i for f in found for i in range(f.start, f.end)}
        unknown: list[Found] | None = None  # the unknown people, found at the first "he" or "she"
        out: list[Found] = []
        out.extend(self._allies(doc, found, sidx, covered, on))
        covered |= {i for f in out for i in range(f.start, f.end)}
        out.extend(self._sovereign_its(doc, [*found, *out], covered))
        covered |= {i for f in out for i in range(f.start, f.end)}
        for mid, s, e in [*self.matcher(doc), *self._modified(doc, covered)]:
            if not covered.isdisjoint(range(s, e)):
                continue
            d = self.desc[mid]
            if d.deps and doc[e - 1].dep_ not in d.deps:
                continue  # "spoke to the nation": the audience, not the state
            # "the president of France" is composed elsewhere; "the country's" is fine. A gerund after
            # "of" belongs to the verb, not to the words: "accused members of the bloc of planning a war".
            if e < len(doc) and doc[e].lower_ == "of" and not (e + 1 < len(doc) and doc[e + 1].tag_ == "VBG"):
                continue
            # "the alliance NATO", "the country Armenia", "He (Blinken)": the words are named already.
            if e < len(doc) and (doc[e].pos_ == "PROPN" or doc[e].text == "("):
                continue
            cands = self._window(found, sidx, s)
            hit: Found | None = None
            if d.wants == "organisation":
                hit = next((f for f in cands if self._is_org(f) and self._org_fits(f, d)), None)
                topic = self._topic_over_passing(doc, found, hit, s, e, d) if hit else None
                if topic:
                    out.append(topic)
                elif hit:
                    out.append(self._as(hit, s, e, doc, f"{d.text!r} = nearest fitting organisation"))
                else:
                    f2 = self._story_organisation(doc, found, s, e, d)
                    if f2:
                        out.append(f2)
            elif d.wants == "state":
                skip, stop = self._not_the_country(doc, [*found, *out], s, e, on)
                hit = next((f for f in cands if self._names_state(doc, f) and f.mention.country not in skip
                            and (not d.states or f.mention.country in d.states)), None)
                if hit and not self._exists(hit, on):
                    continue  # "part of the Soviet Union ... the country": a state gone by the date stops the search
                if hit and hit.mention.country in stop and any(
                        self._names_state(doc, f) and f.mention.country != hit.mention.country for f in cands):
                    continue  # the speaker's own country or the other one named: unclear, left alone
                if hit:
                    out.append(self._as(hit, s, e, doc, f"{d.text!r} = the state last named", bare_state=True))
            elif d.wants == "pair":
                out.extend(self._pair(doc, found, sidx, s, e))
            elif d.wants == "person":
                if unknown is None:
                    unknown = self._unknown_people(found, ents)
                f2 = self._person_pronoun(doc, found, sidx, s, e, d, unknown)
                if f2:
                    out.append(f2)
            elif d.wants == "office":
                if e + 1 < len(doc) and doc[e].text in self.rules.possessive \
                        and doc[e + 1].lower_ in self.rules.office_objects:
                    continue  # "the Speaker's gavel": the office, not its holder
                f2 = self._office(doc, cands, found, d, s, e, on)
                if f2:
                    out.append(f2)
            elif d.wants == "pronoun":
                f2 = self._pronoun(doc, found, out, sidx, s, e)
                if f2:
                    out.append(f2)
        return out

    def _pair(self, doc: Doc, found: list[Found], sidx: list[int], s: int, e: int) -> list[Found]:
        """ "Both parties", "the two sides": the two actors last named together ("talks between the army and the
        rebels collapsed ... urged both parties to return"), one mention of each over the words."""
        verb = doc[e - 1]
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        # the actors of the clause itself are not the sides it speaks of ("X and Y urged both parties")
        own = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        cands = [f for f in self._window(found, sidx, s) if own.isdisjoint(range(f.start, f.end))]
        by_token = {i: f for f in cands for i in range(f.start, f.end)}
        for second in cands:  # nearest first
            tok = doc[second.end - 1]
            while tok.dep_ != "conj" and tok.head.i != tok.i and second.start <= tok.head.i < second.end:
                tok = tok.head  # up to the head of the second mention's words
            if tok.dep_ != "conj":
                continue
            first = by_token.get(tok.head.i)
            if first is None or first is second or first.mention.code == second.mention.code:
                continue
            return [self._as(first, s, e, doc, f"{doc[s:e].text!r} = the two sides last named together"),
                    self._as(second, s, e, doc, f"{doc[s:e].text!r} = the two sides last named together")]
        return []

    _CLAUSE_UP = ("advcl", "ccomp", "xcomp", "conj", "relcl", "pcomp", "acl", "prep")

    def _sovereign_its(self, doc: Doc, found: list[Found], covered: set[int]) -> list[Found]:
        """ "its airspace", "its waters": the state holding the space.

        It is the first singular state or organisation that is the subject of
        the clause holding the noun or of a clause that clause depends on;
        plural subjects (the drones, the jets that entered) cannot be "its"
        and are stepped over. Only before the nouns of ``sovereign_nouns``:
        elsewhere "its" may as well be an object named before it.
        """
        out: list[Found] = []
        if not self.rules.sovereign_nouns:
            return out
        at = self._actor_tokens(found)
        for i in positions_of(doc, ("its",)):
            tok = doc[i]
            if tok.dep_ != "poss" or tok.i in covered \
                    or tok.head.lemma_.lower() not in self.rules.sovereign_nouns:
                continue
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            for _ in range(6):
                hit = None
                for subj in (c for c in verb.children if c.dep_ in _SUBJECTS):
                    f = at.get(subj.i)
                    if f is not None and self._it_fits(f) and self._singular(f, subj) and subj.tag_ not in ("NNS", "NNPS"):
                        hit = f
                if hit is not None:
                    out.append(self._as(hit, tok.i, tok.i + 1, doc, "'its' before a state's space = the subject of its clause"))
                    break
                if verb.dep_ not in self._CLAUSE_UP or verb.head.i == verb.i:
                    break
                verb = verb.head
        return out

    def _modified(self, doc: Doc, covered: set[int]) -> list[tuple[int, int, int]]:
        """Organisation descriptions with modifiers between "the" and the head:
        "the U.S.-led Western military alliance", "the 32-member bloc". Each is
        read as the plain description of its head ("the alliance"); names inside
        the modifiers ("U.S.") stay mentions of their own."""
        heads = {d.text.split()[-1]: key for key, d in self.desc.items()
                 if d.wants == "organisation" and len(d.text.split()) == 2 and d.text.split()[0] == "the"}
        out = []
        for i in positions_of(doc, heads):
            tok = doc[i]
            key = heads[tok.lower_]
            if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            dets = [c for c in tok.lefts if c.dep_ == "det" and c.lower_ == "the"]
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "nummod")]
            if not dets or not mods:
                continue
            start = dets[0].i
            if any(i in covered for i in (start, tok.i)):
                continue
            out.append((key, start, tok.i + 1))
        return out

    def _topic_over_passing(self, doc: Doc, found: list[Found], hit: Found, s: int, e: int,
                            d: Description) -> Found | None:
        """The story's organisation instead of one named once in passing ("an institute of CIS studies").

        When the nearest fitting organisation is named only once in the whole
        document, and not as a subject, while another fitting organisation is
        named more often than any other (at least twice) and earlier than the
        words, the words are taken to be that one: the story's topic.
        """
        if doc[hit.end - 1].dep_ in _SUBJECTS:
            return None
        counts: dict[str, int] = {}
        for f in found:
            if f.mention.resolved and self._is_org(f) and self._org_fits(f, d):
                counts[f.mention.org or ""] = counts.get(f.mention.org or "", 0) + 1
        if counts.get(hit.mention.org or "", 0) != 1:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, n = ranked[0]
        if top == hit.mention.org or n < 2 or (len(ranked) > 1 and ranked[1][1] == n):
            return None
        last = max((f for f in found if f.end <= s and f.mention.resolved and f.mention.org == top
                    and self._is_org(f)), key=lambda f: f.start, default=None)
        if last is None:
            return None
        return self._as(last, s, e, doc, f"{d.text!r} = the organisation the story is about (named {n} times), "
                                         f"not {hit.mention.text!r}, named once in passing")

    def _not_the_country(self, doc: Doc, found: list[Found], s: int, e: int, on: date) -> tuple[set[str], set[str]]:
        """States "the country" cannot be (skip) or may not safely be (stop) here.

        - the state whose name, capital or organ is the subject of the clause
          the words are the object of ("Washington wants to support the
          country": another country);
        - in reported speech or a quote, the speaker's own country when the
          speaker is a visitor - a person of another state than the story's
          ("Pelosi said Washington would stand by the country"); when the
          story has no clear state and another state is named near the
          words, the speaker's country stops the search (left alone).
        """
        at = self._actor_tokens(found)
        skip: set[str] = set()
        stop: set[str] = set()
        x = doc[e - 1]
        if x.dep_ not in _SUBJECTS:
            while x.head.i != x.i and x.dep_ not in _FINITE:
                p = x.head
                subj = next((c for c in p.children if c.dep_ in _SUBJECTS), None)
                if subj is not None:
                    f = at.get(subj.i)
                    if f is not None and f.mention.country and not f.mention.person:
                        skip.add(f.mention.country)
                    break
                x = p
        sent = doc[s].sent
        speakers = [at.get(c.i) for t in sent if t.lemma_.lower() in self.rules.speech_verbs
                    for c in t.children if c.dep_ in _SUBJECTS]
        countries = {f.mention.country for f in speakers if f is not None and f.mention.person and f.mention.country}
        if countries:
            story = story_state(self.reg, self.rules, found, on)
            for c in countries:
                if story is None:
                    stop.add(c)
                elif c != story:
                    skip.add(c)
        return skip, stop

    def _names_state(self, doc: Doc, f: Found) -> bool:
        """The mention names a state: its name, adjective or people, its capital, or a person holding one of its offices.

        Not an agent ("the most senior American official ever to visit the
        country": the country is not the official's).
        """
        m = f.mention
        if not m.country:
            return False
        if f.end < len(doc) and doc[f.end].text == "-" and doc[f.end - 1].whitespace_ == "":
            return False  # "the Moscow-led alliance", "the Armenia-Azerbaijan border"
        if f.start > 0 and doc[f.start - 1].text == "-" and doc[f.start - 1].whitespace_ == "":
            return False
        if (m.person and m.how != "agent" and self.reg.person(m.entity_id or "") is not None) \
                or f.why.startswith("sector in"):
            return True  # a person of the state, or "protesters in Yerevan": the place is named
        if m.how == "metonym":
            st = self.reg.state(m.country)
            return st is not None and st.capital == m.text
        return self._is_state(f)

    def _exists(self, f: Found, on: date) -> bool:
        st = self.reg.state(f.mention.country or "")
        return st is None or st.exists(on)

    def _gender(self, doc: Doc, f: Found, found: list[Found]) -> str | None:
        """'f', 'm' or None: from an honorific before any mention of the same person, or a listed given name."""
        m = f.mention
        same = [g for g in found if g.mention.entity_id == m.entity_id] if m.entity_id else [f]
        words: list[str] = []
        for g in same:
            if g.start > 0:
                words.append(doc[g.start - 1].lower_)
            words.extend(t.lower_ for t in doc[g.start:g.end])
        if m.person:
            words.extend(w.lower() for w in m.person.split()[:-1])
        fem = any(w in self.rules.female_words for w in words)
        mal = any(w in self.rules.male_words for w in words)
        if fem == mal:
            return None
        return "f" if fem else "m"

    @staticmethod
    def _unknown_people(found: list[Found], ents: tuple[Span, ...]) -> list[Found]:
        """The PERSON entities outside every mention: names the registry does not know."""
        taken = {i for f in found for i in range(f.start, f.end)}
        return [
            Found(ent.start, ent.end, ActorMention(ent.start_char, ent.end_char, ent.text, None, ent.text, None, None,
                                                   None, how="ner", label="PERSON"), "NER person")
            for ent in ents
            if ent.label_ == "PERSON" and taken.isdisjoint(range(ent.start, ent.end))
        ]

    def _person_pronoun(self, doc: Doc, found: list[Found], sidx: list[int], s: int, e: int,
                        d: Description, unknown: list[Found]) -> Found | None:
        """ "He", "she": the person it stands for; names the registry does not know (``unknown``, from
        :meth:`_unknown_people`) count as people too, so that they stop the search."""
        tok = doc[s]
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        want = "f" if d.text == "she" else "m"
        here = sidx[s]
        people = sorted(
            (f for f in [*found, *unknown] if f.end <= s and here - sidx[f.start] <= self.rules.coref_window
             and (f.mention.person or f.mention.label == "PERSON")),
            key=lambda f: -f.start,
        )
        distinct = {f.mention.entity_id or f.mention.person or f.mention.text for f in people}
        # no person before the pronoun in its own sentence and one person only in the sentence before: the story
        # has just been about that person ("... Sharif's third visit. He had already visited ...")
        before = [f for f in people if sidx[f.start] == here - 1]
        if people and sidx[people[0].start] == here - 1 and before[0].mention.resolved \
                and len({f.mention.entity_id or f.mention.person or f.mention.text for f in before}) == 1 \
                and self._gender(doc, before[0], found) in (None, want):
            return self._as(before[0], s, e, doc, f"{d.text!r} = the only person named in the sentence before")
        for f in people:
            gender = self._gender(doc, f, found)
            if gender is None:
                if len(distinct) == 1 and f.mention.resolved:
                    # the only person named in the window: no other the pronoun could stand for
                    return self._as(f, s, e, doc, f"{d.text!r} = the only person named before it")
                return None  # a person of unknown gender in between: leave the pronoun alone
            if gender != want:
                continue
            if not f.mention.resolved:
                return None  # the person is not in the registry
            return self._as(f, s, e, doc, f"{d.text!r} = the last person named, of fitting gender")
        return None

    def _story_organisation(self, doc: Doc, found: list[Found], s: int, e: int, d: Description) -> Found | None:
        """No fitting organisation in the window: the one the story is about, named earlier in the document.

        The fitting organisations named anywhere before the words are counted;
        with one, it is taken; with several, the most recently named one is
        taken only when it is also named at least as often as each other one
        (the story's organisation). Otherwise the words are left alone.
        """
        earlier = [f for f in found if f.end <= s and f.mention.resolved and self._is_org(f) and self._org_fits(f, d)]
        if not earlier:
            return None
        counts: dict[str, int] = {}
        for f in earlier:
            counts[f.mention.org or ""] = counts.get(f.mention.org or "", 0) + 1
        last = max(earlier, key=lambda f: f.start)
        org = last.mention.org or ""
        if len(counts) > 1 and any(n > counts[org] for k, n in counts.items() if k != org):
            return None
        why = (f"{d.text!r} = the only fitting organisation named earlier in the document" if len(counts) == 1 else
               f"{d.text!r} = the most recent fitting organisation, named most often in the document")
        return self._as(last, s, e, doc, why)

    def _org_fits(self, f: Found, d: Description) -> bool:
        if not d.kinds:
            return True
        org = self.reg.organisation(f.mention.org or "")
        return org is not None and org.kind in d.kinds

    def _office(self, doc: Doc, cands: list[Found], found: list[Found], d: Description, s: int, e: int,
                on: date) -> Found | None:
        earlier = sorted((f for f in found if f.end <= s and f.mention.resolved), key=lambda f: -f.start)
        for group, where in ((cands, "nearest person"), (earlier, "last person named in the document")):
            for f in group:
                m = f.mention
                if m.person and m.entity_id:
                    office = self.reg.office(m.entity_id, on)
                    if office and d.title in office.title.lower():
                        return self._as(f, s, e, doc, f"{d.text!r} = {where} whose office on {on} is {office.title}")
        country = next((f.mention.country for f in cands if f.mention.country), None)
        if country:
            key = (d.title, on, country)
            holders = self._holders.get(key)
            if holders is None:
                holders = self._holders.answer(
                    key, lambda: self.reg.holders(d.title, on, country, among=self._titled(d.title)))
            if d.title == "minister":
                holders = [p for p in holders if not any(
                    "prime minister" in o.title.lower() for o in p.offices_on(on) if o.country == country)]
            if len(holders) == 1:
                p = holders[0]
                office = self.reg.office(p.id, on)
                st = self.reg.state(country)
                span = doc[s:e]
                code = f"{st.cameo if st else country}{office.role if office else 'GOV'}"
                m = ActorMention(
                    span.start_char, span.end_char, span.text, code, p.name, country, None,
                    office.role if office else "GOV", entity_id=p.id, person=p.name, how="coref",
                )
                return Found(s, e, m, f"coref: {d.text!r} = the {d.title} of {country} on {on} ({p.name})")
        return None

    # ------------------------------------------------------------------ "it"
    def _pronoun(self, doc: Doc, found: list[Found], done: list[Found], sidx: list[int], s: int,
                 e: int) -> Found | None:
        """Subject "it": the speaker or subject of the clause before it, or nothing (see the module notes)."""
        tok = doc[s]
        if tok.dep_ not in _SUBJECTS or self._expletive(tok) or self._predicative(tok):
            return None
        at = self._actor_tokens([*found, *done])
        gov = self._governing_subject(tok)
        if gov is not None:
            subj, verb = gov
            speech = verb.lemma_.lower() in self.rules.speech_verbs
            why = ("subject 'it' = the speaker of the verb of saying it depends on" if speech
                   else "subject 'it' = the subject of the clause it depends on")
            return self._to_subject(doc, at, subj, s, e, why, rivals=not speech)
        subj = self._previous_clause_subject(doc, tok, sidx)
        if subj is None:
            return None
        return self._to_subject(doc, at, subj, s, e, "subject 'it' = the subject of the previous clause", rivals=True)

    @staticmethod
    def _actor_tokens(found: list[Found]) -> dict[int, Found]:
        at: dict[int, Found] = {}
        for f in sorted(found, key=lambda f: f.end - f.start):
            for i in range(f.start, f.end):
                at.setdefault(i, f)
        return at

    def _to_subject(self, doc: Doc, at: dict[int, Found], subj, s: int, e: int, why: str,  # noqa: ANN001
                    rivals: bool) -> Found | None:
        """``subj`` (a subject token) when it is a fitting, singular actor and nothing between it and "it" competes."""
        f = at.get(subj.i)
        if f is None or not self._it_fits(f) or not self._singular(f, subj):
            return None
        key = self._key(f)
        for t in doc[f.end:s]:
            g = at.get(t.i)
            if t.dep_ in _SUBJECTS and t.i != subj.i:
                if g is not None and (self._key(g) == key or not self._it_fits(g)):
                    continue  # the same actor again, or a person
                if g is None and (t.ent_type_ == "PERSON" or t.pos_ not in ("NOUN", "PROPN")
                                  or t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children)):
                    continue  # a person, a pronoun or a plural: does not stand for "it"
                if g is None or rivals:
                    return None  # "The vehicle came under fire as it returned": a thing between
            elif rivals and g is not None and g.start == t.i and self._it_fits(g) and self._key(g) != key \
                    and doc[g.end - 1].dep_ not in ("amod", "compound") and self._singular(g, doc[g.end - 1]):
                return None  # another state or organisation named in between: "it" could be either
        return self._as(f, s, e, doc, why)

    def _it_fits(self, f: Found) -> bool:
        """An actor "it" can stand for: a state, an organisation or a state organ; never a person."""
        m = f.mention
        return m.resolved and m.person is None and m.label != "PERSON"

    @staticmethod
    def _key(f: Found) -> str:
        m = f.mention
        return m.org or m.country or m.code or ""

    def _singular(self, f: Found, tok) -> bool:  # noqa: ANN001
        if any(c.dep_ == "conj" for c in tok.children):
            return False  # "Baku and Moscow"
        if self._is_org(f) or f.mention.how == "metonym":
            return True
        if self._is_state(f):
            st = self.reg.state(f.mention.country or "")
            return st is None or tok.lower_ not in {d.lower() for d in st.demonyms}
        return tok.tag_ not in ("NNS", "NNPS")  # "Russian peacekeepers", "Armenian units"

    def _governing_subject(self, tok):  # noqa: ANN001, ANN205
        """The subject of the nearest clause above the one "it" is the subject of, with that clause's verb.

        Relative clauses are passed over to the clause of the noun they modify
        ("the peacekeepers it had deployed": the subject of "withdraw"); a
        relative pronoun stands for that noun ("the Kremlin, which has said it
        ..."); an expletive "it" is passed over ("made it plain that it ...").
        """
        x = tok.head
        while x.head.i != x.i:
            p = x.head
            subj = next((c for c in p.children if c.dep_ in _SUBJECTS and c.i != x.i), None)
            if subj is not None and p.pos_ in ("VERB", "AUX", "ADJ"):
                if subj.lower_ == "it" and (self._expletive(subj) or self._predicative(subj)):
                    x = p
                    continue
                if subj.tag_ in ("WDT", "WP") and p.dep_ == "relcl":
                    subj = p.head
                return subj, p
            x = p
        return None

    def _previous_clause_subject(self, doc: Doc, tok, sidx: list[int]):  # noqa: ANN001, ANN205
        """'It' heading its sentence's main clause: the subject of a clause before it in the sentence, else of the
        previous sentence's main clause (its root or a clause joined to it); nothing when these disagree."""
        sent = tok.sent
        head = tok.head
        before = [c for c in head.children if c.i < tok.i and c.dep_ in _CLAUSES]
        subjects = [t for c in before for t in c.children if t.dep_ in _SUBJECTS]
        if not before:
            if sidx[tok.i] == 0:
                return None
            prev = doc[sent.start - 1].sent
            root = prev.root
            clauses = [root, *(c for c in root.children if c.dep_ in ("conj", "parataxis"))]
            subjects = [t for c in clauses for t in c.children if t.dep_ in _SUBJECTS]
        subjects = [t.head.head if t.tag_ in ("WDT", "WP") and t.head.dep_ == "relcl" else t for t in subjects]
        if not subjects:
            return None
        if len({t.lower_ for t in subjects}) > 1:
            return None  # two main clauses with different subjects: which one is meant is unclear
        return max(subjects, key=lambda t: t.i)

    def _expletive(self, tok) -> bool:  # noqa: ANN001
        """'It is unclear whether...', 'it seems that...': the clause is the real subject."""
        head = tok.head
        if head.lemma_.lower() not in self.rules.expletive_heads:
            return False
        clausal = ("ccomp", "xcomp", "csubj")
        if any(c.dep_ in clausal for c in head.children):
            return True
        return any(g.dep_ in clausal for c in head.children if c.dep_ in ("acomp", "attr") for g in c.children)

    def _predicative(self, tok) -> bool:  # noqa: ANN001
        """'By any measure it is modest', 'it was a decoy', 'it seems', 'made it plain': never an actor."""
        head = tok.head
        lemma = head.lemma_.lower()
        if head.pos_ == "ADJ" or lemma in self.rules.raising_verbs:
            return True
        if lemma not in self.rules.copulas:
            return False
        for c in head.children:
            if c.dep_ == "attr":
                return True
            if c.dep_ == "acomp" and c.tag_ != "VBN" and c.lower_ not in self.rules.subject_adjectives:
                return True
        return False

    def _allies(self, doc: Doc, found: list[Found], sidx: list[int], covered: set[int], on: date) -> list[Found]:
        out: list[Found] = []
        by_end = {f.end: f for f in found}
        for i in positions_of(doc, self.rules.ally_words):
            if i in covered:
                continue
            # Walk left over modifiers to the possessive marker.
            j = i
            while j > 0 and (doc[j - 1].pos_ == "ADJ" or doc[j - 1].tag_ in ("VBG", "VBN")) \
                    and i - j < self.rules.max_modifiers:
                j -= 1
            if j == 0 or doc[j - 1].text not in self.rules.possessive:
                continue
            owner = by_end.get(j - 1)
            if owner is None or not owner.mention.country or owner.mention.person:
                continue
            patron = owner.mention.country
            start = owner.start
            for f in self._window(found, sidx, start):
                if not self._is_state(f) or f.mention.country == patron:
                    continue
                shared = self.reg.allied(f.mention.country or "", patron, on, self.rules.ally_kinds)
                if shared:
                    out.append(self._as(
                        f, start, i + 1, doc,
                        f"ally of {patron}: nearest earlier state sharing {', '.join(shared)} on {on}",
                        bare_state=True,
                    ))
                    break
        return out
