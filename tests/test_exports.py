"""Every event export read back the way analysts read it: pandas, pyarrow and DuckDB.

The store is built from rows written here (sentences in our own words), with
one event of each kind an export must treat differently: located in a city,
in a country and in a US state, negated, claimed, without a PLOVER category,
and with a CAMEO code that starts with a zero.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pyarrow.parquet as pq
import pytest
from conftest import document, mention
from typer.testing import CliRunner

from foedus.cli import app
from foedus.coding.merge import merge_events
from foedus.export import gdelt, geo
from foedus.export.tables import EVENT_SCHEMA, EVIDENCE_SCHEMA, export_events
from foedus.store.db import connect
from foedus.store.write import insert_rows

SHELLING = "Bolivian artillery shelled a Chilean outpost outside Calama before dawn on Friday."
TALKS = "Peruvian and Ecuadorian ministers met in Ecuador to discuss fishing quotas."
NO_AID = "Bolivia did not send the promised medical supplies to Peru."
CLAIM = "Chilean soldiers raided a Bolivian camp, La Paz said."
STATEMENT = "The Peruvian government commented on the border situation."
VISIT = "Mexican officials held talks with American officials in Texas."
TOUR = "The Mexican foreign minister then travelled to Tarija to meet Bolivian officials."

INGESTED = {
    "r1": datetime(2023, 4, 7, 9, 15, 0), "r2": datetime(2023, 4, 8, 11, 0, 0), "r3": datetime(2023, 5, 2, 8, 0, 0),
    "r4": datetime(2023, 5, 3, 8, 0, 0), "r5": datetime(2023, 5, 4, 8, 0, 0), "r6": datetime(2023, 5, 5, 8, 0, 0),
}


def _utc_stamp(doc_id: str) -> int:
    """What DATEADDED must say for a document ingested at INGESTED[doc_id] (stored in local time)."""
    return int(INGESTED[doc_id].astimezone(timezone.utc).strftime("%Y%m%d%H%M%S"))


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    # The gazetteer's level of a place, stored with the location (kept when the store has the column).
    for table in ("event_mentions", "events"):
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS location_level VARCHAR")
    calama = {"location_name": "Calama", "location_country": "CHL", "location_lat": -22.46, "location_lon": -68.93}
    insert_rows(con, "documents", [
        document("r1", "Andes Daily", date(2023, 4, 7), SHELLING, ingested_at=INGESTED["r1"]),
        document("r2", "Pacific Wire", date(2023, 4, 8), "Earlier today. " + SHELLING, ingested_at=INGESTED["r2"],
                 url=None),
        document("r3", "Andes Daily", date(2023, 5, 2), TALKS + " " + NO_AID, ingested_at=INGESTED["r3"]),
        document("r4", "Coastal Post", date(2023, 5, 3), CLAIM, ingested_at=INGESTED["r4"]),
        document("r5", "Coastal Post", date(2023, 5, 4), STATEMENT, ingested_at=INGESTED["r5"]),
        document("r6", "Gulf Courier", date(2023, 5, 5), VISIT + " " + TOUR, ingested_at=INGESTED["r6"]),
    ])
    insert_rows(con, "event_mentions", [
        mention("r1", 0, SHELLING, date(2023, 4, 7), "BOLMIL", "CHLMIL", "195", plover_type="ASSAULT",
                plover_mode="aerial", source_text="Bolivian artillery", target_text="Chilean outpost",
                trigger_start=19, trigger_end=26, trigger_text="shelled", **calama),
        mention("r2", 1, SHELLING, date(2023, 4, 7), "BOLMIL", "CHLMIL", "195", plover_type="ASSAULT",
                sent_start=15, sent_end=15 + len(SHELLING), source_text="Bolivian artillery",
                target_text="Chilean outpost", trigger_start=34, **calama),
        mention("r3", 0, TALKS, date(2023, 5, 2), "PERGOV", "ECUGOV", "040", plover_type="CONSULT",
                plover_context="economic;diplomatic", source_text="Peruvian", location_name="Ecuador",
                location_country="ECU"),
        mention("r3", 1, NO_AID, date(2023, 5, 2), "BOLGOV", "PERGOV", "070", plover_type="AID", negated=True,
                sent_start=len(TALKS) + 1, sent_end=len(TALKS) + 1 + len(NO_AID)),
        mention("r4", 0, CLAIM, date(2023, 5, 3), "CHLMIL", "BOLMIL", "190", plover_type="ASSAULT",
                modality="claimed", claimed_by_code="BOLGOV", claimed_by_name="Bolivian government"),
        mention("r5", 0, STATEMENT, date(2023, 5, 4), "PERGOV", None, "010"),
        mention("r6", 0, VISIT, date(2023, 5, 5), "MEXGOV", "USAGOV", "040", plover_type="CONSULT",
                location_name="Texas", location_country="USA"),
        mention("r6", 1, TOUR, date(2023, 5, 5), "MEXGOV", "BOLGOV", "042", plover_type="CONSULT",
                sent_start=len(VISIT) + 1, sent_end=len(VISIT) + 1 + len(TOUR), location_name="Tarija",
                location_country="BOL", location_lat=-21.5, location_lon=-64.7, location_level="admin1"),
    ])
    merge_events(con)


@pytest.fixture
def store(tmp_path) -> Path:
    """A database file with the eight mentions above merged into seven events."""
    path = tmp_path / "store.duckdb"
    con = connect(path)
    try:
        _fill(con)
    finally:
        con.close()
    return path


@pytest.fixture
def con(store):
    c = connect(store, read_only=True)
    yield c
    c.close()


def _export(con, fmt: str, path: Path, **options) -> Path:
    export_events(con, fmt, path, **options)
    return path


def _event_id(con, cameo: str) -> str:
    return con.execute("SELECT event_id FROM events WHERE cameo = ?", [cameo]).fetchone()[0]


# ------------------------------------------------------------------ flat tables

def test_events_parquet_has_flat_typed_columns_in_every_reader(con, tmp_path) -> None:
    path = _export(con, "parquet", tmp_path / "events.parquet")
    table = pq.read_table(path)
    assert table.schema.equals(EVENT_SCHEMA)
    assert table.num_rows == 7
    assert not any(pa.types.is_nested(f.type) for f in table.schema)

    df = pd.read_parquet(path)
    assert list(df.columns) == EVENT_SCHEMA.names and len(df) == 7
    assert str(df["quad_class"].dtype) == "int32" and str(df["mentions"].dtype) == "int32"
    assert str(df["goldstein"].dtype) == "float64" and str(df["negated"].dtype) == "bool"
    shelling = df[df["cameo"] == "195"].iloc[0]
    assert shelling["date"] == date(2023, 4, 7)
    assert shelling["mentions"] == 2 and shelling["location_level"] == "city"
    assert df.set_index("cameo").loc["042", "location_level"] == "admin1"  # the level stored with the location
    assert df[df["cameo"] == "040"]["date"].tolist() == [date(2023, 5, 2), date(2023, 5, 5)]

    types = {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()}
    assert types["date"] == "DATE" and types["quad_class"] == "INTEGER" and types["goldstein"] == "DOUBLE"
    assert types["negated"] == "BOOLEAN" and types["cameo"] == "VARCHAR"
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}') WHERE negated").fetchall() == [(1,)]


def test_an_empty_store_still_gives_every_column_with_its_type(tmp_path) -> None:
    path = tmp_path / "empty.duckdb"
    connect(path).close()
    c = connect(path, read_only=True)
    try:
        for fmt, schema in (("parquet", EVENT_SCHEMA), ("evidence-parquet", EVIDENCE_SCHEMA)):
            out = _export(c, fmt, tmp_path / f"{fmt}.parquet")
            table = pq.read_table(out)
            assert table.num_rows == 0 and table.schema.equals(schema), fmt
            df = pd.read_parquet(out)
            assert list(df.columns) == schema.names and len(df) == 0
            described = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall()
            assert [r[0] for r in described] == schema.names
        csv_path = _export(c, "csv", tmp_path / "events.csv")
        assert csv_path.read_text().strip().split(",") == EVENT_SCHEMA.names
        assert list(pd.read_csv(csv_path).columns) == EVENT_SCHEMA.names
        assert _export(c, "gdelt", tmp_path / "g.tsv").read_text() == ""
    finally:
        c.close()


def test_events_csv_has_the_parquet_columns_and_reads_back_typed(con, tmp_path) -> None:
    path = _export(con, "csv", tmp_path / "events.csv")
    df = pd.read_csv(path, dtype={"cameo": str, "root": str}, parse_dates=["date"])
    assert list(df.columns) == EVENT_SCHEMA.names and len(df) == 7
    assert str(df["quad_class"].dtype) == "int64" and str(df["goldstein"].dtype) == "float64"
    assert str(df["negated"].dtype) == "bool" and str(df["date"].dtype).startswith("datetime64")
    assert sorted(df["cameo"]) == ["010", "040", "040", "042", "070", "190", "195"]
    assert "-10.0" in path.read_text()  # a float stays a float, even when whole
    rel = duckdb.read_csv(str(path), dtype={"cameo": "VARCHAR", "root": "VARCHAR"})
    types = dict(zip(rel.columns, [str(t) for t in rel.types]))
    assert types["date"] == "DATE" and types["goldstein"] == "DOUBLE" and types["negated"] == "BOOLEAN"
    assert types["mentions"] == "BIGINT" and rel.shape[0] == 7
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types={"cameo": pa.string()}))
    assert table.schema.field("date").type == pa.date32() and table.num_rows == 7


def test_evidence_tables_hold_one_flat_row_per_mention_and_join_on_event_id(con, tmp_path) -> None:
    events = _export(con, "parquet", tmp_path / "events.parquet")
    evidence = _export(con, "evidence-parquet", tmp_path / "evidence.parquet")
    table = pq.read_table(evidence)
    assert table.schema.equals(EVIDENCE_SCHEMA) and table.num_rows == 8
    joined = duckdb.sql(
        f"SELECT e.cameo, count(*) AS n, any_value(e.mentions) AS mentions FROM read_parquet('{evidence}') v "
        f"JOIN read_parquet('{events}') e USING (event_id) GROUP BY e.event_id, e.cameo ORDER BY e.cameo"
    ).fetchall()
    assert sum(n for _, n, _ in joined) == 8 and all(n == mentions for _, n, mentions in joined)
    df = pd.read_parquet(evidence)
    row = df[df["mention_id"] == "r2:1:1"].iloc[0]
    assert row["sentence_start"] == 15 and pd.isna(row["url"]) and row["published"] == date(2023, 4, 8)
    csv_path = _export(con, "evidence-csv", tmp_path / "evidence.csv")
    back = pd.read_csv(csv_path, dtype={"mention_cameo": str})
    assert list(back.columns) == EVIDENCE_SCHEMA.names and len(back) == 8
    assert str(back["sentence_start"].dtype) == "int64" and "070" in set(back["mention_cameo"])


# ------------------------------------------------------------------ GDELT

def _gdelt_pandas(path: Path, types: dict[str, str]):
    dtypes = {c: {"integer": "Int64", "float": "float64", "string": "string"}[t] for c, t in types.items()}
    return pd.read_csv(path, sep="\t", header=None, names=list(types), dtype=dtypes, quoting=csv.QUOTE_NONE,
                       keep_default_na=False, na_values=[""])


def _gdelt_arrow(path: Path, types: dict[str, str]) -> pa.Table:
    arrow = {"integer": pa.int64(), "float": pa.float64(), "string": pa.string()}
    return pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=list(types)),
        parse_options=pacsv.ParseOptions(delimiter="\t", quote_char=False),
        convert_options=pacsv.ConvertOptions(column_types={c: arrow[t] for c, t in types.items()}),
    )


def test_gdelt_events_have_61_typed_columns_and_only_events_reported_as_fact(con, tmp_path) -> None:
    path = _export(con, "gdelt", tmp_path / "events.tsv")
    lines = path.read_text().splitlines()
    assert len(lines) == 5 and all(len(line.split("\t")) == 61 for line in lines)
    df = _gdelt_pandas(path, gdelt.EVENT_TYPES)
    assert len(df) == 5 and list(df.columns) == list(gdelt.COLUMNS) and len(gdelt.COLUMNS) == 61
    assert str(df["GlobalEventID"].dtype) == "Int64" and str(df["FractionDate"].dtype) == "float64"
    # Negated (070) and claimed (190) are out; the statement (010) has no PLOVER type but is CAMEO.
    assert sorted(df["EventCode"]) == ["010", "040", "040", "042", "195"]
    shelling = df[df["EventCode"] == "195"].iloc[0]
    assert shelling["Day"] == 20230407 and shelling["MonthYear"] == 202304 and shelling["Year"] == 2023
    assert shelling["FractionDate"] == round(2023 + 97 / 365, 4)
    assert shelling["ActionGeo_Type"] == 4 and shelling["ActionGeo_CountryCode"] == "CI"
    assert shelling["ActionGeo_Lat"] == -22.46 and shelling["NumMentions"] == 2
    assert shelling["DATEADDED"] == _utc_stamp("r1") and shelling["IsRootEvent"] == 1
    assert shelling["SOURCEURL"] == "https://andes-daily.example/r1"
    assert pd.isna(shelling["AvgTone"]) and pd.isna(shelling["Actor1Geo_Lat"]) and shelling["Actor1Geo_Type"] == 0
    by_geo = dict(zip(df["ActionGeo_FullName"], df["ActionGeo_Type"]))
    assert by_geo["Ecuador"] == 1 and by_geo["Texas, United States"] == 2 and by_geo["Tarija, Bolivia"] == 5
    statement = df[df["EventCode"] == "010"].iloc[0]
    assert pd.isna(statement["Actor2Code"]) and statement["ActionGeo_Type"] == 0

    table = _gdelt_arrow(path, gdelt.EVENT_TYPES)
    assert table.num_rows == 5 and table.num_columns == 61
    assert table.schema.field("EventCode").type == pa.string() and "040" in table.column("EventCode").to_pylist()
    columns = ", ".join(f"'{c}': '{ {'integer': 'BIGINT', 'float': 'DOUBLE', 'string': 'VARCHAR'}[t] }'"
                        for c, t in gdelt.EVENT_TYPES.items())
    rel = duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='\\t', header=false, quote='', columns={{{columns}}})")
    assert rel.shape == (5, 61) and str(rel.types[rel.columns.index("DATEADDED")]) == "BIGINT"


def test_gdelt_ids_are_the_event_ids_as_integers(con, tmp_path) -> None:
    df = _gdelt_pandas(_export(con, "gdelt", tmp_path / "events.tsv"), gdelt.EVENT_TYPES)
    assert df.set_index("EventCode").loc["195", "GlobalEventID"] == int(_event_id(con, "195")[3:], 16)
    assert df["GlobalEventID"].is_unique


def test_gdelt_mentions_join_the_events_on_global_event_id(con, tmp_path) -> None:
    events = _gdelt_pandas(_export(con, "gdelt", tmp_path / "events.tsv"), gdelt.EVENT_TYPES)
    path = _export(con, "gdelt-mentions", tmp_path / "mentions.tsv")
    assert all(len(line.split("\t")) == 16 for line in path.read_text().splitlines())
    mentions = _gdelt_pandas(path, gdelt.MENTION_TYPES)
    assert list(mentions.columns) == list(gdelt.MENTION_COLUMNS) and len(mentions) == 6
    joined = mentions.merge(events, on="GlobalEventID", how="left", validate="many_to_one")
    assert joined["EventCode"].notna().all()
    assert (joined["EventTimeDate"] == joined["DATEADDED"]).all()
    counts = mentions.groupby("GlobalEventID").size()
    assert all(counts[i] == n for i, n in zip(events["GlobalEventID"], events["NumMentions"]))

    web = mentions[mentions["MentionIdentifier"] == "https://andes-daily.example/r1"].iloc[0]
    assert web["MentionType"] == 1 and web["MentionSourceName"] == "andes-daily.example"
    assert web["SentenceID"] == 1 and web["Actor1CharOffset"] == 0 and web["Actor2CharOffset"] == 29
    assert web["ActionCharOffset"] == 19 and web["InRawText"] == 1 and web["Confidence"] == 100
    assert web["MentionDocLen"] == len(SHELLING) and web["MentionTimeDate"] == _utc_stamp("r1")
    assert "<MENTION_ID>r1:0:0</MENTION_ID>" in web["Extras"]
    offline = mentions[mentions["MentionType"] == 2].iloc[0]  # r2 has no URL: a textual citation
    assert offline["MentionIdentifier"].startswith("Pacific Wire, Story r2")
    assert offline["SentenceID"] == 2 and offline["Actor1CharOffset"] == 15
    assert offline["MentionTimeDate"] == _utc_stamp("r2") and offline["EventTimeDate"] == _utc_stamp("r1")

    table = _gdelt_arrow(path, gdelt.MENTION_TYPES)
    assert table.schema.field("GlobalEventID").type == pa.int64() and table.num_rows == 6


def test_gdelt_include_unasserted_adds_flagged_claims_but_never_negations(con, tmp_path) -> None:
    events = _gdelt_pandas(_export(con, "gdelt", tmp_path / "e.tsv", include_unasserted=True), gdelt.EVENT_TYPES)
    assert sorted(events["EventCode"]) == ["010", "040", "040", "042", "190", "195"]
    mentions = _gdelt_pandas(_export(con, "gdelt-mentions", tmp_path / "m.tsv", include_unasserted=True),
                             gdelt.MENTION_TYPES)
    claimed = mentions[mentions["Extras"].str.contains("<EVENT_MODALITY>claimed</EVENT_MODALITY>")]
    assert len(claimed) == 1 and "<CLAIMED_BY>BOLGOV</CLAIMED_BY>" in claimed.iloc[0]["Extras"]
    with pytest.raises(ValueError, match="negated"):
        export_events(con, "gdelt", tmp_path / "x.tsv", include_negated=True)


# ------------------------------------------------------------------ PLOVER

def _plover(con, tmp_path, **options) -> list[dict]:
    path = _export(con, "plover", tmp_path / "p.jsonl", **options)
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_plover_records_have_the_manual_shape(con, tmp_path) -> None:
    records = _plover(con, tmp_path)
    # No negated event, and no record for the statement (CAMEO 010 has no PLOVER category).
    assert sorted(r["event"][0] for r in records) == ["ASSAULT", "ASSAULT", "CONSULT", "CONSULT", "CONSULT"]
    shelling = next(r for r in records if r["foedus"]["cameo"] == "195")
    assert shelling["id"] == _event_id(con, "195") and shelling["date"] == "2023-04-07"
    assert shelling["has_event"] is True and shelling["event_type"] == "ASSAULT" and shelling["quad_code"] == 4
    assert shelling["actor"] == [{"code": "BOL", "country_name": "Bolivia", "sector": "MIL", "other_sector_codes": [],
                                  "entity_name": "BOLMIL", "entity_text": "Bolivian artillery"}]
    assert shelling["recipient"][0]["code"] == "CHL" and shelling["recipient"][0]["entity_text"] == "Chilean outpost"
    assert shelling["mode"] == ["aerial"] and shelling["context"] is None
    assert shelling["event_text"] == [SHELLING]
    loc = shelling["event_loc"]
    assert loc["resolved_place"] == "Calama" and loc["country_code"] == "CHL" and loc["resolution"] == 4
    assert loc["lat"] == -22.46 and loc["country"] == "Chile"
    assert len(shelling["foedus"]["evidence"]) == 2 and shelling["foedus"]["modality"] == "asserted"
    talks = next(r for r in records if r["foedus"]["cameo"] == "040" and r["event_loc"]["country_code"] == "ECU")
    assert talks["context"] == ["economic", "diplomatic"] and talks["event_loc"]["resolution"] == 1
    claim = next(r for r in records if r["foedus"]["cameo"] == "190")
    assert claim["foedus"]["modality"] == "claimed" and claim["foedus"]["claimed_by"]["code"] == "BOLGOV"
    assert "claimed" in claim["comment"] and claim["has_event"] is True

    table = pajson.read_json(tmp_path / "p.jsonl")
    assert table.num_rows == 5
    assert pa.types.is_list(table.schema.field("actor").type)
    assert pa.types.is_struct(table.schema.field("actor").type.value_type)
    assert pa.types.is_list(table.schema.field("event").type)
    assert pa.types.is_struct(table.schema.field("event_loc").type)
    df = pd.read_json(tmp_path / "p.jsonl", lines=True)
    assert len(df) == 5 and {"id", "date", "actor", "recipient", "event", "event_loc", "mode", "context"} <= set(df.columns)


def test_plover_negated_events_only_on_request_and_then_marked(con, tmp_path) -> None:
    records = _plover(con, tmp_path, include_negated=True)
    negated = [r for r in records if r["foedus"]["negated"]]
    assert len(negated) == 1 and len(records) == 6
    assert negated[0]["has_event"] is False and negated[0]["context"] == ["negation"]
    assert negated[0]["event"] == ["AID"] and "did not happen" in negated[0]["comment"]


# ------------------------------------------------------------------ the command line

def test_the_events_command_writes_each_format_and_refuses_options_it_cannot_honour(store, tmp_path) -> None:
    runner = CliRunner()
    for fmt, name in (("parquet", "e.parquet"), ("gdelt-mentions", "m.tsv"), ("evidence-parquet", "v.parquet")):
        result = runner.invoke(app, ["events", "--db", str(store), "--format", fmt, "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 7
    assert len((tmp_path / "m.tsv").read_text().splitlines()) == 6
    result = runner.invoke(app, ["events", "--db", str(store), "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines()[0] == ",".join(EVENT_SCHEMA.names)
    refused = runner.invoke(app, ["events", "--db", str(store), "--format", "gdelt", "--include-negated"])
    assert refused.exit_code == 2 and "negated" in refused.output
    refused = runner.invoke(app, ["events", "--db", str(store), "--format", "jsonl", "--include-unasserted"])
    assert refused.exit_code == 2


# ------------------------------------------------------------------ location levels

@pytest.mark.parametrize("name, country, lat, lon, stored, level, geo_type", [
    ("Chile", "CHL", None, None, None, "country", 1),           # the country's own name
    ("Ecuador", "ECU", -1.8, -78.2, None, "country", 1),        # a country with a point is still a country
    ("Chiloe", "CHL", None, None, None, "country", 1),          # no point but a country: read as the country
    ("Calama", "CHL", -22.46, -68.93, None, "city", 4),
    ("Texas", "USA", None, None, None, "admin1", 2),            # a US state, not the country
    ("Houston", "USA", 29.76, -95.36, None, "city", 3),
    ("New York", "USA", 40.71, -74.01, None, "city", 3),        # the city, not the state of that name
    ("New York", "USA", None, None, None, "admin1", 2),          # the state (the gazetteer gives states no point)
    ("Tarija", "BOL", -21.5, -64.7, "admin1", "admin1", 5),     # a stored level wins
    ("Tarija", "BOL", -21.5, -64.7, "city", "city", 4),
    ("Lake Poopo", "BOL", -18.8, -67.1, "feature", "feature", 4),  # a landmark to GDELT
    ("Austin", "USA", 30.27, -97.74, "town", "city", 3),        # a stored kind is read as its level
])
def test_location_levels_and_gdelt_geo_types(name, country, lat, lon, stored, level, geo_type) -> None:
    found = geo.location_level(name, country, lat, lon, stored)
    assert found == level and geo.gdelt_geo_type(found, country) == geo_type


@pytest.mark.parametrize("actor, code, country_name, sector, others", [
    ({"code": "IGOCSTO", "name": "Collective Security Treaty Organization", "country": None, "org": "CSTO",
      "role": None}, "IGO", "International Governmental Organization", None, []),
    ({"code": "IGOUNO", "name": "United Nations", "country": None, "org": "UN", "role": None},
     "UNO", "United Nations", None, []),
    ({"code": "ARMGOVMIL", "name": "Armenian defence ministry", "country": "ARM", "org": None, "role": "GOVMIL"},
     "ARM", "Armenia", "GOV", ["MIL"]),
    ({"code": "RUSMED", "name": "Russian media", "country": "RUS", "org": None, "role": "MED"},
     "RUS", "Russia", "JRN", []),  # CAMEO MED (media) is PLOVER JRN
])
def test_plover_entities_use_the_manuals_codes(actor, code, country_name, sector, others) -> None:
    from foedus.export.plover import _entity

    [entity] = _entity(actor, "the words")
    assert (entity["code"], entity["country_name"], entity["sector"], entity["other_sector_codes"]) == (
        code, country_name, sector, others)
    assert entity["entity_name"] == actor["name"] and entity["entity_text"] == "the words"
