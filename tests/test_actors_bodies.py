"""Bodies named once in full, then by abbreviation or head noun, or placed under their chair.

Sentences are written for these tests; the packaged registry is used.
"""

from __future__ import annotations

from datetime import date

import pytest

from actors_support import packaged_data_present, run_real
from foedus.actors.bodies import _initials_match

pytestmark = pytest.mark.skipif(not packaged_data_present(), reason="packaged actor data not present yet")

ON = date(2025, 5, 2)


def found(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.code) for m in run_real(text, ON)._.actors]


def test_abbreviation_and_head_noun_take_the_body_s_code():
    got = found("Kenya's National Security Council (NSC) met in Nairobi. The NSC condemned the raid. "
                "Later the council rejected the ultimatum.")
    assert ("NSC", "KENGOV") in got and ("the council", "KENGOV") in got
    assert got.count(("NSC", "KENGOV")) == 2


def test_a_body_is_the_state_of_the_person_who_chairs_it():
    got = found("The Joint Defence Committee, chaired by Prime Minister Keir Starmer, met on Friday. "
                "The committee approved new measures.")
    assert ("The Joint Defence Committee", "GBRGOV") in got
    assert ("The committee", "GBRGOV") in got


def test_no_guess_without_a_definition_or_with_two_candidates():
    # "NSC" never defined: left to NER, unresolved
    assert all(code is None for text, code in found("The NSC met on Monday.") if text == "NSC")
    # two councils of different states named before "the council": left alone
    got = found("Kenya's National Security Council met. Uganda's National Security Council met too. "
                "Then the council adjourned.")
    assert not any(text.lower() == "the council" and code for text, code in got)


def test_initials_in_order():
    assert _initials_match("NSC", ["National", "Security", "Committee"])
    assert _initials_match("SACEUR", ["Supreme", "Allied", "Commander", "Europe"]) is False  # not initials only
    assert not _initials_match("UN", ["Security", "Council"])
