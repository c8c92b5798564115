"""The PETRARCH validation runner: a fixture suite we wrote, and the real suite when present.

spaCy is loaded once per session (the runner caches the pipeline per model).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.coding.validation import (
    Coding,
    match,
    normalise_actor,
    read_discards,
    read_records,
    run_petrarch_validation,
)

FIXTURES = Path(__file__).parent / "fixtures" / "petrarch"
FILES = {"verbs": "verbs.txt", "actors": "actors.txt", "agents": "agents.txt", "discards": "discards.txt"}
SUITE = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "petrarch-suite"


def test_records_are_read_with_placeholders_normalised():
    records, problems = read_records(FIXTURES / "records.xml")
    assert problems == []
    assert [r.id for r in records] == ["T-01", "T-02", "T-03", "T-04", "T-05"]
    assert records[1].expected == (Coding("KES", "VAL", "042"), Coding("VAL", "KES", "043"))
    assert records[3].error == "sentencediscard" and records[4].noevents
    assert records[0].text == "Kestria praised Valdora on Monday." and records[0].date.isoformat() == "2020-03-02"
    assert (normalise_actor("---GOV"), normalise_actor("---"), normalise_actor("ARN")) == ("GOV", None, "ARN")


def test_matching_is_strict_with_prefix_beside():
    expected = [Coding("ARNGOV", "GON", "064"), Coding("ARN", "GON", "064")]
    found = [Coding("ARN", "GON", "064"), Coding("ARN", "GONMIL", "064"), Coding("ARN", "GON", "064")]
    pairs, missed, extra = match(expected, found)
    assert len(pairs) == 1 and missed == [Coding("ARNGOV", "GON", "064")] and extra == [Coding("ARN", "GONMIL", "064")]
    pairs, missed, extra = match(expected, found, prefix=True)
    assert len(pairs) == 2 and missed == [] and extra == []
    assert match([Coding("AR", "GON", "064")], [Coding("ARN", "GON", "064")], prefix=True)[1]  # two letters: no prefix


def test_discards(tmp_path):
    d, problems = read_discards(FIXTURES / "discards.txt")
    assert d.story == ("chess olympiad",) and d.sentence == ("football match",)
    assert d.hit("After the Football Match, Kestria left.") == "football match"
    assert d.hit("A footballer matched nothing.") is None


def test_runner_on_fixture_suite():
    report = run_petrarch_validation(FIXTURES / "records.xml", files=FILES)
    total = report.total()
    assert (total.records, total.expected, total.found, total.matched, total.missed, total.extra) == (5, 4, 4, 3, 1, 1)
    by_id = {r.record.id: r for r in report.results}
    assert [str(c) for c in by_id["T-01"].found] == ["KES VAL 051"]
    # [042:043]: the reciprocal event comes from the pattern's reverse code
    assert [str(c) for c in by_id["T-02"].found] == ["KES VAL 042", "VAL KES 043"]
    assert by_id["T-03"].missed == [Coding("KESGOV", "VAL", "122")]  # no CONDEMN verb in the fixture
    assert by_id["T-04"].note == "discarded: football match" and by_id["T-04"].found == []
    assert [str(c) for c in by_id["T-05"].extra] == ["KES --- 051"]
    cats = report.by_category()
    assert (cats["DEMO"].expected, cats["DEMO"].matched, cats["DEMO"].extra) == (1, 1, 1)
    assert (cats["VERB"].expected, cats["VERB"].matched, cats["VERB"].missed) == (3, 2, 1)
    data = report.to_dict(show_misses=1)
    assert data["total"]["found_rate"] == 0.75 and len(data["misses"]) == 1


def test_proposed_rules_compose_dictionary_actors_with_agents():
    report = run_petrarch_validation(FIXTURES / "records.xml", files=FILES, proposed=True)
    t03 = {r.record.id: r for r in report.results}["T-03"]
    assert "Kestria government=KESGOV" in t03.actors


def test_missing_dictionary_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        run_petrarch_validation(FIXTURES / "records.xml", tmp_path, files=FILES)


def _suite_or_skip() -> Path:
    path = SUITE / "PETR.UnitTest.records.xml"
    if not path.exists():
        pytest.skip(f"{path} is absent (shared reference material not installed)")
    return path


def test_real_suite_floors():
    """Measured 307/359 found (86%), 29/336 extra (9%): floors set a little below."""
    report = run_petrarch_validation(_suite_or_skip())
    total = report.total()
    assert total.expected == 359 and total.records == 284
    assert total.matched >= 302
    assert total.extra_rate <= 0.11
    cats = report.by_category()
    assert cats["DEMO"].matched >= 41 and cats["COMPOUND"].matched >= 92
    assert cats["PATTERN"].matched >= 22
    assert cats["AGENT"].matched >= 24 and cats["MODIFY"].matched >= 10
    assert cats["SYNSET"].matched >= 50 and cats["VERB"].matched >= 20
    assert cats["SYNSET"].extra_rate <= 0.05 and cats["VERB"].extra_rate <= 0.12
    assert cats["DEMO"].extra_rate <= 0.12 and cats["MODIFY"].extra_rate <= 0.35


def test_real_suite_floors_with_proposed_rules():
    """Measured 301/359 found (84%), 31/332 extra (9%) with the actor bridge: floors a little below."""
    report = run_petrarch_validation(_suite_or_skip(), proposed=True)
    total = report.total()
    assert total.matched >= 296
    assert total.extra_rate <= 0.11
    assert report.by_category()["AGENT"].matched >= 23


def test_records_as_files_in_the_field_write_them(tmp_path):
    """A self-closed record, an empty text, prose with "<" and "&", a comment with "--": read what can
    be read, report the rest with its line; never a silent "0 records"."""
    from foedus.coding.validation import NoRecords

    field = tmp_path / "field.xml"
    field.write_text(
        '<Sentences>\n'
        '<!-- notes -- written by hand, x < y -->\n'
        '<Sentence date="20200302" id="F-01" source="x" sentence="True">\n'
        '<EventCoding sourcecode="KES" targetcode="VAL" eventcode="051"/>\n'
        '<Text>Kestria praised Valdora & its allies, saying 3 < 4 on Monday.</Text>\n</Sentence>\n'
        '<Sentence date="20200303" id="F-02" sentence="True"/>\n'
        '<Sentence date="20200304" id="F-03" sentence="True"><EventCoding noevents="True"/><Text>  </Text></Sentence>\n'
        'Some prose a crawler left between records.\n'
        '<Sentence date="20200305" id="F-04" sentence="True"><EventCoding noevents="True"/>\n'
        '<Text>Valdora held talks.</Text></Sentence>\n'
        '</Sentences>\n'
    )
    records, problems = read_records(field)
    assert [r.id for r in records] == ["F-01", "F-04"]
    assert records[0].text == "Kestria praised Valdora & its allies, saying 3 < 4 on Monday."
    reasons = {p.where.rsplit(":", 1)[1]: p.reason for p in problems}
    assert "self-closed" in reasons["7"] and "empty <Text>" in reasons["8"]
    empty = tmp_path / "empty.xml"
    empty.write_text("<Sentences>\n<Sentence id='E-1'/>\n</Sentences>\n")
    with pytest.raises(NoRecords, match="none with an id and a text"):
        read_records(empty)
    prose = tmp_path / "prose.txt"
    prose.write_text("no records here < at all")
    with pytest.raises(NoRecords, match="no <Sentence> element"):
        read_records(prose)
