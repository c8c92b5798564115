"""How big a memo of a long run may grow.

The analysis remembers answers per word form (lemmas, pattern look-ups,
pattern heads): news repeats its words, so most tokens are answered from a
dict. A run's new names and numbers keep adding forms, though, and a memo
left unbounded grows with the corpus. Each memo is emptied when it reaches
:data:`MEMO_SIZE` entries and fills again with the forms in use.

Why 50,000: the memos cost about 200-400 bytes an entry (some 40 MB for
the three at that size; 150 MB at 200,000), and the forms news repeats fit
well inside it. An emptied memo costs a few milliseconds of look-ups while
it fills again.
"""

from __future__ import annotations

MEMO_SIZE = 50_000

__all__ = ["MEMO_SIZE"]
