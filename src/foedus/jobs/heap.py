"""The garbage collector set for a long analysis run.

Why: the pipeline and the knowledge (the spaCy model, the actor registry, the
gazetteer, the patterns) are a few hundred thousand Python objects built at
setup that live as long as the process. Python's cyclic collector walks them
again in every full collection, and in a forked worker that walk writes to
their pages, which then stop being shared with the parent. Frozen after setup
(``gc.freeze()``, the use the Python documentation gives for it), they are
never walked: an ingest spends about a sixth of the collector's time it did.
The young generation is also collected after 10,000 new objects instead of
700: an analysis allocates and frees objects by the thousand per sentence,
nearly all of them freed by reference counting, so most of those collections
found nothing to free.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_GENERATION = 10_000


@contextmanager
def settled_heap(young: int = YOUNG_GENERATION) -> Iterator[None]:
    """Everything built so far frozen out of the collector for the block; the
    collector's thresholds and the frozen set are as before afterwards.

    Nested use is safe: an inner block leaves the outer one's frozen objects frozen.
    """
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


__all__ = ["YOUNG_GENERATION", "settled_heap"]
