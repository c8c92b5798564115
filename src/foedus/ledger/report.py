"""The commitment ledger as one list of plain dicts: the contract the CLI and
the web dashboard read.

``build_ledger(con)`` -> list of commitments (treaty article + obligation),
each with its invocations (trigger, responses, per-guarantor and overall
verdicts with rationale, analyst override beside the computed verdict), its
breaches and the reliability of its guarantors. ``explain(con, key)`` walks
through one verdict step by step. Nothing here writes to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Iterable

import duckdb

from foedus.ledger.acts import find_acts, registry_acts
from foedus.ledger.analyst import analyst_invocations
from foedus.ledger.breaches import Breach, find_breaches
from foedus.ledger.evidence import Mention, latest_about, latest_date, load_mentions
from foedus.ledger.invocations import Invocation, find_invocations
from foedus.ledger.model import Article, Registry, Treaty
from foedus.ledger.overrides import overrides_by_key
from foedus.ledger.reliability import compute as compute_reliability
from foedus.ledger.responses import load_classes
from foedus.ledger.text import actor_name
from foedus.ledger.treaties import load_registry
from foedus.ledger.triggers import TriggerResult, evaluate
from foedus.ledger.verdicts import (
    BASIS_RESPONSES_ONLY,
    GuarantorVerdict,
    basis,
    collect,
    describe,
    duty_of,
    headline,
    guarantors,
    judge,
    overall,
    window_end,
)


@dataclass(frozen=True)
class Assessed:
    """One invocation with everything decided about it."""

    inv: Invocation
    treaty: Treaty
    article: Article
    trigger: TriggerResult
    per_guarantor: tuple[GuarantorVerdict, ...]
    verdict: str
    rationale: str
    window_end: date


@dataclass(frozen=True)
class LedgerState:
    registry: Registry
    assessed: tuple[Assessed, ...]
    breaches: tuple[Breach, ...]
    overrides: dict[str, dict[str, Any]]
    latest: date | None
    window_days: int

    def effective(self, key: str, computed: str) -> str:
        o = self.overrides.get(key)
        return o["verdict"] if o else computed

    def reliability(self) -> dict[str, Any]:
        rows = []
        for a in self.assessed:
            for g in a.per_guarantor:
                gkey = f"{a.inv.key}:{g.guarantor}"
                # A verdict on the responses alone (trigger unknown) says too
                # little about a guarantor to count, unless an analyst decided it.
                if basis(a.trigger) == BASIS_RESPONSES_ONLY and gkey not in self.overrides and a.inv.key not in self.overrides:
                    continue
                rows.append((a.treaty.id, g.guarantor, self.effective(gkey, g.verdict)))
        return compute_reliability(rows)


def assess(
    con: duckdb.DuckDBPyConnection, *, window_days: int = 60, extra_treaty_files: Iterable[str] = ()
) -> LedgerState:
    """Read the record once and decide every invocation and breach."""
    registry = load_registry(tuple(str(p) for p in extra_treaty_files))
    classes, _ = load_classes()
    mentions: list[Mention] = load_mentions(con)
    latest = latest_date(con)
    assessed = []
    found = find_invocations(mentions, registry)
    keys = {i.key for i in found}
    found += [i for i in analyst_invocations(con, registry) if i.key not in keys]
    for inv in found:
        treaty = registry.get(inv.treaty_id)
        article = treaty.article(inv.article) if treaty else None
        if treaty is None or article is None:
            continue
        inv = bounded(inv, treaty, article, mentions, classes)
        trig = evaluate(inv, treaty, article, registry, mentions)
        end = window_end(inv, window_days)
        # judged against the newest news about the party protected, not the whole corpus
        seen = latest_about(mentions, inv.for_whom) or latest
        per = []
        for g in guarantors(inv, treaty, article):
            rs = collect(mentions, g, treaty, inv.for_whom, trig.attacker, inv.earliest, end, classes, inv, article)
            v = judge(rs, trig, end, seen, duty_of(article))
            per.append(GuarantorVerdict(g, v, describe(inv, treaty, article, trig, rs, v, window_days, who=g), tuple(rs)))
        verdict = overall(per, trig, treaty)
        all_rs = [r for g in per for r in g.responses]
        rationale = describe(inv, treaty, article, trig, all_rs, verdict, window_days)
        assessed.append(Assessed(inv, treaty, article, trig, tuple(per), verdict, rationale, end))
    return LedgerState(
        registry=registry,
        assessed=tuple(assessed),
        breaches=tuple(find_breaches(mentions, registry)),
        overrides=overrides_by_key(con),
        latest=latest,
        window_days=window_days,
    )


def bounded(inv: Invocation, treaty: Treaty, article: Article, mentions: list[Mention],
            classes) -> Invocation:
    """An invocation known only from undated reports ("on or before the report")
    is bounded by the first day-dated response tied to it: the Council that met
    on 3 October at a member's request was asked on or before that day."""
    if inv.date_precision != "document":
        return inv
    days = []
    for g in guarantors(inv, treaty, article):
        for r in collect(mentions, g, treaty, inv.for_whom, None, inv.earliest, inv.date, classes, inv, article):
            if r.mention.date_precision == "day" and not r.promised and r.cls.effect != "refusal" \
                    and r.cls.name not in ("statements",):
                days.append(r.mention.date)
    if not days or min(days) >= inv.date:
        return inv
    on = min(days)
    return replace(inv, date=on, key=inv.key.rsplit(":", 1)[0] + ":" + on.isoformat(),
                   note=(inv.note + " " if inv.note else "") + f"dated by the first response tied to it ({on.isoformat()})")


