"""The CAMEO codebook with its PLOVER 2.0 equivalents, read from package data.

Why a data file and not a table in code: the codebook is knowledge a user may
revise (names, Goldstein weights, the PLOVER mapping) without touching the
coder. ``data/coding/cameo.csv`` (format ``foedus-cameo/1``) and
``data/coding/plover.csv`` (format ``foedus-plover/1``) document their
columns in their header comments.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .problems import LoadProblem, report

CODE_RE = re.compile(r"^\d{2,4}$")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CodeInfo:
    """Everything the store and exports need to know about one CAMEO code."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None = None
    plover_mode: str | None = None
    plover_context: str | None = None


@dataclass(frozen=True)
class Codebook:
    codes: dict[str, CodeInfo]
    old_plover_labels: dict[str, str] = field(default_factory=dict)
    problems: tuple[LoadProblem, ...] = ()

    def get(self, code: str) -> CodeInfo | None:
        """The entry for ``code``; an unknown 4-digit code falls back to its 3-digit parent."""
        info = self.codes.get(code)
        if info is None and len(code) == 4:
            info = self.codes.get(code[:3])
        return info

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def roots(self) -> list[str]:
        return sorted({c.root for c in self.codes.values()})

    def plover_2(self, label: str) -> str:
        """A PLOVER event type of any version expressed as a PLOVER 2.0 type."""
        return self.old_plover_labels.get(label.upper(), label.upper())


def _data_path(name: str) -> Path:
    return Path(str(resources.files("foedus") / "data" / "coding" / name))


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    """Non-comment CSV rows with their 1-based line numbers (header included)."""
    out: list[tuple[int, list[str]]] = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append((lineno, next(csv.reader([line]))))
    return out


def _read_cameo(path: Path, problems: list[LoadProblem]) -> dict[str, CodeInfo]:
    codes: dict[str, CodeInfo] = {}
    rows = _rows(path)
    for lineno, row in rows[1:]:
        if len(row) != 5:
            report(problems, str(path), lineno, f"expected 5 columns, found {len(row)}")
            continue
        code, root, quad, gold, name = (c.strip() for c in row)
        try:
            if not CODE_RE.match(code) or not code.startswith(root):
                raise ValueError(f"bad code {code!r} for root {root!r}")
            q = int(quad)
            g = float(gold)
            if q not in QUAD_NAMES or not -10 <= g <= 10:
                raise ValueError("quad_class must be 1-4 and goldstein within -10..10")
        except ValueError as exc:
            report(problems, str(path), lineno, str(exc))
            continue
        codes[code] = CodeInfo(code, name, root, q, g)
    return codes


def _read_plover(path: Path, problems: list[LoadProblem]) -> tuple[dict[str, tuple[str, str, str]], dict[str, str]]:
    mapping: dict[str, tuple[str, str, str]] = {}
    old: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"#\s*old:\s*([A-Z_]+)\s*=\s*([A-Z_]+)", line)
            if m:
                old[m.group(1)] = m.group(2)
    for lineno, row in _rows(path)[1:]:
        if len(row) != 4 or not CODE_RE.match(row[0].strip()):
            report(problems, str(path), lineno, "expected cameo,plover_type,plover_mode,plover_context")
            continue
        mapping[row[0].strip()] = (row[1].strip(), row[2].strip(), row[3].strip())
    return mapping, old


def load_codebook(cameo_path: Path | None = None, plover_path: Path | None = None) -> Codebook:
    """Read the codebook files (the packaged ones unless paths are given)."""
    problems: list[LoadProblem] = []
    codes = _read_cameo(cameo_path or _data_path("cameo.csv"), problems)
    plover, old = _read_plover(plover_path or _data_path("plover.csv"), problems)
    merged: dict[str, CodeInfo] = {}
    for code, info in codes.items():
        ptype, pmode, pctx = plover.get(code, plover.get(code[:3], ("", "", "")))
        merged[code] = CodeInfo(
            info.code, info.name, info.root, info.quad_class, info.goldstein,
            ptype or None, pmode or None, pctx or None,
        )
    return Codebook(merged, old, tuple(problems))


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    """The packaged codebook, read once per process (it is immutable)."""
    return load_codebook()
