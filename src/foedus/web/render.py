"""Templates, links and number formats shared by the pages.

Autoescaping is on for every template: article text, titles and actor names
are untrusted and must show as text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from foedus.analysis.names import ActorName
from foedus.web.export import export_response, json_default
from foedus.web.ledger import own_rationale

HERE = Path(__file__).parent
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
ROOTS = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Diplomatic cooperation", "06": "Material cooperation", "07": "Provide aid", "08": "Yield",
    "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce",
    "18": "Assault", "19": "Fight", "20": "Unconventional mass violence",
}
NAV = [
    ("/", "Overview"), ("/relations", "Relations"), ("/timeline", "Timeline"), ("/network", "Network"),
    ("/ledger", "Commitments"), ("/outlets", "Outlets"), ("/corroborate", "Figures"),
]


def url(path: str, params: dict[str, Any] | None = None, **more: Any) -> str:
    """``path?query`` with empty values dropped, keys sorted (stable, shareable)."""
    merged = {**(params or {}), **more}
    items = []
    for k in sorted(merged):
        v = merged[k]
        if v is None or v == "" or v is False:
            continue
        if isinstance(v, (list, tuple)):
            items += [(k, str(x)) for x in v]
        else:
            items.append((k, v.isoformat() if isinstance(v, date) else "1" if v is True else str(v)))
    return path + ("?" + urlencode(items) if items else "")


def num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:+.{digits}f}" if digits else f"{value:.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def plain(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def tone(value: Any) -> str:
    """CSS class for a Goldstein or net-cooperation value."""
    if value is None:
        return "neutral"
    return "coop" if value > 0.05 else "conflict" if value < -0.05 else "neutral"


def make_templates(names: Callable[[str | None], ActorName] | None = None) -> Jinja2Templates:
    """The page templates; ``names`` turns actor codes into names (codes on hover)."""
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True)
    namer = names or (lambda code: ActorName(code or "", code or "?", code or "unknown actor"))
    env.globals.update(url=url, QUADS=QUADS, ROOTS=ROOTS, NAV=NAV, actor_name=namer)
    env.policies["json.dumps_kwargs"] = {"default": json_default, "sort_keys": False}
    env.filters.update(num=num, plain=plain, tone=tone, own_rationale=own_rationale,
                       name=lambda code: namer(code).short)
    return Jinja2Templates(env=env)


def page(
    request: Request,
    templates: Jinja2Templates,
    name: str,
    fmt: str,
    ctx: dict[str, Any],
    rows: list[dict[str, Any]],
    json_data: Any = None,
    status_code: int = 200,
) -> Response:
    """The HTML page, or its rows as CSV/JSON when ``format`` asks for it."""
    if fmt in ("csv", "json"):
        return export_response(name, fmt, rows, json_data)
    here = dict(request.query_params)
    ctx = {
        **ctx,
        "request": request,
        "path": request.url.path,
        "query": here,
        "csv_url": url(request.url.path, {**here, "format": "csv"}),
        "json_url": url(request.url.path, {**here, "format": "json"}),
    }
    return templates.TemplateResponse(request, f"{name}.html", ctx, status_code=status_code)


def error_page(request: Request, templates: Jinja2Templates, status: int, message: str) -> HTMLResponse:
    titles = {400: "Bad request", 404: "Not found", 500: "Something went wrong"}
    return templates.TemplateResponse(
        request, "error.html",
        {"request": request, "status": status, "title": titles.get(status, "Error"), "message": message,
         "path": request.url.path},
        status_code=status,
    )
