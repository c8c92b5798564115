"""Schema creation, versioning and migrations."""

from pathlib import Path

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
