"""The content hashes an ingest has passed on that the store cannot yet answer for.

Why: a file read twice in one run (the same bytes under two names) must be
analysed once. The store answers for every document it holds (one look-up
per group of items read), but an item passed on to the analysis is not in the
store until its batch is written, so its hash is held here meanwhile. A hash
leaves once a look-up has run after its batch was handled: from then on the
store answers for it (or, for an item the analysis rejected, a later copy is
judged on its own). The set holds the batches in flight and a group of items
read, never the whole run: a set of every hash read grew by some 150 bytes a
document, without end.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable


class PassedOn:
    """Hashes of items passed on, until a look-up of the store has run after their batch was handled."""

    def __init__(self) -> None:
        self._held: set[str] = set()
        self._batches: deque[list[str]] = deque()  # hashes of the batches in flight, oldest first
        self._handled: list[str] = []  # hashes of handled batches, not yet answered for by a look-up

    def __contains__(self, content_hash: str) -> bool:
        return content_hash in self._held

    def __len__(self) -> int:
        return len(self._held)

    def add(self, content_hash: str) -> None:
        """An item passed on to the analysis."""
        self._held.add(content_hash)

    def sent(self, hashes: Iterable[str]) -> None:
        """A batch of items (their hashes) sent to the analysis, after the batches sent before it."""
        self._batches.append(list(hashes))

    def handled(self) -> None:
        """The oldest batch in flight was handled: its documents are stored (or rejected)."""
        self._handled.extend(self._batches.popleft())

    def look_up(self) -> list[str]:
        """Call just before a look-up of the store; pass what it returns to :meth:`answered` after it."""
        return list(self._handled)

    def answered(self, before: list[str]) -> None:
        """The look-up that began after ``before`` were handled has run: the store answers for them."""
        self._held.difference_update(before)
        del self._handled[:len(before)]
