"""Invocations: a party asking a treaty partner or organisation for help.

An appeal (02x), demand (10x) or consultation request (04x with words of
asking) becomes an invocation of a treaty when the sentence names the treaty
(one of its aliases) or cites one of its articles to a treaty partner, or when
it asks a treaty partner or the treaty's organisation for military aid,
protection or intervention. Mentions by the same invoker of the same treaty
article within ``group_days`` are one invocation, whatever the number of
reports.

Reports date a request with different precision: "on 13 September" (a day),
"in September 2022" (a month), or nothing at all (the article's publication
date, an upper bound: the request happened on or before it). Day-dated reports
form the invocations; a less precise report joins the day-dated invocation of
the same invoker, treaty and article that falls in its period (a month report
into that month, an undated report into the ``report_lag`` days before
publication). Only reports that fit no day-dated invocation form one of their
own, dated with their own precision. No invocation is dated before its treaty
was in force.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterable

from foedus.ledger.decisions import decision_hits
from foedus.ledger.evidence import Mention
from foedus.ledger.model import Article, Registry, Treaty
from foedus.ledger.treaties import pick_article
from foedus.ledger.text import article_refs, mentions_any

REQUEST_ROOTS = ("02", "10", "04")
# Requests that imply a defence obligation even when no treaty is named.
MILITARY_REQUESTS = ("021", "0212", "023", "0232", "0234", "101", "1012", "103", "1032", "1034")
_ASKING = (
    "asked", "ask", "asks", "request", "requested", "requests", "appeal", "appealed", "appeals",
    "invoke", "invoked", "invokes", "invoking", "called on", "calls on", "urged", "sought", "seek", "seeks",
    "call for", "calls for", "called for", "calling for", "requesting", "asking",
)
_KINDS = {
    "0212": "military cooperation", "0232": "military assistance", "0234": "military protection",
    "1012": "military cooperation", "1032": "military assistance", "1034": "military protection",
    "021": "material support", "023": "assistance", "0231": "economic aid", "0233": "humanitarian aid",
    "103": "assistance", "101": "material support", "026": "talks", "04": "consultations",
}


@dataclass(frozen=True)
class Invocation:
    key: str
    treaty_id: str
    article: str
    invoked_by: str
    addressee: str
    date: date
    request: str
    cited: bool  # the treaty or article was named, not only implied
    mentions: tuple[Mention, ...]
    # day | week | month | year | document ("document": only undated reports,
    # so ``date`` is the first publication date and the request came on or before it)
    date_precision: str = "day"
    report_lag: int = 30
    # Who the treaty is invoked for: the invoker itself when it asks for help
    # (side "request"); the party it acts for when an ally or the organisation
    # decides that the article applies (side "decision"); set by an analyst
    # for side "analyst".
    beneficiary: str = ""
    side: str = "request"
    # Requests made together (several parties on the same day under the same
    # article) share a group key; empty for a lone request.
    group: str = ""
    note: str = ""

    @property
    def for_whom(self) -> str:
        """The party whose protection the invocation is about."""
        return self.beneficiary or self.invoked_by

    @property
    def earliest(self) -> date:
        """The first day the request may have been made on: the date itself,
        or ``report_lag`` days before it when only undated reports show it."""
        if self.date_precision == "document":
            return self.date - timedelta(days=self.report_lag)
        return self.date


def request_kind(m: Mention, consult: bool) -> str:
    if consult:
        return "consultations"
    for code in sorted(_KINDS, key=len, reverse=True):
        if m.cameo.startswith(code):
            return _KINDS[code]
    return "help"


# Words by which a request to an ally asks for its protection ("turned to the
# CSTO for help"): with a treaty partner or the alliance as addressee, they
# imply the treaty even when no code of military aid was given.
_HELP_WORDS = ("help", "assistance", "aid", "support", "intervene", "intervention", "protection", "protect")


def _asks_help(m: Mention) -> bool:
    return m.root in ("02", "10") and mentions_any(m.sentence, _HELP_WORDS) is not None


def _is_request(m: Mention) -> bool:
    if m.negated or m.modality in ("hypothetical", "threatened"):
        return False
    if m.root in ("02", "10"):
        return True
    return m.root == "04" and mentions_any(m.sentence, _ASKING) is not None


def _addressed(m: Mention, t: Treaty, invoker: str, on: date) -> str | None:
    """The addressee as a treaty party code or the organisation name, if the
    target is one of them."""
    if t.organisation and (m.target_org == t.organisation or (t.org_code and m.target_code == t.org_code)):
        return t.organisation
    if m.target_country and m.target_country != invoker and t.member_on(m.target_country, on) and not m.target_org:
        return m.target_country
    if not (m.target_code or m.target_country or m.target_org) and t.organisation and names_organisation(m.sentence, t):
        # "called for an immediate meeting of the NATO Council under Article 4": the
        # organisation named in the request's own sentence is its addressee
        return t.organisation
    return None


def names_organisation(sentence: str, t: Treaty) -> bool:
    """Whether a sentence names the treaty's organisation (its short name or council)."""
    if not t.organisation:
        return False
    words = [t.organisation, f"{t.organisation} council", f"{t.organisation} allies"]
    return mentions_any(sentence, words) is not None


