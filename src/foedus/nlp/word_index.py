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

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

_KEY = ("foedus", "lower_positions")
_LEMMA_KEY = ("foedus", "lemma_positions")


def word_positions(doc: Doc) -> Mapping[str, list[int]]:
    """Each lower-case form of ``doc`` with the positions of its tokens, in order."""
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    by_hash: dict[int, list[int]] = {}
    for i, h in enumerate(doc.to_array(LOWER).tolist()):
        by_hash.setdefault(h, []).append(i)
    strings = doc.vocab.strings
    index = {strings[h]: positions for h, positions in by_hash.items()}
    doc.user_data[_KEY] = (len(doc), index)
    return index


def lemma_positions(doc: Doc) -> Mapping[str, list[int]]:
    """Each lower-case lemma of ``doc`` with the positions of its tokens, in order (lemmas are
    set by the model before any of our components run, and are not changed after)."""
    cached = doc.user_data.get(_LEMMA_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    by_hash: dict[int, list[int]] = {}
    for i, h in enumerate(doc.to_array(LEMMA).tolist()):
        by_hash.setdefault(h, []).append(i)
    strings = doc.vocab.strings
    index: dict[str, list[int]] = {}
    for h, positions in by_hash.items():
        index.setdefault(strings[h].lower() if h else "", []).extend(positions)
    for positions in index.values():
        positions.sort()
    doc.user_data[_LEMMA_KEY] = (len(doc), index)
    return index


def positions_of(doc: Doc, words: Iterable[str], lemmas: bool = False) -> list[int]:
    """Positions of the tokens whose lower-case form (``lemmas``: lower-case lemma) is one of ``words``, in order."""
    index = lemma_positions(doc) if lemmas else word_positions(doc)
    found: list[int] = []
    for w in words:
        found.extend(index.get(w, ()))
    return sorted(found)


__all__ = ["lemma_positions", "positions_of", "word_positions"]
