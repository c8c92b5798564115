"""Institutions named without a country: "parliament", "the government", "the foreign ministry".

News writes the institutions of the state a story is about without naming the
state: "parliament had ratified it", "the foreign ministry said". Such words
(listed under ``story_institutions`` in the rules, each with its sector) get
the country of the story, and only when nothing in the text points elsewhere:

- the story's state is the one with the most resolved mentions in the whole
  document (names, adjectives, capitals, people holding its offices, its
  agents; descriptions and pronouns resolved by coref are not counted twice),
  at least ``story_state_min`` of them and at least ``story_state_lead`` times
  as many as the next state. States that no longer existed on the document's
  date (the Soviet Union) are not counted. With no such state nothing is
  done: in a story told as much about Azerbaijan as about Armenia, "the
  defence ministry said Armenian units fired first" is the Azerbaijani
  ministry, and only the outlet, not the words, says so;
- every other state-bearing mention of the sentence is of that state, or the
  subject of the clause the institution is the object of is ("Pashinyan told
  parliament that Azerbaijani forces ..."). A sentence that names only another
  state ("the defence ministry said several Russian servicemen were killed")
  is left alone: the ministry may be either state's.

Before the story's state: the same institution named with its state in the
sentences just before ("Kenya's government sought talks ... The government
also asked") is that state's, whichever state leads the document.

The words themselves must stand alone: after "the" or with no determiner at
all ("told parliament"), not after another modifier ("the separatist
government", "his government", "the European Parliament"), not the modifier
of a noun ("the government building", "foreign ministry spokeswoman"), not
followed by "of" ("the government of Armenia" is composed elsewhere), not a
place ("outside the National Assembly"), not inside the name of an
organisation or a title ("the speaker of the National Assembly").

The mention carries the state's code and the institution's sector (ARMLEG),
``how="context"``, and a reason naming the story's state and its counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..records import ActorMention
from .coref import Found
from .registry import Registry
from .rules import Rules

_NAME_LABELS = ("ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "NORP", "GPE")
_MODIFIER_TAGS = ("DT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "VBN", "VBG")
_OBJECT_DEPS = ("dobj", "dative", "iobj")


class StoryContext:
    def __init__(self, vocab: Vocab, tokenizer, reg: Registry, rules: Rules) -> None:  # noqa: ANN001
        self.reg = reg
        self.rules = rules
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        self.roles: dict[int, str] = {}
        for phrase, role in rules.story_institutions:
            key = vocab.strings.add("S:" + phrase)
            self.roles[key] = role
            self.matcher.add("S:" + phrase, [tokenizer(phrase)])

    def resolve(self, doc: Doc, found: list[Found], on: date, ents: tuple[Span, ...] | None = None) -> list[Found]:
        """Institutions named without a state (``ents``: the doc's entities when already read)."""
        if not self.roles or not found or not doc.has_annotation("SENT_START"):
            return []
        covered = {i for f in found for i in range(f.start, f.end)}
        hits = [(s, e, self.roles[mid]) for mid, s, e in self.matcher(doc)
                if covered.isdisjoint(range(s, e))]
        if not hits:
            return []
        story, counts = self._story_state(found, on)
        if ents is None:
            ents = doc.ents
        out: list[Found] = []
        for s, e, role in sorted(hits, key=lambda h: (h[0], -h[1])):
            if out and s < out[-1].end:
                continue
            start = self._stands_alone(doc, s, e, ents)
            if start is None:
                continue
            before = self._named_before(doc, found, start, e)
            if before is not None:
                country, text = before
                out.append(self._mention(doc, start, e, country, role, Counter(),
                                         f"the same institution named with its state just before ({text!r})"))
                continue
            if story is None:
                continue
            why = self._fits_sentence(doc, found, start, e, story)
            if why is None:
                continue
            out.append(self._mention(doc, start, e, story, role, counts, why))
        return out

    def titled_people(self, doc: Doc, found: list[Found], on: date, terms: list,
                      ents: tuple[Span, ...] | None = None) -> list[Found]:
        """Unknown people after a title with no country word: "Deputy Prime Minister <name> said".

        News writes the officials of the state a story is about with their
        title alone. A person the registry does not know (an NER name), right
        after a capitalised title of a sector ("Deputy Prime Minister",
        "Foreign Minister"), with no country word, possessive or organisation
        before the title, is an official of the story's state (as above: the
        state that leads the document's mentions) in the title's sector,
        unless another state is named earlier in the sentence (then the title
        may be that state's). The name is kept as ``person`` so that the
        surname alone later takes the same code. ``ents``: the doc's entities when already read.
        """
        if not found or not doc.has_annotation("SENT_START"):
            return []
        people = [ent for ent in (doc.ents if ents is None else ents) if ent.label_ == "PERSON"]
        if not people:
            return []
        titles: dict[int, tuple[int, list]] = {}  # end -> the longest title ending there
        for s, e, info in terms:
            if any(t.title and not t.prefix and t.suffix for t in info) and (e not in titles or s < titles[e][0]):
                titles[e] = (s, info)
        if not titles:
            return []
        covered = {i for f in found for i in range(f.start, f.end)}
        story, counts = None, None
        out: list[Found] = []
        for ent in people:
            if ent.start not in titles or not covered.isdisjoint(range(ent.start, ent.end)):
                continue
            s, info = titles[ent.start]
            if not covered.isdisjoint(range(s, ent.start)) or not all(t.is_title for t in doc[s:ent.start]):
                continue
            if s > 0:
                prev = doc[s - 1]
                if prev.text in self.rules.possessive or prev.ent_type_ in ("ORG", "NORP", "GPE") \
                        or prev.is_title and prev.lower_ not in self.rules.determiners and not prev.is_sent_start:
                    continue  # "Turkey's Deputy Prime Minister", "NATO Deputy Secretary General", "Acme Chief ..."
            sent = doc[s].sent
            if any(f.mention.resolved and f.mention.country and sent.start <= f.start < s for f in found):
                continue  # another state named before the title: the title may be that state's
            if story is None:
                story, counts = self._story_state(found, on)
                if story is None:
                    return []
            role = next(t.suffix[:3] for t in info if t.title and not t.prefix and t.suffix)
            f = self._mention(doc, s, ent.end, story, role, counts,
                              f"a title without a country word before an unknown name ({doc[s:ent.start].text!r})")
            out.append(Found(f.start, f.end, replace(f.mention, person=ent.text), f.why))
        return out

    # ----------------------------------------------------------------- parts
    def _story_state(self, found: list[Found], on: date) -> tuple[str | None, Counter]:
        counts: Counter = Counter()
        for f in found:
            m = f.mention
            if not m.resolved or not m.country or m.how == "coref":
                continue
            st = self.reg.state(m.country)
            if st is None or not st.exists(on):
                continue
            counts[st.id] += 1
        if not counts:
            return None, counts
        (top, n), *rest = counts.most_common()
        second = rest[0][1] if rest else 0
        if n < self.rules.story_state_min or n < self.rules.story_state_lead * second:
            return None, counts
        return top, counts

    def _stands_alone(self, doc: Doc, s: int, e: int, ents: tuple[Span, ...]) -> int | None:
        """Where the mention starts ("the" included) when the words stand alone, else None (``ents``: the doc's)."""
        start = s
        if s > 0 and doc[s - 1].lower_ == "the":
            start = s - 1
        elif s > 0:
            prev = doc[s - 1]
            if prev.tag_ in _MODIFIER_TAGS or prev.text in self.rules.possessive or prev.text == "-":
                return None  # "a government", "his government", "Armenia's parliament", "anti-government"
        if start > 0 and (doc[start - 1].lower_ == "of" or doc[start - 1].lower_ in self.rules.place_prepositions):
            return None  # "the speaker of the National Assembly", "outside the defence ministry"
        if e < len(doc):
            nxt = doc[e]
            if nxt.lower_ in ("of", "-") or nxt.pos_ in ("NOUN", "PROPN") or nxt.text in self.rules.possessive:
                return None  # "the government of Armenia", "the government building", "the government's plan"
        if e + 1 < len(doc) and doc[e].lower_ == "in" and doc[e + 1].ent_type_ in ("GPE", "LOC", "FAC"):
            return None  # "the parliament in Yerevan": the building, or a place the composer left alone
        tok = doc[e - 1]
        if tok.dep_ == "compound":
            return None
        while tok.dep_ == "conj" and tok.head.i < tok.i:  # "into the government building and the parliament"
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ in self.rules.place_prepositions:
            return None
        for ent in ents:
            if ent.label_ in _NAME_LABELS and ent.start < e and start < ent.end \
                    and (ent.start < start or ent.end > e) and not (ent.start == s and ent.end == e):
                return None  # part of a longer name: "the European Parliament", "Government House"
        return start

    def _named_before(self, doc: Doc, found: list[Found], start: int, e: int) -> tuple[str, str] | None:
        """(state, words) of the same institution named with its state in the sentences just before: "the
        Sudanese government requested talks ... The government also demanded": the nearest earlier mention in the
        coreference window that ends in the same word and carries a state."""
        head = doc[e - 1].lower_
        here = doc[start].sent.start
        earliest = here
        for _ in range(self.rules.coref_window):
            if earliest == 0:
                break
            earliest = doc[earliest - 1].sent.start
        for f in sorted(found, key=lambda f: -f.start):
            if f.end > start or f.start < earliest:
                continue
            m = f.mention
            if m.resolved and m.country and not m.org and doc[f.end - 1].lower_ == head:
                return self._sid(m.country), m.text
        return None

    def _fits_sentence(self, doc: Doc, found: list[Found], start: int, e: int, story: str) -> str | None:
        sent = doc[start].sent
        others = {f.mention.country for f in found
                  if f.mention.resolved and f.mention.country and sent.start <= f.start < sent.end
                  and not (start <= f.start < e)}
        others = {self._sid(c) for c in others}
        if others <= {story}:
            return "no other state in the sentence" if not others else f"the sentence names only {story}"
        # "Pashinyan told parliament that Azerbaijani forces ...": the subject of the clause decides
        tok = doc[e - 1]
        if tok.dep_ in _OBJECT_DEPS or (tok.dep_ == "pobj" and tok.head.lower_ == "to"):
            verb = tok.head if tok.dep_ != "pobj" else tok.head.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                owner = next((f for f in found if f.start <= subj.i < f.end and f.mention.resolved), None)
                if owner is not None and self._sid(owner.mention.country or "") == story:
                    return f"the subject of its clause ({owner.mention.text!r}) is of {story}"
        return None

    def _sid(self, country: str) -> str:
        st = self.reg.state(country)
        return st.id if st else country

    def _mention(self, doc: Doc, start: int, e: int, story: str, role: str, counts: Counter, why: str) -> Found:
        span = doc[start:e]
        st = self.reg.state(story)
        cameo = st.cameo if st else story
        m = ActorMention(
            span.start_char, span.end_char, span.text, f"{cameo}{role}", st.name if st else story, story, None, role,
            entity_id=story, how="context",
        )
        if not counts:
            return Found(start, e, m, why)
        tally = ", ".join(f"{k} {n}" for k, n in counts.most_common(3))
        return Found(start, e, m, f"institution of the story's state: {story} leads the document's mentions "
                                  f"({tally}); {why}")
