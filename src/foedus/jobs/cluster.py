"""Ingest on a Dask cluster: shards of files analysed by workers, loaded by one writer.

Why this shape: DuckDB has one writing process, and analysing is nearly all
the cost of an ingest. So the files found under the given paths are cut into
shards (lists of file paths, cheap to send); each Dask worker reads its
shard's files from shared storage, analyses them with a pipeline it loads
once per process, and writes the rows the serial path would store (documents,
LSH buckets, sentences, tokens, actor/time/place mentions, quotes, event
mentions) as one Parquet file per table into the shard's own folder. This
process, the only writer, loads each shard with ``read_parquet`` in one
transaction, with its rejections and its near-duplicate links, in input order:
the store only ever holds whole shards, and a shard that failed is simply run
again. Event merging is recomputed over the whole store at the end, as after
every ingest, so the database equals the one a serial run gives.

``cluster`` is a scheduler's address (``tcp://host:8786``) or ``local:N``,
N worker processes on this machine started and closed here (docs/scale.md).
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ..coding.merge import merge_pending
from ..ingest.guard import reason
from ..ingest.read import InputFile, Manifest, Rejection, Skipped, list_inputs, load_manifest, read_input
from ..settings import Settings
from ..store import read as store_read
from ..store import write as store_write
from ..store.session import WritingSession
from .analyse import Analysed, analyser_for
from .ingest import IngestReport, note_near_duplicates, note_stored
from .links import link_batch

# One Parquet file per table and shard; the order is the order of loading.
SHARD_TABLES = ("documents", "doc_lsh", *store_write.ANNOTATION_TABLES)
# Files per shard at most: a shard is a worker's unit of work, of loading and of re-running.
MAX_SHARD_FILES = 64


class ClusterError(RuntimeError):
    """The cluster cannot be reached or started; the message is the one-line reason."""


@dataclass(frozen=True)
class ShardDoc:
    """What the writer needs to know of one analysed document (its rows are in the shard's files)."""

    doc_id: str
    path: str
    content_hash: str
    text_hash: str
    published: date | None
    n_words: int
    meta: dict[str, Any]


@dataclass
class ShardResult:
    """What a worker sends back for a shard: small; the rows stay in ``folder``."""

    index: int
    folder: str
    read: int = 0
    docs: list[ShardDoc] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)


