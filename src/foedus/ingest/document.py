"""The document record the store keeps, with where each metadata value came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DocumentRecord:
    """One cleaned document ready to be stored.

    Every metadata value carries its provenance (``given`` by a manifest or
    record, ``inferred`` from the text, ``unknown``) because an analyst has to
    know whether a date was printed on the page or guessed from the content.
    """

    doc_id: str
    content_hash: str
    text_hash: str
    path: str
    source_format: str
    record_index: int | None
    raw_text: str
    text: str
    n_words: int
    url: str | None = None
    outlet: str | None = None
    outlet_source: str = "unknown"
    title: str | None = None
    title_source: str = "unknown"
    published: date | None = None
    published_source: str = "unknown"
    author: str | None = None
    author_source: str = "unknown"
    language: str | None = None
    language_source: str = "unknown"
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
