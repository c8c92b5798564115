from datetime import date

from actors_support import FIXTURE_FILES, FIXTURES, fixture_registry
from foedus.actors.registry import build_registry, load_registry


def test_fixture_registry_loads_entries():
    reg = fixture_registry()
    assert reg.problems == []
    assert reg.state("ARM").name == "Armenia"
    assert reg.organisation("IGOCSTO").id == "CSTO"  # by code as well as id
    assert {t.kind for t in reg.lookup("Yerevan")} == {"metonym"}
    assert [t.entity_id for t in reg.lookup("Blinken")] == ["blinken-antony"]


def test_membership_follows_dates():
    reg = fixture_registry()
    assert "AZE" in reg.members("CSTO", date(1995, 1, 1))
    assert "AZE" not in reg.members("CSTO", date(2022, 9, 13))
    assert {"ARM", "RUS"} <= set(reg.members("CSTO", date(2022, 9, 13)))
    assert reg.allied("ARM", "RUS", date(2022, 9, 13)) == ["CSTO"]
    assert reg.allied("ARM", "USA", date(2022, 9, 13)) == []


def test_office_on_date():
    reg = fixture_registry()
    assert reg.office("blinken-antony", date(2022, 9, 13)).title == "Secretary of State"
    assert reg.office("blinken-antony", date(2019, 1, 1)) is None
    assert reg.office("putin-vladimir", date(2010, 1, 1)).title == "Prime Minister"
    # Inclusive ends: the last day in office is still in office.
    assert reg.office("blinken-antony", date(2025, 1, 20)) is not None
    assert reg.office("blinken-antony", date(2025, 1, 21)) is None


def test_malformed_entries_are_reported_with_line_and_skipped():
    reg = build_registry([*FIXTURE_FILES, FIXTURES / "broken.yaml", FIXTURES / "syntax_error.yaml"])
    where = {str(p).split("/")[-1] for p in reg.problems}
    assert "broken.yaml:9: missing required field 'name'" in where
    assert any(w.startswith("broken.yaml:11: field 'start' must be a date") for w in where)
    assert any(w.startswith("broken.yaml:15: office ends") for w in where)
    assert any(w.startswith("broken.yaml:19: office role 'government'") for w in where)
    assert any(w.startswith("syntax_error.yaml:6: YAML syntax error") for w in where)
    assert "good-person" in reg.people and "bad-date" not in reg.people
    assert "ARM" in reg.states  # the broken file did not spoil the good ones


def test_extra_file_extends_existing_entry():
    reg = build_registry([*FIXTURE_FILES, FIXTURES / "extra_people.yaml"])
    p = reg.person("pashinyan-nikol")
    assert "Nikol Vovayi Pashinyan" in p.aliases
    assert reg.office("pashinyan-nikol", date(2017, 6, 1)).role == "OPP"
    assert reg.office("pashinyan-nikol", date(2022, 9, 13)).role == "GOV"
    assert "hovsepyan-ani" in reg.people


def test_load_registry_is_cached_on_arguments():
    extra = (str(FIXTURES / "extra_people.yaml"),)
    assert load_registry(extra) is load_registry(list(extra))
    assert load_registry(extra) is not load_registry()
    assert "hovsepyan-ani" in load_registry(extra).people


def test_holders_among_a_subset_answer_as_over_everyone():
    reg = fixture_registry()
    on = date(2022, 9, 13)
    every = reg.holders("secretary", on)
    assert "blinken-antony" in [p.id for p in every]
    bearers = [p for p in reg.people.values() if any("secretary" in o.title.lower() for o in p.offices)]
    assert reg.holders("secretary", on, among=bearers) == every
    assert reg.holders("secretary", on, "USA", among=bearers) == reg.holders("secretary", on, "USA")
    assert reg.holders("minister", date(2010, 1, 1), "RUS")[0].id == "putin-vladimir"


def test_lookup_form_answers_as_lookup_for_every_known_form():
    reg = fixture_registry()
    assert reg.names.forms
    for form in reg.names.forms:
        assert reg.lookup_form(form) is reg.lookup(form)
    assert reg.lookup_form("Nowhere at all") == reg.lookup("Nowhere at all") == []
