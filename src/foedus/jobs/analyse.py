"""From raw items to stored-ready documents: decode, clean, describe, parse.

This is a pure function of a batch of items plus read-only knowledge (the
spaCy pipeline, the codebook), so the same code runs in-process, in a local
process pool (``--workers N``), or on a cluster: only items go in and plain
records come out.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from ..coding.codebook import Codebook, load_codebook
from ..ingest.clean import CleaningError, CleanResult, clean_html, clean_text
from ..ingest.decode import DecodeError, decode_bytes
from ..ingest.guard import OverBudget, budget_for, reason, time_budget
from ..ingest.dedupe import sketch, text_hash
from ..ingest.document import DocumentRecord
from ..ingest.language import detect_language
from ..ingest.meta import dateline_date, infer_metadata
from ..ingest.given import parse_given_date
from ..ingest.read import RawItem, Rejection
from ..memo import MEMO_SIZE, Memo
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
    signature: bytes = b""  # MinHash signature (``ingest.dedupe.sketch``), stored as ``documents.minhash``

    def document_dict(self) -> dict[str, Any]:
        """The document's row values, its signature with them (NULL when the text has no words)."""
        return {**self.document.to_dict(), "minhash": self.signature or None}


def _choose(given: str | None, inferred: tuple[Any, str] | None) -> tuple[Any, str]:
    if given:
        return given, "given"
    if inferred and inferred[0] not in (None, ""):
        return inferred[0], inferred[1]
    return None, "unknown"


def describe(item: RawItem, settings: Settings) -> DocumentRecord | Rejection:
    """Decode and clean one item and settle its metadata; no spaCy needed."""
    try:
        decoded = decode_bytes(item.body, item.kind)
    except DecodeError as exc:
        return Rejection(item.path, str(exc))
    raw = decoded.text
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
    given = item.given
    # The language first: a Chinese article has no "words" split by spaces, and
    # "no article text" would hide what it is.
    lang, confidence = detect_language(text if len(text) >= 80 else raw[:20000])
    if given.get("language"):
        language, language_source, confidence = given["language"], "given", 1.0
    else:
        language, language_source = lang, ("inferred" if lang else "unknown")
    if language and not str(language).lower().startswith("en"):
        # sure of another language: refuse it by name; a short text too unsure to name is left unnamed
        enough = confidence >= (0.5 if len(text.split()) < settings.min_words else 0.3)
        if enough:
            return Rejection(item.path, f"not English (language {language_name(str(language))}, {language_source}"
                             + (f", confidence {confidence:.2f})" if language_source == "inferred" else ")"))
        language, language_source = None, "unknown"
    n_words = len(text.split())
    if n_words < settings.min_words:
        return Rejection(item.path, f"no article text after cleaning ({n_words} words; at least {settings.min_words} needed)")
    published_given = parse_given_date(given.get("published")) if given.get("published") else None
    # the language is named above; the text is searched for a date only when none was given
    inferred = infer_metadata(cleaned, raw, item.path, html_meta, language=(lang, confidence),
                              published_given=published_given is not None)
    if given.get("published") and published_given is None:
        # A manifest date we cannot read is worse than none: say so in meta (and the report).
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
    dateline_day = dateline_date(cleaned, published if isinstance(published, date) else None)
    if dateline_day is not None:
        meta["dateline_day"] = dateline_day.isoformat()
    meta["encoding"] = decoded.encoding
    if decoded.how != "utf-8":
        meta["encoding_from"] = decoded.how
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


def dateline_day_of(record: DocumentRecord) -> date | None:
    """The day of the document's dateline (kept in ``meta`` when the cleaner took it out of the text); only for
    the document's first part, whose opening sentences it dates."""
    meta = record.meta or {}
    if meta.get("part") not in (None, 1):
        return None
    try:
        return date.fromisoformat(str(meta["dateline_day"])[:10]) if meta.get("dateline_day") else None
    except ValueError:
        return None


