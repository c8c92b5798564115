"""The dashboard in a real headless Chromium: charts draw, links lead to the
evidence, and article text containing markup stays inert.

These tests fail (they do not skip) when Chromium is missing: run
``scripts/install-browser.sh``.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.webdb import build_web_db  # noqa: E402

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("FOEDUS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _serve(build_web_db(tmp_path_factory.mktemp("browser") / "web.duckdb"))


@pytest.fixture(scope="module")
def korea_server(tmp_path_factory):
    from fixtures.web.otherdb import KOREA

    yield from _serve(build_web_db(tmp_path_factory.mktemp("browser-korea") / "korea.duckdb", KOREA))


def _serve(db):
    import uvicorn

    from foedus.web.app import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started:
        if time.time() > deadline:
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/install-browser.sh", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, tmp_path):
    ctx = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = ctx.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.problems = problems  # type: ignore[attr-defined]
    pg.shots = Path(os.environ.get("FOEDUS_SCREENSHOTS", tmp_path))  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def _shot(page, name: str) -> None:
    page.shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(page.shots / f"{name}.png"), full_page=True)


def _ready(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-ready]", timeout=20_000)
    assert page.get_attribute(selector, "data-ready") == "1", page.inner_text(selector)


def test_every_page_loads_without_errors(server, page):
    for path, name in [("/", "overview"), ("/timeline", "timeline"), ("/relations", "relations"),
                       ("/network", "network"), ("/ledger", "ledger"), ("/outlets", "outlets"),
                       ("/corroborate", "figures"), ("/event/e05", "event"), ("/doc/d03", "document")]:
        resp = page.goto(server + path)
        assert resp.status == 200, path
        page.wait_for_load_state("networkidle")
        _shot(page, name)
    assert page.problems == []


def test_relations_chart_draws_and_points_link_to_events(server, page):
    page.goto(server + "/relations?focal=ARM&partners=RUS,USA,CSTO")
    _ready(page, "#chart")
    marks = page.locator("#chart svg path, #chart svg .mark-symbol path")
    assert page.locator("#chart svg").count() == 1
    assert marks.count() > 5
    # each partner has its own fixed colour, named in the chart's legend
    lines = page.locator("#chart svg .mark-line path")
    strokes = {lines.nth(i).get_attribute("stroke") for i in range(lines.count())}
    assert {"#c62828", "#1f5fbf", "#8e3b2e"} <= strokes
    legend = page.locator("#chart svg .role-legend")
    assert legend.count() == 2  # partners by name, and events per point
    labels = legend.locator("text")
    texts = {labels.nth(i).text_content() for i in range(labels.count())}
    assert {"Russia", "United States", "CSTO", "partner", "events per point"} <= texts
    # the axes say what they measure
    axes = {t.strip() for t in page.locator("#chart svg .role-axis-title").all_text_contents()}
    assert axes == {"month", "mean Goldstein score (−10 … +10)"}
    _shot(page, "relations-chart")
    # the table cell for CSTO in 2022-09 leads to the events counted in it
    page.click("table.data td a.num[href*='other=CSTO'][href*='start=2022-09-01']")
    page.wait_for_load_state()
    assert "/timeline" in page.url
    assert "4 events match" in " ".join(page.inner_text(".summary").split())
    assert page.problems == []


def test_overview_chart_draws(server, page):
    page.goto(server + "/")
    _ready(page, "#chart")
    assert page.locator("#chart svg rect, #chart svg path").count() > 3
    assert page.problems == []


def test_network_draws_and_edge_table_links(server, page):
    page.goto(server + "/network")
    _ready(page, "#graph")
    assert page.locator("#graph canvas").count() >= 1
    size = page.evaluate("() => { const c = document.querySelector('#graph canvas'); return [c.width, c.height]; }")
    assert size[0] > 100 and size[1] > 100
    # a filtered view, then the ARM-CSTO edge to its events
    page.fill("input[name=start]", "2022-09-01")
    page.fill("input[name=end]", "2022-09-30")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "start=2022-09-01" in page.url
    _ready(page, "#graph")
    page.click("table.data a:has-text('Armenia – CSTO')")
    page.wait_for_load_state()
    assert "/timeline" in page.url and "other=CSTO" in page.url
    assert page.problems == []


def test_timeline_filter_then_evidence_sentence(server, page):
    page.goto(server + "/timeline")
    page.select_option("select[name=actor]", "ARM")
    page.select_option("select[name=other]", "AZE")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "actor=ARM" in page.url and "other=AZE" in page.url
    assert "4 events match" in " ".join(page.inner_text(".summary").split())
    page.click("a[href='/event/e05']:has-text('reports')")
    page.wait_for_load_state()
    assert page.locator("ol.reports li").count() == 4
    page.click("ol.reports li:first-child .meta a")
    page.wait_for_load_state()
    assert "/doc/d03" in page.url
    selected = page.locator("mark.selected")
    assert selected.count() >= 1
    assert "attacked" in page.locator("mark.selected mark.trigger").first.inner_text()
    _shot(page, "evidence")


def test_article_markup_is_shown_as_text_and_never_runs(server, page):
    page.goto(server + "/doc/d12")
    page.wait_for_load_state("networkidle")
    text = page.inner_text("article.doctext")
    assert "<script>window.__xss=1</script>" in text
    assert '<img src=x onerror="window.__xss=2">' in text
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("article.doctext img, article.doctext script").count() == 0
    assert page.title().startswith("Reader post <script>")
    _shot(page, "xss")


def test_ledger_shows_the_csto_verdict_with_sentences(server, page):
    page.goto(server + "/ledger")
    body = page.inner_text("main")
    if "ledger unavailable" in body:
        pytest.fail("the ledger could not be built: " + body)
    csto = page.locator("section.commitment", has_text="Collective Security Treaty")
    assert csto.count() == 1
    assert "Armenia appealed to the CSTO" in csto.inner_text()
    csto.locator("a:has-text('How this verdict was reached')").first.click()
    page.wait_for_load_state()
    assert "/ledger/explain" in page.url
    _shot(page, "ledger-explain")
    assert page.problems == []


def test_another_conflict_every_page_looks_right(korea_server, page):
    """A database with no Armenia in it: each page opens on its own actors, charts drawn by name."""
    for path, name in [("/", "overview"), ("/relations", "relations"), ("/timeline", "timeline"),
                       ("/network", "network"), ("/outlets", "outlets"), ("/corroborate", "figures"),
                       ("/ledger", "ledger"), ("/event/p05", "event"), ("/doc/k04", "document")]:
        resp = page.goto(korea_server + path)
        assert resp.status == 200, path
        page.wait_for_load_state("networkidle")
        if page.locator("#chart").count():
            _ready(page, "#chart")
        text = page.inner_text("body")
        assert "Armenia" not in text and "ARM " not in text, path
        _shot(page, f"korea-{name}")
    page.goto(korea_server + "/relations")
    _ready(page, "#chart")
    legend = page.locator("#chart svg .role-legend text").all_text_contents()
    assert {"Russia", "United States", "South Korea", "Ukraine"} <= set(legend)
    # one straight line per run of consecutive months: Russia's four months make four
    # single-point runs, so no line is drawn for it across the gaps
    paths = page.locator("#chart svg .mark-line path")
    red = [paths.nth(i).get_attribute("d") for i in range(paths.count())
           if paths.nth(i).get_attribute("stroke") == "#c62828"]
    assert all(d is None or "L" not in d for d in red)
    assert "North Korea" in page.inner_text("h1")
    assert page.problems == []
