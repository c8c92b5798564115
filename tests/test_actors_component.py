"""The actor stage on our own sentences, against the small fixture registry."""

from datetime import date

import pytest

from actors_support import run_fixture

SEPT = date(2022, 9, 13)


def codes(doc):
    return [(m.text, m.code, m.how) for m in doc._.actors]


def test_possessive_agents_and_metonyms():
    doc = run_fixture(
        "Armenia's Security Council said Azerbaijani armed forces shelled the town, while Russian "
        "peacekeepers watched and Armenian protesters gathered outside the Armenian Defence Ministry.",
        SEPT,
    )
    got = codes(doc)
    assert ("Armenia's Security Council", "ARMGOV", "possessive") in got  # not the UN organ
    assert ("Azerbaijani armed forces", "AZEMIL", "agent") in got
    assert ("Russian peacekeepers", "RUSPKO", "agent") in got
    assert ("Armenian protesters", "ARMCVL", "agent") in got
    assert ("Armenian Defence Ministry", "ARMMIL", "agent") in got


def test_capitals_as_governments_but_not_as_places():
    doc = run_fixture("Yerevan and Baku blamed each other, the Kremlin was silent, and Pelosi visited Yerevan.", SEPT)
    got = codes(doc)
    assert got[0] == ("Yerevan", "ARMGOV", "metonym")
    assert ("Baku", "AZEGOV", "metonym") in got
    assert ("the Kremlin", "RUSGOV", "metonym") in got
    assert [m for m in doc._.actors if m.text == "Yerevan"] == [doc._.actors[0]]  # the visited city is a place


def test_us_congress_and_us_pronoun():
    doc = run_fixture("The US Congress debated the clashes, and the officials told us nothing.", SEPT)
    got = codes(doc)
    assert ("US Congress", "USALEG", "agent") in got
    assert not any(m.text == "us" for m in doc._.actors)


@pytest.mark.parametrize("on,code", [
    (date(2022, 9, 13), "USAGOV"),
    (date(2016, 5, 1), "USAGOV"),  # deputy secretary of state then
    (date(2019, 5, 1), "USAELI"),
    (date(2025, 6, 1), "USAELI"),
])
def test_person_code_depends_on_document_date(on, code):
    doc = run_fixture("Blinken spoke to reporters.", on)
    m = doc._.actors[0]
    assert (m.text, m.code, m.person, m.country, m.entity_id) == ("Blinken", code, "Antony Blinken", "USA",
                                                                   "blinken-antony")
    assert m.role == code[3:]


def test_surname_shared_by_two_people_resolved_by_office():
    doc = run_fixture("Aliyev spoke.", date(2022, 9, 13))
    assert doc._.actors[0].entity_id == "aliyev-ilham"
    doc = run_fixture("Aliyev spoke.", date(1998, 1, 1))
    assert doc._.actors[0].entity_id == "aliyev-heydar"


def test_organisation_official_and_titled_person():
    doc = run_fixture(
        "Russian Deputy Prime Minister Alexei Overchuk met Zas, and the OSCE Minsk Group was idle.", SEPT
    )
    got = {m.text: m for m in doc._.actors}
    over = got["Russian Deputy Prime Minister Alexei Overchuk"]
    assert (over.code, over.person) == ("RUSGOV", "Alexei Overchuk")
    zas = got["Zas"]
    assert (zas.code, zas.org, zas.country, zas.role) == ("IGOCSTO", "CSTO", None, "GOV")
    mg = got["OSCE Minsk Group"]
    assert (mg.code, mg.org, mg.country) == ("IGOOSCEMG", "OSCE-MG", None)


def test_coreference_rules():
    doc = run_fixture(
        "The CSTO sent a mission to Armenia. The alliance did not send troops. "
        "Pashinyan spoke next. The prime minister said the country was alone.",
        SEPT,
    )
    by = {m.text: m for m in doc._.actors}
    alliance = by["The alliance"]
    assert (alliance.code, alliance.how) == ("IGOCSTO", "coref")
    assert doc.text[alliance.antecedent[0]:alliance.antecedent[1]] == "CSTO"
    assert (by["The prime minister"].code, by["The prime minister"].person) == ("ARMGOV", "Nikol Pashinyan")
    assert (by["the country"].code, by["the country"].how) == ("ARM", "coref")


def test_ally_of_moscow_is_a_csto_member():
    doc = run_fixture("Washington courts Armenia, Moscow's ally, and Turkey watches.", SEPT)
    ally = next(m for m in doc._.actors if m.text == "Moscow's ally")
    assert (ally.code, ally.how) == ("ARM", "coref")
    # Turkey shares no alliance with Russia, so it is never taken as the ally.
    doc = run_fixture("Turkey watched. Moscow's ally stayed silent.", SEPT)
    assert not any(m.text == "Moscow's ally" for m in doc._.actors)


def test_unknown_names_kept_unresolved_and_country_names_not_lost_to_ner():
    doc = run_fixture("Hakob Melkonyan, a farmer, said Armenia had been attacked by Azerbaijan.", SEPT)
    got = codes(doc)
    assert ("Hakob Melkonyan", None, "ner") in got
    assert ("Armenia", "ARM", "registry") in got and ("Azerbaijan", "AZE", "registry") in got


def test_mentions_are_sorted_and_do_not_overlap():
    doc = run_fixture("Azerbaijani troops and Russian peacekeepers met Armenian officials in Goris.", SEPT)
    spans = [(m.start, m.end) for m in doc._.actors]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_reasons_are_recorded():
    doc = run_fixture("Blinken met Pashinyan.", SEPT)
    reasons = doc._.actor_reasons
    m = doc._.actors[0]
    assert "Secretary of State" in reasons[(m.start, m.end)]
