"""``foedus actors ...``: look up, explain and evaluate actor resolution."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.markup import escape

from .output import (
    KEY, NUMBER, TEXT, Column, Format, emit_json, examples, fail, format_option, parse_date, print_rows,
    print_table, text_out,
)

app = typer.Typer(
    help="Actors: resolve names in text to coded actors, inspect the registry, evaluate, import dictionaries.",
    epilog=examples('foedus actors resolve "Pashinyan met Blinken in Yerevan." --date 2022-09-19',
                    'foedus actors show CSTO --date 2022-09-13'),
)


_ACTORS_HELP = "Extra actor registry file(s) (foedus-actors/1 YAML); also FOEDUS_ACTORS."
_DICT_HELP = "PETRARCH/Phoenix actor or agent dictionary file(s); also FOEDUS_DICTIONARIES."


def _knowledge(actors: List[Path], dictionaries: List[Path]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The user's actor files and dictionaries: options first, else the environment (as the ingest reads them)."""
    from ..settings import from_env

    env = from_env()
    files = tuple(str(p) for p in (actors or env.extra_actor_files))
    dicts = tuple(str(p) for p in (dictionaries or env.dictionary_files))
    for p in (*files, *dicts):
        if not Path(p).is_file():
            fail(f"{p}: no such file", 2)
    return files, dicts


@app.command("resolve", epilog=examples(
    'foedus actors resolve "Pashinyan met Blinken in Yerevan." --date 2022-09-19',
    'foedus actors resolve "The CSTO sent observers." --format csv'))
def resolve(
    text: str = typer.Argument(..., help="The text to analyse (quote it)."),
    on: Optional[str] = typer.Option(
        None, "--date", help="Date the text speaks of (YYYY-MM-DD); decides who held which office. Default: today."
    ),
    fmt: Format = format_option(),
    actors: List[Path] = typer.Option([], "--actors", help=_ACTORS_HELP),
    dictionaries: List[Path] = typer.Option([], "--dictionary", help=_DICT_HELP),
) -> None:
    """Show every actor mention in TEXT, its code, and why it got that code."""
    from ..actors.explain import default_nlp, resolve_text
    from ..settings import from_env

    day = parse_date(on)
    files, dicts = _knowledge(actors, dictionaries)
    rows = resolve_text(text, day, nlp=default_nlp(from_env().model, files, dicts))
    print_rows(fmt, [
        Column("text", "text"),
        Column("code", "code", KEY),
        Column("how", "how"),
        Column("entity", lambda r: r["entity_id"] or r["label"], KEY),
        Column("why", "why", TEXT),
    ], rows)


@app.command("show", epilog=examples('foedus actors show "Kim Jong Un" --date 2024-06-19', "foedus actors show IGOCSTO"))
def show(
    name: str = typer.Argument(..., help="A name, alias, registry id (e.g. pashinyan-nikol) or code (ARM, IGOCSTO)."),
    on: Optional[str] = typer.Option(None, "--date", help="Also say what the entry was on this date (YYYY-MM-DD)."),
    actors: List[Path] = typer.Option([], "--actors", help=_ACTORS_HELP),
    dictionaries: List[Path] = typer.Option([], "--dictionary", help=_DICT_HELP),
) -> None:
    """Print a registry entry with its history (offices, memberships, codes over time) as JSON."""
    from ..actors.explain import show_entity
    from ..actors.registry import load_registry

    day = parse_date(on)
    files, dicts = _knowledge(actors, dictionaries)
    result = show_entity(name, day, registry=load_registry(files, dicts))
    if not result["entries"]:
        fail(f"no registry entry matches {name!r}")
    emit_json(result)


@app.command("eval", epilog=examples("foedus actors eval", "foedus actors eval --format json > actors-eval.json"))
def evaluate(
    fmt: Format = format_option("table (summary and errors), json (everything) or csv (one row per gold kind)."),
) -> None:
    """Score actor resolution (precision, recall, F1) on the packaged annotated set."""
    from ..actors.evaluate import evaluate as run

    result = run()
    kinds = [{"kind": k, **v} for k, v in result["by_kind"].items()]
    if fmt != Format.table:
        print_rows(fmt, [], kinds, json_value=result)
        return
    o = result["overall"]
    out = text_out()
    out.print(
        f"{result['items']} sentences, {result['gold_mentions']} gold mentions: "
        f"precision {o['precision']:.3f}  recall {o['recall']:.3f}  F1 {o['f1']:.3f} "
        f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']})"
    )
    print_table([Column("gold kind", "kind"), Column("found", "found", NUMBER), Column("missed", "missed", NUMBER),
                 Column("recall", lambda r: f"{r['recall']:.3f}", NUMBER)], kinds)
    print_table([Column("predicted how", "how"), Column("correct", "correct", NUMBER), Column("wrong", "wrong", NUMBER),
                 Column("precision", lambda r: f"{r['precision']:.3f}", NUMBER)],
                [{"how": k, **v} for k, v in result["by_how"].items()])
    print_table([Column("item", "item", KEY), Column("gold", lambda r: str(r["gold"]), TEXT),
                 Column("gold code", lambda r: r.get("gold_code"), KEY),
                 Column("predicted", lambda r: str(r["predicted"]), TEXT)], result["errors"])
    for p in result["problems"]:
        out.print(f"[red]{escape(str(p))}[/red]")


@app.command("import-dictionary", epilog=examples("foedus actors import-dictionary Phoenix.Countries.actors.txt --date 2014-01-01"))
def import_dictionary(
    files: list[Path] = typer.Argument(..., help="PETRARCH/Phoenix .actors or .agents dictionary files to check."),
    on: Optional[str] = typer.Option(None, "--date", help="Also count the actors that have a code on this date."),
    fmt: Format = format_option("table (counts and problems), json (everything) or csv (one row per file)."),
) -> None:
    """Check PETRARCH/Phoenix dictionaries: entries read, codes, and malformed lines (file:line)."""
    from ..actors.dictionary_check import check_dictionaries

    day = parse_date(on)
    for f in files:
        if not f.is_file():
            fail(f"{f}: no such file", 2)
    report = check_dictionaries(files, day)
    if fmt != Format.table:
        print_rows(fmt, [], report["files"], json_value=report)
        return
    print_table([
        Column("file", lambda f: Path(f["file"]).name, KEY),
        Column("lines", "lines", NUMBER),
        Column("actors", "actors", NUMBER),
        Column("agents", "agents", NUMBER),
        Column("dated codes", "dated_codes", NUMBER),
        Column("problems", "problems", NUMBER),
        Column("seconds", lambda f: f"{f['seconds']:.2f}", NUMBER),
    ], report["files"])
    out = text_out()  # problem lines stay whole (file:line)
    for p in report["problems"]:
        out.print(f"[yellow]{escape(str(p))}[/yellow]")
    if report.get("coded_on_date") is not None:
        out.print(f"actors with a code on {on}: {report['coded_on_date']}")
