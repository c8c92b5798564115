"""'would' with a condition in an actor's word on its own act: a conditional offer is an intent (03x), a
conditional use of force a threat (13x); the act in the condition and another's act stay as they were.

The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def coded(nlp, text, on=date(2024, 10, 2)):
    return [(e["source"], e["target"], e["cameo"], e["modality"]) for e in code_text(nlp, text, on)["events"]
            if not e["negated"]]


def test_a_conditional_offer_is_an_intent(nlp):
    found = coded(nlp, "The rebels from Chad said they would meet Sudan if the talks were held in Doha.")
    assert ("TCDREB", "SDN", "036", "future") in found, found


def test_a_conditional_use_of_force_is_a_threat(nlp):
    found = coded(nlp, "Pakistan said it would retaliate against India if attacked.")
    assert any(s == "PAK" and t == "IND" and c.startswith("138") for s, t, c, _m in found), found


def test_another_actors_conditional_act_is_no_intent(nlp):
    # Norway speaks of Sudan's act: no intent of Sudan's is coded
    found = coded(nlp, "Norway said Sudan would free the journalists if Chad paid.")
    assert not any(c.startswith("03") for _s, _t, c, _m in found), found


def test_a_supposition_without_a_speaker_stays_hypothetical(nlp):
    found = coded(nlp, "Sudan would meet Chad if the talks were held in Doha.")
    assert not any(c.startswith("03") for _s, _t, c, _m in found), found


def test_an_act_announced_unless_another_acts_is_a_threat(nlp):
    found = coded(nlp, "Nigeria announced that it will withdraw its troops from Chad unless Chad holds elections.")
    assert ("NGA", "TCD", "130", "threatened") in found, found
    # without the condition, the same announcement is an intent to de-escalate
    found = coded(nlp, "Nigeria announced that it will withdraw its troops from Chad.")
    assert ("NGA", "TCD", "0356", "future") in found, found


def test_an_organisation_announcing_its_own_force_threatens(nlp):
    found = coded(nlp, "NATO confirmed it would tighten the naval blockade of Serbia.")
    assert any(t == "SRB" and c == "1381" and m == "threatened" for _s, t, c, m in found), found
