"""The main charts as image files, drawn with matplotlib (no browser needed).

Why: reports, papers and CI artefacts want a PNG or SVG, and a server without
a browser should still be able to show what the dashboard shows. The numbers
come from the same analysis functions as the dashboard.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path
from typing import Sequence

import duckdb
import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import cm, colors  # noqa: E402

from foedus.analysis.filters import EventFilter  # noqa: E402
from foedus.analysis.network import network  # noqa: E402
from foedus.analysis.periods import trunc_sql  # noqa: E402
from foedus.analysis.focus import default_focus  # noqa: E402
from foedus.analysis.names import ActorNames, default_names  # noqa: E402
from foedus.analysis.relations import realignment, with_runs  # noqa: E402
from foedus.web.colours import partner_colours  # noqa: E402

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {1: "#9ccc9c", 2: "#2e7d32", 3: "#f0a868", 4: "#c62828"}


def _finish(fig: plt.Figure, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=130, bbox_inches="tight")
    plt.close(fig)
    return out


def plot_realignment(
    con: duckdb.DuckDBPyConnection, out: Path, focal: str | None = None,
    partners: Sequence[str] | None = None, freq: str = "month", names: ActorNames | None = None,
) -> Path:
    """Mean Goldstein of the focal actor's events with each partner, over time.

    The focal actor and partners default to the store's own (the busiest
    actor and its busiest partners). Lines are straight and join consecutive
    periods only, so a period without events stays a gap; each point's size
    is its number of events, and a point of fewer than three events is drawn
    open, because its mean is thin.
    """
    names = names or default_names()
    focus = default_focus(con, focal)
    focal = focus.focal
    partners = list(partners) if partners is not None else list(focus.partners)
    rows = with_runs(realignment(con, focal=focal, partners=partners, freq=freq), freq) if focal else []
    runs: dict[str, dict[str, list[tuple]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["run"] is not None:
            runs[r["partner"]][r["run"]].append((r["period"], r["goldstein_mean"], r["events"]))
    fig, ax = plt.subplots(figsize=(10, 4.8))
    ax.axhline(0, color="#9aa3ad", lw=1, ls="--")
    drawn = [p for p in partners if p in runs]
    colours = partner_colours(drawn)
    top = max((pt[2] for p in drawn for pts in runs[p].values() for pt in pts), default=1)
    for partner in drawn:
        colour = colours[partner]
        for n, pts in enumerate(runs[partner].values()):
            ax.plot([p[0] for p in pts], [p[1] for p in pts], lw=1.8, color=colour,
                    label=names.short(partner) if n == 0 else None)
            for when, value, events in pts:
                ax.scatter([when], [value], s=18 + 140 * events / top, zorder=3, linewidths=1.5,
                           facecolors=colour if events >= 3 else "white", edgecolors=colour)
    ax.set_ylim(-10.5, 10.5)
    ax.set_ylabel("mean Goldstein score (−10 … +10)")
    ax.set_xlabel(f"{freq} (point size: events; open point: fewer than 3)")
    who = names.short(focal) if focal else "no actor"
    ax.set_title(f"{who}: relations with its partners, per {freq}")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    if drawn:
        ax.legend(loc="upper left", ncol=min(len(drawn), 8), frameon=False, fontsize=9)
    else:
        ax.text(0.5, 0.5, f"no events between {who} and these partners", transform=ax.transAxes, ha="center")
    ax.grid(axis="y", color="#eeeeee")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _finish(fig, out)


def plot_timeline(con: duckdb.DuckDBPyConnection, out: Path, freq: str = "week") -> Path:
    """Events per week, stacked by quad class (negated events left out)."""
    rows = con.execute(
        f"SELECT {trunc_sql(freq, 'date')} AS period, quad_class, count(*) FROM events"
        " WHERE date IS NOT NULL AND NOT negated GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    periods = sorted({r[0] for r in rows})
    counts = {(r[0], r[1]): r[2] for r in rows}
    fig, ax = plt.subplots(figsize=(10, 3.8))
    bottom = [0] * len(periods)
    width = {"week": 6, "month": 27, "year": 330}[freq]
    for q in (1, 2, 3, 4):
        vals = [counts.get((p, q), 0) for p in periods]
        ax.bar(periods, vals, bottom=bottom, width=width, color=QUAD_COLOURS[q], label=QUAD_NAMES[q])
        bottom = [b + v for b, v in zip(bottom, vals)]
    ax.set_ylabel(f"events per {freq}")
    ax.set_xlabel(freq)
    ax.set_title(f"Events per {freq} by kind (negated events left out)")
    ax.legend(loc="upper left", ncol=4, frameon=False, fontsize=9)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _finish(fig, out)


def plot_network(con: duckdb.DuckDBPyConnection, out: Path, flt: EventFilter | None = None,
                 max_edges: int = 60, names: ActorNames | None = None) -> Path:
    """Actors on a circle, busiest first; edges by weight and cooperation."""
    names = names or default_names()
    net = network(con, flt, max_edges=max_edges)
    nodes = [n["id"] for n in net["nodes"]]
    pos = {n: (math.cos(2 * math.pi * i / max(len(nodes), 1)), math.sin(2 * math.pi * i / max(len(nodes), 1)))
           for i, n in enumerate(nodes)}
    fig, ax = plt.subplots(figsize=(7.5, 7.5))
    cmap = matplotlib.colormaps["RdYlGn"]
    norm = colors.Normalize(-1, 1)
    top = max((e["events"] for e in net["edges"]), default=1)
    for e in sorted(net["edges"], key=lambda e: e["events"]):
        (x1, y1), (x2, y2) = pos[e["a"]], pos[e["b"]]
        ax.plot([x1, x2], [y1, y2], color=cmap(norm(e["net_coop"])), lw=0.8 + 7 * e["events"] / top, alpha=0.8,
                zorder=1)
    weight = {n["id"]: n["events"] for n in net["nodes"]}
    big = max(weight.values(), default=1)
    for n, (x, y) in pos.items():
        ax.scatter([x], [y], s=120 + 900 * weight[n] / big, color="#34495e", zorder=2)
        ax.text(x * 1.13, y * 1.13, names.short(n), ha="center", va="center", fontsize=10, fontweight="bold")
    fig.colorbar(cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6,
                 label="net cooperation (conflict −1 … +1 cooperation)")
    ax.set_title("Actor network")
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    return _finish(fig, out)


def plot_all(
    con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "png", focal: str | None = None
) -> list[Path]:
    """Write realignment, timeline and network charts; returns the files.

    Without ``focal`` the relations chart is of the store's busiest actor.
    """
    if fmt not in ("png", "svg"):
        raise ValueError("format must be png or svg")
    out_dir = Path(out_dir)
    focal = focal or default_focus(con).focal
    return [
        plot_realignment(con, out_dir / f"relations-{focal or 'none'}.{fmt}", focal=focal),
        plot_timeline(con, out_dir / f"timeline.{fmt}"),
        plot_network(con, out_dir / f"network.{fmt}"),
    ]
