"""Reading query parameters; anything malformed becomes a 400 page.

Why: URLs are shareable and hand-edited, so a bad value must give a clear
message, never a traceback.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

from foedus.analysis.filters import EventFilter, FilterError
from foedus.analysis.periods import FREQS
from foedus.web.export import FORMATS


def bad(message: str) -> HTTPException:
    return HTTPException(status_code=400, detail=message)


def output_format(request: Request) -> str:
    fmt = request.query_params.get("format", "html") or "html"
    if fmt not in FORMATS:
        raise bad(f"format must be one of {', '.join(FORMATS)}")
    return fmt


def int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad(f"{name} must be a whole number, not {raw!r}") from None
    if not lo <= value <= hi:
        raise bad(f"{name} must be between {lo} and {hi}")
    return value


def choice(request: Request, name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = request.query_params.get(name) or default
    if value not in allowed:
        raise bad(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    return value


def freq(request: Request, default: str = "month") -> str:
    return choice(request, "freq", default, FREQS)


def flag(request: Request, name: str) -> bool:
    return (request.query_params.get(name) or "").lower() in ("1", "true", "yes", "on")


def str_list(request: Request, name: str) -> list[str]:
    """Repeated or comma-separated values: ``?p=RUS&p=USA`` or ``?p=RUS,USA``."""
    out: list[str] = []
    for raw in request.query_params.getlist(name):
        out += [v.strip() for v in raw.split(",") if v.strip()]
    return list(dict.fromkeys(out))


def event_filter(request: Request) -> EventFilter:
    try:
        return EventFilter.from_params(dict(request.query_params))
    except FilterError as exc:
        raise bad(str(exc)) from None
