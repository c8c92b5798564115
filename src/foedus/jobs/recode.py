"""Re-running actor resolution and event coding on stored documents.

Users tune dictionaries constantly; re-ingesting would re-clean and re-hash
everything and lose nothing but time. Recode parses the stored clean texts
again with the current knowledge and swaps all derived rows in one
transaction, so readers see either the old coding or the new one, never a mix.
Analyst overrides of ledger verdicts live in their own table and are kept.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from ..coding.merge import merge_events
from ..ingest.document import DocumentRecord
from ..settings import Settings
from ..store import write as store_write
from ..store.db import connect, threads_while
from .analyse import Analysed, analyser_for, reanalyse
from .heap import settled_heap
from .pool import analysis_pool, reanalyse_prebuilt

_KEY_SQL = "SELECT doc_id, sent_index, trigger_start, source_code, target_code, cameo, negated, modality FROM event_mentions"


@dataclass
class RecodeReport:
    run_id: str
    documents: int = 0
    mentions_before: int = 0
    mentions_after: int = 0
    events_before: int = 0
    events_after: int = 0
    added: int = 0
    removed: int = 0
    recoded: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def _snapshot(con) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    return {tuple(r[:5]): tuple(r[5:]) for r in con.execute(_KEY_SQL).fetchall()}


def _stored_documents(con) -> list[DocumentRecord]:
    cur = con.execute(
        "SELECT doc_id, content_hash, text_hash, path, source_format, record_index, raw_text, text, n_words, published,"
        " outlet, meta, author FROM documents ORDER BY doc_id"
    )
    return [
        DocumentRecord(
            doc_id=r[0], content_hash=r[1], text_hash=r[2], path=r[3], source_format=r[4], record_index=r[5],
            raw_text="", text=r[7], n_words=r[8], published=r[9], outlet=r[10], meta=_meta(r[11]), author=r[12],
        )
        for r in cur.fetchall()
    ]


def _meta(value: Any) -> dict[str, Any]:
    """The stored meta of a document (JSON text), as far as the recode needs it (its dateline's day, its part)."""
    if isinstance(value, dict):
        data = value
    else:
        try:
            data = json.loads(value) if value else {}
        except (TypeError, ValueError):
            return {}
    return {k: data[k] for k in ("dateline_day", "part") if isinstance(data, dict) and k in data}


def _reanalysed(batches: list[list[DocumentRecord]], settings: Settings) -> Iterator[list[Analysed]]:
    """Each batch parsed again, in order: by ``settings.workers`` workers forked after
    the pipeline is built (they share it, as an ingest's workers do), else here."""
    if settings.workers > 1 and len(batches) > 1:
        with analysis_pool(settings, settings.workers) as pool:
            yield from pool.map(reanalyse_prebuilt, batches, repeat(settings))
    else:
        analyser_for(settings)  # built before the heap is settled, so that it is frozen with the rest
        with settled_heap(mmap_threshold=settings.malloc_mmap_threshold):
            for batch in batches:
                yield reanalyse(batch, settings)


def recode(settings: Settings) -> RecodeReport:
    """Recode every stored document; returns what changed."""
    report = RecodeReport(run_id=uuid.uuid4().hex[:12])
    con = connect(settings.db_path, memory_limit=settings.db_memory_limit)
    store_write.start_run(con, report.run_id, "recode")
    before = _snapshot(con)
    report.mentions_before = len(before)
    report.events_before = con.execute("SELECT count(*) FROM events").fetchone()[0]
    docs = _stored_documents(con)
    report.documents = len(docs)
    size = settings.batch_size
    batches = [docs[i : i + size] for i in range(0, len(docs), size)]
    con.execute("BEGIN TRANSACTION")
    try:
        # rows are written as batches come back (one transaction still): the
        # analysed documents are never all held in memory at once
        with threads_while(con, settings.db_threads):  # the analysis has the cores; the merge gets them back
            for part in _reanalysed(batches, settings):
                store_write.replace_annotations(con, [(res.document.doc_id, res.rows) for res in part])
                # the same text gives the same signature: this fills those of documents stored without one
                store_write.fill_signatures(con, {res.document.doc_id: res.signature for res in part})
        merged = merge_events(con, own_transaction=False)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    after = _snapshot(con)
    report.mentions_after = len(after)
    report.events_after = merged.events
    for key, value in after.items():
        if key not in before:
            report.added += 1
        elif before[key] != value:
            report.recoded += 1
            if len(report.examples) < 20:
                report.examples.append({"doc_id": key[0], "sentence": key[1], "before": before[key], "after": value})
    report.removed = sum(1 for key in before if key not in after)
    store_write.finish_run(con, report.run_id, report.to_dict())
    con.close()
    return report
