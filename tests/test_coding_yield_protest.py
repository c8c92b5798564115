"""Letting another act (080), light nouns that name their compound's act, support verbs with their particle,
and protest by obstruction, stones or stopped work (14x).

The sentences are our own.
"""

from __future__ import annotations


import pytest

from coding_support import asserted_events as events
from coding_support import nlp  # noqa: F401  (the module's pipeline fixture)


def test_letting_another_act_is_a_concession_to_it(nlp):
    found = events(nlp, "Serbia allowed Kosovo to open a liaison office.")
    assert ("SRB", "KSV", "080") in found, found
    found = events(nlp, "Egypt permitted Sudan to use its airspace.")
    assert ("EGY", "SDN", "080") in found, found
    # announced, it is the intent to yield (035)
    found = events(nlp, "Hungary will allow Sweden to join the alliance.")
    assert ("HUN", "SWE", "035") in found, found


def test_letting_nobody_named_is_no_concession(nlp):
    found = events(nlp, "Mexico allowed the vote to continue.")
    assert not any(c == "080" for _s, _t, c in found), found


def test_a_thing_that_enables_yields_nothing(nlp):
    # the subject is a thing (a contingent of troops), not an actor letting another act
    found = events(nlp, "Any contingent of troops from Korea would allow Russia to keep its forces in Kursk.")
    assert not any(c == "080" for _s, _t, c in found), found


@pytest.mark.parametrize("text, source, target, code", [
    # a light noun stands for its compound: the mediation ended
    ("Qatar ended its mediation efforts between Israel and Hamas.", "QAT", "ISR", "165"),
    # a support verb with its particle carries the event noun
    ("Russia speeded up the withdrawal of its troops from Syria.", "RUS", "SYR", "0874"),
])
def test_light_nouns_and_support_particles(nlp, text, source, target, code):
    found = events(nlp, text)
    assert (source, target, code) in found, found


def test_a_light_noun_alone_names_no_act(nlp):
    found = events(nlp, "Qatar ended its reform efforts.")
    assert not any(c.startswith("16") for _s, _t, c in found), found


@pytest.mark.parametrize("text, code", [
    ("Farmers from Poland blocked the bridge to Ukraine.", "144"),
    ("Kenyan students threw stones at the police.", "145"),
    ("Nigerian dockers stopped work over unpaid wages.", "143"),
])
def test_protest_by_obstruction_stones_or_stopped_work(nlp, text, code):
    found = events(nlp, text)
    assert any(c == code for _s, _t, c in found), found


def test_work_stopped_for_the_night_is_no_strike(nlp):
    found = events(nlp, "Rescue teams from Turkey stopped searching at night.")
    assert not any(c == "143" for _s, _t, c in found), found
