"""The dashboard's view of the database file: opened per request, never held.

Why: DuckDB lets one process write a file or several read it, not both; a
dashboard that kept the file open would make every ingest fail while it
runs, and would go on serving a file that ``make demo`` has deleted and
rebuilt. So each request opens the file read-only and closes it when done,
and the answers the app caches are keyed by the file's identity (inode,
size, modification time): a rebuilt or newly ingested database is shown at
the next request, without a restart. A writer holding the file makes a
request wait briefly, then answer 503 with the reason.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from foedus.store.db import DatabaseLocked, connect

# How long a request waits for an ingest that holds the file.
REQUEST_LOCK_WAIT = 5.0


class DatabaseUnavailable(RuntimeError):
    """The file is missing or held by a writer; the message says which."""


class Database:
    """Read-only access to the database at ``path``, one connection per use."""

    def __init__(self, path: str | Path, wait: float = REQUEST_LOCK_WAIT) -> None:
        self.path = str(path)
        self.wait = wait
        self._memory: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        if self.path == ":memory:":  # tests: a memory database cannot be reopened
            self._memory = connect(self.path)

    def version(self) -> tuple[int, int, int, int] | None:
        """The file's identity now: changes when it is rebuilt or written."""
        if self._memory is not None:
            return (0, 0, 0, 0)
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        wal = 0
        try:
            wal = os.stat(self.path + ".wal").st_mtime_ns
        except FileNotFoundError:
            pass
        return (st.st_ino, st.st_size, st.st_mtime_ns, wal)

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection for one request, closed afterwards."""
        if self._memory is not None:
            cur = self._memory.cursor()
            try:
                yield cur
            finally:
                cur.close()
            return
        if not os.path.exists(self.path):
            raise DatabaseUnavailable(f"{self.path}: no database (being rebuilt?); try again in a moment")
        try:
            with self._lock:  # the first open of an older file migrates it once
                con = connect(self.path, read_only=True, wait=self.wait)
        except DatabaseLocked as exc:
            raise DatabaseUnavailable(f"{exc}") from None
        except FileNotFoundError as exc:
            raise DatabaseUnavailable(str(exc)) from None
        try:
            yield con
        finally:
            con.close()

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
