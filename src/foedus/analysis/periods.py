"""Calendar buckets (week, month, year) for time series.

Why a module: every series must say which days a bucket covers, so that a
number can link to the events of exactly those days. Weeks start on Monday
(ISO), as DuckDB's ``date_trunc('week', ...)`` does.
"""

from __future__ import annotations

from datetime import date, timedelta

FREQS = ("week", "month", "year")


def check_freq(freq: str) -> str:
    """The frequency, if known; it is inlined into SQL, so it must be one of ours."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    return freq


def trunc_sql(freq: str, column: str) -> str:
    """SQL truncating ``column`` (a constant expression) to the bucket start."""
    return f"CAST(date_trunc('{check_freq(freq)}', {column}) AS DATE)"


def period_end(start: date, freq: str) -> date:
    """Last day of the bucket that begins on ``start``."""
    check_freq(freq)
    if freq == "week":
        return start + timedelta(days=6)
    if freq == "year":
        return date(start.year, 12, 31)
    nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def label(start: date, freq: str) -> str:
    """Short human label: 2022-W37, 2022-09, 2022."""
    check_freq(freq)
    if freq == "week":
        iso = start.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if freq == "year":
        return str(start.year)
    return f"{start.year}-{start.month:02d}"
