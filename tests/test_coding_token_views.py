"""Cheaper views of a parsed Doc used by the event coder give what spaCy's own accessors give."""

from __future__ import annotations

from spacy.language import Language

from foedus.coding.slots import children, conjuncts, parse_memo
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


def test_the_parse_memo_gives_spacys_children_and_conjuncts_and_is_dropped_after(nlp: Language) -> None:  # noqa: F811
    doc = nlp("Russia, Azerbaijan and Iran signed an agreement and condemned the attack on Jermuk.")
    with parse_memo(doc):
        for tok in doc:
            assert [c.i for c in children(tok)] == [c.i for c in tok.children]
            assert [c.i for c in conjuncts(tok)] == [c.i for c in tok.conjuncts]
            assert children(tok) is children(tok)  # read once
        with parse_memo(doc):  # a nested block shares the memo
            assert children(doc[0]) is children(doc[0])
        assert any(k == ("foedus", "parse_memo") for k in doc.user_data)
    assert not any(k == ("foedus", "parse_memo") for k in doc.user_data)
    signed = next(t for t in doc if t.lower_ == "signed")
    assert [t.text for t in conjuncts(signed)] == ["condemned"]
    assert {t.text for t in conjuncts(doc[0])} == {"Azerbaijan", "Iran"}
