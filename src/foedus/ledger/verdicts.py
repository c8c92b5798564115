"""Responses and verdicts: what each guarantor did after a party asked for help.

Each guarantor's events toward the beneficiary and toward the attacker in a
window after the invocation (default 60 days) are classified by the response
classes (``data/ledger/response_classes.yaml``); the strongest effect found
decides the guarantor's verdict, and a plain-language rationale names the
evidence behind it. The window is judged against the newest date on record,
so a verdict whose window is still open is "pending".

The verdict depends on the trigger:

- met: honoured with a confirmed full response; partially honoured with a
  partial one; otherwise not honoured (once the window has closed);
- disputed or not met: "trigger disputed", whatever the guarantors did (they
  can say they owed nothing);
- unknown (the record cannot tell whether the conditions were met): the same
  reading of the responses as for "met", but the verdict is flagged
  (``basis`` "responses only") and the rationale says the obligation may not
  have applied.

A full or partial response (aid, deployment, fighting the attacker, a promise
of aid, a condemnation) counts only when it is *confirmed*: reported by two or
more documents, or by one that dates it to the day. A lone undated report of,
say, Russian military action in an opinion piece is named in the rationale
but does not make a promise kept.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from foedus.ledger.evidence import Mention, tally
from foedus.ledger.invocations import Invocation
from foedus.ledger.duties import effect as duty_effect
from foedus.ledger.duties import load_duties
from foedus.ledger.model import Article, Duty, Obligation, ResponseClass, Treaty
from foedus.ledger.responses import classify
from foedus.ledger.text import actor_name, article_refs, count_words, country_name, human_date, join_words, mentions_any, plural, when
from foedus.ledger.treaties import bound_states
from foedus.ledger.triggers import DISPUTED, MET, NOT_MET, UNKNOWN, TriggerResult

HONOURED, PARTIAL, NOT_HONOURED, TRIGGER_DISPUTED, PENDING = (
    "honoured", "partially honoured", "not honoured", "trigger disputed", "pending",
)
# What a verdict rests on.
BASIS_TRIGGER_MET, BASIS_RESPONSES_ONLY, BASIS_TRIGGER = "trigger met", "responses only", "trigger"


def basis(trigger: TriggerResult) -> str:
    """"trigger met": the conditions were met and the responses decide;
    "responses only": the record cannot tell whether they were met, so the
    verdict reads the responses alone and is flagged; "trigger": the verdict
    is the trigger's (disputed or not met)."""
    if trigger.status == MET:
        return BASIS_TRIGGER_MET
    if trigger.status == UNKNOWN:
        return BASIS_RESPONSES_ONLY
    return BASIS_TRIGGER


