"""``foedus ledger``: the commitment ledger, verdict explanations, scenarios,
analyst overrides and the treaty registry.

Invocation keys are what ``foedus ledger explain`` and ``foedus ledger
override`` take, so every table shows them whole (see :mod:`.output`).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Optional

import typer
from rich.markup import escape

from .output import (
    KEY, NUMBER, TEXT, Column, Format, bullet, emit_csv, emit_json, examples, fail, format_option, open_store,
    parse_date, print_rows, print_table, screen,
)

app = typer.Typer(
    help="Commitment ledger: treaties invoked, responses, verdicts.",
    invoke_without_command=True,
    epilog=examples("foedus ledger --db foedus.duckdb", "foedus ledger explain cst-1992:4:ARM:2022-09-13"),
)

DbOption = typer.Option(None, "--db", help="database file (default: FOEDUS_DB or foedus.duckdb)")
WindowOption = typer.Option(60, "--window", min=1, help="days after an invocation in which responses count")


def _db(db: Optional[Path]) -> Path:
    from ..settings import from_env

    return db or from_env().db_path


def _extra() -> tuple[str, ...]:
    from ..settings import from_env

    return tuple(str(p) for p in from_env().extra_treaty_files)


def _verdict(v: str, override: dict | None) -> str:
    return f"{v} (override: {override['verdict']})" if override else v


def _evidence_line(ev: dict[str, Any], prefix: str = "") -> Any:
    """One evidence sentence as a bullet, escaped: news text may hold square brackets."""
    where = escape(str(ev.get("outlet") or ev.get("doc_id")))
    return bullet(f"{prefix}{where} ({ev['date']}): {escape(' '.join(str(ev['sentence']).split()))}")


_INVOCATION_COLUMNS = [
    Column("key", "key", KEY),
    Column("to", "addressee", KEY),
    Column("trigger", lambda r: r["trigger"]["met"]),
    Column("verdict", lambda r: _verdict(
        r["verdict"] + (" (trigger unknown: responses only)" if r.get("basis") == "responses only" else ""),
        r["override"]), TEXT),
]

_BREACH_COLUMNS = [
    Column("treaty", lambda r: f"{r['treaty']} art. {r['article']}"),  # wraps between id and article only
    Column("obligation", "obligation"),
    Column("by", "by"),
    Column("place", "place"),
    Column("dates", lambda r: f"{r['first']} to {r['last']}" if r["last"] != r["first"] else r["first"]),
    Column("reports", "reports", NUMBER),
]


def _invocation_csv(e: dict[str, Any], inv: dict[str, Any]) -> dict[str, Any]:
    """One invocation as a flat row: what the table shows, untruncated, plus its treaty."""
    return {
        "key": inv["key"], "treaty": e["treaty"]["id"], "article": e["article"], "date": inv["date"],
        "invoked_by": inv["invoked_by"], "beneficiary": inv["beneficiary"], "addressee": inv["addressee"],
        "request": inv["request"], "trigger": inv["trigger"]["met"], "verdict": inv["verdict"], "basis": inv["basis"],
        "override": (inv["override"] or {}).get("verdict"), "effective_verdict": inv["effective_verdict"],
        "guarantors": [g["actor"] for g in inv["guarantors"]], "rationale": inv["rationale"],
    }


@app.callback()
def ledger(
    ctx: typer.Context,
    db: Optional[Path] = DbOption,
    fmt: Format = format_option("table (for reading), json (the whole ledger) or csv (one row per invocation)."),
    window: int = WindowOption,
) -> None:
    """Print the ledger: every invoked commitment, its verdict, and breaches.

    The key of each invocation (treaty:article:invoked_by:date) is what
    `foedus ledger explain` and `foedus ledger override` take.
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..ledger import build_ledger

    con = open_store(_db(db))
    try:
        entries = build_ledger(con, window_days=window, extra_treaty_files=_extra())
    finally:
        con.close()
    if fmt == Format.json:
        emit_json(entries)
        return
    if fmt == Format.csv:
        emit_csv([_invocation_csv(e, inv) for e in entries for inv in e["invocations"]])
        return
    invocations = [inv for e in entries for inv in e["invocations"]]
    print_table(_INVOCATION_COLUMNS, invocations, "Invocations")
    breaches = [
        {**b, "by": sorted({ev["source"] for ev in b["evidence"] if ev.get("source")})}
        for e in entries for b in e["breaches"]
    ]
    if breaches:
        print_table(_BREACH_COLUMNS, breaches, "Breaches")
    console = screen()
    for e in entries:
        for inv in e["invocations"]:
            console.print(f"[bold]{inv['key']}[/bold]: {escape(inv['rationale'])}")
            for ev in inv["evidence"][:3]:
                console.print(_evidence_line(ev))
        for b in e["breaches"]:
            console.print(f"[bold red]breach[/bold red] {escape(b['summary'])}")
            for ev in b["evidence"][:3]:
                console.print(_evidence_line(ev))


