"""Reading ``foedus-actors/1`` files and their fields.

A data loader must say *where* an entry is broken (file:line): every mapping
carries its line (from :mod:`foedus.datafiles`) under ``__line__``, which the
parsers read and discard.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import datafiles
from ..datafiles import Problem

FORMAT = "foedus-actors/1"
LINE = datafiles.LINE

def read_yaml(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The document of a data file, or ``None`` with the reason it is unusable.

    Dates stay text here: a date such as "2020-13-45" is then reported against
    its entry by ``date_field`` instead of losing the whole file.
    """
    try:
        data = datafiles.load(path, dates_as_text=True)
    except datafiles.DataFileError as exc:
        return None, [Problem(f"{exc.path}:{exc.line}", exc.reason)]
    if not isinstance(data, dict):
        return None, [Problem(f"{path}:1", "expected a mapping with 'format' and 'kind' at the top")]
    fmt = data.get("format")
    if fmt != FORMAT:
        return None, [Problem(f"{path}:1", f"unsupported format {fmt!r} (expected {FORMAT!r})")]
    return data, []


class EntryError(ValueError):
    """An entry that cannot be used; the message is the reason shown to the user."""


def where(path: Path, entry: Any) -> str:
    line = entry.get(LINE, 0) if isinstance(entry, dict) else 0
    return f"{path}:{line}"


def text_field(entry: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise EntryError(f"missing required field {key!r}")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise EntryError(f"field {key!r} must be a non-empty string, got {value!r}")
    return value.strip()


def text_list(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise EntryError(f"field {key!r} must be a list of strings")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise EntryError(f"field {key!r} holds a non-string or empty item {item!r}")
        out.append(item.strip())
    return tuple(out)


def date_field(entry: dict[str, Any], key: str) -> date | None:
    """YYYY-MM-DD (YAML may already have made it a date); ``null`` means open."""
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise EntryError(f"field {key!r} must be a date YYYY-MM-DD or null, got {value!r}")
