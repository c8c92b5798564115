"""Cross-document merging and the export formats."""

from __future__ import annotations

import csv
import json

from foedus.coding.merge import merge_events
from foedus.export import gdelt
from foedus.export.events import iter_events
from foedus.export.tables import export_events


def test_merge_groups_reports_and_discounts_copies(small_store) -> None:
    result = merge_events(small_store)
    assert result.mentions == 5
    rows = small_store.execute(
        "SELECT source_code, target_code, cameo, mentions, sources, documents, negated FROM events ORDER BY cameo"
    ).fetchall()
    assert ("RUSGOV", "ARMGOV", "040", 1, 1, 1, False) in rows
    assert ("RUSGOV", "ARMGOV", "070", 1, 1, 1, True) in rows
    attack = [r for r in rows if r[0] == "AZEMIL"]
    # Three mentions, but d3 is a copy of d1: two documents, two outlets.
    assert attack == [("AZEMIL", "ARMMIL", "195", 3, 2, 2, False)]
    first_ids = sorted(r[0] for r in small_store.execute("SELECT event_id FROM events").fetchall())
    merge_events(small_store)
    assert sorted(r[0] for r in small_store.execute("SELECT event_id FROM events").fetchall()) == first_ids
    assert small_store.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0] == 0


def test_jsonl_contract_and_gdelt_layout(small_store, tmp_path) -> None:
    merge_events(small_store)
    events = list(iter_events(small_store))
    attack = next(e for e in events if e["cameo"] == "195")
    assert set(attack) >= {
        "event_id", "date", "date_precision", "source", "target", "cameo", "root", "quad_class", "goldstein",
        "plover", "negated", "modality", "claimed_by", "location", "mentions", "sources", "evidence",
    }
    assert attack["source"] == {"code": "AZEMIL", "name": "AZEMIL", "country": "AZE", "org": None, "role": "MIL"}
    assert attack["date"] == "2022-09-13"
    assert {e["doc_id"] for e in attack["evidence"]} == {"d1", "d2", "d3"}
    assert all(e["sentence"].startswith("Azerbaijani forces") for e in attack["evidence"])
    assert len(gdelt.COLUMNS) == 61
    out = tmp_path / "events.tsv"
    n = export_events(small_store, "gdelt", out)
    lines = list(csv.reader(out.open(), delimiter="\t"))
    assert n == 3 and all(len(line) == 61 for line in lines)
    row = dict(zip(gdelt.COLUMNS, next(line for line in lines if line[26] == "195")))
    assert row["Day"] == "20220913" and row["EventRootCode"] == "19" and row["NumMentions"] == "3"
    assert row["Actor1CountryCode"] == "AZE" and row["Actor1Type1Code"] == "MIL"
    jl = tmp_path / "e.jsonl"
    export_events(small_store, "jsonl", jl)
    assert [json.loads(line)["event_id"] for line in jl.open()] == [e["event_id"] for e in events]
    pq = tmp_path / "e.parquet"
    assert export_events(small_store, "parquet", pq) == 3
    import pyarrow.parquet as papq

    assert papq.read_table(pq).num_rows == 3
