"""What a view shows, as CSV or JSON.

Why here: every page offers its rows for download (``?format=csv|json``), and
the rows must be the same ones the page shows. Nested values (lists, filter
dicts) become JSON text in a CSV cell, so nothing is lost.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable

from fastapi.responses import Response

from ..export.cells import spreadsheet_safe

FORMATS = ("html", "csv", "json")


def json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    return str(value)


def to_json(data: Any) -> str:
    return json.dumps(data, default=json_default, ensure_ascii=False, indent=1)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return spreadsheet_safe(json.dumps(value, default=json_default, ensure_ascii=False))
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return spreadsheet_safe(value)


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    rows = list(rows)
    buf = io.StringIO()
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(r.get(k)) for k in cols})
    return buf.getvalue()


def export_response(name: str, fmt: str, rows: list[dict[str, Any]], json_data: Any = None) -> Response:
    """A download of ``rows`` (CSV) or ``json_data`` (default: rows) as JSON."""
    if fmt == "csv":
        return Response(
            to_csv(rows), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )
    return Response(
        to_json(rows if json_data is None else json_data), media_type="application/json",
        headers={"Content-Disposition": f'inline; filename="{name}.json"'},
    )
