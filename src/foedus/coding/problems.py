"""Problems found while loading a data file.

Why a record rather than an exception: a user's pattern or codebook file with
one bad line must not stop the pipeline. Loaders collect one ``LoadProblem`` per
malformed entry (with file and line, so the user can fix it), skip the entry
and log the message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger("foedus.coding")


@dataclass(frozen=True)
class LoadProblem:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def report(problems: list[LoadProblem], path: str, line: int, reason: str) -> None:
    """Record and log one malformed entry."""
    problem = LoadProblem(path, line, reason)
    problems.append(problem)
    log.warning("skipped %s", problem)
