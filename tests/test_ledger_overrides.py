"""Analyst overrides stay beside the computed verdict across re-runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402

from foedus.ledger import build_ledger, extract_pledges, record_override  # noqa: E402
from foedus.store.db import connect  # noqa: E402

KEY = "cst-1992:4:ARM:2022-09-13"


def _inv(con, key=KEY):
    return next(i for e in build_ledger(con) for i in e["invocations"] if i["key"] == key)


def test_override_survives_recompute_and_new_evidence(tmp_path):
    db = tmp_path / "l.duckdb"
    con = connect(db)
    build.load(con, "reference_case.yaml")
    record_override(con, KEY, "partially honoured", "The CSTO mission's report counts as political support.", "A. Analyst")
    record_override(con, KEY + ":RUS", "not honoured", "No Russian troops moved.", "A. Analyst")
    extract_pledges(con)  # another stage writing to the same database
    con.execute("INSERT INTO event_mentions SELECT * REPLACE ('x-new' AS mention_id, 'x-ev' AS event_id) FROM event_mentions WHERE mention_id = (SELECT min(mention_id) FROM event_mentions)")
    con.close()
    con = connect(db)
    inv = _inv(con)
    assert inv["verdict"] == "not honoured"  # the computed verdict is never replaced
    assert inv["override"]["verdict"] == "partially honoured"
    assert inv["override"]["author"] == "A. Analyst" and inv["override"]["at"]
    assert inv["effective_verdict"] == "partially honoured"
    rus = next(g for g in inv["guarantors"] if g["actor"] == "RUS")
    assert rus["override"]["note"] == "No Russian troops moved."


def test_override_rejects_bad_input():
    con = connect(":memory:")
    with pytest.raises(ValueError):
        record_override(con, KEY, "sort of", "note")
    with pytest.raises(ValueError):
        record_override(con, "not-a-key", "honoured", "note")
    with pytest.raises(ValueError):
        record_override(con, KEY, "honoured", "  ")


def test_reliability_uses_overrides_and_shows_base_rates():
    con = connect(":memory:")
    build.load(con, "reference_case.yaml")
    entry = next(e for e in build_ledger(con) if e["treaty"]["id"] == "cst-1992")
    assert entry["reliability"]["guarantors"]["CSTO"]["counts"]["not honoured"] == 1
    record_override(con, KEY + ":CSTO", "honoured", "Test override.", "t")
    entry = next(e for e in build_ledger(con) if e["treaty"]["id"] == "cst-1992")
    assert entry["reliability"]["guarantors"]["CSTO"]["share_honoured"] == 1.0
    rates = {r["id"]: r["share"] for r in entry["reliability"]["base_rates"]}
    assert rates["llm-2000"] == pytest.approx(0.745) and rates["bf-2018-post1945"] == pytest.approx(0.22)
