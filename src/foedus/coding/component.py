"""The ``foedus_events`` spaCy component.

Reads ``doc._.actors``, ``doc._.sentences``, ``doc._.places`` (None counts as
empty) and leaves ``doc._.events`` (list of CodedEvent) and ``doc._.quotes``
(list of Quote). Users add their own pattern files with the ``extra_files``
config; the packaged patterns are always loaded first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import ensure_extensions
from .coder import EventCoder
from .quotes import QuoteFinder
from .slots import MentionIndex


@Language.factory("foedus_events", default_config={"extra_files": []})
def make_event_coder(nlp: Language, name: str, extra_files: list[str]) -> "EventComponent":
    return EventComponent(extra_files)


class EventComponent:
    """Codes events and quotations sentence by sentence."""

    def __init__(self, extra_files: list[str] | tuple[str, ...] = ()) -> None:
        ensure_extensions()
        self.coder = EventCoder(extra_files=list(extra_files))
        self.quotes = QuoteFinder(self.coder)

    def __call__(self, doc: Doc) -> Doc:
        index = MentionIndex(doc, doc._.actors)  # the same mentions serve the events and the quotations
        doc._.events = self.coder.code(doc, index).events
        doc._.quotes = self.quotes.find(doc, index)
        return doc
