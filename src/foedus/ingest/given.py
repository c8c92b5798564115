"""Reading metadata values a crawler or manifest gave us."""

from __future__ import annotations

from datetime import date, datetime

import dateparser


def parse_given_date(value: object) -> date | None:
    """A publication date as a crawler records it: ISO first, then common forms.

    Strict parsing on purpose: a manifest value we cannot read with confidence
    is reported, not guessed.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(
        text, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed else None
