"""The five reference articles ingest clean, with the crawler's metadata."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from conftest import shared_or_skip
from foedus.jobs.ingest import ingest
from foedus.settings import Settings
from foedus.store.db import connect

pytestmark = pytest.mark.slow


def test_seeds_ingest_with_manifest_metadata(tmp_path) -> None:
    seeds = shared_or_skip("seeds")
    manifest = {r["file"]: r for r in csv.DictReader((seeds / "manifest.csv").open(encoding="utf-8"))}
    db = tmp_path / "seeds.duckdb"
    report = ingest([seeds], Settings(db_path=db))
    assert report.rejected == [] and report.stored == len(manifest) == 5
    con = connect(db, read_only=True)
    try:
        rows = con.execute("SELECT path, outlet, outlet_source, published, published_source, title, text FROM documents").fetchall()
        for path, outlet, outlet_source, published, published_source, title, text in rows:
            given = manifest[path.split("/")[-1]]
            assert (outlet, outlet_source) == (given["outlet"], "given")
            assert (published, published_source) == (date.fromisoformat(given["published"]), "given")
            assert title == given["title"]
            lowered = text.lower()
            for clutter in ("keep reading", "show less", "you might also like", "subscribe to our newsletter"):
                assert clutter not in lowered, (path, clutter)
        assert con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] > 20
    finally:
        con.close()
