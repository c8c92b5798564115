"""Actors of the whole world: the wrong-person guard, people composed from their titles, populations of places,
de facto authorities, sector words, the user's files in the actor commands, and the generated office registry."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actors_support import nlp, run_real
from foedus.actors.registry import build_registry, default_files, load_registry
from foedus.commands.actors import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def resolve_with_people(tmp_path: Path, people: str, text: str, on: date):
    """Resolve ``text`` with the packaged registry plus our own people (YAML list items), reusing the loaded model."""
    from foedus.actors.component import ActorResolver

    extra = tmp_path / "people.yaml"
    extra.write_text("format: foedus-actors/1\nkind: people\npeople:\n" + textwrap.indent(textwrap.dedent(people), "  "))
    resolver = ActorResolver(nlp(), registry=build_registry([*default_files(), extra]))
    doc = nlp().make_doc(text)
    doc._.published = on
    for name, proc in nlp().pipeline:
        if name != "foedus_actors":
            doc = proc(doc)
    return resolver(doc)._.actors


def codes(text: str, on: date) -> dict[str, str | None]:
    return {m.text: m.code for m in run_real(text, on)._.actors}


def mention(text: str, on: date, words: str):
    return next(m for m in run_real(text, on)._.actors if m.text == words)


# ------------------------------------------------------------------ never the wrong person

def test_a_known_surname_opening_a_longer_name_is_another_person():
    # "Kim" is the surname of a former World Bank president in the registry; a name it opens is not him.
    doc = run_real("Kim Jong Un inspected a missile factory near the coast.", date(2023, 3, 2))
    kim = next(m for m in doc._.actors if m.text.startswith("Kim"))
    assert kim.code != "IGOUNODEVWBKELI" and kim.entity_id != "kim-jim-yong"


def test_kim_jong_un_is_the_north_korean_leader_on_his_dates():
    m = mention("Kim Jong Un hosted the Russian president in Pyongyang.", date(2024, 6, 19), "Kim Jong Un")
    assert m.code == "PRKGOV"


def test_a_bare_surname_shared_by_people_out_of_office_stays_unresolved(tmp_path):
    people = """\
        - id: varga-imre
          name: Imre Varga
          offices:
            - {country: HUN, role: GOV, title: Minister of Foreign Affairs, start: 2001-01-01, end: 2002-01-01}
        - id: varga-zsofia
          name: Zsofia Varga
          offices:
            - {country: HUN, role: GOV, title: Minister of Defence, start: 2005-01-01, end: 2006-01-01}
        """
    found = resolve_with_people(tmp_path, people, "Varga said the border would stay open.", date(2019, 4, 1))
    varga = next(m for m in found if m.text == "Varga")
    assert varga.code is None  # two former ministers bear the name and neither was in office: no guess
    found = resolve_with_people(tmp_path, people, "Zsofia Varga arrived in the capital. Varga said the border would "
                                "stay open.", date(2019, 4, 1))
    later = [m for m in found if m.text == "Varga"]
    assert later and later[0].entity_id == "varga-zsofia"  # the full name earlier decides


def test_president_bush_is_the_one_in_office():
    assert mention("President Bush spoke with the allies about the war.", date(2003, 3, 1),
                   "President Bush").person == "George W. Bush"
    assert mention("President Bush spoke with the allies about the war.", date(1991, 1, 20),
                   "President Bush").person == "George H. W. Bush"


# ------------------------------------------------------------------ people composed from the text

def test_unknown_people_take_the_code_their_title_gives_and_keep_it():
    # Neither person is in the registry (the names are made up): the title and the country word say who they are.
    text = ("Moldovan Prime Minister Arvid Kessel flew home while Chad's foreign minister Abel Mourra waited. "
            "Later Kessel said the talks had failed, and Mourra agreed.")
    found = {m.text: m for m in run_real(text, date(2024, 5, 2))._.actors}
    assert found["Moldovan Prime Minister Arvid Kessel"].code == "MDAGOV"
    assert found["Moldovan Prime Minister Arvid Kessel"].person == "Arvid Kessel"
    assert found["Kessel"].code == "MDAGOV" and found["Kessel"].how == "coref"
    assert found["Chad's foreign minister Abel Mourra"].code == "TCDGOV"
    assert found["Mourra"].code == "TCDGOV"


def test_sector_words_of_states():
    found = codes("The Philippine coast guard said the Japanese air defences and India's NSC were on alert.",
                  date(2024, 5, 2))
    assert found["Philippine coast guard"] == "PHLMIL"
    assert found["Japanese air defences"] == "JPNMIL"
    assert found["India's NSC"] == "INDGOV"


def test_a_state_s_named_organisation_is_the_organisation_not_the_state_s_forces():
    found = codes("Sudan's Rapid Support Forces seized a fuel depot near Kosti on Friday.", date(2025, 6, 2))
    assert found.get("Rapid Support Forces") == "SDNREBRSF", found
    assert not any(code == "SDNMIL" for code in found.values()), found
    # a sector word that ends no name still composes with the state
    assert codes("Sudan's armed forces seized a fuel depot near Kosti on Friday.", date(2025, 6, 2)).get(
        "Sudan's armed forces") == "SDNMIL"


def test_a_capital_addressed_is_its_government_and_a_capital_travelled_to_is_a_place():
    assert codes("Manila referred to Beijing as a bully.", date(2025, 3, 1)).get("Beijing") == "CHNGOV"
    assert "Beijing" not in codes("The minister flew to Beijing on Monday.", date(2025, 3, 1))


def test_people_in_a_capital_that_seats_organisations_are_not_its_government():
    assert not any(code == "BELGOV" for code in codes("Diplomats in Brussels expect a decision on the "
                                                      "budget next month.", date(2025, 3, 1)).values())
    assert codes("Officials in Yerevan said the talks failed.", date(2025, 3, 1)).get("Officials in Yerevan") == "ARMGOV"


def test_an_unknown_person_titled_by_a_state_s_ambassador_is_that_state_s_diplomat():
    found = codes("Chilean Ambassador Matias Fernholz called the attack a violation.", date(2024, 3, 1))
    assert found.get("Chilean Ambassador Matias Fernholz") == "CHLGOV", found
    found = codes("Chilean U.N. Ambassador Matias Fernholz called the attack a violation.", date(2024, 3, 1))
    assert found.get("Chilean U.N. Ambassador Matias Fernholz") == "CHLGOV", found


def test_an_organisation_s_name_before_a_document_word_names_the_document():
    assert "UN" not in codes("Egypt argued that the blockade breached the UN Charter.", date(2025, 6, 24))
    assert codes("The UN said the talks would resume.", date(2025, 6, 24)).get("UN") == "IGOUNO"


def test_a_place_name_after_a_sector_word_is_not_a_person():
    doc = run_real("Protesters in Tbilisi marched to the parliament.", date(2024, 5, 2))
    assert all(m.person is None for m in doc._.actors if m.code == "GEOOPP")


# ------------------------------------------------------------------ groups inside a country

@pytest.mark.parametrize("text, words, code", [
    ("Serbs in northern Kosovo blocked the roads.", "Serbs in northern Kosovo", "KSVCVL"),
    ("Ethnic Russians in Transnistria queued to vote.", "Ethnic Russians in Transnistria", "MDACVL"),
    ("Karabakh Armenians crossed the bridge.", "Karabakh Armenians", "AZECVL"),
    ("Kurds in Syria buried their dead.", "Kurds in Syria", None),  # no state of Kurds: not a demonym here
])
def test_people_of_a_place_are_its_population_not_a_state(text, words, code):
    found = codes(text, date(2023, 6, 1))
    if code is None:
        assert "KUR" not in "".join(c or "" for c in found.values())
    else:
        assert found[words] == code


def test_a_demonym_alone_keeps_its_state():
    assert codes("Serbs voted on Sunday.", date(2023, 6, 1))["Serbs"] == "SRB"


# ------------------------------------------------------------------ de facto authorities

@pytest.mark.parametrize("name, code", [("Transnistria", "MDAPRE"), ("Abkhazia", "GEOPRE"), ("Somaliland", "SOMPRE"),
                                        ("the Turkish Republic of Northern Cyprus", "CYPPRE")])
def test_de_facto_authorities_are_their_own_actors(name, code):
    found = codes(f"{name[0].upper()}{name[1:]} announced new customs rules.", date(2023, 6, 1))
    assert code in found.values()


# ------------------------------------------------------------------ the actor commands read the user's files

def _extra_person(tmp_path: Path) -> Path:
    f = tmp_path / "mine.yaml"
    f.write_text(textwrap.dedent("""\
        format: foedus-actors/1
        kind: people
        people:
          - id: orlov-tamsin
            name: Tamsin Orlov
            offices:
              - {country: EST, role: GOV, title: Deputy Minister of Defence, start: 2024-01-10, end: null}
            sources: [{title: our own test entry, url: "https://example.org/"}]
        """))
    return f


def test_actors_resolve_and_show_read_the_option_and_the_environment(tmp_path, monkeypatch):
    extra = _extra_person(tmp_path)
    text = "Tamsin Orlov visited the base."
    out = runner.invoke(app, ["resolve", text, "--date", "2024-05-01", "--format", "json", "--actors", str(extra)])
    assert out.exit_code == 0, out.output
    assert any(r["code"] == "ESTGOV" for r in json.loads(out.output))
    monkeypatch.setenv("FOEDUS_ACTORS", str(extra))
    out = runner.invoke(app, ["resolve", text, "--date", "2024-05-01", "--format", "json"])
    assert any(r["code"] == "ESTGOV" for r in json.loads(out.output))
    out = runner.invoke(app, ["show", "Tamsin Orlov", "--date", "2024-05-01"])
    assert out.exit_code == 0 and "Deputy Minister of Defence" in out.output
    monkeypatch.delenv("FOEDUS_ACTORS")
    out = runner.invoke(app, ["show", "Tamsin Orlov"])
    assert out.exit_code == 1


def test_actors_commands_refuse_a_missing_file(tmp_path):
    out = runner.invoke(app, ["show", "Putin", "--actors", str(tmp_path / "nope.yaml")])
    assert out.exit_code == 2 and "no such file" in out.output


# ------------------------------------------------------------------ the generated office registry

def _builder():
    spec = importlib.util.spec_from_file_location("build_people", ROOT / "scripts" / "build_people.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["build_people"] = mod  # dataclasses look their module up while the class is built
    spec.loader.exec_module(mod)
    return mod


def test_world_registry_is_large_sourced_and_loads_without_problems():
    reg = load_registry()
    assert reg.problems == []
    assert len(reg.people) >= 2000
    offices = [o for p in reg.people.values() for o in p.offices]
    assert len(offices) >= 2500
    states = {o.country for o in offices if o.country}
    assert len(states) >= 100
    assert all(p.sources for p in reg.people.values())


@pytest.mark.parametrize("name, on, code", [
    ("Shehbaz Sharif", date(2025, 5, 7), "PAKGOV"),
    ("Kristen Michal", date(2025, 9, 19), "ESTGOV"),
    ("Volodymyr Zelensky", date(2022, 3, 1), "UKRGOV"),
    ("Angela Merkel", date(2010, 1, 1), "DEUGOV"),
    ("Cyril Ramaphosa", date(2020, 1, 1), "ZAFGOV"),
])
def test_world_office_holders_on_their_dates(name, on, code):
    assert mention(f"{name} spoke to reporters.", on, name).code == code


def test_office_tables_rows_are_checked():
    b = _builder()
    ok = {"name": "Ana Test", "aliases": "", "country": "EST", "org": "", "role": "GOV", "title": "Prime Minister",
          "start": "2020-01-02", "end": "2021-01-02", "approx": "", "uncertain": "", "source_title": "a list",
          "source_url": "https://example.org/", "read": "", "note": ""}
    row = b._row(ok, "t:2", {"EST"}, set())
    assert (row.country, row.start, row.end) == ("EST", date(2020, 1, 2), date(2021, 1, 2))
    for change, reason in (({"end": "2019-01-01"}, "before start"), ({"country": "XXX"}, "not a state"),
                           ({"org": "NATO"}, "exactly one"), ({"role": "KING"}, "role"),
                           ({"source_url": ""}, "source"), ({"start": "2020-13-01"}, "not a YYYY-MM-DD")):
        with pytest.raises(ValueError, match=reason):
            b._row({**ok, **change}, "t:2", {"EST"}, set())


def test_family_name_first_gets_its_surname():
    b = _builder()
    assert b.person_id("Kim Jong Un", True) == "kim-jong-un"
    assert b.person_id("Kristen Michal", False) == "michal-kristen"


def test_generated_file_matches_its_tables():
    """The packaged people_world.yaml is what the tables give today (nobody edited one without the other)."""
    b = _builder()
    problems: list[str] = []
    states = {s.id for s in build_registry(default_files()).states.values()}
    orgs = {o for o in load_registry().organisations}
    rows = b.read_tables(states, orgs, problems)
    people = b.build(rows, [])
    generated = (ROOT / "src" / "foedus" / "data" / "actors" / "people_world.yaml").read_text(encoding="utf-8")
    ids = {line.split(": ", 1)[1] for line in generated.splitlines() if line.startswith("  - id: ")}
    assert ids == {p.id for p in people}
    with (ROOT / "knowledge" / "offices" / "README.md").open(encoding="utf-8") as f:
        assert "source_url" in f.read()
    tables = list((ROOT / "knowledge" / "offices").glob("*.csv"))
    assert tables and all(next(csv.reader(t.open(encoding="utf-8"))) for t in tables)


# ------------------------------------------------------------------ spellings, acronyms, capitals

@pytest.mark.parametrize("text, code", [
    ("The Collective Security Treaty Organisation held a summit.", "IGOCSTO"),
    ("The Collective Security Treaty Organization held a summit.", "IGOCSTO"),
    ("The Shanghai Co-operation Organisation held a summit.", "IGOCAS"),
    ("Erdoğan phoned his counterpart.", "TURGOV"),
    ("Erdogan phoned his counterpart.", "TURGOV"),
])
def test_spelling_variants_of_registry_names(text, code):
    assert code in codes(text, date(2023, 6, 1)).values()


@pytest.mark.parametrize("capital, code", [("Tehran", "IRNGOV"), ("Ankara", "TURGOV"), ("Beijing", "CHNGOV"),
                                           ("Nairobi", "KENGOV"), ("Canberra", "AUSGOV")])
def test_capitals_that_speak_are_governments(capital, code):
    assert codes(f"{capital} said the talks would resume next month.", date(2023, 6, 1))[capital] == code


def test_an_institution_acronym_takes_the_story_state():
    text = ("Kenya's government protested. Kenyan officials met Kenyan lawmakers in Nairobi. Kenya will reply. "
            "The MFA said the note was delivered.")
    found = codes(text, date(2023, 6, 1))
    assert found.get("The MFA") == "KENGOV"


@pytest.mark.parametrize("text, words, code", [
    ("Supporters of Imran Khan blocked the motorway.", "Supporters of Imran Khan", "PAKOPP"),
    ("Supporters of President Maduro rallied outside the palace.", "Supporters of President Maduro", "VENCVL"),
])
def test_followers_of_an_actor_are_people_of_its_country(text, words, code):
    assert codes(text, date(2024, 5, 2))[words] == code


def test_state_news_agencies_are_their_states_media_and_private_ones_are_no_actors():
    found = {m.text: m for m in run_real("KCNA said the unit had returned, and Reuters reported the same.",
                                         date(2025, 4, 28))._.actors}
    assert (found["KCNA"].code, found["KCNA"].country, found["KCNA"].org) == ("PRKMED", "PRK", None)
    assert found.get("Reuters") is None or found["Reuters"].code is None


def test_the_allies_are_the_alliance_the_story_names():
    found = codes("NATO met on Tuesday. Allied aircraft escorted the bombers away, and the allies agreed to stay alert.",
                  date(2025, 9, 23))
    assert found.get("Allied aircraft") == "IGOWSTNAT" and found.get("the allies") == "IGOWSTNAT"
    # with no alliance in the story, "the allies" stays unresolved
    assert "IGOWSTNAT" not in codes("The allies agreed to stay alert.", date(2025, 9, 23)).values()


def test_a_surname_shared_by_two_office_holders_of_one_state_gets_their_code_but_no_person(tmp_path):
    people = """\
        - id: ostrova-mira
          name: Mira Ostrova
          offices:
            - {country: MNE, role: GOV, title: President, start: 2020-01-01, end: null}
        - id: ostrova-lena
          name: Lena Ostrova
          offices:
            - {country: MNE, role: GOV, title: Minister of Foreign Affairs, start: 2021-01-01, end: null}
        """
    found = resolve_with_people(tmp_path, people, "Ostrova said the border would stay open.", date(2024, 4, 1))
    m = next(x for x in found if x.text == "Ostrova")
    assert (m.code, m.person, m.entity_id) == ("MNEGOV", None, None)
    assert m.label == "PERSON"  # a person's name, whoever of them it is


def test_a_counterpart_named_by_a_country_word_is_its_official():
    assert codes("The Thai minister phoned his Cambodian counterpart.", date(2025, 7, 1)).get(
        "Cambodian counterpart") == "KHMGOV"


@pytest.mark.parametrize("name, code", [("IRGC", "IRNMIL"), ("the PLA", "CHNMIL"), ("the IDF", "ISRMIL"),
                                        ("the CIA", "USASPY"), ("the FSB", "RUSSPY")])
def test_national_military_and_intelligence_bodies_are_their_states_sectors(name, code):
    found = run_real(f"{name[0].upper()}{name[1:]} said the operation was over.", date(2025, 6, 23))._.actors
    assert any(m.code == code and m.org is None for m in found), [(m.text, m.code) for m in found]


@pytest.mark.parametrize("text", [
    "NATO warned Belarus. The Western military alliance then met in Brussels.",
    "NATO warned Belarus. The U.S.-led alliance then met in Brussels.",
])
def test_an_alliance_described_with_modifiers_is_the_alliance_the_story_names(text):
    found = codes(text, date(2024, 3, 1))
    desc = next(k for k in found if k.lower().endswith("alliance"))
    assert found[desc] == "IGOWSTNAT", found


@pytest.mark.parametrize("text, place", [
    ("Estonia cited the Washington Treaty.", "Washington"),
    ("Kyiv recalled the Budapest Memorandum.", "Budapest"),
])
def test_a_capital_naming_a_document_is_no_government(text, place):
    found = codes(text, date(2024, 3, 1))
    assert place not in found, found


@pytest.mark.parametrize("text, state", [
    ("Norway will ask its allies for talks after Russian drones entered its airspace.", "NOR"),
    ("Lithuania said that two Belarusian helicopters had crossed into its airspace.", "LTU"),
])
def test_its_before_a_state_s_space_is_the_state_of_the_clause_not_the_intruder(text, state):
    its = mention(text, date(2024, 3, 1), "its")
    assert its.code == state and its.how == "coref"


def test_its_before_other_nouns_is_left_to_the_general_rules():
    found = [m for m in run_real("Finland joined NATO after Russia moved its border troops.", date(2024, 3, 1))._.actors
             if m.text == "its"]
    assert not found or found[0].code != "FIN"
