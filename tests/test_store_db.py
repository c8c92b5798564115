"""Schema creation, versioning and migrations."""

from pathlib import Path

import duckdb
import pytest

from foedus.store import db


def test_new_database_gets_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    con = db.connect(path)
    assert db.current_version(con) == db.SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "event_mentions", "events", "verdict_overrides", "rejections"} <= tables
    con.close()
    # Opening again migrates nothing and keeps the data.
    con = db.connect(path)
    assert con.execute("SELECT count(*) FROM schema_info").fetchone()[0] == db.SCHEMA_VERSION
    con.close()


def test_read_only_refuses_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such database"):
        db.connect(tmp_path / "missing.duckdb", read_only=True)


def _version_1_database(path: Path) -> None:
    """A database as foedus wrote it at schema version 1: the base schema and a few rows."""
    import duckdb

    con = duckdb.connect(str(path))
    con.execute(db._schema_sql())
    con.execute("INSERT INTO schema_info (version) VALUES (1)")
    con.execute("INSERT INTO tokens VALUES ('d1', 0, 0, 5, 0, 'PROPN', 'nsubj', 1, 'Baku'),"
                " ('d1', 1, 6, 12, 0, 'VERB', 'ROOT', 1, 'attack')")
    for doc_id, outlet, published, dup_of in [
        ("d1", "Reuters", "2022-09-13", None),
        ("d2", "Armenpress", "2022-09-14", "d1"),  # a reprint under another outlet
        ("d3", None, None, None),
    ]:
        con.execute(
            "INSERT INTO documents (doc_id, content_hash, text_hash, outlet, outlet_source, title_source,"
            " published, published_source, author_source, language_source, raw_text, text, n_words, near_dup_of)"
            " VALUES (?, ?, ?, ?, 'given', 'unknown', ?, 'given', 'unknown', 'unknown', 'x', 'x', 1, ?)",
            [doc_id, "h" + doc_id, "t" + doc_id, outlet, published, dup_of],
        )
    con.execute("INSERT INTO sentences VALUES ('d1', 0, 0, 12, 'Baku struck.', '2022-09-13', 'day', 'published'),"
                " ('d1', 1, 13, 30, 'Yerevan appealed.', NULL, 'none', 'none')")
    mentions = [
        # mention, event, doc, source (code, country, org), target (code, country, org)
        ("d1:0:0", "ev1", "d1", ("AZEMIL", "AZE", None), ("ARMGOV", "ARM", None)),
        ("d2:0:0", "ev1", "d2", ("AZEMIL", "AZE", None), ("ARMGOV", "ARM", None)),
        ("d3:0:0", "ev2", "d3", ("IGOCSTO", None, "CSTO"), ("UNK", None, None)),
    ]
    for mention_id, event_id, doc_id, src, tgt in mentions:
        con.execute(
            "INSERT INTO event_mentions (mention_id, event_id, doc_id, sent_index, sent_start, sent_end, sentence,"
            " date_precision, source_code, source_country, source_org, target_code, target_country, target_org,"
            " cameo, root, quad_class, goldstein, negated, modality, trigger_start, trigger_end, trigger_text,"
            " pattern_id) VALUES (?, ?, ?, 0, 0, 1, 'x', 'day', ?, ?, ?, ?, ?, ?, '190', '19', 4, -10, false,"
            " 'asserted', 0, 1, 'x', 'p')",
            [mention_id, event_id, doc_id, *src, *tgt],
        )
    for event_id, src, tgt in [("ev1", mentions[0][3], mentions[0][4]), ("ev2", mentions[2][3], mentions[2][4])]:
        con.execute(
            "INSERT INTO events (event_id, date_precision, source_code, source_country, source_org, target_code,"
            " target_country, target_org, cameo, root, quad_class, goldstein, negated, modality, mentions, sources,"
            " documents) VALUES (?, 'day', ?, ?, ?, ?, ?, ?, '190', '19', 4, -10, false, 'asserted', 1, 1, 1)",
            [event_id, *src, *tgt],
        )
    con.close()