def _default_addressee(t: Treaty, invoker: str, on: date) -> str:
    if t.organisation:
        return t.organisation
    others = [s for s in t.parties_on(on, active_only=False) if s != invoker]
    return "+".join(others) if others else "?"


def _implied_rank(t: Treaty) -> tuple[int, int, str]:
    """Prefer mutual defence treaties, then fewer parties, then the oldest."""
    mutual = any(o.type == "defence" and o.bound == "all" for a in t.articles for o in a.obligations)
    return (0 if mutual else 1, len(t.party_states()), (t.signed or date.max).isoformat())


def _candidates(m: Mention, registry: Registry) -> list[tuple[Treaty, Article, str, bool]]:
    invoker = m.source_country
    on = m.date
    if invoker is None or on is None or m.source_org:
        return []
    consult = m.root == "04" or m.cameo.startswith("026") or mentions_any(m.sentence, ("consult", "consultations")) is not None
    refs = article_refs(m.sentence)
    military = any(m.cameo.startswith(c) for c in MILITARY_REQUESTS)
    named: list[tuple[Treaty, Article, str, bool]] = []
    implied: list[tuple[Treaty, Article, str, bool]] = []
    for t in registry.treaties:
        if not t.in_force_on(on) or not t.member_on(invoker, on):
            continue
        addressee = _addressed(m, t, invoker, on)
        by_name = mentions_any(m.sentence, [a for a in t.aliases if not a.lower().startswith("article")]) is not None
        own_refs = [r for r in refs if t.article(r) is not None]
        by_article = bool(own_refs) and (addressee is not None or by_name)
        # An article alias ("Article 5") names the treaty only for its own parties' requests.
        by_article_alias = mentions_any(m.sentence, [a for a in t.aliases if a.lower().startswith("article")]) is not None
        if by_name or by_article or (by_article_alias and addressee is not None):
            if addressee is None and (m.target_code or m.target_country or m.target_org):
                # the request went to someone outside this treaty (the UN, a third state)
                continue
            art = pick_article(t, own_refs, consult, m.sentence)
            if art is not None:
                named.append((t, art, addressee or _default_addressee(t, invoker, on), True))
        elif addressee is not None and (military or consult or _asks_help(m)):
            art = pick_article(t, own_refs, consult, m.sentence)
            if art is not None:
                implied.append((t, art, addressee, False))
    if named:
        # A state asked by name under a bilateral treaty named in the same sentence
        # as an organisation's treaty: the request to the state belongs to the
        # bilateral treaty ("ask Russia for help under the 1997 treaty, and appeal to the CSTO").
        direct = [c for c in named if not c[0].organisation and c[2] == m.target_country]
        if direct:
            named = [c for c in named if not (c[0].organisation and c[2] != c[0].organisation)]
        return named
    if not implied:
        return []
    # The sentence names a treaty of the invoker that was not yet (or no longer)
    # in force on the report's date: the request cannot be under it, nor under
    # another treaty it merely implies ("ask Russia for help under the 1997
    # treaty" dated 1997 by its year).
    for t in registry.treaties:
        if invoker in t.party_states() and mentions_any(m.sentence, [a for a in t.aliases if not a.lower().startswith("article")]):
            return []
    # Implied only: the organisation's treaty when the organisation was asked,
    # otherwise the single most specific treaty with that partner.
    orgs = [c for c in implied if c[0].organisation and c[2] == c[0].organisation]
    if orgs:
        return orgs
    implied.sort(key=lambda c: _implied_rank(c[0]))
    return implied[:1]


def invocation_key(treaty_id: str, article: str, invoker: str, on: date) -> str:
    """Stable key: treaty:article:invoked_by:date (a guarantor may be appended)."""
    return f"{treaty_id}:{article}:{invoker}:{on.isoformat()}"


REPORT_LAG_DAYS = 30


