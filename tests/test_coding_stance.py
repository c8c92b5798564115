""""anti-X" and "pro-X" name what a crowd stands for, not an actor of the event.

PETRARCH's dictionaries target X in "broke into an anti-X parade"; on news the
act is aimed at the crowd, so our own patterns never take X as source or target.
The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def actors(nlp, text):
    out = code_text(nlp, text, date(2024, 3, 1))
    return {(e["source"], e["target"]) for e in out["events"]}


@pytest.mark.parametrize(
    "text, stance",
    [
        ("Iranian police broke up an anti-American protest in Tehran on Friday.", "USA"),
        ("Russian forces attacked an anti-Russian rally in Kyiv on Friday.", "RUS"),
        ("Georgian police dispersed a pro-Russian march in Tbilisi on Friday.", "RUS"),
    ],
)
def test_the_stance_country_is_neither_source_nor_target(nlp, text, stance):
    pairs = actors(nlp, text)
    assert all(src != stance and tgt != stance for src, tgt in pairs), pairs


def test_the_attackers_event_stays(nlp):
    # the stance word never makes Russia the target; the rally's place, in another state, does
    pairs = actors(nlp, "Russian forces attacked an anti-Russian rally in Kyiv on Friday.")
    assert ("RUSMIL", "UKR") in pairs


def test_a_support_verb_with_a_particle_is_another_verb(nlp):
    # "broke up a protest" is no protest by the police; "called off the talks" halts them
    assert actors(nlp, "Iranian police broke up an anti-American protest in Tehran on Friday.") == set()
    out = code_text(nlp, "Armenia called off the talks with Azerbaijan on Friday.", date(2024, 3, 1))
    assert [(e["source"], e["target"], e["cameo"]) for e in out["events"]] == [("ARM", "AZE", "164")]
    carried = code_text(nlp, "Azerbaijani forces carried out an attack on Armenian positions.", date(2024, 3, 1))
    assert any(e["source"] == "AZEMIL" and e["cameo"].startswith("19") for e in carried["events"])
