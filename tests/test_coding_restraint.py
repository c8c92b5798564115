"""Restraint: acts the sentence says did not happen, or have not happened yet, are never coded as facts.

The sentences are our own.
"""

from __future__ import annotations

from datetime import date

import pytest

from foedus.coding.explain import code_text, load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def coded(nlp, text):
    return code_text(nlp, text, date(2024, 3, 1))["events"]


@pytest.mark.parametrize("text, root", [
    ("The agreement between Chile and Peru has yet to be signed.", "05"),
    ("Chile has yet to sign the accord with Peru.", "05"),
    ("Neither Chile nor Peru attacked the outpost.", "19"),
])
def test_acts_not_done_are_negated(nlp, text, root):
    found = [e for e in coded(nlp, text) if e["cameo"].startswith(root)]
    assert found and all(e["negated"] for e in found), found


def test_an_act_that_did_not_stop_another_is_still_an_act(nlp):
    found = [e for e in coded(nlp, "The attack by Chile did not stop the talks with Peru.") if e["cameo"].startswith("19")]
    assert found and not any(e["negated"] for e in found), found


@pytest.mark.parametrize("text", [
    "Chile could sign the accord with Peru if the border dispute is settled.",
    "Article 4 allows any member to request consultations with the allies.",
])
def test_conditionals_and_definitions_are_no_facts(nlp, text):
    assert not any(e["modality"] == "asserted" and not e["negated"] and e["cameo"][:2] in ("02", "05")
                   for e in coded(nlp, text))


@pytest.mark.parametrize("text", [
    "The pact allows Hungary to request military assistance from its allies.",
    "Article 3 states that Chile and Peru will consult each other when either is threatened.",
    "The charter obliges Peru to send troops to any member under attack.",
    "Chile invoked Article 2, which allows any member to ask Peru for help.",
])
def test_what_a_text_provides_is_no_event(nlp, text):
    found = [e for e in coded(nlp, text) if e["modality"] != "hypothetical"
             and e["cameo"][:2] in ("02", "03", "04", "07")
             and not (e["cameo"].startswith("02") and "invoked" in text and e["source"].startswith("CHL"))]
    assert not found, found


def test_a_permission_given_in_the_past_is_still_an_act(nlp):
    found = [e for e in coded(nlp, "Turkey allowed American jets to bomb targets in Syria.") if e["cameo"].startswith("19")]
    assert found and all(e["modality"] == "asserted" for e in found), found


@pytest.mark.parametrize("text, speaker", [
    ("Chile recalled its ambassador after claiming that Peruvian troops had attacked a patrol.", "CHL"),
    ("Peru closed the crossing, saying that Chilean soldiers had attacked a patrol.", "PER"),
])
def test_the_speaker_of_a_non_finite_verb_of_saying_is_the_subject_of_its_clause(nlp, text, speaker):
    claimed = [e for e in coded(nlp, text) if e["cameo"][:2] == "19"]
    assert claimed and all(e["modality"] == "claimed" and (e["claimed_by"] or "").startswith(speaker)
                           for e in claimed), claimed


def test_an_act_toward_nobody_is_no_event_but_the_reason_is_kept():
    from datetime import date as _date

    from foedus.coding.explain import code_text, load_nlp

    nlp = load_nlp()
    on = _date(2026, 2, 3)
    # a consultation or an appeal with nobody on the other side: dropped, and said why
    out = code_text(nlp, "Kenya's cabinet met on Monday.", on)
    assert not [e for e in out["events"] if e["cameo"].startswith("04")], out["events"]
    assert any("no target actor in the sentence or the story" in d["reason"] for d in out["dropped"]), out["dropped"]
    # an appeal under a treaty keeps its place (the treaty's parties are its addressees)
    out = code_text(nlp, "Kenya requested consultations under Article 4 of the treaty on Monday.", on)
    assert [e for e in out["events"] if e["cameo"].startswith("02")], out["events"]
    # an act reported as not done, and an act that stands on its own, keep no target
    out = code_text(nlp, "Kenya declined to send aid.", on)
    assert [e for e in out["events"] if e["cameo"].startswith("07") and e["negated"]], out["events"]
    out = code_text(nlp, "Ugandan forces shelled the hills.", on)
    assert [e for e in out["events"] if e["cameo"].startswith("19")], out["events"]