def period(m: Mention, report_lag: int = REPORT_LAG_DAYS) -> tuple[date, date]:
    """The days a report's request may have happened on, by its date precision."""
    d = m.date
    p = m.date_precision
    if p == "week":
        return d, d + timedelta(days=6)
    if p == "month":
        return d, d.replace(day=calendar.monthrange(d.year, d.month)[1])
    if p == "year":
        return d, date(d.year, 12, 31)
    if p == "document":
        return d - timedelta(days=report_lag), d
    return d, d


_Item = tuple[Mention, str, bool, str]


def find_invocations(
    mentions: Iterable[Mention], registry: Registry, *, group_days: int = 10, report_lag: int = REPORT_LAG_DAYS
) -> list[Invocation]:
    """All invocations in the record, oldest first: the requests of attacked
    parties and the decisions of allies or organisations that an article
    applies (:mod:`foedus.ledger.decisions`). A party that decided to act under
    a treaty is not also recorded as asking under it: its "invoked Article 4"
    is evidence of its decision."""
    mentions = list(mentions)
    hits: dict[tuple[str, str, str, str, str], list[_Item]] = {}
    for key, item in decision_hits(mentions, registry):
        hits.setdefault(key, []).append(item)
    deciders = {(k[0], k[2]): [i[0].date for i in v] for k, v in hits.items()}
    for m in mentions:
        if m.root not in REQUEST_ROOTS or not _is_request(m) or recounted(m):
            continue
        consult = m.root == "04" or mentions_any(m.sentence, ("consult", "consultations")) is not None
        if m.published is not None and m.date is not None and m.date > m.published:
            # "the Council will meet on Tuesday following a request by Turkey": the day
            # is the meeting's; the request came on or before the report
            m = replace(m, date=m.published, date_precision="document")
        elif _subordinate_request(m):
            # "met on Tuesday at the request of Estonia": the day is the meeting's
            m = replace(m, date_precision="document")
        for t, art, addressee, cited in _candidates(m, registry):
            invoker = m.source_country or "?"
            decided = [d for d in deciders.get((t.id, invoker), []) if abs((d - m.date).days) <= DECISION_SPAN_DAYS]
            if decided:
                key = next(k for k in hits if k[0] == t.id and k[2] == invoker)
                hits[key].append((m, hits[key][0][1], cited, hits[key][0][3]))
                continue
            asks_consult = consult or any(o.effective_duty == "consult" for o in art.obligations[:1])
            hits.setdefault((t.id, art.number, invoker, "", "request"), []).append(
                (m, addressee, cited, request_kind(m, asks_consult))
            )
    out: list[Invocation] = []
    for (tid, art, invoker, beneficiary, side), items in hits.items():
        out.extend(_grouped(tid, art, invoker, items, registry.get(tid), group_days, report_lag, beneficiary, side))
    out = _joint(out)
    out.sort(key=lambda i: (i.date, i.treaty_id, i.article, i.invoked_by))
    return out


_SUBORDINATE = re.compile(
    r"\b(?:following|after|at|upon|on|in response to|responding to)\s+(?:an?\s+|the\s+)?(?:[\w.'’-]+\s+){0,3}$",
    re.IGNORECASE,
)


_RECOUNTED = re.compile(
    r"\b(?:only once|once before|twice|three times|several times|\w+ times|many times|on \w+ occasions|"
    r"(?:the|its) (?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\w+th|last|previous) "
    r"(?:time|times|occasion)|in the past|previously|before that|has been invoked|have been invoked)\b",
    re.IGNORECASE,
)


def recounted(m: Mention) -> bool:
    """A sentence that counts or recalls past invocations ("has invoked Article
    4 twice before, in 2003 and 2012", "the eighth time the article has been
    used") is background history, not the report of a request: unless it
    dates the request to a day, it makes no invocation."""
    return m.date_precision != "day" and bool(_RECOUNTED.search(m.sentence))


def _subordinate_request(m: Mention) -> bool:
    """A request named in an adverbial of another event ("met following a
    request by Turkey"): the sentence's date is that event's, so the request
    came on or before it."""
    if m.trigger_text.split()[0].lower() not in ("request", "appeal", "call", "plea", "requests", "behest"):
        return False
    before = m.sentence[: max(0, m.trigger_start - m.sent_start)]
    return bool(_SUBORDINATE.search(before))


# A party's "invoked Article 4" within this many days of its decision to act
# under the same treaty belongs to that decision.
DECISION_SPAN_DAYS = 200


