"""A report on PETRARCH/Phoenix dictionary files before a user relies on them.

Why: imported dictionaries are large and old; a user needs to see how much was
read and which lines were skipped (file:line) before trusting codes from them.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .phoenix import read_dictionary


def check_dictionaries(files: Iterable[Path | str], on: date | None = None) -> dict[str, Any]:
    """Counts per file, all problems, and (with ``on``) how many actors have a code that day."""
    rows, problems = [], []
    coded = 0
    for f in files:
        t0 = time.perf_counter()
        result = read_dictionary(f)
        seconds = time.perf_counter() - t0
        rows.append({
            "file": str(f),
            "lines": result.lines,
            "actors": len(result.actors),
            "agents": len(result.agents),
            "dated_codes": sum(1 for a in result.actors for c in a.codes if c.dated),
            "problems": len(result.problems),
            "seconds": seconds,
        })
        problems.extend(str(p) for p in result.problems)
        if on is not None:
            coded += sum(1 for a in result.actors if a.code_on(on))
    return {"files": rows, "problems": problems, "coded_on_date": coded if on is not None else None}