def test_what_a_text_provides_takes_no_counterpart_from_the_story():
    from datetime import date as _date

    from foedus.coding.explain import code_text, load_nlp

    text = ("Romania asked for consultations under the Washington Treaty on Friday. "
            "Article 4 says that NATO members shall consult each other when any of them feels threatened.")
    out = code_text(load_nlp(), text, _date(2025, 3, 3))["events"]
    assert ("ROU", "IGOWSTNAT") in {(e["source"], e["target"]) for e in out}, out
    assert not any(e["source"] == "IGOWSTNAT" and e["target"] == "ROU" for e in out), out


@pytest.mark.parametrize("text", [
    "Article 4 of the NATO treaty calls for a meeting whenever an ally is threatened.",
    "The charter states that the African Union will mediate between Chile and Peru in any dispute.",
])
def test_what_a_text_says_in_the_present_is_dropped_with_its_reason(nlp, text):
    out = code_text(nlp, text, date(2024, 3, 1))
    assert not [e for e in out["events"] if e["cameo"][:2] in ("02", "04")], out["events"]
    assert any("what a text provides" in d["reason"] for d in out["dropped"]), out["dropped"]


def test_what_a_question_asks_is_no_act(nlp):
    out = code_text(nlp, "A pollster asked Bolivians last week if they agreed with the annexation of the Chilean "
                         "coast by Bolivia.", date(2024, 3, 1))
    assert not out["events"], out["events"]
    assert any("question" in d["reason"] for d in out["dropped"]), out["dropped"]
    found = coded(nlp, "Chile agreed to sign a defence pact with Peru if Argentina joins.")
    assert any(e["source"] == "CHL" and e["target"] == "PER" for e in found), found


def test_an_earlier_attack_named_as_a_cause_with_no_target_is_dropped(nlp):
    out = code_text(nlp, "Border checks in Chile were tightened on Friday, following attacks by Bolivian troops "
                         "over several days.", date(2024, 3, 1))
    assert not [e for e in out["events"] if e["cameo"].startswith("19")], out["events"]
    assert any("named as a cause" in d["reason"] for d in out["dropped"]), out["dropped"]
    # with its target named, the act named as a cause is kept
    found = coded(nlp, "Peru closed its embassy in La Paz after Bolivia's attacks on Peru.")
    assert any(e["source"] == "BOL" and e["target"] == "PER" and e["cameo"].startswith("19") for e in found), found


def test_a_state_s_meeting_with_nobody_named_is_not_held_with_the_other_side():
    from foedus.coding.explain import code_text, load_nlp

    text = ("Bolivian troops shelled Chilean border posts on Monday. Chile condemned the shelling by Bolivia. "
            "Chile's president held a special meeting of the cabinet on Tuesday.")
    out = code_text(load_nlp(), text, date(2024, 3, 1))
    assert ("CHL", "BOLMIL", "111") in {(e["source"], e["target"], e["cameo"]) for e in out["events"]}, out["events"]
    assert not [e for e in out["events"] if e["cameo"].startswith("04")], out["events"]


@pytest.mark.parametrize("text", [
    "Trade between the two neighbours has grown since Armenia's invasion of Azerbaijan in 2020.",
    "Hungary said it had kept the accord despite its occupation of Slovak border villages.",
    "The two states drew closer after Ethiopia's occupation of Eritrea isolated Addis Ababa.",
])
def test_a_lasting_conflict_named_as_the_setting_is_no_new_act(nlp, text):
    out = code_text(nlp, text, date(2024, 3, 1))
    assert not [e for e in out["events"] if e["cameo"][:2] in ("18", "19", "20")], out["events"]
    assert any("lasting conflict" in d["reason"] for d in out["dropped"]), out["dropped"]


