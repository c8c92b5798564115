"""Breadth of predicates: the verbs and event nouns of news for every CAMEO root, each class with its arguments.

One test per class of pattern entries (``src/foedus/data/coding/patterns``); coverage over the field's verb
dictionaries is measured by ``bench/predicate_coverage.py`` (``docs/validation.md``, "Predicate coverage").
The sentences are our own.
"""

from __future__ import annotations


import pytest

from coding_support import asserted_events as events
from coding_support import nlp  # noqa: F401  (the module's pipeline fixture)
from foedus.coding.explain import code_text
from foedus.coding.patterns import load_patterns


def codes(nlp, text):
    return {c for _s, _t, c in events(nlp, text)}


def check(nlp, text, source, target, code):
    found = events(nlp, text)
    assert (source, target, code) in found, found


def test_the_new_entries_load_without_problems():
    ps = load_patterns()
    assert ps.problems == ()
    assert len(ps) >= 2100


# ---- 01 statements --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Syria denied the claims by Turkey.", "SYR", "TUR", "016"),
    ("Serbia dismissed the allegations from Kosovo.", "SRB", "KSV", "016"),
    ("Russia rejected Ukraine's accusations.", "RUS", "UKR", "016"),
    ("Moldova reaffirmed that Russia had violated its airspace.", "MDA", "RUS", "010"),
    ("Greece is considering sanctions against Turkey.", "GRC", "TUR", "014"),
])
def test_denials_statements_and_options_weighed(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


# ---- 02 appeals, 03 intents -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Norway called on Sudan for calm.", "NOR", "SDN", "0256"),
    ("Rwanda accepted an invitation from Kenya.", "RWA", "KEN", "036"),
    ("Hungary approved Finland's bid to join NATO.", "HUN", "FIN", "030"),
    ("The United States assured Kyiv of continued support.", "USA", "UKRGOV", "032"),
    ("Washington approved the sale of fighter jets to Poland.", "USAGOV", "POL", "031"),
])
def test_appeals_acceptances_and_assurances(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


def test_an_accepted_invitation_targets_the_actor_who_sent_it(nlp):
    text = "Kenya invited Somalia and Ethiopia to talks in Nairobi. Ethiopia accepted the invitation."
    assert ("ETH", "KEN", "036") in events(nlp, text)


# ---- 04 consultations, 05 diplomatic cooperation --------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Erdogan spoke by phone with Putin on Tuesday.", "TURGOV", "RUSGOV", "041"),
    ("The Kenyan president headed to Ethiopia on Sunday.", "KENGOV", "ETH", "042"),
    ("Egypt appreciated the role of Qatar.", "EGY", "QAT", "051"),
    ("Moldova reaffirmed its support for Ukraine.", "MDA", "UKR", "051"),
    ("Bahrain resumed relations with Qatar.", "BHR", "QAT", "054"),
])
def test_consultations_and_diplomatic_cooperation(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


@pytest.mark.parametrize("text", ["Vietnam engaged with Cambodia in talks.", "Vietnam took part in negotiations with Cambodia."])
def test_talks_engaged_in_are_talks_and_no_attack_or_seizure(nlp, text):
    found = events(nlp, text)
    assert {("VNM", "KHM", "046"), ("KHM", "VNM", "046")} <= found, found
    assert not {c for _s, _t, c in found if c.startswith("19")}, found


def test_talks_one_is_only_urged_to_engage_in_are_no_talks(nlp):
    found = events(nlp, "Norway urged Sudan and Chad to engage in talks.")
    assert not {c for _s, _t, c in found if c.startswith("04")}, found
    assert not {c for _s, _t, c in events(nlp, "Vietnam engaged in talks with Cambodia.") if c.startswith("19")}


def test_a_phone_call_and_deepened_ties_go_both_ways(nlp):
    found = events(nlp, "Erdogan spoke by phone with Putin on Tuesday.")
    assert ("RUSGOV", "TURGOV", "041") in found, found
    found = events(nlp, "Kazakhstan deepened ties with Uzbekistan.")
    assert {("KAZ", "UZB", "050"), ("UZB", "KAZ", "050")} <= found, found


# ---- 06 material cooperation, 07 aid ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Iran supplied drones to Russia.", "IRN", "RUS", "072"),
    ("Canada transferred howitzers to Ukraine.", "CAN", "UKR", "072"),
    ("Kazakhstan exported grain to Afghanistan.", "KAZ", "AFG", "061"),
    ("India bought oil from Russia.", "IND", "RUS", "061"),
    ("British instructors trained Ukrainian pilots.", "GBR", "UKR", "062"),
    ("Russian and Chinese bombers conducted a joint patrol over the Sea of Japan.", "RUS", "CHN", "062"),
])
def test_weapons_handed_over_trade_and_training(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


# ---- 08 yielding, 09 investigation ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Israel halted its strikes on Gaza.", "ISR", "PSE", "087"),
    ("India and China disengaged troops along the border.", "IND", "CHN", "087"),
    ("Saudi Arabia opened its airspace to Israeli flights.", "SAU", "ISR", "0872"),
    ("Iran returned the seized tanker to Britain.", "IRN", "GBR", "0842"),
    ("Kenya handed over the suspects to Uganda.", "KEN", "UGA", "0841"),
    ("Iran interrogated the detained British crew.", "IRN", "GBR", "090"),
])
def test_halts_returns_and_interrogations(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


def test_a_strike_or_protest_called_off_eases_dissent(nlp):
    check(nlp, "The teachers' union of Kenya called off its strike against the government of Kenya.", "KEN", "KENGOV", "082")
    assert "082" in codes(nlp, "Kenyan teachers called off their strike.")


# ---- 10 demands, 11 disapproval ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Beijing blasted Washington for the arms sale.", "CHNGOV", "USAGOV", "111"),
    ("Egypt hit out at Ethiopia over the dam.", "EGY", "ETH", "111"),
    ("Russia objected to the deployment of American missiles.", "RUS", "USA", "110"),
    ("Iran accused the British diplomat of spying.", "IRN", "GBRGOV", "1125"),
    ("Ukraine opened a criminal case against the Russian general.", "UKR", "RUSMIL", "115"),
    ("Ukraine took Russia to the International Court of Justice.", "UKR", "RUS", "115"),
])
def test_deadlines_criticism_objections_and_legal_action(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


def test_a_deadline_given_is_a_demand(nlp):
    found = events(nlp, "Kenya gave Somalia a deadline to withdraw its troops.")
    assert any(s == "KEN" and t == "SOM" and c.startswith("10") for s, t, c in found), found


# ---- 12 rejection, 13 threats, 14 protest -----------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Armenia turned down the proposal by Azerbaijan.", "ARM", "AZE", "127"),
    ("Germany ruled out talks with the Taliban.", "DEU", "AFGREBTAL", "125"),
    ("Iran vowed revenge against Israel.", "IRN", "ISR", "138"),
    ("Israel violated Syria's sovereignty.", "ISR", "SYR", "128"),
    ("Beijing cautioned Washington against arming Taiwan.", "CHNGOV", "USAGOV", "130"),
])
def test_refusals_threats_and_norms_defied(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


def test_not_ruling_something_out_is_no_refusal(nlp):
    found = code_text(nlp, "Brazil does not rule out cooperation with Argentina, its foreign minister said.")["events"]
    assert not [e for e in found if e["cameo"][:2] in ("12", "06")], found


# ---- 15 posture, 16 reduced relations ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Japan scrambled fighter jets against Chinese drones.", "JPN", "CHNMIL", "150"),
    ("Chinese warplanes crossed the median line of the Taiwan Strait.", "CHNMIL", "TWN", "150"),
    ("Ethiopia suspended the border treaty with Eritrea.", "ETH", "ERI", "160"),
    ("Uzbekistan closed the border with Tajikistan.", "UZB", "TJK", "160"),
    ("The African Union suspended Niger.", "IGOAFRAFU", "NER", "160"),
    ("Russia slapped sanctions on British journalists.", "RUS", "GBRMED", "163"),
    ("Russia halted gas supplies to Bulgaria.", "RUS", "BGR", "163"),
    ("Japan suspended its economic aid to Myanmar.", "JPN", "MMR", "1621"),
    ("Washington cut military aid to Egypt.", "USAGOV", "EGY", "1622"),
    ("Britain evacuated its embassy staff from Ukraine.", "GBR", "UKR", "161"),
])
def test_shows_of_force_suspensions_and_cuts(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


def test_a_missile_test_is_a_show_of_force_not_a_shelling(nlp):
    found = codes(nlp, "North Korea test-fired a ballistic missile on Sunday.")
    assert "150" in found and "194" not in found, found


def test_a_suspended_treaty_is_not_a_signed_one_and_cut_aid_is_not_aid(nlp):
    assert "057" not in codes(nlp, "Russia suspended the treaty with the United States.")
    found = codes(nlp, "The United States suspended aid deliveries to Ethiopia.")
    assert "162" in found and not {c for c in found if c.startswith("07")}, found


def test_live_fire_drills_are_drills_not_shooting(nlp):
    found = codes(nlp, "China conducted live-fire drills near Taiwan.")
    assert "150" in found and "193" not in found, found


# ---- 17 coercion --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("A Chinese coast guard ship rammed a Philippine supply boat.", "CHN", "PHL", "171"),
    ("Chinese coast guard officers boarded a Philippine vessel.", "CHN", "PHL", "171"),
    ("Chinese vessels fired water cannon at a Philippine boat.", "CHN", "PHL", "171"),
    ("Chinese jets harassed a Canadian patrol plane.", "CHN", "CAN", "170"),
    ("Chinese ships blocked a Philippine resupply mission.", "CHN", "PHL", "191"),
    ("Russia took two Estonian citizens into custody.", "RUS", "ESTCVL", "173"),
])
def test_coercion_at_sea_and_custody(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


def test_water_cannon_is_no_small_arms_fire(nlp):
    assert "193" not in codes(nlp, "Chinese vessels fired water cannon at a Philippine boat.")


# ---- 18 assault, 19 force, 20 mass violence ----------------------------------------------------------------------

@pytest.mark.parametrize("text, source, target, code", [
    ("Turkey's strike on Aleppo killed two commanders.", "TUR", "SYR", "190"),
    ("Syrian air defences shot down an Israeli missile.", "SYRMIL", "ISR", "190"),
    ("Ukrainian drones sank a Russian warship.", "UKRMIL", "RUSMIL", "190"),
    ("Russian forces recaptured the village from Ukraine.", "RUSMIL", "UKR", "192"),
    ("Turkish tanks rolled into northern Syria.", "TURMIL", "SYR", "192"),
    ("Belarusian soldiers took part in military operations against Ukraine.", "BLRMIL", "UKR", "190"),
    ("Indian troops engaged in fighting with Pakistani forces.", "INDMIL", "PAKMIL", "190"),
    ("Indian troops participated in combat against Pakistani forces.", "INDMIL", "PAKMIL", "190"),
    ("The African Union launched a peacekeeping mission in Somalia.", "IGOAFRAFU", "SOM", "074"),
])
def test_strikes_downings_sinkings_and_ground_taken(nlp, text, source, target, code):
    check(nlp, text, source, target, code)


def test_taking_part_is_no_seizure_and_refugees_crossing_are_no_invasion(nlp):
    assert "192" not in codes(nlp, "Indian troops took part in a conference with Pakistan.")
    assert not {c for c in codes(nlp, "Turkey launched a rescue operation in Syria.") if c.startswith("19")}
    assert not {c for c in codes(nlp, "Syrian refugees crossed into Turkey.") if c.startswith("19")}


@pytest.mark.parametrize("text, expected", [
    ("Beijing has called the Philippine president a bully.", ("CHNGOV", "PHLGOV", "111")),
    ("China branded Marcos a dangerous separatist.", ("CHN", "PHLGOV", "111")),
    ("Hanoi referred to Beijing as an aggressor.", ("VNMGOV", "CHNGOV", "111")),
    ("Belarusian helicopters crossed into Lithuanian airspace on Friday. Lithuania summoned the envoy over the "
     "incident, which it described as a reckless intrusion.", ("LTU", "BLR", "1123")),
])
def test_a_pejorative_label_for_an_actor_or_its_act_is_criticism(nlp, text, expected):
    assert expected in events(nlp, text)


def test_a_label_that_is_no_criticism_is_no_event(nlp):
    assert not codes(nlp, "Chile called Peru a partner.")


def test_vowing_resolute_measures_is_a_threat(nlp):
    found = events(nlp, "Beijing vowed to take firm countermeasures against Manila.")
    assert ("CHNGOV", "PHLGOV", "130") in found, found
    assert not any(c.startswith("03") for _s, _t, c in found), found


def test_a_measure_kept_until_another_party_acts_demands_that_act(nlp):
    found = events(nlp, "Kenya suspended the trade pact until Somalia ends its support for the militants.")
    assert ("KEN", "SOM", "100") in found, found
    # a measure kept until a day demands nothing
    found = events(nlp, "Chile suspended its flights to Peru until Friday.")
    assert not any(c.startswith("10") for _s, _t, c in found), found


@pytest.mark.parametrize("text, expected", [
    ("The Chinese navy began exercises around the Philippines on Monday.", ("CHNMIL", "PHL", "150")),
    ("Russia held drills near the Latvian border.", ("RUS", "LVA", "150")),
])
def test_exercises_around_or_near_another_state_are_a_show_of_force(nlp, text, expected):
    assert expected in events(nlp, text)


def test_exercises_around_no_other_state_are_no_show_of_force(nlp):
    assert not events(nlp, "The navy began its annual exercises around the harbour.")
