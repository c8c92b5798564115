"""Targets of acts done to an area: the phrases of the act's scope name whom it is done to.

"struck sites across Iran", "fired missiles towards Taiwan", "launched an operation targeting facilities in
Iran": no object names an actor, but the place the act reaches lies in another state, which is the target.
The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events(nlp, text, on=date(2025, 3, 14)):
    return {(e["source"], e["target"], e["cameo"][:2]) for e in code_text(nlp, text, on)["events"]}


@pytest.mark.parametrize("text, source, target, root", [
    ("Israel launched an operation on Friday, targeting air bases across Iran.", "ISR", "IRN", "19"),
    ("China fired several rockets towards Taiwan on Thursday.", "CHN", "TWN", "19"),
    ("Indian jets struck camps inside Pakistan overnight.", "IND", "PAK", "19"),
])
def test_a_place_in_the_acts_scope_is_its_target(nlp, text, source, target, root):
    assert any(s == source and t == target and r == root for s, t, r in events(nlp, text)), events(nlp, text)


def test_a_place_in_the_sources_own_state_is_no_target(nlp):
    found = events(nlp, "Armenian troops shelled positions near Goris.")
    assert all(t != "ARM" for _s, t, _r in found)


def test_a_named_actor_in_the_scope_wins_over_its_place(nlp):
    found = events(nlp, "Russian drones attacked a Georgian ship off the coast of Turkey.")
    assert ("RUSMIL", "GEO", "19") in found and not any(t == "TUR" for _s, t, _r in found), found


def test_reported_speech_is_not_searched(nlp):
    # the scope of "said" is a clause of its own; "in Iran" belongs to the strike inside it
    found = events(nlp, "Israeli officials said on Monday that jets had hit radar sites in Iran.")
    assert not any(r == "19" and s == "ISRGOV" for s, _t, r in found)


@pytest.mark.parametrize("text, source, target", [
    ("Four Belarusian military helicopters entered Lithuanian airspace on Tuesday.", "BLR", "LTU"),
    ("A Chinese surveillance balloon violated Japan's airspace.", "CHN", "JPN"),
    ("Ministers discussed the violation of Latvian airspace by Russian fighter jets.", "RUSMIL", "LVA"),
])
def test_entering_another_states_airspace_is_a_show_of_force_against_it(nlp, text, source, target):
    found = events(nlp, text)
    assert (source, target, "15") in found, found


def test_each_area_coordinated_in_the_scope_is_a_target(nlp):
    found = events(nlp, "Kenyan jets struck militant camps in Somalia and southern Ethiopia on Monday.")
    assert ("KEN", "SOM", "19") in found and ("KEN", "ETH", "19") in found, found
    # a coordinated place of the source's own state is no target
    found = events(nlp, "Kenyan jets struck militant camps in Somalia and northern Kenya on Monday.")
    assert any(t == "SOM" for _s, t, _r in found) and all(t != "KEN" for _s, t, _r in found), found


def test_a_date_in_a_phrase_of_cause_dates_the_cause_not_the_clauses_acts(nlp):
    text = ("Kenya has stepped up patrols after the attacks by both Al-Shabaab and bandits in the last week and "
            "launched airstrikes against the militants in Somalia.")
    out = code_text(nlp, text, date(2024, 5, 10))["events"]
    strikes = [e for e in out if e["target"] == "SOM" and e["cameo"][:2] == "19"]
    assert strikes and all(e["date"] == "2024-05-10" for e in strikes), out


def test_attacks_increased_are_attacks(nlp):
    found = events(nlp, "The Shabaab militants increased attacks on Kenyan troops.", date(2024, 5, 10))
    assert any(t == "KENMIL" and r == "19" for _s, t, r in found), found
