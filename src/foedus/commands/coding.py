"""``foedus coding``: try the event coder, measure it, list its patterns."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Event coding: code a text, evaluate, list patterns.", no_args_is_help=True)
console = Console()

DEFAULT_GSR = Path("..") / "shared" / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"


def _table(title: str, rows: list[dict], columns: list[str]) -> Table:
    t = Table(title=title)
    for c in columns:
        t.add_column(c)
    for r in rows:
        t.add_row(*["" if r.get(c) is None else str(r.get(c)) for c in columns])
    return t


@app.command("code")
def code_cmd(text: str, date_: Optional[str] = typer.Option(None, "--date", help="publication date YYYY-MM-DD"),
             fmt: str = typer.Option("table", "--format", help="table|json")) -> None:
    """Code events from TEXT and show the pattern that matched and why."""
    from ..coding.explain import code_text, load_nlp

    published = date.fromisoformat(date_) if date_ else None
    out = code_text(load_nlp(), text, published)
    if fmt == "json":
        typer.echo(json.dumps(out, indent=2, default=str))
        return
    console.print(_table(f"events (actors: {out['actors']})", out["events"],
                         ["source", "target", "cameo", "name", "negated", "modality", "claimed_by", "trigger", "pattern", "why"]))
    if out["dropped"]:
        console.print(_table("predicates without event", out["dropped"], ["sentence", "trigger", "pattern", "reason"]))


@app.command("eval")
def eval_cmd(fmt: str = typer.Option("table", "--format", help="table|json"),
             file: Optional[Path] = typer.Option(None, "--file", help="gold file (default: packaged set)"),
             actors: str = typer.Option("pipeline", "--actors",
                                        help="pipeline (the actor component) | gold (the set's name table: the coder alone)")) -> None:
    """Per-root precision and recall on the evaluation set."""
    from ..coding.evaluate import evaluate
    from ..coding.explain import load_nlp

    if actors not in ("pipeline", "gold"):
        raise typer.BadParameter("--actors must be pipeline or gold")
    r = evaluate(load_nlp(), file, actors=actors)
    if fmt == "json":
        typer.echo(json.dumps(r, indent=2, default=str))
        return
    rows = [{"root": k, **v} for k, v in r["per_root"].items()]
    console.print(_table(f"per root (actors: {r['actors']})", rows, ["root", "gold", "predicted", "correct", "precision", "recall"]))
    console.print(f"overall precision {r['precision']} recall {r['recall']} f1 {r['f1']} "
                  f"({r['correct']}/{r['gold_events']} gold, {r['predicted_events']} predicted)")


@app.command("eval-plover")
def eval_plover_cmd(file: Path = typer.Option(DEFAULT_GSR, "--file", help="PLOVER_GSR_CAMEO.txt"),
                    fmt: str = typer.Option("table", "--format", help="table|json")) -> None:
    """Event-type accuracy on PLOVER example sentences."""
    from ..coding.evaluate import evaluate_plover
    from ..coding.explain import load_nlp

    if not file.exists():
        raise typer.BadParameter(f"{file} not found")
    r = evaluate_plover(load_nlp(), file)
    if fmt == "json":
        typer.echo(json.dumps(r, indent=2))
        return
    rows = [{"type": k, **v} for k, v in r["per_type"].items()]
    console.print(_table("PLOVER event types", rows, ["type", "total", "correct", "accuracy"]))
    console.print(f"accuracy {r['accuracy']} ({r['correct']}/{r['examples']}); coded {r['coded']}; "
                  f"accuracy when coded {r['accuracy_when_coded']}")


@app.command("patterns")
def patterns_cmd(root: Optional[str] = typer.Option(None, "--root", help="two-digit CAMEO root"),
                 fmt: str = typer.Option("table", "--format", help="table|json")) -> None:
    """List the event patterns."""
    from ..coding.explain import list_patterns

    rows = list_patterns(root)
    if fmt == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    console.print(_table(f"{len(rows)} patterns", rows, ["code", "lemma", "object", "prep", "modifier", "frame", "source", "target", "origin"]))
