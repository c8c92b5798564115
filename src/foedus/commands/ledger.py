"""``foedus ledger``: the commitment ledger, verdict explanations, scenarios,
analyst overrides and the treaty registry."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Commitment ledger: treaties invoked, responses, verdicts.", invoke_without_command=True)
console = Console()

DbOption = typer.Option(None, "--db", help="database file (default: FOEDUS_DB or foedus.duckdb)")
FormatOption = typer.Option("table", "--format", help="table | json")


def _db(db: Optional[Path]) -> Path:
    from ..settings import from_env

    return db or from_env().db_path


def _extra() -> tuple[str, ...]:
    from ..settings import from_env

    return tuple(str(p) for p in from_env().extra_treaty_files)


def _json(value: Any) -> None:
    console.print_json(json.dumps(value, default=str))


def _verdict(v: str, override: dict | None) -> str:
    return f"{v} [bold](override: {override['verdict']})[/bold]" if override else v


@app.callback()
def ledger(
    ctx: typer.Context,
    db: Optional[Path] = DbOption,
    fmt: str = FormatOption,
    window: int = typer.Option(60, "--window", help="days after an invocation in which responses count"),
) -> None:
    """Print the ledger: every invoked commitment, its verdict, and breaches."""
    if ctx.invoked_subcommand is not None:
        return
    from ..ledger import build_ledger
    from ..store.db import connect

    entries = build_ledger(connect(_db(db), read_only=True), window_days=window, extra_treaty_files=_extra())
    if fmt == "json":
        _json(entries)
        return
    table = Table("key", "treaty / article", "asked by", "addressee", "trigger", "verdict", title="Invocations")
    for e in entries:
        for inv in e["invocations"]:
            verdict = inv["verdict"] + (" (trigger unknown: responses only)" if inv.get("basis") == "responses only" else "")
            table.add_row(inv["key"], f"{e['treaty']['id']} / Art. {e['article']}", inv["invoked_by"],
                          inv["addressee"], inv["trigger"]["met"], _verdict(verdict, inv["override"]))
    console.print(table)
    breaches = Table("treaty / article", "obligation", "by", "place", "from", "to", "reports", "outlets", title="Breaches")
    for e in entries:
        for b in e["breaches"]:
            by = ", ".join(sorted({ev["source"] for ev in b["evidence"] if ev.get("source")})) or "-"
            breaches.add_row(f"{b['treaty']} / Art. {b['article']}", b["obligation"], by, b["place"] or "-",
                             b["first"], b["last"], str(b["reports"]), str(b["outlets"]))
    if breaches.row_count:
        console.print(breaches)
    for e in entries:
        for inv in e["invocations"]:
            console.print(f"[bold]{inv['key']}[/bold]: {inv['rationale']}")
            for ev in inv["evidence"][:3]:
                console.print(f"   - {ev['outlet'] or ev['doc_id']} ({ev['date']}): {' '.join(ev['sentence'].split())}")
        for b in e["breaches"]:
            console.print(f"[bold red]breach[/bold red] {b['summary']}")
            for ev in b["evidence"][:3]:
                console.print(f"   - {ev['outlet'] or ev['doc_id']} ({ev['date']}): {' '.join(ev['sentence'].split())}")


@app.command("explain")
def explain_cmd(key: str, db: Optional[Path] = DbOption, fmt: str = FormatOption,
                window: int = typer.Option(60, "--window")) -> None:
    """Walk through the verdict of invocation KEY (optionally KEY:GUARANTOR)."""
    from ..ledger import explain
    from ..store.db import connect

    try:
        out = explain(connect(_db(db), read_only=True), key, window_days=window, extra_treaty_files=_extra())
    except KeyError as exc:
        console.print(f"[red]{exc.args[0]}[/red]")
        raise typer.Exit(1)
    if fmt == "json":
        _json(out)
        return
    for step in out["steps"]:
        console.print(f"[bold]{step['step']}[/bold]: {step['text']}")
        for ev in step.get("evidence", [])[:5]:
            console.print(f"   - {ev['outlet'] or ev['doc_id']} ({ev['date']}): {ev['sentence']}")
        for r in step.get("responses", [])[:8]:
            ev = r["evidence"]
            console.print(f"   - [{r['effect']}] {r['label']}: {ev['outlet'] or ev['doc_id']} ({ev['date']}): {ev['sentence']}")


@app.command("scenario")
def scenario_cmd(
    attacker: str = typer.Option(..., "--attacker", help="ISO3 of the attacking state"),
    target: str = typer.Option(..., "--target", help="ISO3 of the attacked state"),
    on: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD (default today)"),
    place: Optional[str] = typer.Option(None, "--place", help="where the attack happens"),
    db: Optional[Path] = DbOption,
    fmt: str = FormatOption,
) -> None:
    """Which commitments an attack by ATTACKER on TARGET would trigger."""
    from ..ledger import scenario
    from ..store.db import connect

    path = _db(db)
    con = connect(path, read_only=True) if Path(path).exists() else None
    out = scenario(attacker.upper(), target.upper(), on=date.fromisoformat(on) if on else None, place=place,
                   con=con, extra_treaty_files=_extra())
    if fmt == "json":
        _json(out)
        return
    table = Table("treaty", "article", "obligations", "triggered?", "why", "bound", title=f"{attacker} attacks {target} on {out['date']}")
    for c in out["commitments"]:
        bound = ", ".join(
            g["actor"] + (f" ({g['record']['counts']['honoured']}/{g['record']['decided']} honoured)" if g["record"] and g["record"]["decided"] else "")
            for g in c["guarantors"]
        )
        table.add_row(c["treaty"]["name"], c["article"], ", ".join(c["obligations"]), c["would_trigger"], c["reason"], bound)
    console.print(table)


@app.command("override")
def override_cmd(
    key: str,
    verdict: str = typer.Option(..., "--verdict", help="honoured | partially honoured | not honoured | trigger disputed | pending"),
    note: str = typer.Option(..., "--note", help="why"),
    author: str = typer.Option("analyst", "--author"),
    db: Optional[Path] = DbOption,
) -> None:
    """Record an analyst's verdict for KEY beside the computed one."""
    from ..ledger import record_override
    from ..store.db import connect

    try:
        o = record_override(connect(_db(db)), key, verdict, note, author)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2)
    console.print(f"override stored: {o['key']} -> {o['verdict']} ({o['author']}, {o['at']})")


