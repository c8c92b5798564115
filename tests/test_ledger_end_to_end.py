"""The ledger through the real pipeline: our own short articles (tests/fixtures/ledger/e2e)
and, when present next to the repository, the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.jobs.ingest import ingest
from foedus.ledger import build_ledger, explain
from foedus.settings import Settings
from foedus.store.db import connect

pytestmark = pytest.mark.slow

E2E = Path(__file__).parent / "fixtures" / "ledger" / "e2e"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def _ledger(tmp_path_factory, folder: Path, name: str):
    db = tmp_path_factory.mktemp(name) / "ledger.duckdb"
    ingest([folder], Settings(db_path=db), manifest_path=folder / "manifest.csv")
    con = connect(db, read_only=True)
    return con, build_ledger(con)


def _invocations(entries):
    return {i["key"]: (e, i) for e in entries for i in e["invocations"]}


@pytest.fixture(scope="module")
def e2e(tmp_path_factory):
    return _ledger(tmp_path_factory, E2E, "e2e")


def test_e2e_two_invocations_one_each_not_honoured(e2e):
    _, entries = e2e
    invs = _invocations(entries)
    by_treaty = {(i["key"].split(":")[0], i["key"].split(":")[1]): i for _, i in invs.values()}
    assert set(by_treaty) == {("cst-1992", "4"), ("arm-rus-1997", "3")}
    cst, rus = by_treaty[("cst-1992", "4")], by_treaty[("arm-rus-1997", "3")]
    # the month-dated retrospective report joins the day-dated request; nothing is dated 2022-09-01 or 1997
    assert cst["key"] == "cst-1992:4:ARM:2022-09-13" and cst["date_precision"] == "day"
    assert any(ev["date_precision"] == "month" and ev["sentence"].startswith("In September 2022") for ev in cst["evidence"])
    assert rus["key"] == "arm-rus-1997:3:ARM:2022-09-13" and rus["addressee"] == "RUS"
    for inv in (cst, rus):
        assert inv["trigger"]["met"] == "met" and inv["trigger"]["attacker"] == "AZE"
        assert inv["verdict"] == "not honoured" and inv["basis"] == "trigger met"
        assert not any(r["effect"] in ("full", "partial") for r in inv["responses"])  # no invented aid
    assert "a fact-finding mission" in cst["rationale"] and "declined to help" in cst["rationale"]
    assert cst["rationale"].endswith("Verdict: not honoured.")
    ev = cst["evidence"][0]
    assert ev["outlet"] == "Northern Ledger"
    assert ev["sentence"].startswith("Armenia asked the Collective Security Treaty Organization for military assistance")
    mission = next(r for r in cst["responses"] if r["class"] == "fact-finding")
    assert mission["evidence"]["outlet"] == "Southern Courier"


def test_e2e_lachin_blockade_is_a_breach(e2e):
    _, entries = e2e
    (b,) = [b for e in entries for b in e["breaches"] if b["article"] == "6"]
    assert b["treaty"] == "nk-trilateral-2020" and b["by"] == ["AZE"] and b["first"] == "2022-12-12"
    assert all("Lachin corridor" in ev["sentence"] for ev in b["evidence"])
    # a program reads when it was breached, by whom, and how it stands
    assert b["date"] == "2022-12-12" and b["until"] >= b["date"] and b["status"] == b["verdict"] == "breached"
    assert b["breached_by"] == ["AZE"] and {"ARM", "AZE"} <= set(b["parties"]) and b["what"]
    assert all(ev["published"] for ev in b["evidence"])


def test_e2e_explain_walks_the_verdict(e2e):
    con, _ = e2e
    out = explain(con, "cst-1992:4:ARM:2022-09-13:CSTO")
    assert [s["step"] for s in out["steps"]][:4] == ["invocation", "obligation", "trigger", "guarantors"]
    assert out["verdict"] == "not honoured"
    trig = next(s for s in out["steps"] if s["step"] == "trigger")
    assert trig["status"] == "met" and trig["evidence"]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    if not (SEEDS / "manifest.csv").exists():
        pytest.skip("seed articles not available next to the repository")
    return _ledger(tmp_path_factory, SEEDS, "seeds")


def test_seeds_september_2022_csto_invocation_not_honoured(seeds):
    _, entries = seeds
    cst = [i for e in entries for i in e["invocations"] if e["treaty"]["id"] == "cst-1992" and e["article"] == "4"]
    # the May 2021 request ("turned to the CSTO for help" after the Sev Lake incursion) and September 2022
    assert [i["key"] for i in cst] == ["cst-1992:4:ARM:2021-05", "cst-1992:4:ARM:2022-09-13"]
    assert cst[0]["date_precision"] == "month"
    inv = cst[1]
    assert inv["date"].startswith("2022-09") and inv["invoked_by"] == "ARM" and inv["addressee"] == "CSTO"
    assert inv["verdict"] == "not honoured"
    assert "fact-finding" in inv["rationale"]
    # the lone undated report of Russian "military action" is named but does not count as aid
    assert not any(r["effect"] == "full" for r in inv["responses"] if r["actor"] == "CSTO")
    assert {ev["outlet"] for ev in inv["evidence"]} >= {"Aze.Media", "Emerging Europe"}


def test_seeds_1997_treaty_invocation(seeds):
    _, entries = seeds
    rus = [i for e in entries for i in e["invocations"] if e["treaty"]["id"] == "arm-rus-1997"]
    if not rus:
        pytest.xfail("the event coder codes no request by Armenia to Russia in the seed articles "
                     "(OC Media: 'made the decision to apply to both the CSTO and Russia for assistance')")
    assert len(rus) == 1 and rus[0]["verdict"] == "not honoured"


ARTICLE4 = Path(__file__).parent / "fixtures" / "ledger" / "article4"


def test_e2e_an_article_4_request_is_honoured_by_the_council_meeting_and_background_makes_nothing(tmp_path_factory):
    _, entries = _ledger(tmp_path_factory, ARTICLE4, "article4")
    invs = [i for e in entries for i in e["invocations"]]
    assert [(i["key"], i["side"]) for i in invs] == [("nato-1949:4:LTU:2026-02-10", "request")]
    inv = invs[0]
    assert inv["duty"] == "consult" and inv["verdict"] == "honoured"
    assert any(r["class"] == "consultations" and r["actor"] == "NATO" for r in inv["responses"])
    # no Article 5 invocation from the background, negated or definitional sentences
    assert not [e for e in entries if e["article"] == "5" and e["invocations"]]
