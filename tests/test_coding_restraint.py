"""Restraint: acts the sentence says did not happen, or have not happened yet, are never coded as facts.

The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def coded(nlp, text):
    return code_text(nlp, text, date(2024, 3, 1))["events"]


@pytest.mark.parametrize("text, root", [
    ("The agreement between Chile and Peru has yet to be signed.", "05"),
    ("Chile has yet to sign the accord with Peru.", "05"),
    ("Neither Chile nor Peru attacked the outpost.", "19"),
])
def test_acts_not_done_are_negated(nlp, text, root):
    found = [e for e in coded(nlp, text) if e["cameo"].startswith(root)]
    assert found and all(e["negated"] for e in found), found


def test_an_act_that_did_not_stop_another_is_still_an_act(nlp):
    found = [e for e in coded(nlp, "The attack by Chile did not stop the talks with Peru.") if e["cameo"].startswith("19")]
    assert found and not any(e["negated"] for e in found), found


@pytest.mark.parametrize("text", [
    "Chile could sign the accord with Peru if the border dispute is settled.",
    "Article 4 allows any member to request consultations with the allies.",
])
def test_conditionals_and_definitions_are_no_facts(nlp, text):
    assert not any(e["modality"] == "asserted" and not e["negated"] and e["cameo"][:2] in ("02", "05")
                   for e in coded(nlp, text))
