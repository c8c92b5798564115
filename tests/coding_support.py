"""What the coding tests share: the whole pipeline, loaded once per module, and the events it asserts."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def asserted_events(nlp: Language, text: str, on: date = date(2024, 10, 2)) -> set[tuple[str, str | None, str]]:
    """(source, target, code) of every event the text states as done (negated ones left out)."""
    return {(e["source"], e["target"], e["cameo"]) for e in code_text(nlp, text, on)["events"] if not e["negated"]}