def test_a_single_attack_named_as_a_cause_is_still_coded(nlp):
    found = coded(nlp, "Peru recalled its envoy following Bolivia's attack on Peru.")
    assert any(e["source"] == "BOL" and e["target"] == "PER" and e["cameo"].startswith("19") for e in found), found


@pytest.mark.parametrize("text", [
    "Kenya sends aid to Uganda in case of floods.",
    "The treaty commits Ghana to send troops in the event of an attack on Togo.",
])
def test_an_act_under_a_condition_phrase_is_no_event(nlp, text):
    out = code_text(nlp, text, date(2024, 3, 1))
    assert not [e for e in out["events"] if e["cameo"][:2] in ("07", "15", "18", "19")], out["events"]
    if "case of" in text:
        assert any("condition" in d["reason"] for d in out["dropped"]), out["dropped"]


def test_in_the_case_of_is_no_condition(nlp):
    found = coded(nlp, "Chile sent food aid to Peru in the case of the flooded northern provinces.")
    assert any(e["source"] == "CHL" and e["target"] == "PER" and e["cameo"].startswith("07")
               and e["modality"] == "asserted" for e in found), found


def test_the_act_a_coded_denial_is_about_is_not_coded_again(nlp):
    out = code_text(nlp, "Hungary's defence ministry denied that its aircraft had crossed into Slovak airspace.", date(2024, 3, 1))
    assert [(e["source"], e["target"], e["cameo"]) for e in out["events"]] == [("HUNGOV", "SVK", "016")], out["events"]
    assert any("content of a denial" in d["reason"] for d in out["dropped"]), out["dropped"]
    # a plain statement that the act was not done, with no denial coded, keeps the act reported as not done
    found = coded(nlp, "Hungary said its jets had not violated Slovak airspace.")
    assert any(e["cameo"].startswith("15") and e["negated"] for e in found), found


def test_a_noun_naming_what_a_treaty_is_about_is_no_act(nlp):
    found = coded(nlp, "Ghana and Togo signed a security cooperation treaty on Monday.")
    assert {e["cameo"] for e in found} == {"057"}, found
    # the same noun heading its own phrase is an act
    found = coded(nlp, "Ghana and Togo agreed on closer security cooperation on Monday.")
    assert any(e["cameo"].startswith("06") for e in found), found


def test_a_lasting_conflict_told_through_its_author_s_pronoun_is_no_new_act(nlp):
    out = code_text(nlp, "Serbia accused Kosovo of lying and uses the quarrel to excuse its aggression.", date(2024, 3, 1))
    assert not [e for e in out["events"] if e["cameo"][:2] in ("18", "19", "20")], out["events"]
    # with its target named, it stays an act
    found = coded(nlp, "Serbia stepped up its aggression against Kosovo on Monday.")
    assert any(e["source"] == "SRB" and e["target"] == "KSV" and e["cameo"].startswith("19") for e in found), found


def test_an_act_named_as_a_cause_with_its_verb_after_the_noun_is_read_at_the_noun(nlp):
    out = code_text(nlp, "Rebels shelled a police post in Peru on Friday in revenge for the offensive mounted "
                         "by Peruvian troops.", date(2024, 3, 1))
    assert not [e for e in out["events"] if e["source"].startswith("PERMIL") and e["cameo"].startswith("19")], out["events"]


def test_a_stance_held_for_long_is_background_not_an_act_of_the_day(nlp):
    out = code_text(nlp, "Serbia has long pledged to retake Kosovo.", date(2024, 3, 1))
    assert not out["events"], out["events"]
    assert any("held for long" in d["reason"] for d in out["dropped"]), out["dropped"]
    found = coded(nlp, "Serbia pledged on Monday to retake Kosovo.")
    assert any(e["source"] == "SRB" and e["target"] == "KSV" and e["cameo"].startswith("13") for e in found), found


def test_an_act_of_a_state_s_organ_toward_the_state_itself_is_no_event(nlp):
    out = code_text(nlp, "Kenya's National Security Council restated Kenya's pledge of restraint on Monday.",
                    date(2024, 3, 1))
    assert not [e for e in out["events"] if e["target"] == "KEN"], out["events"]
