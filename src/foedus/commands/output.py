"""What every command prints: one ``--format`` option, tables that fit a
terminal, and errors that take one line.

Keys and ids (ledger keys, event and document ids, codes) are what a reader
copies into the next command, so a table never wraps or cuts them: prose
columns wrap around them instead, and when even that cannot make a table fit
the terminal, the rows are printed as blocks (one field per line). ``json``
and ``csv`` are for programs: complete rows, nothing shortened, on standard
output.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, NoReturn, Optional, Sequence

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text


class Format(str, Enum):
    """How a command prints its result."""

    table = "table"
    json = "json"
    csv = "csv"


FORMAT_HELP = "table (for reading), json or csv (complete rows, for programs)."


def format_option(help: str = FORMAT_HELP) -> Any:
    """The ``--format`` option, the same on every command that prints rows."""
    return typer.Option(Format.table, "--format", case_sensitive=False, help=help)


def json_option() -> Any:
    """``--json``: kept on the commands that had it before ``--format``, so scripts keep working."""
    return typer.Option(False, "--json", help="Same as --format json.")


def chosen(fmt: Format, as_json: bool = False) -> Format:
    """The format asked for, ``--json`` winning (it is the more specific wish)."""
    return Format.json if as_json else Format(fmt)


def examples(*lines: str) -> str:
    """A help epilog with usage examples, each on its own line.

    Typer joins single line breaks of an epilog and keeps double ones, hence
    the blank lines between examples.
    """
    head = "Example:" if len(lines) == 1 else "Examples:"
    return "\n\n".join([head, *lines])


# ------------------------------------------------------------------ consoles


def screen() -> Console:
    """A console for tables on standard output.

    Made at each call rather than at import, so that the width is that of the
    terminal (or ``COLUMNS``) when the command runs.
    """
    return Console()


def text_out() -> Console:
    """Standard output for running text: lines are not broken by rich, so paths
    and keys in them stay whole (the terminal wraps them if it must)."""
    return Console(soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print ``error: message`` as one line on standard error and stop with ``code``."""
    Console(stderr=True, soft_wrap=True).print(
        f"error: {' '.join(str(message).split())}", markup=False, highlight=False
    )
    raise typer.Exit(code)


