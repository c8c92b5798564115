"""Calendar arithmetic on periods (a start day, an end day, a granularity).

Why a separate module: every rule in the normaliser ends by naming a period
("the ISO week before the anchor's", "the month five months after the
reference"); keeping that arithmetic pure and tested on its own makes the
rules read as what they mean.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# In neutral context a year-less date is read as a future one only when it is this close.
NEUTRAL_FUTURE_DAYS = 45

GRANULARITY_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    granularity: str


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def day(d: date) -> Period:
    return Period(d, d, "day")


def week_of(d: date) -> Period:
    """The ISO week (Monday to Sunday) containing ``d``."""
    monday = d - timedelta(days=d.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def month_of(year: int, month: int) -> Period:
    return Period(date(year, month, 1), month_end(year, month), "month")


def year_of(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def months_span(year: int, month: int, length: int) -> Period:
    """``length`` calendar months from (year, month); used for seasons."""
    ey, em = add_months(year, month, length - 1)
    return Period(date(year, month, 1), month_end(ey, em), "month")


def shift(ref: Period, n: int, unit: str) -> Period:
    """The period ``n`` units after (negative: before) the reference.

    The result is never finer than the reference: "two days later" after
    "in March" is still only known to the month.
    """
    if unit == "day":
        d = ref.start + timedelta(days=n)
        p = day(d)
    elif unit == "week":
        p = week_of(ref.start + timedelta(weeks=n))
    elif unit == "month":
        y, m = add_months(ref.start.year, ref.start.month, n)
        p = month_of(y, m)
    else:
        p = year_of(ref.start.year + n)
    return coarsen(p, ref.granularity)


def coarsen(p: Period, granularity: str) -> Period:
    """Widen ``p`` to at least ``granularity``."""
    if GRANULARITY_ORDER.get(granularity, 4) <= GRANULARITY_ORDER[p.granularity]:
        return p
    if granularity == "week":
        return week_of(p.start)
    if granularity == "month":
        return month_of(p.start.year, p.start.month)
    if granularity == "year":
        return year_of(p.start.year)
    return p


def sub_month(year: int, month: int, part: str) -> Period:
    """Early (1-10), mid (11-20) or late (21-end) part of a month."""
    last = month_end(year, month).day
    lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
    return Period(date(year, month, lo), date(year, month, hi), "month")


def sub_year(year: int, part: str) -> Period:
    """Early (Jan-Apr), mid (May-Aug) or late (Sep-Dec) part of a year."""
    lo, hi = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
    return Period(date(year, lo, 1), month_end(year, hi), "year")


def nearest_year(month: int, day_: int | None, anchor: date, direction: str) -> int:
    """The year that places (month, day) nearest the anchor in ``direction``.

    ``past``: the latest occurrence not after the anchor (for a bare month,
    the anchor's own month counts); ``future``: the earliest not before it;
    ``neutral``: the latest not after the anchor, unless the next one starts
    within :data:`NEUTRAL_FUTURE_DAYS` and is nearer.
    """
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        d_ = min(day_ or 1, calendar.monthrange(y, month)[1])
        start = date(y, month, d_)
        end = date(y, month, d_) if day_ else month_end(y, month)
        cands.append((y, start, end))
    if direction == "past":
        ok = [c for c in cands if c[1] <= anchor]
        return max(ok, key=lambda c: c[1])[0]
    if direction == "future":
        ok = [c for c in cands if c[2] >= anchor]
        return min(ok, key=lambda c: c[1])[0]
    # Neutral context (a noun such as "the refusal in January"): news reports what
    # has happened, so the latest occurrence not after the anchor wins unless the
    # next one is only weeks away and nearer.
    past = max((c for c in cands if c[1] <= anchor), key=lambda c: c[1])
    if past[1] <= anchor <= past[2]:
        return past[0]
    nxt = min((c for c in cands if c[1] > anchor), key=lambda c: c[1])
    if (nxt[1] - anchor).days <= NEUTRAL_FUTURE_DAYS and (nxt[1] - anchor) < (anchor - past[2]):
        return nxt[0]
    return past[0]
