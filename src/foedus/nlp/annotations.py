"""Everything the pipeline found in one document, as plain records.

Why a separate record: worker processes send this back to the parent, which
writes it to the store; neither the pickle nor the store should carry spaCy
objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import ActorMention, CodedEvent, PlaceMention, Quote, SentenceInfo, TimeExpression

# (start_char, end_char, sent_index, pos, dep, head_index, lemma)
TokenRow = tuple[int, int, int, str, str, int, str]


@dataclass(frozen=True)
class Annotations:
    sentences: list[SentenceInfo] = field(default_factory=list)
    tokens: list[TokenRow] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    timexes: list[TimeExpression] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[CodedEvent] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def _fallback_sentences(doc: Doc, sents: list) -> list[SentenceInfo]:
    """Sentences dated by the document when no time stage ran."""
    published = doc._.published.isoformat() if doc._.published else None
    return [
        SentenceInfo(i, s.start_char, s.end_char, s.text, published, "document", "document")
        for i, s in enumerate(sents)
    ]


def from_doc(doc: Doc, keep_tokens: bool = True) -> Annotations:
    """Collect the ``Doc._`` results of our components into one record."""
    sents = list(doc.sents)  # doc.sents is recomputed on every access
    sentences = doc._.sentences or _fallback_sentences(doc, sents)
    tokens: list[TokenRow] = []
    if keep_tokens:
        sent_of = {}
        for i, s in enumerate(sents):
            for t in s:
                sent_of[t.i] = i
        tokens = [
            (t.idx, t.idx + len(t.text), sent_of.get(t.i, 0), t.pos_, t.dep_, t.head.i, t.lemma_)
            for t in doc
            if not t.is_space
        ]
    return Annotations(
        sentences=list(sentences),
        tokens=tokens,
        actors=list(doc._.actors or []),
        timexes=list(doc._.timexes or []),
        places=list(doc._.places or []),
        events=list(doc._.events or []),
        quotes=list(doc._.quotes or []),
    )
