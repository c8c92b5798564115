"""Requests named in an adverbial of another act: "the council met at the
request of X". The requester is the of-phrase, the possessor or the
by-phrase; the addressee is the subject of the clause. Our own sentences."""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def requests(nlp, text):
    return [(e["source"], e["target"]) for e in code_text(nlp, text, date(2024, 3, 1))["events"]
            if e["cameo"].startswith("02")]


@pytest.mark.parametrize("text, expected", [
    ("The North Atlantic Council met on Monday at the request of Norway and Denmark.",
     {("NOR", "IGOWSTNAT"), ("DNK", "IGOWSTNAT")}),
    ("NATO will meet on Friday following a request by Romania.", {("ROU", "IGOWSTNAT")}),
    ("The UN Security Council convened at Ghana's request.", {("GHA", "IGOUNO")}),
])
def test_the_requester_and_the_body_that_met(nlp, text, expected):
    found = set(requests(nlp, text))
    assert expected <= found, found


def test_a_rejected_request_is_not_a_request_of_the_rejector(nlp):
    found = requests(nlp, "Hungary rejected the request of Slovakia.")
    assert ("HUN", None) not in found


@pytest.mark.parametrize("text, expected", [
    ("The North Atlantic Council met on Monday at the request of Norway.", ("IGOWSTNAT", "NOR", "04")),
    ("NATO will meet on Friday following a request by Romania.", ("IGOWSTNAT", "ROU", "03")),
])
def test_a_meeting_held_at_a_party_s_request_is_held_for_it_not_with_it(nlp, text, expected):
    events = code_text(nlp, text, date(2024, 3, 1))["events"]
    meetings = [(e["source"], e["target"]) for e in events if e["cameo"][:2] == expected[2]]
    assert meetings == [expected[:2]], events


@pytest.mark.parametrize("text, expected", [
    ("Latvia asked on Friday for consultations under the Washington Treaty.", ("LVA", "IGOWSTNAT")),
    ("Lithuania asked for consultations under Article 4 of the North Atlantic Treaty.", ("LTU", "IGOWSTNAT")),
    ("Romania called a special session of NATO envoys on Monday.", ("ROU", "IGOWSTNAT")),
])
def test_a_request_under_an_organisation_s_treaty_or_for_its_meeting_goes_to_the_organisation(nlp, text, expected):
    assert expected in requests(nlp, text)


def test_calling_a_meeting_is_no_phone_call_and_a_treaty_binds_only_its_parties(nlp):
    out = code_text(nlp, "Romania called a special session of NATO envoys.", date(2024, 3, 1))["events"]
    assert not any(e["cameo"] == "041" for e in out), out
    # a state outside the treaty asks no organisation of it
    assert ("SRB", "IGOWSTNAT") not in requests(nlp, "Serbia requested consultations under the Washington Treaty.")


@pytest.mark.parametrize("text, expected", [
    ("Chile called for a meeting of the UN Security Council.", ("CHL", "IGOUNO")),
    ("Norway's foreign minister wrote to the alliance's chief, calling for an urgent meeting of the NATO council.",
     ("NORGOV", "IGOWSTNAT")),
])
def test_a_meeting_asked_for_goes_to_the_body_that_is_to_meet(nlp, text, expected):
    found = requests(nlp, text)
    assert expected in found, found