@app.command("explain", epilog=examples(
    "foedus ledger explain cst-1992:4:ARM:2022-09-13",
    "foedus ledger explain cst-1992:4:ARM:2022-09-13:RUS --format json"))
def explain_cmd(key: str = typer.Argument(..., help="An invocation key as `foedus ledger` prints it, optionally :GUARANTOR."),
                db: Optional[Path] = DbOption,
                fmt: Format = format_option("table (for reading), json (every step with its evidence) or csv (one row per step)."),
                window: int = WindowOption) -> None:
    """Walk through the verdict of invocation KEY (optionally KEY:GUARANTOR)."""
    from ..ledger import explain

    con = open_store(_db(db))
    try:
        out = explain(con, key, window_days=window, extra_treaty_files=_extra())
    except KeyError:
        fail(f"no invocation with key {key!r} on record (`foedus ledger` lists the keys)")
    finally:
        con.close()
    if fmt == Format.json:
        emit_json(out)
        return
    if fmt == Format.csv:
        emit_csv([{"key": key, "step": s["step"], "guarantor": s.get("guarantor"),
                   "verdict": s.get("verdict"), "text": s["text"]} for s in out["steps"]])
        return
    console = screen()
    for step in out["steps"]:
        console.print(f"[bold]{step['step']}[/bold]: {escape(step['text'])}")
        for ev in step.get("evidence", [])[:5]:
            console.print(_evidence_line(ev))
        for r in step.get("responses", [])[:8]:
            console.print(_evidence_line(r["evidence"], escape(f"[{r['effect']}] {r['label']}: ")))


def _bound(c: dict[str, Any]) -> list[str]:
    """Each guarantor with its record so far (honoured / decided), when it has one."""
    return [
        g["actor"] + (f" ({g['record']['counts']['honoured']}/{g['record']['decided']} honoured)"
                      if g["record"] and g["record"]["decided"] else "")
        for g in c["guarantors"]
    ]


@app.command("scenario", epilog=examples(
    "foedus ledger scenario --attacker AZE --target ARM --date 2022-09-13",
    "foedus ledger scenario --attacker AZE --target ARM --place Stepanakert"))
def scenario_cmd(
    attacker: str = typer.Option(..., "--attacker", help="ISO3 of the attacking state"),
    target: str = typer.Option(..., "--target", help="ISO3 of the attacked state"),
    on: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD (default today)"),
    place: Optional[str] = typer.Option(None, "--place", help="where the attack happens"),
    db: Optional[Path] = DbOption,
    fmt: Format = format_option("table (for reading), json (the whole answer) or csv (one row per commitment)."),
) -> None:
    """Which commitments an attack by ATTACKER on TARGET would trigger.

    With a database, each guarantor's record of honouring invocations so far
    is shown beside it.
    """
    from ..ledger import scenario

    day = parse_date(on)
    path = _db(db)
    con = open_store(path) if Path(path).exists() else None
    try:
        out = scenario(attacker.upper(), target.upper(), on=day, place=place, con=con, extra_treaty_files=_extra())
    finally:
        if con is not None:
            con.close()
    rows = [{"treaty": c["treaty"]["id"], "name": c["treaty"]["name"], "article": c["article"],
             "obligations": c["obligations"], "would_trigger": c["would_trigger"], "reason": c["reason"],
             "bound": _bound(c)} for c in out["commitments"]]
    columns = [
        Column("treaty", "treaty", KEY),
        Column("art.", "article", KEY),
        Column("obligations", "obligations"),
        Column("triggered?", "would_trigger"),
        Column("why", "reason", TEXT),
        Column("bound", "bound"),
    ]
    print_rows(fmt, columns, rows, title=f"{attacker.upper()} attacks {target.upper()} on {out['date']}", json_value=out)


@app.command("override", epilog=examples(
    'foedus ledger override cst-1992:4:ARM:2022-09-13 --verdict "not honoured" --note "Mission report."'))
def override_cmd(
    key: str = typer.Argument(..., help="An invocation key as `foedus ledger` prints it, optionally :GUARANTOR."),
    verdict: str = typer.Option(..., "--verdict", help="honoured | partially honoured | not honoured | trigger disputed | pending"),
    note: str = typer.Option(..., "--note", help="why"),
    author: str = typer.Option("analyst", "--author"),
    db: Optional[Path] = DbOption,
) -> None:
    """Record an analyst's verdict for KEY beside the computed one."""
    from ..ledger import record_override

    con = open_store(_db(db), read_only=False)
    try:
        o = record_override(con, key, verdict, note, author)
    except ValueError as exc:
        fail(str(exc), 2)
    finally:
        con.close()
    screen().print(f"override stored: {o['key']} -> {o['verdict']} ({o['author']}, {o['at']})", markup=False)


