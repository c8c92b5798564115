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
- ``doc._.text``: the document's text, built once. spaCy's ``Doc.text`` joins
  every token anew at each call (about 2 ms for a 550-token article), and
  several stages read the whole text.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = ("doc_id", "published", "actors", "timexes", "places", "sentences", "events", "quotes", "dateline_day",
                  "voice")


_TEXT_KEY = ("foedus", "text")


def _cached_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` (which spaCy serialises and copies with the Doc)."""
    text = doc.user_data.get(_TEXT_KEY)
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != length:  # not built yet, or a Doc made from another's data
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Keep the text a Doc was tokenised from, so that ``doc._.text`` never rebuilds it."""
    doc.user_data[_TEXT_KEY] = text


def ensure_extensions() -> None:
    """Register the attributes once; safe to call from every component."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("text"):
        Doc.set_extension("text", getter=_cached_text)
