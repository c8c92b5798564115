"""The treaty registry: facts on dates, extensibility, malformed entries."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402

from foedus.ledger.treaties import load_registry, treaties_of  # noqa: E402


def test_builtin_registry_loads_cleanly_with_enough_treaties():
    reg = load_registry()
    assert reg.problems == ()
    assert len(reg.treaties) >= 24
    for t in reg.treaties:
        assert t.sources, f"{t.id} cites no source"
        assert t.articles, f"{t.id} has no articles"


def test_cst_parties_over_time():
    cst = load_registry().get("cst-1992")
    assert set(cst.parties_on(date(2022, 9, 13))) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert {"AZE", "GEO", "UZB"} <= set(cst.parties_on(date(1995, 1, 1)))
    assert "UZB" in cst.parties_on(date(2008, 1, 1)) and "UZB" not in cst.parties_on(date(2013, 1, 1))
    assert "AZE" not in cst.parties_on(date(2000, 1, 1))
    # Armenia froze its participation in February 2024: still a member, no longer active
    assert cst.member_on("ARM", date(2024, 6, 1)) and not cst.active_on("ARM", date(2024, 6, 1))
    assert cst.in_force_on(date(1994, 4, 20)) and not cst.in_force_on(date(1994, 4, 19))


def test_nato_membership_counts():
    nato = load_registry().get("nato-1949")
    assert len(nato.parties_on(date(2023, 1, 1))) == 30
    assert len(nato.parties_on(date(2023, 4, 4))) == 31
    assert len(nato.parties_on(date(2024, 3, 7))) == 32


def test_treaties_of_armenia_in_2022():
    ids = {t.id for t in treaties_of(load_registry(), "ARM", date(2022, 9, 13))}
    assert {"cst-1992", "arm-rus-1997", "nk-trilateral-2020", "arm-rus-base-2010"} <= ids
    assert "nato-1949" not in ids


def test_lachin_guarantee_binds_azerbaijan_only():
    art = load_registry().get("nk-trilateral-2020").article("6")
    passage = [o for o in art.obligations if o.type == "guarantee-of-passage"]
    assert len(passage) == 1 and passage[0].bound == ("AZE",)
    assert "Lachin corridor" in passage[0].place


def test_user_file_adds_treaty_and_malformed_entries_are_reported_with_line():
    reg = load_registry([build.fixture_treaties()])
    assert reg.get("fixture-pact") is not None
    assert reg.get("no-parties") is None and reg.get("bad-date") is None
    probs = [p for p in reg.problems if "fixture_treaties.yaml" in p]
    assert len(probs) == 2
    assert any(":27:" in p and "parties" in p for p in probs)
    assert any(":30:" in p and "not a date" in p for p in probs)


def test_file_of_wrong_format_is_reported_not_fatal(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("treaties: [1, 2\n", encoding="utf-8")
    reg = load_registry([str(bad)])
    assert any("x.yaml:1" in p and "format" in p for p in reg.problems)
    assert reg.get("cst-1992") is not None
