"""Where a predicate's actors are: syntactic slots over the dependency parse.

Why a separate module: the same slot logic serves verbal patterns, nominal
patterns, frames, claims and quotes. A slot yields parse tokens (with their
coordinated conjuncts, so "Russia, Azerbaijan and Iran" gives three); the
:class:`MentionIndex` turns a token into the actor mention that covers it or
the nominal core around it ("the forces of Azerbaijan", "Armenian positions").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from ..records import ActorMention
from .cues import Cues


_STARTS_KEY = ("foedus", "sentence_starts")
_PARSE_KEY = ("foedus", "parse_memo")


@contextmanager
def parse_memo(doc: Doc) -> Iterator[None]:
    """Within the block, :func:`children` and :func:`conjuncts` remember their answers for ``doc``.

    Why: spaCy finds a token's children by scanning the token's whole subtree and
    makes new ``Token`` objects on every access, and the coder asks again and again
    about the same verbs and nouns (a predicate's subjects, objects and phrases).
    The memo (``(relation, token index) -> tokens``) lives in ``doc.user_data`` only
    for the block: the tokens it holds refer back to the Doc, so it is dropped when
    the coder is done with the Doc. Nested blocks share the outer one's memo.
    """
    if _PARSE_KEY in doc.user_data:
        yield
        return
    doc.user_data[_PARSE_KEY] = {}
    try:
        yield
    finally:
        doc.user_data.pop(_PARSE_KEY, None)


def _remembered(tok: Token, relation: str) -> tuple[Token, ...] | Iterable[Token]:
    """``getattr(tok, relation)``, read once per token inside :func:`parse_memo` (outside it, spaCy's own)."""
    memo = tok.doc.user_data.get(_PARSE_KEY)
    if memo is None:
        return getattr(tok, relation)
    key = (relation, tok.i)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(getattr(tok, relation))
    return found


def children(tok: Token) -> Iterable[Token]:
    """``tok.children`` in text order, remembered inside :func:`parse_memo`."""
    return _remembered(tok, "children")


def conjuncts(tok: Token) -> tuple[Token, ...]:
    """``tok.conjuncts``, remembered inside :func:`parse_memo`."""
    return _remembered(tok, "conjuncts")  # type: ignore[return-value]  (spaCy's own is a tuple too)


def sentence_start(tok: Token) -> int:
    """Index of the first token of ``tok``'s sentence.

    Why not ``tok.sent.start``: spaCy rebuilds every sentence of the document
    on each ``.sent`` access, which made the coder quadratic in document length.
    The first token of every token's sentence is read once per Doc from spaCy's
    ``SENT_START`` column and kept in ``doc.user_data`` (rebuilt if the Doc's
    length changes); sentence boundaries are set before any of our components run.
    """
    doc = tok.doc
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None or len(starts) != len(doc):
        starts, current = [], 0
        for i, flag in enumerate(doc.to_array(SENT_START).tolist()):
            if flag == 1:
                current = i
            starts.append(current)
        doc.user_data[_STARTS_KEY] = starts
    return starts[tok.i]


RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_MEASURES = frozenset({"round", "series", "wave", "set", "cycle", "stage", "phase"})
# texts an actor issues: a participle hanging on one is its author's act ("a statement condemning the raid")
_SPEECH_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "letter", "note", "message",
                           "memorandum", "petition", "appeal", "ultimatum", "resolution", "release"})
# nouns of amount: "tons of food aid", "dollars of aid", "a shipment of weapons" name the thing they measure
_AMOUNTS = frozenset({"ton", "tonne", "kg", "kilogram", "kilo", "pound", "dollar", "euro", "worth", "amount", "quantity",
                      "shipment", "consignment", "batch", "load", "cargo", "package", "truckload", "planeload",
                      "convoy", "million", "billion", "thousand", "hundred", "dozen", "lot"})
_CORE_DEPS = frozenset({"compound", "amod", "poss", "appos", "nmod", "npadvmod", "nummod"})


