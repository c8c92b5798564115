"""Deadlines in pledges: "by 2030", "within 30 days", "by the end of the year".

Why relative to the sentence date: news says "within 30 days" or "by the end
of the year" about the day it reports, so a deadline is only a date once it
is anchored to the date that governs the sentence.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "sixty": 60, "ninety": 90,
}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MON = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_QTY = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)"
_UNIT = r"(day|week|month|year)s?"
_BY = r"(?:by|before|until|no later than|not later than)"


def _qty(s: str) -> int:
    return int(s) if s.isdigit() else _NUM[s.lower()]


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _add(d: date, n: int, unit: str) -> date:
    unit = unit.lower()
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    return _add_months(d, 12 * n)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str, ref: date | None) -> tuple[date | None, str | None]:
    """(deadline, the words that set it) from a pledge sentence; (None, None)
    when it states none. Relative phrases need ``ref`` (the sentence date)."""
    t = text or ""
    rules: list[tuple[str, object]] = [
        (rf"\b{_BY}\s+(\d{{1,2}})\s+{_MON}\s*,?\s+(\d{{4}})\b", lambda m: date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))),
        (rf"\b{_BY}\s+{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*(\d{{4}})\b", lambda m: date(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))),
        (rf"\b{_BY}\s+(?:the\s+end\s+of\s+)?{_MON}\s+(\d{{4}})\b", lambda m: _month_end(int(m[2]), _MONTHS[m[1].lower()])),
        (rf"\b{_BY}\s+(?:the\s+end\s+of\s+)?(\d{{4}})\b", lambda m: date(int(m[1]), 12, 31)),
        (rf"\b{_BY}\s+(?:the\s+)?end\s+of\s+(?:the|this)\s+year\b|\bby\s+year[- ]end\b", lambda m: ref and date(ref.year, 12, 31)),
        (rf"\b{_BY}\s+(?:the\s+)?end\s+of\s+next\s+year\b", lambda m: ref and date(ref.year + 1, 12, 31)),
        (rf"\b{_BY}\s+(?:the\s+)?end\s+of\s+(?:the|this)\s+month\b", lambda m: ref and _month_end(ref.year, ref.month)),
        (rf"\b{_BY}\s+(?:the\s+end\s+of\s+)?{_MON}(?!\s+\d)\b", lambda m: ref and _month_end(
            ref.year + (1 if _MONTHS[m[1].lower()] < ref.month else 0), _MONTHS[m[1].lower()])),
        (rf"\b(?:within|in\s+the\s+next|over\s+the\s+next|in)\s+{_QTY}\s+{_UNIT}\b", lambda m: ref and _add(ref, _qty(m[1]), m[2])),
    ]
    for pattern, make in rules:
        m = re.search(pattern, t, re.IGNORECASE)
        if m:
            try:
                value = make(m)  # type: ignore[operator]
            except (ValueError, KeyError):
                continue
            if value:
                return value, m.group(0)
    return None, None