def parse_date(value: Optional[str], option: str = "--date") -> Optional[date]:
    """``value`` as a date, or a usage error naming the option (exit 2, one line)."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=f"'{option}'") from None


def open_store(path: Path | str, read_only: bool = True) -> Any:
    """Connect to an existing foedus database, or fail in one line.

    A command that reads or annotates a store must not create an empty one
    when the path is mistyped, hence the check before a writing connection.
    """
    from ..store.db import DatabaseLocked, connect

    if str(path) != ":memory:" and not Path(path).exists():
        fail(f"{path}: no such database; run `foedus ingest` first")
    try:
        return connect(path, read_only=read_only)
    except DatabaseLocked as exc:
        fail(str(exc))


# ------------------------------------------------------------------ machine formats


def _plain(value: Any) -> Any:
    """A JSON-friendly value (dates as ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def emit_json(value: Any) -> None:
    """Print ``value`` as indented JSON on standard output, nothing shortened."""
    typer.echo(json.dumps(value, indent=2, default=str, ensure_ascii=False))


def csv_cell(value: Any) -> str:
    """One CSV field: lists of plain values joined by '; ', nested data as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple, set)):
        items = list(value)
        if all(not isinstance(v, (dict, list, tuple, set)) for v in items):
            return "; ".join("" if v is None else str(_plain(v)) for v in items)
        return json.dumps(items, default=str, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(_plain(value))


def emit_csv(rows: Sequence[Mapping[str, Any]], fields: Optional[Sequence[str]] = None) -> None:
    """Print ``rows`` as CSV with a header line on standard output.

    The columns are ``fields`` or else every key of every row, in the order
    first seen, so that no part of a row is left out.
    """
    if fields is None:
        seen: dict[str, None] = {}
        for r in rows:
            for k in r:
                seen.setdefault(k, None)
        fields = list(seen)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(fields)
    for r in rows:
        writer.writerow([csv_cell(r.get(f)) for f in fields])
    typer.echo(buf.getvalue(), nl=False)


# ------------------------------------------------------------------ tables that fit


KEY = "key"  # ids and codes: never wrapped, never cut
TEXT = "text"  # prose: wraps, and gives way first when space is short
SHORT = "short"  # a few words (names, kinds, lists of codes): wraps between words, never inside one
NUMBER = "number"  # figures: right-aligned, never wrapped


@dataclass(frozen=True)
class Column:
    """One column of a table: its header, where its value comes from, and how it may be shortened."""

    header: str
    value: str | Callable[[Mapping[str, Any]], Any]
    kind: str = SHORT
    max_width: Optional[int] = None

    def cell(self, row: Mapping[str, Any]) -> str:
        """The text of this column in ``row`` ('-' when there is nothing)."""
        v = self.value(row) if callable(self.value) else row.get(self.value)
        if v is None or v == "" or v == []:
            return "-"
        if isinstance(v, (list, tuple, set)):
            return ", ".join(str(x) for x in v)
        if isinstance(v, bool):
            return "yes" if v else "no"
        return str(_plain(v))


# How narrow a prose column may become before the rows are shown as blocks instead.
_MIN_PROSE = 8
# The widest a prose column grows in a wide terminal: longer lines are hard to read.
_TEXT_MAX = 60


def _word(text: str) -> int:
    """The width of the longest word in ``text``."""
    return max((cell_len(w) for w in text.split()), default=0)


def _bounds(c: Column, values: list[str]) -> tuple[int, int]:
    """The narrowest and widest column ``c`` may be drawn (text only, no padding).

    Keys and numbers are as wide as their longest value, never less; a short
    column is as wide as its longest word at least, so that the codes, dates
    and ids it lists are never broken; prose may fold down to ``_MIN_PROSE``.
    No column is narrower than its header's longest word.
    """
    longest = max((cell_len(line) for v in values for line in v.splitlines() or [""]), default=0)
    header = cell_len(c.header) if c.kind in (KEY, NUMBER) else _word(c.header)
    if c.kind in (KEY, NUMBER):
        least = most = max(longest, header, 1)
    elif c.kind == SHORT:
        least = max(max((_word(v) for v in values), default=0), header, 1)
        most = max(longest, least)
    else:
        least = max(min(longest, _MIN_PROSE), header, 1)
        most = max(longest, least)
    if c.max_width is not None or c.kind == TEXT:
        most = max(least, min(most, c.max_width or _TEXT_MAX))
    return least, most


def _widths(bounds: list[tuple[int, int]], weights: list[int], room: int) -> Optional[list[int]]:
    """Column widths within ``room``: every column at least its minimum, the
    space left shared out as a level fill in which a column of weight 2 (prose)
    rises twice as fast as one of weight 1. ``None`` when even the minimums do
    not fit."""
    if sum(lo for lo, _ in bounds) > room:
        return None
    most = [hi for _, hi in bounds]
    if sum(most) <= room:
        return most

    def filled(level: int) -> list[int]:
        return [max(lo, min(hi, level * w)) for (lo, hi), w in zip(bounds, weights)]

    low, high = 0, max(most)
    while low < high:  # the highest level whose widths still fit
        level = (low + high + 1) // 2
        if sum(filled(level)) <= room:
            low = level
        else:
            high = level - 1
    widths = filled(low)
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: -weights[i]):  # the remainder, prose first
        grow = min(spare, bounds[i][1] - widths[i])
        widths[i] += grow
        spare -= grow
    return widths


def make_table(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], title: Optional[str] = None,
               width: int = 80, compact: bool = False) -> Optional[Table]:
    """A rich table of ``rows`` no wider than ``width`` whose keys are whole,
    or ``None`` when the keys alone leave too little room for the rest.

    The widths are worked out here rather than by rich, whose own shrinking
    may narrow any column that can wrap, short codes included. ``compact``
    draws no frame, only a rule under the header and a space between columns,
    for tables of many figures.
    """
    cells = [[c.cell(r) for c in columns] for r in rows]
    bounds = [_bounds(c, [row[i] for row in cells]) for i, c in enumerate(columns)]
    n = len(columns)
    frame = n - 1 if compact else 3 * n + 1  # compact: a space between columns; else lines and padding
    widths = _widths(bounds, [2 if c.kind == TEXT else 1 for c in columns], width - frame)
    if widths is None:
        return None
    if compact:
        table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, padding=0)
    else:
        table = Table(title=title)
    for c, w in zip(columns, widths):
        if c.kind in (KEY, NUMBER):
            table.add_column(c.header, width=w, no_wrap=True, overflow="fold",
                             justify="right" if c.kind == NUMBER else "left")
        else:
            table.add_column(c.header, width=w, overflow="fold")
    for row in cells:
        table.add_row(*[Text(v) for v in row])
    return table


def blocks(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], title: Optional[str] = None) -> list[Any]:
    """Rows as blocks, one field per line, for terminals too narrow for the table."""
    out: list[Any] = []
    if title:
        out.append(Text(title, style="bold"))
    label = max((len(c.header) for c in columns), default=0)
    for r in rows:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True, min_width=label)
        grid.add_column(overflow="fold")
        for c in columns:
            grid.add_row(c.header, Text(c.cell(r), style="bold" if c.kind == KEY else ""))
        out.append(grid)
        out.append(Text(""))
    return out


def bullet(markup: str, indent: int = 3) -> Table:
    """A bullet line whose continuation lines stay indented under its text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=indent + 1, justify="right")
    grid.add_column(overflow="fold")
    grid.add_row("-", Text.from_markup(markup))
    return grid


