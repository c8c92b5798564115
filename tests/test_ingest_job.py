"""The whole ingest job on the demo corpus: storing, idempotence, bad input, restarts."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from foedus.jobs.ingest import ingest
from foedus.settings import Settings
from foedus.store.db import connect

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> tuple[Path, object]:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    report = ingest([DEMO], Settings(db_path=db))
    return db, report


def _snapshot(db: Path) -> dict[str, set]:
    con = connect(db, read_only=True)
    try:
        return {
            "documents": set(con.execute(
                "SELECT doc_id, text_hash, outlet, outlet_source, title, published, published_source, near_dup_of, text FROM documents"
            ).fetchall()),
            "event_mentions": set(con.execute(
                "SELECT mention_id, event_id, source_code, target_code, cameo, negated, modality FROM event_mentions"
            ).fetchall()),
            "events": set(con.execute("SELECT event_id, cameo, mentions, sources, documents FROM events").fetchall()),
            "sentences": set(con.execute("SELECT doc_id, sent_index, date FROM sentences").fetchall()),
            "actors": set(con.execute("SELECT doc_id, start_char, code FROM actor_mentions").fetchall()),
        }
    finally:
        con.close()


def test_demo_corpus_is_stored_with_reasons_for_bad_files(demo_db) -> None:
    db, report = demo_db
    assert report.stored >= 20
    reasons = dict(report.rejected)
    empty = [r for p, r in reasons.items() if p.endswith("caspian-2023-09-20-live-updates.txt")]
    binary = [r for p, r in reasons.items() if p.endswith("meridian-2024-02-24-video-transcript.txt")]
    assert empty == ["empty file"]
    assert binary and binary[0].startswith("binary content")
    assert len(report.near_duplicates) >= 1
    con = connect(db, read_only=True)
    try:
        # Manifest metadata is given; the article outside the manifest has inferred metadata.
        given = con.execute(
            "SELECT outlet, published, published_source FROM documents WHERE path LIKE '%eastgate-2022-09-13-border-shelling.txt'"
        ).fetchone()
        assert given == ("Eastgate Wire", __import__("datetime").date(2022, 9, 13), "given")
        inferred = con.execute(
            "SELECT outlet, outlet_source, published, published_source FROM documents WHERE path LIKE '%crawl-0613-b7e2.txt'"
        ).fetchone()
        assert inferred[1] == "inferred" and "Potomac" in inferred[0]
        assert str(inferred[2]) == "2024-06-13" and inferred[3] == "inferred"
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
        # Every event mention points at its sentence inside the clean text.
        for doc_text, start, end, sentence in con.execute(
            "SELECT d.text, m.sent_start, m.sent_end, m.sentence FROM event_mentions m JOIN documents d USING (doc_id) LIMIT 50"
        ).fetchall():
            assert doc_text[start:end] == sentence
    finally:
        con.close()


def test_ingesting_again_stores_nothing_new(demo_db) -> None:
    db, first = demo_db
    before = _snapshot(db)
    again = ingest([DEMO], Settings(db_path=db))
    assert again.stored == 0
    assert len(again.duplicates) == first.stored + len(first.duplicates)
    assert _snapshot(db) == before


KILL_AFTER_FIRST_BATCH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from foedus.jobs.ingest import ingest
    from foedus.settings import Settings
    calls = []
    def progress(done, words):
        calls.append(done)
        if len(calls) == 2:
            os._exit(9)  # a hard kill: no cleanup, no final merge
    ingest([sys.argv[1]], Settings(db_path=Path(sys.argv[2]), batch_size=4), progress=progress)
    """
)


def test_killed_run_restarted_equals_uninterrupted(demo_db, tmp_path: Path) -> None:
    db, _ = demo_db
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.run([sys.executable, "-c", KILL_AFTER_FIRST_BATCH, str(DEMO), str(killed)], check=False)
    assert proc.returncode == 9
    con = connect(killed, read_only=True)
    partial = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    assert 0 < partial < 20
    ingest([DEMO], Settings(db_path=killed))
    assert _snapshot(killed) == _snapshot(db)


