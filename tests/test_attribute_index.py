"""The indexed attribute ruler writes exactly what spaCy's own ruler writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from foedus.ingest.clean import clean_html, clean_text
from foedus.nlp.attribute_index import IndexedAttributeRuler, use_indexed_attributes
from foedus.settings import DEFAULT_MODEL

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"

OWN_SENTENCES = [
    "Y'all know the envoy ain't coming back, and he said nothin' about the talks.",
    "But the ministry did not answer; but then again, it never does.",
    "She gave her word, and they thanked her; it was theirs to keep, not ours.",
    "Something happened  on the border   \n\n while nobody watched.",
    "I'd say the ceasefire that both sides signed will hold if they want it to.",
    "",
]


@pytest.fixture(scope="module")
def pair() -> tuple[spacy.Language, spacy.Language]:
    plain = spacy.load(DEFAULT_MODEL)
    indexed = spacy.load(DEFAULT_MODEL)
    assert use_indexed_attributes(indexed)
    return plain, indexed


def _annotations(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_the_model_ruler_is_swapped_in_place(pair: tuple[spacy.Language, spacy.Language]) -> None:
    plain, indexed = pair
    assert indexed.pipe_names == plain.pipe_names
    ruler = indexed.get_pipe("attribute_ruler")
    assert isinstance(ruler, IndexedAttributeRuler) and ruler.indexed
    assert len(ruler.patterns) == len(plain.get_pipe("attribute_ruler").patterns)


def test_same_annotations_on_the_demo_corpus_and_our_sentences(pair: tuple[spacy.Language, spacy.Language]) -> None:
    plain, indexed = pair
    texts = []
    for path in sorted(DEMO.iterdir()):
        if path.suffix not in {".txt", ".html"} or path.name == "README.md":
            continue
        try:  # the demo corpus holds some broken files on purpose
            texts.append((clean_html if path.suffix == ".html" else clean_text)(path.read_text(encoding="utf-8")).text)
        except Exception:
            continue
    texts += OWN_SENTENCES
    tokens = 0
    for a, b in zip(plain.pipe(texts), indexed.pipe(texts)):
        assert _annotations(a) == _annotations(b)
        tokens += len(a)
    assert tokens > 5000


def _ruler_pair(rules: list[dict]) -> tuple[spacy.Language, spacy.Language]:
    """Two blank pipelines with a tagger-free ruler each: spaCy's and the indexed one."""
    out = []
    for cls in (AttributeRuler, IndexedAttributeRuler):
        nlp = spacy.blank("en")
        ruler = cls(nlp.vocab, "attribute_ruler")
        ruler.add_patterns(rules)
        out.append((nlp, ruler))
    return out  # type: ignore[return-value]


RULES = [
    {"patterns": [[{"LOWER": {"IN": ["treaty", "pact"]}}]], "attrs": {"TAG": "NN", "POS": "NOUN"}},
    {"patterns": [[{"ORTH": "Pact"}]], "attrs": {"POS": "PROPN"}},  # a later rule wins
    {"patterns": [[{"LOWER": "signed"}, {"LOWER": {"NOT_IN": ["by"]}}]], "attrs": {"POS": "VERB"}, "index": 0},
    {"patterns": [[{"LOWER": "the"}, {"IS_TITLE": True}, {"LOWER": "pact"}]], "attrs": {"POS": "ADJ"}, "index": -2},
    {"patterns": [[{"LOWER": {"REGEX": "^n[o']t$"}}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"IS_PUNCT": True}], [{"LIKE_NUM": True}]], "attrs": {"POS": "X"}},
]


@pytest.mark.parametrize("text", [
    "The Northern Pact was signed today, not signed by all.",
    "the pact  signed   not 12 treaty Pact",
    "Nothing here matches at all",
])
def test_every_rule_form_matches_as_spacy_matches(text: str) -> None:
    (a_nlp, a_ruler), (b_nlp, b_ruler) = _ruler_pair(RULES)
    assert b_ruler.indexed
    a, b = a_nlp.make_doc(text), b_nlp.make_doc(text)
    assert b_ruler.match(b) == a_ruler.match(a)
    a_ruler(a)
    b_ruler(b)
    assert [(t.pos_, t.tag_, t.lemma_) for t in a] == [(t.pos_, t.tag_, t.lemma_) for t in b]


def test_a_rule_form_the_index_lacks_falls_back_to_spacys_matcher() -> None:
    rules = RULES + [{"patterns": [[{"LOWER": "the"}, {"IS_TITLE": True, "OP": "+"}]], "attrs": {"POS": "DET"}}]
    (a_nlp, a_ruler), (b_nlp, b_ruler) = _ruler_pair(rules)
    assert not b_ruler.indexed
    a, b = a_nlp("The Northern Pact was signed by the Baltic States."), b_nlp("The Northern Pact was signed by the Baltic States.")
    a_ruler(a)
    b_ruler(b)
    assert [t.pos_ for t in a] == [t.pos_ for t in b]
    assert b[0].pos_ == "DET"


def test_rules_survive_serialisation() -> None:
    (_, a_ruler), (b_nlp, b_ruler) = _ruler_pair(RULES)
    copy = IndexedAttributeRuler(b_nlp.vocab, "attribute_ruler").from_bytes(b_ruler.to_bytes())
    assert copy.indexed and len(copy.patterns) == len(RULES)
    doc = copy(b_nlp.make_doc("the Northern pact"))
    assert [t.pos_ for t in doc] == ["", "ADJ", "NOUN"]
