"""``foedus validate``: measure the coder against the field's validation suites.

Options in, one library call (:func:`foedus.coding.validation.run_petrarch_validation`),
a table or JSON out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .output import KEY, NUMBER, Column, Format, examples, fail, format_option, print_rows, screen

app = typer.Typer(
    help="Validate the coder against the field's test suites.",
    no_args_is_help=True,
    epilog=examples("foedus validate petrarch ../shared/reference/petrarch-suite/PETR.UnitTest.records.xml"),
)
err = Console(stderr=True, soft_wrap=True)

_SUITE = "../shared/reference/petrarch-suite/PETR.UnitTest.records.xml"


@app.callback()
def _group() -> None:
    """Validation suites (a group even with one suite, so that ``foedus validate petrarch`` stays stable)."""


def _percent(field: str) -> Any:
    return lambda r: f"{r[field]:.0%}"


@app.command("petrarch", epilog=examples(f"foedus validate petrarch {_SUITE}",
                                         f"foedus validate petrarch {_SUITE} --format json --show-misses 50"))
def petrarch(
    records: Path = typer.Argument(..., exists=True, dir_okay=False, help="PETR.UnitTest.records.xml or a file in that format."),
    dictionaries: Optional[Path] = typer.Option(
        None, "--dictionaries", file_okay=False,
        help="Folder with PETR.Validate.{verbs,actors,agents,discards}.txt (default: the folder of the records file)."),
    ours: bool = typer.Option(False, "--ours/--no-ours", help="Also use foedus's own event patterns beside the suite's verbs."),
    proposed: bool = typer.Option(
        False, "--proposed/--no-proposed",
        help="Switch on the interim actor bridge (country actors as registry states; see docs/validation.md)."),
    fmt: Format = format_option("table (per category, then misses), json (everything) or csv (one row per category)."),
    show_misses: int = typer.Option(10, "--show-misses", min=0, help="How many records with misses or extras to list."),
) -> None:
    """Code the PETRARCH unit-test records with the suite's own dictionaries and score the result."""
    from ..coding.validation import NoRecords, run_petrarch_validation

    try:
        with err.status("coding the validation records"):
            report = run_petrarch_validation(records, dictionaries, ours=ours, proposed=proposed)
    except (FileNotFoundError, NoRecords) as exc:
        fail(str(exc), 2)
    rows = [{"category": name, **t.to_dict()} for name, t in [*report.by_category().items(), ("TOTAL", report.total())]]
    print_rows(fmt, [
        Column("category", "category", KEY),
        *(Column(h, f, NUMBER) for h, f in (("records", "records"), ("expected", "expected"), ("found", "found"),
                                            ("matched", "matched"), ("missed", "missed"), ("extra", "extra"))),
        Column("found %", _percent("found_rate"), NUMBER),
        Column("extra %", _percent("extra_rate"), NUMBER),
        Column("prefix %", _percent("found_rate_prefix"), NUMBER),
    ], rows, title=f"PETRARCH validation: {records.name} ({report.seconds:.0f} s)",
        json_value=report.to_dict(show_misses), compact=True)
    if fmt != Format.table:
        return
    out = screen()
    s = report.settings
    out.print(f"verb patterns: {s['verb_patterns']} from {s['verb_lines_converted']}/{s['verb_lines']} pattern lines; "
              f"skipped: {escape(str(s['verb_lines_skipped']))}; dictionary problems: {len(report.problems)}")
    for r in report.misses()[:show_misses]:
        out.print(f"[bold]{escape(r.record.id)}[/] {escape(f'[{r.record.category}]')} {escape(r.note)}\n  {escape(r.record.text)}")
        out.print(f"  [green]expected[/] {escape(', '.join(map(str, r.record.expected)) or '-')}   "
                  f"[red]missed[/] {escape(', '.join(map(str, r.missed)) or '-')}   "
                  f"[yellow]extra[/] {escape(', '.join(map(str, r.extra)) or '-')}")
