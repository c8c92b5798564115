"""Polarity and modality of a coded predicate.

Why this matters: "the CSTO declined to intervene" is the opposite of an
intervention, "Russia will send troops" has not happened yet, and "Baku said
Armenian forces shelled..." is Baku's claim, not a fact. A coder that drops
these distinctions turns denials, plans and accusations into events.
Everything here reads the dependency parse around the *anchor* of an event:
the trigger itself, or the support verb carrying a nominal trigger.
Word lists come from ``data/coding/cues.yaml``.

A state's statement of its *own* act is not a claim about someone else:
"Armenia has frozen its participation in the CSTO, Pashinyan said" is how
such an act is made public. When the speaker and the event's source are the
same state (same country, the speaker being an official or organ of it) or
the same organisation (:func:`self_report`), the event keeps ``claimed_by``
for provenance but takes the modality of its own verb (``asserted``, or
``future`` for "would leave"). Two exceptions stay claims: a party's own
account of force (roots in :data:`SELF_SERVING_ROOTS`: posture, coercion,
assault, fighting, mass violence) is self-serving, and an event whose source
is another actor ("Baku said it was responding to shelling by Armenian
forces": the shelling is Armenia's, claimed by Azerbaijan) is an accusation.
Root 16 (reducing relations), though CAMEO's material conflict, is not an
exception: cutting ties is done by announcing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..nlp.word_index import positions_of
from ..records import ActorMention

from .cues import Cues
from .slots import children, objects, subjects

MAX_CLIMB = 8

# CAMEO roots of material conflict whose own account stays a claim (root 16,
# reducing relations, is declared by the actor itself and is left out)
SELF_SERVING_ROOTS = frozenset({"15", "17", "18", "19", "20"})
# roles that speak for a state: a country's government, forces, parliament, courts, services
STATE_ROLES = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "PKO", "COP", "ELI"})


@dataclass(frozen=True)
class Polarity:
    negated: bool
    modality: str  # asserted | future | hypothetical  (claims are decided with actors)
    why: str = ""


def _locally_negated(tok: Token, cues: Cues) -> str | None:
    for c in children(tok):
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "neg", "preconj") and c.lower_ in cues.negators):
            return f"'{c.text}' negates '{tok.text}'"
        if c.dep_ == "det" and c.lower_ in ("no", "neither"):
            return f"'{c.text} {tok.text}'"
    for obj in objects(tok):
        for c in children(obj):
            if c.dep_ == "det" and c.lower_ in ("no", "neither"):
                return f"'{c.text} {obj.text}'"
    if tok.dep_ in ("pcomp", "pobj") and tok.head.lower_ in cues.without:
        return f"'{tok.head.text} {tok.text}'"
    return None


def negation(anchor: Token, trigger: Token, cues: Cues) -> str | None:
    """Why the event is negated, or None.

    Looks at the trigger, its support verb, and up the chain of infinitive
    complements ("did not try to send", "failed to send", "refused to send").
    """
    for tok in {trigger, anchor}:
        why = _locally_negated(tok, cues) or _neither_subject(tok)
        if why:
            return why
    why = _undone_noun(trigger, cues)
    if why:
        return why
    cur = anchor
    for _ in range(MAX_CLIMB):
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            break
        head = cur.head
        if cur.dep_ == "xcomp":
            if head.lemma_.lower() in cues.negating_verbs:
                return f"'{head.text} to {cur.text}'"
            if _yet_to(head):
                return f"'{head.text} yet to {cur.text}' (not done)"
            why = _locally_negated(head, cues)
            if why:
                return why
            if head.dep_ == "acomp" and head.head.i != head.i:
                # "was not ready to sign": the negation sits on the copula
                why = _locally_negated(head.head, cues)
                if why:
                    return why
        cur = head
    return None


def _yet_to(tok: Token) -> bool:
    """"has yet to", "is yet to", "remains yet to": the act that follows has not happened."""
    return any(c.dep_ == "advmod" and c.lower_ == "yet" for c in children(tok)) and any(
        c.dep_ == "xcomp" for c in children(tok))


def _neither_subject(tok: Token) -> str | None:
    """"Neither Chile nor Peru attacked": a subject led by "neither" negates the act."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for c in children(tok):
        if c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ in ("det", "preconj") and d.lower_ == "neither"
                                                    for d in children(c)):
            return f"'neither {c.text} ...' negates '{tok.text}'"
    return None


