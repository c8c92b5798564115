"""Every page over the fixture database: content, links to evidence, exports, errors."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.client import BrokenLedger, client, web_db_path  # noqa: E402,F401

PAGES = ["/", "/timeline", "/relations", "/network", "/outlets", "/corroborate", "/ledger",
         "/event/e05", "/doc/d03", "/ledger/explain?key=cst-1992:4:ARM:2022-09-13"]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_with_exports(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    sep = "&" if "?" in path else "?"
    j = client.get(path + sep + "format=json")
    assert j.status_code == 200 and j.headers["content-type"] == "application/json"
    j.json()
    c = client.get(path + sep + "format=csv")
    assert c.status_code == 200 and c.headers["content-type"].startswith("text/csv")


def test_overview_numbers_link_to_timeline(client):
    html = client.get("/").text
    assert ">24</span>events" in html
    assert 'href="/timeline?actor=ARM&amp;claims=exclude&amp;negated=exclude&amp;other=RUS"' in html


def test_timeline_filters_in_url(client):
    r = client.get("/timeline", params={"actor": "ARM", "other": "AZE", "cameo": "19", "claims": "exclude"})
    assert "<strong>2</strong> events match" in r.text
    assert 'href="/event/e05"' in r.text and 'href="/event/e24"' in r.text
    rows = list(csv.DictReader(io.StringIO(client.get(
        "/timeline", params={"actor": "ARM", "other": "AZE", "format": "csv"}).text)))
    assert [x["event_id"] for x in rows] == ["e05", "e08", "e09", "e24"]
    data = client.get("/timeline", params={"negated": "only", "format": "json"}).json()
    assert data["total"] == 1 and data["rows"][0]["event_id"] == "e11"


def test_relations_cells_link_to_their_events(client):
    html = client.get("/relations", params={"focal": "ARM", "partners": "RUS,USA,CSTO"}).text
    links = re.findall(r'href="(/timeline\?[^"]*other=CSTO[^"]*start=2022-09-01[^"]*)"', html)
    assert links
    target = links[0].replace("&amp;", "&")
    assert "4 events match" in re.sub(r"<[^>]+>", "", client.get(target).text)
    data = client.get("/relations", params={"partners": "RUS", "freq": "year", "format": "json"}).json()
    assert [(d["label"], d["events"], d["goldstein_mean"]) for d in data] == [
        ("2020", 2, 5.7), ("2021", 2, 5.4), ("2022", 2, 1.9), ("2023", 2, -2.0)]
    assert 'id="chart-data"' in html and "<script>" not in html.split('id="chart-data"')[1][:50]


def test_network_json_has_nodes_and_linked_edges(client):
    net = client.get("/network", params={"start": "2022-09-01", "end": "2022-09-30", "format": "json"}).json()
    assert {n["id"] for n in net["nodes"]} == {"ARM", "AZE", "CSTO", "RUS", "USA"}
    edge = next(e for e in net["edges"] if e["b"] == "CSTO")
    assert edge["href"].startswith("/timeline?") and "start=2022-09-01" in edge["href"]


def test_event_page_lists_every_report(client):
    html = client.get("/event/e05").text
    assert html.count("<li>") >= 4
    assert "/doc/d03?m=d03%3A1%3A1#s1" in html
    assert '<mark class="trigger">shelled</mark>' in html


def test_document_marks_evidence_by_offsets(client):
    html = client.get("/doc/d03", params={"m": "d03:0:0"}).text
    assert '<mark class="evidence selected" id="s0"' in html
    assert '<mark class="trigger">attacked</mark>' in html
    assert '<mark class="quote"' in html


def test_outlets_and_figures(client):
    html = client.get("/outlets").text
    assert "Azertac" in html and "Tone toward each actor" in html
    rows = list(csv.DictReader(io.StringIO(client.get("/outlets", params={"format": "csv", "table": "quotes"}).text)))
    assert rows[0] == {"outlet": "Armenpress", "speaker": "ARM", "quotes": "1", "documents": "1"}
    fig = client.get("/corroborate").text
    assert "outlets differ" in fig and "outlets agree" in fig
    assert '<mark class="figure">7 km</mark>' in fig and '<mark class="figure">10 km</mark>' in fig
    # codes are shown by name, the code on hover
    assert 'title="Collective Security Treaty Organization (CSTO)">CSTO</span>' in html


def test_figures_come_a_page_of_groups_at_a_time(client):
    def groups(html: str) -> list[str]:
        return re.findall(r'<span title="event date">([0-9-]+)</span>', html)

    first = client.get("/corroborate", params={"limit": "1"}).text
    assert groups(first) == ["2022-09-20"]
    assert 'rel="next" href="/corroborate?limit=1&amp;page=2"' in first and 'rel="prev"' not in first
    second = client.get("/corroborate", params={"limit": "1", "page": "2"}).text
    assert groups(second) == ["2022-09-13"]
    assert 'rel="prev" href="/corroborate?limit=1"' in second and 'rel="next"' not in second
    past = client.get("/corroborate", params={"limit": "1", "page": "3"}).text
    assert groups(past) == [] and "No more groups" in past
    rows = json.loads(client.get("/corroborate", params={"limit": "1", "page": "2", "format": "json"}).text)
    assert [g["date"] for g in rows] == ["2022-09-13"]
    assert client.get("/corroborate", params={"limit": "0"}).status_code == 400


def test_ledger_page_from_the_provider(client):
    html = client.get("/ledger").text
    assert "Collective Security Treaty" in html
    assert "not honoured" in html and "partially honoured" in html  # computed beside override
    assert "The CSTO did not provide military aid to Armenia." in html
    assert "/doc/d06?m=d06%3A1%3A0#s1" in html
    assert "&lt;b&gt;on its territory&lt;/b&gt;" in html
    rows = list(csv.DictReader(io.StringIO(client.get("/ledger", params={"format": "csv"}).text)))
    assert rows[0]["key"] == "cst-1992:4:ARM:2022-09-13" and rows[0]["verdict"] == "not honoured"
    assert client.get("/ledger/explain", params={"key": "nope"}).status_code == 404


def test_ledger_unavailable_message(web_db_path):
    from fastapi.testclient import TestClient

    from foedus.web.app import create_app

    with TestClient(create_app(web_db_path, ledger_provider=BrokenLedger()), base_url="http://localhost") as c:
        r = c.get("/ledger")
        assert r.status_code == 200
        assert "ledger unavailable: no treaty registry" in r.text
        assert c.get("/ledger", params={"format": "json"}).json() == {"unavailable": "no treaty registry"}


def test_real_ledger_module_on_the_fixture(web_db_path):
    """The default provider (foedus.ledger.report): the CSTO's September 2022 verdict."""
    from fastapi.testclient import TestClient

    from foedus.web.app import create_app

    with TestClient(create_app(web_db_path), base_url="http://localhost") as c:
        html = c.get("/ledger").text
        assert "ledger unavailable" not in html, html[:2000]
        assert "Collective Security Treaty" in html
        assert "Armenia appealed to the CSTO for military assistance" in html
        # the invocation's rationale once; each guarantor only adds what is its own
        assert html.count('class="rationale">Armenia asked the CSTO for military assistance under Article 4') == 1
        assert "the record shows nothing from Kazakhstan" in html


