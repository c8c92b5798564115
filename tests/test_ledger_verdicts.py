"""Verdicts on our own fixture corpora: every verdict kind, with evidence."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402

from foedus.ledger import build_ledger, explain  # noqa: E402
from foedus.store.db import connect  # noqa: E402


@pytest.fixture()
def reference():
    con = connect(":memory:")
    build.load(con, "reference_case.yaml")
    return con


@pytest.fixture()
def pact():
    con = connect(":memory:")
    build.load(con, "fixture_pact.yaml")
    return con


def _invocations(entries):
    return {i["key"]: (e, i) for e in entries for i in e["invocations"]}


def test_reference_case_csto_article_4_not_honoured(reference):
    invs = _invocations(build_ledger(reference))
    e, inv = invs["cst-1992:4:ARM:2022-09-13"]
    assert e["treaty"]["name"] == "Collective Security Treaty"
    assert inv["addressee"] == "CSTO" and inv["request"] == "military assistance" and inv["cited"]
    assert len(inv["evidence"]) == 2  # the two reports of the request grouped into one invocation
    assert inv["trigger"]["met"] == "met" and inv["trigger"]["attacker"] == "AZE"
    assert "Jermuk" in inv["trigger"]["reason"]
    assert inv["verdict"] == "not honoured"
    r = inv["rationale"]
    assert "a fact-finding mission (3 reports, 2 outlets)" in r
    assert "no military assistance" in r and "Two reports say the CSTO declined" in r
    assert r.endswith("Verdict: not honoured.")
    classes = {x["class"] for x in inv["responses"] if x["actor"] == "CSTO"}
    assert {"fact-finding", "refused-aid"} <= classes
    assert {g["actor"] for g in inv["guarantors"]} == {"CSTO", "RUS", "BLR", "KAZ", "KGZ", "TJK"}


def test_reference_case_1997_treaty_invoked_and_disputed_in_karabakh(reference):
    invs = _invocations(build_ledger(reference))
    _, inv2022 = invs["arm-rus-1997:3:ARM:2022-09-13"]
    assert inv2022["addressee"] == "RUS" and inv2022["verdict"] == "not honoured"
    _, inv2020 = invs["arm-rus-1997:3:ARM:2020-10-31"]
    assert inv2020["trigger"]["met"] == "disputed"
    assert "Nagorno-Karabakh" in inv2020["trigger"]["reason"]
    assert inv2020["verdict"] == "trigger disputed"


def test_lachin_blockade_is_a_breach_of_point_6(reference):
    entries = build_ledger(reference)
    breaches = [b for e in entries for b in e["breaches"]]
    assert len(breaches) == 1
    b = breaches[0]
    assert (b["treaty"], b["article"], b["obligation"]) == ("nk-trilateral-2020", "6", "guarantee-of-passage")
    assert b["events"] == 2 and b["first"] == "2022-12-12"
    assert all("Ganja" not in ev["sentence"] for ev in b["evidence"])


def test_fixture_pact_honoured_partial_pending_and_disputed(pact):
    invs = _invocations(build_ledger(pact, extra_treaty_files=[build.fixture_treaties()]))
    _, h = invs["fixture-pact:1:AAA:2031-03-02"]
    assert h["verdict"] == "honoured"
    per = {g["actor"]: g["verdict"] for g in h["guarantors"]}
    assert per == {"FXP": "honoured", "BBB": "honoured", "CCC": "partially honoured"}
    _, p = invs["fixture-pact:1:BBB:2032-05-02"]
    assert p["verdict"] == "partially honoured"
    assert any(r["class"] == "condemnation" and r["toward"] == "attacker" for r in p["responses"])
    _, d = invs["fixture-pact:1:CCC:2033-02-02"]
    assert d["verdict"] == "trigger disputed" and "itself a party" in d["trigger"]["reason"]
    _, u = invs["fixture-pact:1:AAA:2033-06-01"]
    assert u["trigger"]["met"] == "unknown" and "cannot tell" in u["trigger"]["reason"]
    _, n = invs["fixture-pact:1:AAA:2034-01-11"]
    assert n["verdict"] == "pending"


def test_window_length_changes_what_counts(pact):
    # With a 5-day window the deployment (day 8) and the arms and aid (days 9-10) fall outside.
    invs = _invocations(build_ledger(pact, window_days=5, extra_treaty_files=[build.fixture_treaties()]))
    _, h = invs["fixture-pact:1:AAA:2031-03-02"]
    assert h["verdict"] == "not honoured"


def test_explain_walks_through_one_guarantor(reference):
    out = explain(reference, "cst-1992:4:ARM:2022-09-13:CSTO")
    steps = [s["step"] for s in out["steps"]]
    assert steps[:4] == ["invocation", "obligation", "trigger", "guarantors"]
    assert out["verdict"] == "not honoured" and out["guarantor"] == "CSTO"
    resp = next(s for s in out["steps"] if s["step"] == "responses")
    assert any(r["evidence"]["outlet"] == "Caspian Post" for r in resp["responses"])
    with pytest.raises(KeyError):
        explain(reference, "cst-1992:4:ARM:1999-01-01")


@pytest.fixture()
def dating():
    con = connect(":memory:")
    build.load(con, "dating.yaml")
    return con


def test_less_precise_reports_join_the_day_dated_invocation(dating):
    invs = _invocations(build_ledger(dating))
    assert list(invs) == ["cst-1992:4:ARM:2022-09-13"]
    _, inv = invs["cst-1992:4:ARM:2022-09-13"]
    assert inv["date_precision"] == "day"
    assert sorted(ev["date_precision"] for ev in inv["evidence"]) == ["day", "document", "month"]
    # nothing dated before the 1997 treaty existed
    assert not any(k.startswith("arm-rus-1997") for k in invs)


def test_lone_undated_report_of_aid_does_not_make_a_promise_kept(dating):
    _, inv = _invocations(build_ledger(dating))["cst-1992:4:ARM:2022-09-13"]
    assert any(r["class"] == "military-aid" for r in inv["responses"])
    assert inv["verdict"] == "not honoured"
    assert "A single undated report of military aid or deployment by the CSTO (Caspian Post" in inv["rationale"]


def test_unknown_trigger_verdict_is_flagged(pact):
    _, u = _invocations(build_ledger(pact, extra_treaty_files=[build.fixture_treaties()]))["fixture-pact:1:AAA:2033-06-01"]
    assert u["basis"] == "responses only"
    assert u["rationale"].endswith("on the responses alone: the record cannot tell whether the treaty's conditions "
                                   "were met, so the obligation may not have applied.")
