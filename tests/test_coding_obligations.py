"""A statement that another actor must act is a demand of it (10x through the `demand` frame).

The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from coding_support import asserted_events as events
from coding_support import nlp  # noqa: F401  (the module's pipeline fixture)
from foedus.coding.explain import code_text


def coded(nlp, text, on=date(2024, 10, 2)):
    return code_text(nlp, text, on)["events"]


@pytest.mark.parametrize("text, source, target, code", [
    ("Norway said that Sudan must free the journalists.", "NOR", "SDN", "1053"),
    ("Chile declared on Monday that Peru must withdraw its troops from the border.", "CHL", "PER", "1056"),
    ("Ghana insisted that Togo must hold talks with the opposition.", "GHA", "TGO", "106"),
    ("Brazil stated that Bolivia has to allow the inspectors.", "BRA", "BOL", "105"),
])
def test_a_duty_stated_for_another_actor_is_a_demand(nlp, text, source, target, code):
    found = events(nlp, text)
    assert any(s == source and t == target and c.startswith(code[:3]) for s, t, c in found), found
    # the act demanded is not coded as done or claimed
    assert not any(s == target and c[:2] in ("04", "08") for s, t, c in found), found


def test_both_parties_bound_are_asked(nlp):
    found = events(nlp, "Kenya said that Sudan and Chad must reach an agreement.")
    assert ("KEN", "SDN", "107") in found and ("KEN", "TCD", "107") in found, found


@pytest.mark.parametrize("text", [
    "Norway said that Sudan freed the journalists.",      # no duty: a report
    "Armenia said that Armenia must strengthen its army.",  # the speaker's own state
    "Peru said that it must protect its border.",          # a pronoun: the speaker itself
    "Chile denied that Peru must withdraw its troops.",    # a denial binds nobody
])
def test_no_demand_without_a_duty_laid_on_another(nlp, text):
    found = events(nlp, text)
    assert not any(c.startswith("10") for _s, _t, c in found), found
