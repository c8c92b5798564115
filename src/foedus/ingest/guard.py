"""Each input under its own guard: a time budget and one-line failures.

Why: one pathological file (markup that makes a scan quadratic, a text that
makes the parser crawl) must not hold up or abort a batch of thousands. The
budget is a wall-clock alarm that interrupts the Python code working on the
input. In a process's main thread (a serial ingest, forked workers) it is
``signal.setitimer``; in any other thread (a Dask worker runs its tasks in a
thread pool) a timer thread raises the same exception in the working thread
through ``PyThreadState_SetAsyncExc``, which CPython checks between bytecodes
(so a call that stays in C, such as one regex search, finishes first; the
parser returns to Python between its steps).
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(Exception):
    """An input took longer than its time budget."""


def budget_for(n_bytes: int, seconds_per_mb: float, min_seconds: float) -> float:
    """Seconds an input of ``n_bytes`` may take."""
    return max(min_seconds, seconds_per_mb * n_bytes / (1024 * 1024))


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``OverBudget`` inside the block once ``seconds`` have passed."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        with _thread_budget(seconds):
            yield
        return

    def _alarm(signum, frame):  # noqa: ANN001
        raise OverBudget(f"over its time budget of {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}
    message = f"over its time budget of {seconds:.0f} s"
    # an exception raised in another thread is given as a class, made with no arguments: this one carries the message
    exc_type = type("OverBudget", (OverBudget,), {"__init__": lambda self: OverBudget.__init__(self, message)})

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(exc_type))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()


def reason(exc: BaseException) -> str:
    """A one-line reason for an unexpected failure on one input."""
    if isinstance(exc, OverBudget):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "too deeply nested to process"
    if isinstance(exc, MemoryError):
        return "too large to process in memory"
    text = " ".join(str(exc).split())[:200]
    return f"could not be processed ({type(exc).__name__}{': ' + text if text else ''})"