def _treaty_brief(t: Treaty, on: date | None = None) -> dict[str, Any]:
    return {
        "id": t.id,
        "name": t.name,
        "kind": t.kind,
        "signed": t.signed.isoformat() if t.signed else None,
        "in_force": t.in_force.isoformat() if t.in_force else None,
        "ended": t.ended.isoformat() if t.ended else None,
        "organisation": t.organisation,
        "parties": list(t.parties_on(on, active_only=False)) if on else list(t.party_states()),
    }


def _main_obligation(a: Article) -> str | None:
    for wanted in ("defence", "consultation"):
        if any(o.type == wanted for o in a.obligations):
            return wanted
    return a.obligations[0].type if a.obligations else None


def _invocation_dict(state: LedgerState, a: Assessed) -> dict[str, Any]:
    inv = a.inv
    guarantor_rows = []
    for g in a.per_guarantor:
        gkey = f"{inv.key}:{g.guarantor}"
        guarantor_rows.append({
            "actor": g.guarantor,
            "name": actor_name(g.guarantor),
            "key": gkey,
            "verdict": g.verdict,
            "basis": basis(a.trigger),
            "rationale": g.rationale,
            "override": state.overrides.get(gkey),
            "effective_verdict": state.effective(gkey, g.verdict),
        })
    return {
        "key": inv.key,
        "date": inv.date.isoformat(),
        "date_precision": inv.date_precision,
        "earliest": inv.earliest.isoformat(),
        "invoked_by": inv.invoked_by,
        "beneficiary": inv.for_whom,
        "side": inv.side,
        "group": inv.group or None,
        "parties": sorted({inv.invoked_by, inv.for_whom} | ({inv.addressee} if inv.addressee and "+" not in inv.addressee else set())),
        "duty": (duty_of(a.article).name if duty_of(a.article) else None),
        "status": a.verdict,
        "headline": headline(inv, a.treaty, a.article),
        "note": inv.note or None,
        "addressee": inv.addressee,
        "request": inv.request,
        "cited": inv.cited,
        "window_end": a.window_end.isoformat(),
        "trigger": a.trigger.public(),
        "responses": [r.public() for g in a.per_guarantor for r in g.responses],
        "guarantors": guarantor_rows,
        "verdict": a.verdict,
        "basis": basis(a.trigger),
        "rationale": a.rationale,
        "override": state.overrides.get(inv.key),
        "effective_verdict": state.effective(inv.key, a.verdict),
        "evidence": [m.evidence() for m in inv.mentions],
    }


