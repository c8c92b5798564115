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
            "denounced the shelling as a grave breach of Chilean sovereignty.")
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
    # an appeal or praise voiced together is addressed to someone else, never to each other
    found = events(nlp, "Chile and Peru urged both parties to engage in talks and welcomed the truce.")
    assert not any({s, t} == {"CHL", "PER"} for s, t, _c in found), found


def test_an_intent_with_no_target_is_aimed_at_the_counterpart_of_the_story(nlp):
    text = ("Ethiopian jets struck camps in Eritrea on Sunday. Eritrea expelled Ethiopia's ambassador on Monday. "
            "Ethiopia vowed to restore ties.")
    found = events(nlp, text)
    assert any(s == "ETH" and t == "ERI" and c.startswith("03") for s, t, c in found), found


def test_the_doer_of_a_gerund_in_a_phrase_is_the_subject_of_its_verb(nlp):
    found = events(nlp, "Kenya retaliated by expelling Uganda's ambassador.")
    assert ("KEN", "UGAGOV", "166") in found, found
    # "joined X in shelling": both shell
    found = events(nlp, "Kenya joined Uganda in shelling the rebel camps in Congo.")
    assert {("KEN", "COG", "194"), ("UGA", "COG", "194")} <= found, found
    # "accused X of shelling": the accused is the doer, never the accuser
    found = events(nlp, "Kenya accused Uganda of shelling the camps.")
    assert not any(s == "KEN" and c.startswith("19") for s, _t, c in found), found


@pytest.mark.parametrize("text, accuser, accused, code", [
    ("Armenia said Azerbaijani troops shelled the village of Sotk overnight.", "ARM", "AZEMIL", "1123"),
    ("The Latvian foreign ministry said Belarusian helicopters had violated Latvian airspace on Tuesday.",
     "LVAGOV", "BLR", "112"),
])
def test_a_statement_that_another_state_did_a_hostile_act_accuses_it(nlp, text, accuser, accused, code):
    found = events(nlp, text)
    assert (accuser, accused, code) in found, found
    assert not any(s == accuser and c == "010" for s, _t, c in found), found
    # the act itself stays the speaker's claim
    out = code_text(nlp, text, date(2024, 3, 1))["events"]
    assert any(e["source"] == accused and e["modality"] == "claimed" for e in out), out


def test_a_state_telling_of_its_own_act_accuses_nobody(nlp):
    found = events(nlp, "The Polish government said Polish jets shot down two Belarusian drones.")
    assert not any(c.startswith("112") for _s, _t, c in found), found


def test_an_incident_told_only_through_the_speaker_s_own_act_is_the_other_side_s(nlp):
    text = ("Latvia said on Monday it had shot down a Belarusian drone over its territory. "
            "Latvian Prime Minister Evika Silina called the incident a grave provocation.")
    assert ("LVAGOV", "BLR", "111") in events(nlp, text)


def test_the_only_counterpart_of_a_source_in_the_story_is_its_target(nlp):
    text = ("Chile closed its border crossing with Peru on Monday. "
            "Peru dismissed the allegations as baseless.")
    found = events(nlp, text)
    assert ("PER", "CHL", "016") in found, found


@pytest.mark.parametrize("text, expected", [
    ("The Rapid Support Forces pushed their offensive on the city of El-Fasher.", ("SDNREBRSF", "SDN", "190")),
    ("M23 rebels shelled the city of Goma.", ("CODREBM23", "COD", "194")),
])
def test_a_non_state_armed_group_hitting_a_town_of_its_own_country_targets_that_country(nlp, text, expected):
    assert expected in events(nlp, text)


def test_a_state_s_forces_hitting_a_town_of_their_own_country_have_no_target_from_it(nlp):
    found = events(nlp, "Sudanese troops shelled the city of El-Fasher.")
    assert not any(t == "SDN" for _s, t, _c in found), found


def test_a_date_after_an_act_named_as_the_object_dates_the_act_not_the_reaction(nlp):
    text = ("The North Atlantic Council gathered this morning to denounce Belarus's breach of Lithuanian airspace "
            "on 9 May.")
    out = code_text(nlp, text, date(2025, 5, 14))["events"]
    dates = {e["cameo"][:2]: e["date"] for e in out}
    assert dates.get("11") == "2025-05-14" and dates.get("15") == "2025-05-09", out
    # with no other date in the sentence the reaction keeps the date after its object
    out = code_text(nlp, "Japan condemned the missile launch on Tuesday.", date(2025, 5, 14))["events"]
    assert any(e["cameo"] == "111" and e["date"] == "2025-05-13" for e in out), out


