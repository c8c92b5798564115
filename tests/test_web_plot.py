"""`foedus plot` and `foedus serve` as commands."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.conftest_helpers import web_db_path  # noqa: E402,F401

from foedus.commands.web import plot, serve  # noqa: E402


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(serve)
    app.command()(plot)
    return app


def test_plot_writes_the_three_charts(web_db_path, tmp_path):
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<?xml")):
        r = CliRunner().invoke(_app(), ["plot", "--db", str(web_db_path), "--out", str(tmp_path / fmt),
                                        "--format", fmt, "--focal", "ARM"])
        assert r.exit_code == 0, r.output
        files = sorted(p.name for p in (tmp_path / fmt).iterdir())
        assert files == [f"network.{fmt}", f"relations-ARM.{fmt}", f"timeline.{fmt}"]
        for f in (tmp_path / fmt).iterdir():
            assert f.read_bytes().startswith(magic) and f.stat().st_size > 5000


def test_commands_refuse_a_missing_database(tmp_path):
    r = CliRunner().invoke(_app(), ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 2 and "no such database" in r.output
    r = CliRunner().invoke(_app(), ["plot", "--db", str(tmp_path / "none.duckdb"), "--format", "gif"])
    assert r.exit_code == 2
