"""The ledger's data files: entries with their lines, and field readers.

A malformed entry is reported as ``file:line: reason`` and skipped, never
crashing the whole registry; line numbers come from :mod:`foedus.datafiles`.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from foedus import datafiles

log = logging.getLogger(__name__)

LINE = datafiles.LINE


def load_entries(path: Path, fmt: str, list_key: str, problems: list[str]) -> list[dict[str, Any]]:
    """The entries under ``list_key`` of a data file of format ``fmt`` (e.g.
    ``foedus-treaties/1``). File-level problems are appended to ``problems``
    and yield no entries; the caller validates each entry itself."""
    name, _, version = fmt.partition("/")
    try:
        text = datafiles.read_text(path)
        declared = datafiles.declared_format(text)
        if not declared or declared[0] != name:
            problems.append(f"{path}:1: not a {fmt} file (no '# format: {fmt}' header)")
            return []
        if declared[1] > int(version):
            problems.append(f"{path}:1: format {declared[0]}/{declared[1]} is newer than this foedus reads ({fmt})")
            return []
        doc = datafiles.parse(text, path)
    except datafiles.DataFileError as exc:
        problems.append(str(exc))
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get(list_key), list):
        problems.append(f"{path}:1: expected a mapping with a '{list_key}' list")
        return []
    out = []
    for item in doc[list_key]:
        if not isinstance(item, dict):
            problems.append(f"{path}: an entry of '{list_key}' is not a mapping; skipped")
            continue
        out.append(item)
    return out


def where(path: Path, entry: dict[str, Any]) -> str:
    return f"{path}:{entry.get(LINE, '?')}"


def as_date(value: Any, field: str) -> date | None:
    """A YAML date, ISO string, bare year, or null. Raises ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return date(value, 1, 1)
    if isinstance(value, str):
        s = value.strip()
        if re.fullmatch(r"\d{4}", s):
            return date(int(s), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", s):
            return date(int(s[:4]), int(s[5:]), 1)
        try:
            return date.fromisoformat(s)
        except ValueError:
            pass
    raise ValueError(f"{field}: {value!r} is not a date (YYYY-MM-DD)")


def precision(value: Any) -> str:
    """'year' for a bare year, else 'day'."""
    if isinstance(value, int) or (isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*", value)):
        return "year"
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}\s*", value):
        return "month"
    return "day"


def as_str_tuple(value: Any, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    raise ValueError(f"{field}: expected a string or a list of strings")


def report(problems: list[str]) -> None:
    for p in problems:
        log.warning("%s", p)