@pytest.mark.parametrize("text, expected", [
    ("Iraq fired rockets at a Kuwaiti port on Monday. Kuwaiti air defences intercepted four rockets.",
     ("KWTMIL", "IRQ", "190")),
    ("Iraqi drones struck an oil field in Kuwait on Sunday. Kuwaiti forces downed two drones.", ("KWTMIL", "IRQMIL", "190")),
])
def test_air_defence_answers_the_latest_attack_on_the_defender(nlp, text, expected):
    assert expected in events(nlp, text)


def test_air_defence_with_no_earlier_attack_has_no_target_from_the_story(nlp):
    found = events(nlp, "Kuwaiti air defences intercepted three rockets.")
    assert all(t is None for s, t, c in found if s == "KWTMIL"), found


@pytest.mark.parametrize("text, expected", [
    ("Norway and Sweden have experienced airspace violations by Belarus.", {("BLR", "NOR"), ("BLR", "SWE")}),
    ("Several partners, including Norway and Sweden, have suffered airspace incursions by Belarus.",
     {("BLR", "NOR"), ("BLR", "SWE")}),
    ("Ukraine suffered heavy attacks by Russian forces overnight.", {("RUSMIL", "UKR")}),
])
def test_the_subject_of_a_verb_of_undergoing_is_the_target_of_the_act_it_undergoes(nlp, text, expected):
    found = {(s, t) for s, t, _c in events(nlp, text)}
    assert expected <= found, found


def test_a_support_verb_with_its_particle_carries_the_act_and_another_particle_does_not(nlp):
    found = events(nlp, "Colombia stepped up air raids on rebel camps near the Venezuelan border.")
    assert any(s == "COL" and c.startswith("19") for s, _t, c in found), found
    assert not events(nlp, "The police broke up a protest in Ankara.")


def test_talks_a_traveller_came_for_are_the_traveller_s(nlp):
    found = events(nlp, "The Peruvian president arrived in Quito on Monday for talks with Ecuador President "
                        "Daniel Noboa.")
    assert ("PERGOV", "ECUGOV", "046") in found, found
    # a for-phrase of a reaction names what the object did, not an act of the subject
    found = events(nlp, "Japan condemned Russia for the attacks on Kyiv.")
    assert not any(s == "JPN" and c.startswith("19") for s, _t, c in found), found


def test_an_act_announced_is_the_announcer_s_claim_and_a_shared_act_accuses_nobody(nlp):
    out = code_text(nlp, "On Saturday, Armenia's defence ministry announced that its forces had driven Azerbaijani "
                         "troops back from the ridge.", date(2024, 3, 2))["events"]
    assert any(e["cameo"].startswith("19") and e["claimed_by"] for e in out), out
    found = events(nlp, "The Kenyan president announced that Kenya had joined Uganda in shelling the rebel camps in "
                        "Congo.")
    assert not any(c.startswith("112") for _s, _t, c in found), found


def test_a_denial_of_a_part_in_an_act_answers_the_party_the_act_hit(nlp):
    found = events(nlp, "Chile denied involvement in Peru's attacks on Bolivia.")
    assert ("CHL", "BOL", "016") in found, found
    assert not any(s == "CHL" and t == "PER" and c == "016" for s, t, c in found), found


def test_an_act_claimed_by_a_group_is_the_group_s_and_it_claims_responsibility(nlp):
    found = events(nlp, "A bombing, claimed by the PKK, hit a Turkish army convoy.")
    assert ("TURREBPKK", "TUR", "190") in found and ("TURREBPKK", "TUR", "015") in found, found


def test_force_takes_its_story_counterpart_from_the_conflict_not_from_an_ally_consulted(nlp):
    text = ("Turkey asked NATO for consultations on Monday. NATO agreed to meet Turkey on Tuesday. "
            "Turkish troops launched an offensive on Thursday.")
    found = events(nlp, text)
    assert not any(s.startswith("TUR") and t == "IGOWSTNAT" and c.startswith("19") for s, t, c in found if t), found


