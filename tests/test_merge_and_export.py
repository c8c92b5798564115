"""Cross-document merging, stable event ids and the export formats."""

from __future__ import annotations

import csv
import json
import random
from datetime import date, timedelta

from conftest import document, mention

from foedus.coding import merge
from foedus.coding.merge import merge_events
from foedus.export import gdelt
from foedus.export.events import iter_events
from foedus.export.tables import export_events
from foedus.store.db import connect
from foedus.store.write import insert_rows


def test_merge_groups_reports_and_discounts_copies(small_store) -> None:
    result = merge_events(small_store)
    assert result.mentions == 5
    rows = small_store.execute(
        "SELECT source_code, target_code, cameo, mentions, sources, documents, negated FROM events ORDER BY cameo"
    ).fetchall()
    assert ("RUSGOV", "ARMGOV", "040", 1, 1, 1, False) in rows
    assert ("RUSGOV", "ARMGOV", "070", 1, 1, 1, True) in rows
    attack = [r for r in rows if r[0] == "AZEMIL"]
    # Three mentions, but d3 is a copy of d1: two documents, two outlets.
    assert attack == [("AZEMIL", "ARMMIL", "195", 3, 2, 2, False)]
    first_ids = sorted(r[0] for r in small_store.execute("SELECT event_id FROM events").fetchall())
    merge_events(small_store)
    assert sorted(r[0] for r in small_store.execute("SELECT event_id FROM events").fetchall()) == first_ids
    assert small_store.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NULL").fetchone()[0] == 0


def test_jsonl_contract_and_gdelt_layout(small_store, tmp_path) -> None:
    merge_events(small_store)
    events = list(iter_events(small_store))
    attack = next(e for e in events if e["cameo"] == "195")
    assert set(attack) >= {
        "event_id", "date", "date_precision", "source", "target", "cameo", "root", "quad_class", "goldstein",
        "plover", "negated", "modality", "claimed_by", "location", "mentions", "sources", "evidence",
    }
    assert attack["source"] == {"code": "AZEMIL", "name": "AZEMIL", "country": "AZE", "org": None, "role": "MIL"}
    assert attack["date"] == "2022-09-13"
    assert {e["doc_id"] for e in attack["evidence"]} == {"d1", "d2", "d3"}
    assert all(e["sentence"].startswith("Azerbaijani forces") for e in attack["evidence"])
    assert len(gdelt.COLUMNS) == 61
    out = tmp_path / "events.tsv"
    n = export_events(small_store, "gdelt", out)
    lines = list(csv.reader(out.open(), delimiter="\t"))
    # The negated "no aid was sent" is not written: a GDELT row would say the aid was sent.
    assert n == 2 and len(lines) == 2 and all(len(line) == 61 for line in lines)
    assert all(line[26] != "070" for line in lines)
    row = dict(zip(gdelt.COLUMNS, next(line for line in lines if line[26] == "195")))
    assert row["Day"] == "20220913" and row["EventRootCode"] == "19" and row["NumMentions"] == "3"
    assert row["Actor1CountryCode"] == "AZE" and row["Actor1Type1Code"] == "MIL"
    jl = tmp_path / "e.jsonl"
    export_events(small_store, "jsonl", jl)
    assert [json.loads(line)["event_id"] for line in jl.open()] == [e["event_id"] for e in events]
    pq = tmp_path / "e.parquet"
    assert export_events(small_store, "parquet", pq) == 3
    import pyarrow.parquet as papq

    assert papq.read_table(pq).num_rows == 3


# ---------------------------------------------------------------- stable event ids

_BORDER = "Bolivian troops fired on a Chilean patrol at the border crossing on Friday."
_TALKS = "Peru and Ecuador opened talks on fishing rights in Lima."


def _reports() -> list[tuple[dict, dict]]:
    """(document, mention) pairs: three reports of one border incident, two of the talks, one undated pair."""
    border = [
        (document(f"b{i}", outlet, date(2023, 4, 7 + i), _BORDER),
         mention(f"b{i}", 0, _BORDER, date(2023, 4, 7), "BOLMIL", "CHLMIL", "190"))
        for i, outlet in enumerate(("Andes Daily", "Pacific Wire", "Coastal Post"))
    ]
    talks = [
        (document(f"t{i}", outlet, date(2023, 5, 2), _TALKS),
         mention(f"t{i}", 0, _TALKS, date(2023, 5, 2), "PERGOV", "ECUGOV", "040"))
        for i, outlet in enumerate(("Andes Daily", "Pacific Wire"))
    ]
    undated = [
        (document(f"u{i}", "Pacific Wire", date(2023, 6, 1), _TALKS),
         mention(f"u{i}", 0, _TALKS, None, "PERGOV", "ECUGOV", "040", date_precision="unknown"))
        for i in range(2)
    ]
    return border + talks + undated


