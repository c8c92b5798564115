"""Scenarios and the CLI."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from foedus.commands.ledger import app  # noqa: E402
from foedus.ledger import scenario  # noqa: E402
from foedus.store.db import connect  # noqa: E402


def _by(out, treaty, article):
    return next(c for c in out["commitments"] if c["treaty"]["id"] == treaty and c["article"] == article)


def test_attack_on_armenia_triggers_cst_article_4_but_not_in_karabakh():
    out = scenario("AZE", "ARM", on=date(2022, 9, 13))
    art4 = _by(out, "cst-1992", "4")
    assert art4["would_trigger"] == "yes"
    assert {g["actor"] for g in art4["guarantors"]} == {"CSTO", "RUS", "BLR", "KAZ", "KGZ", "TJK"}
    nk = scenario("AZE", "ARM", on=date(2020, 10, 1), place="Stepanakert")
    assert _by(nk, "cst-1992", "4")["would_trigger"] == "no"
    assert "excluded" in _by(nk, "cst-1992", "4")["reason"]
    assert _by(nk, "arm-rus-1997", "3")["would_trigger"] == "no"


def test_attacker_party_and_suspension():
    out = scenario("KGZ", "TJK", on=date(2022, 9, 14))
    assert _by(out, "cst-1992", "4")["would_trigger"] == "no"
    later = scenario("AZE", "ARM", on=date(2024, 6, 1))
    assert _by(later, "cst-1992", "4")["would_trigger"] == "disputed"


def test_scenario_shows_guarantor_record_from_ledger():
    con = connect(":memory:")
    build.load(con, "reference_case.yaml")
    out = scenario("AZE", "ARM", on=date(2023, 1, 1), con=con)
    csto = next(g for g in _by(out, "cst-1992", "4")["guarantors"] if g["actor"] == "CSTO")
    assert csto["record"]["counts"]["not honoured"] == 1


def test_cli_ledger_override_explain_scenario(tmp_path):
    db = tmp_path / "c.duckdb"
    con = connect(db)
    build.load(con, "reference_case.yaml")
    con.close()
    runner = CliRunner()
    r = runner.invoke(app, ["--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert any(i["key"] == "cst-1992:4:ARM:2022-09-13" for e in data for i in e["invocations"])
    r = runner.invoke(app, ["override", "cst-1992:4:ARM:2022-09-13", "--verdict", "not honoured",
                            "--note", "Confirmed by the mission report.", "--author", "QA", "--db", str(db)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["explain", "cst-1992:4:ARM:2022-09-13", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["override"]["author"] == "QA"
    r = runner.invoke(app, ["scenario", "--attacker", "AZE", "--target", "ARM", "--date", "2022-09-13",
                            "--place", "Jermuk", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert _by(json.loads(r.output), "cst-1992", "4")["would_trigger"] == "yes"
    r = runner.invoke(app, ["treaties", "--format", "json"])
    assert r.exit_code == 0 and any(t["id"] == "nato-1949" for t in json.loads(r.output))