def test_a_call_is_the_caller_s_act_and_a_call_held_together_is_both_sides(nlp):
    found = events(nlp, "Peru's foreign minister called his Chilean counterpart on Sunday about the fishing dispute.")
    assert ("PERGOV", "CHLGOV", "041") in found and not any(
        s.startswith("CHL") and c == "041" for s, _t, c in found), found
    found = events(nlp, "The Chilean and Peruvian presidents held a phone call on Monday.")
    assert {s[:3] for s, _t, c in found if c == "041"} == {"CHL", "PER"}, found


def test_a_news_agency_carries_the_report_and_commits_no_act(nlp):
    text = "Lima and Santiago concluded the accord at a ceremony on Friday, Chile's state news agency said."
    out = code_text(nlp, text, date(2024, 3, 1))
    found = {(e["source"], e["target"], e["cameo"]) for e in out["events"]}
    assert ("CHLGOV", "PERGOV", "057") in found, found
    assert any("news medium" in d["reason"] for d in out["dropped"]), out["dropped"]
    assert not any(s.endswith("MED") and c == "010" for s, _t, c in found), found
    out = code_text(nlp, "Chile's state news agency shelled the village.", date(2024, 3, 1))
    assert not [e for e in out["events"] if e["source"].endswith("MED")], out["events"]
    assert any("news medium" in d["reason"] for d in out["dropped"]), out["dropped"]


def test_a_statement_restating_the_speaker_s_own_act_is_not_coded_twice(nlp):
    out = code_text(nlp, "Japan pledged support for the Philippines on Monday, adding that it would stand by the "
                         "Philippines whatever happens.", date(2024, 3, 1))
    found = {(e["source"], e["target"], e["cameo"]) for e in out["events"]}
    assert ("JPN", "PHL", "032") in found and ("JPN", "PHL", "010") not in found, found
    assert any("restating" in d["reason"] for d in out["dropped"]), out["dropped"]
    # confirming a material act of one's own is news of its own
    found = events(nlp, "Chile has confirmed sending troops to Peru under the mutual defence pact of the two states.")
    assert ("CHL", "PER", "010") in found and ("CHL", "PER", "074") in found, found
    # a statement about another's act stays beside the act it reports
    found = events(nlp, "Japan said on Monday that China had shelled the Philippine coast guard.")
    assert any(s == "JPN" and t == "CHN" for s, t, _c in found), found


def test_a_demand_with_no_target_is_made_of_the_counterpart_of_the_story(nlp):
    text = ("Ethiopian jets struck camps in Eritrea on Sunday. Eritrea accused Ethiopia of a massacre. "
            "Eritrea demanded an international inquiry on Monday.")
    out = code_text(nlp, text, date(2024, 10, 2))["events"]
    demands = [e for e in out if e["cameo"][:2] == "10"]
    assert demands and all(e["target"] == "ETH" and e["why"].get("target_from") == "story" for e in demands), out
    alone = code_text(nlp, "Eritrea demanded an international inquiry on Monday.", date(2024, 10, 2))["events"]
    assert all(e["target"] is None for e in alone), alone


def test_a_statement_on_an_act_of_force_naming_nobody_is_about_the_other_side_of_the_story(nlp):
    story = "Indian jets struck camps in Pakistan on Tuesday. Pakistan condemned the strikes. "
    out = code_text(nlp, story + "The Indian government said the raids were meant to hit militant hideouts.",
                    date(2025, 5, 8))["events"]
    said = [e for e in out if e["cameo"] == "010"]
    assert said and all(e["target"] == "PAK" and e["why"].get("target_from") == "story" for e in said), out
    # a clause with no act of force, or no story to read the counterpart from: no statement
    out = code_text(nlp, story + "The Indian government said the weather was fine.", date(2025, 5, 8))["events"]
    assert not any(e["cameo"] == "010" for e in out), out
    out = code_text(nlp, "The Indian government said the raids were meant to hit militant hideouts.",
                    date(2025, 5, 8))["events"]
    assert not any(e["cameo"] == "010" for e in out), out


@pytest.mark.parametrize("text, source, target, negated", [
    ("Kenya received a letter from Uganda on Monday.", "UGA", "KEN", False),
    ("Nairobi said it had received no message from Kampala.", "UGAGOV", "KENGOV", True),
])
def test_a_contact_received_is_the_senders_act_toward_the_receiver(nlp, text, source, target, negated):
    out = code_text(nlp, text, date(2024, 5, 3))["events"]
    assert any(e["cameo"] == "040" and e["source"] == source and e["target"] == target
               and bool(e["negated"]) == negated for e in out), out


