"""An ingest merges only the groups of mentions that changed, and gets the events a full merge gets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from foedus.coding import merge
from foedus.coding.merge import merge_events
from foedus.jobs import ingest as ingest_job
from foedus.settings import Settings
from foedus.store.db import connect

STORIES = {
    "shelling": "Azerbaijani forces shelled Armenian positions near Jermuk on Tuesday, the defence ministry in "
                "Yerevan said. Three soldiers were wounded and a border post was damaged by artillery fire. The "
                "ministry said its units returned fire and called on Russia to honour its obligations to Armenia. "
                "Baku denied the account and accused Armenian troops of an earlier provocation near the village.",
    "talks": "The foreign ministers of Armenia and Azerbaijan met in Washington on Thursday for talks hosted by "
             "the United States. Both sides agreed to continue work on a peace treaty and to exchange detainees "
             "before the end of the month, according to a joint statement released after the meeting. The "
             "State Department praised the two delegations for their constructive approach.",
    "witness": "Azerbaijani forces shelled Armenian positions near Jermuk on Tuesday, the defence ministry in "
               "Yerevan said. Shops in the town stayed "
               "closed and the local school moved its lessons to a basement while the guns could be heard from the "
               "hills above the river, our correspondent saw.",
    "aid": "Russia refused to send troops to Armenia after Yerevan asked its allies for military assistance. "
           "The Kremlin said a fact-finding mission would travel to the border instead. Armenian officials "
           "criticised the decision and said the alliance had failed to protect a member state under attack.",
}


def _record(story: str, n: int, published: str, outlet: str, edit: bool = False, cut: bool = False) -> dict[str, str]:
    text = STORIES[story]
    if cut:  # the copy leaves out the story's first sentence (and the report it carries)
        text = text.split(". ", 1)[1]
    if edit:  # a reprint with a closing line of its own: a near-duplicate, not the same text
        text += f" This copy number {n} was reprinted by {outlet} with a short note of its own."
    return {"text": text, "published": published, "outlet": outlet, "title": f"{story} {n}"}


def _write(folder: Path, name: str, records: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _state(con) -> tuple[list[tuple], list[tuple]]:
    """Every stored event (all columns) and each mention's event, in a fixed order."""
    events = con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
    mentions = con.execute("SELECT mention_id, event_id FROM event_mentions ORDER BY mention_id").fetchall()
    return events, mentions


def _assert_a_full_merge_changes_nothing(con) -> None:
    """The store holds exactly the events (and each report's event) that a merge over the whole store gives."""
    before = _state(con)
    merge_events(con)
    assert _state(con) == before


