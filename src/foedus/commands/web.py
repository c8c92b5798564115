"""``foedus serve`` and ``foedus plot``: the dashboard and its charts as files.

Plain functions with Typer annotations, so the CLI can register them as
top-level commands (``app.command()(serve)``) and tests can call them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from foedus.settings import from_env

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="DuckDB database file (default: $FOEDUS_DB or foedus.duckdb).",
                 dir_okay=False),
]


def _db(db: Path | None) -> Path:
    path = Path(db) if db else from_env().db_path
    if not path.exists():
        typer.echo(f"foedus: {path}: no such database; run `foedus ingest` first", err=True)
        raise typer.Exit(2)
    return path


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    allowed_host: Annotated[list[str], typer.Option("--allowed-host", help="Another Host name to answer (e.g. the machine's name on your network); repeatable.")] = [],  # noqa: B006
    focal: Annotated[Optional[str], typer.Option(
        "--focal", help="Actor the overview and relations pages start from (default: the one in the most events).")] = None,
) -> None:
    """Serve the dashboard (read-only) at http://HOST:PORT/.

    Only requests for localhost, 127.0.0.1, HOST and each --allowed-host are
    answered (others get 400), so a web page cannot read the dashboard
    through DNS rebinding. The database is held only while requests come (let
    go after a second idle, or when an ingest asks for it): ingest into it
    while the dashboard runs, or rebuild it, and the next page shows the new data.

    Example: foedus serve --db news.duckdb --port 8080 --focal PRK
    """
    import uvicorn

    from foedus.web.app import create_app

    path = _db(db)
    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such database; run `foedus ingest` first")
    app = create_app(path, allowed_hosts=(host, *allowed_host), focal=focal)
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"foedus: warning: listening on {host}; anyone who can reach it can read the data", err=True)
    typer.echo(f"foedus: serving {path} at http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def plot(
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", help="Directory for the chart files.", file_okay=False)] = Path("charts"),
    format: Annotated[str, typer.Option("--format", help="png or svg.")] = "png",
    focal: Annotated[Optional[str], typer.Option(
        "--focal", help="Actor whose relations are charted (ISO3 or organisation; default: the one in the most events).")] = None,
) -> None:
    """Write the relations, timeline and network charts as image files.

    Example: foedus plot --db news.duckdb --out charts --format svg --focal PRK
    """
    from foedus.store.db import connect
    from foedus.web.plots import plot_all

    if format not in ("png", "svg"):
        typer.echo("foedus: --format must be png or svg", err=True)
        raise typer.Exit(2)
    con = connect(_db(db), read_only=True)
    try:
        for f in plot_all(con, out, fmt=format, focal=focal):
            typer.echo(str(f))
    finally:
        con.close()
