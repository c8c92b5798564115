"""Whether an expression points into the past or the future of its anchor.

Why: "on Sunday" in "Pelosi arrived on Sunday" is the Sunday before the
article, in "talks will resume on Sunday" the one after; a bare month or a
year-less date is resolved the same way. With a parsed ``Doc`` we read the
verb that governs the expression (its tense and auxiliaries); without one we
fall back to cue words around the expression.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .lexicon import Lexicon

PAST, FUTURE, NEUTRAL = "past", "future", "neutral"
PAST_PERFECT_WEEKDAY = "weekday, past perfect"  # the ``how`` of a weekday the past perfect puts a week back


def _governing_verb(tok: Token) -> Token:
    seen = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and seen < 8:
        tok = tok.head
        seen += 1
    return tok


def direction_from_doc(doc: Doc, start: int, end: int, lex: Lexicon) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return NEUTRAL
    verb = _governing_verb(span.root)
    chain = [verb]
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl") and verb.head is not verb:
        chain.append(verb.head)  # "is expected to meet", "said it would meet"
    words = set()
    for v in chain:
        # a phrasal verb is not a cue: "the mission was set up on Tuesday" is past
        if not any(c.dep_ == "prt" for c in v.children):
            words.add(v.lower_)
        words.update(c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass", "neg", "amod"))
    # a noun phrase such as "the upcoming talks on Sunday"
    words.update(c.lower_ for c in span.root.head.children if c.dep_ == "amod")
    if words & lex.future_cues:
        return FUTURE
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in verb.children)):
        return PAST
    if verb.tag_ in ("VBN",) and verb.dep_ in ("acl", "amod"):
        return PAST
    return NEUTRAL


def before_the_past(doc: Doc, start: int, end: int) -> bool:
    """Is the expression governed by a verb in the past perfect ("had visited Qatar on Thursday")?

    The past perfect of the narrative sets its act before the time the report speaks of, so a weekday named with
    it is not the day of the report. In a clause said ("said troops had fired on Tuesday") it is only the tense of
    reported speech, and does not count.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    verb = _governing_verb(span.root)
    return verb.tag_ == "VBN" and verb.dep_ != "ccomp" \
        and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


_WORD = re.compile(r"[A-Za-z']+")


def direction_from_text(text: str, start: int, end: int, lex: Lexicon) -> str:
    """Cue words within the sentence around the expression."""
    left = text[max(0, start - 80):start]
    left = re.split(r"[.!?]\s", left)[-1]
    right = re.split(r"[.!?](?:\s|$)", text[end:end + 60])[0]
    words = [w.lower() for w in _WORD.findall(left + " " + right)]
    if set(words) & lex.future_cues:
        return FUTURE
    if any(w.endswith("ed") and len(w) > 4 for w in words) or set(words) & {"was", "were", "had", "did", "said", "met", "took", "began", "broke", "came", "went", "left", "held", "fought", "sent"}:
        return PAST
    return NEUTRAL