@pytest.mark.parametrize("path,status", [
    ("/event/nope", 404), ("/doc/nope", 404), ("/no/such/page", 404),
    ("/timeline?start=13/09/2022", 400), ("/timeline?limit=abc", 400), ("/timeline?quad=9", 400),
    ("/timeline?negated=maybe", 400), ("/relations?freq=decade", 400), ("/timeline?format=xml", 400),
    ("/timeline?cameo=19'--", 400), ("/network?max_edges=0", 400), ("/ledger/explain", 400),
    ("/timeline?start=2023-01-01&end=2022-01-01", 400),
])
def test_errors_are_pages_not_tracebacks(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text and f"<h1>{status}" in r.text


def test_timeline_pages_by_cursor_and_caps_the_count(client, monkeypatch):
    html = client.get("/timeline", params={"actor": "ARM", "limit": "10"}).text
    assert "<strong>24</strong> events match; showing 1–10." in html
    nxt = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "after=" in nxt and "page=2" in nxt
    second = client.get(nxt).text
    assert "showing 11–20." in second and 'rel="prev"' in second
    first_ids = re.findall(r'href="/event/(e\d+)"', html)
    second_ids = re.findall(r'href="/event/(e\d+)"', second)
    assert not set(first_ids) & set(second_ids)
    prev = re.search(r'<a rel="prev" href="([^"]+)"', second).group(1).replace("&amp;", "&")
    assert re.findall(r'href="/event/(e\d+)"', client.get(prev).text) == first_ids
    data = client.get(nxt + "&format=json").json()
    assert data["total"] == 24 and len(data["rows"]) == 10 and data["prev"] and data["next"]
    monkeypatch.setattr("foedus.web.app.TIMELINE_COUNT_LIMIT", 20)
    assert "More than <strong>20</strong> events match" in client.get("/timeline", params={"limit": "10"}).text
    assert client.get("/timeline", params={"after": "soon"}).status_code == 400


def test_relations_partners_have_fixed_colours(client):
    html = client.get("/relations", params={"focal": "ARM", "partners": "USA,RUS,CSTO,EU,FRA"}).text
    colours = json.loads(html.split('id="chart-colours">')[1].split("</script>")[0])
    # keyed by the names the legend shows
    assert colours == {"United States": "#1f5fbf", "Russia": "#c62828", "CSTO": "#8e3b2e", "EU": "#d4a20b",
                       "France": "#7b3fa0"}
    # the table's columns carry the same colours as the chart's lines
    head = html.split("<thead>")[1].split("</thead>")[0]
    names = {"USA": "United States", "RUS": "Russia", "CSTO": "CSTO", "EU": "EU", "FRA": "France"}
    assert [(names[code], fill) for code, fill in re.findall(
        r'data-partner="(\w+)"><svg[^>]*><rect[^>]*fill="(#\w+)"', head)] == list(colours.items())


def test_partners_without_a_colour_get_distinct_spare_ones():
    from foedus.web.colours import PARTNER_COLOURS, SPARE_COLOURS, partner_colours

    got = partner_colours(["XXA", "RUS", "XXB"])
    assert got == {"XXA": SPARE_COLOURS[0], "RUS": "#c62828", "XXB": SPARE_COLOURS[1]}
    assert not set(SPARE_COLOURS) & set(PARTNER_COLOURS.values())
    assert len(set(PARTNER_COLOURS.values())) == len(PARTNER_COLOURS)


class _RepeatingLedger:
    """The ledger's shape: every guarantor's rationale repeats the invocation's."""

    SHARED = "Armenia asked the CSTO for military assistance on 13 Sept 2022. Azerbaijan attacked Armenia."

    def build_ledger(self, con):
        inv = {"key": "k", "date": "2022-09-13", "invoked_by": "ARM", "verdict": "not honoured",
               "rationale": self.SHARED + " Verdict: not honoured.",
               "guarantors": [
                   {"actor": "CSTO", "verdict": "not honoured", "rationale": self.SHARED + " Verdict: not honoured."},
                   {"actor": "KAZ", "verdict": "not honoured",
                    "rationale": self.SHARED + " The record shows nothing from Kazakhstan. Verdict: not honoured."},
               ]}
        return [{"treaty": {"name": "Collective Security Treaty"}, "article": "4", "invocations": [inv]}]

    def explain(self, con, key):
        raise KeyError(key)


def test_ledger_shows_the_invocation_rationale_once(web_db_path):
    from fastapi.testclient import TestClient

    from foedus.web.app import create_app

    with TestClient(create_app(web_db_path, ledger_provider=_RepeatingLedger()), base_url="http://localhost") as c:
        html = c.get("/ledger").text
    assert html.count("Armenia asked the CSTO for military assistance") == 1
    rows = html.split('class="data compact guarantors"')[1].split("</table>")[0]
    assert "as above" in rows.split("CSTO")[1].split("</tr>")[0]
    assert "The record shows nothing from Kazakhstan." in rows


def test_dashboard_opens_a_database_written_at_schema_version_1(tmp_path):
    from fastapi.testclient import TestClient

    from foedus.store.db import SCHEMA_VERSION, connect, current_version
    from foedus.web.app import create_app
    from test_store_db import _version_1_database

    path = tmp_path / "v1.duckdb"
    _version_1_database(path)
    with TestClient(create_app(path, ledger_provider=BrokenLedger()), base_url="http://localhost") as c:
        data = c.get("/timeline", params={"outlet": "Armenpress", "format": "json"}).json()
        assert [(r["event_id"], r["outlets"]) for r in data["rows"]] == [("ev1", ["Armenpress", "Reuters"])]
        assert c.get("/timeline", params={"actor": "CSTO", "format": "json"}).json()["total"] == 1
    con = connect(path, read_only=True)
    assert current_version(con) == SCHEMA_VERSION
    con.close()


def test_a_breach_is_a_readable_card_with_event_and_publication_dates(tmp_path):
    """Who broke what, from when to when, and the sentences: never a key/value dump."""
    import sys
    from pathlib import Path

    from fastapi.testclient import TestClient

    from foedus.store.db import connect
    from foedus.web.app import create_app

    sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))
    import build

    path = tmp_path / "breach.duckdb"
    con = connect(path)
    build.load(con, "reference_case.yaml")
    con.close()
    with TestClient(create_app(path), base_url="http://localhost") as c:
        html = c.get("/ledger").text
    start = html.index("<h3>Breaches</h3>")
    section = html[start:html.index("</section>", start)]
    assert 'class="breach card"' in section and '<dl class="kv">' not in section
    assert "Azerbaijan" in section and "broke Article 6" in section and "From 20" in section
    assert "event 20" in section and "published 20" in section  # the two dates, apart
