"""``foedus actors ...``: look up, explain and evaluate actor resolution."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Actors: resolve names in text to coded actors, inspect the registry, evaluate, import dictionaries.")
console = Console(soft_wrap=True)  # problem lines stay whole (file:line)


def _date(value: Optional[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


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
            console.print(f"[red]error: {p}: no such file[/red]")
            raise typer.Exit(2)
    return files, dicts


@app.command("resolve")
def resolve(
    text: str = typer.Argument(..., help="The text to analyse (quote it)."),
    on: Optional[str] = typer.Option(
        None, "--date", help="Date the text speaks of (YYYY-MM-DD); decides who held which office. Default: today."
    ),
    fmt: str = typer.Option("table", "--format", help="Output: 'table' for reading, 'json' for programs."),
    actors: List[Path] = typer.Option([], "--actors", help=_ACTORS_HELP),
    dictionaries: List[Path] = typer.Option([], "--dictionary", help=_DICT_HELP),
) -> None:
    """Show every actor mention in TEXT, its code, and why it got that code.

    Example: foedus actors resolve "Kenya's foreign minister Musalia Mudavadi met Recean" --date 2024-05-02
    """
    from ..actors.explain import default_nlp, resolve_text
    from ..settings import from_env

    files, dicts = _knowledge(actors, dictionaries)
    rows = resolve_text(text, _date(on), nlp=default_nlp(from_env().model, files, dicts))
    if fmt == "json":
        console.print_json(json.dumps(rows, default=str))
        return
    table = Table("text", "code", "how", "entity", "why")
    for r in rows:
        table.add_row(r["text"], r["code"] or "-", r["how"], r["entity_id"] or r["label"] or "-", r["why"])
    console.print(table)


@app.command("show")
def show(
    name: str = typer.Argument(..., help="A name, alias, registry id (e.g. pashinyan-nikol) or code (ARM, IGOCSTO)."),
    on: Optional[str] = typer.Option(None, "--date", help="Also say what the entry was on this date (YYYY-MM-DD)."),
    actors: List[Path] = typer.Option([], "--actors", help=_ACTORS_HELP),
    dictionaries: List[Path] = typer.Option([], "--dictionary", help=_DICT_HELP),
) -> None:
    """Print a registry entry with its history: offices, memberships, codes over time.

    Example: foedus actors show "Kim Jong Un" --date 2024-06-19
    """
    from ..actors.explain import show_entity
    from ..actors.registry import load_registry

    files, dicts = _knowledge(actors, dictionaries)
    result = show_entity(name, _date(on), registry=load_registry(files, dicts))
    if not result["entries"]:
        console.print(f"[yellow]No registry entry matches {name!r}.[/yellow]")
        raise typer.Exit(1)
    console.print_json(json.dumps(result, default=str))


@app.command("eval")
def evaluate(
    fmt: str = typer.Option("table", "--format", help="Output: 'table' (summary and errors) or 'json' (everything)."),
) -> None:
    """Score actor resolution (precision, recall, F1) on the packaged annotated set."""
    from ..actors.evaluate import evaluate as run

    result = run()
    if fmt == "json":
        console.print_json(json.dumps(result, default=str))
        return
    o = result["overall"]
    console.print(
        f"{result['items']} sentences, {result['gold_mentions']} gold mentions: "
        f"precision {o['precision']:.3f}  recall {o['recall']:.3f}  F1 {o['f1']:.3f} "
        f"(tp {o['tp']}, fp {o['fp']}, fn {o['fn']})"
    )
    kinds = Table("gold kind", "found", "missed", "recall")
    for k, v in result["by_kind"].items():
        kinds.add_row(k, str(v["found"]), str(v["missed"]), f"{v['recall']:.3f}")
    console.print(kinds)
    hows = Table("predicted how", "correct", "wrong", "precision")
    for k, v in result["by_how"].items():
        hows.add_row(k, str(v["correct"]), str(v["wrong"]), f"{v['precision']:.3f}")
    console.print(hows)
    errs = Table("item", "gold", "gold code", "predicted")
    for e in result["errors"]:
        errs.add_row(e["item"], str(e["gold"]), str(e.get("gold_code")), str(e["predicted"]))
    console.print(errs)
    for p in result["problems"]:
        console.print(f"[red]{p}[/red]")


@app.command("import-dictionary")
def import_dictionary(
    files: list[Path] = typer.Argument(..., help="PETRARCH/Phoenix .actors or .agents dictionary files to check."),
    on: Optional[str] = typer.Option(None, "--date", help="Also count the actors that have a code on this date."),
) -> None:
    """Check PETRARCH/Phoenix dictionaries: entries read, codes, and malformed lines (file:line)."""
    from ..actors.dictionary_check import check_dictionaries

    report = check_dictionaries(files, _date(on))
    table = Table("file", "lines", "actors", "agents", "dated codes", "problems", "seconds")
    for f in report["files"]:
        table.add_row(Path(f["file"]).name, str(f["lines"]), str(f["actors"]), str(f["agents"]), str(f["dated_codes"]),
                      str(f["problems"]), f"{f['seconds']:.2f}")
    console.print(table)
    for p in report["problems"]:
        console.print(f"[yellow]{p}[/yellow]")
    if report.get("coded_on_date") is not None:
        console.print(f"actors with a code on {on}: {report['coded_on_date']}")