def _ids(pairs: list[tuple[dict, dict]]) -> dict[tuple, str]:
    """Event id by (dyad, root, date, undated mention) after storing ``pairs`` in the order given."""
    con = connect(":memory:")
    try:
        for doc, m in pairs:
            insert_rows(con, "documents", [doc])
            insert_rows(con, "event_mentions", [m])
        merge_events(con)
        rows = con.execute(
            "SELECT e.source_code, e.target_code, e.root, e.date, "
            "       min(CASE WHEN e.date IS NULL THEN m.mention_id END), e.event_id "
            "FROM events e JOIN event_mentions m USING (event_id) GROUP BY ALL"
        ).fetchall()
    finally:
        con.close()
    return {r[:5]: r[5] for r in rows}


def test_event_ids_do_not_depend_on_storage_order_or_on_an_older_report_arriving_later() -> None:
    pairs = _reports()
    forward = _ids(pairs)
    assert len(forward) == 4 and len(set(forward.values())) == 4
    shuffled = pairs[:]
    random.Random(7).shuffle(shuffled)
    assert _ids(list(reversed(pairs))) == forward
    assert _ids(shuffled) == forward
    # An older report of the border incident, ingested last, whose document id sorts before every
    # other (so its mention would be the "first mention"): the incident keeps its id.
    older = (document("a0", "Highland News", date(2023, 4, 7), _BORDER),
             mention("a0", 0, _BORDER, date(2023, 4, 7), "BOLMIL", "CHLMIL", "190"))
    with_older = _ids([*pairs, older])
    assert with_older == forward


def test_an_event_id_changes_when_a_more_precise_date_arrives() -> None:
    """The documented exception: the id follows the event's date and its precision."""
    vague = (document("m1", "Andes Daily", date(2023, 4, 30), _BORDER),
             mention("m1", 0, _BORDER, date(2023, 4, 1), "BOLMIL", "CHLMIL", "190", date_precision="month"))
    precise = (document("m2", "Pacific Wire", date(2023, 4, 4), _BORDER),
               mention("m2", 0, _BORDER, date(2023, 4, 3), "BOLMIL", "CHLMIL", "190"))
    before = _ids([vague])
    after = _ids([vague, precise])
    assert len(before) == len(after) == 1
    assert set(before.values()) != set(after.values())
    assert list(after)[0][3] == date(2023, 4, 3)


def test_clashing_ids_are_told_apart_the_same_way_whatever_the_order_and_the_parts(monkeypatch) -> None:
    # every identity hashes to the same id (salt aside): each event but one must be re-hashed
    monkeypatch.setattr(merge, "_hash_id", lambda identity, salt=0: f"ev-{salt:012x}")
    pairs = [(document(f"b{d}", "Andes Daily", date(2023, 4, 5 * d), _BORDER),
              mention(f"b{d}", 0, _BORDER, date(2023, 4, 5 * d), "BOLMIL", "CHLMIL", "190")) for d in range(1, 6)]
    pairs += [(document(f"c{d}", "Pacific Wire", date(2023, 5, d), _BORDER),
               mention(f"c{d}", 0, _BORDER, date(2023, 5, d), "CHLGOV", "BOLGOV", "111")) for d in (1, 9)]
    results = []
    for seed, part in ((0, 50_000), (1, 1), (2, 3)):
        order = list(pairs)
        random.Random(seed).shuffle(order)
        con = connect(":memory:")
        try:
            insert_rows(con, "documents", [d for d, _ in order])
            insert_rows(con, "event_mentions", [m for _, m in order])
            result = merge.merge_events(con, part_mentions=part)
            ids = con.execute("SELECT event_id, date, root FROM events ORDER BY date").fetchall()
            linked = con.execute("SELECT mention_id, event_id FROM event_mentions ORDER BY mention_id").fetchall()
            # the staging tables (written part by part outside the final swap) are gone
            scratch = con.execute("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_merge%' ESCAPE '\\'").fetchall()
        finally:
            con.close()
        assert scratch == []
        assert result.events == 7 and len({i for i, _, _ in ids}) == 7
        results.append((ids, linked))
    assert results[0] == results[1] == results[2]
    assert ("ev-000000000000", date(2023, 4, 5), "19") in results[0][0]  # the first by identity keeps the hash


def test_a_location_column_added_to_both_tables_is_carried_through_the_merge() -> None:
    con = connect(":memory:")
    try:
        for table in ("event_mentions", "events"):
            con.execute(f"ALTER TABLE {table} ADD COLUMN location_kind VARCHAR")
        insert_rows(con, "documents", [document("c1", "Andes Daily", date(2023, 4, 7), _BORDER)])
        insert_rows(con, "event_mentions", [mention("c1", 0, _BORDER, date(2023, 4, 7), "BOLMIL", "CHLMIL", "190",
                                                    location_name="Calama", location_country="CHL",
                                                    location_lat=-22.46, location_lon=-68.93, location_kind="town")])
        merge_events(con)
        assert con.execute("SELECT location_name, location_kind FROM events").fetchall() == [("Calama", "town")]
    finally:
        con.close()


