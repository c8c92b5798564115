"""Annotations of one document as store rows.

This is the single place where NLP records meet table columns, so the store
stays ignorant of spaCy and the stages stay ignorant of DuckDB. Event rows are
enriched here with the codebook (root, quad class, Goldstein, PLOVER).
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from ..coding.codebook import Codebook
from ..nlp.annotations import Annotations
from ..records import ActorMention, CodedEvent


def _actor_cols(prefix: str, a: ActorMention | None) -> dict[str, Any]:
    return {
        f"{prefix}_code": a.code if a else None,
        f"{prefix}_name": a.name if a else None,
        f"{prefix}_country": a.country if a else None,
        f"{prefix}_org": a.org if a else None,
        f"{prefix}_role": a.role if a else None,
        f"{prefix}_text": a.text if a else None,
    }


def _entry(codebook: Codebook, code: str):
    """The codebook entry of a code, or of its base or root code.

    A user pattern may name a code the codebook lacks (a local extension);
    its CAMEO base or root still says what kind of event it is.
    """
    for candidate in (code, code[:3], code[:2]):
        entry = codebook.get(candidate)
        if entry is not None:
            return entry
    raise ValueError(f"event code {code!r} is neither in the codebook nor under a known CAMEO root")


def _key(a: ActorMention | None) -> str | None:
    """Country-level actor key: organisation, else ISO3 country (as ``analysis.filters.actor_key``)."""
    if a is None:
        return None
    return a.org if a.org is not None else a.country


def event_row(
    doc_id: str, n: int, ev: CodedEvent, codebook: Codebook,
    outlet: str | None = None, published: date | None = None,
) -> dict[str, Any]:
    """One ``event_mentions`` row; ``outlet``/``published`` are those of the mention's own document."""
    entry = _entry(codebook, ev.cameo)
    row: dict[str, Any] = {
        "mention_id": f"{doc_id}:{ev.sent_index}:{n}",
        "event_id": None,
        "doc_id": doc_id,
        "sent_index": ev.sent_index,
        "sent_start": ev.sent_start,
        "sent_end": ev.sent_end,
        "sentence": ev.sentence,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "outlet": outlet,
        "published": published,
    }
    row.update(_actor_cols("source", ev.source))
    row.update(_actor_cols("target", ev.target))
    row["source_key"] = _key(ev.source)
    row["target_key"] = _key(ev.target)
    row["target_from"] = ev.extra.get("target_from")
    row.update(
        {
            "cameo": ev.cameo,
            "root": ev.cameo[:2],
            "quad_class": entry.quad_class,
            "goldstein": entry.goldstein,
            "plover_type": entry.plover_type,
            "plover_mode": entry.plover_mode,
            "plover_context": entry.plover_context,
            "negated": ev.negated,
            "modality": ev.modality,
            "claimed_by_code": ev.claimed_by.code if ev.claimed_by else None,
            "claimed_by_name": ev.claimed_by.name if ev.claimed_by else None,
            "trigger_start": ev.trigger_start,
            "trigger_end": ev.trigger_end,
            "trigger_text": ev.trigger,
            "pattern_id": ev.pattern_id,
            "location_name": ev.location.name if ev.location else None,
            "location_country": ev.location.country if ev.location else None,
            "location_lat": ev.location.lat if ev.location else None,
            "location_lon": ev.location.lon if ev.location else None,
            "location_level": ev.location.level if ev.location else None,
        }
    )
    return row


def _span_row(doc_id: str, record: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A span record as a row: its fields by name, offsets as ``start_char``/``end_char``.

    The annotation tables name their columns after the record fields, so a
    field added to a record (with its column) needs no change here.
    """
    row: dict[str, Any] = {"doc_id": doc_id, "start_char": record.start, "end_char": record.end}
    for f in fields(record):
        if f.name not in ("start", "end", *skip):
            row[f.name] = getattr(record, f.name)
    return row


def annotation_rows(
    doc_id: str, ann: Annotations, codebook: Codebook,
    outlet: str | None = None, published: date | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Rows for every annotation table, keyed by table name.

    ``outlet`` and ``published`` are the document's; event mention rows carry
    them so that per-outlet views need not join ``documents``.
    """
    rows: dict[str, list[dict[str, Any]]] = {}
    rows["sentences"] = [
        {
            "doc_id": doc_id,
            "sent_index": s.index,
            "start_char": s.start,
            "end_char": s.end,
            "text": s.text,
            "date": s.date,
            "date_precision": s.date_precision,
            "date_from": s.date_from,
        }
        for s in ann.sentences
    ]
    rows["tokens"] = [
        {
            "doc_id": doc_id,
            "tok_index": i,
            "start_char": t[0],
            "end_char": t[1],
            "sent_index": t[2],
            "pos": t[3],
            "dep": t[4],
            "head_index": t[5],
            "lemma": t[6],
        }
        for i, t in enumerate(ann.tokens)
    ]
    rows["actor_mentions"] = [_span_row(doc_id, a, skip=("antecedent",)) for a in ann.actors]
    rows["time_expressions"] = [_span_row(doc_id, t) for t in ann.timexes]
    rows["place_mentions"] = [_span_row(doc_id, p) for p in ann.places]
    rows["quotes"] = [
        {
            "doc_id": doc_id,
            "sent_index": q.sent_index,
            "start_char": q.start,
            "end_char": q.end,
            "text": q.text,
            "kind": q.kind,
            "speaker_code": q.speaker.code if q.speaker else None,
            "speaker_name": q.speaker.name if q.speaker else None,
            "speaker_country": q.speaker.country if q.speaker else None,
            "speaker_text": q.speaker.text if q.speaker else None,
        }
        for q in ann.quotes
    ]
    rows["event_mentions"] = [
        event_row(doc_id, n, ev, codebook, outlet=outlet, published=published) for n, ev in enumerate(ann.events)
    ]
    return rows