class MentionIndex:
    """Actor mentions of a document, addressable by token."""

    def __init__(self, doc: Doc, mentions: list[ActorMention] | None) -> None:
        self.by_token: dict[int, ActorMention] = {}
        # every mention over the same words: a name the dictionary gives several codes
        # ("the Shire" -> FRO, BIL, SAM) is one mention per code, all kept
        self.same_span: dict[tuple[int, int], list[ActorMention]] = {}
        for m in sorted(mentions or [], key=lambda m: (m.end - m.start)):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            group = self.same_span.setdefault((m.start, m.end), [])
            if m not in group:
                group.append(m)
            if len(group) > 1:
                continue  # the first of the group stands for it in the token index
            for tok in span:
                # a longer mention wins over a shorter one inside it
                self.by_token[tok.i] = m

    def at(self, tok: Token) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def alternatives(self, m: ActorMention) -> list[ActorMention]:
        """``m`` and every other mention over exactly the same words, in reading order."""
        group = self.same_span.get((m.start, m.end))
        return list(group) if group and m in group else [m]

    def expand(self, found: list[ActorMention]) -> list[ActorMention]:
        """Each mention followed by its same-span alternatives (one event per mention)."""
        out: list[ActorMention] = []
        for m in found:
            for alt in self.alternatives(m):
                if alt not in out:
                    out.append(alt)
        return out

    def find(self, tok: Token, depth: int = 2) -> ActorMention | None:
        """The mention at ``tok`` or in its nominal core (modifiers, possessor, 'of' phrase)."""
        found = self.at(tok)
        if found is not None and not found.code:
            # an unknown name with an apposition that says who it is: "Ana Ruiz, spokesperson for
            # Chile's foreign ministry, said"
            for c in children(tok):
                if c.dep_ == "appos":
                    named = self.find(c, 1)
                    if named is not None and named.code:
                        return named
        if found is not None or depth == 0:
            return found
        for child in children(tok):
            if child.dep_ in _CORE_DEPS:
                if child.tag_ == "JJ" and child.dep_ == "amod":
                    m = self.at(child)
                    if m is not None and m.how == "agent" and not m.country:
                        continue  # "his official visit": an adjective naming a bare sector is no actor
                # a chain of compounds is one noun phrase ("Russian MiG-31 fighter jets"): no step deeper
                found = self.find(child, depth if child.dep_ == "compound" else depth - 1)
                if found is not None:
                    return found
        for child in children(tok):
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in children(child):
                    if pobj.dep_ == "pobj":
                        found = self.find(pobj, depth - 1)
                        if found is not None:
                            return found
        return None


def of_objects(tok: Token) -> list[Token]:
    """The of-phrase objects of an event noun ("the dispatch of soldiers to Mali": soldiers), whose phrases the
    parser often hangs there instead of on the noun."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return []
    return [o for c in children(tok) if c.dep_ == "prep" and c.lower_ == "of" for o in children(c) if o.dep_ == "pobj"]


# light nouns: "mediation efforts", "the peace process", "the aid programme" name the act of their compound
_LIGHT_NOUNS = frozenset({"effort", "process", "initiative", "programme", "program", "activity"})


def light_noun_acts(tok: Token) -> list[Token]:
    """The act a light noun stands for: its compound ("ended the mediation effort" -> mediation)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _LIGHT_NOUNS:
        return []
    return [c for c in children(tok) if c.dep_ == "compound" and c.pos_ == "NOUN"]


def amount_of(tok: Token) -> list[Token]:
    """What an amount measures: "25,000 tons of food", "5 million dollars of aid", "a shipment of arms" -> the
    of-object; nothing for other nouns ("the leader of the party")."""
    if tok.pos_ not in ("NOUN", "NUM") or not (tok.lemma_.lower() in _AMOUNTS or tok.lower_ in _AMOUNTS):
        return []
    return of_objects(tok) if tok.pos_ == "NOUN" else []


def obligation_clause(tok: Token) -> Token | None:
    """The clause a verb of saying states as another's duty: "said that Libya must hand over the suspects" ->
    "hand"; "must" or "has to" on the clause's verb (or on the verb an infinitive of it hangs on)."""
    for c in children(tok):
        if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
            continue
        if any(a.dep_ == "aux" and a.lower_ == "must" for a in children(c)):
            return c
        if c.lemma_.lower() == "have" and any(x.dep_ == "xcomp" and any(a.lower_ == "to" for a in children(x))
                                              for x in children(c)):
            return c
    return None