def test_two_workers_store_the_same_as_one(demo_db, tmp_path: Path) -> None:
    db, _ = demo_db
    parallel = tmp_path / "parallel.duckdb"
    report = ingest([DEMO], Settings(db_path=parallel, workers=2, batch_size=4))
    assert report.stored >= 20
    assert _snapshot(parallel) == _snapshot(db)


CRASH_WHILE_LINKING = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import foedus.jobs.ingest as job
    from foedus.settings import Settings
    real = job._link_near_duplicates
    def crash_on_a_link(con, docs, threshold):
        found = real(con, docs, threshold)
        if found:
            os._exit(9)  # the batch's rows are written, its near-duplicate links too: die before commit
        return found
    job._link_near_duplicates = crash_on_a_link
    job.ingest([sys.argv[1]], Settings(db_path=Path(sys.argv[2]), batch_size=4))
    """
)


def test_a_crash_between_storing_a_batch_and_linking_it_leaves_no_trace(demo_db, tmp_path: Path) -> None:
    """Near-duplicate links are written in the batch's own transaction: a crash at the link loses the
    whole batch (not only its links), and the next run ends with the database of an uninterrupted one."""
    db, _ = demo_db
    crashed = tmp_path / "crashed.duckdb"
    proc = subprocess.run([sys.executable, "-c", CRASH_WHILE_LINKING, str(DEMO), str(crashed)], check=False)
    assert proc.returncode == 9
    con = connect(crashed, read_only=True)
    stored, linked = con.execute("SELECT count(*), count(near_dup_of) FROM documents").fetchone()
    con.close()
    assert stored < _count(db) and linked == 0  # nothing of the crashed batch, no half-linked group
    ingest([DEMO], Settings(db_path=crashed))
    assert _snapshot(crashed) == _snapshot(db)


def _count(db: Path) -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def test_tokens_are_stored_only_when_asked(demo_db, tmp_path: Path) -> None:
    db, _ = demo_db
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM tokens").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] > 100  # the rest is stored as ever
    finally:
        con.close()
    one = DEMO / "ararat-2022-09-13-wire-azerbaijan-attacks-armenia.txt"
    with_tokens = tmp_path / "tokens.duckdb"
    assert ingest([one], Settings(db_path=with_tokens, store_tokens=True)).stored == 1
    con = connect(with_tokens, read_only=True)
    try:
        n, distinct, words, text = con.execute(
            "SELECT count(*), count(DISTINCT tok_index), (SELECT n_words FROM documents),"
            " (SELECT text FROM documents) FROM tokens").fetchone()
        assert n == distinct > 0.9 * words
        start, end, lemma = con.execute(
            "SELECT start_char, end_char, lemma FROM tokens WHERE pos = 'VERB' ORDER BY tok_index LIMIT 1").fetchone()
        assert text[start:end] == text[start:end].strip() != "" and lemma.isalpha()
    finally:
        con.close()


def test_the_pool_knows_the_last_batch_to_cut_it_finer() -> None:
    from foedus.jobs.pool import _marked_last

    assert list(_marked_last(iter([[1, 2], [3], [4, 5]]))) == [([1, 2], False), ([3], False), ([4, 5], True)]
    assert list(_marked_last(iter([[1]]))) == [([1], True)]
    assert list(_marked_last(iter([]))) == []


def test_tasks_are_parser_groups_and_shrink_in_the_last_batch() -> None:
    from foedus.jobs.pool import task_sizes

    # a batch in the middle of a run: whole parser groups, the remainder last
    assert task_sizes(64, 16, 2, last=False) == [16, 16, 16, 16]
    assert task_sizes(40, 16, 2, last=False) == [16, 16, 8]
    # the last batch: each task a quarter of what is left (two workers), down to single documents
    last = task_sizes(56, 16, 2, last=True)
    assert sum(last) == 56 and last[0] == 14 and last[-1] == 1
    assert all(a >= b for a, b in zip(last, last[1:]))
    assert task_sizes(3, 16, 4, last=True) == [1, 1, 1]
    assert task_sizes(0, 16, 2, last=True) == [] == task_sizes(0, 16, 2, last=False)
    # never more than a parser group, whatever is left
    assert max(task_sizes(1000, 16, 2, last=True)) == 16


def test_parse_groups_are_bounded_by_documents_and_characters() -> None:
    from types import SimpleNamespace

    from foedus.jobs.analyse import parse_groups

    docs = [SimpleNamespace(name=n, text="x" * size) for n, size in
            [("a", 300), ("b", 300), ("c", 500), ("d", 2_000), ("e", 100), ("f", 100), ("g", 100)]]
    groups = [[d.name for d in g] for g in parse_groups(docs, max_docs=3, max_chars=1_000)]
    # in order; a group closes at three documents or before passing 1,000 characters;
    # the document longer than the bound is parsed alone
    assert groups == [["a", "b"], ["c"], ["d"], ["e", "f", "g"]]
    assert [[d.name for d in g] for g in parse_groups(docs, max_docs=16, max_chars=10**6)] == [list("abcdefg")]
    assert parse_groups([], max_docs=4, max_chars=100) == []


def test_how_documents_are_grouped_for_the_parser_changes_nothing_stored(demo_db, tmp_path: Path) -> None:
    db, _ = demo_db
    alone = tmp_path / "alone.duckdb"
    ingest([DEMO], Settings(db_path=alone, parse_batch_chars=1))  # every document parsed in a batch of its own
    assert _snapshot(alone) == _snapshot(db)


def _item(name: str, text: str):
    from foedus.ingest.read import RawItem

    return RawItem(path=name, kind="text", body=text.encode(), source_format="txt")


def test_new_words_of_a_batch_do_not_stay_in_the_vocabulary(tmp_path: Path) -> None:
    """A long run meets new names and numbers without end; spaCy keeps every string it
    sees unless the batch is parsed in a memory zone, which frees them when it ends."""
    from foedus.jobs.analyse import Analysed, analyser_for

    analyser = analyser_for(Settings(db_path=tmp_path / "unused.duckdb"))
    strings = analyser.nlp.vocab.strings

    def batch(names: list[str]) -> list:
        return analyser.analyse([_item(f"{n}.txt", (
            f"Foreign Minister {n} Vardelko of Quessaria met the envoy of Brelmont in the capital on Tuesday. "
            f"The two sides discussed the ceasefire along the border and agreed to meet again next month, "
            f"officials in Quessaria said after the talks with {n} Vardelko ended.")) for n in names])

    batch(["Orlimund", "Tessavar"])  # the first batch loads what the stages build once
    before = len(strings)
    results = batch(["Zambrotti", "Kelvarish", "Upsandel"])
    assert len(strings) == before
    assert "Zambrotti" not in strings and "Upsandel" not in strings
    assert all(isinstance(r, Analysed) for r in results)
    # the rows were made while the words were known: the text and its sentences are whole
    assert all(r.rows["sentences"] and "Vardelko" in r.document.text for r in results)


def test_the_writer_empties_its_cache_after_every_batch(demo_db, tmp_path: Path, monkeypatch) -> None:
    """The writer's DuckDB cache is released after each batch's commit, before the next
    batch is parsed (the process's peak); what is stored does not change. (That the
    release evicts is tested with the store, ``test_store_db.py``.)"""
    import foedus.jobs.ingest as job
    from foedus.store.db import release_cache

    calls: list[str] = []

    def spy(con, keep: str) -> None:
        con.execute("BEGIN TRANSACTION")  # fails inside the batch's transaction: the release comes after its commit
        con.execute("ROLLBACK")
        release_cache(con, keep)
        calls.append(keep)

    monkeypatch.setattr(job, "release_cache", spy)
    db, _ = demo_db
    kept = tmp_path / "kept.duckdb"
    report = ingest([DEMO], Settings(db_path=kept, batch_size=3, db_idle_memory="256KB"))
    assert calls == ["256KB"] * -(-report.read // 3)  # one release per batch
    assert _snapshot(kept) == _snapshot(db)
    calls.clear()
    ingest([DEMO], Settings(db_path=tmp_path / "off.duckdb", db_idle_memory=""))
    assert calls == []
