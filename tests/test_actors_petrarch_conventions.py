"""PETRARCH/Phoenix dictionaries as a registry source: composition, split codes, stems, bare sectors.

The dictionaries are small invented ones (tests/fixtures/actors/petrarch); no
packaged data is loaded, as when foedus is run on a PETRARCH suite.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from actors_support import FIXTURE_FILES, FIXTURES, nlp
from foedus.actors.component import ActorResolver
from foedus.actors.compose import join_code
from foedus.actors.phoenix import read_dictionary
from foedus.actors.registry import build_registry

PETRARCH = FIXTURES / "petrarch"
ON = date(2015, 6, 1)


@lru_cache(maxsize=1)
def _resolver() -> ActorResolver:
    reg = build_registry([], [PETRARCH / "actors.txt", PETRARCH / "agents.txt"])
    return ActorResolver(nlp(), registry=reg, use_ner=False)


def codes(text: str, resolver: ActorResolver | None = None) -> list[tuple[str, str | None]]:
    model = nlp()
    doc = model.make_doc(text)
    doc._.published = ON
    for name, proc in model.pipeline:
        if name != "foedus_actors":
            doc = proc(doc)
    doc = (resolver or _resolver())(doc)
    return [(m.text, m.code) for m in doc._.actors]


@pytest.mark.parametrize("text,expected", [
    ("The Velmora government condemned the raid.", ("Velmora government", "VLMGOV")),
    ("Velmora's government condemned the raid.", ("Velmora's government", "VLMGOV")),
    ("The government of Velmora condemned the raid.", ("government of Velmora", "VLMGOV")),
    ("Odessir soldiers crossed the river at dawn.", ("Odessir soldiers", "ODSMIL")),
    ("President Martovan visited the coast.", ("President Martovan", "ODSGOV")),
    ("A Velmora relief agency opened a clinic.", ("Velmora relief agency", "NGOVLM")),
])
def test_dictionary_actors_compose_with_agents(text, expected):
    assert expected in codes(text)


def test_an_agent_does_not_repeat_a_sector_the_code_has():
    assert ("Harbour Palace officials", "VLMGOV") in codes("Harbour Palace officials rejected the offer.")
    assert join_code("USAGOV", "", "GOV") == "USAGOV"
    assert join_code("ARN", "NGO", "") == "NGOARN"
    assert join_code("CAL", "", "LEG") == "CALLEG"


def test_the_dictionary_phrase_wins_over_a_composition_of_equal_length():
    assert ("Velmoran guards", "VLMMIL") in codes("Velmoran guards closed the pass.")


def test_split_codes_give_one_mention_per_code():
    found = codes("Branholt protested to Quasten on Monday.")
    assert [c for t, c in found if t == "Branholt"] == ["BRH", "KVL"]
    assert ("Branholt soldiers", "BRHMIL") in codes("Branholt soldiers protested on Monday.")
    assert ("Branholt soldiers", "KVLMIL") in codes("Branholt soldiers protested on Monday.")


def test_agents_after_in_compose_with_each_coordinated_place():
    found = codes("Lawmakers in Velmora and Odessir welcomed the accord.")
    assert ("Lawmakers in Velmora", "VLMLEG") in found
    assert ("Odessir", "ODSLEG") in found


def test_a_bare_sector_only_with_a_dictionary():
    assert ("official", "GOV") in codes("The talks will resume, a senior official said.")
    # the packaged registry alone makes no country-less mention
    reg = build_registry(FIXTURE_FILES)
    plain = ActorResolver(nlp(), registry=reg, use_ner=False)
    assert codes("The talks will resume, a senior official said.", plain) == []


def test_stems_match_word_beginnings_and_exact_phrases_do_not():
    r = read_dictionary(PETRARCH / "actors.txt")
    by = {a.id: a for a in r.actors}
    assert by["dict:QUASTEN"].stems == ("QUASTEN",)
    assert by["dict:VELMORA"].stems == ()
    assert ("Quastenian", "QST") in codes("Quastenian negotiators arrived.")
    assert ("Velmoraland", "VLM") not in codes("Velmoraland sent envoys.")


def _mentions(text: str):
    model = nlp()
    doc = model.make_doc(text)
    doc._.published = ON
    for name, proc in model.pipeline:
        if name != "foedus_actors":
            doc = proc(doc)
    return _resolver()(doc)._.actors


def test_an_agent_naming_one_person_is_a_person():
    # "its" must not be resolved to "a senior official": the mention is flagged as a person
    found = {m.text: m for m in _mentions("Crowds burned down its embassy, a senior Velmora official said.")}
    assert found["Velmora official"].code == "VLMGOV"
    assert found["Velmora official"].person == "Velmora official"
    plural = {m.text: m for m in _mentions("Velmora officials said the border would stay closed.")}
    assert plural["Velmora officials"].person is None


@pytest.mark.parametrize("text,expected", [
    ("Velmora former officials met the envoy.", ("Velmora former officials", "VLMELI")),
    ("The envoy met former Velmora prosecutors.", ("Velmora prosecutors", "VLMELI")),
    ("Former officials in Harbour Palace met the envoy.", ("officials in Harbour Palace", "VLMGOVELI")),
])
def test_former_makes_an_agent_an_elite(text, expected):
    assert expected in codes(text)


def test_possessor_adjectives_title_and_a_dictionary_name():
    found = codes("Velmora's tired and angry minister Martovan left the talks.")
    assert ("Velmora's tired and angry minister Martovan", "VLMGOV") in found
    assert not any(c == "ODSGOV" for _, c in found)


def test_words_joined_by_underscores_in_the_text():
    assert ("Port_of_Salvane", "PSV") in codes("Odessir warned the Port_of_Salvane on Monday.")
    assert ("Port of Salvane", "PSV") in codes("Odessir warned the Port of Salvane on Monday.")


def test_every_agent_before_the_head_composes():
    assert ("Velmoran reformist media", "VLMRFMMED") in codes("The Velmoran reformist media condemned the raid.")
    assert ("Velmora world council reformists", "VLMWCORFM") in codes(
        "Velmora world council reformists condemned the raid.")
    # the head need not be an agent: the actor and its agents are coded over the whole phrase
    assert ("Velmora government issue", "VLMGOV") in codes("The Velmora government issue condemned the raid.")


def test_sector_words_coordinated_before_sector_in_place_share_the_places():
    found = codes("Lawmakers and officials in Velmora and Odessir welcomed the accord.")
    assert ("Lawmakers", "VLMLEG") in found and ("Lawmakers", "ODSLEG") in found
    assert ("officials in Velmora", "VLMGOV") in found and ("Odessir", "ODSGOV") in found


def test_dotted_abbreviations_in_the_dictionary():
    assert ("N.V.A.", "NVAEDU") in codes("The N.V.A. team thanked Velmora.")


def test_sector_from_state_composes_where_from_belongs_to_the_sector():
    assert ("soldiers from Velmora", "VLMMIL") in codes("The soldiers from Velmora blocked the bridge.")
    got = codes("Odessir withdrew its soldiers from Velmora.")
    assert not any(code == "VLMMIL" for _, code in got)


def test_a_state_adjective_carries_over_to_a_coordinated_sector():
    got = codes("Velmora media and government denied the report.")
    assert ("Velmora media", "VLMMED") in got
    assert ("government", "VLMGOV") in got