def language_name(code: str) -> str:
    """'zh' -> 'zh, Chinese': the code a program reads and the name a person does."""
    try:
        import pycountry

        lang = pycountry.languages.get(alpha_2=code.lower()[:2])
    except Exception:  # pragma: no cover - pycountry broken
        lang = None
    return f"{code}, {lang.name}" if lang is not None else code


_PARAGRAPH = re.compile(r"\n\s*\n")
_LINE = re.compile(r"\n")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def split_parts(text: str, limit: int) -> list[str] | None:
    """The text in parts of at most ``limit`` characters, cut at paragraph
    boundaries (then line ends, then sentence ends); None when a single
    sentence is longer than ``limit`` (nothing to cut at)."""
    if len(text) <= limit:
        return [text]
    for sep in (_PARAGRAPH, _LINE, _SENTENCE):
        pieces = [p for p in sep.split(text) if p.strip()]
        if all(len(p) <= limit for p in pieces):
            break
    else:
        return None
    joiner = "\n\n" if sep is _PARAGRAPH else "\n" if sep is _LINE else " "
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{joiner}{piece}" if current else piece
        if len(candidate) > limit and current:
            parts.append(current)
            current = piece
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def in_parts(record: DocumentRecord, limit: int) -> list[DocumentRecord] | Rejection:
    """A document too long to parse at once, as parts stored side by side.

    Part 1 keeps the document's id and content hash (so the same file is
    recognised again); the others get ids of their own. Each part says which
    part of how many it is, in ``meta``.
    """
    parts = split_parts(record.text, limit)
    if parts is None:
        return Rejection(record.path, f"text of {len(record.text):,} characters has a passage over {limit:,} "
                         "characters with no paragraph, line or sentence break to split it at")
    if len(parts) == 1:
        return [record]
    out = []
    for i, part in enumerate(parts, start=1):
        doc_id = record.doc_id if i == 1 else hashlib.sha256(f"{record.content_hash}:part{i}".encode()).hexdigest()[:16]
        out.append(replace(
            record, doc_id=doc_id, text=part, raw_text=part, text_hash=text_hash(part), n_words=len(part.split()),
            meta={**record.meta, "part": i, "parts": len(parts), "split": "paragraphs"},
        ))
    return out