def with_conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it, in text order."""
    return sorted({tok, *conjuncts(tok)}, key=lambda t: t.i)


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in children(tok))


def _child(tok: Token, *deps: str) -> Token | None:
    for c in children(tok):
        if c.dep_ in deps:
            return c
    return None


def _pobjs(prep: Token) -> list[Token]:
    out: list[Token] = []
    for c in children(prep):
        if c.dep_ in ("pobj", "pcomp"):
            out.extend(with_conjuncts(c))
    return out


def is_temporal(prep: Token, temporal: frozenset[str] = frozenset()) -> bool:
    """A time phrase ("on Tuesday", "in September", "for two days"), never an actor's slot."""
    for o in children(prep):
        if o.dep_ in ("pobj", "pcomp"):
            if o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in temporal or o.lower_ in temporal:
                return True
    return False


def clause_subjects(tok: Token) -> list[Token]:
    """The subjects of the clause whose adverbial holds the noun ``tok``.

    "The Council met at the request of X", "NATO will meet following a
    request by X": the request is addressed to the Council, NATO.
    """
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return subjects(head.head)
    if tok.dep_ == "dobj" and head.tag_ == "VBG" and head.dep_ in ("prep", "advcl") \
            and head.head.pos_ in ("VERB", "AUX"):
        return subjects(head.head)
    return []


def prep_objects(tok: Token, prep: str, extra_heads: tuple[Token, ...] = (),
                 temporal: frozenset[str] = frozenset()) -> list[Token]:
    """Objects of a preposition attached to the head or to a related token (time phrases excluded).

    Every such phrase counts, the head's first: "froze in practice its
    participation in the CSTO" has two in-phrases, and the second names the bloc.
    """
    out: list[Token] = []
    for head in (tok, *adverb_particles(tok), *extra_heads):
        for c in children(head):
            if c.dep_ in ("prep", "agent", "dative", "prt") and c.lower_ == prep and not is_temporal(c, temporal):
                objs = _pobjs(c)
                if not objs and c.dep_ == "prt":
                    # a preposition parsed as a particle: "break in an anti- X parade"
                    objs = [d for d in children(head) if d.dep_ == "dobj" and d.i > c.i]
                out.extend(o for o in objs if o not in out)
    return out


_ADVERB_PARTICLES = frozenset({"away", "back", "out", "off", "down", "up"})
# Prepositions whose gerund is done by the verb's object ("accused X of shelling", "blamed X for"),
# or names an act the verb answers ("responding to shelling by X").
_OBJECT_PREPS = frozenset({"of", "for", "from", "against", "to"})


def adverb_particles(tok: Token) -> list[Token]:
    """Adverbs the parser puts between a verb and its phrase: "stayed <away> from the meetings"."""
    return [c for c in children(tok) if c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES]


def objects(tok: Token, unshared: frozenset[str] = frozenset()) -> list[Token]:
    """Direct object, or the subject of a passive.

    ``unshared``: lemmas of verbs that never borrow the object of a verb
    coordinated with them ("met to consult and condemn the incursion": the
    meeting is not with the incursion's author).
    """
    if is_passive(tok):
        subj = _child(tok, "nsubjpass")
        return with_conjuncts(subj) if subj is not None else []
    obj = _child(tok, "dobj", "obj")
    if obj is None and tok.pos_ == "VERB":
        # the small parser's slip: "the ministry summoned Armenia's ambassador" with a second
        # subject after the verb; with a subject before it, that one is the object
        after = [c for c in children(tok) if c.dep_ == "nsubj" and c.i > tok.i and c.pos_ in ("NOUN", "PROPN")]
        if after and any(c.dep_ == "nsubj" and c.i < tok.i for c in children(tok)):
            obj = after[0]
    if obj is None and tok.pos_ == "VERB":
        # the small parser's slips: "warned Azerbaijan" (npadvmod), "called Pashinyan" (oprd)
        obj = next((c for c in children(tok) if c.i > tok.i and c.dep_ in ("npadvmod", "oprd") and c.pos_ == "PROPN"),
                   None)
    if obj is None and tok.pos_ == "VERB":
        # "attacked and shelled Armenian positions": the object shared with a coordinated verb
        own = any(c.dep_ in ("xcomp", "ccomp", "prep", "advcl", "dative") for c in children(tok)) \
            or tok.lemma_.lower() in unshared
        for c in ([] if own else children(tok)):
            if c.dep_ == "conj" and c.pos_ == "VERB" and not is_passive(c):
                obj = _child(c, "dobj", "obj")
                if obj is not None:
                    break
    if obj is not None and obj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
        return with_conjuncts(tok.head)  # "districts which separatists had seized"
    if obj is None and is_reduced_passive(tok):
        return with_conjuncts(tok.head)  # "the statement signed by Russia"
    return with_conjuncts(obj) if obj is not None else []


