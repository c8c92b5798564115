"""The dashboard's shared read-only connection: kept for a burst, given up when idle or asked."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import document

from foedus.store.db import connect
from foedus.store.write import insert_rows
from foedus.web.database import Database, DatabaseUnavailable


def _store(path: Path, outlets: list[str]) -> None:
    con = connect(path)
    insert_rows(con, "documents", [document(f"d{i}", outlet, date(2024, 5, 1), "Talks resumed.")
                                   for i, outlet in enumerate(outlets)])
    con.close()


def _outlets(db: Database) -> list[str]:
    with db.connection() as con:
        return [r[0] for r in con.execute("SELECT outlet FROM documents ORDER BY doc_id").fetchall()]


def test_a_burst_shares_one_connection_which_is_closed_when_idle(tmp_path):
    path = tmp_path / "a.duckdb"
    _store(path, ["Harbour Gazette"])
    db = Database(path, idle=0.3)
    try:
        assert not db.is_open()
        assert _outlets(db) == ["Harbour Gazette"]
        assert db.is_open()  # kept for the next request
        assert _outlets(db) == ["Harbour Gazette"]
        deadline = time.monotonic() + 5
        while db.is_open() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not db.is_open()
        # once closed, another process can write the file
        con = connect(path, wait=0)
        con.close()
        assert _outlets(db) == ["Harbour Gazette"]
    finally:
        db.close()
    assert not db.is_open()


def test_a_rebuilt_file_is_shown_at_the_next_request(tmp_path):
    path = tmp_path / "b.duckdb"
    _store(path, ["Harbour Gazette"])
    db = Database(path, idle=60)
    try:
        assert _outlets(db) == ["Harbour Gazette"]
        # rebuilt under the same name while the dashboard holds the old one
        fresh = tmp_path / "fresh.duckdb"
        _store(fresh, ["Valley Herald", "Coast Times"])
        os.replace(fresh, path)
        assert _outlets(db) == ["Valley Herald", "Coast Times"]
        os.unlink(path)
        with pytest.raises(DatabaseUnavailable, match="no database"):
            _outlets(db)
    finally:
        db.close()


_WRITER = """
import sys, time
from foedus.store.db import connect
t0 = time.monotonic()
con = connect(sys.argv[1], wait=20)
con.execute("UPDATE documents SET outlet = 'Writer'")
con.close()
print(f"{time.monotonic() - t0:.2f}")
"""


def test_a_waiting_writer_gets_the_file_while_requests_keep_coming(tmp_path):
    path = tmp_path / "c.duckdb"
    _store(path, ["Harbour Gazette"])
    db = Database(path, idle=60)  # never idle long enough: only the writer's sign frees the file
    seen: list[list[str]] = []
    refused: list[str] = []
    stop = threading.Event()

    def browse() -> None:
        while not stop.is_set():
            try:
                seen.append(_outlets(db))
            except DatabaseUnavailable as exc:
                refused.append(str(exc))

    threads = [threading.Thread(target=browse) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.3)
        assert db.is_open()
        writer = subprocess.run([sys.executable, "-c", _WRITER, str(path)], capture_output=True, text=True,
                                timeout=60)
        assert writer.returncode == 0, writer.stderr
        assert float(writer.stdout) < 10
        deadline = time.monotonic() + 10
        while (not seen or "Writer" not in seen[-1]) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        for t in threads:
            t.join()
        db.close()
    assert seen[0] == ["Harbour Gazette"] and seen[-1] == ["Writer"]
    assert not Path(str(path) + ".writer-waiting").exists()
