"""Local worker processes that share one pipeline, built before they start.

Why: the spaCy pipeline and our knowledge (actor registry, gazetteer,
patterns) take hundreds of MB and several seconds to build. Built once in the
parent and inherited by forked workers (copy-on-write), they cost their memory
once, not once per worker, and workers start at once. The heap is settled
before the fork (:mod:`.heap`): the collector never touches (and so never
copies) the inherited objects' pages in the workers.

The parent only reads and writes; the workers only analyse.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager

from ..ingest.document import DocumentRecord
from ..ingest.read import RawItem, Rejection
from ..settings import Settings
from .analyse import Analysed, Analyser, analyser_for
from .heap import settled_heap

# The analyser the workers inherit: set in the parent just before forking.
_PREBUILT: Analyser | None = None


def die_with_parent() -> None:
    """Worker initializer: the kernel kills the worker when its parent dies
    (``prctl(PR_SET_PDEATHSIG, SIGKILL)`` on Linux), so a killed ingest leaves
    no workers holding hundreds of MB behind."""
    import ctypes
    import signal

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except OSError:  # pragma: no cover - no libc: workers still end with the pool
        return
    if os.getppid() == 1:  # the parent died before we asked
        os._exit(1)


def _analyser(settings: Settings) -> Analyser:
    """The inherited analyser, else (a spawned worker) one loaded here."""
    return _PREBUILT if _PREBUILT is not None and _PREBUILT.settings == settings else analyser_for(settings)


def analyse_prebuilt(items: list[RawItem], settings: Settings) -> list[Analysed | Rejection]:
    """Worker entry point of an ingest: read, clean and parse raw inputs."""
    return _analyser(settings).analyse(items)


def reanalyse_prebuilt(records: list[DocumentRecord], settings: Settings) -> list[Analysed]:
    """Worker entry point of a recode: parse stored documents again (no re-cleaning)."""
    return _analyser(settings).annotate(records)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def analysis_pool(settings: Settings, workers: int) -> Iterator[Executor]:
    """A process pool whose workers inherit the pipeline built here; submit
    :func:`analyse_prebuilt`. Where fork is unavailable, workers load their own."""
    global _PREBUILT
    if _can_fork():
        _PREBUILT = analyser_for(settings)
        context = multiprocessing.get_context("fork")
    else:  # pragma: no cover - macOS/Windows without fork
        context = multiprocessing.get_context()
    # inherited objects stay out of the workers' collections: their pages stay shared
    with settled_heap(mmap_threshold=settings.malloc_mmap_threshold):
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent)
        try:
            yield pool
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def task_sizes(n: int, size: int, workers: int, last: bool) -> list[int]:
    """How a batch of ``n`` items is cut into tasks for ``workers`` workers.

    A task is one parser group (``size``, ``Settings.parse_batch_size``): the
    parser is some 6% faster per document in groups of 16 than of 8, and a
    worker parses each task on its own. In the run's last batch, whatever one
    worker still holds when the other runs dry is wall time lost, so there
    each task takes a share of what is left (guided self-scheduling): the
    tasks shrink towards the end, down to one document, and the workers run
    dry within about a document of each other.
    """
    size = max(1, size)
    if not last:
        return [min(size, n - i) for i in range(0, n, size)]
    out: list[int] = []
    left = n
    while left:
        step = max(1, min(size, -(-left // (2 * max(1, workers)))))
        out.append(step)
        left -= step
    return out


def _marked_last(batches: Iterable[list[RawItem]]) -> Iterator[tuple[list[RawItem], bool]]:
    """Each batch with whether it is the last one (one batch of look-ahead)."""
    held: list[RawItem] | None = None
    for batch in batches:
        if held is not None:
            yield held, False
        held = batch
    if held is not None:
        yield held, True


def analyse_in_pool(batches: Iterable[list[RawItem]], settings: Settings) -> Iterator[list[Analysed | Rejection]]:
    """Analysed batches from ``settings.workers`` forked workers, in input order.

    Each batch is cut into tasks (:func:`task_sizes`: parser groups, shrinking
    in the last batch), spread over the workers; its results come back
    together as one list (the writer's unit, one transaction). Some three
    tasks per worker are kept in flight (never less than one whole batch), so
    memory stays flat whatever the corpus size.
    """
    with analysis_pool(settings, settings.workers) as pool:
        in_flight: deque[list[Future[list[Analysed | Rejection]]]] = deque()

        def oldest() -> list[Analysed | Rejection]:
            return [res for fut in in_flight.popleft() for res in fut.result()]

        for batch, last in _marked_last(batches):
            tasks, start = [], 0
            for step in task_sizes(len(batch), settings.parse_batch_size, settings.workers, last):
                tasks.append(pool.submit(analyse_prebuilt, batch[start:start + step], settings))
                start += step
            in_flight.append(tasks)
            while len(in_flight) > 1 and sum(map(len, in_flight)) >= 3 * settings.workers:
                yield oldest()
        while in_flight:
            yield oldest()