def test_a_party_s_claim_is_not_merged_into_the_same_act_stated_as_fact() -> None:
    said = "The ministry in La Paz said Chilean troops crossed the border on Friday."
    fact = "Chilean troops crossed the border on Friday."
    con = connect(":memory:")
    try:
        insert_rows(con, "documents", [document("c1", "Andes Daily", date(2023, 4, 8), said),
                                       document("c2", "Pacific Wire", date(2023, 4, 8), fact)])
        insert_rows(con, "event_mentions", [
            mention("c1", 0, said, date(2023, 4, 7), "CHLMIL", "BOL", "192", modality="claimed",
                    claimed_by_code="BOLGOV", claimed_by_name="Bolivia"),
            mention("c2", 0, fact, date(2023, 4, 7), "CHLMIL", "BOL", "192"),
        ])
        merge_events(con)
        rows = con.execute("SELECT modality, claimed_by_code, mentions FROM events ORDER BY modality").fetchall()
    finally:
        con.close()
    # the claim keeps its claimant; the report stating it as fact is an event of its own
    assert rows == [("asserted", None, 1), ("claimed", "BOLGOV", 1)]


# ---------------------------------------------------------------- one act, one date

def _merged(mentions: list[dict], sentences: list[dict] = ()) -> list[tuple]:
    con = connect(":memory:")
    try:
        for m in mentions:
            insert_rows(con, "documents", [document(m["doc_id"], f"Outlet {m['doc_id']}", date(2023, 4, 12), m["sentence"])])
            insert_rows(con, "event_mentions", [m])
        if sentences:
            insert_rows(con, "sentences", list(sentences))
        merge_events(con)
        return sorted(con.execute("SELECT date, mentions FROM events").fetchall())
    finally:
        con.close()


def test_reports_stating_two_different_days_are_two_acts() -> None:
    monday = mention("p1", 0, "Chile condemned the raid on Monday.", date(2023, 4, 10), "CHLGOV", "PER", "111")
    tuesday = mention("p2", 0, "Chile condemned the raid on Tuesday.", date(2023, 4, 11), "CHLGOV", "PER", "111")
    assert _merged([monday, tuesday]) == [(date(2023, 4, 10), 1), (date(2023, 4, 11), 1)]


def test_a_story_day_counts_as_stated() -> None:
    said = mention("p1", 1, "The spokesman condemned the raid.", date(2023, 4, 10), "CHLGOV", "PER", "111",
                   date_precision="document")
    tuesday = mention("p2", 0, "Chile condemned the raid on Tuesday.", date(2023, 4, 11), "CHLGOV", "PER", "111")
    story = {"doc_id": "p1", "sent_index": 1, "start_char": 0, "end_char": 10, "text": said["sentence"],
             "date": date(2023, 4, 10), "date_precision": "document", "date_from": "story"}
    assert _merged([said, tuesday], [story]) == [(date(2023, 4, 10), 1), (date(2023, 4, 11), 1)]


def test_a_report_dated_only_by_publication_joins_the_stated_day() -> None:
    stated = mention("p1", 0, "Chile condemned the raid on Monday.", date(2023, 4, 10), "CHLGOV", "PER", "111")
    published = mention("p2", 0, "Chile condemned the raid.", date(2023, 4, 12), "CHLGOV", "PER", "111",
                        date_precision="document")
    assert _merged([stated, published]) == [(date(2023, 4, 10), 2)]


def test_every_report_lies_within_the_window_of_its_event_s_date() -> None:
    """What the figures page relies on to read an event's reports by their days only."""
    con = connect(":memory:")
    try:
        rnd = random.Random(3)
        text = "Chile condemned the raid."
        for i in range(60):
            when = date(2023, 4, 1) + timedelta(days=rnd.randint(0, 40))
            precision = rnd.choice(["day", "document", "month"])
            insert_rows(con, "documents", [document(f"w{i}", f"Outlet {i % 5}", when, text)])
            insert_rows(con, "event_mentions", [mention(f"w{i}", 0, text, when, "CHLGOV", "PER", "111",
                                                        date_precision=precision)])
        merge_events(con)
        (events,) = con.execute("SELECT count(*) FROM events").fetchone()
        assert 5 < events < 60
        (gap,) = con.execute(
            "SELECT max(abs(m.date - e.date)) FROM event_mentions m JOIN events e USING (event_id)").fetchone()
        assert 0 < gap <= merge.WINDOW_DAYS
    finally:
        con.close()