class Analyser:
    """Holds the loaded pipeline and codebook for one process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = build_nlp(settings)
        self.codebook: Codebook = load_codebook()
        # author -> (the actor the document speaks for, or None): bounded, as a year of news has many bylines
        self._voices: Memo[str, tuple[Any]] = Memo(MEMO_SIZE)
        # What cleaning loads on first use, loaded with the pipeline: the first
        # batch costs what the others cost. The language model is loaded only
        # for a text that is not plainly English (see ingest/language.py).
        from ..ingest.clean import _knowledge as cleaning_knowledge

        cleaning_knowledge()

    def voice_of(self, author: str | None) -> Any:
        """The actor a document speaks for, when its author is one: a ministry's or an alliance's own statement
        ("MFA of Ukraine", "NATO"). The author's words must name one state organ or organisation and nothing
        else: a person, a news outlet (media speak for nobody), a bare state or a name that only contains an
        actor ("Saudi Gazette report") is no voice."""
        if not author or len(author) > 80:
            return None
        known = self._voices.get(author)
        if known is None:
            known = self._voices.answer(author, lambda: (self._read_voice(author),))
        return known[0]

    def _read_voice(self, author: str) -> Any:
        doc = self.nlp(make_doc(self.nlp, author, None))
        words = [t for t in doc if t.is_alpha and not t.is_stop]
        found = [m for m in (doc._.actors or []) if m.code]
        if len(found) == 1 and words:
            m = found[0]
            if all(m.start <= t.idx < m.end for t in words) and m.role != "MED" and not m.person \
                    and (m.org or m.role):
                return m
        return None

    def annotate(self, docs: list[DocumentRecord]) -> list[Analysed]:
        """Parse documents in one ``nlp.pipe`` batch and turn results into rows."""
        out: list[Analysed] = []
        # The store writes the whole batch; the parser sees small groups, because its working memory
        # grows with the text it holds at once (about 3 KB a character), not with the count of documents.
        # Each group is parsed in a spaCy memory zone: the strings and words it brings (names, numbers)
        # are freed when its rows are made, so a long run's vocabulary does not grow without end. No
        # spaCy object of the zone outlives it, and no memo kept across documents reads a string back
        # from a hash (the lemma memo keeps its strings; a byline's voice is parsed in the zone too and kept
        # as plain values).
        for group in parse_groups(docs, self.settings.parse_batch_size, self.settings.parse_batch_chars):
            with self.nlp.memory_zone():
                voices = [self.voice_of(d.author) for d in group]
                spacy_docs = (make_doc(self.nlp, d.text, d.published, d.doc_id, dateline_day_of(d), v)
                              for d, v in zip(group, voices))
                for record, sdoc in zip(group, self.nlp.pipe(spacy_docs, batch_size=len(group))):
                    rows = annotation_rows(record.doc_id, from_doc(sdoc, keep_tokens=self.settings.store_tokens),
                                           self.codebook, outlet=record.outlet, published=record.published)
                    sk = sketch(record.text)
                    out.append(Analysed(record, rows, sk.buckets, sk.signature))
        return out

    def _budget(self, n_bytes: int) -> float:
        return budget_for(n_bytes, self.settings.seconds_per_mb, self.settings.min_seconds)

    def _describe(self, item: RawItem) -> list[DocumentRecord] | Rejection:
        """One item cleaned under its own guard: any failure or a run over its
        time budget is a rejection naming the reason, never a crash of the batch."""
        try:
            with time_budget(self._budget(len(item.body))):
                d = describe(item, self.settings)
                if isinstance(d, Rejection):
                    return d
                return in_parts(d, self.settings.max_part_chars)
        except Exception as exc:  # noqa: BLE001 - the guard: one input's failure is its rejection
            return Rejection(item.path, reason(exc))

    def _annotate_guarded(self, docs: list[DocumentRecord]) -> list[Analysed | Rejection]:
        """The batch parsed at once within the sum of its budgets; when that
        fails or runs over, each document again under its own budget, so only
        the culprit is rejected."""
        if not docs:
            return []
        try:
            with time_budget(sum(self._budget(len(d.text.encode())) for d in docs)):
                return list(self.annotate(docs))
        except Exception:  # noqa: BLE001 - retried one by one below
            pass
        out: list[Analysed | Rejection] = []
        for d in docs:
            try:
                with time_budget(self._budget(len(d.text.encode()))):
                    out.extend(self.annotate([d]))
            except Exception as exc:  # noqa: BLE001
                out.append(Rejection(d.path, reason(exc)))
        return out

    def analyse(self, items: list[RawItem]) -> list[Analysed | Rejection]:
        described: list[DocumentRecord | Rejection] = []
        for item in items:
            d = self._describe(item)
            described.extend(d if isinstance(d, list) else [d])
        good = [d for d in described if isinstance(d, DocumentRecord)]
        annotated = iter(self._annotate_guarded(good))
        return [next(annotated) if isinstance(d, DocumentRecord) else d for d in described]


def parse_groups(docs: list[DocumentRecord], max_docs: int, max_chars: int) -> list[list[DocumentRecord]]:
    """The documents in order, cut into groups of at most ``max_docs`` documents
    and ``max_chars`` characters, one ``nlp.pipe`` batch each.

    Why characters: the parser's activations take about 3 KB per character of
    the text parsed at once, so sixteen long reports in one batch would need
    gigabytes where sixteen news items need some 150 MB. A document longer than
    ``max_chars`` is a group of its own (``max_part_chars`` bounds it).
    """
    groups: list[list[DocumentRecord]] = []
    size = 0
    for d in docs:
        if groups and len(groups[-1]) < max_docs and size + len(d.text) <= max_chars:
            groups[-1].append(d)
            size += len(d.text)
        else:
            groups.append([d])
            size = len(d.text)
    return groups


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


__all__ = ["Analysed", "Analyser", "analyse_batch", "describe", "parse_groups", "reanalyse"]
