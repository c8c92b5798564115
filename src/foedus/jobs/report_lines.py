"""The lines of a run's report of one kind (duplicates, rejections, warnings...).

Why a class of its own: a report names every file that was not stored as it
came (a copy, a rejection, a warning), and the person who started the run
reads them at its end. A crawl in which a third of the files are copies would
keep hundreds of thousands of such lines in the ingest's memory until then, so
the ingest's memory would follow the crawl's size. Here the lines are held in
a spooled temporary file (the standard library's ``SpooledTemporaryFile``):
in memory up to a bound, on disk beyond it, read back in order when the report
is printed. To its users it is a sequence of tuples, as the list it replaces.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

#: Bytes of report lines held in memory before they go to a temporary file.
IN_MEMORY_BYTES = 1 << 20


class ReportLines:
    """An append-only sequence of tuples of strings and numbers, spooled to disk
    beyond ``max_bytes``; iterating reads them back in the order appended."""

    def __init__(self, items: Iterable[tuple[Any, ...]] = (), max_bytes: int | None = None) -> None:
        if max_bytes is None:
            max_bytes = IN_MEMORY_BYTES
        self._max_bytes = max_bytes
        self._spool = tempfile.SpooledTemporaryFile(max_size=max_bytes, mode="w+b")
        self._count = 0
        self._bytes = 0
        self.extend(items)

    def append(self, item: tuple[Any, ...]) -> None:
        line = json.dumps(list(item), ensure_ascii=True).encode("ascii") + b"\n"
        self._spool.seek(0, 2)
        self._spool.write(line)
        self._count += 1
        self._bytes += len(line)

    def extend(self, items: Iterable[tuple[Any, ...]]) -> None:
        for item in items:
            self.append(item)

    def on_disk(self) -> bool:
        """Whether the lines have outgrown memory (for tests and diagnostics): the
        spooled file moves to disk once it holds more than its bound."""
        return self._bytes > self._max_bytes

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        # Each read starts where the last one ended, so lines appended while
        # iterating are read too, as with a list.
        offset = 0
        while True:
            self._spool.seek(offset)
            line = self._spool.readline()
            if not line:
                return
            offset = self._spool.tell()
            yield tuple(json.loads(line))

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ReportLines, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like the list it replaces

    def __add__(self, other: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [*self, *other]

    def __repr__(self) -> str:
        return f"ReportLines({self._count} lines{', on disk' if self.on_disk() else ''})"

    def __reduce__(self) -> tuple[Any, ...]:
        # A report sent to another process travels as its lines.
        return (ReportLines, (list(self), self._max_bytes))
