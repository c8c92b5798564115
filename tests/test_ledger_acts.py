"""Treaty acts: a signing reported by several outlets is one dated record
linked to its treaty, not a handful of loose pledges. Our own sentences."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402

from foedus.ledger import extract_pledges, list_pledges, treaty_records  # noqa: E402
from foedus.store.db import connect  # noqa: E402


@pytest.fixture()
def acts():
    con = connect(":memory:")
    build.load(con, "treaty_acts.yaml")
    return con


def test_a_signing_reported_twice_is_one_record_that_agrees_with_the_registry(acts):
    rows = treaty_records(acts, extra_treaty_files=[build.fixture_treaties()])
    news = [r for r in rows if r["from"] == "news"]
    assert len(news) == 1
    r = news[0]
    assert (r["treaty"], r["kind"], r["date"]) == ("fixture-accord", "signing", "2035-06-01")
    assert set(r["parties"]) == {"AAA", "BBB"}
    assert r["agrees_with_registry"] is True and "same date" in r["summary"]
    assert {e["outlet"] for e in r["evidence"]} == {"Wire One", "Wire Two"}
    # the reference a year later to "the accord AAA signed last year" is no new signing
    assert not any(e["date"].startswith("2036") for e in r["evidence"])
    held = [(x["kind"], x["date"]) for x in rows if x["from"] == "registry"]
    assert ("signing", "2035-06-01") in held and ("entry into force", "2035-07-01") in held


def test_the_promises_of_a_signing_are_not_loose_pledges(acts):
    extract_pledges(acts, [build.fixture_treaties()])
    loose = [p["sentence"] for p in list_pledges(acts)]
    assert not any("Fixture Accord" in s or "defence accord" in s for s in loose), loose
