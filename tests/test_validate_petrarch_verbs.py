"""The PETRARCH verb dictionary converter, on a fixture we wrote and on the real files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from foedus.coding.patterns import PatternSet
from foedus.coding.petrarch import convert_verb_dictionary, load_verb_dictionary, reverse_code
from foedus.coding.petrarch_verbs import parse_code, read_verb_dictionary

FIXTURE = Path(__file__).parent / "fixtures" / "petrarch" / "verbs.txt"
REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


def _by_id(patterns):
    return {p.id: p for p in patterns}


def test_reader_keeps_blocks_forms_and_nested_synsets():
    d = read_verb_dictionary(FIXTURE)
    assert [b.name for b in d.blocks] == ["PRAISE", "VISIT", "CALL"]
    assert [f.verb for f in d.blocks[0].forms] == ["praise", "laud"]
    call_off = d.blocks[2].forms[1]
    assert (call_off.verb, call_off.after, call_off.code.forward) == ("call", ("off",), "191")
    assert d.synsets["&PACTWORD"] == [("treaty",), ("pact",), ("trade", "accord")]
    assert d.synsets["&FIRMWORD"] == [("&PACTWORD",), ("charter",)]


def test_codes_with_reverse_and_null_parts():
    assert parse_code("032:033") == parse_code(" 032:033 ")
    assert (parse_code("032:033").forward, parse_code("032:033").reverse) == ("032", "033")
    assert (parse_code(":173").forward, parse_code(":173").reverse) == (None, "173")
    assert parse_code("---").null
    with pytest.raises(ValueError):
        parse_code("abc")


def test_converter_maps_defaults_objects_synsets_and_modifiers():
    patterns, _ = load_verb_dictionary(FIXTURE)
    ids = _by_id(patterns)
    assert ids["verbs.txt:14:praise:051"].objects == frozenset()
    assert ids["verbs.txt:15:laud:051"].code == "051"
    # &FIRMWORD -> &PACTWORD members + CHARTER; the two-word member keeps its modifier
    single = ids["verbs.txt:16:praise:057#1"]
    assert single.objects == {"treaty", "pact", "charter"} and single.modifiers == frozenset()
    # a set member of several words, and words joined by "_", are runs of adjacent words
    double = ids["verbs.txt:16:praise:057#2"]
    assert double.objects == frozenset() and double.after == ("trade accord",)
    naval = ids["verbs.txt:17:laud:0311"]
    assert naval.objects == frozenset() and naval.after == ("naval treaty",) and naval.pos == "verb"
    assert naval.specificity == 2


def test_converter_maps_reverse_codes_prepositions_and_particles():
    patterns, _ = load_verb_dictionary(FIXTURE)
    ids = _by_id(patterns)
    visit = ids["verbs.txt:23:visit:042"]
    assert visit.reverse_code == "043" and not visit.symmetric and reverse_code(visit.id) is None
    assert visit.target[-1] == "phrase"  # PETRARCH's first actor in the verb phrase, after our slots
    with_pattern = ids["verbs.txt:24:visit:040"]
    assert with_pattern.prep == "with" and with_pattern.target == ("with",)
    assert ids["verbs.txt:28:call_off:191"].particle == "off"
    assert ids["verbs.txt:29:call:020"].prep == "for"
    assert ids["verbs.txt:29:call_off:020"].particle == "off"
    # the [---] block gives the plain verb no default pattern; "* NOTHING [---]" suppresses
    assert not [p for p in patterns if p.lemma == "call" and not p.particle and not p.prep and not p.suppress]
    nothing = ids["verbs.txt:31:call:---"]
    assert nothing.suppress and nothing.objects == {"nothing"}
    # words before the verb, a noun inside a prepositional phrase
    assert ids["verbs.txt:18:praise:052"].before == ("said",)
    peace = ids["verbs.txt:19:praise:057"]
    assert peace.prep == "for" and peace.prep_objects == {"peace"}
    assert len(PatternSet.of(patterns)) == len(patterns)


def test_converter_reports_what_it_skips_with_line_numbers():
    conv = convert_verb_dictionary(FIXTURE)
    reasons = {str(p).split(": ", 1)[0].rsplit(":", 1)[1]: str(p) for p in conv.problems}
    assert "pattern without a [code]" in reasons["20"]
    assert "not a CAMEO code" in reasons["30"]
    assert "18" not in reasons and "19" not in reasons and "31" not in reasons  # now converted
    assert conv.skipped == {"not a CAMEO code": 1}
    assert (conv.pattern_lines, conv.converted_lines) == (8, 7)


def test_unchecked_codes_keep_private_codes():
    patterns, _ = load_verb_dictionary(FIXTURE, check_codes=False)
    assert any(p.code == "999" for p in patterns)


def test_malformed_file_never_raises(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("- * ORPHAN [010]\n--- NOCODE ---\n--- OK [010] ---\nOK\n- * [xyz]\n- NO STAR [010]\n", encoding="utf-8")
    patterns, problems = load_verb_dictionary(bad)
    assert [p.lemma for p in patterns] == ["ok"]
    lines = sorted(int(str(p).split(":")[1]) for p in problems)
    assert lines == [1, 2, 5, 6]
    assert load_verb_dictionary(tmp_path / "missing.txt")[1][0].reason.startswith("cannot read file")


def test_full_cameo_dictionary_loads_quickly():
    path = REFERENCE / "phoenix-dictionaries" / "CAMEO.2.0.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (shared reference material not installed)")
    started = time.perf_counter()
    conv = convert_verb_dictionary(path)
    elapsed = time.perf_counter() - started
    assert elapsed < 10
    assert conv.blocks == 397
    assert len(conv.patterns) > 50_000
    assert conv.converted_lines > 3000
    assert PatternSet.of(conv.patterns).candidates("ask")


JOINED = """&KINDS
+NAVAL
+FISHING

--- HAIL  [041] ---
HAIL
- * &KINDS_NOTES FROM [911]
- * NOTES_ON_&KINDS [912]
- * NEW_&KINDS_TIES [903]
"""


def test_joined_words_after_the_verb_are_adjacent_runs(tmp_path):
    from foedus.coding.explain import load_nlp
    from foedus.coding.matching import match_token
    from foedus.coding.patterns import PatternSet

    path = tmp_path / "verbs.txt"
    path.write_text(JOINED, encoding="utf-8")
    patterns, problems = load_verb_dictionary(path, check_codes=False)
    assert not problems
    notes_on = [p for p in patterns if p.code == "912"]
    assert {p.after for p in notes_on} == {("notes on naval",), ("notes on fishing",)} and not notes_on[0].prep
    pset = PatternSet.of(patterns)
    nlp = load_nlp()

    def code(text):
        doc = nlp(text)
        verb = next(t for t in doc if t.lemma_ == "hail")
        m = match_token(verb, pset)
        return m.pattern.code if m else None

    assert code("Kestria hailed fishing notes from Valdora.") == "911"
    assert code("Kestria hailed fishing secret notes from Valdora.") == "041"  # not adjacent
    assert code("Kestria hailed notes on naval matters.") == "912"  # a preposition inside the run
    assert code("Kestria hailed new fishing ties with Valdora.") == "903"
    assert code("Kestria hailed new global fishing ties with Valdora.") == "041"
