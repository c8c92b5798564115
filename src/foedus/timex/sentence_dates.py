"""Which temporal expression governs a sentence's main predicate.

Why a dependency path rather than "the first date in the sentence": in
"Armenia invoked the 1997 treaty on 13 September" the year modifies a noun
(which treaty) while the day modifies the verb (when the invoking happened).

Rule: an expression that modifies a noun (as a nummod, compound, amod, nmod
or possessive of it, or as the object of "of" under it: "the 1997 treaty",
"the November 2020 statement", "the 2020 war", "the war of 2020") names
*which* thing is meant, not *when* the sentence's event happened, so it never
governs the sentence's date. Among the remaining expressions the one with the
fewest dependency steps to the sentence root wins, then the one closest to the
root. When every expression is nominal (or there is none), the sentence takes
the document's date: "Armenia asked Russia for help under the 1997 Treaty" in
an article of 13 Sept 2022 reports a request of 2022, not of 1997.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import SentenceInfo, TimeExpression

# Dependency labels by which an expression modifies a noun (spaCy English and UD names).
NOMINAL_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod", "nmod:poss", "nmod:tmod"})
# Nouns that are themselves times: "the night of 12 December", "the early hours of
# 13 September" date the event; they do not name a thing.
TIME_NOUNS = frozenset({
    "night", "morning", "evening", "afternoon", "hour", "hours", "day", "days", "dawn", "dusk", "eve",
    "week", "weekend", "month", "year", "midnight", "noon", "time", "period", "date",
})


def _is_thing(tok: Token, span: Span) -> bool:
    return (tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "DATE" and tok.i not in range(span.start, span.end)
            and tok.lemma_.lower() not in TIME_NOUNS and tok.lower_ not in TIME_NOUNS)


def _modifies_noun(tok: Token, span: Span) -> bool:
    """Does ``tok`` (the root of an expression) attach to a noun as a modifier
    naming which thing is meant?"""
    head = tok.head
    if tok.dep_ in NOMINAL_DEPS and _is_thing(head, span):
        return True
    # "the war of 2020": the expression is the object of "of" hanging from a noun.
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.dep_ == "prep" and _is_thing(head.head, span)


def _score(sent: Span, tx: TimeExpression) -> tuple[int, int] | None:
    """(steps to the root, token distance to the root), or None when the
    expression cannot govern the sentence (unaligned, or modifying a noun)."""
    span = sent.doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    root = sent.root
    # Only the expression's own attachment counts: a date deeper inside a noun
    # phrase ("asked under Article 4 of its treaty on Tuesday") is more often a
    # misattached adverbial than a name.
    if tok is not root and _modifies_noun(tok, span):
        return None
    steps, cur = 0, tok
    while cur is not root and cur.head is not cur and steps < 20:
        cur = cur.head
        steps += 1
    if cur is not root:
        steps = 99
    return steps, abs(tok.i - root.i)


def governing_expression(sent: Span, timexes: list[TimeExpression]) -> TimeExpression | None:
    """The expression that dates the sentence's main event, or None."""
    inside = [t for t in timexes if sent.start_char <= t.start < sent.end_char and t.value]
    scored = [(s, t) for t in inside if (s := _score(sent, t)) is not None]
    if not scored:
        return None
    return min(scored, key=lambda st: st[0])[1]


def sentence_infos(doc, timexes: list[TimeExpression]) -> list[SentenceInfo]:
    """One record per ``doc.sents`` with the governing date or the document's."""
    pub = doc._.published
    out = []
    for i, sent in enumerate(doc.sents):
        best = governing_expression(sent, timexes)
        if best is not None:
            info = SentenceInfo(i, sent.start_char, sent.end_char, sent.text, best.value, best.granularity, "timex")
        else:
            info = SentenceInfo(i, sent.start_char, sent.end_char, sent.text,
                                pub.isoformat() if pub else None, "document", "document")
        out.append(info)
    return out