def build_ledger(
    con: duckdb.DuckDBPyConnection,
    *,
    window_days: int = 60,
    extra_treaty_files: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """The commitment ledger: one entry per treaty article with invocations or
    breaches on record, oldest invocation first. See docs/ledger.md."""
    state = assess(con, window_days=window_days, extra_treaty_files=extra_treaty_files)
    rel = state.reliability()
    entries: dict[tuple[str, str], dict[str, Any]] = {}

    def entry(t: Treaty, a: Article, on: date | None) -> dict[str, Any]:
        k = (t.id, a.number)
        if k not in entries:
            entries[k] = {
                "treaty": _treaty_brief(t, on),
                "article": a.number,
                "summary": a.summary,
                "obligation": _main_obligation(a),
                "guarantors": [],
                "beneficiary": [],
                "invocations": [],
                "breaches": [],
                "reliability": {},
            }
        return entries[k]

    for a in state.assessed:
        e = entry(a.treaty, a.article, a.inv.date)
        e["invocations"].append(_invocation_dict(state, a))
        for g in a.per_guarantor:
            if g.guarantor not in e["guarantors"]:
                e["guarantors"].append(g.guarantor)
        if a.inv.for_whom not in e["beneficiary"]:
            e["beneficiary"].append(a.inv.for_whom)
    for b in state.breaches:
        e = entry(b.treaty, b.article, None)
        e["breaches"].append(b.public())
        bound = b.obligation.bound
        for s in (bound if isinstance(bound, tuple) else ()):
            if s not in e["guarantors"]:
                e["guarantors"].append(s)
        ben = b.obligation.beneficiary
        for s in (ben if isinstance(ben, tuple) else ()):
            if s not in e["beneficiary"]:
                e["beneficiary"].append(s)
    for e in entries.values():
        e["reliability"] = {
            "treaty": rel["by_treaty"].get(e["treaty"]["id"]),
            "guarantors": {g: rel["by_guarantor"][g] for g in e["guarantors"] if g in rel["by_guarantor"]},
            "base_rates": rel["base_rates"],
        }
    def first_date(e: dict[str, Any]) -> str:
        dates = [i["date"] for i in e["invocations"]] + [b["first"] for b in e["breaches"]]
        return min(dates) if dates else "9999"
    return sorted(entries.values(), key=lambda e: (first_date(e), e["treaty"]["id"], e["article"]))


def treaty_records(
    con: duckdb.DuckDBPyConnection, *, treaty: str | None = None, extra_treaty_files: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """Treaty acts as dated records: those the news reports (``from`` "news",
    with evidence and whether the registry agrees) and, for the treaties the
    news reports acts of (or ``treaty``), those the registry holds."""
    registry = load_registry(tuple(str(p) for p in extra_treaty_files))
    news = [a.public() for a in find_acts(load_mentions(con), registry) if treaty in (None, a.treaty.id)]
    ids = {a["treaty"] for a in news} | ({treaty} if treaty else set())
    held = [r for t in registry.treaties if t.id in ids for r in registry_acts(t)]
    return sorted([*news, *held], key=lambda r: (r["date"], r["treaty"], r["from"] != "news"))


def explain(
    con: duckdb.DuckDBPyConnection,
    key: str,
    *,
    window_days: int = 60,
    extra_treaty_files: Iterable[str] = (),
) -> dict[str, Any]:
    """One verdict walked through step by step with its evidence. ``key`` is an
    invocation key, or an invocation key plus ``:GUARANTOR``. Raises KeyError
    when the record holds no such invocation."""
    state = assess(con, window_days=window_days, extra_treaty_files=extra_treaty_files)
    for a in state.assessed:
        focus = None
        if key == a.inv.key:
            focus = None
        elif key.startswith(a.inv.key + ":"):
            focus = key[len(a.inv.key) + 1:]
            if focus not in {g.guarantor for g in a.per_guarantor}:
                continue
        else:
            continue
        inv = a.inv
        per = [g for g in a.per_guarantor if focus is None or g.guarantor == focus]
        verdict = per[0].verdict if focus else a.verdict
        rationale = per[0].rationale if focus else a.rationale
        steps = [
            {
                "step": "invocation",
                "text": (f"{headline(inv, a.treaty, a.article)} "
                         f"({'named in the reports' if inv.cited else 'implied by whom it asked and for what'}); "
                         f"{len(inv.mentions)} sentence(s) from {len({m.doc_id for m in inv.mentions})} document(s)."),
                "evidence": [m.evidence() for m in inv.mentions],
            },
            {
                "step": "obligation",
                "text": f"Article {a.article.number}: {a.article.summary}",
                "obligations": [{"type": o.type, "summary": o.summary} for o in a.article.obligations],
                "source": a.treaty.source,
            },
            {"step": "trigger", "text": a.trigger.reason, "status": a.trigger.status, "evidence": [m.evidence() for m in a.trigger.attacks]},
            {
                "step": "guarantors",
                "text": "Bound on that day: " + ", ".join(actor_name(g.guarantor) for g in a.per_guarantor) + ".",
                "guarantors": [g.guarantor for g in a.per_guarantor],
            },
        ]
        for g in per:
            steps.append({
                "step": "responses",
                "guarantor": g.guarantor,
                "text": g.rationale,
                "verdict": g.verdict,
                "responses": [r.public() for r in g.responses],
            })
        steps.append({"step": "verdict", "text": rationale, "verdict": verdict})
        okey = key
        override = state.overrides.get(okey)
        if override:
            steps.append({"step": "override", "text": f"{override['author']} set the verdict to '{override['verdict']}' on {override['at']}: {override['note']}", **override})
        return {
            "key": key,
            "treaty": _treaty_brief(a.treaty, inv.date),
            "article": a.article.number,
            "guarantor": focus,
            "date": inv.date.isoformat(),
            "date_precision": inv.date_precision,
            "window_end": a.window_end.isoformat(),
            "latest_record": state.latest.isoformat() if state.latest else None,
            "verdict": verdict,
            "basis": basis(a.trigger),
            "override": override,
            "effective_verdict": override["verdict"] if override else verdict,
            "rationale": rationale,
            "steps": steps,
        }
    raise KeyError(f"no invocation with key {key!r} on record")
