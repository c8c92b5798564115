"""One-sided acts and their dates: an intent or a purpose is its subject's alone, the content of a rejected
statement is no act, a clause naming an old thing is background, and a deictic word in what a speaker told on
a stated day counts from that day.

The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from coding_support import nlp  # noqa: F401  (the module's pipeline fixture)
from foedus.coding.explain import code_text


def coded(nlp, text, when=date(2024, 3, 1)):
    return code_text(nlp, text, when)["events"]


def dyads(events, root):
    return {(e["source"][:3], (e["target"] or "")[:3]) for e in events if e["cameo"].startswith(root)}


def test_an_announced_consultation_is_the_announcers_intent_only(nlp):
    events = coded(nlp, "Chile said on Monday it will consult with Peru next week.")
    assert dyads(events, "03") == {("CHL", "PER")}, events
    # the statement that announces the intent says nothing more than the intent
    assert not [e for e in events if e["cameo"] == "010"], events


def test_a_joint_intent_stays_two_way(nlp):
    events = coded(nlp, "Chile and Peru will meet next week.")
    assert dyads(events, "03") == {("CHL", "PER"), ("PER", "CHL")}, events


def test_a_consultation_held_stays_two_way(nlp):
    events = coded(nlp, "Chile met with Peru on Monday.")
    assert dyads(events, "04") == {("CHL", "PER"), ("PER", "CHL")}, events


def test_a_fight_told_as_a_purpose_is_the_senders_act_only(nlp):
    events = coded(nlp, "Chile sent troops to fight against Peru.")
    assert dyads(events, "19") == {("CHL", "PER")}, events


def test_a_fight_told_as_done_stays_two_way(nlp):
    events = coded(nlp, "Chile fought against Peru on Monday.")
    assert dyads(events, "19") == {("CHL", "PER"), ("PER", "CHL")}, events


@pytest.mark.parametrize("text", [
    "Lima rejected claims that its navy had seized a Chilean trawler.",
    "Peru declined to respond to Chile's statement that it had shot down a Peruvian drone.",
])
def test_the_content_of_a_rejected_statement_is_no_act(nlp, text):
    events = coded(nlp, text)
    assert not [e for e in events if e["cameo"][:2] in ("17", "19")], events


def test_a_statement_not_rejected_keeps_its_content(nlp):
    events = coded(nlp, "Chile said its navy had seized a Peruvian trawler.")
    assert [e for e in events if e["cameo"].startswith("17") and e["source"] == "CHL" and e["target"] == "PER"], events


def test_a_treaty_named_by_its_signing_long_ago_is_background(nlp):
    events = coded(nlp, "Chile deployed troops under the pact it signed with Peru in 2019.", date(2024, 3, 1))
    assert not [e for e in events if e["cameo"].startswith("05")], events


@pytest.mark.parametrize("text", [
    "Chile deployed troops under the pact it signed with Peru on Monday.",
    "Chile signed a pact with Peru in 2019.",
])
def test_a_signing_of_the_day_or_told_as_news_is_kept(nlp, text):
    events = coded(nlp, text, date(2024, 3, 1))
    assert ("CHL", "PER") in dyads(events, "05"), events


def test_overnight_in_what_was_told_on_an_earlier_day_counts_from_that_day(nlp):
    # published on Saturday 2 March 2024; the telling was on Thursday 29 February
    text = "Overnight, Chile fired missiles at Peru, the Chilean defence minister told reporters on Thursday."
    events = [e for e in coded(nlp, text, date(2024, 3, 2)) if e["cameo"].startswith("19")]
    assert events and all(e["date"] == "2024-02-29" for e in events), events


def test_overnight_told_without_a_day_counts_from_publication(nlp):
    text = "Overnight, Chile fired missiles at Peru, the Chilean defence minister said."
    events = [e for e in coded(nlp, text, date(2024, 3, 2)) if e["cameo"].startswith("19")]
    assert events and all(e["date"] == "2024-03-02" for e in events), events
