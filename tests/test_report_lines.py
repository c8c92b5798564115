"""A run report's lines: a sequence like a list, held on disk once they outgrow their memory bound."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import foedus.jobs.report_lines as report_lines
from foedus.cli import app
from foedus.jobs.ingest import ingest
from foedus.jobs.report_lines import ReportLines
from foedus.settings import Settings


def test_lines_come_back_in_order_as_tuples_with_their_types() -> None:
    lines = ReportLines()
    assert not lines and len(lines) == 0 and list(lines) == []
    lines.append(("a/one.txt", "same content already stored"))
    lines.append(("b/two.html", "c/three.html", 0.875))
    assert len(lines) == 2 and bool(lines)
    assert list(lines) == [("a/one.txt", "same content already stored"), ("b/two.html", "c/three.html", 0.875)]
    assert lines == [("a/one.txt", "same content already stored"), ("b/two.html", "c/three.html", 0.875)]
    assert lines != [("a/one.txt", "same content already stored")]
    assert dict(x[:2] for x in lines)["a/one.txt"] == "same content already stored"
    assert lines + [("d", "e")] == [*lines, ("d", "e")]


def test_lines_beyond_the_memory_bound_go_to_disk_and_none_is_lost() -> None:
    lines = ReportLines(max_bytes=2_000)
    expected = [(f"crawl/{n:05d}.html", f"same text as stored document doc{n % 7}") for n in range(500)]
    lines.extend(expected[:10])
    assert not lines.on_disk()
    assert not lines._spool._rolled  # the standard library's own flag agrees
    lines.extend(expected[10:])
    assert lines.on_disk() and lines._spool._rolled
    assert len(lines) == 500 and list(lines) == expected
    assert list(lines) == expected  # read again, from the start


def test_names_that_are_not_valid_text_survive_the_round_trip() -> None:
    # A file name of bytes that are not UTF-8 reaches Python as surrogate escapes.
    odd = b"reports/caf\xe9.txt".decode("utf-8", "surrogateescape")
    lines = ReportLines(max_bytes=10)
    lines.append((odd, "not English (fr)"))
    lines.append(("rapports/été.txt", "empty after cleaning"))
    assert list(lines) == [(odd, "not English (fr)"), ("rapports/été.txt", "empty after cleaning")]


def test_lines_appended_while_reading_are_read_too() -> None:
    lines = ReportLines([("first", "x")], max_bytes=50)
    seen = []
    for item in lines:
        seen.append(item)
        if len(lines) < 4:
            lines.append((f"later-{len(lines)}", "y"))
    assert seen == [("first", "x"), ("later-1", "y"), ("later-2", "y"), ("later-3", "y")]


def test_a_report_travels_to_another_process_as_its_lines() -> None:
    lines = ReportLines([("p", "q", 1.0), ("r", "s", 0.5)], max_bytes=20)
    copy = pickle.loads(pickle.dumps(lines))
    assert copy == lines and len(copy) == 2 and copy is not lines


@pytest.mark.slow
def test_an_ingest_with_many_copies_keeps_its_duplicate_lines_on_disk_and_prints_every_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_lines, "IN_MEMORY_BYTES", 300)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = ("Oslo, 2 May 2024. The ministers of the two neighbours met at the border crossing on Thursday "
            "and agreed to reopen the railway line that was closed in the winter.\n")
    (corpus / "a-original.txt").write_text(text, encoding="utf-8")
    copies = [f"b-copy-{n:02d}.txt" for n in range(12)]
    for name in copies:
        (corpus / name).write_text(text, encoding="utf-8")
    db = tmp_path / "store.duckdb"
    report = ingest([corpus], Settings(db_path=db, batch_size=4))
    assert report.stored == 1
    assert report.duplicates.on_disk()
    assert sorted(Path(p).name for p, _ in report.duplicates) == copies
    assert report.to_dict()["duplicates"] == 12

    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "other.duckdb"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    duplicate_rows = [line for line in result.output.splitlines() if ",duplicate," in line]
    assert sorted(Path(line.split(",")[0]).name for line in duplicate_rows) == copies


_REPORT = ("Geneva, 14 June 2024. Delegations of the two river states met on Friday to settle the sharing of "
           "water from the upper dam during the dry season. The talks, the third round this year, ended with a "
           "draft schedule of releases that both cabinets must still approve. Engineers from each side will "
           "inspect the sluice gates next month, and observers from the basin commission will attend. "
           "Farmers downstream have complained for two summers that the canals ran empty in August.\n")


@pytest.mark.slow
def test_each_near_duplicate_group_is_named_once_in_the_batch_that_links_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-wire.txt").write_text(_REPORT, encoding="utf-8")
    (corpus / "b-reprint.txt").write_text(_REPORT.replace("on Friday", "on Friday afternoon"), encoding="utf-8")
    (corpus / "c-reprint.txt").write_text(_REPORT.replace("next month", "in July"), encoding="utf-8")
    (corpus / "d-other.txt").write_text(
        "Nairobi, 2 May 2024. The central bank left its lending rate unchanged on Thursday, citing "
        "falling prices of fuel and food. Its governor said the shilling had been steady since March.\n",
        encoding="utf-8")
    # batches of two: the wire story and its first reprint together, the second reprint a batch later
    report = ingest([corpus], Settings(db_path=tmp_path / "store.duckdb", batch_size=2))
    assert report.stored == 4
    named = [(Path(p).name, Path(o).name) for p, o, _ in report.near_duplicates]
    assert len(named) == 2  # the pair of the first batch once, the later reprint once
    assert set(named[0]) == {"a-wire.txt", "b-reprint.txt"}
    assert named[1][0] == "c-reprint.txt" and named[1][1] in {"a-wire.txt", "b-reprint.txt"}