def test_a_capital_a_message_comes_from_is_its_government_and_a_place_otherwise():
    from actors_support import run_real

    got = [(m.text, m.code) for m in run_real("Kenya received a letter from Kampala.", date(2024, 5, 3))._.actors]
    assert ("Kampala", "UGAGOV") in got, got
    got = [(m.text, m.code) for m in run_real("The convoy arrived from Kampala.", date(2024, 5, 3))._.actors]
    assert ("Kampala", "UGAGOV") not in got, got


def test_an_organisations_meeting_takes_the_member_it_works_with_not_the_side_it_condemns(nlp):
    text = ("Latvia requested consultations with NATO on Monday. NATO condemned Belarus on Tuesday. "
            "NATO condemned Belarus again on Wednesday. NATO met on Thursday.")
    out = code_text(nlp, text, date(2024, 10, 4))["events"]
    meetings = [e for e in out if e["cameo"] == "040" and e["source"] == "IGOWSTNAT" and "met" in e["trigger"]]
    assert meetings and all(e["target"] == "LVA" for e in meetings), out


@pytest.mark.parametrize("text, source, target, root", [
    ("Chile denounced the plan and accused Peru of provoking a crisis.", "CHL", "PER", "11"),
    ("Al-Shabaab claimed responsibility for Monday's raid, saying it had attacked Kenyan troops.", "SOMREBSHB", "KENMIL", "015"),
])
def test_an_act_with_no_target_takes_the_one_party_its_source_deals_with_in_the_sentence(nlp, text, source, target,
                                                                                          root):
    out = code_text(nlp, text, date(2024, 10, 2))["events"]
    hits = [e for e in out if e["cameo"].startswith(root) and (source is None or e["source"] == source)]
    assert hits and all(e["target"] == target for e in hits), out


def test_an_act_with_no_target_takes_none_when_its_source_deals_with_several_parties(nlp):
    out = code_text(nlp, "Chile held naval exercises, thanked Peru and criticised Bolivia.", date(2024, 10, 2))["events"]
    drills = [e for e in out if e["cameo"].startswith("15")]
    assert all(e["target"] is None for e in drills), out


def test_an_act_made_only_toward_another_takes_no_target_from_a_neighbouring_act(nlp):
    out = code_text(nlp, "Chile accused Peru of stirring unrest by urging a referendum.",
                    date(2024, 10, 2))["events"]
    assert not [e for e in out if e["cameo"].startswith("02") and e["source"] == "CHL"], out


def test_a_statement_is_not_addressed_to_its_co_speaker_nor_to_a_place_adjective(nlp):
    found = events(nlp, "Kenya said: “Kenya and Uganda regard Somalia as a close friend.”")
    assert ("KEN", "UGA", "010") not in found and ("KEN", "SOM", "010") in found, found
    found = events(nlp, "Kenya announced it would dispatch envoys to the Ethiopian port city of Assab to meet Somali officials.")
    assert ("KEN", "ETH", "010") not in found, found
    # the party the clause is about is still the statement's target
    assert ("KEN", "UGA", "010") in events(nlp, "Kenya said Uganda was a reliable partner.")


def test_a_statement_about_a_partner_in_the_speaker_s_act_is_about_the_act_s_target(nlp):
    found = events(nlp, "Kenya announced that it had joined Uganda in shelling militant camps in Somalia.")
    assert ("KEN", "SOM", "010") in found and ("KEN", "UGA", "010") not in found, found


def test_a_report_of_another_s_act_coded_as_the_speaker_s_claim_is_no_statement_of_its_own(nlp):
    out = code_text(nlp, "Kenya confirmed that Uganda's president had called the Kenyan president on Monday.",
                    date(2024, 10, 2))
    assert not [e for e in out["events"] if e["cameo"] == "010"], out["events"]
    assert any(e["cameo"].startswith("04") and e["claimed_by"] for e in out["events"]), out["events"]
    assert any("coded as the speaker's claim" in d["reason"] for d in out["dropped"]), out["dropped"]
    # with nothing coded in its clause, the statement stays
    assert ("KEN", "UGA", "010") in events(nlp, "Kenya said Uganda was a reliable partner.")
