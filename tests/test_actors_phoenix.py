import time
from datetime import date

import pytest

from actors_support import FIXTURE_FILES, FIXTURES, SHARED
from foedus.actors.phoenix import parse_code, read_dictionary
from foedus.actors.registry import build_registry


def test_fixture_dictionary_codes_and_problems():
    r = read_dictionary(FIXTURES / "dictionary.txt")
    actors = {a.id: a for a in r.actors}
    arm = actors["dict:ARMENIA"]
    assert arm.phrases == ("ARMENIA", "ARMENIAN")
    assert arm.code_on(date(1990, 1, 1)) == "USRARM"
    assert arm.code_on(date(2022, 9, 13)) == "ARM"
    council = actors["dict:EXAMPLE CITY COUNCIL"]
    assert council.code_on(date(2022, 9, 13)) == "ARMGOV"
    assert council.code_on(date(2024, 1, 1)) == "ARMELI"  # undated code outside the range
    # The bad date is skipped, the entry keeps its other code.
    assert actors["dict:BROKEN DATE"].code_on(date(2022, 1, 1)) == "ARMELI"
    reasons = {str(p).split("/")[-1] for p in r.problems}
    assert any(x.startswith("dictionary.txt:8: date '2001011'") for x in reasons)
    assert any(x.startswith("dictionary.txt:11: entry 'NO CODE ENTRY' has no code") for x in reasons)
    assert any(x.startswith("dictionary.txt:12: unbalanced brackets") for x in reasons)
    assert actors["dict:VALLEY OF NOWHERE"].codes[0].code == "---"


def test_agents_substitution_plural_and_prefix():
    r = read_dictionary(FIXTURES / "agents.txt")
    by = {a.phrase: a for a in r.agents}
    assert by["MILITIAMAN"].suffix == "REB" and "MILITIAWOMEN" in by
    assert by["SHEPHERD"].plurals == ("SHEPHERDS",)
    assert by["GOOSE"].plurals == ("GEESE",)
    assert by["HUMANITARIAN AGENCY"].prefix == "NGO" and by["HUMANITARIAN AGENCY"].suffix == ""


@pytest.mark.parametrize("block,expected", [
    ("ARMGOV 980204-080409", ("ARMGOV", date(1998, 2, 4), date(2008, 4, 9))),
    ("ARM >911221", ("ARM", date(1991, 12, 21), None)),
    ("USRARM <900823", ("USRARM", None, date(1990, 8, 22))),
    ("HOBGOV 19950601 - 19990815", ("HOBGOV", date(1995, 6, 1), date(1999, 8, 15))),
])
def test_parse_code(block, expected):
    c = parse_code(block)
    assert (c.code, c.start, c.end) == expected


@pytest.mark.parametrize("block", ["", "950601-990815", "ARM 9008223-911221", "ARM 991301-", "ARM 050101-040101"])
def test_parse_code_rejects(block):
    with pytest.raises(ValueError):
        parse_code(block)


def test_dictionary_in_registry_resolves_by_date():
    from actors_support import nlp
    from foedus.actors.component import ActorResolver

    reg = build_registry(FIXTURE_FILES, [FIXTURES / "dictionary.txt", FIXTURES / "agents.txt"])
    resolver = ActorResolver(nlp(), registry=reg)
    doc = nlp().make_doc("The Example City Council met, and Armenian shepherds and a Kyrgyz militiaman watched.")
    doc._.published = date(2022, 9, 13)
    for name, proc in nlp().pipeline:
        if name != "foedus_actors":
            doc = proc(doc)
    doc = resolver(doc)
    got = {(m.text, m.code, m.how) for m in doc._.actors}
    assert ("Example City Council", "ARMGOV", "dictionary") in got
    assert ("Armenian shepherds", "ARMAGR", "agent") in got


PHOENIX = SHARED / "reference" / "phoenix-dictionaries"


def test_full_phoenix_countries_file_loads_fast():
    path = PHOENIX / "Phoenix.Countries.actors.txt"
    if not path.exists():
        pytest.skip("Phoenix reference dictionaries are not available here")
    t0 = time.perf_counter()
    r = read_dictionary(path)
    seconds = time.perf_counter() - t0
    assert seconds < 10
    assert len(r.actors) > 15000
    actors = {a.id: a for a in r.actors}
    assert actors["dict:ARMENIA"].code_on(date(2022, 9, 13)) == "ARM"
    assert actors["dict:VLADIMIR PUTIN"].code_on(date(2022, 9, 13)) == "RUSGOV"
    assert actors["dict:VLADIMIR PUTIN"].code_on(date(1995, 1, 1)) == "RUSELI"
    # Malformed lines are reported with the line number, e.g. the 7-digit date of Armenia's entry.
    assert any(p.where.endswith(":2039") and "9008223" in p.reason for p in r.problems)


def test_petrarch_validation_dictionaries():
    actors_file = SHARED / "reference" / "petrarch-suite" / "PETR.Validate.actors.txt"
    agents_file = SHARED / "reference" / "petrarch-suite" / "PETR.Validate.agents.txt"
    if not actors_file.exists():
        pytest.skip("PETRARCH validation dictionaries are not available here")
    actors = {a.id: a for a in read_dictionary(actors_file).actors}
    gollum = actors["dict:GOLLUM"]
    assert "SMEAGOL" in gollum.phrases
    assert gollum.code_on(date(1997, 1, 1)) == "HOBGOV"
    assert gollum.code_on(date(2001, 1, 1)) == "HOBREB"
    agents = {a.phrase: a for a in read_dictionary(agents_file).agents}
    assert agents["MINISTER OF SILLY WALKS"].suffix == "GOV"
    assert agents["ATTORNEY GENERAL"].plurals == ("ATTORNEYS GENERAL",)
    assert agents["HUMAN RIGHTS BODY"].prefix == "NGO"
