"""The command line in an ordinary terminal: 80 columns, keys a reader can
copy, machine formats that read back, errors on one line, examples in help.

Stores are built from the ledger fixture corpus and from rows written here,
so that no model is loaded except where a command cannot run without one.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402
from conftest import document, mention  # noqa: E402

from foedus import cli  # noqa: E402
from foedus.cli import app  # noqa: E402
from foedus.commands.output import KEY, TEXT, Column, print_table  # noqa: E402
from foedus.store.db import connect  # noqa: E402
from foedus.store.write import insert_rows  # noqa: E402

runner = CliRunner()
NARROW = {"COLUMNS": "80"}
ACTOR_FIXTURES = Path(__file__).parent / "fixtures" / "actors"


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory) -> Path:
    """The reference case of the ledger corpus: invocations, a breach, pledges."""
    path = tmp_path_factory.mktemp("ledger") / "ledger.duckdb"
    con = connect(path)
    build.load(con, "reference_case.yaml")
    con.close()
    return path


@pytest.fixture(scope="module")
def outlet_db(tmp_path_factory) -> Path:
    """Three outlets, one with a very long name, one report each."""
    path = tmp_path_factory.mktemp("outlets") / "outlets.duckdb"
    con = connect(path)
    text = "Border guards of the two countries exchanged fire overnight near the northern crossing point."
    insert_rows(con, "documents", [
        document("doc-a", "The Long-Winded Evening Chronicle of the Southern Provinces", date(2023, 4, 2), text),
        document("doc-b", "Wire Two", date(2023, 4, 3), text + " Again."),
        document("doc-c", "Paper Three", date(2023, 4, 5), text + " Once more."),
    ])
    insert_rows(con, "event_mentions", [mention("doc-a", 0, text, date(2023, 4, 1), "KESMIL", "VALMIL", "190")])
    con.close()
    return path


def invoke(*args: str):
    """Run a command at 80 columns and insist that it succeeded."""
    result = runner.invoke(app, list(args), env=NARROW)
    assert result.exit_code == 0, result.output
    return result


def assert_whole(keys, output: str) -> None:
    """Every key is printed in one piece (not wrapped, folded or cut with an ellipsis)."""
    keys = [k for k in keys if k]
    assert keys, "nothing to look for"
    for k in keys:
        assert k in output, f"{k!r} is not whole in:\n{output}"
    assert "…" not in output
    assert max(len(line) for line in output.splitlines()) <= 80


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------ keys stay whole at 80 columns


def test_ledger_keys_are_whole_in_an_80_column_table(ledger_db):
    data = json.loads(invoke("ledger", "--db", str(ledger_db), "--format", "json").output)
    keys = [inv["key"] for e in data for inv in e["invocations"]]
    assert len(keys) >= 3 and max(map(len, keys)) > 25
    table = invoke("ledger", "--db", str(ledger_db)).output
    assert_whole(keys, table)
    # the table itself (before the explanations) holds each key on one line
    rows = table.split("Breaches")[0]
    for k in keys:
        assert any(k in line for line in rows.splitlines())


def test_keys_in_the_other_ledger_listings_are_whole(ledger_db):
    pledges = json.loads(invoke("ledger", "pledges", "--db", str(ledger_db), "--format", "json").output)
    assert_whole([p["doc_id"] for p in pledges], invoke("ledger", "pledges", "--db", str(ledger_db)).output)
    acts = json.loads(invoke("ledger", "acts", "--treaty", "cst-1992", "--db", str(ledger_db), "--format", "json").output)
    shown = invoke("ledger", "acts", "--treaty", "cst-1992", "--db", str(ledger_db)).output
    assert_whole([a["treaty"] for a in acts] + [a["date"] for a in acts], shown)
    treaties = json.loads(invoke("ledger", "treaties", "--format", "json").output)
    assert_whole([t["id"] for t in treaties], invoke("ledger", "treaties").output)
    scenario = json.loads(invoke("ledger", "scenario", "--attacker", "AZE", "--target", "ARM", "--date", "2022-09-13",
                                 "--db", str(ledger_db), "--format", "json").output)
    shown = invoke("ledger", "scenario", "--attacker", "AZE", "--target", "ARM", "--date", "2022-09-13",
                   "--db", str(ledger_db)).output
    assert_whole([c["treaty"]["id"] for c in scenario["commitments"]], shown)


def test_summary_wraps_a_long_outlet_name_and_keeps_dates_whole(outlet_db):
    shown = invoke("summary", "--db", str(outlet_db)).output
    assert_whole(["2023-04-02", "2023-04-03", "2023-04-05"], shown)
    assert "Wire Two" in shown and "Chronicle" in shown
    # its one report was stored without a merge: the summary says so, and what to do
    assert "1 event mention is in no event yet" in " ".join(shown.split())


def test_patterns_show_their_origin_whole():
    rows = json.loads(invoke("coding", "patterns", "--root", "19", "--format", "json").output)
    assert_whole([r["origin"] for r in rows] + [r["code"] for r in rows], invoke("coding", "patterns", "--root", "19").output)


def test_a_table_too_wide_for_the_terminal_becomes_blocks_with_keys_whole():
    rows = [{"id": f"an-identifier-much-longer-than-usual-{i}:with:parts:{i:04d}", "code": f"IGO{i:05d}LONGCODE",
             "note": "a sentence of prose that may wrap wherever it likes " * 3} for i in range(3)]
    columns = [Column("id", "id", KEY), Column("code", "code", KEY), Column("note", "note", TEXT)]
    buf = io.StringIO()
    print_table(columns, rows, "wide", console=Console(width=80, file=buf, color_system=None))
    shown = buf.getvalue()
    assert_whole([r["id"] for r in rows] + [r["code"] for r in rows], shown)
    buf = io.StringIO()
    print_table(columns, rows, "wide", console=Console(width=200, file=buf, color_system=None))
    assert "┃ id" in buf.getvalue()  # with room enough it stays a table


# ------------------------------------------------------------------ json and csv agree


def test_ledger_csv_has_one_row_per_invocation_of_the_json(ledger_db):
    data = json.loads(invoke("ledger", "--db", str(ledger_db), "--format", "json").output)
    rows = csv_rows(invoke("ledger", "--db", str(ledger_db), "--format", "csv").output)
    assert len(rows) == sum(len(e["invocations"]) for e in data)
    assert {r["key"] for r in rows} == {i["key"] for e in data for i in e["invocations"]}


@pytest.mark.parametrize("args", [
    ("ledger", "pledges"),
    ("ledger", "acts", "--treaty", "cst-1992"),
    ("ledger", "treaties"),
    ("coding", "patterns", "--root", "04"),
    ("time", "resolve", "on 13 September 2022 and again last week", "--date", "2022-09-20"),
    ("actors", "import-dictionary", str(ACTOR_FIXTURES / "dictionary.txt"), str(ACTOR_FIXTURES / "agents.txt")),
])
def test_json_and_csv_carry_the_same_rows(args, ledger_db):
    db = ("--db", str(ledger_db)) if args[0] == "ledger" and args[1] != "treaties" else ()
    as_json = json.loads(invoke(*args, *db, "--format", "json").output)
    records = as_json["files"] if isinstance(as_json, dict) else as_json
    rows = csv_rows(invoke(*args, *db, "--format", "csv").output)
    assert records and len(rows) == len(records)


def test_csv_keeps_long_text_whole(ledger_db):
    data = json.loads(invoke("ledger", "--db", str(ledger_db), "--format", "json").output)
    rows = csv_rows(invoke("ledger", "--db", str(ledger_db), "--format", "csv").output)
    by_key = {i["key"]: i for e in data for i in e["invocations"]}
    for r in rows:
        assert r["rationale"] == by_key[r["key"]]["rationale"] and len(r["rationale"]) > 80


def test_summary_json_flag_is_the_json_format(outlet_db):
    old = json.loads(invoke("summary", "--db", str(outlet_db), "--json").output)
    new = json.loads(invoke("summary", "--db", str(outlet_db), "--format", "json").output)
    assert old == new and old["documents"] == 3
    rows = csv_rows(invoke("summary", "--db", str(outlet_db), "--format", "csv").output)
    assert len(rows) == len(new["outlets"]) == 3


# ------------------------------------------------------------------ one line for every error


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run the console entry point as a user would, returning exit code, stdout and stderr."""
    monkeypatch.setattr(sys, "argv", ["foedus", *args])
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as stop:
        cli.main()
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize("args, words", [
    (("summary", "--db", "{missing}"), "no such database"),
    (("ledger", "--db", "{missing}"), "no such database"),
    (("events", "--db", "{missing}"), "no such database"),
    (("ledger", "acts", "--db", "{missing}"), "no such database"),
    (("ledger", "pledges", "--db", "{missing}"), "no such database"),
    (("ledger", "explain", "no-such-key", "--db", "{ledger}"), "no invocation with key 'no-such-key'"),
    (("ledger", "override", "cst-1992:4:ARM:2022-09-13", "--verdict", "maybe", "--note", "n", "--db", "{ledger}"), "verdict 'maybe'"),
    (("ledger", "scenario", "--attacker", "AZE", "--target", "ARM", "--date", "13/09/2022"), "YYYY-MM-DD"),
    (("ledger", "--db", "{ledger}", "--format", "xml"), "--format"),
    (("ledger", "--db", "{ledger}", "--window", "0"), "--window"),
    (("time", "resolve", "yesterday", "--date", "yesterday"), "YYYY-MM-DD"),
    (("actors", "show", "Nobody Of That Name"), "no registry entry matches"),
    (("actors", "import-dictionary", "{missing}"), "no such file"),
    (("coding", "patterns", "--root", "nineteen"), "two-digit"),
    (("recode", "--db", "{missing}"), "no such database"),
    (("no-such-command",), "No such command"),
])
def test_errors_are_one_line_with_a_nonzero_exit(args, words, monkeypatch, capsys, tmp_path, ledger_db):
    missing = tmp_path / "absent.duckdb"
    args = tuple(a.format(missing=missing, ledger=ledger_db) for a in args)
    code, out, err = run_main(monkeypatch, capsys, *args)
    assert code != 0
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and words in err, err
    assert not missing.exists()  # a mistyped path does not leave an empty database behind