def _table_rows(analysed: list[Analysed]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for these documents, as the serial path writes them."""
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in SHARD_TABLES}
    now = datetime.now()
    for res in analysed:
        row = store_write.document_row(res.document_dict())
        row["parsed_at"] = now
        tables["documents"].append(row)
        tables["doc_lsh"].extend({"doc_id": row["doc_id"], "band": b, "bucket": k} for b, k in res.lsh)
        for table in store_write.ANNOTATION_TABLES:
            tables[table].extend(res.rows.get(table, []))
    return tables


def _write_shard(folder: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    """One Parquet file per non-empty table, in a folder that appears whole (renamed into place)."""
    tmp = folder.with_name(f"{folder.name}.tmp-{uuid.uuid4().hex[:8]}")
    tmp.mkdir(parents=True)
    for table, rows in tables.items():
        if rows:
            columns = list(dict.fromkeys(k for row in rows for k in row))
            arrow = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])
            pq.write_table(arrow, tmp / f"{table}.parquet")
    if folder.exists():  # an earlier attempt of the same shard
        shutil.rmtree(folder)
    os.replace(tmp, folder)


def analyse_shard(index: int, files: list[InputFile], settings: Settings, folder: str) -> ShardResult:
    """Worker task: read and analyse a shard's files, write its rows to ``folder``.

    Bad inputs become rejections (as in a serial run); the pipeline is loaded
    once per worker process (``analyser_for``) and kept for the next shards.
    """
    result = ShardResult(index, folder)
    items = []
    seen: set[str] = set()
    for entry in files:
        for item in read_input(entry, settings.max_bytes):
            result.read += 1
            if isinstance(item, Rejection):
                result.rejected.append((item.path, item.reason))
            elif item.content_hash in seen:
                result.duplicates.append((item.path, "same content already stored"))
            else:
                seen.add(item.content_hash)
                items.append(item)
    analyser = analyser_for(settings)
    analysed: list[Analysed] = []
    for start in range(0, len(items), settings.batch_size):
        for res in analyser.analyse(items[start:start + settings.batch_size]):
            if isinstance(res, Rejection):
                result.rejected.append((res.path, res.reason))
                continue
            analysed.append(res)
            d = res.document
            result.docs.append(ShardDoc(d.doc_id, d.path, d.content_hash, d.text_hash, d.published, d.n_words,
                                        {k: d.meta[k] for k in ("part", "parts", "unreadable_published") if k in d.meta}))
    _write_shard(Path(folder), _table_rows(analysed))
    return result


def shard_size(n_files: int, n_workers: int) -> int:
    """Files per shard: about four shards per worker on a small corpus (so
    the work spreads evenly), at most :data:`MAX_SHARD_FILES`."""
    return max(1, min(MAX_SHARD_FILES, math.ceil(n_files / (4 * max(1, n_workers)))))


@contextmanager
def dask_client(cluster: str) -> Iterator[Any]:
    """A Dask client of a running scheduler (an address), or of a LocalCluster
    of N worker processes (``local:N``) started here and always closed."""
    from dask.distributed import Client, LocalCluster

    if cluster.startswith("local:"):
        try:
            n = int(cluster.split(":", 1)[1])
            if n < 1:
                raise ValueError
        except ValueError:
            raise ClusterError(f"--cluster {cluster}: expected local:N with N a number of workers (local:2)") from None
        local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                             silence_logs=logging.ERROR)
        try:
            with Client(local) as client:
                yield client
        finally:
            local.close()
        return
    try:
        client = Client(cluster, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"--cluster {cluster}: cannot reach the scheduler ({' '.join(str(exc).split())[:200]})") from None
    try:
        yield client
    finally:
        client.close()


class _Writer:
    """Loads shards into the store, one transaction each, and keeps the report."""

    def __init__(self, session: WritingSession, settings: Settings, report: IngestReport) -> None:
        self.session = session
        self.settings = settings
        self.report = report

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The run's connection now (it is opened anew every few shards)."""
        return self.session.con

    def reject(self, path: str, why: str) -> None:
        self.report.rejected.append((path, why))
        store_write.record_rejection(self.con, path, why, self.report.run_id)

    def _insert(self, folder: Path, doc_ids: list[str]) -> None:
        for table in SHARD_TABLES:
            file = folder / f"{table}.parquet"
            if not file.exists():
                continue
            cols = ", ".join(f'"{c}"' for c in pq.read_schema(file).names)
            self.con.execute(
                f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM read_parquet(?) WHERE doc_id IN (SELECT unnest(?))',
                [str(file), doc_ids],
            )

    def load(self, shard: ShardResult) -> None:
        """The shard's new documents, their rows and links, and its rejections, all or nothing.

        As in a serial run, a document whose content or clean text is stored
        already (or came earlier in this shard) is a duplicate, not stored again.
        """
        con, report = self.con, self.report
        con.execute("BEGIN TRANSACTION")
        try:
            for path, why in shard.rejected:
                store_write.record_rejection(con, path, why, report.run_id)
            known = store_read.known_content(con, {d.content_hash for d in shard.docs})
            duplicates = list(shard.duplicates)
            fresh: list[ShardDoc] = []
            texts: dict[str, str] = {}
            for d in shard.docs:
                if d.content_hash in known:
                    duplicates.append((d.path, "same content already stored"))
                    continue
                same = texts.get(d.text_hash) or store_read.doc_with_text_hash(con, d.text_hash)
                if same:
                    duplicates.append((d.path, f"same text as stored document {same}"))
                    continue
                texts[d.text_hash] = d.doc_id
                fresh.append(d)
            links: dict[str, tuple[str, float]] = {}
            if fresh:
                ids = [d.doc_id for d in fresh]
                self._insert(Path(shard.folder), ids)
                text_of = dict(con.execute("SELECT doc_id, text FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall())
                links = link_batch(con, [(d.doc_id, text_of[d.doc_id], d.published) for d in fresh],
                                   self.settings.near_dup_threshold)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        report.read += shard.read
        report.rejected.extend(shard.rejected)
        report.duplicates.extend(duplicates)
        for d in fresh:
            note_stored(report, self.settings, d.path, d.n_words, d.meta, d.published)
        note_near_duplicates(con, report, [(d.doc_id, d.path) for d in fresh], links)
        self.session.batch_stored()


def ingest_on_cluster(
    paths: Iterable[str | Path],
    settings: Settings,
    cluster: str,
    manifest_path: str | Path | None = None,
    shard_dir: str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders through a Dask cluster into ``settings.db_path``.

    ``shard_dir`` holds the shards' Parquet files while they wait to be loaded
    (default: ``<database>.shards`` beside the database); the workers must see
    it at the same path, as they must see the input files. A shard's folder is
    removed once it is loaded; a shard whose task fails even after Dask's
    retries has its files rejected with the reason, and the run goes on.
    """
    t0 = time.perf_counter()
    report = IngestReport(run_id=uuid.uuid4().hex[:12])
    manifest: Manifest | None = load_manifest(manifest_path) if manifest_path else None  # ManifestError before anything is opened
    files: list[InputFile] = []
    refused: list[Rejection] = []
    for entry in list_inputs(paths, manifest, follow_links=settings.follow_links):
        if isinstance(entry, Skipped):
            report.skipped.append((entry.path, entry.reason))
        elif isinstance(entry, Rejection) and entry.reason == "no such file or folder":
            report.missing.append(entry.path)
        elif isinstance(entry, Rejection):
            refused.append(entry)
        else:
            files.append(entry)
    run_dir = (Path(shard_dir) if shard_dir else Path(f"{settings.db_path}.shards")).resolve() / report.run_id
    with ExitStack() as stack:
        client = stack.enter_context(dask_client(cluster)) if files else None  # ClusterError before the database is opened
        session = WritingSession(settings.db_path, wait=settings.lock_wait_seconds,
                                 memory_limit=settings.db_memory_limit, renew_every=settings.db_renew_batches)
        stack.callback(session.close)
        store_write.start_run(session.con, report.run_id, "ingest")
        writer = _Writer(session, settings, report)
        for entry in refused:
            report.read += 1
            writer.reject(entry.path, entry.reason)
        if client is not None:
            workers = len(client.scheduler_info().get("workers", {})) or 1
            size = shard_size(len(files), workers)
            shards = [files[i:i + size] for i in range(0, len(files), size)]
            for shard, result in zip(shards, _run_shards(client, shards, settings, run_dir, report.run_id, workers)):
                if isinstance(result, BaseException):
                    why = f"its shard failed on the cluster: {reason(result)}"
                    for entry in shard:
                        report.read += 1
                        writer.reject(entry.path, why)
                    continue
                writer.load(result)
                shutil.rmtree(result.folder, ignore_errors=True)
                if progress:
                    progress(report.read, report.words)
            shutil.rmtree(run_dir, ignore_errors=True)
        merged = merge_pending(session.con)
        report.events = merged.events
        report.event_mentions = merged.mentions
        report.seconds = time.perf_counter() - t0
        store_write.finish_run(session.con, report.run_id, report.to_dict())
    return report


def _run_shards(
    client: Any, shards: list[list[InputFile]], settings: Settings, run_dir: Path, run_id: str, workers: int
) -> Iterator[ShardResult | BaseException]:
    """Each shard's result (or its failure), in input order; a few shards per
    worker are queued ahead, so the writer never waits on an idle cluster."""
    pending: deque[Any] = deque()
    todo = iter(enumerate(shards))

    def submit() -> bool:
        nxt = next(todo, None)
        if nxt is None:
            return False
        i, shard = nxt
        pending.append(client.submit(analyse_shard, i, shard, settings, str(run_dir / f"shard-{i:05d}"),
                                     key=f"foedus-{run_id}-shard-{i:05d}", retries=2, pure=False))
        return True

    while len(pending) < 3 * workers and submit():
        pass
    while pending:
        fut = pending.popleft()
        try:
            yield fut.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker or a crashed task: its shard's files are rejected
            yield exc
        finally:
            fut.release()
        submit()
