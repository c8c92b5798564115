"""A long writing run's hold on the database: its connection, opened anew every
few batches, and a lock that keeps other writers out in between.

Why: DuckDB keeps its bookkeeping of the file's blocks (a handle per block,
the metadata of each row group it has read) for as long as the database is
open, and a writer that adds to a table reads its row groups again and
again. Over a long ingest that bookkeeping grew with the store: the C heap
of a writer replaying 19,600 analysed documents grew 108 -> 125 MB, and the
process's peak with it. Closing the database frees it; opened anew every 32
batches, the same replay held 108-109 MB throughout, for the same CPU (the
close checkpoints what the automatic checkpoints would have).

Closing lets the file go for an instant. So that no other writer takes it
then, and a run that has stored half its input waits 30 s and fails, the run
holds an advisory lock (``flock``) on a file beside the database,
``NAME.run-lock``, from its start to its end; every writer that opens the
database through :func:`foedus.store.db.connect` waits while it is held. A
reader taking the file in that instant (the dashboard) only makes the run
wait for it, and the dashboard lets the file go when a writer waits.
Without ``fcntl`` (Windows) there is no such lock, and the connection is
never reopened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from .db import RUN_LOCK_SUFFIX, connect, fcntl, wait_while_locked


class WritingSession:
    """The connection of one writing run (``con``), opened anew every ``renew_every`` batches.

    ``renew_every``: batches between two openings (0: never). Call
    :meth:`batch_stored` after each committed batch, between transactions.
    """

    def __init__(self, path: str | Path, *, wait: float, memory_limit: str | None, renew_every: int) -> None:
        self.path = str(path)
        self._wait = wait
        self._memory_limit = memory_limit
        self._lock_fd: int | None = None
        self._threads = 0
        self._stored = 0
        local = self.path != ":memory:" and fcntl is not None
        self.renew_every = renew_every if local else 0
        if local:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._lock_fd = wait_while_locked(self.path, wait, self._take_run_lock, mark=True)
        try:
            self.con: duckdb.DuckDBPyConnection = self._connect()
        except BaseException:
            self._release_run_lock()
            raise

    def _connect(self) -> duckdb.DuckDBPyConnection:
        return connect(self.path, wait=self._wait, memory_limit=self._memory_limit, own_run=self._lock_fd is not None)

    def _take_run_lock(self) -> int | None:
        """The run lock's descriptor, or None while another run holds it.

        The file is taken only if it is still the one at its path once
        locked: a run ending unlinks it while it holds it, and a lock on the
        unlinked file would keep no one out."""
        lock_path = self.path + RUN_LOCK_SUFFIX
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        try:
            same = os.stat(lock_path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            return self._take_run_lock()
        return fd

    def _release_run_lock(self) -> None:
        if self._lock_fd is None:
            return
        try:
            os.unlink(self.path + RUN_LOCK_SUFFIX)
        except OSError:
            pass
        os.close(self._lock_fd)  # and with it the lock
        self._lock_fd = None

    @contextmanager
    def threads(self, threads: int) -> Iterator[None]:
        """DuckDB on ``threads`` threads inside the block, on every connection the
        block opens, and on DuckDB's default after it (see ``store.db.threads_while``);
        0 leaves the setting as it is."""
        self._threads = int(threads)
        if self._threads:
            self.con.execute(f"SET threads = {self._threads}")
        try:
            yield
        finally:
            if self._threads:
                self.con.execute("RESET threads")
            self._threads = 0

    def batch_stored(self) -> None:
        """Count a committed batch; every ``renew_every``-th, open the connection anew."""
        self._stored += 1
        if not self.renew_every or self._stored % self.renew_every:
            return
        self.con.close()
        self.con = self._connect()
        if self._threads:
            self.con.execute(f"SET threads = {self._threads}")

    def close(self) -> None:
        """Close the connection and end the run's hold on the file."""
        try:
            self.con.close()
        finally:
            self._release_run_lock()

    def __enter__(self) -> "WritingSession":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
