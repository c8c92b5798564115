"""The stored actor keys and outlets the analyses filter on: written with
every row, equal to their definition, and a reprint keeps its own outlet."""

from __future__ import annotations

from datetime import date

from foedus.analysis.filters import EventFilter, key_definition
from foedus.coding.codebook import load_codebook
from foedus.coding.merge import merge_events
from foedus.jobs.rows import annotation_rows, event_row
from foedus.records import ActorMention, CodedEvent


def test_merge_stores_keys_and_reporting_outlets(small_store):
    merge_events(small_store)
    rows = small_store.execute(
        f"SELECT cameo, source_key, target_key, {key_definition('source')}, {key_definition('target')},"
        " outlets, sources FROM events e ORDER BY cameo"
    ).fetchall()
    assert [(r[0], r[1], r[2], r[5], r[6]) for r in rows] == [
        ("040", "RUS", "ARM", ["Paper Two"], 1),
        ("070", "RUS", "ARM", ["Paper Two"], 1),
        # d3 is a near-duplicate of d1: one source less, but it was printed by Paper Three
        ("195", "AZE", "ARM", ["Paper Three", "Paper Two", "Wire One"], 2),
    ]
    assert all(r[1] == r[3] and r[2] == r[4] for r in rows)


def _actor(code, country, org):
    return ActorMention(start=0, end=3, text=code, code=code, name=code, country=country, org=org, role=None)


def test_mention_rows_carry_their_document_outlet_and_keys():
    ev = CodedEvent(sent_index=0, sent_start=0, sent_end=40, sentence="The CSTO sent a mission to Armenia.",
                    source=_actor("IGOCSTO", None, "CSTO"), target=_actor("ARMGOV", "ARM", None), cameo="042",
                    trigger_start=9, trigger_end=13, trigger="sent", pattern_id="p", date="2022-09-20",
                    date_precision="day")
    row = event_row("d9", 0, ev, load_codebook(), outlet="TASS", published=date(2022, 9, 20))
    assert (row["outlet"], row["published"], row["source_key"], row["target_key"]) == (
        "TASS", date(2022, 9, 20), "CSTO", "ARM")
    unresolved = CodedEvent(**{**ev.__dict__, "target": _actor("UNK", None, None)})
    assert event_row("d9", 1, unresolved, load_codebook())["target_key"] is None


def test_annotation_rows_pass_the_document_outlet_to_every_mention():
    from types import SimpleNamespace

    ev = CodedEvent(sent_index=0, sent_start=0, sent_end=20, sentence="Russia urged restraint.",
                    source=_actor("RUSGOV", "RUS", None), target=None, cameo="013", trigger_start=7,
                    trigger_end=12, trigger="urged", pattern_id="p")
    ann = SimpleNamespace(sentences=[], tokens=[], actors=[], timexes=[], places=[], quotes=[], events=[ev, ev])
    rows = annotation_rows("d7", ann, load_codebook(), outlet="Reuters", published=date(2023, 1, 2))
    assert [(m["outlet"], m["published"], m["source_key"], m["target_key"]) for m in rows["event_mentions"]] == [
        ("Reuters", date(2023, 1, 2), "RUS", None)] * 2


def test_params_with_equals_the_long_way():
    flt = EventFilter(actor="ARM", outlet="TASS", start="2022-01-01", end="2022-12-31", negated="exclude",
                      claims="exclude", exact=True)
    for changes in [{"other": "RUS", "start": date(2022, 3, 1), "end": date(2022, 3, 31)},
                    {"actor": None, "source": "AZE", "target": "ARM"}, {}]:
        assert flt.params_with(**changes) == flt.with_(**changes).to_params()
    assert EventFilter().to_params() == {}
