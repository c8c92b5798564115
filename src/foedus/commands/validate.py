"""``foedus validate``: measure the coder against the field's validation suites.

Options in, one library call (:func:`foedus.coding.validation.run_petrarch_validation`),
a table or JSON out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Validate the coder against the field's test suites.", no_args_is_help=True)
out = Console()
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _group() -> None:
    """Validation suites (a group even with one suite, so that ``foedus validate petrarch`` stays stable)."""


@app.command("petrarch")
def petrarch(
    records: Path = typer.Argument(..., exists=True, dir_okay=False, help="PETR.UnitTest.records.xml or a file in that format."),
    dictionaries: Optional[Path] = typer.Option(
        None, "--dictionaries", file_okay=False,
        help="Folder with PETR.Validate.{verbs,actors,agents,discards}.txt (default: the folder of the records file)."),
    ours: bool = typer.Option(False, "--ours/--no-ours", help="Also use foedus's own event patterns beside the suite's verbs."),
    proposed: bool = typer.Option(
        False, "--proposed/--no-proposed",
        help="Switch on the interim actor bridge (country actors as registry states; see docs/validation.md)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    show_misses: int = typer.Option(10, "--show-misses", min=0, help="How many records with misses or extras to list."),
) -> None:
    """Code the PETRARCH unit-test records with the suite's own dictionaries and score the result."""
    from ..coding.validation import NoRecords, run_petrarch_validation

    if fmt not in ("table", "json"):
        err.print(f"[red]error[/]: --format must be table or json, not {fmt!r}")
        raise typer.Exit(2)
    try:
        with err.status("coding the validation records"):
            report = run_petrarch_validation(records, dictionaries, ours=ours, proposed=proposed)
    except (FileNotFoundError, NoRecords) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2)
    if fmt == "json":
        out.print_json(json.dumps(report.to_dict(show_misses)))
        return
    table = Table(title=f"PETRARCH validation: {records.name} ({report.seconds:.0f} s)")
    for col in ("category", "records", "expected", "found", "matched", "missed", "extra", "found %", "extra %", "prefix %"):
        table.add_column(col, justify="left" if col == "category" else "right")
    rows = list(report.by_category().items()) + [("TOTAL", report.total())]
    for name, t in rows:
        table.add_row(name, str(t.records), str(t.expected), str(t.found), str(t.matched), str(t.missed), str(t.extra),
                      f"{t.found_rate:.0%}", f"{t.extra_rate:.0%}", f"{t.prefix_rate:.0%}",
                      style="bold" if name == "TOTAL" else None)
    out.print(table)
    s = report.settings
    out.print(f"verb patterns: {s['verb_patterns']} from {s['verb_lines_converted']}/{s['verb_lines']} pattern lines; "
              f"skipped: {s['verb_lines_skipped']}; dictionary problems: {len(report.problems)}")
    for r in report.misses()[:show_misses]:
        out.print(f"[bold]{r.record.id}[/] [{r.record.category}] {r.note}\n  {r.record.text}")
        out.print(f"  [green]expected[/] {', '.join(map(str, r.record.expected)) or '-'}   "
                  f"[red]missed[/] {', '.join(map(str, r.missed)) or '-'}   [yellow]extra[/] {', '.join(map(str, r.extra)) or '-'}")