def _undone_noun(trigger: Token, cues: Cues) -> str | None:
    """An event noun whose own clause says it was not carried out: "the delivery was never carried out", "the
    agreement has yet to be signed". Only verbs that carry out such a noun (support verbs) count: "the attack
    did not stop the talks" says nothing against the attack."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = trigger.head
    chain = [verb, *[c for c in children(verb) if c.dep_ == "xcomp"]]
    if not any(v.lemma_.lower() in cues.support_verbs for v in chain):
        return None
    if _yet_to(verb):
        return f"'{trigger.text} ... yet to' (not done)"
    for v in chain:
        why = _locally_negated(v, cues)
        if why and v.lemma_.lower() in cues.support_verbs:
            return why
    return None


def _aux(tok: Token) -> list[Token]:
    return [c for c in children(tok) if c.dep_ in ("aux", "auxpass")]


def modality(anchor: Token, cues: Cues) -> tuple[str, str]:
    """(modality, why) for an anchor, ignoring claims: future, hypothetical or asserted."""
    text_act = _text_subject(anchor, cues)
    if text_act:
        return "hypothetical", text_act
    cur = anchor
    for _ in range(MAX_CLIMB):
        provision = _provision(cur, cues)
        if provision:
            return "hypothetical", provision
        noun = _hypothetical_noun(cur, cues)
        if noun is not None:
            return "hypothetical", f"'{noun.text} of/to ...'"
        for a in _aux(cur):
            low = a.lower_
            if low in cues.hypothetical_aux:
                return "hypothetical", f"'{a.text} {cur.text}'"
            if low in cues.future_aux or a.lemma_.lower() in cues.future_aux:
                return "future", f"'{a.text} {cur.text}'"
        for c in children(cur):
            if c.dep_ == "mark" and c.lower_ in cues.conditional_marks:
                return "hypothetical", f"'{c.text} ...'"
        cond = condition(cur, cues)
        if cond:
            return "hypothetical", cond
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            head = cur.head
            lemma = head.lemma_.lower()
            if (lemma in cues.counterfactual_verbs or head.lower_ in cues.counterfactual_verbs) and (
                    any(a.lower_ in ("was", "were") for a in _aux(head)) or head.tag_ == "VBD"):
                # "was supposed to guarantee": what should have happened, not what did
                return "hypothetical", f"'{head.text} to {cur.text}' (past)"
            if lemma in cues.future_verbs or lemma in cues.future_adjs:
                return "future", f"'{head.text} to {cur.text}'"
            # "going to strike"
            if lemma == "go" and any(a.lower_ in ("is", "are", "was", "were", "'s", "'re", "am") for a in _aux(head)):
                return "future", f"'going to {cur.text}'"
            cur = head
            continue
        if cur.dep_ in ("conj",) and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "advcl" and cur.head.i != cur.i:
            # a condition attaches the clause to its head: look for 'if' only
            if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in children(cur)):
                return "hypothetical", "conditional clause"
            kids = {c.dep_ for c in children(cur)}
            if cur.tag_ == "VB" and not kids & {"nsubj", "nsubjpass", "mark"} \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(cur)):
                # a purpose infinitive shares its verb's modality: "will meet on Tuesday to discuss" is future
                cur = cur.head
                continue
        break
    return "asserted", ""


# The reason given for an act under a condition phrase starts with this: it stays hypothetical
# even inside reported speech ("said the pact pledges aid in case of an attack").
CONDITION = "condition: "


def condition(tok: Token, cues: Cues) -> str:
    """Why ``tok`` is under a condition phrase, or "".

    "aid in case of an attack", "send troops in the event of an attack": the act the phrase
    qualifies, and the act it names ("aggression", "an attack"), have not happened
    (``condition_nouns`` in the cues, as the object of "in" with an of-phrase).
    """
    for prep in children(tok):
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in children(prep):
                if noun.dep_ == "pobj" and _condition_noun(noun, cues) \
                        and any(c.dep_ == "prep" and c.lower_ == "of" for c in children(noun)):
                    return f"{CONDITION}'in {noun.text} of ...' qualifies it"
    of = tok.head
    if tok.dep_ == "pobj" and of.lower_ == "of" and _condition_noun(of.head, cues) \
            and of.head.dep_ == "pobj" and of.head.head.lower_ == "in":
        return f"{CONDITION}named in 'in {of.head.text} of ...'"
    return ""


def _condition_noun(noun: Token, cues: Cues) -> bool:
    """"case" in "in case of", "event" in "in the event of"; "in the case of X" only means 'as for X'."""
    if noun.lemma_.lower() not in cues.condition_nouns:
        return False
    dets = [c.lower_ for c in children(noun) if c.dep_ == "det"]
    return not dets or (dets == ["the"] and noun.lemma_.lower() != "case")


_PRESENT = ("VBZ", "VBP")
# The reason given for a provision starts with this: what a text provides stays
# hypothetical even inside reported speech ("Article 4 states that ...").
PROVISION = "provision: "


def _provision(tok: Token, cues: Cues) -> str:
    """Why ``tok`` is the content of a rule rather than an event, or "".

    "The treaty allows Russia to request help", "Article 4 states that the
    members will consult", "a clause that obliges each party to assist": the
    complement of a permission verb in the present tense, or of a verb by
    which a text (an article, a treaty) states its content.
    """
    if tok.dep_ not in ("xcomp", "ccomp") or tok.head.i == tok.i:
        return ""
    head = tok.head
    lemma = head.lemma_.lower()
    subj = [c for c in children(head) if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and head.pos_ == "NOUN":
        # the small parser reads "Article 3 states that ..." as a noun phrase "Article 3 states"
        subj = [c for c in children(head) if c.dep_ in ("nmod", "compound")]
    if subj and subj[0].lower_ in ("which", "that") and head.dep_ == "relcl":
        subj = [head.head]  # "Article 4, which allows ...": the relative pronoun stands for its noun
    text_subject = bool(subj) and subj[0].lemma_.lower() in cues.provision_subjects
    if text_subject and lemma in cues.provision_verbs:
        return f"{PROVISION}'{subj[0].text} {head.text} ...' (a text's content, not an event)"
    if lemma in cues.permission_verbs and head.tag_ in _PRESENT:
        return f"{PROVISION}'{head.text} ... to {tok.text}' (what a rule permits, not an event)"
    return ""


def _text_subject(verb: Token, cues: Cues) -> str:
    """Why a verb in the present tense whose subject is a text is its content, or "".

    "the pact, which calls for talks when ...", "the charter calls for
    mediation": what a text (``provision_subjects``) does in the present tense is a
    rule, not an act of the parties; the relative pronoun stands for its noun.
    """
    if verb.tag_ not in _PRESENT:
        return ""
    for c in children(verb):
        if c.dep_ != "nsubj":
            continue
        subj = verb.head if c.lower_ in ("which", "that") and verb.dep_ == "relcl" else c
        if subj.lemma_.lower() in cues.provision_subjects:
            return f"{PROVISION}'{subj.text} ... {verb.text}' (a text's content, not an event)"
    return ""


def _hypothetical_noun(tok: Token, cues: Cues) -> Token | None:
    """The noun like 'possibility' whose complement ``tok`` is, if any."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "for"):
        head = head.head
    elif tok.dep_ in ("acl", "relcl") or (tok.dep_ in ("advcl", "xcomp", "ccomp") and head.pos_ == "NOUN"):
        pass
    else:
        # "the potential remained for Baku to close": the clause hangs off the noun's verb
        if tok.dep_ in ("advcl", "xcomp", "ccomp", "acl") and head.pos_ in ("VERB", "AUX"):
            subj = [c for c in children(head) if c.dep_ == "nsubj"]
            if subj and subj[0].lemma_.lower() in cues.hypothetical_nouns:
                return subj[0]
        return None
    return head if head.lemma_.lower() in cues.hypothetical_nouns else None