@app.command("add", epilog=examples(
    'foedus ledger add --treaty cst-1992 --article 4 --by ARM --date 2022-09-13 --note "CSTO statement"'))
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

    try:
        day, precision = _date_arg(on)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, YYYY-MM or YYYY, got {on!r}", param_hint="'--date'") from None
    con = open_store(_db(db), read_only=False)
    try:
        inv = record_invocation(con, load_registry(_extra()), treaty_id=treaty, article=article,
                                invoked_by=by, on=day, note=note, beneficiary=beneficiary, precision=precision,
                                author=author)
    except ValueError as exc:
        fail(str(exc), 2)
    finally:
        con.close()
    screen().print(f"invocation stored: {inv['key']} ({inv['author']}, {inv['at']})", markup=False)


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


@app.command("treaties", epilog=examples("foedus ledger treaties", "foedus ledger treaties --format csv > treaties.csv"))
def treaties_cmd(fmt: Format = format_option("table (for reading), json (parties, articles, sources) or csv (one row per treaty).")) -> None:
    """The treaty registry: treaties, parties, articles; problems in data files.

    The table is a short listing (id, name, date signed, number of parties,
    articles); csv adds kind, dates in force and ended, and the parties; json
    has everything the registry holds.
    """
    from ..ledger import load_registry

    reg = load_registry(_extra())
    if fmt == Format.json:
        emit_json([
            {"id": t.id, "name": t.name, "kind": t.kind, "signed": t.signed, "in_force": t.in_force, "ended": t.ended,
             "organisation": t.organisation, "parties": [p.__dict__ | {"suspended": [s.__dict__ for s in p.suspended]} for p in t.parties],
             "articles": [{"number": a.number, "summary": a.summary, "obligations": [o.type for o in a.obligations]} for a in t.articles],
             "sources": [s.__dict__ for s in t.sources]}
            for t in reg.treaties
        ])
        return
    rows = [{"id": t.id, "name": t.name, "kind": t.kind, "signed": t.signed, "in_force": t.in_force, "ended": t.ended,
             "organisation": t.organisation, "parties": list(t.party_states()),
             "articles": [a.number for a in t.articles]} for t in reg.treaties]
    if fmt == Format.csv:
        emit_csv(rows)
        return
    print_table([  # kind, dates in force and the parties themselves are in csv and json
        Column("id", "id", KEY),
        Column("name", "name", TEXT),
        Column("signed", "signed", KEY),
        Column("parties", lambda r: len(r["parties"]), NUMBER),
        Column("articles", "articles"),
    ], rows)
    for p in reg.problems:
        screen().print(f"[yellow]{escape(str(p))}[/yellow]")


@app.command("acts", epilog=examples("foedus ledger acts --treaty cst-1992", "foedus ledger acts --format csv > acts.csv"))
def acts_cmd(
    treaty: Optional[str] = typer.Option(None, "--treaty", help="only this treaty id"),
    db: Optional[Path] = DbOption,
    fmt: Format = format_option(),
) -> None:
    """Treaty acts (signing, ratification, entry into force, accession, withdrawal,
    suspension) as dated records: those the news reports and those the registry holds."""
    from ..ledger import treaty_records

    con = open_store(_db(db))
    try:
        rows = treaty_records(con, treaty=treaty, extra_treaty_files=_extra())
    finally:
        con.close()
    print_rows(fmt, [
        Column("date", "date", KEY),
        Column("treaty", "treaty", KEY),
        Column("act", "kind"),
        Column("parties", "parties"),
        Column("from", "from"),
        Column("note", lambda r: r.get("summary") if r["from"] == "news" else r.get("note"), TEXT),
    ], rows)


@app.command("pledges", epilog=examples("foedus ledger pledges", "foedus ledger pledges --format json"))
def pledges_cmd(db: Optional[Path] = DbOption, fmt: Format = format_option()) -> None:
    """Extract pledges from the coded events (idempotent) and list them."""
    from ..ledger import extract_pledges, list_pledges

    con = open_store(_db(db), read_only=False)
    try:
        extract_pledges(con, _extra())
        rows = list_pledges(con)
    finally:
        con.close()
    print_rows(fmt, [
        Column("date", lambda r: (r["date"] or "-") + (f" due {r['deadline']}" if r.get("deadline") else "")),
        Column("parties", "parties"),
        Column("kind", "kind"),
        Column("content", "content", TEXT),
        Column("status", "status"),
        Column("doc", "doc_id", KEY),
    ], rows)
