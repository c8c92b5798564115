"""Cheaper views of a parsed Doc used by the event coder give what spaCy's own accessors give."""

from __future__ import annotations

from spacy.language import Language

from foedus.nlp.word_index import lemma_positions_in, positions_of

from coding_support import nlp  # noqa: F401  (fixture)

TEXT = ("Armenia said on Tuesday that Azerbaijani troops had shelled Jermuk. "
        "The ministry says it will respond, and its spokesman told reporters the talks were over.")


def test_lemma_positions_are_those_of_the_full_lemma_index(nlp: Language) -> None:  # noqa: F811
    doc = nlp(TEXT)
    words = frozenset({"say", "tell", "respond"})
    found = lemma_positions_in(doc, words)
    assert [doc[i].text for i in found] == ["said", "says", "respond", "told"]
    fresh = nlp(TEXT)
    assert positions_of(fresh, words, lemmas=True) == found
    assert lemma_positions_in(doc, ("nothing",)) == []
