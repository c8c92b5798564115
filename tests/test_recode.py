"""Recoding stored documents with changed knowledge, atomically and with a diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.jobs.ingest import ingest
from foedus.jobs.recode import recode
from foedus.settings import Settings
from foedus.store.db import connect

pytestmark = pytest.mark.slow

ARTICLE = (
    "Armenia lectured Azerbaijan on Monday over the closure of the road to the region, officials in Yerevan said. "
    "Azerbaijani forces shelled Armenian positions near Jermuk on Tuesday, the defence ministry said. "
    "The foreign ministers of the two countries met in Brussels later that week to discuss the border."
)


def _codes(db: Path) -> set[tuple[str, str, str]]:
    con = connect(db, read_only=True)
    try:
        return {tuple(r) for r in con.execute("SELECT source_country, target_country, cameo FROM event_mentions").fetchall()}
    finally:
        con.close()


def test_recode_applies_new_patterns_and_keeps_overrides(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "x.duckdb"
    ingest([doc], Settings(db_path=db))
    before = _codes(db)
    assert not any(code == "111" and src == "ARM" for src, _, code in before)
    con = connect(db)
    con.execute("INSERT INTO verdict_overrides (invocation_key, verdict, note, author) VALUES ('k', 'honoured', 'n', 'me')")
    # as if stored before signatures were kept: the recode, which reads the text again, gives it back
    (signature,) = con.execute("SELECT minhash FROM documents").fetchone()
    con.execute("UPDATE documents SET minhash = NULL")
    con.close()

    unchanged = recode(Settings(db_path=db))
    assert (unchanged.added, unchanged.removed, unchanged.recoded) == (0, 0, 0)
    assert _codes(db) == before
    con = connect(db, read_only=True)
    assert signature and con.execute("SELECT minhash FROM documents").fetchone() == (signature,)
    con.close()

    patterns = tmp_path / "mine.yaml"
    patterns.write_text('# format: foedus-patterns/1\npatterns:\n  - {lemma: lecture, pos: verb, code: "111", target: [obj]}\n')
    report = recode(Settings(db_path=db, extra_pattern_files=(patterns,)))
    assert report.added >= 1 and report.removed == 0
    after = _codes(db)
    assert ("ARM", "AZE", "111") in after and before < after
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM verdict_overrides").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM events WHERE cameo = '111'").fetchone()[0] >= 1
        assert con.execute("SELECT count(*) FROM event_mentions WHERE pattern_id LIKE 'mine:%'").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0] == 0
        kinds = [k for (k,) in con.execute("SELECT kind FROM runs ORDER BY started_at").fetchall()]
        assert kinds == ["ingest", "recode", "recode"]
    finally:
        con.close()


def test_recode_with_two_workers_gives_what_one_gives(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(5):  # five documents, batches of two: three batches for the workers
        (folder / f"d{i}.txt").write_text(ARTICLE.replace("Monday", ["Monday", "Tuesday", "Friday", "Sunday", "Thursday"][i])
                                          + f" The talks were the {i + 2}th round this year.", encoding="utf-8")
    patterns = tmp_path / "mine.yaml"
    patterns.write_text('# format: foedus-patterns/1\npatterns:\n  - {lemma: lecture, pos: verb, code: "111", target: [obj]}\n')
    dbs = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.duckdb"
        assert ingest([folder], Settings(db_path=db)).stored == 5
        report = recode(Settings(db_path=db, workers=workers, batch_size=2, extra_pattern_files=(patterns,)))
        assert report.documents == 5 and report.added == 5
        dbs.append(db)
    assert _codes(dbs[0]) == _codes(dbs[1]) and ("ARM", "AZE", "111") in _codes(dbs[1])