def _count_full_merges(monkeypatch) -> list[int]:
    """A list that gains an item each time a merge over the whole store runs."""
    calls: list[int] = []
    real = merge.merge_events
    monkeypatch.setattr(merge, "merge_events", lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Four ingests into one store: new reports, reprints, and last an earlier-published copy that becomes
    its group's canonical copy. That copy leaves out the story's first report, whose event two outlets gave
    (the story's and an eyewitness's): counted by the new canonical copy's outlet, the story's is now the
    same outlet as the eyewitness's, an event no new report belongs to but whose count of sources changes."""
    root = tmp_path_factory.mktemp("pending")
    return [
        _write(root / "r1", "a", [_record("shelling", 1, "2022-09-14", "Wire One"),
                                  _record("talks", 2, "2022-11-08", "Paper Two"),
                                  _record("witness", 8, "2022-09-14", "Early Bird")]),
        _write(root / "r2", "b", [_record("shelling", 3, "2022-09-15", "Paper Three", edit=True),
                                  _record("aid", 4, "2022-09-16", "Paper Two")]),
        _write(root / "r3", "c", [_record("talks", 5, "2022-11-09", "Wire One", edit=True)]),
        _write(root / "r4", "d", [_record("shelling", 6, "2022-09-13", "Early Bird", cut=True),
                                  _record("aid", 7, "2022-09-17", "Wire One", edit=True)]),
    ]


def test_incremental_merges_give_the_full_merge_s_events(runs, tmp_path, monkeypatch) -> None:
    settings = Settings(db_path=tmp_path / "store.duckdb")
    full_calls = _count_full_merges(monkeypatch)
    stages = []
    real_stage = merge._stage
    monkeypatch.setattr(merge, "_stage", lambda *a, **k: stages.append(k.get("pending_only", False)) or real_stage(*a, **k))
    for path in runs:
        report = ingest_job.ingest([path], settings)
        assert report.stored >= 1 and not report.rejected
    assert full_calls == [1]  # only the new store's first merge is whole; the others take the pending groups
    assert stages == [False, True, True, True]
    con = connect(settings.db_path)
    try:
        # the earlier copy arrived last and heads its group now
        heads = con.execute("SELECT DISTINCT near_dup_of FROM documents WHERE near_dup_of IS NOT NULL").fetchall()
        early = con.execute("SELECT doc_id FROM documents WHERE outlet = 'Early Bird' AND title = 'shelling 6'").fetchone()[0]
        assert (early,) in heads
        # the shelling two outlets reported: both now count as the early outlet (the story's copy heads its group)
        assert con.execute("SELECT mentions, sources, documents FROM events WHERE cameo = '194'"
                           " AND source_code = 'AZEMIL'").fetchall() == [(3, 1, 2)]
        assert con.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 4
        # no key guards the ids: the merge alone keeps them unique
        assert con.execute("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0] == 0
        _assert_a_full_merge_changes_nothing(con)
        assert con.execute("SELECT count(*) FROM merge_clashes").fetchone()[0] == 0
    finally:
        con.close()


def test_reports_left_unmerged_by_a_crash_are_merged_by_the_next_ingest(runs, tmp_path, monkeypatch) -> None:
    settings = Settings(db_path=tmp_path / "store.duckdb")
    ingest_job.ingest([runs[0]], settings)

    def crash(con):
        raise KeyboardInterrupt("stopped before the merge")

    monkeypatch.setattr(ingest_job, "merge_pending", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest_job.ingest([runs[3]], settings)  # stored, linked (the older reports' events taken out), not merged
    monkeypatch.undo()
    con = connect(settings.db_path)
    try:
        waiting = con.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0]
        dangling = con.execute("SELECT count(*) FROM event_mentions m WHERE event_id IS NOT NULL"
                               " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = m.event_id)").fetchone()[0]
    finally:
        con.close()
    assert waiting > 0 and dangling == 0
    from foedus.jobs.summary import summarise

    assert summarise(settings.db_path)["awaiting_merge"] == waiting  # what `foedus summary` reports
    report = ingest_job.ingest([runs[1]], settings)
    assert report.stored == 2
    con = connect(settings.db_path)
    try:
        assert con.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0] == 0
        _assert_a_full_merge_changes_nothing(con)
    finally:
        con.close()
    assert summarise(settings.db_path)["awaiting_merge"] == 0


def test_a_clash_of_event_ids_sends_the_merge_over_the_whole_store(runs, tmp_path, monkeypatch) -> None:
    settings = Settings(db_path=tmp_path / "store.duckdb")
    ingest_job.ingest([runs[0]], settings)
    # every identity hashed to one id: the new events clash with the stored ones
    monkeypatch.setattr(merge, "_hash_id", lambda identity, salt=0: f"ev-{salt:012d}")
    full_calls = _count_full_merges(monkeypatch)
    ingest_job.ingest([runs[1]], settings)
    assert full_calls == [1]
    con = connect(settings.db_path)
    try:
        ids = [r[0] for r in con.execute("SELECT event_id FROM events").fetchall()]
        assert len(ids) == len(set(ids)) > 1
        on_record = {r[0] for r in con.execute("SELECT event_id FROM merge_clashes").fetchall()}
        assert set(ids) <= on_record  # every event clashed; while they are on record, merges are whole
    finally:
        con.close()
    ingest_job.ingest([runs[2]], settings)
    assert full_calls == [1, 1]


def test_equal_identities_are_settled_within_their_group(runs, tmp_path, monkeypatch) -> None:
    """Reports of one group and day kept apart (here: every report an event of its own) have equal
    identities and so equal hashes; the merge of only the changed groups salts them as the full merge does."""
    def singletons(rows, window):
        return [[r] for r in sorted(rows, key=lambda r: (r["date"] is None, r["date"] or date.min, r["mention_id"]))]

    monkeypatch.setattr(merge, "_cluster", singletons)
    full_calls = _count_full_merges(monkeypatch)
    settings = Settings(db_path=tmp_path / "store.duckdb")
    for path in runs[:2]:
        ingest_job.ingest([path], settings)
    assert full_calls == [1]
    con = connect(settings.db_path)
    try:
        same_day = con.execute("SELECT count(*) FROM events WHERE cameo = '194' AND source_code = 'AZEMIL'").fetchone()[0]
        assert same_day == 3  # the story, the eyewitness and the reprint: one identity, three ids
        assert con.execute("SELECT count(*) FROM merge_clashes").fetchone()[0] == 0
        _assert_a_full_merge_changes_nothing(con)
    finally:
        con.close()


def _stored_mentions(con) -> list[tuple]:
    """Every column of every report, in the order the table holds them."""
    return con.execute("SELECT * FROM event_mentions").fetchall()


def test_a_merge_past_the_threshold_rebuilds_the_reports_with_the_same_result(runs, tmp_path, monkeypatch) -> None:
    """Past ``REBUILD_ABOVE`` staged reports a merge writes the reports table anew, a slice of rows at a
    time, instead of updating it: the same ids, the same rows in the same order, the same definition; a
    report that no stored document holds loses its event either way."""
    def build(name: str) -> Path:
        settings = Settings(db_path=tmp_path / f"{name}.duckdb")
        for path in runs:
            ingest_job.ingest([path], settings)
        return settings.db_path

    in_place = build("in_place")
    rebuilds: list[int] = []
    real_point = merge._point_mentions
    monkeypatch.setattr(merge, "REBUILD_ABOVE", 0)
    monkeypatch.setattr(merge, "REBUILD_SLICE", 3)  # many slices, the last one short
    monkeypatch.setattr(merge, "_point_mentions", lambda con, merged_only: rebuilds.append(merged_only)
                        or real_point(con, merged_only))
    rebuilt = build("rebuilt")
    assert rebuilds == [False, True, True, True]  # the first merge whole, then the pending groups
    a, b = connect(in_place), connect(rebuilt)
    try:
        assert _state(b) == _state(a)
        # rows and ids equal, position by position (the doc ids are content hashes, equal in both stores)
        assert _stored_mentions(b) == _stored_mentions(a)
        ddl = "SELECT sql FROM duckdb_tables() WHERE table_name = 'event_mentions'"
        assert b.execute(ddl).fetchone() == a.execute(ddl).fetchone()
        assert b.execute("SELECT count(*) FROM event_mentions").fetchone()[0] > 3 * 3
        assert "_event_mentions_new" not in {r[0] for r in b.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        for con, threshold in ((a, 10**9), (b, 0)):  # a report of no stored document: its event goes
            monkeypatch.setattr(merge, "REBUILD_ABOVE", threshold)
            con.execute("INSERT INTO event_mentions SELECT * REPLACE ('gone:0:0' AS mention_id, 'gone' AS doc_id)"
                        " FROM event_mentions LIMIT 1")
            merge_events(con)
            assert con.execute("SELECT event_id FROM event_mentions WHERE mention_id = 'gone:0:0'").fetchall() == [(None,)]
        assert _state(b) == _state(a)
        for con, threshold in ((a, 10**9), (b, 0)):  # as a recode does: one document's reports replaced, merged in one transaction
            monkeypatch.setattr(merge, "REBUILD_ABOVE", threshold)
            (doc,) = con.execute("SELECT min(doc_id) FROM event_mentions WHERE doc_id <> 'gone'").fetchone()
            con.execute("BEGIN TRANSACTION")
            con.execute("CREATE TEMP TABLE kept AS SELECT * FROM event_mentions WHERE doc_id = ?", [doc])
            con.execute("DELETE FROM event_mentions WHERE doc_id = ?", [doc])
            con.execute("INSERT INTO event_mentions SELECT * REPLACE (NULL AS event_id) FROM kept")
            merge_events(con, own_transaction=False)
            con.execute("COMMIT")
        assert _state(b) == _state(a)
        assert b.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0] == 1  # 'gone'
    finally:
        a.close()
        b.close()
