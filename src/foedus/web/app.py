"""The dashboard's routes. Thin on purpose: each route reads its parameters,
calls the query layer (:mod:`foedus.analysis`, :mod:`foedus.web.queries`) and
renders a template or an export of the same rows.

``create_app(db_path)`` reads the database through one read-only connection
shared by a burst of requests and let go when idle or when a writer asks
(:mod:`foedus.web.database`), so an ingest can write while the dashboard runs
and a rebuilt database is shown at the next request.
Answers that do not depend on the request (overview, filter choices, outlet
tables) are computed once per version of the database file. Only the Host
names the server is bound to are answered (:mod:`foedus.web.security`).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Iterator

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from foedus.analysis import corroborate as corr
from foedus.analysis import outlets as outl
from foedus.analysis.network import network as network_of
from foedus.analysis.focus import default_focus
from foedus.analysis.names import ActorNames, default_names
from foedus.analysis.relations import realignment, with_runs
from foedus.analysis.filters import FilterError
from foedus.analysis.timeline import event_mentions, get_event, list_events
from foedus.store.db import SCHEMA_VERSION, connect, current_version
from foedus.web import params as P
from foedus.web import queries as Q
from foedus.web.highlight import Span, highlight
from foedus.web.ledger import LedgerProvider, LedgerUnavailable, ModuleLedger
from foedus.web.colours import partner_colours
from foedus.web.render import HERE, error_page, make_templates, page, url
from foedus.web.database import Database, DatabaseUnavailable
from foedus.web.security import HostCheck, SecurityHeaders, allowed_host_names

log = logging.getLogger(__name__)

# The timeline counts matches exactly up to this many; beyond, it says "more than".
TIMELINE_COUNT_LIMIT = 10_000
# Date+dyad groups per page of the figures page (``limit``, up to 100): each
# group lists every report that gives a figure, so a page of a hundred busy
# days ran to half a megabyte of HTML.
FIGURE_GROUPS_PER_PAGE = 25
# Rows per outlet in each table of the outlets page, all outlets shown (ten
# times as many for one outlet); the exports give every row.
OUTLET_ROWS_SHOWN = 25


def _first_per_outlet(rows: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """The first ``n`` rows of each outlet (rows come grouped by outlet, busiest first)."""
    seen: dict[str, int] = {}
    out = []
    for r in rows:
        k = seen[r["outlet"]] = seen.get(r["outlet"], 0) + 1
        if k <= n:
            out.append(r)
    return out


def open_read_only(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    """The database opened read-only, migrated first if an older foedus wrote it.

    The dashboard's queries read columns added by later schema versions, so a
    database at an older version is brought up to date once (the only write
    the dashboard ever makes), then opened read-only.
    """
    con = connect(db_path, read_only=True)
    if str(db_path) == ":memory:" or current_version(con) >= SCHEMA_VERSION:
        return con
    con.close()
    log.info("migrating %s to schema version %d", db_path, SCHEMA_VERSION)
    try:
        connect(db_path).close()
    except duckdb.Error as exc:
        raise RuntimeError(
            f"{db_path}: schema is older than this foedus and could not be migrated ({exc}); "
            "open it once with a foedus command that writes (e.g. ingest) and try again"
        ) from exc
    return connect(db_path, read_only=True)


def create_app(
    db_path: str | Path,
    ledger_provider: LedgerProvider | None = None,
    focal: str | None = None,
    allowed_hosts: tuple[str, ...] = (),
    names: ActorNames | None = None,
) -> FastAPI:
    """The dashboard over the database at ``db_path`` (read-only, held only while requests come).

    ``focal``: the actor the overview and relations pages start from; by
    default the busiest actor of the database (:mod:`foedus.analysis.focus`),
    so any corpus opens on its own story. ``names``: how codes are named on
    the pages (default: the actor registry's names).

    ``allowed_hosts``: Host names answered besides localhost and 127.0.0.1
    (the address the server listens on, names given with --allowed-host).
    """
    if str(db_path) != ":memory:" and Path(db_path).exists():
        open_read_only(db_path).close()  # migrate an older file once, before serving
    db = Database(db_path)
    ledger: LedgerProvider = ledger_provider or ModuleLedger()
    templates = make_templates(names or default_names())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        db.close()

    app = FastAPI(title="foedus", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HostCheck, allowed=allowed_host_names(allowed_hosts))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def cursor() -> Iterator[duckdb.DuckDBPyConnection]:
        try:
            with db.connection() as con:
                yield con
        except DatabaseUnavailable as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None

    # Answers to queries without user parameters change only when the file
    # does: computed once per version of the file.
    def _once(fn: Any) -> Any:
        @lru_cache(maxsize=32)
        def cached(version: Any, *args: Any) -> Any:
            try:
                with db.connection() as con:
                    return fn(con, *args)
            except DatabaseUnavailable as exc:
                raise HTTPException(status_code=503, detail=str(exc)) from None

        def run(*args: Any) -> Any:
            return cached(db.version(), *args)
        return run

    choices = _once(lambda c: {"actors": Q.actor_choices(c), "outlets": Q.outlet_choices(c),
                               "modalities": Q.modality_choices(c)})
    outlet_summary = _once(outl.outlet_summary)
    focus_of = _once(lambda c, who: default_focus(c, who))

    def _overview(c: duckdb.DuckDBPyConnection, who: str | None) -> dict[str, Any]:
        focus = focus_of(who)
        partners = list(focus.partners[:4])
        return {
            "counts": Q.counts(c), "dyads": Q.top_dyads(c), "outlets": outlet_summary(),
            "volume": [{**v, "quad": v["quad_class"]} for v in Q.volume(c)],
            "focal": focus.focal, "partners": partners,
            "yearly": realignment(c, focal=focus.focal, partners=partners, freq="year") if focus.focal else []}

    overview_data = _once(_overview)
    # Every outlet's tables at once (small: outlets x actors); one outlet's
    # view is a selection of their rows, so no outlet costs a query of its own.
    all_outlet_tables = _once(lambda c: {
        "quotes": outl.outlet_quotes(c),
        "accusations": [
            {**r, "href": url("/timeline", source=r["accuser"], target=r["accused"], outlet=r["outlet"]),
             "href_11": url("/timeline", source=r["accuser"], target=r["accused"], outlet=r["outlet"], cameo="11",
                            negated="exclude"),
             "href_12": url("/timeline", source=r["accuser"], target=r["accused"], outlet=r["outlet"], cameo="12",
                            negated="exclude"),
             "href_negated": url("/timeline", source=r["accuser"], target=r["accused"], outlet=r["outlet"],
                                 negated="only")}
            for r in outl.outlet_accusations(c)],
        "tone": [{**r, "href": url("/timeline", target=r["target"], outlet=r["outlet"], negated="exclude")}
                 for r in outl.outlet_tone(c)]})

    def outlet_tables(outlet: str | None) -> dict[str, list[dict[str, Any]]]:
        tables = all_outlet_tables()
        if outlet:
            tables = {k: [r for r in rows if r["outlet"] == outlet] for k, rows in tables.items()}
        return {"summary": outlet_summary(), **tables}

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "No such page."
        return error_page(request, templates, exc.status_code, str(message))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Any:
        return error_page(request, templates, 400, "Some parameters are not valid.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Any:
        log.exception("error serving %s", request.url.path)
        return error_page(request, templates, 500, "The page could not be built; the error has been logged.")

    @app.get("/")
    def overview(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        data = overview_data(request.query_params.get("focal") or focal)
        dyads = [{**d, "href": url("/timeline", actor=d["a"], other=d["b"], negated="exclude", claims="exclude")}
                 for d in data["dyads"]]
        return page(request, templates, "overview", fmt, {**data, "dyads": dyads, "actors": choices()["actors"]},
                    rows=dyads)

    @app.get("/timeline")
    def timeline(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        flt = P.event_filter(request)
        limit = P.int_param(request, "limit", 50, 1, 1000)
        pg = P.int_param(request, "page", 1, 1, 1_000_000)
        order = P.choice(request, "order", "date", ("date", "-date"))
        after = request.query_params.get("after") or None
        before = request.query_params.get("before") or None
        # With a cursor, ``page`` only numbers the rows shown; without, it is an offset.
        offset = 0 if (after or before) else (pg - 1) * limit
        try:
            result = list_events(con, flt, limit=limit, offset=offset, order=order, after=after, before=before,
                                 count_limit=TIMELINE_COUNT_LIMIT)
        except FilterError as exc:
            raise P.bad(str(exc)) from None
        first = (pg - 1) * limit + 1
        return page(request, templates, "timeline", fmt, {
            "flt": flt, "result": result, "page_no": pg, "limit": limit, "order": order,
            "first": first, "last": first + len(result["rows"]) - 1,
            **choices(),
        }, rows=result["rows"], json_data=result)

    @app.get("/relations")
    def relations_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        flt = P.event_filter(request)
        focus = focus_of(request.query_params.get("focal") or focal)
        who = focus.focal
        partners = P.str_list(request, "partners") or list(focus.partners)
        freq = P.freq(request)
        measure = P.choice(request, "measure", "goldstein_mean", ("goldstein_mean", "net_coop"))
        rows = realignment(con, focal=who, partners=partners, freq=freq, start=flt.start, end=flt.end,
                           exact=flt.exact, outlet=flt.outlet) if who else []
        for r in rows:
            r["href"] = url("/timeline", r["filters"])
        periods = sorted({(r["period"], r["label"]) for r in rows})
        shown = [p for p in partners if any(r["partner"] == p for r in rows)]
        cells = {(r["period"], r["partner"]): r for r in rows}
        label_of = templates.env.globals["actor_name"]
        chart = [{"period": r["period"], "period_end": r["period_end"], "label": r["label"],
                  "partner": label_of(r["partner"]).short, "code": r["partner"], "run": r["run"],
                  "value": r[measure], "events": r["events"], "href": r["href"]}
                 for r in with_runs(rows, freq, measure=measure) if r[measure] is not None]
        return page(request, templates, "relations", fmt, {
            "focal": who, "partners": partners, "shown": shown, "freq": freq, "measure": measure,
            "periods": periods, "cells": cells, "chart": chart, "flt": flt,
            "colours": {label_of(p).short: c for p, c in partner_colours(shown).items()},
            **choices(),
        }, rows=rows)

    @app.get("/network")
    def network_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        flt = P.event_filter(request)
        max_edges = P.int_param(request, "max_edges", 80, 1, 500)
        net = network_of(con, flt, max_edges=max_edges)
        for e in net["edges"]:
            e["href"] = url("/timeline", e["filters"])
        for n in net["nodes"]:
            n["href"] = url("/timeline", n["filters"])
            n["label"] = templates.env.globals["actor_name"](n["id"]).short
        return page(request, templates, "network", fmt, {
            "net": net, "flt": flt, "max_edges": max_edges,
            **choices(),
        }, rows=net["edges"], json_data=net)

    @app.get("/outlets")
    def outlets_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        outlet = request.query_params.get("outlet") or None
        table = P.choice(request, "table", "tone", ("summary", "quotes", "accusations", "tone"))
        data = outlet_tables(outlet)
        if fmt != "html":
            return page(request, templates, "outlets", fmt, {}, rows=data[table], json_data=data)
        # The page shows each outlet's busiest rows; the exports have them all.
        per_outlet = OUTLET_ROWS_SHOWN * (10 if outlet else 1)
        shown = {k: _first_per_outlet(data[k], per_outlet) for k in ("quotes", "accusations", "tone")}
        hidden = {k: len(data[k]) - len(shown[k]) for k in shown}
        return page(request, templates, "outlets", fmt, {
            "data": {**data, **shown}, "hidden": hidden, "per_outlet": per_outlet, "outlet": outlet,
            "outlets": choices()["outlets"],
        }, rows=data[table], json_data=data)

    @app.get("/corroborate")
    def corroborate_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        flt = P.event_filter(request)
        min_outlets = P.int_param(request, "min_outlets", 2, 1, 50)
        limit = P.int_param(request, "limit", FIGURE_GROUPS_PER_PAGE, 1, 100)
        pg = P.int_param(request, "page", 1, 1, 10_000)
        groups, more = corr.figure_groups(con, flt, min_outlets=min_outlets, max_groups=limit,
                                          offset=(pg - 1) * limit)
        flat = [
            {"date": g["date"], "a": g["a"], "b": g["b"], "kind": c["kind"], "outcome": c["outcome"],
             "subject": c["about"], "status": c["status"], "outlet": r["outlet"], "said_by": r["said_by"],
             "published": r["published"], "value": r["value"], "unit": r["unit"],
             "qualifier": r["qualifier"], "about": r["about"], "figure": r["text"], "sentence": r["sentence"],
             "doc_id": r["doc_id"], "sent_index": r["sent_index"], "event_id": r["event_id"]}
            for g in groups for c in g["claims"] for r in c["reports"]
        ]
        for g in groups:
            for c in g["claims"]:
                for r in c["reports"]:
                    r["marked"] = highlight(r["sentence"], [Span(r["start"], r["end"], "figure")])
        return page(request, templates, "corroborate", fmt, {
            "groups": groups, "flt": flt, "min_outlets": min_outlets, "page_no": pg, "more": more,
            **choices(),
        }, rows=flat, json_data=groups)

    def _standing_treaties(focus: Any) -> list[dict[str, Any]]:
        """Treaties binding the data's main actors to each other on its last day (no invocation needed)."""
        if not focus.focal or not focus.last:
            return []
        try:
            from foedus.ledger.treaties import binding, load_registry as load_treaties
        except ImportError:  # the ledger is optional
            return []
        actors = [focus.focal, *focus.partners]
        return [{"id": t.id, "name": t.name, "signed": t.signed, "in_force": t.in_force,
                 "parties": [p for p in actors if t.member_on(p, focus.last)]}
                for t in binding(load_treaties(), actors, focus.last)]

    @app.get("/ledger")
    def ledger_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        try:
            commitments = ledger.build_ledger(con)
            reason = None
        except LedgerUnavailable as exc:
            commitments, reason = [], str(exc)
        except Exception as exc:  # the ledger is optional; the rest of the dashboard must work
            log.exception("ledger failed")
            commitments, reason = [], f"{type(exc).__name__}: {exc}"
        rows = [
            {"treaty": (c.get("treaty") or {}).get("name"), "article": c.get("article"),
             "key": i.get("key"), "date": i.get("date"), "invoked_by": i.get("invoked_by"),
             "addressee": i.get("addressee"), "trigger_met": (i.get("trigger") or {}).get("met"),
             "verdict": i.get("verdict"), "override": i.get("override"), "rationale": i.get("rationale")}
            for c in commitments for i in (c.get("invocations") or [])
        ]
        if reason and fmt == "json":
            return page(request, templates, "ledger", fmt, {}, rows=[], json_data={"unavailable": reason})
        standing = _standing_treaties(focus_of(focal)) if not commitments and not reason and fmt == "html" else []
        return page(request, templates, "ledger", fmt, {"commitments": commitments, "reason": reason,
                                                        "standing": standing},
                    rows=rows, json_data=commitments)

    @app.get("/ledger/explain")
    def ledger_explain(request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        key = request.query_params.get("key")
        if not key:
            raise P.bad("key is required")
        try:
            info = ledger.explain(con, key)
        except LedgerUnavailable as exc:
            raise HTTPException(503, f"ledger unavailable: {exc}") from None
        except (KeyError, LookupError):
            raise HTTPException(404, f"No invocation {key!r} in the ledger.") from None
        if not info:
            raise HTTPException(404, f"No invocation {key!r} in the ledger.")
        return page(request, templates, "ledger_explain", fmt, {"key": key, "info": info},
                    rows=[info], json_data=info)

    @app.get("/doc/{doc_id}")
    def document(doc_id: str, request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        doc = Q.get_document(con, doc_id)
        if doc is None:
            raise HTTPException(404, f"No document {doc_id!r}.")
        mentions = Q.document_mentions(con, doc_id)
        quotes = Q.document_quotes(con, doc_id)
        chosen = request.query_params.get("m")
        spans: list[Span] = []
        anchored: set[int] = set()
        for m in mentions:
            first = m["sent_index"] not in anchored
            anchored.add(m["sent_index"])
            cls = "evidence selected" if m["mention_id"] == chosen else "evidence"
            title = f"{m['source'] or '?'} → {m['target'] or '?'}: CAMEO {m['cameo']}" + (
                " (negated)" if m["negated"] else "")
            spans.append(Span(m["sent_start"], m["sent_end"], cls, f"s{m['sent_index']}" if first else None, title))
            spans.append(Span(m["trigger_start"], m["trigger_end"], "trigger"))
        spans += [Span(q["start_char"], q["end_char"], "quote", title=f"quote: {q['speaker_name'] or '?'}")
                  for q in quotes]
        rows = [{k: v for k, v in m.items()} for m in mentions]
        return page(request, templates, "document", fmt, {
            "doc": doc, "marked": highlight(doc["text"], spans), "mentions": mentions, "quotes": quotes,
            "chosen": chosen,
        }, rows=rows, json_data={"document": {k: v for k, v in doc.items()}, "mentions": mentions,
                                 "quotes": quotes})

    @app.get("/event/{event_id}")
    def event(event_id: str, request: Request, con: duckdb.DuckDBPyConnection = Depends(cursor)) -> Any:
        fmt = P.output_format(request)
        ev = get_event(con, event_id)
        if ev is None:
            raise HTTPException(404, f"No event {event_id!r}.")
        mentions = event_mentions(con, event_id)
        for m in mentions:
            m["marked"] = highlight(m["sentence"], [
                Span(m["trigger_start"] - m["sent_start"], m["trigger_end"] - m["sent_start"], "trigger")])
        rows = [{k: v for k, v in m.items() if k != "marked"} for m in mentions]
        return page(request, templates, "event", fmt, {"ev": ev, "mentions": mentions},
                    rows=rows, json_data={"event": ev, "mentions": rows})

    return app
