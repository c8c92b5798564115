"""Find every temporal expression of a text and normalise it against an anchor.

The anchor is the publication date. Each expression becomes a
:class:`foedus.records.TimeExpression` whose ``value``/``end_value`` bound the
period meant, with the granularity of what the text actually says and a
``how`` naming the rule used, so that an analyst can see why an event got its
date.

What is hand-written and why: the candidate grammar
(:mod:`foedus.timex.grammar`), the vetoes (:mod:`foedus.timex.filters`) and the
resolution rules below. News prose has conventions a generic date parser does
not know: "last week" is the calendar week before the article's, "on Sunday"
is the Sunday before the article unless the verb is future, "the previous
day" counts from the last date the story told, and a year-less "December" in
a January article is the previous December. ``dateparser`` is used only as a
helper for date entities found by the model that no rule covers (how =
"dateparser").

Rules in brief:
- fully stated dates (day, month and year; month and year; year) are exact;
- a year-less date takes the year of a nearby explicitly dated frame
  ("On 27 September 2020 ... On 10 November ..."), else the year that puts it
  nearest the anchor in the direction of the governing verb (before it in
  past context, after it in future context, and in neutral context before it
  unless the next occurrence is only weeks away). A frame must be an event
  date of the story: a deadline or limit ("by 2030", "until 2024", "since
  2020"), a future target ("will rise in 2025") and, with a parse, a year
  naming a thing ("the 1997 treaty") or telling a participant's background
  ("a treaty signed in 1997") are skipped;
- a bare weekday is the latest such day on or before the anchor (the anchor
  itself when the weekday matches, the news convention "said on Tuesday"),
  or the next one on or after it in future context; "last"/"next" force the
  direction and exclude the anchor day;
- "last/this/next week|month|year" are calendar periods (ISO weeks);
- "N units ago" counts back from the anchor; "the previous day", "N months
  later", "that day", "hours after ..." and "44 hours later" count from the
  last event date resolved in the text that is at least as fine as the unit
  (deadlines such as "by 15 November" are not event dates; the anchor when
  there is none); hours become whole days counted down ("44 hours after" the
  13th is the 14th);
- a range of years ("2020 to 2022", "2020-2022") is one expression;
- "overnight" and "last night" are the night before the anchor: start the
  day before, end on the anchor.
Without an anchor, anchor-relative expressions are kept with value None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from ..records import TimeExpression
from . import periods as P
from .filters import accept, prev_word
from .grammar import Candidate, Grammar, build_grammar
from .lexicon import Lexicon, default_lexicon
from .sentence_dates import EVENT, role_of
from .tense import (FUTURE, NEUTRAL, PAST, PAST_PERFECT_WEEKDAY, before_the_past, direction_from_doc,
                    direction_from_text)

# Words before an expression that make it a limit or deadline, not the time of an event.
_LIMIT_WORDS = frozenset({"by", "until", "till", "since", "before"})


@lru_cache(maxsize=4)
def _grammar_for(lex: Lexicon) -> Grammar:
    return build_grammar(lex)


def warm_grammar(lexicon: Lexicon) -> None:
    """Compile the grammar of ``lexicon`` now (about 20 ms: the patterns and the words and
    widths that anchor them): at setup, before worker processes fork, not in the first document."""
    _grammar_for(lexicon)
    _calendar_cue(lexicon)


@dataclass
class _Resolved:
    cand: Candidate
    period: P.Period | None
    exact: bool
    how: str
    explicit_year: bool = False
    framing: bool = False  # "In 2016, ..." / a dated frame later dates inherit the year of
    frame_ok: bool = False  # an event date whose year later year-less dates may borrow
    deadline: bool = False  # "by 15 November": not a reference for "two days later"


class _Context:
    """What the resolver knows while walking the text left to right."""

    def __init__(self, text: str, anchor: date | None, doc: Doc | None, lex: Lexicon) -> None:
        self.text, self.anchor, self.doc, self.lex = text, anchor, doc, lex
        self.done: list[_Resolved] = []

    def direction(self, c: Candidate) -> str:
        if self.doc is not None:
            return direction_from_doc(self.doc, c.start, c.end, self.lex)
        return direction_from_text(self.text, c.start, c.end, self.lex)

    def reference(self, unit: str, anchor_ok: bool = True) -> tuple[P.Period | None, str]:
        """The last resolved event date at least as fine as ``unit``."""
        need = P.GRANULARITY_ORDER.get(unit, 0)
        for r in reversed(self.done):
            if r.deadline:
                continue
            if r.period is not None and P.GRANULARITY_ORDER[r.period.granularity] <= max(need, 0):
                return r.period, f"relative to '{r.cand_text}'" if hasattr(r, "cand_text") else "relative to the previous date"
        if self.anchor is not None and anchor_ok:
            return P.day(self.anchor), "relative to publication (no earlier date in the text)"
        return None, "no reference date"

    def frame_year(self, c: Candidate) -> int | None:
        """Year of the event date just before ``c`` when it explicitly frames another year.

        Only the latest explicitly dated event expression counts (deadlines,
        future targets and names are passed over), and only when it lies in
        the same or the previous sentence: an anchor-relative expression in
        between, or a paragraph of distance, ends the frame.
        """
        for r in reversed(self.done):
            if r.period is None:
                continue
            between = self.text[r.cand.end:c.start]
            if len(re.findall(r"[.!?][\"”’]?\s+[A-Z\"“]", between)) > 1 or "\n\n" in between:
                return None
            if not r.explicit_year:
                return None
            if not r.frame_ok:
                continue
            y = r.period.start.year
            return y if self.anchor is None or y != self.anchor.year else None
        return None

    def mark(self, r: _Resolved) -> None:
        """Decide whether ``r`` is a deadline and whether it may frame later dates."""
        c = r.cand
        before = prev_word(self.text, c.start).lower()
        r.deadline = before in _LIMIT_WORDS
        if not r.explicit_year or r.period is None or r.deadline:
            return
        if r.period.granularity not in ("day", "month") and not r.framing:
            return
        if self.direction(c) == FUTURE:
            return
        role = role_of(self.doc, c.start, c.end)
        r.frame_ok = role is None or role == EVENT


def _n(word: str, lex: Lexicon) -> int | None:
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    if w in ("a few", "several", "few", "a couple of"):
        return None
    return lex.numbers.get(w)


def _day_num(s: str) -> int:
    return int(re.match(r"\d+", s).group(0))


def _month_num(s: str, lex: Lexicon) -> int:
    return lex.months[s.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve(c: Candidate, ctx: _Context) -> _Resolved | None:
    g, lex, anchor = c.groups, ctx.lex, ctx.anchor
    k = c.kind

    def year_for(month: int, day_: int | None) -> tuple[int | None, str]:
        fy = ctx.frame_year(c)
        if fy is not None:
            return fy, "year from the dated frame before it"
        if anchor is None:
            return None, "no anchor for the year"
        d = ctx.direction(c)
        return P.nearest_year(month, day_, anchor, d), f"year inferred ({d} of publication)"

    if k in ("iso", "dotted"):
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return _Resolved(c, P.day(d), True, "absolute date", True) if d else None
    if k in ("dmy", "mdy"):
        m = _month_num(g["month"], lex)
        dn = _day_num(g["d"])
        if g.get("y"):
            d = _safe_date(int(g["y"]), m, dn)
            return _Resolved(c, P.day(d), True, "absolute date", True) if d else None
        y, how = year_for(m, dn)
        if y is None:
            return _Resolved(c, None, False, how)
        d = _safe_date(y, m, dn)
        return _Resolved(c, P.day(d), False, f"day and month; {how}") if d else None
    if k in ("dmy_range", "mdy_range"):
        m = _month_num(g["month"], lex)
        d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
        if d2 < d1:
            return None
        if g.get("y"):
            y, how, exact = int(g["y"]), "absolute range of days", True
        else:
            y, how = year_for(m, d1)
            exact = False
            if y is None:
                return _Resolved(c, None, False, how)
            how = f"range of days; {how}"
        a, b = _safe_date(y, m, d1), _safe_date(y, m, d2)
        if not a or not b:
            return None
        return _Resolved(c, P.Period(a, b, "day"), exact, how, bool(g.get("y")))
    if k == "dmy_span":  # "26 September–8 October": days in two months
        m1, m2 = _month_num(g["month1"], lex), _month_num(g["month"], lex)
        d1, d2 = _day_num(g["d1"]), _day_num(g["d2"])
        if g.get("y"):
            y2, how, exact = int(g["y"]), "absolute span of days", True
        else:
            y2, how = year_for(m2, d2)
            exact = False
            if y2 is None:
                return _Resolved(c, None, False, how)
            how = f"span of days; {how}"
        y1 = y2 if m1 <= m2 else y2 - 1
        a, b = _safe_date(y1, m1, d1), _safe_date(y2, m2, d2)
        if not a or not b or b < a:
            return None
        return _Resolved(c, P.Period(a, b, "day"), exact, how, bool(g.get("y")))
    if k == "month_year":
        m, y = _month_num(g["month"], lex), int(g["y"])
        return _Resolved(c, _month_part(y, m, g.get("part")), True, "month and year", True)
    if k == "month":
        m = _month_num(g["month"], lex)
        mod = (g.get("mod") or "").lower()
        if anchor is None and not ctx.frame_year(c):
            return _Resolved(c, None, False, "month without year and no anchor")
        if mod in ("last", "past"):
            y = anchor.year if m < anchor.month else anchor.year - 1
            how = "'last' month name: the latest such month before publication"
        elif mod in ("next", "coming"):
            y = anchor.year if m > anchor.month else anchor.year + 1
            how = "'next' month name: the first such month after publication"
        elif mod == "this":
            y, how = anchor.year, "'this' month name: the publication year"
        else:
            y, how = year_for(m, None)
        return _Resolved(c, _month_part(y, m, g.get("part")), False, how)
    if k == "decade":
        y = int(g["dec"])
        part = (g.get("part") or "").lower().rstrip("-")
        lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
        return _Resolved(c, P.Period(date(y + lo, 1, 1), date(y + hi, 12, 31), "year"), True, "decade", True)
    if k == "year_part":
        y = int(g["y"])
        return _Resolved(c, _year_part(y, g["part"]), True, "part of a stated year", True, framing=True)
    if k == "year":
        y = int(g["y"])
        framing = prev_word(ctx.text, c.start).lower() in ("in", "during")
        return _Resolved(c, P.year_of(y), True, "year", True, framing=framing)
    if k == "year_range":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 <= y1:
            return None
        return _Resolved(c, P.Period(date(y1, 1, 1), date(y2, 12, 31), "year"), True, "range of years", True)
    if k == "hours":
        # the event they count from is told in the text; without a dated one
        # the publication day would be a guess posing as a day
        ref, how = ctx.reference("day", anchor_ok=False)
        if ref is None:
            return _Resolved(c, None, False, "hours after an event the text does not date")
        n = _n(g["n"], lex) if g.get("n") else 0
        days = (n or 0) // 24
        return _Resolved(c, P.shift(ref, days, "day"), False, f"{g.get('n') or 'some'} hour(s) after, {how}")
    if k == "season":
        first, length = lex.seasons[g["season"].lower()]
        mod = (g.get("mod") or "").lower()
        if g.get("y"):
            y, exact, how = int(g["y"]), True, "season of a stated year"
        elif anchor is None:
            return _Resolved(c, None, False, "season without year and no anchor")
        else:
            occ = [P.months_span(y_, first, length) for y_ in (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)]
            if mod == "last":
                per = max((o for o in occ if o.end < anchor), key=lambda o: o.start)
            elif mod == "next":
                per = min((o for o in occ if o.start > anchor), key=lambda o: o.start)
            else:
                d = ctx.direction(c)
                if d == FUTURE:
                    per = min((o for o in occ if o.end >= anchor), key=lambda o: o.start)
                else:
                    per = max((o for o in occ if o.start <= anchor), key=lambda o: o.start)
            y = per.start.year
            exact, how = False, f"season ({mod or 'bare'}) relative to publication"
        return _Resolved(c, P.months_span(y, first, length), exact, how, bool(g.get("y")))
    if k == "weekday":
        wd = lex.weekdays[g["wd"].lower()]
        mod = (g.get("mod") or "").lower()
        if anchor is None:
            return _Resolved(c, None, False, "weekday without anchor")
        back = (anchor.weekday() - wd) % 7
        fwd = (wd - anchor.weekday()) % 7
        if mod == "last":
            d, how = anchor - timedelta(days=back or 7), "'last' weekday: the latest before publication"
        elif mod == "next":
            d, how = anchor + timedelta(days=fwd or 7), "'next' weekday: the first after publication"
        else:
            direction = ctx.direction(c)
            if direction == FUTURE:
                d, how = anchor + timedelta(days=fwd), "weekday, future tense: on or after publication"
            elif back == 0 and direction == PAST and ctx.doc is not None and before_the_past(ctx.doc, c.start, c.end):
                # "had visited Qatar on Thursday" in a Thursday's report: the Thursday before
                d, how = anchor - timedelta(days=7), f"{PAST_PERFECT_WEEKDAY}: the one before publication"
            else:
                d, how = anchor - timedelta(days=back), f"weekday, {direction} context: on or before publication"
        return _Resolved(c, P.day(d), False, how)
    if k == "weekend":
        mod = g["mod"].lower()
        if mod == "that":
            ref, how = ctx.reference("week")
            if ref is None:
                return _Resolved(c, None, False, how)
            sat = ref.start + timedelta(days=(5 - ref.start.weekday()) % 7)
            return _Resolved(c, P.Period(sat, sat + timedelta(days=1), "day"), False, f"weekend {how}")
        if anchor is None:
            return _Resolved(c, None, False, "weekend without anchor")
        last_sat = anchor - timedelta(days=(anchor.weekday() - 5) % 7)  # on or before the anchor
        direction = ctx.direction(c) if mod in ("the", "this") else ("past" if mod == "last" else "future")
        if mod == "last" and last_sat + timedelta(days=1) >= anchor:
            last_sat -= timedelta(days=7)
        sat = last_sat if direction != FUTURE else (last_sat if last_sat + timedelta(days=1) >= anchor else last_sat + timedelta(days=7))
        if mod == "next" and sat <= anchor:
            sat = last_sat + timedelta(days=7)
        return _Resolved(c, P.Period(sat, sat + timedelta(days=1), "day"), False, f"'{mod} weekend' relative to publication")
    if k in ("rel_day", "this_part"):
        w = re.sub(r"\s+", " ", g["w"].lower())
        if anchor is None:
            return _Resolved(c, None, False, f"'{w}' without anchor")
        off = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "tomorrow": 1}.get(w, 0)
        if w in ("overnight", "last night"):
            return _Resolved(c, P.Period(anchor - timedelta(days=1), anchor, "day"), False, "the night before publication")
        return _Resolved(c, P.day(anchor + timedelta(days=off)), False, f"'{w}' relative to publication")
    if k == "anchor_unit":
        unit, mod = g["unit"].lower(), re.sub(r"\s+", " ", g["mod"].lower())
        edge = (g.get("edge") or "").lower()
        if anchor is None:
            return _Resolved(c, None, False, f"'{mod} {unit}' without anchor")
        base = P.day(anchor)
        if mod in ("the past", "past"):
            span = {"week": 7, "month": 30, "year": 365}[unit]
            return _Resolved(c, P.Period(anchor - timedelta(days=span), anchor - timedelta(days=1), unit),
                             False, f"the {span} days before publication")
        n = {"last": -1, "next": 1, "the coming": 1}.get(mod, 0)
        per = P.shift(base, n, unit)
        if edge in ("earlier", "early") and n == 0:
            end = max(per.start, anchor - timedelta(days=1))
            per = P.Period(per.start, end, unit)
        elif edge in ("later", "late") and n == 0:
            per = P.Period(min(anchor + timedelta(days=1), per.end), per.end, unit)
        return _Resolved(c, per, False, f"calendar {unit} {'before' if n < 0 else 'after' if n > 0 else 'of'} publication" + (f" ({edge} part)" if edge else ""))
    if k == "span_n":
        unit = g["unit"].lower().rstrip("s")
        n = _n(g["n"], lex)
        if anchor is None or n is None:
            return _Resolved(c, None, False, "vague span") if anchor is None else None
        mod = g["mod"].lower()
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        if "next" in mod or "coming" in mod:
            return _Resolved(c, P.Period(anchor + timedelta(days=1), anchor + timedelta(days=days), unit), False, "span after publication")
        return _Resolved(c, P.Period(anchor - timedelta(days=days), anchor - timedelta(days=1), unit), False, "span before publication")
    if k == "ago":
        unit = g["unit"].lower()
        n = _n(g["n"], lex)
        if anchor is None:
            return _Resolved(c, None, False, "'ago' without anchor")
        if unit == "night":
            unit = "day"
        if n is None:  # "a few days ago": 2 to 7 units back, coarse
            lo = P.shift(P.day(anchor), -7 if unit == "day" else -3, unit)
            hi = P.shift(P.day(anchor), -2 if unit == "day" else -2, unit)
            return _Resolved(c, P.Period(lo.start, hi.end, unit), False, "vague count back from publication")
        return _Resolved(c, P.shift(P.day(anchor), -n, unit), False, f"{n} {unit}(s) before publication")
    if k in ("ref_shift", "ref_next", "ref_before", "ref_that"):
        unit = g["unit"].lower()
        if unit in lex.day_parts or unit == "night":
            unit_for_ref, unit = "day", "day"
        else:
            unit_for_ref = unit
        ref, how = ctx.reference(unit_for_ref)
        if ref is None:
            return _Resolved(c, None, False, how)
        if k == "ref_shift":
            n = _n(g["n"], lex)
            if n is None:
                return None
            sign = -1 if g["dir"].lower() in ("earlier", "before that") else 1
            return _Resolved(c, P.shift(ref, sign * n, unit), False, f"{sign * n} {unit}(s) {how}")
        if k == "ref_next":
            dr = g["dir"].lower()
            n = {"previous": -1, "preceding": -1, "next": 1, "following": 1, "same": 0}[dr]
            return _Resolved(c, P.shift(ref, n, unit), False, f"{dr} {unit} {how}")
        if k == "ref_before":
            n = -1 if g["dir"].lower() == "before" else 1
            return _Resolved(c, P.shift(ref, n, unit), False, f"{unit} {g['dir'].lower()} {how}")
        return _Resolved(c, P.shift(ref, 0, unit), False, f"'that {unit}' {how}")
    return None


def _month_part(y: int, m: int, part: str | None) -> P.Period:
    if not part:
        return P.month_of(y, m)
    p = re.sub(r"\s+", " ", part.lower())
    if p.startswith("early") or "beginning" in p or "start" in p:
        return P.sub_month(y, m, "early")
    if p.startswith("mid") or "middle" in p:
        return P.sub_month(y, m, "mid")
    return P.sub_month(y, m, "late")


def _year_part(y: int, part: str) -> P.Period:
    p = re.sub(r"\s+", " ", part.lower())
    if p.startswith("early") or "beginning" in p or "start" in p:
        return P.sub_year(y, "early")
    if p.startswith("mid") or "middle" in p:
        return P.sub_year(y, "mid")
    return P.sub_year(y, "late")


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Longest-first, non-overlapping."""
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.length, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


