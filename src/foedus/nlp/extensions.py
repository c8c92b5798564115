"""The ``Doc._`` attributes our components read and write.

Registered in one place so that every component (and a user's own pipeline)
agrees on names. Values are plain records from :mod:`foedus.records`.

- ``doc._.doc_id``: the store's id of the document (optional).
- ``doc._.published``: ``datetime.date`` the text is anchored to (publication
  date); components that resolve time or tenure fall back to today when unset.
- ``doc._.actors``: list[ActorMention], sorted by offset.
- ``doc._.timexes``: list[TimeExpression].
- ``doc._.places``: list[PlaceMention].
- ``doc._.sentences``: list[SentenceInfo] (one per ``doc.sents``, with its date).
- ``doc._.events``: list[CodedEvent].
- ``doc._.quotes``: list[Quote].
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = ("doc_id", "published", "actors", "timexes", "places", "sentences", "events", "quotes", "dateline_day")


def ensure_extensions() -> None:
    """Register the attributes once; safe to call from every component."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
