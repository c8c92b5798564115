"""Date periods as knowledge files record them: inclusive, with open ends.

Offices, memberships, treaty terms and suspensions are all such periods; one
definition keeps "held on the day it ended" meaning the same everywhere.
"""

from __future__ import annotations

from datetime import date


def within(on: date, start: date | None, end: date | None) -> bool:
    """Inclusive on both ends (an office held until 20 Jan is held on 20 Jan); ``None`` is open."""
    if start is not None and on < start:
        return False
    if end is not None and on > end:
        return False
    return True
