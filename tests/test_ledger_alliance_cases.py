"""Invocations from either side, duties per article, promises and members
acting together, on our own fixture corpus (placeholder states and treaties)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402

from foedus.ledger import build_ledger, load_registry, record_invocation, record_override  # noqa: E402
from foedus.store.db import connect  # noqa: E402


@pytest.fixture()
def cases():
    con = connect(":memory:")
    build.load(con, "alliance_cases.yaml")
    return con


def _ledger(con):
    return {i["key"]: i for e in build_ledger(con, extra_treaty_files=[build.fixture_treaties()]) for i in e["invocations"]}


def test_joint_request_for_consultations_is_one_invocation_each_grouped_and_honoured_by_the_meeting(cases):
    invs = _ledger(cases)
    a, b = invs["fixture-pact:2:AAA:2040-04-02"], invs["fixture-pact:2:BBB:2040-04-02"]
    assert a["side"] == b["side"] == "request"
    assert a["group"] == b["group"] == "fixture-pact:2:AAA+BBB:2040-04-02"
    for inv in (a, b):
        assert inv["duty"] == "consult"
        assert inv["verdict"] == "honoured"
        assert any(r["class"] == "consultations" and r["actor"] == "FXP" for r in inv["responses"])
        assert "The article asks for consultations" in inv["rationale"]


def test_negated_and_provision_mentions_make_no_invocation(cases):
    invs = _ledger(cases)
    assert not [k for k in invs if ":CCC:" in k]


def test_an_ally_deciding_that_the_accord_applies_is_an_invocation_by_the_ally(cases):
    invs = _ledger(cases)
    inv = invs["fixture-accord:3:AAA:2041-08-10"]
    assert inv["side"] == "decision" and inv["invoked_by"] == "AAA" and inv["beneficiary"] == "BBB"
    assert [g["actor"] for g in inv["guarantors"]] == ["AAA"]
    assert inv["trigger"]["met"] == "met" and inv["trigger"]["attacker"] == "ZZZ"
    assert inv["verdict"] == "honoured"
    # "AAA invoked Article 3" is evidence of the decision, not a request of its own
    assert any("invoked Article 3" in ev["sentence"] for ev in inv["evidence"])
    assert not [k for k, i in invs.items() if i["invoked_by"] == "AAA" and i["side"] == "request" and "accord" in k]
    assert "AAA decided that Article 3 of the Fixture Defence Accord" in inv["headline"]


def test_the_organisation_invoking_for_a_member_counts_members_acting_together(cases):
    inv = _ledger(cases)["fixture-pact:1:FXP:2042-02-15"]
    assert inv["side"] == "decision" and inv["beneficiary"] == "CCC"
    verdicts = {g["actor"]: g["verdict"] for g in inv["guarantors"]}
    assert verdicts["FXP"] == "honoured"  # the joint action of two members counts for the organisation
    assert verdicts["AAA"] == verdicts["BBB"] == "honoured"
    assert inv["verdict"] == "honoured"


def test_an_announced_deployment_is_a_promise_until_a_later_report_delivers_it(cases):
    inv = _ledger(cases)["fixture-pact:1:AAA:2043-05-04"]
    verdicts = {g["actor"]: g["verdict"] for g in inv["guarantors"]}
    assert verdicts["BBB"] == "honoured"  # announced on Monday, deployed later
    assert verdicts["CCC"] == "partially honoured"  # announced only
    ccc = next(g for g in inv["guarantors"] if g["actor"] == "CCC")
    assert "promised but not yet reported delivered" in ccc["rationale"]
    promised = [r for r in inv["responses"] if r["promised"]]
    assert {r["actor"] for r in promised} == {"BBB", "CCC"}
    assert inv["verdict"] == "partially honoured"


def test_an_analyst_invocation_is_judged_survives_recoding_and_takes_an_override(cases):
    reg = load_registry([build.fixture_treaties()])
    stored = record_invocation(cases, reg, treaty_id="fixture-pact", article="2", invoked_by="CCC",
                               on=date(2040, 4, 2), note="closed session, minutes seen by the analyst")
    assert stored["key"] == "fixture-pact:2:CCC:2040-04-02"
    inv = _ledger(cases)[stored["key"]]
    assert inv["side"] == "analyst" and "closed session" in inv["note"]
    assert inv["verdict"] == "honoured"  # the council met that week and its sentence names the article
    record_override(cases, stored["key"], "not honoured", "CCC was not in the room")
    cases.execute("DELETE FROM event_mentions")  # a recode rebuilds the coded events only
    inv = _ledger(cases)[stored["key"]]
    assert inv["override"]["verdict"] == "not honoured" and inv["effective_verdict"] == "not honoured"


@pytest.mark.parametrize("kwargs, reason", [
    ({"treaty_id": "no-such-treaty"}, "no treaty"),
    ({"article": "9"}, "has no article"),
    ({"invoked_by": "ZZZ"}, "not a party"),
    ({"on": date(2020, 1, 1)}, "not a party"),
    ({"note": " "}, "needs a note"),
])
def test_an_analyst_invocation_that_does_not_fit_the_registry_is_refused(cases, kwargs, reason):
    reg = load_registry([build.fixture_treaties()])
    args = dict(treaty_id="fixture-pact", article="2", invoked_by="CCC", on=date(2040, 4, 2), note="seen")
    args.update(kwargs)
    with pytest.raises(ValueError, match=reason):
        record_invocation(cases, reg, **args)
