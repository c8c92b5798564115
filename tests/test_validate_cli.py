"""``foedus validate petrarch`` on the fixture suite (copied under the suite's file names)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from foedus.commands.validate import app

FIXTURES = Path(__file__).parent / "fixtures" / "petrarch"


def _suite(tmp_path: Path) -> Path:
    for kind in ("verbs", "actors", "agents", "discards"):
        shutil.copy(FIXTURES / f"{kind}.txt", tmp_path / f"PETR.Validate.{kind}.txt")
    shutil.copy(FIXTURES / "records.xml", tmp_path / "records.xml")
    return tmp_path / "records.xml"


def test_cli_json(tmp_path):
    result = CliRunner().invoke(app, ["petrarch", str(_suite(tmp_path)), "--format", "json", "--show-misses", "5"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total"]["expected"] == 4 and data["total"]["matched"] == 3 and data["total"]["extra"] == 1
    assert {m["id"] for m in data["misses"]} == {"T-03", "T-05"}


def test_cli_table_and_bad_format(tmp_path):
    records = _suite(tmp_path)
    result = CliRunner().invoke(app, ["petrarch", str(records), "--show-misses", "1"])
    assert result.exit_code == 0, result.output
    assert "TOTAL" in result.output and "T-03" in result.output
    assert CliRunner().invoke(app, ["petrarch", str(records), "--format", "xml"]).exit_code == 2
