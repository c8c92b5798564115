"""Events as PLOVER/POLECAT-style JSON records (one per line).

PLOVER describes events by type, mode and context instead of a CAMEO code;
this export keeps the CAMEO code beside it and the evidence sentences.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator


def records(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for ev in events:
        src, tgt = ev["source"] or {}, ev["target"] or {}
        yield {
            "id": ev["event_id"],
            "event_date": ev["date"],
            "date_precision": ev["date_precision"],
            "event_type": ev["plover"]["type"],
            "event_mode": ev["plover"]["mode"],
            "event_context": ev["plover"]["context"],
            "cameo": ev["cameo"],
            "actor": src.get("name"),
            "actor_code": src.get("code"),
            "actor_country": src.get("country"),
            "actor_sector": src.get("role"),
            "recipient": tgt.get("name"),
            "recipient_code": tgt.get("code"),
            "recipient_country": tgt.get("country"),
            "recipient_sector": tgt.get("role"),
            "negated": ev["negated"],
            "modality": ev["modality"],
            "claimed_by": ev["claimed_by"],
            "location": ev["location"],
            "mentions": ev["mentions"],
            "sources": ev["sources"],
            "event_text": [e["sentence"] for e in ev["evidence"]],
            "story_ids": sorted({e["doc_id"] for e in ev["evidence"]}),
        }
