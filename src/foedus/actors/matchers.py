"""Phrase matchers built from a registry.

Three matchers because the three kinds of surface forms need different case
rules:

- names of states, organisations, people and metonyms match on the exact
  characters (``ORTH``): "US" is the United States, "us" is not;
- sector words and titles ("armed forces", "Defence Ministry") match on lower
  case, since newspapers capitalise them at will;
- imported PETRARCH/Phoenix phrases are upper case in their files and match on
  lower case, but a match must contain a capitalised word, so that "chad" in
  running text or "us" never becomes an actor. A phrase written without a
  trailing ``_`` is a stem (PETRARCH's rule): its last word matches any word it
  begins ("ARGENTIN" matches "Argentina"); stems shorter than ``MIN_STEM``
  letters match only themselves. A word of the text joined by ``_``
  ("Dol_Amroth", PETRARCH's own way of writing a phrase) matches as the
  words it joins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .model import normalise
from .registry import Registry

_SIMPLE = re.compile(r"^[a-z0-9]+\.?$")
MIN_STEM = 3


@dataclass(frozen=True)
class Term:
    """A sector word or title: the code parts it adds to a country code."""

    prefix: str
    suffix: str
    title: bool  # a person's title ("minister") rather than a body ("ministry")
    source: str


def plural_forms(phrase: str) -> list[str]:
    """Regular plurals of the last word, so data files can list singulars only."""
    if not phrase or not phrase[-1].isalpha():
        return []
    low = phrase.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return [phrase + "es"]
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return [phrase[:-1] + "ies"]
    if low.endswith("man"):
        return [phrase[:-3] + "men"]
    return [phrase + "s"]


def spelling_variants(name: str, pairs: tuple[tuple[str, str], ...]) -> list[str]:
    """The name as written, without its diacritics ("Erdoğan" -> "Erdogan"), and in the other spelling of each
    listed pair ("Organisation"/"Organization", "Co-operation"/"Cooperation"), so a data file lists one form only."""
    out = [name]
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    if plain != name:
        out.append(plain)
    for form in list(out):
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                for xx, yy in ((x, y), (x.capitalize(), y.capitalize())):
                    if xx in form:
                        variant = form.replace(xx, yy)
                        if variant not in out:
                            out.append(variant)
    return out


class RegistryMatchers:
    """The three matchers and the tables that map match ids back to meaning."""

    def __init__(
        self, vocab: Vocab, tokenizer, registry: Registry,  # noqa: ANN001
        spellings: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.vocab = vocab
        self.spellings = spellings
        self._tokenizer = tokenizer
        self.names = PhraseMatcher(vocab, attr="ORTH")
        self.terms = PhraseMatcher(vocab, attr="LOWER")
        self.dictionary = PhraseMatcher(vocab, attr="LOWER")
        self.name_keys: dict[int, str] = {}
        self.term_info: dict[int, list[Term]] = {}
        self.dict_keys: dict[int, str] = {}
        # stem (lower case) -> (words before it, phrase): PETRARCH stems matched by prefix
        self.stems: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self.title_words: frozenset[str] = frozenset()
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] | None = None  # for words joined by "_"
        self._build(registry)

    def _doc(self, text: str) -> Doc:
        low = text.lower().split()
        if all(_SIMPLE.match(w) for w in low):
            return Doc(self.vocab, words=text.split())
        return self._tokenizer(text)

    def _forms(self, phrase: str) -> list[Doc]:
        """The phrase tokenised as written in lower and upper case: the tokenizer splits "k.u." but not "K.U."."""
        docs = [self._doc(phrase)]
        upper = self._doc(phrase.upper())
        if [t.lower_ for t in upper] != [t.lower_ for t in docs[0]]:
            docs.append(upper)
        return docs

    def _build(self, reg: Registry) -> None:
        for key in reg.names.forms:
            mid = self.vocab.strings.add("N:" + key)
            self.name_keys[mid] = key
            self.names.add("N:" + key, [self._tokenizer(v) for v in spelling_variants(key, self.spellings)])
        terms: dict[str, list[Term]] = {}
        title_words: set[str] = set()
        for sector in reg.sectors.values():
            for words, is_title in ((sector.words, False), (sector.titles, True)):
                for w in words:
                    # a title is also written with its first two words joined by a hyphen ("Vice-President")
                    hyphened = (w.replace(" ", "-", 1),) if is_title and " " in w else ()
                    for form in (w, *plural_forms(w), *hyphened):
                        bucket = terms.setdefault(normalise(form).lower(), [])
                        bucket.append(Term("", sector.code, is_title, sector.source))
                    if is_title:
                        title_words.update(w.lower().split())
        for agent in reg.dictionary_agents:
            for form in (agent.phrase, *agent.plurals):
                terms.setdefault(form.lower(), []).append(Term(agent.prefix, agent.suffix, False, agent.source))
        for person in reg.people.values():
            for office in person.offices:
                title_words.update(office.title.lower().split())
        self.title_words = frozenset(title_words)
        for form, info in terms.items():
            mid = self.vocab.strings.add("T:" + form)
            # Registry sectors come first in each bucket, so they win over dictionaries.
            self.term_info[mid] = info
            self.terms.add("T:" + form, [self._doc(form)])
        for phrase in reg.dictionary_names:
            if phrase in reg.dictionary_stems:
                words = [t.lower_ for t in self._doc(phrase)]
                if len(words[-1]) >= MIN_STEM and words[-1].isalpha():
                    self.stems.setdefault(words[-1], []).append((tuple(words[:-1]), phrase))
                    continue
            mid = self.vocab.strings.add("D:" + phrase)
            self.dict_keys[mid] = phrase
            self.dictionary.add("D:" + phrase, self._forms(phrase))

    def match_names(self, doc: Doc) -> list[tuple[int, int, str]]:
        return [(s, e, self.name_keys[m]) for m, s, e in self.names(doc)]

    def match_terms(self, doc: Doc) -> list[tuple[int, int, list[Term]]]:
        return [(s, e, self.term_info[m]) for m, s, e in self.terms(doc)]

    def _joined(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Dictionary phrases over words written with ``_`` ("the Prince of Dol_Amroth").

        The text's words are split at ``_``; a phrase must start and end at a
        token boundary and cover a joined word. A stem's last word matches as
        in :meth:`match_dictionary`.
        """
        if self._by_first is None:
            self._by_first = {}
            for phrase in self.dict_keys.values():
                words = tuple(phrase.lower().split())
                self._by_first.setdefault(words[0], []).append((words, phrase, False))
            for stem, entries in self.stems.items():
                for before, phrase in entries:
                    words = (*before, stem)
                    self._by_first.setdefault(words[0], []).append((words, phrase, True))
        parts: list[tuple[str, int, bool, bool]] = []  # (word, token, first of its token, last of its token)
        for tok in doc:
            sub = [w for w in tok.lower_.split("_") if w] or [tok.lower_]
            for n, w in enumerate(sub):
                parts.append((w, tok.i, n == 0, n == len(sub) - 1))
        out = []
        for i, (w, tok_i, first, _) in enumerate(parts):
            if not first:
                continue
            cands = [c for k in range(MIN_STEM, len(w) + 1) for c in self._by_first.get(w[:k], ()) if c[2]] \
                + list(self._by_first.get(w, ()))
            for words, phrase, stem in cands:
                j = i + len(words)
                if j > len(parts) or not parts[j - 1][3]:
                    continue
                got = [p[0] for p in parts[i:j]]
                if got[:-1] != list(words[:-1]):
                    continue
                if not (got[-1].startswith(words[-1]) if stem else got[-1] == words[-1]):
                    continue
                end = parts[j - 1][1] + 1
                if any("_" in t.text for t in doc[tok_i:end]):
                    out.append((tok_i, end, phrase))
        return out

    def match_dictionary(self, doc: Doc) -> list[tuple[int, int, str]]:
        if not self.dict_keys and not self.stems:
            return []
        found = [(s, e, self.dict_keys[m]) for m, s, e in self.dictionary(doc)] if self.dict_keys else []
        if self.stems:
            for tok in doc:
                low = tok.lower_
                for k in range(MIN_STEM, len(low) + 1):
                    for before, phrase in self.stems.get(low[:k], ()):
                        s = tok.i - len(before)
                        if s >= 0 and all(doc[s + j].lower_ == w for j, w in enumerate(before)):
                            found.append((s, tok.i + 1, phrase))
        if any("_" in t.text for t in doc):
            found.extend(self._joined(doc))
        out = []
        for s, e, phrase in dict.fromkeys(found):
            if any(t.text[:1].isupper() for t in doc[s:e]):
                out.append((s, e, phrase))
        return out
