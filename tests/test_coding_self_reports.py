"""A state's word on its own act is the act made public, not a claim.

"X has frozen its participation in Y, X's prime minister said" keeps the
speaker as ``claimed_by`` (provenance) but is asserted; a plan in reported
speech ("said X would leave") is future. A party's own account of force, and
anything said about another actor, stay claims. The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def coded(nlp, text):
    out = code_text(nlp, text, date(2024, 3, 1))
    return sorted((e["source"], e["target"], e["cameo"], e["modality"], e["claimed_by"])
                  for e in out["events"] if not e["negated"])


def test_a_government_announcing_its_own_freeze_is_asserted(nlp):
    found = coded(nlp, "Armenia has suspended its participation in the CSTO, the Armenian prime minister said on Monday.")
    assert ("ARM", "IGOCSTO", "161", "asserted", "ARMGOV") in found


def test_a_reported_plan_of_ones_own_state_is_future(nlp):
    found = coded(nlp, ("The Armenian prime minister told lawmakers that Armenia would leave the "
                      "Collective Security Treaty Organization next year."))
    assert [f for f in found if f[2] == "161"] == [("ARM", "IGOCSTO", "161", "future", "ARMGOV")]


def test_a_conditional_plan_stays_hypothetical(nlp):
    found = coded(nlp, ("The Armenian prime minister said Armenia would leave the Collective Security "
                      "Treaty Organization if the alliance stayed silent."))
    assert ("ARM", "IGOCSTO", "161", "hypothetical", "ARMGOV") in found


def test_an_organisations_own_act_is_asserted(nlp):
    found = coded(nlp, "The CSTO has sent a monitoring mission to Armenia, the CSTO said in a statement.")
    assert ("IGOCSTO", "ARM", "093", "asserted", "IGOCSTO") in found


def test_ones_own_account_of_fighting_stays_a_claim(nlp):
    found = coded(nlp, "The Azerbaijani defence ministry said Azerbaijani troops had shelled Armenian positions.")
    assert found and all(f[3] == "claimed" and f[4] == "AZEGOV" for f in found if f[2].startswith("19"))


def test_an_accusation_about_another_state_stays_a_claim(nlp):
    found = coded(nlp, "Baku said its troops were responding to shelling by Armenian forces.")
    shelling = [f for f in found if f[2] == "194"]
    assert shelling and all(f[0].startswith("ARM") and f[3] == "claimed" and f[4] == "AZEGOV" for f in shelling)
    found = coded(nlp, "Armenia said Azerbaijan had cut ties with Iran.")
    assert ("AZE", "IRN", "161", "claimed", "ARM") in found


def test_a_states_word_about_a_foreign_act_stays_a_claim(nlp):
    found = coded(nlp, "Yerevan said Moscow had recalled its ambassador from Armenia.")
    assert all(f[3] == "claimed" for f in found if f[0].startswith("RUS"))
