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
    pairs = actors(nlp, "Russian forces attacked an anti-Russian rally in Kyiv on Friday.")
    assert ("RUSMIL", None) in pairs
