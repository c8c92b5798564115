"""The dashboard and charts start from the user's data: a database with no Armenia in it.

The story (tests/fixtures/web/otherdb.py) is about North Korea, Russia and
their neighbours; nothing on the pages may fall back to the story the product
was first built on.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.otherdb import KOREA  # noqa: E402
from fixtures.web.webdb import build_web_db  # noqa: E402

from foedus.analysis.corroborate import corroborate  # noqa: E402
from foedus.analysis.focus import default_focus, focal_actor, top_partners  # noqa: E402
from foedus.analysis.relations import realignment, with_runs  # noqa: E402
from foedus.store.db import connect  # noqa: E402

PAGES = ["/", "/timeline", "/relations", "/network", "/outlets", "/corroborate", "/ledger", "/event/p05", "/doc/k04"]


@pytest.fixture(scope="module")
def korea_db(tmp_path_factory):
    return build_web_db(tmp_path_factory.mktemp("korea") / "korea.duckdb", KOREA)


@pytest.fixture()
def con(korea_db):
    c = connect(korea_db, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def client(korea_db):
    from fastapi.testclient import TestClient

    from foedus.web.app import create_app

    with TestClient(create_app(korea_db), base_url="http://localhost") as c:
        yield c


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_focus_comes_from_the_data(con):
    assert focal_actor(con) == "PRK"
    assert top_partners(con, "PRK") == ["RUS", "USA", "KOR", "UKR"]
    focus = default_focus(con)
    assert (focus.first, focus.last) == (date(2023, 9, 13), date(2025, 4, 28))
    # a user's choice wins
    assert default_focus(con, "USA").partners == ("PRK",)


def test_empty_store_has_no_focus(tmp_path):
    c = connect(tmp_path / "empty.duckdb")
    try:
        assert default_focus(c).focal is None and realignment(c) == []
    finally:
        c.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_page_names_armenia(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert "Armenia" not in r.text and not re.search(r"\bARM\b", r.text)


def test_overview_opens_on_north_korea_and_its_partners(client):
    page = _text(client.get("/").text)
    assert "North Korea and its main partners, by year" in page
    head = page.split("Year", 1)[1][:80]
    assert head.split("2023")[0].split() == ["Russia", "United", "States", "South", "Korea", "Ukraine"]
    # the chosen focal actor is remembered in the URL and wins
    chosen = _text(client.get("/", params={"focal": "USA"}).text)
    assert "United States and its main partners" in chosen


def test_relations_defaults_and_gaps_stay_gaps(client):
    html = client.get("/relations").text
    assert "Relations of" in html and 'title="North Korea (PRK)">North Korea</span>' in html
    chart = json.loads(html.split('id="chart-data">')[1].split("</script>")[0])
    russia = [p for p in chart if p["code"] == "RUS"]
    # four months with events, months apart: four separate runs, no line across the gaps
    assert [p["label"] for p in russia] == ["2023-09", "2024-06", "2024-10", "2025-04"]
    assert len({p["run"] for p in russia}) == 4
    # counts travel with the means
    assert [p["events"] for p in russia] == [2, 1, 1, 1]
    yearly = json.loads(client.get("/relations", params={"freq": "year"}).text
                        .split('id="chart-data">')[1].split("</script>")[0])
    assert len({p["run"] for p in yearly if p["code"] == "RUS"}) == 1  # 2023, 2024, 2025 follow each other


def test_runs_break_at_empty_periods_and_at_rows_without_a_mean():
    rows = [{"partner": "X", "period": date(2024, m, 1), "goldstein_mean": v} for m, v in
            [(1, 1.0), (2, 2.0), (4, 3.0), (5, None), (6, 1.0)]]
    runs = [r["run"] for r in with_runs(rows, "month")]
    assert runs == ["X#0", "X#0", "X#1", None, "X#2"]


def test_figures_compare_troop_numbers_in_words_and_digits(con, client):
    groups = corroborate(con)
    # the summit's three days are not a disagreement: dates are not compared
    assert [(g["date"], g["a"], g["b"]) for g in groups] == [(date(2024, 10, 18), "PRK", "RUS")]
    (claim,) = groups[0]["claims"]
    assert (claim["kind"], claim["status"], claim["about"]) == ("personnel", "differ", "North Korean")
    assert [(r["outlet"], r["value"], r["said_by"]) for r in claim["reports"]] == [
        ("Capital Courier", 12000.0, None), ("Harbour Wire", 10000.0, "South Korea"),
        ("Seoul Ledger", 3000.0, None)]
    page = client.get("/corroborate").text
    assert '<mark class="figure">ten thousand soldiers</mark>' in page
    assert "/doc/k05?m=k05%3A0%3A1#s0" in page  # each value links to its sentence
    rows = client.get("/corroborate", params={"format": "json"}).json()
    assert rows[0]["claims"][0]["reports"][1]["published"] == "2024-10-19"


def test_names_everywhere_codes_on_hover(client):
    outlets = client.get("/outlets").text
    assert 'title="United Nations (UN)">UN</span>' in outlets or 'title="United Nations (IGOUNO)"' in outlets
    assert "IGOUNO" not in _text(outlets)
    network = client.get("/network", params={"format": "json"}).json()
    assert {n["id"] for n in network["nodes"]} >= {"PRK", "RUS"}
    assert "North Korea – Russia" in _text(client.get("/network").text)


def test_evidence_keeps_event_date_and_publication_apart(client):
    page = _text(client.get("/event/p05").text)
    assert "Event date 2024-10-18" in page
    assert "published 2024-10-20" in page and "event date 2024-10-18" in page


def test_plot_draws_the_data_s_own_focal_actor(korea_db, tmp_path):
    from foedus.web.plots import plot_all

    c = connect(korea_db, read_only=True)
    try:
        files = plot_all(c, tmp_path, fmt="svg")
    finally:
        c.close()
    assert [f.name for f in files] == ["relations-PRK.svg", "timeline.svg", "network.svg"]
    svg = files[0].read_text()
    assert "North Korea: relations with its partners" in svg and "Armenia" not in svg


def test_ledger_without_invocations_names_the_treaties_that_bind_the_actors(client):
    page = _text(client.get("/ledger").text)
    assert "No treaty invocation was found in these documents." in page
    # the 2024 partnership treaty between Russia and North Korea (in force from December 2024)
    assert "rus-prk-2024" in page and "binds North Korea, Russia" in page


def test_summary_names_the_data_s_own_main_actor(korea_db):
    from typer.testing import CliRunner

    from foedus.cli import app

    result = CliRunner().invoke(app, ["summary", "--db", str(korea_db)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Main actor: North Korea (PRK), in the most events" in out
    assert "Russia (RUS), United States (USA)" in out and "Armenia" not in out