def report_governor(anchor: Token, cues: Cues) -> tuple[Token, Token] | None:
    """The verb of saying whose clausal complement contains the anchor, with that complement.

    "Baku said it was responding to shelling by Armenian forces": for the
    shelling, ``said`` (with complement ``responding``).
    """
    child = anchor
    cur = anchor
    for _ in range(MAX_CLIMB + 4):
        if cur.head.i == cur.i:
            return None
        child, cur = cur, cur.head
        if cur.lemma_.lower() in cues.report_verbs and child.dep_ in ("ccomp", "parataxis", "xcomp", "dobj", "advcl"):
            if child.dep_ in ("xcomp", "dobj") and cur.lemma_.lower() not in cues.denial_verbs:
                continue
            return cur, child
    return None


def according_to(sent_tokens, mention_of) -> Token | None:
    """The object of 'according to' in a sentence (a Span, or a list of its tokens), when it is an actor."""
    if isinstance(sent_tokens, Span):  # found through the document's word index, not token by token
        doc = sent_tokens.doc
        sent_tokens = [doc[i] for i in positions_of(doc, ("according",)) if sent_tokens.start <= i < sent_tokens.end]
    for tok in sent_tokens:
        if tok.lower_ == "according":
            for c in children(tok):
                if c.lower_ == "to":
                    for o in children(c):
                        if o.dep_ == "pobj" and mention_of(o) is not None:
                            return o
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                for o in children(nxt):
                    if o.dep_ == "pobj" and mention_of(o) is not None:
                        return o
    return None


