"""Material acts named by their goods or their amounts, forces put on alert or reinforced, positions given up.

The sentences are our own.
"""

from __future__ import annotations


import pytest

from coding_support import asserted_events as events
from coding_support import nlp  # noqa: F401  (the module's pipeline fixture)


@pytest.mark.parametrize("text, source, target, code", [
    # an amount of aid carried by a support verb: the verb's subject gives it
    ("Japan delivered 3,000 tons of humanitarian aid to Yemen.", "JPN", "YEM", "073"),
    ("Canada sent two shipments of military aid to Ukraine.", "CAN", "UKR", "072"),
    # the support verb's recipient is the aid's target
    ("Germany gave Jordan 40 million euros of aid.", "DEU", "JOR", "070"),
    # relief goods handed over, also counted by weight
    ("Turkey handed over 900 kg of medicine to Syria.", "TUR", "SYR", "073"),
    ("Qatar airlifted tents and blankets to Afghanistan.", "QAT", "AFG", "073"),
    # the wounded carried out of danger
    ("Jordan evacuated the wounded from Syria.", "JOR", "SYR", "073"),
    # troops contributed to a mission
    ("Ghana contributed 800 troops to the mission in Mali.", "GHA", "MLI", "074"),
])
def test_aid_named_by_goods_and_amounts(nlp, text, source, target, code):
    found = events(nlp, text)
    assert (source, target, code) in found, found


def test_an_amount_of_something_else_is_no_aid(nlp):
    # a number of people is not an amount of goods handed over
    found = events(nlp, "Kenya sent 3,000 tons of coffee to Egypt.")
    assert not any(c.startswith("07") for _s, _t, c in found), found
    found = events(nlp, "The leader of the party gave a speech in Nairobi.")
    assert not any(c.startswith("07") for _s, _t, c in found), found


@pytest.mark.parametrize("text, source, target, code", [
    ("Greece shared evidence with Cyprus about the smuggling ring.", "GRC", "CYP", "064"),
    ("Estonia and Latvia began five days of war games.", "EST", "LVA", "062"),
    ("Pakistan kept its army on high alert.", "PAK", None, "152"),
    ("India strengthened its troops near China.", "IND", "CHN", "154"),
    ("The court in Lithuania cancelled restrictions on the opposition.", None, None, "081"),
])
def test_cooperation_alert_and_easing(nlp, text, source, target, code):
    found = events(nlp, text)
    assert any((source is None or s == source or (s or "").startswith(source)) and (target is None or t == target)
               and c == code for s, t, c in found), found


def test_war_games_of_one_state_alone_are_no_cooperation(nlp):
    found = events(nlp, "Estonia began five days of war games.")
    assert not any(c == "062" for _s, _t, c in found), found


def test_positions_given_up_and_the_intent_to_do_so(nlp):
    found = events(nlp, "Armenia evacuated its outposts in Azerbaijan.")
    assert ("ARM", "AZE", "0874") in found, found
    found = events(nlp, "Armenia will evacuate its outposts in Azerbaijan.")
    assert ("ARM", "AZE", "0356") in found, found
    # an office evacuated is no retreat of forces
    found = events(nlp, "Armenia evacuated its offices in Azerbaijan.")
    assert not any(c == "0874" for _s, _t, c in found), found


@pytest.mark.parametrize("text, source, target, code", [
    ("Kenyan police prevented the rally by students from Uganda.", "KENCOP", "UGAEDU", "1721"),
    ("Poland imposed restrictions on Belarusian trucks.", "POL", "BLR", "172"),
    ("Peru ordered patrols by police in Lima.", "PER", None, "153"),
    ("Israel reimposed the blockade on Lebanon.", "ISR", "LBN", "191"),
])
def test_restrictions_patrols_and_measures_imposed_again(nlp, text, source, target, code):
    found = events(nlp, text)
    assert any((s or "").startswith(source) and (target is None or (t or "").startswith(target)) and c == code
               for s, t, c in found), found


def test_a_rally_held_is_not_prevented(nlp):
    found = events(nlp, "Students from Uganda held a rally in Kenya.")
    assert not any(c == "1721" for _s, _t, c in found), found


@pytest.mark.parametrize("text, source, target, code", [
    # the author of a text does what a participle on it says
    ("Hamas issued a statement condemning Israel.", "PSE", "ISR", "111"),
    ("Egypt sent a letter calling on Israel to withdraw.", "EGY", "ISR", "0256"),
    # forces engaged in fighting are its doers
    ("Serb forces were engaged in heavy fighting with Croatia.", "SRBMIL", "HRV", "190"),
    # a curfew extended is imposed again; a consensus reached is an agreement to act
    ("Mali extended the curfew in Bamako.", "MLI", None, "1723"),
    ("Chad and Niger reached an understanding to reopen the border.", "TCD", "NER", "030"),
])
def test_doers_of_texts_and_engagements_curfews_and_understandings(nlp, text, source, target, code):
    found = events(nlp, text)
    assert any((s or "").startswith(source) and (target is None or (t or "").startswith(target)) and c == code
               for s, t, c in found), found


def test_a_participle_on_a_thing_is_not_its_users_act(nlp):
    # the convoy carries the aid; the attacker does not
    found = events(nlp, "Russia attacked a convoy carrying aid to Ukraine.")
    assert not any(s == "RUS" and c.startswith("07") for s, _t, c in found), found


def test_aid_prohibited_is_aid_stopped(nlp):
    found = events(nlp, "Canada banned all aid to Niger.")
    assert ("CAN", "NER", "162") in found, found
    assert not any(c.startswith("07") for _s, _t, c in found), found