@dataclass(frozen=True)
class Response:
    actor: str
    toward: str  # beneficiary | attacker
    mention: Mention
    cls: ResponseClass

    @property
    def promised(self) -> bool:
        """Announced for the future ("will send a frigate"), not yet done."""
        return self.mention.modality == "future"

    def public(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "event_id": self.mention.event_key,
            "cameo": self.mention.cameo,
            "negated": self.mention.negated,
            "class": self.cls.name,
            "label": self.cls.label,
            "effect": self.cls.effect,
            "promised": self.promised,
            "modality": self.mention.modality,
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
    """Who the invocation calls on.

    A request calls on the organisation (when the treaty has one) and every
    state bound toward the requester by the article's main obligation on the
    day it asked. A state's decision to act under the treaty is judged on that
    state alone; an organisation's decision on the organisation and its bound
    members.
    """
    if inv.side == "decision" and inv.invoked_by != treaty.organisation:
        return [inv.invoked_by]
    out: list[str] = []
    if treaty.organisation:
        out.append(treaty.organisation)
    main = main_obligation(article)
    if main is not None:
        out.extend(bound_states(treaty, main, inv.date, inv.for_whom))
    return out


def main_obligation(article: Article) -> Obligation | None:
    main = next((o for o in article.obligations if o.type in ("defence", "consultation")), None)
    return main or (article.obligations[0] if article.obligations else None)


def duty_of(article: Article) -> Duty | None:
    """The duty of the article's main obligation, from ``data/ledger/duties.yaml``."""
    main = main_obligation(article)
    if main is None:
        return None
    return load_duties()[0].get(main.effective_duty)


def _members_together(mentions: list[Mention], treaty: Treaty) -> set[str]:
    """Events done by two or more parties of the treaty together: they count
    for the organisation too ("Poland and Dutch F-35s shot down the drones")."""
    by_event: dict[str, set[str]] = {}
    for m in mentions:
        if m.source_country and not m.source_org and m.date is not None and treaty.member_on(m.source_country, m.date):
            by_event.setdefault(m.event_key, set()).add(m.source_country)
    return {k for k, v in by_event.items() if len(v) >= 2}


def _by(m: Mention, guarantor: str, treaty: Treaty, together: set[str] = frozenset()) -> bool:
    if guarantor == treaty.organisation:
        if m.source_org == treaty.organisation or (treaty.org_code is not None and m.source_code == treaty.org_code):
            return True
        return m.event_key in together
    return m.source_country == guarantor and not m.source_org


def _about(m: Mention, inv: Invocation, treaty: Treaty, article: Article) -> bool:
    """Whether an untargeted event of a guarantor is tied to this invocation:
    its sentence names the treaty, the article, the beneficiary or a request."""
    if inv.for_whom and mentions_any(m.sentence, (country_name(inv.for_whom).removeprefix("the "),)):
        return True
    if article.number in article_refs(m.sentence) or mentions_any(m.sentence, [a for a in treaty.aliases if not a.lower().startswith("article")]):
        return True
    return mentions_any(m.sentence, ("at the request", "request of", "request by", "request from")) is not None


def collect(
    mentions: list[Mention], guarantor: str, treaty: Treaty, beneficiary: str, attacker: str | None,
    start: date, end: date, classes: tuple[ResponseClass, ...],
    inv: Invocation | None = None, article: Article | None = None,
) -> list[Response]:
    """The guarantor's events toward the beneficiary or the attacker in the
    window; with ``inv`` and ``article`` also its untargeted events (a council
    meeting) whose sentence ties them to the invocation."""
    together = _members_together(mentions, treaty) if guarantor == treaty.organisation else set()
    out = []
    for m in mentions:
        if m.date is None or not (start <= m.date <= end) or not _by(m, guarantor, treaty, together):
            continue
        if m.target_country == beneficiary and not m.target_org:
            toward = "beneficiary"
        elif attacker and m.target_country == attacker and not m.target_org:
            toward = "attacker"
        elif inv is not None and article is not None and _about(m, inv, treaty, article):
            toward = "any"
        else:
            continue
        c = classify(m, toward, classes)
        if c is not None:
            out.append(Response(guarantor, toward, m, c))
    return out


def effect_of(r: Response, duty: Duty | None) -> str:
    """A response's effect on the duty: a promise of any kind (a future-tense
    announcement) is at most part of it until a later report says it was delivered."""
    e = duty_effect(duty, r.cls.name, r.cls.effect)
    if r.promised and e == "full":
        return "promised"
    return e


def confirmed(rs: list[Response]) -> bool:
    """Two or more reports, or one that dates the response to the day."""
    docs = {r.mention.doc_id for r in rs}
    return len(docs) >= 2 or any(r.mention.date_precision == "day" for r in rs)


def unconfirmed_full(responses: list[Response], duty: Duty | None = None) -> list[Response]:
    """Full or partial responses whose class is backed by a single undated report."""
    full = [r for r in responses if effect_of(r, duty) in ("full", "partial", "promised")]
    by_class: dict[str, list[Response]] = {}
    for r in full:
        by_class.setdefault(r.cls.name, []).append(r)
    return [r for rs in by_class.values() if not confirmed(rs) for r in rs]


def effects_of(responses: list[Response], duty: Duty | None = None) -> set[str]:
    weak = {id(r) for r in unconfirmed_full(responses, duty)}
    return {effect_of(r, duty) for r in responses if id(r) not in weak}


def judge(responses: list[Response], trigger: TriggerResult, window_end: date, latest: date | None,
          duty: Duty | None = None) -> str:
    if trigger.status in (DISPUTED, NOT_MET):
        return TRIGGER_DISPUTED
    effects = effects_of(responses, duty)
    if "full" in effects:
        return HONOURED
    if latest is None or window_end > latest:
        return PENDING
    if "partial" in effects or "promised" in effects:
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
    duty = duty_of(article)
    addressee = actor_name(inv.addressee) if "+" not in inv.addressee else join_words([actor_name(a) for a in inv.addressee.split("+")])
    subject = actor_name(who) if who else addressee
    head = f"{headline(inv, treaty, article)}."
    if duty is not None:
        head += f" The article asks for {duty.label}."
    trig = f" Trigger: {trigger.reason}" if trigger.status != "met" else f" {trigger.reason}"
    groups: "OrderedDict[str, list[Response]]" = OrderedDict()
    for r in sorted(responses, key=lambda r: -r.cls.priority):
        groups.setdefault(f"{r.cls.effect}:{r.cls.label}:{r.promised}", []).append(r)
    weak = {id(r) for r in unconfirmed_full(responses, duty)}
    support = [g for g in groups.values() if effect_of(g[0], duty) in ("full", "partial", "promised", "none") and id(g[0]) not in weak]
    refusals = [g for g in groups.values() if g[0].cls.effect == "refusal"]
    unconfirmed = [g for g in groups.values() if effect_of(g[0], duty) in ("full", "partial", "promised") and id(g[0]) in weak]
    shown = join_words([("a promise of " if g[0].promised else "") + _class_phrase(g) for g in support]) or "nothing from " + subject
    body = f" In the following {window_days} days the record shows {shown}"
    effects = effects_of(responses, duty)
    if "full" not in effects:
        wanted = duty.label if duty is not None else "military aid or deployment"
        if "promised" in effects:
            body += f", and {wanted} promised but not yet reported delivered"
        else:
            body += f", and no confirmed {wanted}" if unconfirmed else f", and no {wanted}"
    body += "."
    for g in unconfirmed:
        ev = g[0].mention
        body += (f" A single undated report of {g[0].cls.label} by {actor_name(g[0].actor)} "
                 f"({ev.outlet or ev.doc_id}: \"{_short(ev.sentence)}\") is not confirmed by any other and does not count.")
    for g in refusals:
        reports, _, _ = tally(x.mention for x in g)
        actors = join_words(sorted({actor_name(x.actor) for x in g}))
        verb = "says" if reports == 1 else "say"
        body += f" {count_words(reports).capitalize()} {'report' if reports == 1 else 'reports'} {verb} {actors} declined to help ({g[0].cls.label})."
    if trigger.status == UNKNOWN and verdict not in (PENDING,):
        text = (f"{head}{trig}{body} Verdict: {verdict}, on the responses alone: the record cannot tell whether "
                f"the treaty's conditions were met, so the obligation may not have applied.")
    else:
        text = f"{head}{trig}{body} Verdict: {verdict}."
    return text[:1].upper() + text[1:]


def headline(inv: Invocation, treaty: Treaty, article: Article) -> str:
    """One sentence saying who invoked what, for whom, when."""
    on = when(inv.date, inv.date_precision)
    art = f"Article {article.number} of the {treaty.name}"
    if inv.side == "decision":
        return f"{actor_name(inv.invoked_by)} decided that {art} applied and acted for {actor_name(inv.for_whom)} {on}"
    if inv.side == "analyst":
        return f"An analyst recorded that {actor_name(inv.invoked_by)} invoked {art} {on}"
    addressee = actor_name(inv.addressee) if "+" not in inv.addressee else join_words([actor_name(a) for a in inv.addressee.split("+")])
    return f"{actor_name(inv.invoked_by)} asked {addressee} for {inv.request} under {art} {on}"


def _short(sentence: str, limit: int = 140) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def window_end(inv: Invocation, window_days: int) -> date:
    return inv.date + timedelta(days=window_days)
