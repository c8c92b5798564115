"""Bounded memos: answers a long run asks again and again, kept without growing with the corpus.

The analysis remembers answers per word form (lemmas, pattern look-ups,
pattern heads), per place name and per office: news repeats its words, so
most questions are answered from a dict. A run's new names and numbers keep
adding keys, though, and a memo left unbounded grows with the corpus. Each
memo here holds two generations of at most :data:`MEMO_SIZE` keys: new answers
go to the young one; when it is full it becomes the old one and the oldest
generation is dropped. An answer found in the old generation moves to the
young one, so the forms a run keeps using stay, while a name met once leaves
after two generations. What a memo holds is therefore at most twice
:data:`MEMO_SIZE` keys, whatever the length of the run: the process's memory
stops growing early in a run instead of after tens of thousands of documents.

The memos that are a pure function of one argument use ``functools.lru_cache``
with ``maxsize=MEMO_SIZE`` instead (least recently used first out, same bound).

Why 4,096: an entry of the word memos costs some 300-500 bytes of Python heap
(a key tuple, its strings or integers, the answer), so the three of them stop
at about 10 MB; the former bound of 50,000 keys a memo, emptied when full, let
them reach some 70 MB on a long run, and the place-name caches (65,536 names
each) as much again. A generation of 4,096 keys holds the forms a news story
repeats; a form asked less than once a generation is worked out again at the
cost of one look-up (a few microseconds: on real news, memos of 16 keys gave
the same CPU time within the noise, and the same events).
"""

from __future__ import annotations

from typing import Callable, Generic, Hashable, TypeVar

MEMO_SIZE = 4_096

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict, Generic[K, V]):  # type: ignore[type-arg]
    """A dict of the young generation, with the old one behind it.

    Read with ``memo.get(key)`` first (the dict's own look-up, as fast as a
    plain dict: the forms in use are young), then ``memo.recall(key)`` (the
    old generation; a hit moves the key back to the young one) and the work,
    both through ``memo.answer(key, work)``. ``None`` means "not known", so an
    answer must not be ``None``.
    """

    __slots__ = ("size", "old")

    def __init__(self, size: int = MEMO_SIZE) -> None:
        super().__init__()
        if size < 1:
            raise ValueError(f"a memo holds at least one key, not {size}")
        self.size = size
        self.old: dict[K, V] = {}

    def answer(self, key: K, work: Callable[[], V]) -> V:
        """The answer after the young generation missed: the old generation's (moved back to the young
        one), else ``work()``'s, kept. Callers read ``memo.get(key)`` first, so a hit costs one look-up."""
        value = self.recall(key)
        if value is None:
            value = work()
            self.keep(key, value)
        return value

    def recall(self, key: K) -> V | None:
        """The answer kept in the old generation, moved to the young one; ``None`` when neither holds it."""
        value = self.old.get(key)
        if value is not None:
            self.keep(key, value)
        return value

    def keep(self, key: K, value: V) -> None:
        """Remember ``value``; a full young generation becomes the old one and the old one is dropped."""
        self[key] = value
        if len(self) >= self.size:
            self.old = dict(self)
            self.clear()

    def forget(self) -> None:
        """Drop both generations (the answers' source changed)."""
        self.clear()
        self.old = {}

    def held(self) -> int:
        """How many keys both generations hold (at most twice ``size``)."""
        return len(self) + len(self.old)


__all__ = ["MEMO_SIZE", "Memo"]