@app.command("add")
def add_cmd(
    treaty: str = typer.Option(..., "--treaty", help="treaty id (see `foedus ledger treaties`)"),
    article: str = typer.Option(..., "--article", help="article number as in the registry (4, 42(7), II)"),
    by: str = typer.Option(..., "--by", help="who invoked it: a party's ISO3 code or the treaty's organisation"),
    on: str = typer.Option(..., "--date", help="YYYY-MM-DD (or YYYY-MM, YYYY)"),
    note: str = typer.Option(..., "--note", help="where the invocation is known from"),
    beneficiary: Optional[str] = typer.Option(None, "--for", help="the party it was invoked for, when not the invoker"),
    author: str = typer.Option("analyst", "--author"),
    db: Optional[Path] = DbOption,
) -> None:
    """Record an invocation by hand; the ledger judges it like one found in the news."""
    from ..ledger import load_registry, record_invocation
    from ..store.db import connect

    try:
        day, precision = _date_arg(on)
        inv = record_invocation(connect(_db(db)), load_registry(_extra()), treaty_id=treaty, article=article,
                                invoked_by=by, on=day, note=note, beneficiary=beneficiary, precision=precision,
                                author=author)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2)
    console.print(f"invocation stored: {inv['key']} ({inv['author']}, {inv['at']})")


def _date_arg(text: str) -> tuple[date, str]:
    parts = text.strip().split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1, 1), "year"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        return date.fromisoformat(text.strip()), "day"
    except ValueError:
        raise ValueError(f"--date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY") from None


@app.command("treaties")
def treaties_cmd(fmt: str = FormatOption) -> None:
    """The treaty registry: treaties, parties, articles; problems in data files."""
    from ..ledger import load_registry

    reg = load_registry(_extra())
    if fmt == "json":
        _json([
            {"id": t.id, "name": t.name, "kind": t.kind, "signed": t.signed, "in_force": t.in_force, "ended": t.ended,
             "organisation": t.organisation, "parties": [p.__dict__ | {"suspended": [s.__dict__ for s in p.suspended]} for p in t.parties],
             "articles": [{"number": a.number, "summary": a.summary, "obligations": [o.type for o in a.obligations]} for a in t.articles],
             "sources": [s.__dict__ for s in t.sources]}
            for t in reg.treaties
        ])
        return
    table = Table("id", "name", "kind", "signed", "in force", "ended", "parties", "articles")
    for t in reg.treaties:
        table.add_row(t.id, t.name, t.kind, str(t.signed or "-"), str(t.in_force or "-"), str(t.ended or "-"),
                      str(len(t.party_states())), ", ".join(a.number for a in t.articles))
    console.print(table)
    for p in reg.problems:
        console.print(f"[yellow]{p}[/yellow]")


@app.command("acts")
def acts_cmd(
    treaty: Optional[str] = typer.Option(None, "--treaty", help="only this treaty id"),
    db: Optional[Path] = DbOption,
    fmt: str = FormatOption,
) -> None:
    """Treaty acts (signing, ratification, entry into force, accession, withdrawal,
    suspension) as dated records: those the news reports and those the registry holds."""
    from ..ledger import treaty_records
    from ..store.db import connect

    rows = treaty_records(connect(_db(db), read_only=True), treaty=treaty, extra_treaty_files=_extra())
    if fmt == "json":
        _json(rows)
        return
    table = Table("date", "treaty", "act", "parties", "from", "note")
    for r in rows:
        note = r.get("summary") if r["from"] == "news" else r.get("note", "")
        table.add_row(r["date"], r["treaty"], r["kind"], ", ".join(r["parties"]), r["from"], note or "")
    console.print(table)


@app.command("pledges")
def pledges_cmd(db: Optional[Path] = DbOption, fmt: str = FormatOption) -> None:
    """Extract pledges from the coded events (idempotent) and list them."""
    from ..ledger import extract_pledges, list_pledges
    from ..store.db import connect

    con = connect(_db(db))
    extract_pledges(con, _extra())
    rows = list_pledges(con)
    if fmt == "json":
        _json(rows)
        return
    table = Table("date", "parties", "kind", "content", "deadline", "status")
    for r in rows:
        table.add_row(r["date"] or "-", ", ".join(r["parties"]), r["kind"], r["content"], r["deadline"] or "-", r["status"])
    console.print(table)