@lru_cache(maxsize=4)
def _calendar_cue(lex: Lexicon) -> re.Pattern[str]:
    """A month's or weekday's name, or a year: what makes a model DATE entity worth parsing."""
    names = "|".join(re.escape(w) for w in list(lex.months) + list(lex.weekdays))
    return re.compile(r"\b(?:%s)\b|\b1\d{3}\b|\b20\d\d\b" % names, re.I)


def _dateparser_extra(doc: Doc, taken: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """Model DATE entities no rule covers but that name a calendar unit."""
    out = []
    cue = _calendar_cue(lex)
    for e in doc.ents:
        if e.label_ != "DATE":
            continue
        if any(not (e.end_char <= t.start or e.start_char >= t.end) for t in taken):
            continue
        if cue.search(e.text):
            out.append(Candidate(e.start_char, e.end_char, "dateparser", {"text": e.text}))
    return out


def _resolve_dateparser(c: Candidate, ctx: _Context) -> _Resolved | None:
    import dateparser
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    if ctx.anchor is not None:
        settings["RELATIVE_BASE"] = datetime(ctx.anchor.year, ctx.anchor.month, ctx.anchor.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(c.groups["text"])
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    per = {"day": P.day(d), "week": P.week_of(d), "month": P.month_of(d.year, d.month), "year": P.year_of(d.year)}.get(period, P.day(d))
    del dateparser
    return _Resolved(c, per, False, "dateparser (model DATE entity)")


def warm_dateparser() -> None:
    """Have dateparser build its tables now (its time-zone expressions alone take about
    50 ms on first use): at setup, before worker processes fork, not in the first document."""
    from dateparser.date import DateDataParser

    DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past"}).get_date_data("5 March 2020")


def find_timexes(text: str, anchor: date | None = None, doc: Doc | None = None,
                 lexicon: Lexicon | None = None) -> list[TimeExpression]:
    """Every temporal expression in ``text``, in text order.

    ``doc`` (a parsed spaCy Doc of the same text) is optional: with it the
    verb tense decides the direction of weekdays and year-less dates, the
    part-of-speech tags veto "may"/"march", and model DATE entities no rule
    covers are tried with dateparser.
    """
    lex = lexicon or default_lexicon()
    grammar = _grammar_for(lex)
    ctx = _Context(text, anchor, doc, lex)
    cands = [c for c in grammar.candidates(text)]
    kept = []
    for c in _select(cands):
        ok, _why = accept(c, text, doc, lex)
        if ok:
            kept.append(c)
        else:  # a vetoed long reading may hide a valid shorter one ("May 2000 troops")
            kept.extend(s for s in _select([o for o in cands if o is not c and c.start <= o.start and o.end <= c.end])
                        if accept(s, text, doc, lex)[0])
    kept = _select(kept)
    if doc is not None:
        kept = sorted(kept + _dateparser_extra(doc, kept, lex), key=lambda c: c.start)
    out: list[TimeExpression] = []
    for c in kept:
        r = _resolve_dateparser(c, ctx) if c.kind == "dateparser" else _resolve(c, ctx)
        if r is None:
            continue
        r.cand_text = text[c.start:c.end]  # type: ignore[attr-defined]
        ctx.mark(r)
        ctx.done.append(r)
        per = r.period
        out.append(TimeExpression(
            start=c.start, end=c.end, text=text[c.start:c.end],
            value=per.start.isoformat() if per else None,
            end_value=per.end.isoformat() if per else None,
            granularity=per.granularity if per else "unknown",
            exact=r.exact, how=r.how,
        ))
    return out


def normalise(text: str, anchor: date | None = None, nlp=None) -> list[TimeExpression]:
    """Convenience entry point: parse with ``nlp`` when given, then find."""
    doc = nlp(text) if nlp is not None else None
    return find_timexes(text, anchor, doc)