def print_table(columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], title: Optional[str] = None,
                console: Optional[Console] = None, compact: bool = False) -> None:
    """Print ``rows`` as a table that fits the terminal, or as blocks when it cannot fit with keys whole."""
    con = console or screen()
    table = make_table(columns, rows, title, con.width, compact)
    if table is not None:
        con.print(table)
        return
    for part in blocks(columns, rows, title):
        con.print(part)


def print_rows(
    fmt: Format,
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, Any]],
    *,
    title: Optional[str] = None,
    json_value: Any = None,
    csv_rows: Optional[Sequence[Mapping[str, Any]]] = None,
    csv_fields: Optional[Sequence[str]] = None,
    compact: bool = False,
) -> None:
    """Print a command's rows in the format asked for.

    ``json_value`` (default: the rows) and ``csv_rows`` (default: the rows)
    let a command keep a richer JSON document while its CSV carries the rows
    of its main table.
    """
    if fmt == Format.json:
        emit_json(rows if json_value is None else json_value)
    elif fmt == Format.csv:
        emit_csv(rows if csv_rows is None else csv_rows, csv_fields)
    else:
        print_table(columns, rows, title, compact=compact)


def print_evaluation(result: Mapping[str, Any], fmt: Format) -> None:
    """An evaluation report: its scores (one row each in csv), then the items it got wrong.

    ``result`` holds plain scores and an ``errors`` list of dicts with ``id``
    and ``kind``; json prints it whole.
    """
    if fmt == Format.json:
        emit_json(result)
        return
    scores = [{"measure": k, "value": v} for k, v in result.items() if not isinstance(v, (list, dict))]
    if fmt == Format.csv:
        emit_csv(scores)
        return
    print_table([Column("measure", "measure", KEY), Column("value", "value", NUMBER)], scores)
    errors = result.get("errors") or []
    if not errors:
        text_out().print("no errors")
        return
    print_table([
        Column("item", "id", KEY),
        Column("error", "kind"),
        Column("detail", lambda e: "; ".join(f"{k}: {v}" for k, v in e.items() if k not in ("id", "kind")), TEXT),
    ], errors, title=f"{len(errors)} errors")