def is_reduced_passive(tok: Token) -> bool:
    """A past participle modifying a noun without auxiliary: "a ceasefire agreed with Armenia"."""
    return (tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in children(tok)))


def subjects(tok: Token, inherit: bool = True) -> list[Token]:
    """The (logical) subject: nsubj, the 'by' agent of a passive, or inherited.

    Inheritance covers infinitives and coordinated or adverbial verbs without
    their own subject ("continued to shell", "attacked and shelled",
    "shelled Jermuk, killing two"), and relative clauses ("forces that shelled").
    """
    seen = 0
    cur = tok
    while seen < 6:
        seen += 1
        agent = _child(cur, "agent")
        if agent is not None:
            objs = _pobjs(agent)
            if objs:
                return objs
        if is_passive(cur):
            if cur is not tok:
                # "Pelosi is expected to visit": the raised subject of the passive governor
                raised = _child(cur, "nsubjpass")
                if raised is not None:
                    return with_conjuncts(raised)
            return []
        if is_reduced_passive(cur):
            return []
        subj = _child(cur, "nsubj", "csubj")
        if subj is not None:
            # "Lions, tigers, and Gondor welcomed": the parser hangs the item after "and" on the
            # verb as a second subject; it is the list's last conjunct
            more = [c for c in children(cur) if c.dep_ == "nsubj" and c.i > subj.i]
            ccs = [c for c in children(subj) if c.dep_ == "cc"]
            if more and ccs and ccs[-1].i < more[0].i and more[0].i < cur.i:
                return sorted({*with_conjuncts(subj), *with_conjuncts(more[0])}, key=lambda t: t.i)
        if subj is not None and subj.tag_ == "NNS" and subj.i + 1 < len(subj.doc):
            # the parser's split apposition: "Old foes Gondor and Osgiliath renewed ..." with two
            # subjects, a plural noun right before coordinated names: the names are the subject
            nxt = subj.doc[subj.i + 1]
            if (nxt.dep_ == "nsubj" and nxt.head.i == cur.i and nxt.pos_ == "PROPN"
                    and any(c.dep_ == "conj" for c in children(nxt))):
                subj = nxt
        if subj is None and cur.pos_ == "VERB":
            # the small parser's slip: "Azerbaijan massed troops" with Azerbaijan as npadvmod
            subj = next((c for c in children(cur) if c.i < cur.i and c.dep_ == "npadvmod" and c.pos_ == "PROPN"), None)
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                return with_conjuncts(cur.head)
            return with_conjuncts(subj)
        if not inherit:
            return []
        if cur.dep_ == "advcl" and cur.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ in ("aux", "mark") for c in children(cur)):
            return []  # a finite clause without subject or subordinator is a parse slip ("a ceasefire agreed with")
        if cur.dep_ == "conj" and cur.head.dep_ == "relcl" and _comma_before_cc(cur):
            # "called the move a violation of the statement, under which ..., and called on
            # Russia": the parser hangs the second verb on the relative clause; after a comma
            # it continues the main clause
            main = _verb_above(cur.head.head)
            if main is not None:
                cur = main
                continue
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head.i != cur.i and cur.head.pos_ in ("VERB", "AUX"):
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.lemma_.lower() in _SPEECH_NOUNS:
            # "issued a statement condemning ...", "said in a letter calling for ...": the author of the text
            noun = cur.head
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            if noun.dep_ in ("dobj", "obj", "pobj") and verb.pos_ in ("VERB", "AUX") and verb.i != noun.i:
                cur = verb
                continue
        if (cur.dep_ == "pcomp" and cur.tag_ == "VBG" and cur.head.dep_ == "prep"
                and cur.head.head.pos_ in ("VERB", "AUX") and cur.head.lower_ not in _OBJECT_PREPS
                and not any(c.dep_ in ("prep", "agent") and c.lower_ == "by" for c in children(cur))):
            # "retaliated by expelling", "joined Israel in striking Iran": the gerund's doer is the
            # subject of the verb its phrase hangs on; "join X in" adds X. ("accused X of
            # shelling", "blamed X for" name the doer in their object: left to the frames.)
            verb = cur.head.head
            if verb.lemma_.lower() == "join":
                partner = _child(verb, "dobj", "obj")
                doers = subjects(verb)
                if partner is not None and doers:
                    return sorted({*doers, *with_conjuncts(partner)}, key=lambda t: t.i)
            cur = verb
            continue
        if cur.dep_ in ("relcl", "acl") and cur.head.i != cur.i and cur.dep_ == "relcl":
            return with_conjuncts(cur.head)
        if (cur.dep_ == "acl" and cur.tag_ == "VB" and cur.head.dep_ in ("dobj", "attr")
                and cur.head.head.pos_ in ("VERB", "AUX")):
            cur = cur.head.head  # "made the decision to apply": the decider applies
            continue
        return []
    return []


