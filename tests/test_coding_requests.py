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
