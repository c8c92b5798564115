"""Floors for the annotated set (set a little below the measured figures)."""

import pytest

from actors_support import nlp, packaged_data_present
from foedus.actors.evaluate import evaluate, load_items

pytestmark = pytest.mark.skipif(not packaged_data_present(), reason="packaged actor data not present yet")


def test_eval_set_is_well_formed_and_large_enough():
    items, problems = load_items()
    assert problems == []
    assert sum(len(i["gold"]) for i in items) >= 150
    assert len({i["id"] for i in items}) == len(items)


@pytest.fixture(scope="module")
def result():
    return evaluate(nlp())


def test_overall_floors(result):
    o = result["overall"]
    assert o["precision"] >= 0.85
    assert o["recall"] >= 0.80
    assert o["f1"] >= 0.83


@pytest.mark.parametrize("kind,floor", [
    ("ner-trap", 0.95), ("metonym", 0.85), ("agent", 0.75), ("person", 0.80), ("person-date", 0.80),
    ("org", 0.80), ("coref", 0.60), ("ally", 0.99), ("unresolved", 0.60), ("possessive", 0.80),
])
def test_kind_floors(result, kind, floor):
    assert result["by_kind"][kind]["recall"] >= floor
