"""The ``foedus_actors`` spaCy component: who is mentioned, resolved for the date.

Order of work on a document (each step explained in its module):

1. registry names, sector words and imported dictionary phrases are matched
   (:mod:`.matchers`), every reading is proposed and the longest wins
   (:mod:`.compose`);
2. capitals used as places ("talks in Yerevan", "visited Baku", "a Stockholm
   consultancy", "a Yerevan-based think tank") are dropped, the places stage
   owns them; so are capitals that usually stand for something else
   (Brussels) and capitals naming an event by its year ("Tirana 2025"). A
   capital that is the subject of a verb of saying ("Baku said", "Baku
   saying") is always its government;
   a dictionary code listing alternatives (``[ELR/GAL]``) becomes one mention
   per code over the same words;
3. definite descriptions and "it" are resolved to earlier mentions
   (:mod:`.coref`); institutions named without a country ("parliament", "the
   foreign ministry") take the state the story is about when nothing in the
   sentence points elsewhere (:mod:`.context`, ``how="context"``);
4. bodies named in full and then by abbreviation ("the NSC") or head noun
   ("the committee"), and bodies placed under a resolved person ("the
   committee, chaired by Prime Minister ...") take that body's or that
   person's state (:mod:`.bodies`);
5. named entities the registry does not know (PERSON, ORG, GPE, NORP) are kept
   as unresolved mentions (``code=None``, ``how="ner"``) so a user can see
   what the registry lacks. Where NER and the registry disagree (the small
   model calls Armenia a PERSON) the registry wins: an NER entity that
   overlaps a registry mention is discarded.

The date of a document (``doc._.published``; today when unset) decides which
office a person holds and which dated dictionary code applies.

Results: ``doc._.actors`` (list of :class:`foedus.records.ActorMention`, sorted
by offset) and ``doc._.actor_reasons`` (``{(start, end): reason}``, why each
mention got its code, for explanations).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp.extensions import ensure_extensions
from ..records import ActorMention
from . import bodies
from .compose import Composer, select
from .context import StoryContext
from .coref import Coref, Found
from .matchers import RegistryMatchers, Term
from .registry import Registry, load_registry
from .rules import RULES_FILE, Rules, load_rules

NER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
REASONS_ATTR = "actor_reasons"


def _ensure_reason_extension() -> None:
    if not Doc.has_extension(REASONS_ATTR):
        Doc.set_extension(REASONS_ATTR, default=None)


@Language.factory(
    "foedus_actors",
    default_config={"extra_files": [], "dictionaries": [], "rules_file": "", "use_ner": True},
)
def make_actor_resolver(
    nlp: Language,
    name: str,
    extra_files: list[str],
    dictionaries: list[str],
    rules_file: str,
    use_ner: bool,
) -> "ActorResolver":
    return ActorResolver(nlp, name, extra_files=extra_files, dictionaries=dictionaries,
                         rules_file=rules_file, use_ner=use_ner)


class ActorResolver:
    """Finds actor mentions and resolves them against the registry."""

    def __init__(
        self,
        nlp: Language,
        name: str = "foedus_actors",
        *,
        extra_files: Iterable[str] = (),
        dictionaries: Iterable[str] = (),
        rules_file: str = "",
        use_ner: bool = True,
        registry: Registry | None = None,
    ) -> None:
        ensure_extensions()
        _ensure_reason_extension()
        self.name = name
        self.registry = registry or load_registry(tuple(extra_files), tuple(dictionaries))
        self.rules: Rules = load_rules(rules_file or str(RULES_FILE))
        self.matchers = RegistryMatchers(nlp.vocab, nlp.tokenizer, self.registry, self.rules.spellings)
        self.composer = Composer(self.registry, self.matchers, self.rules)
        self.coref = Coref(nlp.vocab, nlp.tokenizer, self.registry, self.rules)
        self.context = StoryContext(nlp.vocab, nlp.tokenizer, self.registry, self.rules)
        self.use_ner = use_ner
        # singular nouns naming one person: the rules' list and the last word of every sector title
        self.person_nouns = frozenset(self.rules.person_nouns) | frozenset(
            t.split()[-1].lower() for sec in self.registry.sectors.values() for t in sec.titles if t.split())

    def __call__(self, doc: Doc) -> Doc:
        on: date = doc._.published or date.today()
        found: list[Found] = []
        blocked: set[int] = set()  # tokens of discarded dictionary phrases
        ents = doc.ents  # spaCy builds new spans on every read: read once, passed to every rule
        name_ents = [(e.start, e.end) for e in ents if e.label_ in ("ORG", "FAC", "WORK_OF_ART")]
        org_ents = [e for e in ents if e.label_ == "ORG"]
        terms = self.matchers.match_terms(doc)
        for p in select(self.composer.proposals(doc, on, ents, terms)):
            mention, why = p.build()
            if mention is None:
                blocked.update(range(p.start, p.end))
                continue
            if mention.how == "metonym" and (self._is_place(doc, p.start, p.end)
                                             or self._capital_not_actor(doc, p.start, p.end, mention, terms)):
                blocked.update(range(p.start, p.end))
                continue
            if (mention.how == "metonym" or mention.org and not mention.country and not mention.person) \
                    and p.end < len(doc) and doc[p.end].is_title and doc[p.end].lower_ in self.rules.document_words:
                blocked.update(range(p.start, p.end))
                continue  # "the Washington Treaty", "the Budapest Memorandum", "the UN Charter": a document's name
            if mention.how == "metonym" and self._inside_name(doc, p.start, p.end, name_ents):
                continue  # "The Washington Post": a name of its own, left to NER
            if self._opens_civil_body(doc, p.start, p.end, mention, org_ents):
                continue  # "the Syrian Observatory for Human Rights": a body's name, not the state
            mention = self._unnamed_person(doc, p.end, mention)
            mention = self._titled_name(doc, p.start, p.end, mention)
            for m in self._split(mention):
                found.append(Found(p.start, p.end, m, f"{p.rule}: {why}"))
        extra = self.coref.resolve(doc, found, on, ents)
        if extra:
            spans = [(f.start, f.end) for f in extra]
            found = [f for f in found if not any(f.start < e and s < f.end for s, e in spans)] + extra
        found.extend(self.context.resolve(doc, found, on, ents))
        found.extend(self.context.titled_people(doc, found, on, terms, ents))
        if self.use_ner:
            found.extend(self._unresolved(doc, found, blocked, ents))
        found = self._bodies(doc, found)
        found.sort(key=lambda f: (f.mention.start, f.mention.end))
        doc._.actors = [f.mention for f in found]
        doc._.set(REASONS_ATTR, {(f.mention.start, f.mention.end): f.why for f in found})
        return doc

    @staticmethod
    def _bodies(doc: Doc, found: list[Found]) -> list[Found]:
        """Bodies resolved through their chair, then their abbreviations and head nouns (:mod:`.bodies`)."""
        chaired = bodies.chaired_bodies(doc, found)
        if chaired:
            spans = {(f.start, f.end) for f in chaired}
            found = [f for f in found if (f.start, f.end) not in spans] + chaired
        for rule in (bodies.abbreviations, bodies.head_nouns):
            extra = rule(doc, found)
            if extra:
                # the new mentions take the place of unresolved ones on the same words
                found = [f for f in found if f.mention.resolved
                         or not any(f.start < e.end and e.start < f.end for e in extra)] + extra
        return found

    def _titled_name(self, doc: Doc, start: int, end: int, mention: ActorMention) -> ActorMention:
        """A composed mention that ends in a person's name ("Moldovan Prime Minister Dorin Recean") is that person.

        The registry may not know him, but the text says who he is: his name
        becomes ``person`` so that later mentions of it ("Recean said") take
        the same code (see :meth:`_named_again`).
        """
        if mention.person or mention.how not in ("agent", "possessive") or not mention.code:
            return mention
        last = doc[end - 1]
        if last.ent_type_ != "PERSON" or not last.text[:1].isupper():
            return mention
        k = end - 1
        while k > start and doc[k].ent_iob_ == "I":  # back to the first word of the name
            k -= 1
        if k <= start or doc[k - 1].lower_ not in self.person_nouns or doc[k - 1].is_upper:
            return mention  # only a name right after a title ("... Prime Minister Dorin Recean")
        return replace(mention, person=doc[k:end].text)

    @staticmethod
    def _composed_person(f: Found) -> bool:
        """A person of a name of several words, coded by composition (:meth:`_titled_name`) or by the story."""
        m = f.mention
        return bool(m.person and m.code and m.how in ("agent", "possessive", "context") and len(m.person.split()) >= 2)

    @classmethod
    def _named_again(cls, doc: Doc, found: list[Found], ent_start: int, ent_end: int) -> Found | None:
        """An earlier composed person whose full name or surname this name is ("Recean" after "... Dorin Recean")."""
        text = doc[ent_start:ent_end].text
        for f in found:
            if f.start >= ent_start or not cls._composed_person(f):
                continue
            m = f.mention
            if text in (m.person, m.person.split()[-1]):
                return f
        return None

    def _unnamed_person(self, doc: Doc, end: int, mention: ActorMention) -> ActorMention:
        """An agent mention ending in a singular person noun ("a senior official") is a person.

        Its words become ``person``, so that "its embassy" is never resolved to
        it. Only agent compositions: named people carry their registry name.
        """
        if mention.person or mention.how not in ("agent", "possessive") or not mention.code:
            return mention
        last = doc[end - 1]
        if last.tag_ not in ("NN", "NNP") or last.lower_ not in self.person_nouns:
            return mention
        return replace(mention, person=mention.text)

    @staticmethod
    def _split(mention: ActorMention) -> list[ActorMention]:
        """``ELR/GAL`` (a dictionary's alternatives) -> one mention per code, same words."""
        if not mention.code or "/" not in mention.code:
            return [mention]
        out = []
        for code in dict.fromkeys(mention.code.split("/")):
            country = code[:3] if mention.country is None and len(code) >= 3 and code[:3].isalpha() else mention.country
            out.append(replace(mention, code=code, country=country))
        return out

    def _speaker(self, doc: Doc, start: int, end: int) -> bool:
        """The capital is the subject of a verb of saying: "Baku said", "... and Baku saying"."""
        tok = doc[end - 1]
        return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.rules.speech_verbs

    def _is_place(self, doc: Doc, start: int, end: int | None = None) -> bool:
        """A capital after a locative preposition, the object of a travel verb, or "<capital>-based"."""
        end = end if end is not None else start + 1
        if self._speaker(doc, start, end):
            return False
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end - 1].whitespace_ == "" \
                and doc[end + 1].lower_ in self.rules.place_suffixes:
            return True
        i = start
        if i > 0 and doc[i - 1].lower_ in self.rules.determiners:
            i -= 1
        prep = doc[i - 1] if i > 0 else None
        if prep is not None and prep.lower_ == "to" and prep.head.lemma_.lower() in self.rules.address_verbs:
            return False  # "referred to Beijing as a rival": whom one addresses, not where one goes
        if prep is not None and prep.lower_ == "from" and any(
                w.lemma_.lower() in self.rules.message_nouns
                for w in (prep.head, *(c for c in prep.head.children if c.dep_ in ("dobj", "obj")))):
            return False  # "received no contact from Warsaw": who sent it, not where it came from
        if i > 0 and doc[i - 1].lower_ in self.rules.place_prepositions:
            return True
        tok = doc[start]
        while tok.dep_ == "conj" and tok.head.i < tok.i:  # "in Los Angeles and Paris"
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.lower_ in self.rules.place_prepositions:
            return True
        return tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.rules.place_verbs

    def _capital_not_actor(self, doc: Doc, start: int, end: int, mention: ActorMention,
                           terms: list[tuple[int, int, list[Term]]]) -> bool:
        """A capital that stands for something else here (see ``capital_modifier_pos``, ``capitals_not_government``).

        ``terms``: the document's sector-word matches (:meth:`RegistryMatchers.match_terms`).
        """
        st = self.registry.state(mention.country or "")
        if st is None or st.capital != mention.text:
            return False
        if mention.text in self.rules.capitals_not_government:
            return True
        if end >= len(doc):
            return False
        if self._speaker(doc, start, end):
            return False
        year = doc[end]
        if year.like_num and len(year.text) == 4 and year.text.isdigit() and 1900 <= int(year.text) <= 2100:
            return True  # "Tirana 2025": a summit named by its host city and year
        nxt = doc[end]
        if nxt.pos_ not in self.rules.capital_modifier_pos or not nxt.is_lower or doc[end - 1].dep_ != "compound":
            return False
        # "Moscow officials": a sector word (of at most four words) after the capital keeps it the government
        return not any(s == end and e <= end + 4 for s, e, _ in terms)

    def _opens_civil_body(self, doc: Doc, start: int, end: int, mention: ActorMention,
                          org_ents: list[Span]) -> bool:
        """A bare state name or adjective inside the name of a non-governmental body (``civil_body_heads``).

        "The Syrian Observatory for Human Rights", "the Sudanese Doctors
        Network": the name's head noun says it is an association of people,
        not an organ of the state; the whole name is left to NER unresolved.
        ``org_ents``: the document's ORG entities, in order.
        """
        if mention.how != "registry" or not mention.country or mention.role or mention.org or mention.person:
            return False
        for ent in org_ents:
            if ent.start <= start and end <= ent.end and ent.end - ent.start > end - start:
                head = ent.root
                return head.i >= end and head.lower_ in self.rules.civil_body_heads and head.text[:1].isupper()
        # written in common nouns ("a Syrian war monitor", "a Lebanese monitoring network"): the adjective
        # qualifies the body, and a society of a state ("Israeli society") is its people, not such a body
        tok = doc[end - 1]
        head = tok.head
        return (end - start == 1 and tok.dep_ == "amod" and head.i > tok.i and head.pos_ == "NOUN"
                and head.lower_ in self.rules.civil_body_heads and head.lower_ != "society")

    @staticmethod
    def _inside_name(doc: Doc, start: int, end: int, name_ents: list[tuple[int, int]]) -> bool:
        """The words are part of a longer organisation or facility name (``name_ents``: their spans)."""
        return any(
            a <= start and end <= b and b - a > end - start and doc[b - 1].text[:1].isupper()
            for a, b in name_ents
        )

    def _unresolved(self, doc: Doc, found: list[Found], blocked: set[int], ents: tuple[Span, ...]) -> list[Found]:
        taken = set(blocked)
        for f in found:
            taken.update(range(f.start, f.end))
        composed = [f for f in found if self._composed_person(f)]  # what a later name may repeat
        out = []
        for ent in ents:
            if ent.label_ not in NER_LABELS:
                continue
            if not taken.isdisjoint(range(ent.start, ent.end)):
                continue
            if not any(t.is_alpha and t.text[:1].isupper() for t in ent):
                continue
            if ent.label_ == "GPE" and self._is_place(doc, ent.start, ent.end):
                continue
            if doc[ent.end - 1].lower_ in self.rules.document_words:
                continue  # "the Abraham Accords": a document, not an actor
            if composed and ent.label_ in ("PERSON", "ORG"):  # the small model calls some surnames ORG
                earlier = self._named_again(doc, composed, ent.start, ent.end)
                if earlier is not None:
                    e = earlier.mention
                    m = replace(e, start=ent.start_char, end=ent.end_char, text=ent.text, how="coref",
                                antecedent=(e.start, e.end))
                    out.append(Found(ent.start, ent.end, m, f"named earlier as {e.text!r} ({e.code})"))
                    continue
            m = ActorMention(
                ent.start_char, ent.end_char, ent.text, None, ent.text, None, None, None,
                how="ner", label=ent.label_,
            )
            out.append(Found(ent.start, ent.end, m, f"NER {ent.label_}; not in the registry"))
        return out
