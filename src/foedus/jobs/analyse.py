"""From raw items to stored-ready documents: decode, clean, describe, parse.

This is a pure function of a batch of items plus read-only knowledge (the
spaCy pipeline, the codebook), so the same code runs in-process, in a local
process pool (``--workers N``), or on a cluster: only items go in and plain
records come out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from ..coding.codebook import Codebook, load_codebook
from ..ingest.clean import CleaningError, CleanResult, clean_html, clean_text
from ..ingest.decode import DecodeError, decode
from ..ingest.dedupe import lsh_buckets, text_hash
from ..ingest.document import DocumentRecord
from ..ingest.language import detect_language
from ..ingest.meta import infer_metadata
from ..ingest.given import parse_given_date
from ..ingest.read import RawItem, Rejection
from ..nlp.annotations import from_doc
from ..nlp.pipeline import build_nlp, make_doc
from ..settings import Settings
from .rows import annotation_rows


@dataclass(frozen=True)
class Analysed:
    """A document with everything the store needs, ready to write."""

    document: DocumentRecord
    rows: dict[str, list[dict[str, Any]]]
    lsh: list[tuple[int, int]]


def _choose(given: str | None, inferred: tuple[Any, str] | None) -> tuple[Any, str]:
    if given:
        return given, "given"
    if inferred and inferred[0] not in (None, ""):
        return inferred[0], inferred[1]
    return None, "unknown"


def describe(item: RawItem, settings: Settings) -> DocumentRecord | Rejection:
    """Decode and clean one item and settle its metadata; no spaCy needed."""
    try:
        raw = decode(item.body, item.kind)
    except DecodeError as exc:
        return Rejection(item.path, str(exc))
    html_meta: dict[str, Any] | None = None
    try:
        if item.kind == "html":
            cleaned: CleanResult = clean_html(raw, max_depth=settings.max_html_depth)
            html_meta = cleaned.html_meta
        else:
            cleaned = clean_text(raw)
    except CleaningError as exc:
        return Rejection(item.path, str(exc))
    text = cleaned.text.strip()
    n_words = len(text.split())
    if n_words < settings.min_words:
        return Rejection(item.path, f"no article text after cleaning ({n_words} words; at least {settings.min_words} needed)")
    given = item.given
    lang, confidence = detect_language(text)
    if given.get("language"):
        language, language_source = given["language"], "given"
    else:
        language, language_source = lang, ("inferred" if lang else "unknown")
    if language and not str(language).lower().startswith("en"):
        return Rejection(item.path, f"not English (language {language}, {language_source}"
                         + (f", confidence {confidence:.2f})" if language_source == "inferred" else ")"))
    inferred = infer_metadata(cleaned, raw, item.path, html_meta)
    published_given = parse_given_date(given.get("published")) if given.get("published") else None
    if given.get("published") and published_given is None:
        # A manifest date we cannot read is worse than none: say so in meta.
        bad_date = given.get("published")
    else:
        bad_date = None
    outlet, outlet_source = _choose(given.get("outlet"), inferred.get("outlet"))
    title, title_source = _choose(given.get("title"), inferred.get("title"))
    author, author_source = _choose(given.get("author"), inferred.get("author"))
    if published_given:
        published, published_source = published_given, "given"
    else:
        published, published_source = _choose(None, inferred.get("published"))
    meta: dict[str, Any] = {k: v for k, v in given.items() if k not in {"outlet", "title", "author", "published", "language", "url"}}
    if bad_date:
        meta["unreadable_published"] = bad_date
    if cleaned.removed:
        meta["removed_lines"] = len(cleaned.removed)
    return DocumentRecord(
        doc_id=item.doc_id,
        content_hash=item.content_hash,
        text_hash=text_hash(text),
        path=item.path,
        source_format=item.source_format,
        record_index=item.record_index,
        raw_text=raw,
        text=text,
        n_words=n_words,
        url=given.get("url"),
        outlet=outlet,
        outlet_source=outlet_source,
        title=title,
        title_source=title_source,
        published=published if isinstance(published, date) else None,
        published_source=published_source if isinstance(published, date) else "unknown",
        author=author,
        author_source=author_source,
        language=language,
        language_source=language_source,
        meta=meta,
    )


class Analyser:
    """Holds the loaded pipeline and codebook for one process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = build_nlp(settings)
        self.codebook: Codebook = load_codebook()

    def annotate(self, docs: list[DocumentRecord]) -> list[Analysed]:
        """Parse documents in one ``nlp.pipe`` batch and turn results into rows."""
        spacy_docs = (make_doc(self.nlp, d.text, d.published, d.doc_id) for d in docs)
        out: list[Analysed] = []
        for record, sdoc in zip(docs, self.nlp.pipe(spacy_docs, batch_size=self.settings.batch_size)):
            rows = annotation_rows(record.doc_id, from_doc(sdoc), self.codebook,
                                   outlet=record.outlet, published=record.published)
            out.append(Analysed(record, rows, lsh_buckets(record.text)))
        return out

    def analyse(self, items: list[RawItem]) -> list[Analysed | Rejection]:
        described = [describe(item, self.settings) for item in items]
        good = [d for d in described if isinstance(d, DocumentRecord)]
        annotated = iter(self.annotate(good))
        return [next(annotated) if isinstance(d, DocumentRecord) else d for d in described]


@lru_cache(maxsize=2)
def analyser_for(settings: Settings) -> Analyser:
    """One analyser per process and settings (the model loads once)."""
    return Analyser(settings)


def analyse_batch(items: list[RawItem], settings: Settings) -> list[Analysed | Rejection]:
    """Process-pool entry point: picklable arguments in, plain records out."""
    return analyser_for(settings).analyse(items)


def reanalyse(records: list[DocumentRecord], settings: Settings) -> list[Analysed]:
    """Parse stored documents again (recode): same stages, no re-cleaning."""
    return analyser_for(settings).annotate(records)


__all__ = ["Analysed", "Analyser", "analyse_batch", "describe", "reanalyse"]
