"""Problems found while loading a data file.

Why a record rather than an exception: a user's pattern or codebook file with
one bad line must not stop the pipeline. Loaders collect one ``LoadIssue`` per
malformed entry (with file and line, so the user can fix it), skip the entry
and log the message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger("foedus.coding")


@dataclass(frozen=True)
class LoadIssue:
    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def report(issues: list[LoadIssue], path: str, line: int, reason: str) -> None:
    """Record and log one malformed entry."""
    issue = LoadIssue(path, line, reason)
    issues.append(issue)
    log.warning("skipped %s", issue)
