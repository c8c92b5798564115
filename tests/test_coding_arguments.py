"""Argument rules shared by every predicate: the host of a visit, agents in from-phrases of reaction nouns.

The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events(nlp, text, on=date(2024, 10, 2)):
    return {(e["source"], e["target"], e["cameo"]) for e in code_text(nlp, text, on)["events"]}


@pytest.mark.parametrize("text, visitor, host", [
    ("The Kenyan president visited Ethiopia on Tuesday.", "KENGOV", "ETH"),
    ("Chile's foreign minister arrived in Lima for talks on Monday.", "CHLGOV", "PER"),
    ("Vietnam hosted the Indian defence minister last week.", "INDGOV", "VNM"),
])
def test_a_visit_is_made_by_one_side_and_hosted_by_the_other(nlp, text, visitor, host):
    found = events(nlp, text)
    assert (visitor, host, "042") in found and (host, visitor, "043") in found, found


@pytest.mark.parametrize("text, source, target, root", [
    ("The test drew sharp condemnation from Japan on Friday.", "JPN", None, "11"),
    ("The plan drew criticism from Germany and Austria.", "DEU", None, "11"),
])
def test_the_from_phrase_of_a_reaction_noun_is_its_agent(nlp, text, source, target, root):
    found = events(nlp, text)
    assert any(s == source and c.startswith(root) for s, _t, c in found), found


def test_a_reaction_noun_as_subject_gives_its_from_phrase_as_agents(nlp):
    found = events(nlp, "Responses from Canada and Australia came quickly, condemning Iran's executions as barbaric.")
    assert ("CAN", "IRN", "111") in found and ("AUS", "IRN", "111") in found, found


def test_an_act_named_again_keeps_the_date_it_was_told_with(nlp):
    text = ("Latvia said two Russian helicopters entered Latvian airspace on Monday. "
            "Allied envoys will meet on Friday to discuss Russia's violation of Latvian airspace.")
    out = code_text(nlp, text, date(2025, 5, 14))["events"]  # a Wednesday
    shows = [e for e in out if e["cameo"].startswith("15")]
    assert shows and all(e["date"] == "2025-05-12" for e in shows), shows


def test_a_definite_act_condemned_targets_its_author(nlp):
    text = "Ethiopian jets struck camps in Eritrea on Sunday. Eritrea's president condemned the airstrikes."
    assert ("ERIGOV", "ETH", "111") in events(nlp, text)


def test_the_place_of_a_where_clause_is_the_visited_place(nlp):
    found = events(nlp, "The accord was signed at a summit in Hanoi, where the Indian prime minister was making his first visit.")
    assert ("INDGOV", "VNM", "042") in found and ("VNM", "INDGOV", "043") in found, found


def test_an_event_noun_in_an_adverbial_takes_the_clauses_subject_and_its_purpose_object(nlp):
    found = events(nlp, "Kenya's president praised the deal during a visit to meet the Ethiopian prime minister.")
    assert ("KENGOV", "ETHGOV", "042") in found, found


@pytest.mark.parametrize("text, code, modality", [
    ("The Chilean president will visit Argentina next month.", "036", "future"),
    ("Brazil will provide humanitarian aid to Haiti.", "0333", "future"),
    ("Eritrea will attack Ethiopia before the rains.", "1384", "threatened"),
])
def test_an_act_announced_for_the_future_is_an_intent_or_a_threat(nlp, text, code, modality):
    out = code_text(nlp, text, date(2024, 10, 2))["events"]
    assert any(e["cameo"] == code and e["modality"] == modality for e in out), out


@pytest.mark.parametrize("text, code, target", [
    ("Belarus deployed troops to Russia last spring.", "074", "RUS"),
    ("Senegal's president authorized the dispatch of soldiers to Mali.", "074", "MLI"),
    ("Turkey deployed troops along the Syrian border.", "154", None),
])
def test_forces_sent_to_a_state_protect_it_and_forces_massed_at_a_border_are_posture(nlp, text, code, target):
    found = events(nlp, text)
    assert any(c == code and (target is None or t == target) for _s, t, c in found), found


@pytest.mark.parametrize("text", [
    "Sudanese troops committed atrocities in the camp, a rights group said.",
    "Indian jets conducted missile strikes on the camps.",
])
def test_crimes_committed_and_weapons_fired_are_neither_pledges_nor_aid(nlp, text):
    found = events(nlp, text)
    assert not any(c.startswith("03") or c == "072" for _s, _t, c in found), found


def test_a_statement_about_another_state_is_coded_and_a_bare_statement_is_not(nlp):
    found = events(nlp, "Chile's foreign ministry said that Bolivian troops had crossed the border.")
    assert ("CHLGOV", "BOLMIL", "010") in found, found
    assert not any(c == "010" for _s, _t, c in events(nlp, "Chile's foreign ministry said the weather was fine."))


@pytest.mark.parametrize("text, source, target, code", [
    ("Kuwaiti air defences intercepted two Iraqi missiles.", "KWTMIL", "IRQ", "190"),
    ("Norwegian fighters intercepted Russian bombers off the coast.", "NOR", "RUS", "150"),
    ("Colombia vowed to retaliate against Venezuela.", "COL", "VEN", "1384"),
    ("Serbia denied that its troops had entered Kosovo.", "SRB", "KSV", "016"),
])
def test_air_defence_retaliation_and_denial(nlp, text, source, target, code):
    found = events(nlp, text)
    assert any(s.startswith(source) and t == target and c == code for s, t, c in found), found


def test_a_reaction_with_no_target_is_aimed_at_the_counterpart_of_the_story_and_says_so(nlp):
    text = ("Ethiopian jets struck camps in Eritrea on Sunday. Eritrea accused Ethiopia of a massacre. "
            "Eritrea expelled two diplomats on Monday.")
    out = code_text(nlp, text, date(2024, 10, 2))["events"]
    story = [e for e in out if e["why"].get("target_from") == "story"]
    assert story and all(e["target"] == "ETH" and e["cameo"][:2] == "16" for e in story), out
    # one side named once with no counterpart is no story: nothing is inferred
    alone = code_text(nlp, "Eritrea expelled two diplomats on Monday.", date(2024, 10, 2))["events"]
    assert alone and all(e["target"] is None for e in alone), alone


def test_the_events_export_says_where_each_target_comes_from(tmp_path):
    import json as _json

    from typer.testing import CliRunner

    from foedus.cli import app

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text(
        "Ethiopian jets struck camps in Eritrea on Sunday, officials in the region said after the raid. "
        "Eritrea accused Ethiopia of a massacre of villagers in the border district on the same day. "
        "Eritrea expelled two diplomats on Monday, the foreign ministry in the capital announced.\n",
        encoding="utf-8")
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", str(db)]).exit_code == 0
    out = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    events = [_json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
    froms = {(e["cameo"][:2], ev["target_from"]) for e in events for ev in e["evidence"]}
    assert ("16", "story") in froms and ("19", "sentence") in froms, froms


@pytest.mark.parametrize("text, source, target, root", [
    ("Armenian forces drove Azerbaijani troops back from the ridge.", "ARMMIL", "AZEMIL", "19"),
    ("Ukrainian troops expelled Russian forces from the village.", "UKRMIL", "RUSMIL", "19"),
    ("Lithuania said it stood by Latvia.", "LTU", "LVA", "05"),
])
def test_driving_forces_out_is_combat_and_standing_by_is_support(nlp, text, source, target, root):
    found = events(nlp, text)
    assert any(s == source and t == target and c.startswith(root) for s, t, c in found), found


def test_a_state_announcing_its_own_force_threatens_and_anothers_act_stays_a_claim(nlp):
    out = code_text(nlp, "Bolivia said it would retaliate against Chile.", date(2024, 5, 1))["events"]
    assert any(e["cameo"] == "1384" and e["modality"] == "threatened" and e["target"] == "CHL" for e in out), out
    out = code_text(nlp, "Bolivia said Chilean troops had shelled its posts.", date(2024, 5, 1))["events"]
    assert any(e["cameo"].startswith("19") and e["modality"] == "claimed" for e in out), out


@pytest.mark.parametrize("text, source, target", [
    ("Through its foreign minister, Chile informed the UN Secretary-General of the incident.", "CHL", "IGOUNO"),
    ("Peru sent a letter to the UN Security Council on Monday.", "PER", "IGOUNO"),
])
def test_informing_or_writing_to_an_actor_consults_it(nlp, text, source, target):
    found = events(nlp, text)
    assert any(s == source and t == target and c == "040" for s, t, c in found), found


def test_an_unknown_speaker_with_an_apposition_speaks_for_what_the_apposition_names(nlp):
    text = ("Bolivian troops shelled a Chilean post on Monday. Ana Ruiz, spokesperson for Chile's foreign ministry, "
            "denounced the attack as a flagrant violation of Chilean sovereignty.")
    found = events(nlp, text)
    assert any(s == "CHLGOV" and t.startswith("BOL") and c.startswith("11") for s, t, c in found if t), found


def test_an_indefinite_event_noun_is_a_new_act_with_its_own_date():
    """ "During a phone call ... last Monday" is not the talks told earlier with another date."""
    from datetime import date

    from foedus.coding.explain import code_text, load_nlp

    text = ("Chile held talks with Peru on Friday. "
            "During a phone call with Peru's foreign minister last Monday, Chile's foreign minister raised the border.")
    events = code_text(load_nlp(), text, date(2024, 8, 10))["events"]
    calls = [e for e in events if e["cameo"] == "041"]
    assert calls and all(e["date"] == "2024-08-05" for e in calls), calls


def test_a_verb_of_doing_together_does_not_borrow_a_coordinated_verb_s_object(nlp):
    found = events(nlp, "The NATO council met on Monday to consult and strongly condemn Russia's violation of "
                        "Latvian airspace.")
    assert ("IGOWSTNAT", "RUS", "111") in found, found
    assert not any(c.startswith("04") and t == "RUS" or s == "RUS" and c.startswith("04") for s, t, c in found), found
    # a shared object is still shared by two acts ("attacked and shelled X")
    found = events(nlp, "Ethiopian forces attacked and shelled Eritrean positions.")
    assert {("ETHMIL", "ERI", "190"), ("ETHMIL", "ERI", "194")} <= found, found


def test_a_reaction_drawn_by_an_act_is_aimed_at_the_act_s_author(nlp):
    found = events(nlp, "Russian drones struck a depot in Kharkiv. The attack drew sharp condemnation from Japan.")
    assert ("JPN", "RUSMIL", "111") in found, found


def test_a_denial_answers_the_other_side_of_the_story(nlp):
    found = events(nlp, "India accused Pakistan of backing the gunmen. Pakistan struck back at India. "
                        "Pakistan denied the allegation.")
    assert ("PAK", "IND", "016") in found, found


def test_a_joint_act_of_several_parties_is_each_one_s_act_toward_the_others(nlp):
    found = events(nlp, "Chile and Peru restored diplomatic relations on Monday.")
    assert ("CHL", "PER", "054") in found and ("PER", "CHL", "054") in found, found


def test_the_doer_of_a_gerund_in_a_phrase_is_the_subject_of_its_verb(nlp):
    found = events(nlp, "Kenya retaliated by expelling Uganda's ambassador.")
    assert ("KEN", "UGAGOV", "166") in found, found
    # "joined X in shelling": both shell
    found = events(nlp, "Kenya joined Uganda in shelling the rebel camps in Congo.")
    assert {("KEN", "COG", "194"), ("UGA", "COG", "194")} <= found, found
    # "accused X of shelling": the accused is the doer, never the accuser
    found = events(nlp, "Kenya accused Uganda of shelling the camps.")
    assert not any(s == "KEN" and c.startswith("19") for s, _t, c in found), found
