"""The model's attribute rules, matched through an index instead of one by one.

English spaCy pipelines map fine tags to coarse POS and morphology with an
``attribute_ruler`` of about 180 single-token rules ("TAG is NN", "TAG is PRP
and the word is 'her'"). Its ``Matcher`` tries every rule at every token, which
costs as much CPU as the whole dependency parser (about 11 ms for a 550-token
article, 16% of the model's time). Nearly every rule names an exact tag or an
exact word, so the rules that can apply to a token are found by looking its
tag and its lower-case form up in a dict; only those are then checked in
full.

:class:`IndexedAttributeRuler` is spaCy's ``AttributeRuler`` with only its
matching replaced: the rules are the model's own, and they are stored,
normalised and applied by spaCy's code, so the values written are spaCy's. Matches come out as the
``Matcher`` gives them, sorted the same way, so the later rule wins exactly
as before. The index handles the constraint forms the English pipelines use
(exact values, ``IN`` and ``NOT_IN`` lists, ``REGEX``, over the token attributes listed in
``_GETTERS``, for one token or a fixed sequence of tokens); a ruler with any
other form (an operator such as ``"OP": "?"``, a comparison) is left
to spaCy's ``Matcher``.

``tests/test_attribute_index.py`` checks that every token of the demo corpus
and of sentences made for the purpose gets the same tag, POS, morphology and
lemma with either component.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

# The token attributes a rule may constrain, read as the strings the rules name.
_GETTERS: dict[str, Callable[[Token], Any]] = {
    "ORTH": lambda t: t.orth_,
    "TEXT": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "NORM": lambda t: t.norm_,
    "TAG": lambda t: t.tag_,
    "POS": lambda t: t.pos_,
    "DEP": lambda t: t.dep_,
    "LEMMA": lambda t: t.lemma_,
    "ENT_TYPE": lambda t: t.ent_type_,
    "IS_SPACE": lambda t: t.is_space,
    "IS_PUNCT": lambda t: t.is_punct,
    "IS_ALPHA": lambda t: t.is_alpha,
    "IS_DIGIT": lambda t: t.is_digit,
    "IS_TITLE": lambda t: t.is_title,
    "IS_UPPER": lambda t: t.is_upper,
    "IS_LOWER": lambda t: t.is_lower,
    "LIKE_NUM": lambda t: t.like_num,
}
# Attributes whose exact values index the rules, most selective first: a rule on
# "TAG is NN and the word is 'nothing'" is filed under the word, not under NN.
_INDEX_KEYS = ("LOWER", "ORTH", "TEXT", "TAG", "DEP", "IS_SPACE")

Check = tuple[Callable[[Token], Any], str, Any]  # (getter, "eq" | "in" | "not_in" | "regex", value)


def _compile_token(spec: dict[str, Any]) -> list[Check] | None:
    """The checks of one token pattern, or ``None`` for a form the index does not handle."""
    checks: list[Check] = []
    for key, value in spec.items():
        getter = _GETTERS.get(str(key).upper())
        if getter is None:
            return None
        if isinstance(value, dict):
            if set(value) == {"IN"} and isinstance(value["IN"], list):
                checks.append((getter, "in", frozenset(value["IN"])))
            elif set(value) == {"NOT_IN"} and isinstance(value["NOT_IN"], list):
                checks.append((getter, "not_in", frozenset(value["NOT_IN"])))
            elif set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
                checks.append((getter, "regex", re.compile(value["REGEX"])))  # spaCy searches, too
            else:
                return None
        elif isinstance(value, (str, bool, int)):
            checks.append((getter, "eq", value))
        else:
            return None
    return checks


def _passes(token: Token, checks: list[Check]) -> bool:
    for getter, how, value in checks:
        got = getter(token)
        if how == "eq":
            if got != value:
                return False
        elif how == "in":
            if got not in value:
                return False
        elif how == "not_in":
            if got in value:
                return False
        elif not value.search(got):
            return False
    return True


def _index_values(spec: dict[str, Any]) -> tuple[str, Iterable[Any]] | None:
    """The attribute and the exact values under which a first-token pattern is filed."""
    upper = {str(k).upper(): v for k, v in spec.items()}
    for key in _INDEX_KEYS:
        value = upper.get(key)
        if isinstance(value, (str, bool)):
            return key, (value,)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return key, value["IN"]
    return None


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's ``AttributeRuler`` whose rules are found through an index.

    Everything but :meth:`match` is spaCy's own: rules are added, stored,
    serialised and applied by ``AttributeRuler``; the values written are
    the ones it normalised. A rule of a form the index does not handle makes
    :meth:`match` fall back to spaCy's ``Matcher`` for the whole ruler.
    """

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler", **kwargs: Any) -> None:
        super().__init__(vocab, name, **kwargs)
        self._reset_index()

    def _reset_index(self) -> None:
        self._rules: list[tuple[int, int, list[list[Check]]]] = []  # (attr_id, match hash, token checks)
        self._index: dict[tuple[str, int], set[int]] = {}  # (attribute, value's hash or flag) -> rule positions
        self._unindexed: list[int] = []
        self._whole: set[int] = set()  # one-token rules whose one test is the value they are filed under
        self._complete = True  # every rule compiled

    def clear(self) -> None:
        super().clear()
        self._reset_index()

    def add(self, patterns: Iterable[list[dict[str, Any]]], attrs: dict, index: int = 0) -> None:
        attr_id = len(self.attrs)
        super().add(patterns, attrs, index)
        match_id = self.vocab.strings[str(attr_id)]
        for pattern in patterns:
            tokens = [_compile_token(spec) for spec in pattern]
            if not tokens or any(t is None for t in tokens):
                self._complete = False
                continue
            self._rules.append((attr_id, match_id, tokens))  # type: ignore[arg-type]
            position = len(self._rules) - 1
            where = _index_values(pattern[0])
            if where is None:
                self._unindexed.append(position)
            else:
                key, values = where
                for value in values:
                    stored = int(value) if isinstance(value, bool) else self.vocab.strings.add(value)
                    self._index.setdefault((key, stored), set()).add(position)
                if len(pattern) == 1 and len(pattern[0]) == 1:
                    self._whole.add(position)

    @property
    def indexed(self) -> bool:
        """Whether :meth:`match` uses the index (every rule is of a form it handles)."""
        return self._complete

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)``, sorted, as ``AttributeRuler.match`` returns them."""
        if not self._complete:
            return super().match(doc)
        found: set[tuple[int, int, int, int]] = set()
        n = len(doc)
        rules, index, unindexed, whole = self._rules, self._index, self._unindexed, self._whole
        keys = sorted({key for key, _ in index})
        # the token attributes as spaCy stores them: string hashes, and 0/1 for flags
        array = doc.to_array(["ORTH" if key == "TEXT" else key for key in keys]).reshape(n, len(keys))
        columns = list(zip(keys, array.T.tolist()))
        for start in range(n):
            candidates: list[int] = list(unindexed)
            for key, column in columns:
                candidates.extend(index.get((key, column[start]), ()))
            for position in candidates:
                attr_id, match_id, tokens = rules[position]
                if position in whole:  # the index lookup was the rule's only test
                    found.add((attr_id, match_id, start, start + 1))
                    continue
                end = start + len(tokens)
                if end <= n and all(_passes(doc[start + i], checks) for i, checks in enumerate(tokens)):
                    found.add((attr_id, match_id, start, end))
        return sorted(found)


@Language.factory("foedus_attribute_ruler", default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool) -> IndexedAttributeRuler:
    """An empty indexed ruler; :func:`use_indexed_attributes` gives it the model's rules."""
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def use_indexed_attributes(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler its indexed twin (same name, place and rules).

    Returns ``False`` (and leaves spaCy's component) when there is no
    attribute ruler or when one of its rules is of a form the index lacks.
    """
    for name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            twin = IndexedAttributeRuler(nlp.vocab, name, validate=component.validate)
            twin.add_patterns(component.patterns)
            if not twin.indexed:
                return False
            nlp.replace_pipe(name, "foedus_attribute_ruler", config={"validate": component.validate})
            nlp.get_pipe(name).add_patterns(component.patterns)
            return True
    return False