def _comma_before_cc(tok: Token) -> bool:
    cc = [c for c in children(tok.head) if c.dep_ == "cc" and c.i < tok.i]
    if not cc:
        return False
    i = cc[-1].i
    return i > 0 and tok.doc[i - 1].text == ","


def _verb_above(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.pos_ in ("VERB", "AUX") and cur.dep_ != "relcl":
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _supports(verb: Token, cues: Cues) -> bool:
    """A support verb, without a particle that makes it another verb ("broke up"), or a verb and particle listed
    together ("stepped up its raids")."""
    lemma = verb.lemma_.lower()
    prts = [c.lower_ for c in children(verb) if c.dep_ == "prt"]
    if any(f"{lemma} {p}" in cues.support_verbs for p in prts):
        return True
    if lemma not in cues.support_verbs:
        return False
    return all(p in cues.support_particles for p in prts)


def support_governor(tok: Token, cues: Cues) -> Token | None:
    """The support verb carrying a nominal event ("launched an attack"), if any."""
    cur = tok
    # "a ceasefire agreement" / "talks were held": climb through a compound first
    if cur.dep_ == "compound":
        cur = cur.head
    # "began ten days of joint training", "held a round of talks": climb over a measure of time or number
    if (cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.i != cur.head.i
            and (cur.head.head.lemma_.lower() in cues.temporal or cur.head.head.lemma_.lower() in _MEASURES
                 or cur in amount_of(cur.head.head))):
        cur = cur.head.head
        if cur.dep_ == "npadvmod" and _supports(cur.head, cues):
            return cur.head  # the small parser hangs "ten days" on the verb as an adverbial
    if cur.dep_ in ("dobj", "nsubjpass", "attr") and _supports(cur.head, cues):
        if cur.head.lemma_.lower() in cues.evaluation_verbs and _evaluates(cur.head):
            return None  # "called the blockade a provocation": the blockade is evaluated, not called
        return cur.head
    if cur.dep_ == "pobj" and cur.head.dep_ == "prep" and _supports(cur.head.head, cues):
        verb = cur.head.head
        # "took part in the talks" carries the talks; "would not take sides in the escalation" does not
        own = [c for c in children(verb) if c.dep_ in ("dobj", "obj")]
        if not own or all(o.lemma_.lower() in cues.support_objects for o in own):
            return verb
    if cur.dep_ == "conj":
        return support_governor(cur.head, cues)
    return None


def _evaluates(verb: Token) -> bool:
    """The verb labels its object with a second noun ("called X a provocation", "described X as Y")."""
    from .matching import complements
    return bool(complements(verb))


def self_described(subj: Token, cues: Cues) -> list[Token] | None:
    """Who describes itself, when ``subj`` is the label of a self-description.

    "Azerbaijanis who describe themselves as activists blocked the road": the
    small parser makes "activists" the subject of "blocked", in a clause
    hanging from "describe"; the real subject is whoever describes itself.
    """
    verb = subj.head
    if subj.dep_ != "nsubj" or verb.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in children(verb)):
        return None
    describer = verb.head
    if describer.lemma_.lower() not in cues.self_description_verbs:
        return None
    if not any(c.dep_ in ("dobj", "obj") and c.lower_ in cues.reflexives for c in children(describer)):
        return None
    found = subjects(describer)
    return found or None


