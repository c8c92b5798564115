"""First-level divisions (provinces, oblasts, states, governorates) in the gazetteer, the places
component and the store, with the level every resolved place carries."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

import pytest

from foedus.places.admin1 import fold, load_admin1
from foedus.places.gazetteer import Gazetteer, build_gazetteer
from timex_places_nlp import parse


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return build_gazetteer()


def _where(gaz: Gazetteer, name: str, context: tuple[str, ...] = ()) -> tuple | None:
    r = gaz.resolve(name, context)
    return None if r is None else (r.place.country, r.place.level, r.place.code)


@pytest.mark.parametrize("name, country, code", [
    ("Kursk region", "RUS", "RU-KRS"),
    ("Belgorod Oblast", "RUS", "RU-BEL"),
    ("Donetsk region", "UKR", "UA-14"),
    ("Zaporizhzhia oblast", "UKR", "UA-23"),
    ("Quebec", "CAN", "CA-QC"),
    ("Bavaria", "DEU", "DE-BY"),
    ("Khyber Pakhtunkhwa", "PAK", "PK-KP"),
    ("Gaza Governorate", "PSE", "PS-GZA"),
    ("Crimea", "UKR", "UA-43"),
    ("Tigray region", "ETH", "ET-TI"),
    ("Erbil governorate", "IRQ", "IQ-AR"),
    ("Kurdistan Region", "IRQ", "IQ-KR"),
])
def test_divisions_resolve_to_their_country_at_admin1(gaz, name, country, code):
    assert _where(gaz, name) == (country, "admin1", code)


def test_division_points_lie_in_the_division(gaz):
    # rough boxes around each division, drawn from its neighbouring capitals
    boxes = {"Kursk region": (50.8, 52.5, 34.0, 38.6), "Bavaria": (47.2, 50.6, 8.9, 13.9),
             "Gaza Governorate": (31.3, 31.6, 34.1, 34.6), "Donetsk region": (46.8, 49.3, 36.5, 39.0)}
    for name, (lat0, lat1, lon0, lon1) in boxes.items():
        p = gaz.resolve(name).place
        assert lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1, (name, p.lat, p.lon)


def test_spellings_of_one_division_meet(gaz):
    kursk = {gaz.resolve(n).place.place_id for n in
             ("Kursk Oblast", "Kursk region", "the Kursk region", "Kurskaya oblast'", "Kursk oblast", "KURSK REGION")}
    assert kursk == {"iso-ru-krs"}
    syunik = {gaz.resolve(n).place for n in ("Syunik", "Siunik", "Syunik'", "Siunik province", "Syunik marz")}
    assert len(syunik) == 1
    (place,) = syunik
    assert (place.place_id, place.country, place.level, place.code) == ("armenia-syunik", "ARM", "admin1", "AM-SU")
    # Ukrainian oblasts: the ISO adjectival form and the English name are one entry
    assert gaz.resolve("Donetska oblast").place == gaz.resolve("Donetsk Oblast").place
    assert gaz.resolve("Zaporizka oblast").place == gaz.resolve("Zaporizhzhia region").place


def test_bare_city_names_stay_cities_and_countries_stay_countries(gaz):
    assert _where(gaz, "Kursk") == ("RUS", "city", None)
    assert _where(gaz, "Donetsk") == ("UKR", "city", None)
    assert _where(gaz, "Zaporizhzhia") == ("UKR", "city", None)
    assert gaz.resolve("Kapan").place.level == "city"  # a curated town
    assert gaz.resolve("Lachin corridor").place.level == "feature"
    assert _where(gaz, "Armenia") == ("ARM", "country", None)
    assert _where(gaz, "Georgia") == ("GEO", "country", None)
    assert _where(gaz, "Republic of Georgia", ("USA",)) == ("GEO", "country", None)
    assert _where(gaz, "Moscow", ("USA",)) == ("RUS", "city", None)  # the old city ranking is kept


def test_designator_chooses_the_division_over_the_city(gaz):
    assert gaz.resolve("Lachin").place.place_id == "azerbaijan-lachin"  # the curated town
    assert gaz.resolve("Lachin district").place.code == "AZ-LAC"  # the rayon
    assert gaz.resolve("Moscow region").place.code == "RU-MOS"  # not the federal city RU-MOW
    assert gaz.resolve("Kyiv region").place.code == "UA-32"
    assert gaz.resolve("Gaza").place.level == "city"
    assert gaz.resolve("Gaza Governorate").place.country == "PSE"  # not Mozambique's Gaza province


def test_ambiguous_and_generic_divisions_need_the_documents_countries(gaz):
    assert gaz.resolve("Punjab") is None  # India's and Pakistan's: no guess
    assert _where(gaz, "Punjab", ("PAK",)) == ("PAK", "admin1", "PK-PB")
    assert _where(gaz, "Punjab", ("IND",)) == ("IND", "admin1", "IN-PB")
    assert gaz.resolve("Northern Province") is None
    assert _where(gaz, "Northern Province", ("ZMB",))[0] == "ZMB"
    assert gaz.resolve("Balkan region") is None  # Turkmenistan's Balkan province only when Turkmenistan is named


def test_admin1_table_coverage_and_knowledge_file():
    table = load_admin1()
    assert len(table.places) >= 3500
    assert sum(p.lat is not None for p in table.places) >= 3400
    assert all(p.level == "admin1" and p.code and p.country and len(p.country) == 3 for p in table.places)
    codes = {p.code for p in table.places}
    assert {"RU-KRS", "UA-23", "US-GA", "CA-QC", "PS-GZA", "IQ-AR"} <= codes
    assert not {"CN-TW", "RS-KM"} & codes  # left out on purpose (admin1.yaml says why)
    assert next(p for p in table.places if p.code == "MA-12").country == "ESH"
    assert next(p for p in table.places if p.code == "UA-43").country == "UKR"


def test_knowledge_file_loads_cleanly(caplog):
    with caplog.at_level(logging.WARNING):
        load_admin1()
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    text = resources.files("foedus").joinpath("data/places/admin1.yaml").read_text("utf-8")
    assert text.startswith("# format: foedus-admin1/1")


def test_malformed_knowledge_entry_is_reported(tmp_path, caplog):
    bad = tmp_path / "a.yaml"
    bad.write_text("# format: foedus-admin1/1\ndivisions:\n  - code: XX-ZZZ\n    names: [Nowhere]\n"
                   "  - code: RU-KRS\n    names: Kursk\n    sources: [x]\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        table = load_admin1(bad)
    msgs = " ".join(r.getMessage() for r in caplog.records)
    assert "XX-ZZZ" in msgs and "a.yaml:5" in msgs and "names must be a list" in msgs
    assert any(p.code == "RU-KRS" for p in table.places)


def test_fold_ignores_case_accents_and_apostrophes():
    assert fold("Kurskaya oblast'") == fold("KURSKAYA OBLAST")
    assert fold("Naxçıvan") == "naxcivan"
    assert fold("the Khyber-Pakhtunkhwa") == "khyber pakhtunkhwa"


def test_component_reads_designator_phrases_and_records_levels():
    doc = parse("Ukrainian drones hit the Kursk region and Belgorod Oblast, while shelling continued in "
                "the Donetsk and Luhansk regions and in the city of Donetsk. Floods hit Bavaria.")
    got = {(p.text, p.country, p.level, p.place_id) for p in doc._.places}
    assert ("Kursk region", "RUS", "admin1", "iso-ru-krs") in got
    assert ("Belgorod Oblast", "RUS", "admin1", "iso-ru-bel") in got
    assert ("Donetsk", "UKR", "admin1", "iso-ua-14") in got  # coordinated with "Luhansk regions"
    assert ("Luhansk regions", "UKR", "admin1", "iso-ua-09") in got
    assert ("Bavaria", "DEU", "admin1", "iso-de-by") in got
    city = [p for p in doc._.places if p.text == "Donetsk" and p.level == "city"]
    assert city and city[0].country == "UKR"
    for p in doc._.places:
        assert doc.text[p.start:p.end] == p.text


def test_component_keeps_georgia_the_country_unless_the_story_is_american():
    us = parse("Storms hit Georgia and Florida on Tuesday.")
    assert [(p.country, p.level) for p in us._.places if p.text == "Georgia"] == [("USA", "admin1")]
    caucasus = parse("Russia and Georgia clashed in 2008. Washington said little about neighbouring Georgia.")
    assert {(p.country, p.level) for p in caucasus._.places if p.text == "Georgia"} == {("GEO", "country")}
    named = parse("The Republic of Georgia and the State of Georgia signed a trade accord.")
    assert [(p.text, p.country, p.level) for p in named._.places] == [
        ("Republic of Georgia", "GEO", "country"), ("State of Georgia", "USA", "admin1")]
    prov = parse("The governor of the province of Quebec met officials in Ottawa.")
    assert [(p.text, p.country, p.level) for p in prov._.places if p.country == "CAN" and p.level == "admin1"] \
        == [("province of Quebec", "CAN", "admin1")]


@pytest.mark.slow
def test_shelling_in_a_region_reaches_the_store_with_its_level(tmp_path: Path):
    from foedus.jobs.ingest import ingest
    from foedus.settings import Settings
    from foedus.store.db import connect

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "border.txt").write_text(
        "Shelling in the border region\n\n"
        "Ukrainian artillery shelled villages in the Kursk region on Tuesday, the regional governor said. "
        "Residents of several villages spent the night in basements and school buildings further from the border.\n",
        encoding="utf-8")
    db = tmp_path / "t.duckdb"
    ingest([corpus], Settings(db_path=db))
    con = connect(db, read_only=True)
    try:
        mentions = con.execute("SELECT source_code, root, location_name, location_country, location_level, location_lat"
                               " FROM event_mentions").fetchall()
        events = con.execute("SELECT location_name, location_country, location_level FROM events").fetchall()
        places = con.execute("SELECT text, country, level FROM place_mentions WHERE level = 'admin1'").fetchall()
    finally:
        con.close()
    assert [(m[0][:3], m[1], m[2], m[3], m[4]) for m in mentions] == [("UKR", "19", "Kursk Oblast", "RUS", "admin1")]
    assert 50.8 < mentions[0][5] < 52.5
    assert events == [("Kursk Oblast", "RUS", "admin1")]
    assert places == [("Kursk region", "RUS", "admin1")]


def test_version_4_database_gains_levels(tmp_path: Path):
    """An older store is migrated: levels filled where its stored kinds decide them, NULL otherwise."""
    import duckdb

    from foedus.store import db

    path = tmp_path / "v4.duckdb"
    con = duckdb.connect(str(path))
    con.execute(db._schema_sql())
    con.execute("INSERT INTO schema_info (version) VALUES (1)")
    for number, sql in db._migrations():
        if number <= 4:
            con.execute(sql)
            con.execute("INSERT INTO schema_info (version) VALUES (?)", [number])
    con.execute("INSERT INTO documents (doc_id, content_hash, text_hash, path, source_format, outlet_source, "
                "title_source, published_source, author_source, language_source, raw_text, text, n_words) "
                "VALUES ('d1', 'h', 't', 'p', 'txt', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'x', 'x', 1)")
    for start, name, country, place_id, kind in [(0, "Jermuk", "ARM", "armenia-jermuk", "town"),
                                                 (10, "Syunik", "ARM", "armenia-syunik", "region"),
                                                 (20, "Armenia", "ARM", "country-arm", "country"),
                                                 (30, "Texas", "USA", "geonames-4736286", "region")]:
        con.execute("INSERT INTO place_mentions VALUES ('d1', ?, ?, ?, ?, ?, NULL, NULL, ?, ?)",
                    [start, start + 5, name, name, country, place_id, kind])
    con.execute("INSERT INTO event_mentions (mention_id, event_id, doc_id, sent_index, sent_start, sent_end, sentence,"
                " date_precision, cameo, root, quad_class, goldstein, negated, modality, trigger_start, trigger_end,"
                " trigger_text, pattern_id, location_name, location_country) VALUES"
                " ('m1', 'ev1', 'd1', 0, 0, 1, 'x', 'day', '190', '19', 4, -10, false, 'asserted', 0, 1, 'x', 'p',"
                " 'Syunik', 'ARM')")
    con.execute("INSERT INTO events (event_id, date_precision, cameo, root, quad_class, goldstein, negated, modality,"
                " location_name, location_country, mentions, sources, documents) VALUES"
                " ('ev1', 'day', '190', '19', 4, -10, false, 'asserted', 'Syunik', 'ARM', 1, 1, 1)")
    con.close()
    con = db.connect(path)
    try:
        assert db.current_version(con) == db.SCHEMA_VERSION >= 5
        levels = dict(con.execute("SELECT name, level FROM place_mentions").fetchall())
        assert levels == {"Jermuk": "city", "Syunik": "admin1", "Armenia": "country", "Texas": "admin1"}
        assert con.execute("SELECT location_level FROM event_mentions").fetchall() == [("admin1",)]
        assert con.execute("SELECT location_level FROM events").fetchall() == [("admin1",)]
    finally:
        con.close()


def test_answers_kept_per_name_are_the_same_and_cannot_be_changed(gaz):
    """A name's candidates and certainty are worked out once; a caller changing the list it got does not
    change what the next caller gets."""
    first = gaz.candidates("Kursk region")
    assert [p.code for p in first][:1] == ["RU-KRS"]
    first.clear()
    assert [p.code for p in gaz.candidates("Kursk region")][:1] == ["RU-KRS"]
    assert gaz.certain("Kursk region", "admin1") is gaz.certain("Kursk region", "admin1") is True
    assert gaz.certain("Punjab") is False  # Pakistan's and India's: the document's countries decide
    assert _where(gaz, "Punjab", ("IND",))[0] == "IND"
    assert _where(gaz, "Punjab", ("PAK",))[0] == "PAK"


def test_a_name_read_alone_is_read_as_without_context(gaz):
    for name, level in (("Kursk region", "admin1"), ("Moscow", None), ("Kapan", None), ("Nowhereville", None)):
        assert gaz.resolve_alone(name, level) == gaz.resolve(name, level=level)
    assert gaz.resolve_alone("Moscow") is gaz.resolve_alone("Moscow")  # worked out once
