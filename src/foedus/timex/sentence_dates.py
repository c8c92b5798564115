"""Which temporal expression governs a sentence's main predicate.

Why a dependency path rather than "the first date in the sentence": in
"Armenia invoked the 1997 treaty on 13 September" the year modifies a noun
(which treaty) while the day modifies the verb (when the invoking happened).
We score each expression by whether it modifies a noun, then by how many
dependency steps separate it from the sentence root, then by token distance.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..records import SentenceInfo, TimeExpression

_ADVERBIAL = {"prep", "pobj", "npadvmod", "advmod", "tmod", "obl", "advcl", "ROOT"}


def _score(sent: Span, tx: TimeExpression) -> tuple[int, int, int] | None:
    span = sent.doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    root = sent.root
    steps, nominal, cur = 0, 0, tok
    while cur is not root and cur.head is not cur and steps < 20:
        if cur.dep_ in ("nummod", "compound", "amod", "poss", "nmod") and cur.head.pos_ in ("NOUN", "PROPN") \
                and cur.head.ent_type_ != "DATE" and cur.head.i not in range(span.start, span.end):
            nominal = 1
        cur = cur.head
        steps += 1
    if cur is not root:
        steps = 99
    return nominal, steps, abs(tok.i - root.i)


def sentence_infos(doc, timexes: list[TimeExpression]) -> list[SentenceInfo]:
    """One record per ``doc.sents`` with the governing date or the document's."""
    pub = doc._.published
    out = []
    for i, sent in enumerate(doc.sents):
        inside = [t for t in timexes if sent.start_char <= t.start < sent.end_char and t.value]
        best = None
        scored = [(s, t) for t in inside if (s := _score(sent, t)) is not None]
        if scored:
            best = min(scored, key=lambda st: st[0])[1]
        if best is not None:
            info = SentenceInfo(i, sent.start_char, sent.end_char, sent.text, best.value, best.granularity, "timex")
        else:
            info = SentenceInfo(i, sent.start_char, sent.end_char, sent.text,
                                pub.isoformat() if pub else None, "document", "document")
        out.append(info)
    return out