def test_version_1_database_is_migrated_and_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _version_1_database(path)
    con = db.connect(path)
    assert db.current_version(con) == 11 == db.SCHEMA_VERSION
    assert [r[0] for r in con.execute("SELECT version FROM schema_info ORDER BY version").fetchall()] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    mentions = con.execute(
        "SELECT mention_id, outlet, CAST(published AS VARCHAR), source_key, target_key"
        " FROM event_mentions ORDER BY mention_id"
    ).fetchall()
    assert mentions == [
        ("d1:0:0", "Reuters", "2022-09-13", "AZE", "ARM"),
        ("d2:0:0", "Armenpress", "2022-09-14", "AZE", "ARM"),  # its own document's outlet, not the original's
        ("d3:0:0", None, None, "CSTO", None),
    ]
    events = con.execute("SELECT event_id, source_key, target_key, outlets FROM events ORDER BY event_id").fetchall()
    assert events == [("ev1", "AZE", "ARM", ["Armenpress", "Reuters"]), ("ev2", "CSTO", None, [])]
    # old mentions predate target provenance: their targets were all stated in their sentence
    assert con.execute("SELECT count(*) FROM event_mentions WHERE target_from IS NOT NULL").fetchone()[0] == 0
    # version 6 keeps stored tokens, without the key index nothing used
    assert con.execute("SELECT doc_id, tok_index, lemma FROM tokens ORDER BY tok_index").fetchall() == [
        ("d1", 0, "Baku"), ("d1", 1, "attack")]
    assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'tokens'"
                       " AND constraint_type = 'PRIMARY KEY'").fetchone()[0] == 0
    # versions 7, 9 and 10 keep only the keys that guard or serve something: a writer holds every index it touches
    assert {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()} == set()
    assert {r[0] for r in con.execute("SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'")
            .fetchall()} == {"documents", "runs", "pledges", "analyst_invocations"}
    # version 9 keeps the sentences and reports it rebuilt without their keys, in order
    assert con.execute("SELECT doc_id, sent_index, text, CAST(date AS VARCHAR) FROM sentences").fetchall() == [
        ("d1", 0, "Baku struck.", "2022-09-13"), ("d1", 1, "Yerevan appealed.", None)]
    assert [r[0] for r in con.execute("SELECT mention_id FROM event_mentions").fetchall()] == ["d1:0:0", "d2:0:0", "d3:0:0"]
    # version 8: a store merged before it is merged whole once (salted ids of an old clash are not on record)
    assert con.execute("SELECT event_id FROM merge_clashes").fetchall() == [("*",)]
    con.close()
    # Opening again applies nothing twice.
    con = db.connect(path)
    assert con.execute("SELECT count(*) FROM schema_info").fetchone()[0] == db.SCHEMA_VERSION
    con.close()


def test_version_10_rebuilds_the_events_without_their_key_keeping_every_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "v9.duckdb"
    _version_1_database(path)
    con = duckdb.connect(str(path))
    for number, sql in db._migrations():  # the store as version 9 left it
        if number <= 9:
            con.execute(sql)
            con.execute("INSERT INTO schema_info (version) VALUES (?)", [number])
    before = con.execute("SELECT * FROM events").fetchall()
    columns = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"
                          " ORDER BY ordinal_position").fetchall()
    con.close()
    con = db.connect(path)
    try:
        assert db.current_version(con) == db.SCHEMA_VERSION
        assert con.execute("SELECT * FROM events").fetchall() == before  # same rows, same order
        assert con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"
                           " ORDER BY ordinal_position").fetchall() == columns
        assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events'"
                           " AND constraint_type = 'PRIMARY KEY'").fetchone()[0] == 0
    finally:
        con.close()


def test_new_database_is_built_through_the_migrations(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "new.duckdb")
    assert [r[0] for r in con.execute("SELECT version FROM schema_info ORDER BY version").fetchall()] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    cols = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'event_mentions'").fetchall()}
    assert {"outlet", "published", "source_key", "target_key", "target_from"} <= cols
    con.close()


def test_read_only_readers_upgrade_an_old_database_first(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _version_1_database(path)
    con = db.connect(path, read_only=True)
    try:
        assert db.current_version(con) == db.SCHEMA_VERSION
        assert con.execute("SELECT count(*) FROM event_mentions WHERE source_key IS NOT NULL").fetchone()[0] == 3
        with pytest.raises(Exception):
            con.execute("DELETE FROM documents")
    finally:
        con.close()


def test_a_writer_bounds_duckdb_memory_and_a_bad_size_is_refused(tmp_path: Path) -> None:
    from foedus.settings import Settings, from_env

    con = db.connect(tmp_path / "w.duckdb", memory_limit="256MB")
    try:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] in ("244.1 MiB", "256.0 MiB")
    finally:
        con.close()
    assert Settings().db_memory_limit == "96MB"
    assert from_env({"FOEDUS_DB_MEMORY": "2 GB"}).db_memory_limit == "2GB"
    with pytest.raises(ValueError, match="not a size"):
        from_env({"FOEDUS_DB_MEMORY": "512MB'; DROP TABLE events; --"})


def _cached_kb(con) -> int:
    return con.execute(
        "SELECT coalesce(sum(memory_usage_bytes), 0) // 1024 FROM duckdb_memory() WHERE tag = 'BASE_TABLE'").fetchone()[0]


def test_releasing_the_cache_evicts_written_blocks_and_keeps_the_limit(tmp_path: Path) -> None:
    """A writer's DuckDB keeps every block it wrote until its limit presses; the
    writer empties that cache between batches, and its limit stays as set."""
    con = db.connect(tmp_path / "w.duckdb", memory_limit="64MB")
    try:
        con.execute("CREATE TABLE filler (n BIGINT, h VARCHAR)")
        for start in range(0, 400000, 100000):  # written batch by batch, as an ingest writes
            con.execute(f"INSERT INTO filler SELECT range, md5(range::VARCHAR) FROM range({start}, {start + 100000})")
        con.execute("CHECKPOINT")
        con.execute("SELECT count(DISTINCT h) FROM filler").fetchone()
        assert _cached_kb(con) > 4 * 1024
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        db.release_cache(con, "1MB")
        assert _cached_kb(con) <= 1024
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == limit
        # evicted blocks are read back from the file when a query needs them
        assert con.execute("SELECT count(*), max(n) FROM filler").fetchone() == (400000, 399999)
    finally:
        con.close()