@dataclass(frozen=True)
class SlotFinder:
    """Resolves named slots of a trigger into tokens."""

    cues: Cues

    def tokens(self, slot: str, trigger: Token, inherit: bool = True) -> list[Token]:
        """Tokens filling ``slot``; ``inherit=False`` refuses subjects borrowed from a governing verb."""
        if slot == "none":
            return []
        if slot == "subj":
            found = subjects(trigger, inherit) if not self._nominal(trigger) else []
            if len(found) == 1:
                found = self_described(found[0], self.cues) or found
            if not found and inherit and trigger.dep_ == "xcomp" and trigger.head.pos_ == "ADJ" \
                    and trigger.head.dep_ == "acomp" and trigger.head.head.pos_ in ("VERB", "AUX"):
                # "Arnor is about to restore ties", "Russia is ready to send": climb over the adjective
                found = subjects(trigger.head.head)
            return found
        if slot == "obj":
            return objects(trigger, self.cues.reciprocal_verbs)
        if slot == "iobj":
            d = _child(trigger, "dative")
            if d is None and self._nominal(trigger):
                # "gave Ukraine military aid", "gave X 5 million dollars of aid": the support verb's recipient
                gov = support_governor(trigger, self.cues)
                d = _child(gov, "dative") if gov is not None else None
            if d is None:
                return []
            return _pobjs(d) if d.pos_ == "ADP" else with_conjuncts(d)
        if slot == "by":
            return prep_objects(trigger, "by", temporal=self.cues.temporal)
        if slot == "poss":
            return [c for c in children(trigger) if c.dep_ in ("poss", "amod", "compound")]
        if slot == "governor":
            gov = support_governor(trigger, self.cues)
            if gov is None:
                return []
            found = subjects(gov)
            if not found and gov.lemma_.lower() == "engage" and is_passive(gov) and _child(gov, "agent") is None:
                # "forces were engaged in fighting": the one engaged is the doer
                subj = _child(gov, "nsubjpass")
                found = with_conjuncts(subj) if subj is not None else []
            return found
        if slot == "clause_subj":
            return clause_subjects(trigger)
        if slot == "comp_subj":
            # whom a verb lets or makes act: the subject of its clausal complement ("allowed X to run")
            return [t for c in children(trigger) if c.dep_ in ("ccomp", "xcomp") for t in subjects(c, inherit=False)]
        if slot == "bound":
            # whom a statement binds to an act: the subject of its must-clause
            clause = obligation_clause(trigger)
            return subjects(clause, inherit=False) if clause is not None else []
        if slot == "between":
            # "violence reignited between X and Y": the PP sits on the verb the noun is subject of
            extra = [c for c in children(trigger) if c.dep_ in ("acl", "relcl")]
            if trigger.dep_ == "nsubj" and trigger.head.pos_ == "VERB":
                extra.append(trigger.head)
            return prep_objects(trigger, "between", (*self._related(trigger), *extra))
        return prep_objects(trigger, slot, self._related(trigger), self.cues.temporal)

    def _nominal(self, tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("ROOT",)

    def _related(self, tok: Token) -> tuple[Token, ...]:
        """Tokens whose prepositional phrases may belong to the trigger."""
        related = list(objects(tok))
        related.extend(of_objects(tok))  # "the dispatch of soldiers to Mali": the to-phrase on the of-object
        gov = support_governor(tok, self.cues)
        if gov is not None:
            related.append(gov)
        if tok.dep_ == "compound":
            related.append(tok.head)
        return tuple(related)

