"""The indexed lemmatizer writes exactly the lemmas spaCy's own lemmatizer writes."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from foedus.ingest.clean import clean_html, clean_text
from foedus.nlp.lemma_index import IndexedLemmatizer, PosRules, use_indexed_lemmas
from foedus.nlp.pipeline import load_model
from foedus.settings import DEFAULT_MODEL

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"

OWN_SENTENCES = [
    "The envoys were meeting the ministers who had met them before; meetings went on.",
    "Troops withdrew, withdrawing their heaviest guns, and the guns were withdrawn by noon.",
    "She'd said they're better off; the best offers were better than the worst.",
    "Leaves fell while the delegation leaves; the leaves of the treaty were signed.",
    "UN peacekeepers' vehicles, the Kremlin's aides and NATO's allies' ships.",
    "He is, was and will be; they are being and have been.",
    "   \n\n ",
    "",
]


def _texts() -> list[str]:
    texts = []
    for path in sorted(DEMO.iterdir()):
        if path.suffix not in {".txt", ".html"}:
            continue
        try:  # the demo corpus holds some broken files on purpose
            texts.append((clean_html if path.suffix == ".html" else clean_text)(path.read_text(encoding="utf-8")).text)
        except Exception:
            continue
    return texts + OWN_SENTENCES


@pytest.fixture(scope="module")
def pair() -> tuple[spacy.Language, spacy.Language]:
    return spacy.load(DEFAULT_MODEL), load_model(DEFAULT_MODEL)


def test_the_lemmatizer_is_swapped_in_place(pair: tuple[spacy.Language, spacy.Language]) -> None:
    plain, indexed = pair
    assert indexed.pipe_names == plain.pipe_names
    assert isinstance(indexed.get_pipe("lemmatizer"), IndexedLemmatizer)


def test_same_lemmas_on_the_demo_corpus_and_our_sentences(pair: tuple[spacy.Language, spacy.Language]) -> None:
    plain, indexed = pair
    texts = _texts()
    tokens = 0
    # twice: the second pass answers from the remembered forms
    for _ in range(2):
        for a, b in zip(plain.pipe(texts), indexed.pipe(texts)):
            assert [(t.text, t.lemma_) for t in a] == [(t.text, t.lemma_) for t in b]
            tokens += len(a)
    assert tokens > 2000
    doc = indexed(OWN_SENTENCES[1])
    assert [t.lemma_ for t in doc][:6] == ["troop", "withdraw", ",", "withdraw", "their", "heavy"]


def test_the_remembered_forms_are_bounded_and_lemmas_stay_right(pair, monkeypatch) -> None:
    from foedus.memo import Memo

    plain, indexed = pair
    component = indexed.get_pipe("lemmatizer")
    monkeypatch.setattr(component, "_lemmas", Memo(7))
    for a, b in zip(plain.pipe(OWN_SENTENCES), indexed.pipe(OWN_SENTENCES)):
        assert [(t.text, t.lemma_) for t in a] == [(t.text, t.lemma_) for t in b]
        assert 0 < component._lemmas.held() <= 14 or not len(b)


def test_a_lemma_set_before_is_kept_unless_the_lemmatizer_overwrites() -> None:
    nlp = load_model(DEFAULT_MODEL)
    with nlp.select_pipes(disable=["lemmatizer"]):
        doc = nlp("The envoys met.")
    doc[1].lemma_ = "messenger"
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer(doc)
    assert [t.lemma_ for t in doc] == ["the", "messenger", "meet", "."]
    lemmatizer.lemmatizer.overwrite = True
    try:
        lemmatizer(doc)
    finally:
        lemmatizer.lemmatizer.overwrite = False
    assert doc[1].lemma_ == "envoy"


def test_a_pipeline_without_a_rule_lemmatizer_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not use_indexed_lemmas(nlp)
    assert nlp.pipe_names == []


def test_a_component_without_its_lemmatizer_says_so() -> None:
    with pytest.raises(RuntimeError, match="no lemmatizer"):
        IndexedLemmatizer()(spacy.blank("en")("A text."))


def test_pos_rules_give_the_rule_lemmatizers_forms_in_its_order() -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    lemmatizer = nlp.get_pipe("lemmatizer")
    words = ["leaves", "better", "ministers", "withdrew", "axes", "ties", "best", "meetings", "geese", "A-levels", "'s"]
    compared = 0
    for univ_pos in ["noun", "verb", "adj", "adv", "punct"]:
        rules = PosRules.of(lemmatizer, univ_pos)
        assert rules is not None
        for word in words:
            # spaCy's own algorithm, asked with a token whose POS and morphology reach its tables
            doc = spacy.tokens.Doc(nlp.vocab, words=[word], pos=[univ_pos.upper()], morphs=["Number=Plur"])
            lemmatizer.cache.clear()
            assert rules.forms(word) == lemmatizer.rule_lemmatize(doc[0]), (univ_pos, word)
            compared += 1
    assert compared == 55
    assert PosRules.of(lemmatizer, "propn") is None
    assert PosRules.of(lemmatizer, "noun").forms("leaves")[0] == "leaf"
    assert PosRules.of(lemmatizer, "verb").forms("withdrew")[0] == "withdraw"
