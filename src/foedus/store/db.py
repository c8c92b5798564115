"""Opening the DuckDB file and keeping its schema current.

Every writer and reader goes through :func:`connect`, so a database created by
an older foedus is migrated the first time a newer one opens it, and a new
file gets the whole schema in one transaction.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TypeVar

import duckdb

try:
    import fcntl
except ImportError:  # Windows: no run lock there, and runs do not reopen their connection
    fcntl = None  # type: ignore[assignment]

SCHEMA_VERSION = 11
T = TypeVar("T")
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def _schema_sql() -> str:
    return resources.files("foedus.store").joinpath("schema.sql").read_text(encoding="utf-8")


def _migrations() -> list[tuple[int, str]]:
    """Numbered migration scripts shipped with the package, in order."""
    folder = resources.files("foedus.store").joinpath("migrations")
    found: list[tuple[int, str]] = []
    for entry in folder.iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version recorded in the database (0 for an empty file)."""
    has_table = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_info'"
    ).fetchone()[0]
    if not has_table:
        return 0
    row = con.execute("SELECT max(version) FROM schema_info").fetchone()
    return int(row[0] or 0)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema to :data:`SCHEMA_VERSION`; returns the version reached.

    Version 1 is the base schema. A migration ``NNN_name.sql`` takes the
    database from version NNN-1 to NNN; each runs in its own transaction so a
    failure leaves the previous version intact.
    """
    version = current_version(con)
    if version == 0:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(_schema_sql())
            con.execute("INSERT INTO schema_info (version) VALUES (1)")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = 1
    for number, sql in _migrations():
        if number <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_info (version) VALUES (?)", [number])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = number
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema version {version} is newer than this foedus ({SCHEMA_VERSION}); upgrade foedus"
        )
    return version


class DatabaseLocked(RuntimeError):
    """Another process holds the database; the message says which and what to do."""


# How long an open waits by default for a database another process holds
# (a dashboard reading, an ingest writing) before giving up with a clear line.
LOCK_WAIT_SECONDS = 30.0


# A writer kept out by readers says so in a file beside the database, touched
# at each try: a reader that keeps a connection between requests (the
# dashboard) gives the file up when it sees a fresh one. Fresh means touched
# within WRITER_WAITING_FRESH seconds (a writer tries at least once a second),
# so one left by a writer that was killed is ignored.
WRITER_WAITING_SUFFIX = ".writer-waiting"
WRITER_WAITING_FRESH = 3.0


def writer_waiting(target: str) -> bool:
    """Whether a writer is waiting for the file ``target`` (a fresh marker beside it)."""
    try:
        return time.time() - os.stat(target + WRITER_WAITING_SUFFIX).st_mtime < WRITER_WAITING_FRESH
    except OSError:
        return False


def _mark_waiting(target: str) -> None:
    try:
        Path(target + WRITER_WAITING_SUFFIX).touch()
    except OSError:
        pass  # a folder we cannot write to: the readers are not told, nothing else changes


def _unmark_waiting(target: str) -> None:
    try:
        os.unlink(target + WRITER_WAITING_SUFFIX)
    except OSError:
        pass


# A writing run that opens its connection anew now and then (``store.session``)
# holds an advisory lock on this file beside the database for the whole run, so
# that no other writer takes the database in the instant between two of its
# connections. Every writer that goes through :func:`connect` respects it.
RUN_LOCK_SUFFIX = ".run-lock"


def run_lock_held(target: str) -> bool:
    """Whether a writing run of another process holds ``target`` (its run lock is taken)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(target + RUN_LOCK_SUFFIX, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # and with it the shared lock just taken
    return False


def wait_while_locked(target: str, wait: float, attempt: Callable[[], T | None], mark: bool) -> T:
    """``attempt()`` until it gives something (None: the file is held), for up to
    ``wait`` seconds, then ``DatabaseLocked``. With ``mark``, a writer says it
    waits beside the file (:func:`writer_waiting`) while it does."""
    deadline = time.monotonic() + max(0.0, wait)
    pause = 0.05
    marked = False
    try:
        while True:
            got = attempt()
            if got is not None:
                return got
            if time.monotonic() >= deadline:
                raise DatabaseLocked(
                    f"{target}: the database is in use by another process; "
                    f"waited {wait:.0f} s; try again when it has finished"
                )
            if mark:
                _mark_waiting(target)
                marked = True
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
    finally:
        if marked:
            _unmark_waiting(target)


def _open(target: str, read_only: bool, wait: float, own_run: bool = False) -> duckdb.DuckDBPyConnection:
    """``duckdb.connect``, waiting up to ``wait`` seconds while another process
    holds the file's lock (DuckDB allows one writing process, or readers) or,
    for a writer, while another process's writing run holds it between two of
    its connections (``own_run``: this process's run does)."""
    holder: list[str] = []

    def attempt() -> duckdb.DuckDBPyConnection | None:
        if not read_only and not own_run and target != ":memory:" and run_lock_held(target):
            return None
        try:
            return duckdb.connect(target, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            holder[:] = re.findall(r"PID (\d+)", str(exc))[:1]
            return None
        except duckdb.ConnectionException as exc:
            # this process holds the file the other way (a dashboard's reader
            # beside a writer, in one notebook): wait for it as for another process
            if "different configuration" not in str(exc):
                raise
            return None

    try:
        return wait_while_locked(target, wait, attempt, mark=not read_only)
    except DatabaseLocked as exc:
        who = f" (process {holder[0]})" if holder else ""
        raise DatabaseLocked(str(exc).replace("another process;", f"another process{who};", 1)) from None


def connect(path: str | Path, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS,
            memory_limit: str | None = None, *, own_run: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a foedus database, migrated to the current schema.

    ``":memory:"`` gives a throw-away database, which tests use. A database
    another process holds is waited for up to ``wait`` seconds, then
    ``DatabaseLocked`` says so in one line. ``memory_limit`` (DuckDB's, such
    as ``"1GB"``) bounds what DuckDB keeps in memory before it writes out or
    evicts; by default DuckDB allows itself 80% of the machine's memory and
    keeps every block it wrote, so a writer's memory grew with the store.
    ``own_run``: the caller is a writing run that holds the run lock
    (``store.session``), so it does not wait for itself.
    """
    target = str(path)
    if read_only:
        if target != ":memory:" and not Path(target).exists():
            raise FileNotFoundError(f"{target}: no such database; run `foedus ingest` first")
        con = _open(target, True, wait)
        if current_version(con) < SCHEMA_VERSION:
            # A database written by an older foedus: upgrade it once, then
            # hand back the read-only view the caller asked for.
            con.close()
            upgrade = _open(target, False, wait)
            migrate(upgrade)
            upgrade.close()
            con = _open(target, True, wait)
        return con
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    con = _open(target, False, wait, own_run)
    if memory_limit:
        con.execute(f"SET memory_limit = '{_memory_size(memory_limit)}'")
    migrate(con)
    return con


def release_cache(con: duckdb.DuckDBPyConnection, keep: str) -> None:
    """Evict DuckDB's cached blocks down to ``keep`` (a size such as ``"8MB"``),
    leaving its memory limit as it was.

    Why: DuckDB keeps every block a connection has written or read until its
    memory limit presses, so a writer's cache only grows over a run, and it is
    held while the next batch is parsed, which is when an ingest peaks. Between
    two batches the writer needs nothing cached (evicted blocks come back from
    the file, through the OS's cache). Lowering the limit is how DuckDB is told
    to evict; what it cannot free (a table's rows not yet checkpointed, the
    indexes of this run's rows) it keeps, and the limit is put back at once.
    Call it between transactions: DuckDB aborts a transaction in which an
    eviction falls short.
    """
    (limit,) = con.execute("SELECT current_setting('memory_limit')").fetchone()
    try:
        con.execute(f"SET memory_limit = '{_memory_size(keep)}'")
    except duckdb.OutOfMemoryException:
        pass  # it evicted what it could; the rest is pinned
    finally:
        con.execute(f"SET memory_limit = '{_memory_size(limit)}'")


@contextmanager
def threads_while(con: duckdb.DuckDBPyConnection, threads: int) -> Iterator[None]:
    """DuckDB on ``threads`` threads inside the block, on its default (one per core) after it;
    0 leaves the setting as it is.

    Why: a writer stores batches while the same machine parses the next ones (in
    this process or in workers). DuckDB's extra threads then buy it nothing but
    contention, and each thread keeps a C allocator arena of its own that grew
    over a long run (traced: 5-6 MB more over 10,000 documents). On one thread the
    writer alone took 5% less CPU over 10,000 documents. The merge that follows
    the batches runs when nothing else does, and there DuckDB's threads help.
    """
    if not threads:
        yield
        return
    con.execute(f"SET threads = {int(threads)}")
    try:
        yield
    finally:
        con.execute("RESET threads")


def _memory_size(value: str) -> str:
    """A DuckDB memory size ("800MB", "1.5GB"), checked: it is written into SQL."""
    import re

    text = str(value).strip().replace(" ", "")
    if not re.fullmatch(r"\d+(\.\d+)?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", text, re.IGNORECASE):
        raise ValueError(f"memory limit {value!r} is not a size such as 800MB or 2GB")
    return text
