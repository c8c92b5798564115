"""Polarity and modality of a coded predicate.

Why this matters: "the CSTO declined to intervene" is the opposite of an
intervention, "Russia will send troops" has not happened yet, and "Baku said
Armenian forces shelled..." is Baku's claim, not a fact. A coder that drops
these distinctions turns denials, plans and accusations into events.
Everything here reads the dependency parse around the *anchor* of an event:
the trigger itself, or the support verb carrying a nominal trigger.
Word lists come from ``data/coding/cues.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .cues import Cues
from .slots import objects, subjects

MAX_CLIMB = 8


@dataclass(frozen=True)
class Polarity:
    negated: bool
    modality: str  # asserted | future | hypothetical  (claims are decided with actors)
    why: str = ""


def _locally_negated(tok: Token, cues: Cues) -> str | None:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "neg", "preconj") and c.lower_ in cues.negators):
            return f"'{c.text}' negates '{tok.text}'"
        if c.dep_ == "det" and c.lower_ in ("no", "neither"):
            return f"'{c.text} {tok.text}'"
    for obj in objects(tok):
        for c in obj.children:
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
        why = _locally_negated(tok, cues)
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
            why = _locally_negated(head, cues)
            if why:
                return why
        cur = head
    return None


def _aux(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def modality(anchor: Token, cues: Cues) -> tuple[str, str]:
    """(modality, why) for an anchor, ignoring claims: future, hypothetical or asserted."""
    cur = anchor
    for _ in range(MAX_CLIMB):
        noun = _hypothetical_noun(cur, cues)
        if noun is not None:
            return "hypothetical", f"'{noun.text} of/to ...'"
        for a in _aux(cur):
            low = a.lower_
            if low in cues.hypothetical_aux:
                return "hypothetical", f"'{a.text} {cur.text}'"
            if low in cues.future_aux or a.lemma_.lower() in cues.future_aux:
                return "future", f"'{a.text} {cur.text}'"
        for c in cur.children:
            if c.dep_ == "mark" and c.lower_ in cues.conditional_marks:
                return "hypothetical", f"'{c.text} ...'"
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
            if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in cur.children):
                return "hypothetical", "conditional clause"
        break
    return "asserted", ""


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
            subj = [c for c in head.children if c.dep_ == "nsubj"]
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
    """The object of 'according to' in a sentence, when it is an actor."""
    for tok in sent_tokens:
        if tok.lower_ == "according":
            for c in tok.children:
                if c.lower_ == "to":
                    for o in c.children:
                        if o.dep_ == "pobj" and mention_of(o) is not None:
                            return o
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                for o in nxt.children:
                    if o.dep_ == "pobj" and mention_of(o) is not None:
                        return o
    return None


def speaker_tokens(verb: Token) -> list[Token]:
    """Who speaks for a verb of saying (its logical subject)."""
    return subjects(verb)
