"""``foedus coding``: try the event coder, measure it, list its patterns."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .output import (
    KEY, NUMBER, TEXT, Column, Format, emit_csv, emit_json, examples, fail, format_option, parse_date, print_rows,
    screen, text_out,
)

app = typer.Typer(
    help="Event coding: code a text, evaluate, list patterns.",
    no_args_is_help=True,
    epilog=examples('foedus coding code "Azerbaijani forces shelled Jermuk on Tuesday." --date 2022-09-14',
                    "foedus coding patterns --root 19"),
)

DEFAULT_GSR = Path("..") / "shared" / "reference" / "plover" / "PLOVER_GSR_CAMEO.txt"


class ActorSource(str, Enum):
    """Where ``coding eval`` takes the actors from."""

    pipeline = "pipeline"
    gold = "gold"


def _event_block(n: int, ev: dict[str, Any], sentences: list[str]) -> Table:
    """One coded event as a short block that reads at 80 columns:
    code and name; who did it to whom, when and where; the sentence; how it was found."""
    head = Text.assemble((f"{ev['cameo']}", "bold"), f"  {ev['name'] or ''}".rstrip(),
                         f" ({ev['plover']})" if ev.get("plover") else "")
    who = Text.assemble((ev["source"] or "?", "bold"), " -> ", (ev["target"] or "-", "bold"))
    for part in (str(ev["date"]) if ev.get("date") else None, f"at {ev['location']}" if ev.get("location") else None):
        if part:
            who.append(f", {part}")
    lines: list[Any] = [head, who]
    flags = []
    if ev.get("negated"):
        flags.append("negated")
    if ev.get("modality") and ev["modality"] != "asserted":
        flags.append(ev["modality"] + (f" by {ev['claimed_by']}" if ev.get("claimed_by") else ""))
    if flags:
        lines.append(Text(", ".join(flags), style="yellow"))
    idx = ev.get("sentence")
    if isinstance(idx, int) and 0 <= idx < len(sentences):
        lines.append(Text(f"\"{sentences[idx]}\"", style="italic"))
    why = dict(ev.get("why") or {})
    origin = why.pop("pattern_origin", None)
    lines.append(Text(f"trigger \"{ev['trigger']}\", pattern {ev['pattern']}"
                      + (f" ({origin})" if origin else ""), style="dim"))
    if why:
        lines.append(Text("why: " + "; ".join(f"{k} {v}" for k, v in why.items()), style="dim"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    grid.add_row(f"{n}.", Group(*lines))
    return grid


def _event_row(ev: dict[str, Any], sentences: list[str]) -> dict[str, Any]:
    """One coded event as a flat CSV row, with its sentence."""
    idx = ev.get("sentence")
    text = sentences[idx] if isinstance(idx, int) and 0 <= idx < len(sentences) else None
    return {**{k: v for k, v in ev.items() if k != "why"}, "sentence_text": text, "why": ev.get("why")}


@app.command("code", epilog=examples(
    'foedus coding code "Azerbaijani forces shelled Jermuk on Tuesday." --date 2022-09-14',
    'foedus coding code "Russia did not send troops, Armenia said." --format json'))
def code_cmd(text: str = typer.Argument(..., help="The text to code (quote it)."),
             date_: Optional[str] = typer.Option(None, "--date", help="publication date YYYY-MM-DD"),
             fmt: Format = format_option("table (one block per event), json (everything) or csv (one row per event).")) -> None:
    """Code events from TEXT and show, for each, the sentence and the pattern that matched and why."""
    from ..coding.explain import code_text, load_nlp

    published = parse_date(date_)
    out = code_text(load_nlp(), text, published)
    sentences = out.get("sentences", [])
    if fmt == Format.json:
        emit_json(out)
        return
    if fmt == Format.csv:
        emit_csv([_event_row(ev, sentences) for ev in out["events"]])
        return
    console = screen()
    console.print(f"{len(out['events'])} event(s) (actors: {escape(out['actors'])})", style="bold")
    for n, ev in enumerate(out["events"], 1):
        console.print(_event_block(n, ev, sentences))
    if out["dropped"]:
        console.print("predicates without an event:", style="bold")
        for d in out["dropped"]:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            grid.add_row("  -", Text(f"sentence {d['sentence']}: \"{d['trigger']}\" "
                                     f"(pattern {d['pattern']}): {d['reason']}"))
            console.print(grid)


@app.command("eval", epilog=examples("foedus coding eval", "foedus coding eval --actors gold --format csv"))
def eval_cmd(fmt: Format = format_option("table (per root and overall), json (everything) or csv (one row per root)."),
             file: Optional[Path] = typer.Option(None, "--file", help="gold file (default: packaged set)"),
             actors: ActorSource = typer.Option(ActorSource.pipeline, "--actors", case_sensitive=False,
                                                help="pipeline (the actor component) | gold (the set's name table: the coder alone)")) -> None:
    """Per-root precision and recall on the evaluation set."""
    from ..coding.evaluate import evaluate
    from ..coding.explain import load_nlp

    if file is not None and not file.is_file():
        fail(f"{file}: no such file", 2)
    r = evaluate(load_nlp(), file, actors=actors.value)
    rows = [{"root": k, **v} for k, v in r["per_root"].items()]
    print_rows(fmt, [
        Column("root", "root", KEY), Column("gold", "gold", NUMBER), Column("predicted", "predicted", NUMBER),
        Column("correct", "correct", NUMBER), Column("precision", "precision", NUMBER), Column("recall", "recall", NUMBER),
    ], rows, title=f"per root (actors: {r['actors']})", json_value=r)
    if fmt == Format.table:
        text_out().print(f"overall precision {r['precision']} recall {r['recall']} f1 {r['f1']} "
                         f"({r['correct']}/{r['gold_events']} gold, {r['predicted_events']} predicted)")


@app.command("eval-plover", epilog=examples(
    "foedus coding eval-plover --file ../shared/reference/plover/PLOVER_GSR_CAMEO.txt"))
def eval_plover_cmd(file: Path = typer.Option(DEFAULT_GSR, "--file", help="PLOVER_GSR_CAMEO.txt"),
                    fmt: Format = format_option("table (per type and overall), json (everything) or csv (one row per type).")) -> None:
    """Event-type accuracy on PLOVER example sentences."""
    from ..coding.evaluate import evaluate_plover
    from ..coding.explain import load_nlp

    if not file.is_file():
        fail(f"{file}: no such file (give the PLOVER examples with --file)", 2)
    r = evaluate_plover(load_nlp(), file)
    rows = [{"type": k, **v} for k, v in r["per_type"].items()]
    print_rows(fmt, [
        Column("type", "type", KEY), Column("total", "total", NUMBER), Column("correct", "correct", NUMBER),
        Column("accuracy", "accuracy", NUMBER),
    ], rows, title="PLOVER event types", json_value=r)
    if fmt == Format.table:
        text_out().print(f"accuracy {r['accuracy']} ({r['correct']}/{r['examples']}); coded {r['coded']}; "
                         f"accuracy when coded {r['accuracy_when_coded']}")


def _pattern_words(p: dict[str, Any]) -> str:
    """What a pattern asks of the text, in one phrase: the verb or noun (with its
    particle), the objects it takes, the preposition it needs."""
    words = p["lemma"] + (f" {p['particle']}" if p.get("particle") else "")
    if p.get("object"):
        words += " + " + ", ".join(p["object"])
    if p.get("prep"):
        words += f" (prep. {p['prep']})"
    if p.get("modifier"):
        words += " (with " + ", ".join(p["modifier"]) + ")"
    return words


@app.command("patterns", epilog=examples("foedus coding patterns --root 19", "foedus coding patterns --format csv > patterns.csv"))
def patterns_cmd(root: Optional[str] = typer.Option(None, "--root", help="two-digit CAMEO root"),
                 fmt: Format = format_option("table (code, words, origin), json or csv (every field, actor slots included).")) -> None:
    """List the event patterns: the CAMEO code, the words that trigger it, and the file:line it comes from."""
    from ..coding.explain import list_patterns

    if root is not None and not (root.isdigit() and len(root) == 2):
        raise typer.BadParameter(f"expected a two-digit CAMEO root such as 19, got {root!r}", param_hint="'--root'")
    rows = list_patterns(root)
    print_rows(fmt, [
        Column("code", "code", KEY),
        Column("words", _pattern_words, TEXT),
        Column("origin", "origin", KEY),
    ], rows, title=f"{len(rows)} patterns")
