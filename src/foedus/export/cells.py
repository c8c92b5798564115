"""Cells a spreadsheet would run as formulas, made inert.

Why: a CSV of news text carries whatever the text says; a title such as
"=HYPERLINK(...)" or "@SUM(...)" opened in a spreadsheet is executed
(CSV/formula injection). Text cells that begin with "=", "+", "-", "@", a
tab or a carriage return get a leading apostrophe, which spreadsheets show
as text and do not evaluate (the OWASP recommendation). Numbers stay numbers.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """The value, with a text cell that a spreadsheet would evaluate escaped."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
