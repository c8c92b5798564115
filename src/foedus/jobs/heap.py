"""The heap set for a long analysis run: the garbage collector and the C allocator.

The collector. The pipeline and the knowledge (the spaCy model, the actor
registry, the gazetteer, the patterns) are a few hundred thousand Python objects
built at setup that live as long as the process. Python's cyclic collector walks
them again in every full collection, and in a forked worker that walk writes to
their pages, which then stop being shared with the parent. Frozen after setup
(``gc.freeze()``, the use the Python documentation gives for it), they are never
walked: an ingest spends about a sixth of the collector's time it did. The young
generation is also collected after 10,000 new objects instead of 700: an analysis
allocates and frees objects by the thousand per sentence, nearly all of them freed
by reference counting, so most of those collections found nothing to free.

The C allocator. The parser's working arrays for a batch are large (some 150 MB
in blocks of one to tens of MB) and are all freed when the batch ends. glibc's
malloc gives a block above its mmap threshold a mapping of its own, returned
whole to the operating system when freed; but its threshold moves: each time such
a block is freed, the threshold rises to the block's size (up to 32 MB), and from
then on the parser's arrays are cut from the heap, where what earlier batches left
fragments it. A batch's peak then depends on the batches before it, and the
process's peak grew with a run's length (about 45 MB more at 2,000 documents than
at 200, traced batch by batch). A fixed threshold (``mallopt(M_MMAP_THRESHOLD)``,
which also stops it moving) keeps each large array in its own mapping, so every
batch starts from the same heap. Elsewhere than glibc nothing is changed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_GENERATION = 10_000
MMAP_THRESHOLD = 1 << 20  # blocks of 1 MB and more get a mapping of their own
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter


def fix_mmap_threshold(size: int = MMAP_THRESHOLD) -> bool:
    """Fix glibc's mmap threshold at ``size`` bytes for this process; ``False``
    where the C library is not glibc (nothing is changed there). The setting
    lasts as long as the process: glibc has no way back to the moving threshold,
    and a fixed one costs a process that is not analysing nothing it would notice."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    if not hasattr(libc, "gnu_get_libc_version"):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, int(size)))


@contextmanager
def settled_heap(young: int = YOUNG_GENERATION, mmap_threshold: int = MMAP_THRESHOLD) -> Iterator[None]:
    """Everything built so far frozen out of the collector for the block, and the
    allocator's mmap threshold fixed (0: left as it is); the collector's thresholds
    and the frozen set are as before afterwards.

    Nested use is safe: an inner block leaves the outer one's frozen objects frozen.
    """
    if mmap_threshold:
        fix_mmap_threshold(mmap_threshold)
    outer = gc.get_freeze_count() > 0
    thresholds = gc.get_threshold()
    gc.freeze()  # no collection first: it would walk every object once more, for little garbage
    gc.set_threshold(max(young, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if not outer:
            gc.unfreeze()


__all__ = ["MMAP_THRESHOLD", "YOUNG_GENERATION", "fix_mmap_threshold", "settled_heap"]
