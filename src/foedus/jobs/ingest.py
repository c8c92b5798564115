"""The main job: read -> clean -> parse -> resolve -> code -> store -> merge.

Why this shape: reading and writing happen in this process (one writer to the
DuckDB file); analysing happens in batches that can go to worker processes.
Each batch of documents is written in one transaction and the cross-document steps
(near-duplicate links, event merging) are recomputed from what is stored, so
a run that is killed and started again ends with the same database as one
that was never interrupted.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..coding.merge import merge_pending
from ..ingest.read import Manifest, RawItem, Rejection, Skipped, iter_inputs, load_manifest
from ..settings import Settings
from ..store import read as store_read
from ..store import write as store_write
from ..store.db import release_cache
from ..store.session import WritingSession
from .analyse import Analysed, analyse_batch, analyser_for
from .heap import settled_heap
from .links import link_batch
from .passed_on import PassedOn
from .pool import analyse_in_pool, die_with_parent  # noqa: F401  (die_with_parent: the pool's initializer)
from .report_lines import ReportLines


@dataclass
class IngestReport:
    """What a run did, for the person who started it."""

    run_id: str
    read: int = 0
    stored: int = 0
    # The lines naming files: in memory up to a bound, then on disk (``report_lines.py``).
    duplicates: ReportLines = field(default_factory=ReportLines)  # (path, reason)
    near_duplicates: ReportLines = field(default_factory=ReportLines)  # (path, canonical copy's path, score)
    rejected: ReportLines = field(default_factory=ReportLines)  # (path, reason)
    skipped: ReportLines = field(default_factory=ReportLines)  # (path, reason): passed over on purpose
    warnings: ReportLines = field(default_factory=ReportLines)  # (path, what): stored, with a caveat
    missing: list[str] = field(default_factory=list)  # paths given that do not exist
    events: int = 0
    event_mentions: int = 0
    seconds: float = 0.0
    words: int = 0

    @property
    def failed(self) -> bool:
        """Nothing stored although there was something to store: every input
        rejected, or a path that does not exist."""
        if self.missing:
            return True
        return self.stored == 0 and bool(self.rejected) and not self.duplicates and not self.near_duplicates

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "read": self.read,
            "stored": self.stored,
            "duplicates": len(self.duplicates),
            "near_duplicates": len(self.near_duplicates),
            "rejected": [{"path": p, "reason": r} for p, r in self.rejected],
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "warnings": [{"path": p, "warning": w} for p, w in self.warnings],
            "missing": list(self.missing),
            "events": self.events,
            "event_mentions": self.event_mentions,
            "seconds": round(self.seconds, 2),
            "words": self.words,
        }


def note_stored(report: IngestReport, settings: Settings, path: str, n_words: int,
                meta: dict[str, Any], published: Any) -> None:
    """Count a stored document in the report, with the caveats its reader must know."""
    report.stored += 1
    report.words += n_words
    if meta.get("part") == 1:
        report.warnings.append((path, (
            f"over {settings.max_part_chars:,} characters: stored as {meta['parts']} parts "
            "split at paragraph boundaries")))
    bad = meta.get("unreadable_published")
    if bad:
        known = "taken from the text" if published else "left unknown"
        report.warnings.append((path, f"manifest date {bad!r} is not a date; the date was {known}"))


def note_near_duplicates(con: duckdb.DuckDBPyConnection, report: IngestReport,
                         stored: Iterable[tuple[str, str]], links: dict[str, tuple[str, float]]) -> None:
    """Name in the report each newly stored document (``(doc_id, path)``) that has a
    near-duplicate, with one other copy of its group, each group once per batch.

    Why per batch: a batch's documents can only be grouped with documents stored
    before them or with them, so a group named in an earlier batch never holds a
    later batch's document, and nothing needs to be remembered across batches
    (a set kept for the whole run would grow with it).
    """
    named: set[str] = set()
    for doc_id, path in stored:
        link = links.get(doc_id)
        if not link or doc_id in named:
            continue
        head = link[0]
        if head == doc_id:  # this copy is the earlier one: name a later copy
            row = con.execute("SELECT path FROM documents WHERE near_dup_of = ? LIMIT 1", [head]).fetchone()
        else:
            row = con.execute("SELECT path FROM documents WHERE doc_id = ?", [head]).fetchone()
        report.near_duplicates.append((path, row[0] if row else head, link[1]))
        group = con.execute("SELECT doc_id FROM documents WHERE doc_id = ? OR near_dup_of = ?", [head, head]).fetchall()
        named.update(d for (d,) in group)


def _batches(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    batch: list[RawItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _link_near_duplicates(
    con: duckdb.DuckDBPyConnection, docs: list[Analysed], threshold: float
) -> dict[str, tuple[str, float]]:
    """Link a newly stored batch to its near-duplicates, deterministically:
    ``{doc_id: (canonical copy, best score)}``.

    Runs inside the transaction that stores the batch: candidates of the whole
    batch come from one join over the stored LSH buckets (``jobs/links.py``).
    The group's canonical copy is the earliest published (then the smallest
    id), whatever order the files came in, so restarts and re-orderings give
    the same links.
    """
    return link_batch(con, [(d.document.doc_id, d.document.text, d.document.published) for d in docs], threshold)


def ingest(
    paths: Iterable[str | Path],
    settings: Settings,
    manifest_path: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the database named by ``settings.db_path``.

    ``progress(done_items, words)`` is called after every batch, for a
    progress bar; the job itself prints nothing.
    """
    import time

    t0 = time.perf_counter()
    run_id = uuid.uuid4().hex[:12]
    report = IngestReport(run_id=run_id)
    manifest: Manifest | None = None
    if manifest_path:
        manifest = load_manifest(manifest_path)  # ManifestError before anything is opened or written
    # the connection is opened anew every few batches (store/session.py): always read ``session.con``
    session = WritingSession(settings.db_path, wait=settings.lock_wait_seconds, memory_limit=settings.db_memory_limit,
                             renew_every=settings.db_renew_batches)
    try:
        store_write.start_run(session.con, run_id, "ingest")

        passed = PassedOn()  # hashes of items passed on that the store cannot yet answer for

        def new_items() -> Iterator[RawItem]:
            pending: list[RawItem] = []

            def flush() -> Iterator[RawItem]:
                before = passed.look_up()
                known = store_read.known_content(session.con, [i.content_hash for i in pending])
                passed.answered(before)
                for item in pending:
                    if item.content_hash in known or item.content_hash in passed:
                        report.duplicates.append((item.path, "same content already stored"))
                        continue
                    passed.add(item.content_hash)
                    yield item

            for entry in iter_inputs(paths, manifest, settings.max_bytes, follow_links=settings.follow_links):
                if isinstance(entry, Skipped):
                    report.skipped.append((entry.path, entry.reason))
                    continue
                if isinstance(entry, Rejection) and entry.reason == "no such file or folder":
                    report.missing.append(entry.path)
                    continue
                report.read += 1
                if isinstance(entry, Rejection):
                    report.rejected.append((entry.path, entry.reason))
                    store_write.record_rejection(session.con, entry.path, entry.reason, run_id)
                    continue
                pending.append(entry)
                if len(pending) >= 4 * settings.batch_size:  # one look-up of the store per four batches read
                    yield from flush()
                    pending = []
            yield from flush()

        def handle(results: list[Analysed | Rejection]) -> None:
            fresh: list[Analysed] = []
            batch_text: dict[str, str] = {}
            stored_text = store_read.docs_with_text_hashes(
                session.con, [r.document.text_hash for r in results if not isinstance(r, Rejection)])
            for res in results:
                if isinstance(res, Rejection):
                    report.rejected.append((res.path, res.reason))
                    store_write.record_rejection(session.con, res.path, res.reason, run_id)
                    continue
                same = batch_text.get(res.document.text_hash) or stored_text.get(res.document.text_hash)
                if same:
                    report.duplicates.append((res.document.path, f"same text as stored document {same}"))
                    continue
                batch_text[res.document.text_hash] = res.document.doc_id
                fresh.append(res)
            links: dict[str, tuple[str, float]] = {}

            def link_all() -> None:
                links.update(_link_near_duplicates(session.con, fresh, settings.near_dup_threshold))

            store_write.write_documents(session.con, [(r.document_dict(), r.rows, r.lsh) for r in fresh], before_commit=link_all)
            if settings.db_idle_memory:
                release_cache(session.con, settings.db_idle_memory)  # before the next batch is parsed, when the process peaks
            for res in fresh:
                note_stored(report, settings, res.document.path, res.document.n_words, res.document.meta,
                            res.document.published)
            note_near_duplicates(session.con, report, [(r.document.doc_id, r.document.path) for r in fresh], links)
            session.batch_stored()
            if progress:
                progress(report.read, report.words)

        def passed_on() -> Iterator[list[RawItem]]:
            for batch in _batches(new_items(), settings.batch_size):
                passed.sent(item.content_hash for item in batch)
                yield batch

        def handle_oldest(results: list[Analysed | Rejection]) -> None:
            handle(results)
            passed.handled()

        batches = passed_on()
        with session.threads(settings.db_threads):  # the analysis has the cores; the merge below gets them back
            if settings.workers > 1:
                for results in analyse_in_pool(batches, settings):  # in order; the pipeline is built once, before the fork
                    handle_oldest(results)
            else:
                analyser_for(settings)  # built before the heap is settled, so that it is frozen with the rest
                with settled_heap(mmap_threshold=settings.malloc_mmap_threshold):
                    for batch in batches:
                        handle_oldest(analyse_batch(batch, settings))

        merged = merge_pending(session.con)
        report.events = merged.events
        report.event_mentions = merged.mentions
        report.seconds = time.perf_counter() - t0
        store_write.finish_run(session.con, run_id, report.to_dict())
    finally:
        session.close()
    return report
