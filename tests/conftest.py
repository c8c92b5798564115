"""Shared test helpers: small stores built from rows we write ourselves."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from foedus.store.db import connect
from foedus.store.write import insert_rows

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip: the reference material is optional."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared reference material is not installed next to the repository)")
    return path


def document(doc_id: str, outlet: str, published: date, text: str, **extra: Any) -> dict[str, Any]:
    row = {
        "doc_id": doc_id, "content_hash": doc_id * 4, "text_hash": doc_id * 4, "path": f"{doc_id}.txt",
        "source_format": "txt", "record_index": None, "url": f"https://{outlet.lower().replace(' ', '-')}.example/{doc_id}",
        "outlet": outlet, "outlet_source": "given", "title": f"Story {doc_id}", "title_source": "given",
        "published": published, "published_source": "given", "author": None, "author_source": "unknown",
        "language": "en", "language_source": "inferred", "raw_text": text, "text": text,
        "n_words": len(text.split()), "meta": "{}",
    }
    row.update(extra)
    return row


def mention(doc_id: str, n: int, sentence: str, when: date, src: str, tgt: str | None, cameo: str, **extra: Any) -> dict[str, Any]:
    quad = {"01": 1, "02": 1, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2, "09": 2, "10": 3,
            "11": 3, "12": 3, "13": 3, "14": 3, "15": 4, "16": 3, "17": 4, "18": 4, "19": 4, "20": 4}[cameo[:2]]
    row = {
        "mention_id": f"{doc_id}:{n}:{n}", "event_id": None, "doc_id": doc_id, "sent_index": n,
        "sent_start": 0, "sent_end": len(sentence), "sentence": sentence, "date": when, "date_precision": "day",
        "source_code": src, "source_name": src, "source_country": src[:3], "source_org": None, "source_role": src[3:] or None,
        "source_text": src, "target_code": tgt, "target_name": tgt, "target_country": tgt[:3] if tgt else None,
        "target_org": None, "target_role": (tgt[3:] or None) if tgt else None, "target_text": tgt,
        "cameo": cameo, "root": cameo[:2], "quad_class": quad, "goldstein": -10.0 if quad == 4 else 3.0,
        "plover_type": None, "plover_mode": None, "plover_context": None, "negated": False, "modality": "asserted",
        "claimed_by_code": None, "claimed_by_name": None, "trigger_start": 0, "trigger_end": 1, "trigger_text": "x",
        "pattern_id": "test", "location_name": None, "location_country": None, "location_lat": None, "location_lon": None,
    }
    row.update(extra)
    return row


@pytest.fixture
def small_store():
    """Three outlets reporting one attack; one outlet's copy is a near-duplicate."""
    con = connect(":memory:")
    text = "Azerbaijani forces shelled Armenian positions near Jermuk on Tuesday."
    insert_rows(con, "documents", [
        document("d1", "Wire One", date(2022, 9, 13), text),
        document("d2", "Paper Two", date(2022, 9, 14), text + " More."),
        document("d3", "Paper Three", date(2022, 9, 14), text + " Copy.", near_dup_of="d1", near_dup_score=0.9),
        document("d4", "Paper Two", date(2022, 9, 30), "Russia and Armenia held talks in Moscow."),
    ])
    insert_rows(con, "event_mentions", [
        mention("d1", 0, text, date(2022, 9, 13), "AZEMIL", "ARMMIL", "195"),
        mention("d2", 0, text, date(2022, 9, 13), "AZEMIL", "ARMMIL", "194"),
        mention("d3", 0, text, date(2022, 9, 14), "AZEMIL", "ARMMIL", "195"),
        mention("d4", 0, "Russia and Armenia held talks in Moscow.", date(2022, 9, 29), "RUSGOV", "ARMGOV", "040"),
        mention("d2", 1, "Officials said no aid was sent.", date(2022, 9, 14), "RUSGOV", "ARMGOV", "070", negated=True),
    ])
    yield con
    con.close()