def _grouped(tid: str, art: str, invoker: str, items: list[_Item], treaty: Treaty | None, group_days: int,
             report_lag: int, beneficiary: str = "", side: str = "request") -> list[Invocation]:
    """The invocations one invoker's reports under one article make, by date."""
    out: list[Invocation] = []
    items.sort(key=lambda x: (x[0].date, x[0].doc_id, x[0].sent_index))
    precise = [i for i in items if i[0].date_precision == "day"]
    vague = [i for i in items if i[0].date_precision != "day"]
    # 1. day-dated reports within group_days of each other are one invocation
    groups: list[list[_Item]] = []
    for item in precise:
        if groups and (item[0].date - groups[-1][0][0].date) > timedelta(days=group_days):
            groups.append([])
        if not groups:
            groups.append([])
        groups[-1].append(item)
    # 2. a less precise report joins the day-dated invocation in its period
    rest: list[_Item] = []
    for item in vague:
        lo, hi = period(item[0], report_lag)
        fits = [g for g in groups if lo <= g[0][0].date <= hi]
        if fits:
            max(fits, key=lambda g: g[0][0].date).append(item)
        else:
            rest.append(item)
    for g in groups:
        out.append(_make(tid, art, invoker, g, treaty, g[0][0].date, "day", beneficiary, side))
    # 3. the others form invocations of their own, dated with their own precision
    rest.sort(key=lambda x: period(x[0], report_lag)[1])
    cluster: list[_Item] = []
    span: tuple[date, date] | None = None
    for item in rest:
        lo, hi = period(item[0], report_lag)
        if span is not None and max(lo, span[0]) <= min(hi, span[1]):
            cluster.append(item)
            span = (max(lo, span[0]), min(hi, span[1]))
            continue
        if cluster:
            out.append(_vague(tid, art, invoker, cluster, treaty, span, beneficiary, side))
        cluster, span = [item], (lo, hi)
    if cluster:
        out.append(_vague(tid, art, invoker, cluster, treaty, span, beneficiary, side))
    return out


def _joint(invocations: list[Invocation]) -> list[Invocation]:
    """Requests of several parties under one article on the same day share a group key."""
    by_day: dict[tuple[str, str, date], list[Invocation]] = {}
    for inv in invocations:
        if inv.side == "request" and inv.date_precision == "day":
            by_day.setdefault((inv.treaty_id, inv.article, inv.date), []).append(inv)
    grouped = {}
    for (tid, art, on), invs in by_day.items():
        invokers = sorted({i.invoked_by for i in invs})
        if len(invokers) > 1:
            key = f"{tid}:{art}:{'+'.join(invokers)}:{on.isoformat()}"
            for i in invs:
                grouped[i.key] = key
    return [replace(i, group=grouped[i.key]) if i.key in grouped else i for i in invocations]


_FINER = ("day", "week", "month", "year", "document")


def _vague(tid: str, art: str, invoker: str, items: list[_Item], treaty: Treaty | None, span,
           beneficiary: str = "", side: str = "request") -> Invocation:
    stated = [i[0].date_precision for i in items if i[0].date_precision != "document"]
    if stated:
        precision = min(stated, key=_FINER.index)
        on = span[0]
    else:  # only undated reports: the request came on or before the first of them
        precision, on = "document", span[1]
    return _make(tid, art, invoker, items, treaty, on, precision, beneficiary, side)


def invocation_key_date(on: date, precision: str) -> str:
    if precision == "month":
        return on.isoformat()[:7]
    if precision == "year":
        return str(on.year)
    return on.isoformat()


def _make(tid: str, art: str, invoker: str, group: list[_Item], treaty: Treaty | None = None,
          on: date | None = None, precision: str = "day", beneficiary: str = "", side: str = "request") -> Invocation:
    group = sorted(group, key=lambda x: (_FINER.index(x[0].date_precision), x[0].date, x[0].doc_id, x[0].sent_index))
    first = group[0][0]
    on = on or first.date
    start = (treaty.in_force or treaty.signed) if treaty else None
    if start is not None and on < start:  # a request cannot precede its treaty
        on = start
    addressees = [g[1] for g in group]
    addressee = max(sorted(set(addressees)), key=addressees.count)
    kinds = [g[3] for g in group]
    specific = [k for k in kinds if k.startswith("military")]
    return Invocation(
        key=f"{tid}:{art}:{invoker}:{invocation_key_date(on, precision)}",
        treaty_id=tid,
        article=art,
        invoked_by=invoker,
        addressee=addressee,
        date=on,
        request=specific[0] if specific else kinds[0],
        cited=any(g[2] for g in group),
        mentions=tuple(g[0] for g in group),
        date_precision=precision,
        report_lag=REPORT_LAG_DAYS,
        beneficiary=beneficiary,
        side=side,
    )
