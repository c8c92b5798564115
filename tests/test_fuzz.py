"""Fuzzing the inputs and the dashboard with hypothesis (bounded examples, so it runs in `make test`).

Each property: no traceback, a one-line reason for every rejected input, no
500 from any route, and nothing already stored lost.
"""

from __future__ import annotations

import csv
import io
import json
import string
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.ingest.clean import CleaningError, clean_html
from foedus.ingest.read import ManifestError, RawItem, Rejection, Skipped, iter_inputs, load_manifest
from foedus.jobs.analyse import describe
from foedus.settings import Settings

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".txt.gz", ".bin", ".csv", ""]
ARTICLE = (
    "Delegations from the two neighbouring states met in the lakeside town on Tuesday to discuss the reopening of "
    "the railway line, officials said, and agreed to form a joint commission before the end of the month."
)


def _one_line(reason: str) -> bool:
    return bool(reason.strip()) and "\n" not in reason and "Traceback" not in reason


def _check_entries(folder: Path) -> None:
    s = Settings(min_seconds=5)
    for e in iter_inputs([folder]):
        if isinstance(e, (Rejection, Skipped)):
            assert _one_line(e.reason), e
            continue
        assert isinstance(e, RawItem)
        d = describe(e, s)
        if isinstance(d, Rejection):
            assert _one_line(d.reason), d


@FUZZ
@given(body=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_under_any_name(body: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"f{suffix}").write_bytes(body)
        _check_entries(Path(tmp))


TAGS = ["div", "p", "span", "script", "style", "b", "i", "a", "table", "tr", "td", "li", "ul", "!--", "![CDATA[", "?xml"]
_piece = st.one_of(
    st.text(alphabet=string.ascii_letters + " .,<>\"'=/-", max_size=40),
    st.builds(lambda t, a, close: f"<{t}{a}{'>' if close else ''}", st.sampled_from(TAGS),
              st.text(alphabet=string.ascii_letters + " =\"'", max_size=15), st.booleans()),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.just(ARTICLE),
)


@FUZZ
@given(parts=st.lists(_piece, max_size=300))
def test_random_html_is_cleaned_or_refused_with_a_reason_in_bounded_time(parts: list[str]) -> None:
    html = "".join(parts)
    t = time.perf_counter()
    try:
        clean_html(html)
    except CleaningError as exc:
        assert _one_line(str(exc))
    assert time.perf_counter() - t < 5


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "html", "title", "published", "outlet", "url", "x"]), children, max_size=5),
    max_leaves=20,
)


@FUZZ
@given(records=st.lists(_json, max_size=5), as_lines=st.booleans())
def test_random_json_records(records: list, as_lines: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        if as_lines:
            (Path(tmp) / "r.jsonl").write_text("\n".join(json.dumps(r) for r in records))
        else:
            (Path(tmp) / "r.json").write_text(json.dumps(records))
        _check_entries(Path(tmp))


_field = st.text(alphabet=string.printable, max_size=30)


@FUZZ
@given(header=st.lists(st.sampled_from(["file", "title", "published", "outlet", "url", "x", ""]), max_size=5),
       rows=st.lists(st.lists(_field, max_size=6), max_size=6), as_json=st.booleans(), raw=st.binary(max_size=200))
def test_random_manifests_are_read_or_refused_with_a_reason(header, rows, as_json, raw) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if as_json:
            path = folder / "manifest.json"
            path.write_text(json.dumps([dict(zip(header, r)) for r in rows]))
        else:
            buf = io.StringIO()
            w = csv.writer(buf)
            w.writerow(header)
            w.writerows(rows)
            path = folder / "manifest.csv"
            path.write_bytes(buf.getvalue().encode() + raw)
        (folder / "a.txt").write_text(ARTICLE)
        try:
            load_manifest(path)
        except ManifestError as exc:
            assert _one_line(str(exc))
        _check_entries(folder)


# ------------------------------------------------------------------ the dashboard

@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    from foedus.web.app import create_app

    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from fixtures.web.webdb import build_web_db

    db = build_web_db(tmp_path_factory.mktemp("fuzzweb") / "web.duckdb")
    with TestClient(create_app(db), base_url="http://localhost", raise_server_exceptions=False) as c:
        yield c


def _routes() -> list[str]:
    from foedus.web.app import create_app

    app = create_app(":memory:")
    return sorted({r.path for r in app.routes if getattr(r, "methods", None) and "GET" in r.methods})


ROUTES = _routes()
_param = st.sampled_from(["source", "target", "actor", "outlet", "cameo", "start", "end", "format", "limit", "offset",
                          "order", "key", "focal", "partners", "freq", "min_outlets", "max_edges", "negated", "after", "q"])
_value = st.one_of(st.text(max_size=20), st.sampled_from(["csv", "json", "html", "-1", "0", "99999999999", "2024-13-40",
                                                           "ARM", "'; DROP TABLE events; --", "../../etc/passwd"]))


@FUZZ
@given(route=st.sampled_from(ROUTES), params=st.dictionaries(_param, _value, max_size=4),
       tail=st.text(alphabet=string.ascii_letters + string.digits + "-_.%", max_size=20))
def test_random_queries_on_every_route_never_fail_the_server(client, route: str, params: dict, tail: str) -> None:
    path = route.replace("{doc_id}", tail or "x").replace("{event_id}", tail or "x").replace("{path}", tail or "x")
    r = client.get(path, params=params)
    assert r.status_code < 500 or r.status_code == 503, (path, params, r.status_code)
    assert "Traceback" not in r.text


# ------------------------------------------------------------------ whole ingests: nothing stored is lost

@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from foedus.jobs.ingest import ingest

    folder = tmp_path_factory.mktemp("kept")
    (folder / "kept.txt").write_text(ARTICLE + " " + ARTICLE)
    s = Settings(db_path=tmp_path_factory.mktemp("fuzzdb") / "f.duckdb", min_seconds=5)
    assert ingest([folder], s).stored == 1
    return s


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(st.binary(max_size=2000) | st.just(ARTICLE.encode()), st.sampled_from(SUFFIXES)),
                      min_size=1, max_size=4))
def test_random_batches_never_lose_what_is_stored(store, files) -> None:
    from foedus.jobs.ingest import ingest
    from foedus.store.db import connect

    with tempfile.TemporaryDirectory() as tmp:
        for i, (body, suffix) in enumerate(files):
            (Path(tmp) / f"{i}{suffix}").write_bytes(body)
        report = ingest([Path(tmp)], store)
        assert all(_one_line(r) for _, r in report.rejected + report.skipped)
    con = connect(store.db_path, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents WHERE path LIKE '%kept.txt'").fetchone()[0] == 1
    finally:
        con.close()
