"""Responses and verdicts: what each guarantor did after a party asked for help.

Each guarantor's events toward the beneficiary and toward the attacker in a
window after the invocation (default 60 days) are classified by the response
classes (``data/ledger/response_classes.yaml``); the strongest effect found
decides the guarantor's verdict, and a plain-language rationale names the
evidence behind it. The window is judged against the newest date on record,
so a verdict whose window is still open is "pending".
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from foedus.ledger.evidence import Mention, tally
from foedus.ledger.invocations import Invocation
from foedus.ledger.model import Article, ResponseClass, Treaty
from foedus.ledger.responses import classify
from foedus.ledger.text import actor_name, count_words, human_date, join_words, plural
from foedus.ledger.treaties import bound_states
from foedus.ledger.triggers import DISPUTED, NOT_MET, UNKNOWN, TriggerResult

HONOURED, PARTIAL, NOT_HONOURED, TRIGGER_DISPUTED, PENDING = (
    "honoured", "partially honoured", "not honoured", "trigger disputed", "pending",
)


@dataclass(frozen=True)
class Response:
    actor: str
    toward: str  # beneficiary | attacker
    mention: Mention
    cls: ResponseClass

    def public(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "event_id": self.mention.event_key,
            "cameo": self.mention.cameo,
            "negated": self.mention.negated,
            "class": self.cls.name,
            "label": self.cls.label,
            "effect": self.cls.effect,
            "toward": self.toward,
            "evidence": self.mention.evidence(),
        }


@dataclass(frozen=True)
class GuarantorVerdict:
    guarantor: str
    verdict: str
    rationale: str
    responses: tuple[Response, ...]


def guarantors(inv: Invocation, treaty: Treaty, article: Article) -> list[str]:
    """The organisation (when the treaty has one) and every state bound toward
    the invoker by the article's main obligation on the day it asked."""
    out: list[str] = []
    if treaty.organisation:
        out.append(treaty.organisation)
    main = next((o for o in article.obligations if o.type in ("defence", "consultation")), None)
    main = main or (article.obligations[0] if article.obligations else None)
    if main is not None:
        out.extend(bound_states(treaty, main, inv.date, inv.invoked_by))
    return out


def _by(m: Mention, guarantor: str, treaty: Treaty) -> bool:
    if guarantor == treaty.organisation:
        return m.source_org == treaty.organisation or (treaty.org_code is not None and m.source_code == treaty.org_code)
    return m.source_country == guarantor and not m.source_org


def collect(
    mentions: list[Mention], guarantor: str, treaty: Treaty, beneficiary: str, attacker: str | None,
    start: date, end: date, classes: tuple[ResponseClass, ...],
) -> list[Response]:
    out = []
    for m in mentions:
        if m.date is None or not (start <= m.date <= end) or not _by(m, guarantor, treaty):
            continue
        if m.target_country == beneficiary and not m.target_org:
            toward = "beneficiary"
        elif attacker and m.target_country == attacker and not m.target_org:
            toward = "attacker"
        else:
            continue
        c = classify(m, toward, classes)
        if c is not None:
            out.append(Response(guarantor, toward, m, c))
    return out


def judge(responses: list[Response], trigger: TriggerResult, window_end: date, latest: date | None) -> str:
    if trigger.status in (DISPUTED, NOT_MET):
        return TRIGGER_DISPUTED
    effects = {r.cls.effect for r in responses}
    if "full" in effects:
        return HONOURED
    if latest is None or window_end > latest:
        return PENDING
    if "partial" in effects:
        return PARTIAL
    return NOT_HONOURED


def overall(verdicts: list[GuarantorVerdict], trigger: TriggerResult, treaty: Treaty) -> str:
    """Honoured when the organisation, or every bound state, honoured it;
    partially when some did; pending while the window is open."""
    if trigger.status in (DISPUTED, NOT_MET):
        return TRIGGER_DISPUTED
    vs = {v.guarantor: v.verdict for v in verdicts}
    states = [g for g in vs if g != treaty.organisation]
    if (treaty.organisation and vs.get(treaty.organisation) == HONOURED) or (states and all(vs[s] == HONOURED for s in states)):
        return HONOURED
    if PENDING in vs.values():
        return PENDING
    if any(v in (HONOURED, PARTIAL) for v in vs.values()):
        return PARTIAL
    return NOT_HONOURED


def _class_phrase(rs: list[Response]) -> str:
    r, o, _ = tally(x.mention for x in rs)
    return f"{rs[0].cls.label} ({plural(r, 'report')}, {plural(o, 'outlet')})"


def describe(
    inv: Invocation, treaty: Treaty, article: Article, trigger: TriggerResult, responses: list[Response],
    verdict: str, window_days: int, who: str | None = None,
) -> str:
    """The plain-language rationale of a verdict."""
    addressee = actor_name(inv.addressee) if "+" not in inv.addressee else join_words([actor_name(a) for a in inv.addressee.split("+")])
    subject = actor_name(who) if who else addressee
    head = (
        f"{actor_name(inv.invoked_by)} asked {addressee} for {inv.request} under Article {article.number} "
        f"of the {treaty.name} on {human_date(inv.date)}."
    )
    trig = f" Trigger: {trigger.reason}" if trigger.status != "met" else f" {trigger.reason}"
    groups: "OrderedDict[str, list[Response]]" = OrderedDict()
    for r in sorted(responses, key=lambda r: -r.cls.priority):
        groups.setdefault(f"{r.cls.effect}:{r.cls.label}", []).append(r)
    support = [g for g in groups.values() if g[0].cls.effect in ("full", "partial", "none")]
    refusals = [g for g in groups.values() if g[0].cls.effect == "refusal"]
    shown = join_words([_class_phrase(g) for g in support]) or "nothing from " + subject
    body = f" In the following {window_days} days the record shows {shown}"
    if not any(r.cls.effect == "full" for r in responses):
        body += ", and no military aid or deployment"
    body += "."
    for g in refusals:
        reports, _, _ = tally(x.mention for x in g)
        actors = join_words(sorted({actor_name(x.actor) for x in g}))
        verb = "says" if reports == 1 else "say"
        body += f" {count_words(reports).capitalize()} {'report' if reports == 1 else 'reports'} {verb} {actors} declined to help ({g[0].cls.label})."
    if trigger.status == UNKNOWN and verdict not in (PENDING,):
        body += " Whether the treaty's conditions were met cannot be told from the record."
    text = f"{head}{trig}{body} Verdict: {verdict}."
    return text[:1].upper() + text[1:]


def window_end(inv: Invocation, window_days: int) -> date:
    return inv.date + timedelta(days=window_days)
