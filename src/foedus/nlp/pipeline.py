"""Builds the one spaCy ``Language`` the whole data path uses.

The model is a setting (any installed spaCy English pipeline with a parser and
NER works); our stages are registered spaCy components added after it, in the
order the data path needs them: actors, then time, then places, then the event
coder which reads all three. A user can add the same factories to their own
pipeline by importing :mod:`foedus.nlp.components` and calling ``add_pipe``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..settings import Settings
from .attribute_index import use_indexed_attributes
from .extensions import ensure_extensions, remember_text
from .lemma_index import use_indexed_lemmas

# (factory name, config builder) in pipeline order.
STAGES: tuple[str, ...] = ("foedus_actors", "foedus_timex", "foedus_places", "foedus_events")


def _stage_config(name: str, settings: Settings) -> dict:
    if name == "foedus_actors":
        return {
            "extra_files": [str(p) for p in settings.extra_actor_files],
            "dictionaries": [str(p) for p in settings.dictionary_files],
        }
    if name == "foedus_events":
        return {"extra_files": [str(p) for p in settings.extra_pattern_files]}
    return {}


def load_model(model: str) -> Language:
    """The spaCy model as every stage uses it: its attribute rules matched through an
    index, its lemmatizer asked once per word form.

    The annotations are spaCy's own (see :mod:`.attribute_index` and
    :mod:`.lemma_index`); the model costs about a fifth less CPU.
    """
    nlp = spacy.load(model)
    use_indexed_attributes(nlp)
    use_indexed_lemmas(nlp)
    return nlp


def build_nlp(settings: Settings, stages: Iterable[str] = STAGES) -> Language:
    """Load the model once and add our components; the caller keeps the result."""
    from . import components  # noqa: F401  (registers the factories)

    ensure_extensions()
    nlp = load_model(settings.model)
    for name in stages:
        nlp.add_pipe(name, config=_stage_config(name, settings))
    return nlp


def make_doc(nlp: Language, text: str, published: date | None, doc_id: str | None = None,
             dateline_day: date | None = None, voice: Any = None) -> Doc:
    """A tokenised Doc carrying the anchors our components need (``dateline_day``: the day the dateline taken
    out of the text gave, "MOSCOW, June 19 (AFP) --": the day its opening sentences tell of; ``voice``: the actor
    whose statement the document is, when its author is one, see ``jobs.analyse.Analyser.voice_of``)."""
    doc = nlp.make_doc(text)
    remember_text(doc, text)
    doc._.published = published
    doc._.doc_id = doc_id
    doc._.dateline_day = dateline_day
    doc._.voice = voice
    return doc


def parse(
    nlp: Language,
    items: Iterable[tuple[str, str, date | None]],
    batch_size: int = 32,
) -> Iterator[Doc]:
    """Run the pipeline over ``(doc_id, text, published)`` items, in batches."""
    docs = (make_doc(nlp, text, published, doc_id) for doc_id, text, published in items)
    yield from nlp.pipe(docs, batch_size=batch_size)
