"""The main job: read -> clean -> parse -> resolve -> code -> store -> merge.

Why this shape: reading and writing happen in this process (one writer to the
DuckDB file); analysing happens in batches that can go to worker processes.
Each batch of documents is written in one transaction and the cross-document steps
(near-duplicate links, event merging) are recomputed from what is stored, so
a run that is killed and started again ends with the same database as one
that was never interrupted.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ..coding.merge import merge_events
from ..ingest.dedupe import jaccard, shingles
from ..ingest.read import Manifest, RawItem, Rejection, Skipped, iter_inputs, load_manifest
from ..settings import Settings
from ..store import read as store_read
from ..store import write as store_write
from ..store.db import connect
from .analyse import Analysed, analyse_batch


@dataclass
class IngestReport:
    """What a run did, for the person who started it."""

    run_id: str
    read: int = 0
    stored: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # (path, canonical copy's path, score)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): passed over on purpose
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, what): stored, with a caveat
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


def _batches(items: Iterable[RawItem], size: int) -> Iterator[list[RawItem]]:
    batch: list[RawItem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _link_near_duplicates(con: duckdb.DuckDBPyConnection, doc: Analysed, threshold: float) -> tuple[str, float] | None:
    """Link a newly stored document to its near-duplicates, deterministically.

    Runs inside the transaction that stores the document's batch.

    The group's canonical copy is the earliest published (then the smallest
    id), whatever order the files came in, so restarts and re-orderings give
    the same links.
    """
    mine = shingles(doc.document.text)
    matches: list[tuple[str, Any, float]] = []
    # the other parts of one long document are no copies of each other
    parts = {d for (d,) in con.execute("SELECT doc_id FROM documents WHERE content_hash = ?",
                                       [doc.document.content_hash]).fetchall()}
    for other_id, other_text, other_published in store_read.lsh_candidates(con, doc.document.doc_id):
        if other_id in parts:
            continue
        score = jaccard(mine, shingles(other_text))
        if score >= threshold:
            matches.append((other_id, other_published, score))
    if not matches:
        return None
    group = {doc.document.doc_id: doc.document.published}
    for other_id, published, _ in matches:
        group[other_id] = published
        row = con.execute("SELECT near_dup_of FROM documents WHERE doc_id = ?", [other_id]).fetchone()
        if row and row[0]:
            pub = con.execute("SELECT published FROM documents WHERE doc_id = ?", [row[0]]).fetchone()
            group[row[0]] = pub[0] if pub else None
    canonical = min(group, key=lambda d: (group[d] is None, group[d] or 0, d))
    best = max(score for _, _, score in matches)
    con.execute(
        "UPDATE documents SET near_dup_of = ?, near_dup_score = coalesce(near_dup_score, ?) WHERE doc_id IN (SELECT unnest(?)) AND doc_id <> ?",
        [canonical, best, list(group), canonical],
    )
    con.execute("UPDATE documents SET near_dup_of = NULL, near_dup_score = NULL WHERE doc_id = ?", [canonical])
    con.execute(
        "UPDATE documents SET near_dup_of = ? WHERE near_dup_of IN (SELECT unnest(?)) AND doc_id <> ?",
        [canonical, list(group), canonical],
    )
    return canonical, best


def die_with_parent() -> None:
    """Worker initializer: the kernel kills the worker when its parent dies
    (``prctl(PR_SET_PDEATHSIG, SIGKILL)`` on Linux), so a killed ingest leaves
    no workers holding hundreds of MB behind."""
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except OSError:  # pragma: no cover - no libc: workers still end with the pool
        return
    if os.getppid() == 1:  # the parent died before we asked
        os._exit(1)


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
    con = connect(settings.db_path, wait=settings.lock_wait_seconds)
    store_write.start_run(con, run_id, "ingest")

    seen_hashes: set[str] = set()
    linked: set[str] = set()  # documents already reported as near-duplicates in this run

    def new_items() -> Iterator[RawItem]:
        pending: list[RawItem] = []

        def flush() -> Iterator[RawItem]:
            known = store_read.known_content(con, [i.content_hash for i in pending])
            for item in pending:
                if item.content_hash in known or item.content_hash in seen_hashes:
                    report.duplicates.append((item.path, "same content already stored"))
                    continue
                seen_hashes.add(item.content_hash)
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
                store_write.record_rejection(con, entry.path, entry.reason, run_id)
                continue
            pending.append(entry)
            if len(pending) >= 256:
                yield from flush()
                pending = []
        yield from flush()

    def handle(results: list[Analysed | Rejection]) -> None:
        fresh: list[Analysed] = []
        batch_text: dict[str, str] = {}
        for res in results:
            if isinstance(res, Rejection):
                report.rejected.append((res.path, res.reason))
                store_write.record_rejection(con, res.path, res.reason, run_id)
                continue
            same = batch_text.get(res.document.text_hash) or store_read.doc_with_text_hash(con, res.document.text_hash)
            if same:
                report.duplicates.append((res.document.path, f"same text as stored document {same}"))
                continue
            batch_text[res.document.text_hash] = res.document.doc_id
            fresh.append(res)
        links: dict[str, tuple[str, float]] = {}

        def link_all() -> None:
            for res in fresh:
                link = _link_near_duplicates(con, res, settings.near_dup_threshold)
                if link:
                    links[res.document.doc_id] = link

        store_write.write_documents(con, [(r.document.to_dict(), r.rows, r.lsh) for r in fresh], before_commit=link_all)
        for res in fresh:
            report.stored += 1
            report.words += res.document.n_words
            if res.document.meta.get("part") == 1:
                report.warnings.append((res.document.path, (
                    f"over {settings.max_part_chars:,} characters: stored as {res.document.meta['parts']} parts "
                    "split at paragraph boundaries")))
            bad = res.document.meta.get("unreadable_published")
            if bad:
                known = "taken from the text" if res.document.published else "left unknown"
                report.warnings.append((res.document.path, f"manifest date {bad!r} is not a date; the date was {known}"))
            link = links.get(res.document.doc_id)
            if link and res.document.doc_id not in linked:
                other = link[0]
                if other == res.document.doc_id:  # this copy is the earlier one: name a later copy
                    row = con.execute("SELECT path FROM documents WHERE near_dup_of = ? LIMIT 1", [other]).fetchone()
                else:
                    row = con.execute("SELECT path FROM documents WHERE doc_id = ?", [other]).fetchone()
                report.near_duplicates.append((res.document.path, row[0] if row else other, link[1]))
                group = con.execute(
                    "SELECT doc_id FROM documents WHERE doc_id = ? OR near_dup_of = ?", [link[0], link[0]]
                ).fetchall()
                linked.update(d for (d,) in group)
        if progress:
            progress(report.read, report.words)

    batches = _batches(new_items(), settings.batch_size)
    if settings.workers > 1:
        with ProcessPoolExecutor(max_workers=settings.workers, initializer=die_with_parent) as pool:
            # Bounded look-ahead: at most 2 batches per worker in flight.
            in_flight: list[Any] = []
            for batch in batches:
                in_flight.append(pool.submit(analyse_batch, batch, settings))
                if len(in_flight) >= 2 * settings.workers:
                    handle(in_flight.pop(0).result())
            for fut in in_flight:
                handle(fut.result())
    else:
        for batch in batches:
            handle(analyse_batch(batch, settings))

    merged = merge_events(con)
    report.events = merged.events
    report.event_mentions = merged.mentions
    report.seconds = time.perf_counter() - t0
    store_write.finish_run(con, run_id, report.to_dict())
    con.close()
    return report
