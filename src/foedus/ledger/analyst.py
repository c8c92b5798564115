"""Invocations recorded by an analyst.

Why: the rules find invocations in what the news says; an analyst may know of
one the record does not show (a request made in a closed session, a report
the rules cannot read). ``foedus ledger add`` stores it in
``analyst_invocations``; the ledger judges it like any other (trigger,
guarantors, responses, verdict) with ``side`` "analyst", and it survives every
re-run and recode because only coded events are rebuilt. An override can be
attached to its key like to any computed invocation.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import duckdb

from foedus.ledger.invocations import Invocation, invocation_key_date
from foedus.ledger.model import Registry

PRECISIONS = ("day", "month", "year")


def record_invocation(
    con: duckdb.DuckDBPyConnection, registry: Registry, *, treaty_id: str, article: str, invoked_by: str,
    on: date, note: str, beneficiary: str | None = None, precision: str = "day", author: str = "analyst",
) -> dict[str, Any]:
    """Store an analyst's invocation after checking it against the registry;
    raises ValueError with the reason when the treaty, article, party or date
    does not fit."""
    treaty = registry.get(treaty_id)
    if treaty is None:
        raise ValueError(f"no treaty {treaty_id!r} in the registry (see `foedus ledger treaties`)")
    if treaty.article(article) is None:
        numbers = ", ".join(a.number for a in treaty.articles) or "none"
        raise ValueError(f"{treaty_id} has no article {article!r} (articles: {numbers})")
    invoked_by = invoked_by.strip().upper() if len(invoked_by.strip()) == 3 else invoked_by.strip()
    if invoked_by != treaty.organisation and not treaty.member_on(invoked_by, on):
        raise ValueError(f"{invoked_by} is not a party to {treaty_id} (nor its organisation) on {on.isoformat()}")
    if not treaty.in_force_on(on):
        raise ValueError(f"{treaty_id} was not in force on {on.isoformat()}")
    if beneficiary and not treaty.member_on(beneficiary, on):
        raise ValueError(f"{beneficiary} is not a party to {treaty_id} on {on.isoformat()}")
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}")
    if not note.strip():
        raise ValueError("an invocation entered by hand needs a note saying where it comes from")
    key = f"{treaty_id}:{article}:{invoked_by}:{invocation_key_date(on, precision)}"
    now = datetime.now().replace(microsecond=0)
    con.execute("DELETE FROM analyst_invocations WHERE invocation_key = ?", [key])
    con.execute(
        "INSERT INTO analyst_invocations (invocation_key, treaty_id, article, invoked_by, beneficiary, date,"
        " date_precision, note, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [key, treaty_id, article, invoked_by, beneficiary or None, on, precision, note.strip(),
         author.strip() or "analyst", now],
    )
    return {"key": key, "treaty": treaty_id, "article": article, "invoked_by": invoked_by,
            "beneficiary": beneficiary or invoked_by, "date": on.isoformat(), "date_precision": precision,
            "note": note.strip(), "author": author, "at": now.isoformat()}


def analyst_invocations(con: duckdb.DuckDBPyConnection, registry: Registry) -> list[Invocation]:
    """The stored analyst invocations whose treaty and article are in the registry."""
    try:
        rows = con.execute(
            "SELECT invocation_key, treaty_id, article, invoked_by, beneficiary, date, date_precision, note, author"
            " FROM analyst_invocations ORDER BY date, invocation_key"
        ).fetchall()
    except duckdb.CatalogException:  # a read-only database from before version 4
        return []
    out = []
    for key, tid, art, by, ben, on, precision, note, author in rows:
        treaty = registry.get(tid)
        if treaty is None or treaty.article(art) is None:
            continue
        side = "decision" if ben and ben != by else "analyst"
        addressee = treaty.organisation or "+".join(s for s in treaty.parties_on(on, active_only=False) if s != by)
        out.append(Invocation(
            key=key, treaty_id=tid, article=art, invoked_by=by, addressee=addressee or "?", date=on,
            request="help", cited=True, mentions=(), date_precision=precision, beneficiary=ben or "",
            side="analyst" if side == "analyst" else "decision", note=f"entered by {author}: {note}",
        ))
    return out