def speaker_tokens(verb: Token) -> list[Token]:
    """Who speaks for a verb of saying (its logical subject)."""
    return subjects(verb)


def _speaks_for_state(m: ActorMention) -> bool:
    return m.role is None or m.role in STATE_ROLES


def self_report(source: ActorMention, speaker: ActorMention | None, code: str) -> bool:
    """True when a claimed event is the speaker's statement of its own act.

    Same state: both have the same country and each is the state itself or
    one of its organs (government, forces, parliament, courts, services), so
    "Pashinyan said Armenia had frozen ..." (ARMGOV about ARM) is a self-report
    but an opposition party's word about its government is not. Same
    organisation: both carry the same ``org`` ("the CSTO secretary general
    said the alliance would send a mission"). Never for the roots in
    :data:`SELF_SERVING_ROOTS`.
    """
    if speaker is None or code[:2] in SELF_SERVING_ROOTS:
        return False
    if source.code is not None and source.code == speaker.code:
        return True
    if source.country and source.country == speaker.country:
        return _speaks_for_state(source) and _speaks_for_state(speaker)
    if source.org and source.org == speaker.org:
        return True
    return False


def _would_verb(anchor: Token) -> Token | None:
    """The verb whose auxiliary is 'would' for ``anchor`` (itself, or up its open complements), if any."""
    cur = anchor
    for _ in range(MAX_CLIMB):
        # "would keep supporting": the auxiliary of the verb governing the anchor
        if any(a.lower_ == "would" for a in _aux(cur)) or cur.dep_ != "xcomp" or cur.head.i == cur.i:
            break
        cur = cur.head
    return cur if any(a.lower_ == "would" for a in _aux(cur)) else None


def _condition(anchor: Token, verb: Token, cues: Cues) -> str | None:
    """``"is"`` when the anchor is itself a condition ("if he came"), ``"has"`` when a condition
    hangs from it or its 'would' verb ("would meet him if ..."), else ``None``."""
    for c in [*children(anchor), *children(verb)]:
        if c.dep_ == "mark" and c.lower_ in cues.conditional_marks:
            return "is"
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in cues.conditional_marks for g in children(c)):
            return "has"
    return None


def reported_future(anchor: Token, cues: Cues) -> bool:
    """'would' in reported speech is the future of the past, not a condition.

    "Pashinyan told parliament that Armenia would leave the bloc" reports a
    plan; "... would leave the bloc if attacked" stays hypothetical.
    """
    verb = _would_verb(anchor)
    return verb is not None and _condition(anchor, verb, cues) is None


def offered_on_condition(anchor: Token, cues: Cues) -> bool:
    """'would' with a condition in reported speech is a conditional offer or warning, not a mere supposition.

    "The rebels said they would meet the envoy if he came alone": CAMEO codes the offer as an intent (036), as
    "Pakistan said it would retaliate if attacked" is a threat. The act in the condition itself
    ("... if he came alone") is not one.
    """
    verb = _would_verb(anchor)
    return verb is not None and _condition(anchor, verb, cues) == "has"
