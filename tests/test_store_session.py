"""A writing run's connection, opened anew every few batches, and the run lock that guards the gaps."""

from __future__ import annotations

import json
import os

import pytest

from foedus.jobs.ingest import ingest
from foedus.settings import Settings
from foedus.store.db import DatabaseLocked, connect, run_lock_held
from foedus.store.session import WritingSession

NEWS = [
    "Moldovan border police detained four smugglers near the river crossing on Monday, the interior ministry "
    "in Chisinau said. The ministry thanked Romanian officers for their help and said the two services would "
    "hold joint patrols along the frontier from next month.",
    "The foreign ministers of Chile and Argentina met in Santiago on Wednesday and signed an agreement on "
    "shared water resources in the Andes. Both governments praised the deal and promised to meet again before "
    "the end of the year to review its first results.",
    "Protesters gathered outside the parliament in Tbilisi on Friday to denounce a draft law on foreign "
    "funding. The European Union criticised the bill and urged the Georgian government to withdraw it, "
    "while police kept the crowd away from the main entrance.",
    "Kenyan troops arrived in the Haitian capital on Tuesday to lead a multinational security mission, the "
    "government in Nairobi said. The United States pledged further funding for the mission and praised Kenya "
    "for taking on the task.",
]


def _corpus(folder):
    folder.mkdir()
    path = folder / "news.jsonl"
    records = [{"text": text + f" Report {k} of the day.", "outlet": outlet, "published": "2024-06-0" + str(k % 9 + 1),
                "title": f"Story {i}-{k}"}
               for k, outlet in enumerate(("Lowland Post", "Hill Review")) for i, text in enumerate(NEWS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _state(db):
    con = connect(db, read_only=True)
    try:
        return (con.execute("SELECT doc_id, near_dup_of FROM documents ORDER BY doc_id").fetchall(),
                con.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
                con.execute("SELECT mention_id, event_id, sentence FROM event_mentions ORDER BY mention_id").fetchall())
    finally:
        con.close()


def test_an_ingest_that_reopens_its_connection_after_every_batch_stores_the_same(tmp_path):
    src = _corpus(tmp_path / "in")
    once, often = tmp_path / "once.duckdb", tmp_path / "often.duckdb"
    a = ingest([src], Settings(db_path=once, batch_size=2, db_renew_batches=0))
    b = ingest([src], Settings(db_path=often, batch_size=2, db_renew_batches=1))
    assert a.stored == b.stored == 8 and a.events == b.events > 0
    assert _state(once) == _state(often)
    assert not os.path.exists(str(often) + ".run-lock")


def test_the_session_reopens_keeps_its_threads_and_holds_the_file_in_between(tmp_path):
    db = tmp_path / "s.duckdb"
    session = WritingSession(db, wait=1, memory_limit="64MB", renew_every=2)
    try:
        with session.threads(1):
            first = session.con
            (limit,) = first.execute("SELECT current_setting('memory_limit')").fetchone()
            session.batch_stored()
            assert session.con is first
            session.batch_stored()
            renewed = session.con
            assert renewed is not first
            assert renewed.execute("SELECT current_setting('threads')").fetchone() == (1,)
            assert renewed.execute("SELECT current_setting('memory_limit')").fetchone() == (limit,)
        assert run_lock_held(str(db))
        # between two of the run's connections no other writer gets in
        session.con.close()
        with pytest.raises(DatabaseLocked, match="in use by another process"):
            connect(db, wait=0.3)
        session.con = connect(db, own_run=True)
        with pytest.raises(DatabaseLocked):
            WritingSession(db, wait=0.3, memory_limit=None, renew_every=2)
    finally:
        session.close()
    assert not run_lock_held(str(db)) and not os.path.exists(str(db) + ".run-lock")
    connect(db, wait=0).close()  # free again