# ------------------------------------------------------------------ examples in help


def _commands():
    def walk(command, path):
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])
    return list(walk(typer.main.get_command(app), []))


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "foedus")
def test_help_ends_with_an_example(path):
    shown = invoke(*path, "--help").output
    assert "Example" in shown
    tail = shown[shown.rindex("Example"):]
    assert "╰" not in tail  # the examples come after the option panels, at the end
    assert re.search(r"^\s*foedus \S", tail, re.M)  # a command line one can type


# ------------------------------------------------------------------ coding a text (loads the model)


@pytest.fixture
def quick_nlp(monkeypatch):
    """The coder's pipeline loaded once for the commands in one test."""
    from foedus.coding import explain

    monkeypatch.setattr(explain, "load_nlp", functools.lru_cache(maxsize=1)(explain.load_nlp))


def test_coding_a_text_reads_as_blocks_at_80_columns(quick_nlp):
    text = ("Azerbaijani forces shelled Armenian positions near Jermuk on Tuesday. "
            "Russia did not send troops, the Armenian foreign ministry said.")
    data = json.loads(invoke("coding", "code", text, "--date", "2022-09-14", "--format", "json").output)
    shown = invoke("coding", "code", text, "--date", "2022-09-14").output
    assert data["events"]
    keys = [e["cameo"] for e in data["events"]] + [e["source"] for e in data["events"]] + [e["pattern"] for e in data["events"]]
    assert_whole(keys, shown)
    assert "Azerbaijani forces shelled Armenian positions near Jermuk" in " ".join(shown.split())
    assert "┃" not in shown  # blocks, not a table of a dozen columns
    rows = csv_rows(invoke("coding", "code", text, "--date", "2022-09-14", "--format", "csv").output)
    assert len(rows) == len(data["events"]) and all(r["sentence_text"] for r in rows)


def test_place_ids_are_whole_at_80_columns():
    text = "Shelling hit Jermuk and Goris; talks followed in Brussels, and the Lachin corridor stayed closed."
    data = json.loads(invoke("places", "resolve", text, "--format", "json").output)
    ids = [p["place_id"] for p in data if p["place_id"]]
    assert len(ids) >= 3 and max(map(len, ids)) > 20
    assert_whole(ids + [p["country"] for p in data if p["country"]], invoke("places", "resolve", text).output)
    assert len(csv_rows(invoke("places", "resolve", text, "--format", "csv").output)) == len(data)
