"""Filtered event lists and the reports of one event."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.conftest_helpers import con, web_db_path  # noqa: E402,F401

from foedus.analysis.filters import EventFilter, FilterError  # noqa: E402
from foedus.analysis.network import network  # noqa: E402
from foedus.analysis.timeline import event_mentions, get_event, list_events  # noqa: E402


def ids(result):
    return [r["event_id"] for r in result["rows"]]


def test_filters(con):
    assert list_events(con)["total"] == 24
    assert ids(list_events(con, EventFilter(actor="ARM", other="AZE"))) == ["e05", "e08", "e09", "e24"]
    assert ids(list_events(con, EventFilter(actor="CSTO", negated="only"))) == ["e11"]
    assert ids(list_events(con, EventFilter(claims="only"))) == ["e09"]
    assert ids(list_events(con, EventFilter(cameo="19"))) == ["e05", "e09", "e24"]
    assert ids(list_events(con, EventFilter(quad=4, claims="exclude"))) == ["e05", "e24"]
    assert ids(list_events(con, EventFilter(modality="possible"))) == ["e22"]
    assert ids(list_events(con, EventFilter(outlet="Azertac"))) == ["e08", "e09"]
    assert ids(list_events(con, EventFilter(actor="ARM", other="RUS", directed=True, polarity="conflict"))) == ["e17"]
    assert list_events(con, EventFilter(start="2024-01-01"))["total"] == 3


def test_paging_order_and_outlets(con):
    page = list_events(con, EventFilter(actor="ARM"), limit=2, offset=0, order="-date")
    assert page["total"] == 24
    assert ids(page) == ["e20", "e21"]
    e05 = list_events(con, EventFilter(cameo="190", claims="exclude"))["rows"][0]
    assert e05["outlets"] == ["Armenpress", "Reuters"]


def test_event_and_its_reports(con):
    assert get_event(con, "missing") is None
    ev = get_event(con, "e05")
    assert (ev["mentions"], ev["sources"]) == (4, 2)
    ms = event_mentions(con, "e05")
    assert [(m["outlet"], m["sent_index"], m["trigger_text"]) for m in ms] == [
        ("Armenpress", 0, "attacked"), ("Armenpress", 1, "killed"), ("Reuters", 0, "shelled"), ("Reuters", 1, "killed")]


def test_network_edges(con):
    net = network(con)
    edges = {(e["a"], e["b"]): e for e in net["edges"]}
    assert net["total_edges"] == 6
    assert edges[("ARM", "RUS")]["events"] == 8
    assert edges[("ARM", "CSTO")]["negated"] == 1
    assert edges[("ARM", "AZE")]["claims"] == 1
    assert edges[("ARM", "AZE")]["net_coop"] == -1.0
    assert net["nodes"][0]["id"] == "ARM"
    sept = network(con, EventFilter(start="2022-09-01", end="2022-09-30"), max_edges=2)
    assert [(e["a"], e["b"]) for e in sept["edges"]] == [("ARM", "CSTO"), ("ARM", "AZE")]
    assert sept["total_edges"] == 4


@pytest.mark.parametrize("order", ["date", "-date"])
def test_keyset_pages_walk_the_same_list_both_ways(con, order):
    flt = EventFilter(actor="ARM")
    everything = ids(list_events(con, flt, limit=100, order=order))
    pages, page = [], {"next": None}
    while True:
        page = list_events(con, flt, limit=5, order=order, after=page["next"])
        pages.append(ids(page))
        assert page["total"] == 24
        if not page["next"]:
            break
    assert [e for p in pages for e in p] == everything
    assert [len(p) for p in pages] == [5, 5, 5, 5, 4]
    # and back from the last page
    back, cursor = [pages[-1]], page["prev"]
    while cursor:
        page = list_events(con, flt, limit=5, order=order, before=cursor)
        back.insert(0, ids(page))
        cursor = page["prev"]
    assert back == pages
    # the offset of the third page gives the same rows
    assert ids(list_events(con, flt, limit=5, offset=10, order=order)) == pages[2]


def test_count_is_capped_only_when_asked(con):
    page = list_events(con, limit=3, count_limit=10)
    assert (page["total"], page["total_more_than"]) == (None, 10)
    page = list_events(con, EventFilter(actor="CSTO"), limit=3, count_limit=10)
    assert (page["total"], page["total_more_than"]) == (7, None)
    small = list_events(con, EventFilter(outlet="Azertac"), limit=3, count_limit=1)
    assert (small["total"], small["next"], small["prev"]) == (2, None, None)  # all on the page: exact


def test_bad_cursor_is_a_filter_error(con):
    with pytest.raises(FilterError):
        list_events(con, after="yesterday")
    with pytest.raises(FilterError):
        list_events(con, after="2022-13-01~e05")
