"""The dashboard's view of the database file: one read-only connection shared
by a burst of requests, given up when idle or when a writer asks.

Why: DuckDB lets one process write a file or several read it, not both; a
dashboard that kept the file open would make every ingest fail while it
runs, and would go on serving a file that ``make demo`` has deleted and
rebuilt. Opening and closing the file for each request cost 35-70 ms of
every page (a third of the figures page at a million events), and each
request started with DuckDB's cache empty. So requests share one read-only
connection (a cursor each) while they come, and it is closed:

* after ``idle`` seconds without a request (a second by default), so an
  ingest started between two clicks finds the file free;
* when a writer is waiting for the file (``store.db.writer_waiting``: our
  writers say so beside the file while they wait); no new connection is
  opened until the writer has the file or stopped waiting, and then the
  request waits for the writer as before (503 with the reason after
  ``wait`` seconds);
* when the file's identity (inode, size, modification times) changes: a
  database rebuilt is shown at the next request, without a restart.

The answers the app caches are keyed by the same identity.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from foedus.store.db import DatabaseLocked, connect, writer_waiting

# How long a request waits for an ingest that holds the file.
REQUEST_LOCK_WAIT = 5.0
# How long a connection is kept after its last request.
IDLE_RELEASE = 1.0
# How often a request waiting for a writer looks again.
_WRITER_POLL = 0.05


class DatabaseUnavailable(RuntimeError):
    """The file is missing or held by a writer; the message says which."""


class _Held:
    """The shared connection, the file identity it was opened on, and its users."""

    def __init__(self, con: duckdb.DuckDBPyConnection, version: tuple[int, int, int, int]) -> None:
        self.con = con
        self.version = version
        self.users = 0
        self.last_used = time.monotonic()


class Database:
    """Read-only access to the database at ``path``, shared across a burst of requests."""

    def __init__(self, path: str | Path, wait: float = REQUEST_LOCK_WAIT, idle: float = IDLE_RELEASE) -> None:
        self.path = str(path)
        self.wait = wait
        self.idle = idle
        self._memory: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._held: _Held | None = None
        self._timer: threading.Timer | None = None
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

    def is_open(self) -> bool:
        """Whether a connection to the file is held now (between requests too)."""
        with self._lock:
            return self._held is not None

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only cursor for one request, on the shared connection."""
        if self._memory is not None:
            cur = self._memory.cursor()
            try:
                yield cur
            finally:
                cur.close()
            return
        held = self._acquire()
        try:
            cur = held.con.cursor()
            try:
                yield cur
            finally:
                cur.close()
        finally:
            self._release(held)

    def _acquire(self) -> _Held:
        deadline = time.monotonic() + self.wait
        while writer_waiting(self.path) and time.monotonic() < deadline:
            self._drop_if_unused()
            time.sleep(_WRITER_POLL)
        version = self.version()
        if version is None:
            raise DatabaseUnavailable(f"{self.path}: no database (being rebuilt?); try again in a moment")
        with self._lock:  # one opening at a time; the first open of an older file migrates it once
            held = self._held
            if held is not None and (held.version != version or writer_waiting(self.path)):
                self._retire()
                held = None
            if held is None:
                try:
                    con = connect(self.path, read_only=True, wait=max(0.0, deadline - time.monotonic()))
                except DatabaseLocked as exc:
                    raise DatabaseUnavailable(f"{exc}") from None
                except FileNotFoundError as exc:
                    raise DatabaseUnavailable(str(exc)) from None
                self._held = held = _Held(con, version)
            held.users += 1
            return held

    def _release(self, held: _Held) -> None:
        with self._lock:
            held.users -= 1
            held.last_used = time.monotonic()
            if held is not self._held:  # retired while in use: the last user closes it
                if held.users == 0:
                    held.con.close()
                return
            if held.users == 0:
                self._schedule_idle_close()

    def _retire(self) -> None:
        """Stop handing the held connection out (call with the lock held); close
        it now if no request uses it, else its last user does."""
        held, self._held = self._held, None
        if held is not None and held.users == 0:
            held.con.close()

    def _drop_if_unused(self) -> None:
        with self._lock:
            if self._held is not None and self._held.users == 0:
                self._retire()

    def _schedule_idle_close(self, after: float | None = None) -> None:
        """One timer at a time: it looks again when it fires if requests came meanwhile."""
        if self._timer is not None and self._timer.is_alive() and after is None:
            return
        self._timer = threading.Timer(self.idle if after is None else after, self._close_if_idle)
        self._timer.daemon = True
        self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            held = self._held
            if held is None or held.users:
                return  # in use: its last user schedules the next look
            left = self.idle - (time.monotonic() - held.last_used)
            if left > 0:
                self._schedule_idle_close(after=left)
                return
            self._retire()

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._retire()
        if self._memory is not None:
            self._memory.close()
