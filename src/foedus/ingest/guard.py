"""Each input under its own guard: a time budget and one-line failures.

Why: one pathological file (markup that makes a scan quadratic, a text that
makes the parser crawl) must not hold up or abort a batch of thousands. The
budget is a wall-clock alarm (``signal.setitimer``) that interrupts the
Python code working on the input; it is set only in a process's main thread
(worker processes run their batches there too), and elsewhere the guard
still turns any exception into a reason.
"""

from __future__ import annotations

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
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
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
