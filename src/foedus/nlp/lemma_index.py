"""The model's lemmatizer, asked once per word form instead of once per token.

spaCy's rule lemmatizer walks a Doc token by token in Python: for each it
builds a ``Token``, reads its text, POS and morphology, and looks a cache up
(about 2.5 microseconds a token, 1.3 ms for a 500-token article). Its answer
depends only on the word, its coarse POS and its morphology (the key of
spaCy's own cache), and news repeats its words. :class:`IndexedLemmatizer`
reads those three columns with ``Doc.to_array``, asks the model's own
lemmatizer once for each new combination, remembers the lemma, and writes the
whole column back with ``Doc.from_array``: 0.2 ms for the same article.

Each new combination is then answered by :class:`PosRules`, spaCy's rule
algorithm over the same tables, with one difference in form only: spaCy keeps
each POS's index of known lemmas as a list (up to 57,000 nouns) and scans it
for every candidate form of every new word (about 0.1 ms a word, most of a
fresh process's lemmatizing); :class:`PosRules` holds it as a set, built once
per POS. Membership is all the algorithm asks of the index, so the forms and
their order are spaCy's.

The lemmas are the model's: every one comes from its lemmatizer, and tokens it
would leave alone (a lemma set earlier, unless it overwrites) are left alone.
Only the rule mode is indexed (English pipelines use it); any other mode keeps
spaCy's component. ``tests/test_lemma_index.py`` checks every token of the demo
corpus and of sentences made for the purpose against spaCy's component.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import IDS as UNIVERSAL_POS
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from ..memo import MEMO_SIZE, Memo

# coarse POS values spaCy's rule lemmatizer answers without its tables
_UNTABLED_POS = frozenset({"", "eol", "space"})




@dataclass(frozen=True)
class PosRules:
    """One coarse POS's share of spaCy's rule tables, ready for repeated look-ups."""

    index: frozenset[str]
    exceptions: dict[str, list[str]]
    rules: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, lemmatizer: Lemmatizer, univ_pos: str) -> PosRules | None:
        """The tables for ``univ_pos`` (lower case), or ``None`` when spaCy finds none for it."""
        lookups = lemmatizer.lookups
        index = lookups.get_table("lemma_index", {}).get(univ_pos)
        exceptions = lookups.get_table("lemma_exc", {}).get(univ_pos)
        rules = lookups.get_table("lemma_rules", {}).get(univ_pos)
        if not any((index, exceptions, rules)):
            return None
        return cls(frozenset(index or ()), dict(exceptions or {}), tuple((old, new) for old, new in rules or ()))

    def forms(self, string: str) -> list[str]:
        """The candidate lemmas of ``string``, best first, as ``Lemmatizer.rule_lemmatize`` orders them."""
        orig, string = string, string.lower()
        index = self.index
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in self.rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in self.exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        return forms or oov_forms or [orig]


class IndexedLemmatizer:
    """A pipeline component answering with ``lemmatizer``'s lemmas, one look-up per word form."""

    def __init__(self, name: str = "lemmatizer") -> None:
        self.name = name
        self.lemmatizer: Lemmatizer | None = None
        # (orth, pos, morph) -> lemma: the same key as the lemmatizer's own cache, bounded (``foedus.memo``),
        # so that a long run's new words (names, numbers) do not grow it without end.
        # The lemma is kept as a string, not its hash: a hash names a string only while spaCy's
        # vocabulary holds it, and a batch's new strings are freed at the end of its memory zone.
        self._lemmas: Memo[tuple[int, int, int], str] = Memo(MEMO_SIZE)
        # lower-case coarse POS -> its rules, read from the lemmatizer's tables
        self._rules: dict[str, PosRules | None] = {}

    def use(self, lemmatizer: Lemmatizer) -> None:
        """Answer with ``lemmatizer``'s lemmas; its tables are read now, once for every coarse POS
        (about 10 ms: the sets of known lemmas), not in the first documents."""
        self.lemmatizer = lemmatizer
        self._lemmas.forget()
        self._rules.clear()
        if lemmatizer.mode == "rule":
            for name in UNIVERSAL_POS:
                univ_pos = name.lower()
                if univ_pos not in _UNTABLED_POS:
                    self._rules[univ_pos] = PosRules.of(lemmatizer, univ_pos)

    def _lemma(self, lem: Lemmatizer, token: Token) -> str:
        """What ``lem.lemmatize(token)[0]`` answers, from the tables held as :class:`PosRules`."""
        univ_pos = token.pos_.lower()
        if univ_pos in _UNTABLED_POS or lem.mode != "rule":
            return lem.lemmatize(token)[0]
        if univ_pos not in self._rules:
            self._rules[univ_pos] = PosRules.of(lem, univ_pos)
        rules = self._rules[univ_pos]
        if lem.is_base_form(token):
            return token.text.lower()
        if rules is None:
            return lem.lemmatize(token)[0]
        return rules.forms(token.text)[0]

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        if lem is None:
            raise RuntimeError(f"{self.name}: no lemmatizer given (build the pipeline with foedus.nlp.pipeline.load_model)")
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        known, strings, overwrite = self._lemmas, doc.vocab.strings, lem.overwrite
        column = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                column.append(lemma)
                continue
            key = (orth, pos, morph)
            value = known.get(key)
            if value is None:
                value = known.answer(key, lambda: self._lemma(lem, doc[i]))
            column.append(strings.add(value))
        doc.from_array([LEMMA], np.array(column, dtype="uint64").reshape(-1, 1))
        return doc


@Language.factory("foedus_lemmatizer")
def make_indexed_lemmatizer(nlp: Language, name: str) -> IndexedLemmatizer:
    """An indexed lemmatizer with no lemmatizer yet; :func:`use_indexed_lemmas` gives it the model's."""
    return IndexedLemmatizer(name)


def use_indexed_lemmas(nlp: Language) -> bool:
    """Put the pipeline's rule lemmatizer behind an :class:`IndexedLemmatizer` (same name and place).

    Returns ``False`` (and leaves spaCy's component) when there is no
    lemmatizer or it is not in rule mode.
    """
    for name, component in nlp.pipeline:
        if isinstance(component, Lemmatizer) and component.mode == "rule":
            nlp.replace_pipe(name, "foedus_lemmatizer")
            nlp.get_pipe(name).use(component)
            return True
    return False


__all__ = ["IndexedLemmatizer", "PosRules", "use_indexed_lemmas"]
