"""The treaty registry: facts on dates, extensibility, malformed entries."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402

from foedus.ledger.treaties import load_registry, treaties_of  # noqa: E402


def test_builtin_registry_loads_cleanly_with_enough_treaties():
    reg = load_registry()
    assert reg.problems == ()
    assert len(reg.treaties) >= 24
    for t in reg.treaties:
        assert t.sources, f"{t.id} cites no source"
        assert t.articles, f"{t.id} has no articles"


def test_cst_parties_over_time():
    cst = load_registry().get("cst-1992")
    assert set(cst.parties_on(date(2022, 9, 13))) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert {"AZE", "GEO", "UZB"} <= set(cst.parties_on(date(1995, 1, 1)))
    assert "UZB" in cst.parties_on(date(2008, 1, 1)) and "UZB" not in cst.parties_on(date(2013, 1, 1))
    assert "AZE" not in cst.parties_on(date(2000, 1, 1))
    # Armenia froze its participation in February 2024: still a member, no longer active
    assert cst.member_on("ARM", date(2024, 6, 1)) and not cst.active_on("ARM", date(2024, 6, 1))
    assert cst.in_force_on(date(1994, 4, 20)) and not cst.in_force_on(date(1994, 4, 19))


def test_nato_membership_counts():
    nato = load_registry().get("nato-1949")
    assert len(nato.parties_on(date(2023, 1, 1))) == 30
    assert len(nato.parties_on(date(2023, 4, 4))) == 31
    assert len(nato.parties_on(date(2024, 3, 7))) == 32


def test_treaties_of_armenia_in_2022():
    ids = {t.id for t in treaties_of(load_registry(), "ARM", date(2022, 9, 13))}
    assert {"cst-1992", "arm-rus-1997", "nk-trilateral-2020", "arm-rus-base-2010"} <= ids
    assert "nato-1949" not in ids


def test_lachin_guarantee_binds_azerbaijan_only():
    art = load_registry().get("nk-trilateral-2020").article("6")
    passage = [o for o in art.obligations if o.type == "guarantee-of-passage"]
    assert len(passage) == 1 and passage[0].bound == ("AZE",)
    assert "Lachin corridor" in passage[0].place


def test_user_file_adds_treaty_and_malformed_entries_are_reported_with_line():
    reg = load_registry([build.fixture_treaties()])
    assert reg.get("fixture-pact") is not None
    assert reg.get("no-parties") is None and reg.get("bad-date") is None
    probs = [p for p in reg.problems if "fixture_treaties.yaml" in p]
    assert len(probs) == 2
    assert any(":47:" in p and "parties" in p for p in probs)
    assert any(":50:" in p and "not a date" in p for p in probs)


def test_file_of_wrong_format_is_reported_not_fatal(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("treaties: [1, 2\n", encoding="utf-8")
    reg = load_registry([str(bad)])
    assert any("x.yaml:1" in p and "format" in p for p in reg.problems)
    assert reg.get("cst-1992") is not None


def test_corrected_facts():
    reg = load_registry()
    arab = reg.get("arab-jdec-1950")
    joined = {p.state: p.joined for p in arab.parties}
    assert joined["IRQ"] == date(1951, 2, 2) and joined["JOR"] == date(1952, 2, 16)
    rio = reg.get("rio-1947")
    assert not rio.member_on("ARG", date(1949, 6, 1)) and rio.member_on("ARG", date(1951, 1, 1))
    assert {p.state: p.joined for p in rio.parties}["TTO"] == date(1967, 4, 6)
    assert reg.get("rus-blr-2024").in_force == date(2025, 3, 13)
    rus_prk = reg.get("rus-prk-2024")
    assert rus_prk.article("3").obligations[0].effective_duty == "consult"
    assert rus_prk.article("4").obligations[0].effective_duty == "military-assistance"
    assert "disputed" in reg.get("chn-prk-1961").notes


def test_nato_founders_join_when_the_organisation_registry_says():
    """The treaty registry and the organisation registry give the founders one date: the entry into force."""
    from foedus.actors.registry import load_registry as load_actors

    nato = load_registry().get("nato-1949")
    org = load_actors().organisation("NATO")
    treaty_dates = {p.state: p.joined for p in nato.parties}
    for m in org.members:
        if m.state in treaty_dates:
            assert treaty_dates[m.state] == m.joined, (m.state, treaty_dates[m.state], m.joined)
    assert treaty_dates["USA"] == date(1949, 8, 24) and nato.signed == date(1949, 4, 4)


def test_collective_defence_treaties_a_reader_of_the_news_expects():
    reg = load_registry()
    for tid in ("gcc-jda-2000", "ecowas-pmad-1981", "fra-are-2009", "usa-sau-sda-2025", "warsaw-pact-1955",
                "seato-1954", "cento-1955", "weu-1954", "nato-1949", "cst-1992", "rus-prk-2024", "sau-pak-2025"):
        assert reg.get(tid) is not None, tid
    warsaw = reg.get("warsaw-pact-1955")
    assert warsaw.ended == date(1991, 7, 1) and not warsaw.in_force_on(date(1995, 1, 1))
    assert reg.get("ecowas-pmad-1981").member_on("NER", date(2020, 1, 1))
    assert not reg.get("ecowas-pmad-1981").member_on("NER", date(2025, 6, 1))


def test_every_obligation_names_a_known_duty():
    from foedus.ledger.duties import load_duties

    duties, problems = load_duties()
    assert problems == ()
    for t in load_registry().treaties:
        for a in t.articles:
            for o in a.obligations:
                assert o.effective_duty in duties, (t.id, a.number, o.effective_duty)
                duty = duties[o.effective_duty]
                assert set(duty.full) | set(duty.partial) <= _class_names(), duty.name


def _class_names() -> set[str]:
    from foedus.ledger.responses import load_classes

    return {c.name for c in load_classes()[0]}


def test_a_malformed_duty_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "# format: foedus-treaties/1\ntreaties:\n  - id: bad-duty\n    name: Bad duty\n    kind: alliance\n"
        "    parties: [{state: AAA}]\n    articles:\n      - number: '1'\n        summary: x\n"
        "        obligations: [{type: defence, duty: defend-somehow}]\n"
    )
    reg = load_registry([str(bad)])
    assert reg.get("bad-duty") is None
    assert any("bad.yaml" in p and "defend-somehow" in p for p in reg.problems)
