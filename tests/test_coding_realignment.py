"""A state turning from one partner to another: joint training, foreign troops hosted,
arms bought abroad, a bloc's meetings shunned, a court joined, a note handed over.

The sentences are our own; each asserts the codes the full pipeline gives.
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
    return sorted((e["source"], e["target"], e["cameo"]) for e in out["events"] if not e["negated"])


def test_joint_training_with_a_compound_subject_is_military_cooperation_both_ways(nlp):
    found = coded(nlp, "About 90 American soldiers and 200 Armenian troops started two weeks of joint training near Yerevan.")
    assert ("USAMIL", "ARMMIL", "062") in found and ("ARMMIL", "USAMIL", "062") in found


def test_hosting_foreign_soldiers_is_military_cooperation(nlp):
    assert coded(nlp, "Armenia is hosting American soldiers this month.") == [("ARM", "USAMIL", "062")]


def test_buying_weapons_abroad_and_asking_to(nlp):
    assert ("ARM", "IND", "062") in coded(nlp, "Armenia bought artillery systems from India last year.")
    assert coded(nlp, "Armenia has asked to buy air defence systems from France.") == [("ARM", "FRA", "0212")]


def test_staying_away_from_a_blocs_meetings_reduces_relations(nlp):
    assert coded(nlp, "Armenia has kept away from CSTO meetings for months.") == [("ARM", "IGOCSTO", "160")]
    assert coded(nlp, "Armenia boycotted the CSTO summit in Minsk.") == [("ARM", "IGOCSTO", "160")]


def test_frozen_participation_names_the_bloc_after_another_in_phrase(nlp):
    found = coded(nlp, "Armenia has in effect frozen its participation in the Collective Security Treaty Organization.")
    assert found == [("ARM", "IGOCSTO", "161")]


def test_ratifying_a_courts_statute(nlp):
    assert coded(nlp, "Armenia ratified the Rome Statute of the International Criminal Court.") == [
        ("ARM", "IGOJUDICC", "057")]


def test_meeting_an_obligation_is_no_meeting(nlp):
    assert coded(nlp, "Russia failed to meet its obligations to Armenia.") == []


def test_a_protest_note_handed_to_an_envoy(nlp):
    found = coded(nlp, "The Russian foreign ministry handed a protest note to the Armenian ambassador.")
    assert ("RUSGOV", "ARMGOV", "114") in found


def test_an_envoy_summoned_and_handed_a_protest(nlp):
    # the small parser makes the envoy a second subject; "him" is the envoy just named
    found = coded(nlp, "The Iranian foreign ministry summoned Armenia's ambassador and handed him a protest.")
    assert found == [("IRNGOV", "ARMGOV", "114")]


def test_a_decision_called_wrong_is_criticism_of_its_author(nlp):
    found = coded(nlp, "Armenia ratified the Rome Statute of the International Criminal Court in October. "
                       "Moscow called the ratification a wrong decision.")
    assert ("RUSGOV", "ARM", "111") in found


def test_sentence_initial_it_is_the_state_just_named(nlp):
    found = coded(nlp, "Armenia left the exercises of the alliance last year, and its prime minister said so. "
                       "It is now hosting American soldiers.")
    assert ("ARM", "USAMIL", "062") in found
    assert not [f for f in coded(nlp, "Armenian troops withdrew from the village. It is now hosting American soldiers.")
                if f[2] == "062"]