def test_releasing_the_cache_under_pinned_rows_keeps_them_and_the_limit(tmp_path: Path) -> None:
    """What DuckDB cannot evict (the key index of rows not yet checkpointed) stays:
    the release frees what it can, raises nothing, and the store goes on."""
    con = db.connect(tmp_path / "w.duckdb", memory_limit="64MB")
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        con.execute("CREATE TABLE keyed (n BIGINT PRIMARY KEY, h VARCHAR)")
        con.execute("INSERT INTO keyed SELECT range, md5(range::VARCHAR) FROM range(300000)")
        db.release_cache(con, "1KB")
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == limit
        con.execute("INSERT INTO keyed VALUES (300000, 'last')")
        assert con.execute("SELECT count(*), max(n) FROM keyed").fetchone() == (300001, 300000)
        with pytest.raises(Exception, match="(?i)constraint|duplicate"):
            con.execute("INSERT INTO keyed VALUES (7, 'again')")
    finally:
        con.close()


def test_the_idle_cache_setting_is_a_checked_size_and_can_be_turned_off() -> None:
    from foedus.settings import Settings, from_env

    assert Settings().db_idle_memory == "8MB"
    assert from_env({"FOEDUS_DB_IDLE_MEMORY": "16 MB"}).db_idle_memory == "16MB"
    assert from_env({"FOEDUS_DB_IDLE_MEMORY": ""}).db_idle_memory == ""
    with pytest.raises(ValueError, match="not a size"):
        from_env({"FOEDUS_DB_IDLE_MEMORY": "8MB'; DROP TABLE events; --"})


def test_threads_while_sets_duckdb_threads_for_the_block_and_gives_the_default_back(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "t.duckdb")
    default = con.execute("SELECT current_setting('threads')").fetchone()[0]
    with db.threads_while(con, 1):
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] == 1
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == default
    with pytest.raises(RuntimeError):
        with db.threads_while(con, 1):
            raise RuntimeError("a batch failed")
    assert con.execute("SELECT current_setting('threads')").fetchone()[0] == default  # given back on failure too
    with db.threads_while(con, 0):  # 0: left as it is
        assert con.execute("SELECT current_setting('threads')").fetchone()[0] == default
    con.close()


def test_the_writer_threads_setting_is_checked() -> None:
    from foedus.settings import Settings, from_env

    assert Settings().db_threads == 1
    assert from_env({"FOEDUS_DB_THREADS": "0"}).db_threads == 0
    with pytest.raises(ValueError, match="db_threads"):
        Settings().with_options(db_threads=-2)


@pytest.mark.slow
def test_an_ingest_stores_on_one_duckdb_thread_and_merges_on_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import foedus.jobs.ingest as job
    from foedus.settings import Settings

    seen: dict[str, list[int]] = {"write": [], "merge": []}
    real_write, real_merge = job.store_write.write_documents, job.merge_pending

    def write(con, *args, **kwargs):
        seen["write"].append(con.execute("SELECT current_setting('threads')").fetchone()[0])
        return real_write(con, *args, **kwargs)

    def merge(con):
        seen["merge"].append(con.execute("SELECT current_setting('threads')").fetchone()[0])
        return real_merge(con)

    monkeypatch.setattr(job.store_write, "write_documents", write)
    monkeypatch.setattr(job, "merge_pending", merge)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n, town in enumerate(["Tartu", "Kaunas", "Daugavpils"]):
        (corpus / f"{n}.txt").write_text(
            f"{town}, 3 May 2024. The town council voted on Monday to rebuild the old market hall, "
            f"closed since a fire {n + 2} years ago.\n", encoding="utf-8")
    default = duckdb_default_threads()
    report = job.ingest([corpus], Settings(db_path=tmp_path / "s.duckdb", batch_size=2))
    assert report.stored == 3
    assert seen["write"] == [1, 1]
    assert seen["merge"] == [default]


def duckdb_default_threads() -> int:
    import duckdb

    con = duckdb.connect()
    try:
        return con.execute("SELECT current_setting('threads')").fetchone()[0]
    finally:
        con.close()


def test_a_bad_number_in_the_environment_names_its_variable() -> None:
    from foedus.settings import from_env

    with pytest.raises(ValueError, match=r"FOEDUS_DB_THREADS='two' is not a whole number"):
        from_env({"FOEDUS_DB_THREADS": "two"})
    with pytest.raises(ValueError, match=r"FOEDUS_LOCK_WAIT='soon' is not a number"):
        from_env({"FOEDUS_LOCK_WAIT": "soon"})
    assert from_env({"FOEDUS_WORKERS": " 2 ", "FOEDUS_LOCK_WAIT": "1.5"}).workers == 2
