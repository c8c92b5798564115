"""Relations and realignment on the hand-written fixture: exact numbers."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.conftest_helpers import con, web_db_path  # noqa: E402,F401

from foedus.analysis.filters import EventFilter, FilterError  # noqa: E402
from foedus.analysis.relations import realignment, relations  # noqa: E402
from foedus.analysis.timeline import list_events  # noqa: E402


def _cell(rows, label, partner):
    return next(r for r in rows if r["label"] == label and r["partner"] == partner)


def test_realignment_by_year_follows_armenia_away_from_russia(con):
    rows = realignment(con, focal="ARM", partners=["RUS", "USA", "CSTO"], freq="year")
    assert [(r["label"], r["partner"], r["events"]) for r in rows] == [
        ("2020", "RUS", 2), ("2021", "RUS", 2),
        ("2022", "CSTO", 4), ("2022", "RUS", 2), ("2022", "USA", 2),
        ("2023", "CSTO", 1), ("2023", "RUS", 2), ("2023", "USA", 1),
        ("2024", "CSTO", 1),
    ]
    assert _cell(rows, "2020", "RUS")["goldstein_mean"] == pytest.approx(5.7)
    assert _cell(rows, "2023", "RUS")["goldstein_mean"] == pytest.approx(-2.0)
    assert _cell(rows, "2023", "USA")["goldstein_mean"] == pytest.approx(7.4)
    assert _cell(rows, "2023", "RUS")["net_coop"] == -1.0


def test_negated_aid_is_kept_out_of_the_sums_and_counted_apart(con):
    rows = realignment(con, focal="ARM", partners=["CSTO"], freq="month")
    sep = _cell(rows, "2022-09", "CSTO")
    # appeal 3.4 + mission 1.9 + criticism -2.0 + praise 3.4; the aid that never came is apart
    assert sep["events"] == 4 and sep["negated"] == 1
    assert sep["goldstein_sum"] == pytest.approx(6.7)
    assert sep["goldstein_mean"] == pytest.approx(1.675)
    assert (sep["verbal_coop"], sep["material_coop"], sep["verbal_conflict"]) == (3, 0, 1)
    inc = _cell(realignment(con, focal="ARM", partners=["CSTO"], negated="include"), "2022-09", "CSTO")
    assert inc["events"] == 5 and inc["goldstein_sum"] == pytest.approx(15.0)


def test_claims_counted_separately_by_default(con):
    rows = relations(con, EventFilter(actor="ARM", other="AZE"), freq="month", directed=False)
    assert len(rows) == 1
    r = rows[0]
    assert (r["source"], r["target"], r["events"], r["claims"]) == ("ARM", "AZE", 3, 1)
    assert r["goldstein_sum"] == pytest.approx(-21.5)
    inc = relations(con, EventFilter(actor="ARM", other="AZE"), directed=False, claims="include")[0]
    assert inc["events"] == 4 and inc["goldstein_sum"] == pytest.approx(-31.5)


def test_directed_relations_and_exact_codes(con):
    rows = relations(con, EventFilter(actor="ARM", other="AZE", start="2022-09-01", end="2022-09-30"),
                     freq="month", directed=True)
    assert [(r["source"], r["target"], r["events"], r["claims"]) for r in rows] == [
        ("ARM", "AZE", 0, 1), ("AZE", "ARM", 3, 0)]
    exact = relations(con, EventFilter(source="AZEMIL", exact=True), freq="year")
    assert [(r["source"], r["target"], r["events"]) for r in exact] == [("AZEMIL", "ARMGOV", 1), ("AZEMIL", "ARMMIL", 1)]


def test_each_number_lists_exactly_its_events(con):
    for row in realignment(con, focal="ARM", freq="month"):
        listed = list_events(con, EventFilter.from_params(row["filters"]), limit=1000)
        assert listed["total"] == row["events"], row
        gs = sum(e["goldstein"] for e in listed["rows"])
        assert gs == pytest.approx(row["goldstein_sum"])


def test_week_buckets_and_period_bounds(con):
    rows = realignment(con, focal="ARM", partners=["USA"], freq="week")
    assert [(r["label"], r["period"], r["period_end"], r["events"]) for r in rows] == [
        ("2022-W37", date(2022, 9, 12), date(2022, 9, 18), 1),
        ("2022-W38", date(2022, 9, 19), date(2022, 9, 25), 1),
        ("2023-W37", date(2023, 9, 11), date(2023, 9, 17), 1),
    ]


def test_bad_inputs_are_refused(con):
    with pytest.raises(ValueError):
        realignment(con, freq="decade")
    with pytest.raises(FilterError):
        EventFilter(start="yesterday")
    with pytest.raises(FilterError):
        EventFilter(cameo="19; DROP TABLE events")
    assert realignment(con, focal="ARM", partners=["ARM"]) == []
