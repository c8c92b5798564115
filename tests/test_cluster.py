"""Ingest through a Dask cluster gives the database a serial run gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from foedus.jobs.cluster import ClusterError, dask_client, ingest_on_cluster, shard_size
from foedus.jobs.ingest import ingest
from foedus.settings import Settings
from foedus.store.db import connect

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


def _snapshot(db: Path) -> dict[str, list]:
    con = connect(db, read_only=True)
    try:
        queries = {
            "documents": "SELECT doc_id, content_hash, text_hash, path, outlet, title, published, published_source, "
                         "near_dup_of, near_dup_score, n_words, text, meta FROM documents",
            "sentences": "SELECT doc_id, sent_index, start_char, end_char, text, date, date_precision FROM sentences",
            "tokens": "SELECT count(*), sum(hash(doc_id, tok_index, pos, dep, head_index, lemma)) FROM tokens",
            "actors": "SELECT doc_id, start_char, end_char, code FROM actor_mentions",
            "places": "SELECT doc_id, start_char, end_char FROM place_mentions",
            "quotes": "SELECT doc_id, start_char, end_char, speaker_code FROM quotes",
            "mentions": "SELECT mention_id, event_id, cameo, source_code, target_code, date FROM event_mentions",
            "events": "SELECT event_id, cameo, date, mentions, sources, documents FROM events",
            "lsh": "SELECT doc_id, band, bucket FROM doc_lsh",
            "rejections": "SELECT path, reason FROM rejections",
        }
        return {name: sorted(map(repr, con.execute(q).fetchall())) for name, q in queries.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of two worker processes, closed whatever happens."""
    import logging

    from dask.distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.mark.slow
def test_a_cluster_of_two_workers_stores_what_a_serial_run_stores(scheduler, tmp_path: Path) -> None:
    serial_db, cluster_db = tmp_path / "serial.duckdb", tmp_path / "cluster.duckdb"
    serial = ingest([DEMO], Settings(db_path=serial_db, store_tokens=True))  # every table, tokens too
    shards = tmp_path / "shards"
    report = ingest_on_cluster([DEMO], Settings(db_path=cluster_db, store_tokens=True), scheduler, shard_dir=shards)
    assert report.stored == serial.stored >= 20
    assert (report.events, report.event_mentions) == (serial.events, serial.event_mentions)
    assert report.read == serial.read
    # bad inputs are rejected with the serial run's reasons, never a crash
    assert sorted(report.rejected) == sorted(serial.rejected) and report.rejected
    assert sorted(report.skipped) == sorted(serial.skipped)
    # the same copies are reported linked (which of the two is named first follows the order of loading)
    assert {frozenset((p, o)) for p, o, _ in report.near_duplicates} == {frozenset((p, o)) for p, o, _ in serial.near_duplicates}
    assert _snapshot(cluster_db) == _snapshot(serial_db)
    assert not any(shards.rglob("*.parquet")), "loaded shards are removed"

    again = ingest_on_cluster([DEMO], Settings(db_path=cluster_db, store_tokens=True), scheduler, shard_dir=shards)
    assert again.stored == 0 and len(again.duplicates) == serial.stored + len(serial.duplicates)
    assert _snapshot(cluster_db)["events"] == _snapshot(serial_db)["events"]


def test_shards_spread_a_small_corpus_and_stay_bounded() -> None:
    assert shard_size(26, 2) == 4
    assert shard_size(1, 8) == 1
    assert shard_size(1_000_000, 4) == 64


def test_a_bad_cluster_option_is_one_line() -> None:
    with pytest.raises(ClusterError, match="local:N"):
        with dask_client("local:many"):
            pass
    proc = subprocess.run([sys.executable, "-m", "foedus.cli", "ingest", str(DEMO), "--db", "/nonexistent/x.duckdb",
                           "--shard-dir", "/tmp"], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.strip() == "error: --shard-dir needs --cluster"


class _LostWorkers:
    """A client whose every task fails, as when the workers running it are lost."""

    def scheduler_info(self) -> dict:
        return {"workers": {"a": {}, "b": {}}}

    def submit(self, *args, **kwargs):
        class Failed:
            def result(self):
                raise RuntimeError("worker lost while running the task")

            def release(self):
                pass

        return Failed()


def test_a_shard_that_fails_on_the_cluster_rejects_its_files_and_the_run_goes_on(tmp_path: Path, monkeypatch) -> None:
    from contextlib import contextmanager

    import foedus.jobs.cluster as job

    @contextmanager
    def lost(address):
        yield _LostWorkers()

    monkeypatch.setattr(job, "dask_client", lost)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Story {i}. " + "words " * 40)
    (folder / "notes.md").write_text("not an article")
    report = ingest_on_cluster([folder], Settings(db_path=tmp_path / "x.duckdb"), "tcp://nowhere:8786",
                               shard_dir=tmp_path / "shards")
    assert report.stored == 0 and report.read == 3 and report.failed
    assert {p for p, _ in report.rejected} == {str(folder / f"{i}.txt") for i in range(3)}
    assert all(r.startswith("its shard failed on the cluster: could not be processed (RuntimeError: worker lost")
               for _, r in report.rejected)
    assert [p for p, _ in report.skipped] == [str(folder / "notes.md")]
    con = connect(tmp_path / "x.duckdb", read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM rejections").fetchone()[0] == 3
        assert con.execute("SELECT finished_at IS NOT NULL FROM runs").fetchone()[0]
    finally:
        con.close()
