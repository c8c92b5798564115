"""Where each word of a Doc stands: lower-case form -> token positions, built once per Doc.

Why: several stages look for a handful of words anywhere in a document ("its",
"allies", "supporters of", "the committee"). Walking every token to compare its
form costs a Python ``Token`` object and a string lookup per token and per
search (about a quarter of a millisecond for a 500-token article, each time);
the positions of every form, read once from spaCy's own ``LOWER`` column,
answer each search with a dict lookup. The index lives in ``doc.user_data``
(so it travels with the Doc) and is rebuilt when the Doc's length no longer
matches (a Doc made from another's data, or retokenised).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

_KEY = ("foedus", "lower_positions")
_LEMMA_KEY = ("foedus", "lemma_positions")
_ASKED_KEY = ("foedus", "asked_positions")


def _grouped(doc: Doc, attr: int) -> dict[int, list[int]]:
    """Token positions by the value of one of spaCy's columns, each list in order."""
    column = doc.to_array(attr)
    order = np.argsort(column, kind="stable")
    values = column[order]
    cuts = np.flatnonzero(values[1:] != values[:-1]) + 1
    starts = [0, *cuts.tolist()]
    positions = order.tolist()
    ends = [*starts[1:], len(positions)]
    keys = values[starts].tolist() if len(positions) else []
    return {k: positions[a:b] for k, a, b in zip(keys, starts, ends)}


def word_positions(doc: Doc) -> Mapping[str, list[int]]:
    """Each lower-case form of ``doc`` with the positions of its tokens, in order."""
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    strings = doc.vocab.strings
    index = {strings[h]: at for h, at in _grouped(doc, LOWER).items()}
    doc.user_data[_KEY] = (len(doc), index)
    return index


def lemma_positions(doc: Doc) -> Mapping[str, list[int]]:
    """Each lower-case lemma of ``doc`` with the positions of its tokens, in order (lemmas are
    set by the model before any of our components run, and are not changed after)."""
    cached = doc.user_data.get(_LEMMA_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    strings = doc.vocab.strings
    index: dict[str, list[int]] = {}
    for h, at in _grouped(doc, LEMMA).items():
        key = strings[h].lower() if h else ""
        if key in index:  # lemmas that differ only in case ("US", "us")
            index[key] = sorted(index[key] + at)
        else:
            index[key] = at
    doc.user_data[_LEMMA_KEY] = (len(doc), index)
    return index


def positions_of(doc: Doc, words: Iterable[str], lemmas: bool = False) -> list[int]:
    """Positions of the tokens whose lower-case form (``lemmas``: lower-case lemma) is one of ``words``, in order.

    The answer for a set of words (a ``frozenset`` or ``tuple``, as the rules hold them) is kept
    with the Doc: the same sets are asked again for every quotation or clause.
    """
    memo = doc.user_data.setdefault(_ASKED_KEY, {}) if isinstance(words, (frozenset, tuple)) else None
    key = (len(doc), lemmas, words)
    if memo is not None and key in memo:
        return memo[key]
    index = lemma_positions(doc) if lemmas else word_positions(doc)
    if isinstance(words, (set, frozenset)) and len(words) > len(index):
        found = [i for w, at in index.items() if w in words for i in at]
    else:
        found = [i for w in words for i in index.get(w, ())]
    found.sort()
    if memo is not None:
        memo[key] = found
    return found


def lemma_positions_in(doc: Doc, words: frozenset[str] | tuple[str, ...]) -> list[int]:
    """Positions of the tokens whose lower-case lemma is one of ``words``, in order: what
    ``positions_of(doc, words, lemmas=True)`` gives, and kept in the same memo.

    Why: a caller that asks about a few sets of lemmas needs no index of every lemma of
    the Doc (one list per lemma, kept with the Doc for its whole life); the lemma column
    is matched against the hashes of the Doc's lemmas that are among ``words``.
    """
    memo = doc.user_data.setdefault(_ASKED_KEY, {})
    key = (len(doc), True, words)
    if key in memo:
        return memo[key]
    column = doc.to_array(LEMMA)
    strings = doc.vocab.strings
    hits = [h for h in np.unique(column).tolist() if (strings[h].lower() if h else "") in words]
    found = np.flatnonzero(np.isin(column, hits)).tolist() if hits else []
    memo[key] = found
    return found


__all__ = ["lemma_positions", "lemma_positions_in", "positions_of", "word_positions"]
