"""Figures outlets give for the same day and pair, compared."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.conftest_helpers import con, web_db_path  # noqa: E402,F401

from foedus.analysis.corroborate import corroborate, extract_figures  # noqa: E402
from foedus.analysis.filters import EventFilter  # noqa: E402


def test_extract_casualties_distances_areas():
    f = extract_figures("Shelling killed at least 200 troops and wounded 1,200 Armenian civilians.")
    assert [(x.kind, x.outcome, x.value, x.qualifier, x.about) for x in f] == [
        ("personnel", "killed", 200.0, "at least", None), ("civilians", "wounded", 1200.0, None, "Armenian")]
    f = extract_figures("Forces advanced 5 miles and seized about 40 square kilometres on 13 September 2022.")
    # dates are not figures: a sentence names many days
    assert [(x.kind, x.value, x.unit) for x in f] == [("distance", 8.047, "km"), ("area", 40.0, "km2")]
    assert extract_figures("Article 4 of the treaty") == []


def test_number_words_and_several_modifiers_are_figures():
    f = extract_figures("The ministry said roughly twelve thousand North Korean soldiers had reached the front.")
    assert [(x.kind, x.value, x.qualifier, x.about) for x in f] == [("personnel", 12000.0, "roughly", "North Korean")]
    f = extract_figures("A hundred and twenty civilians fled while one hundred and five soldiers were wounded.")
    assert [(x.kind, x.value, x.outcome) for x in f] == [("civilians", 120.0, "displaced"),
                                                         ("personnel", 105.0, "wounded")]
    # "one of the two": the count is two; vague plurals and years are not figures
    assert [x.value for x in extract_figures("One of the two soldiers was wounded.")] == [2.0]
    assert extract_figures("Hundreds of troops and several thousand soldiers moved in 2024.") == []
    assert extract_figures("In 2023 troops withdrew.") == []


def test_outlets_differ_on_the_dead_and_agree_on_the_mission(con):
    groups = corroborate(con)
    assert [(g["date"], g["a"], g["b"]) for g in groups] == [
        (date(2022, 9, 20), "ARM", "CSTO"), (date(2022, 9, 13), "ARM", "AZE")]
    mission, attack = groups
    assert [(c["kind"], c["status"], c["outlets"]) for c in mission["claims"]] == [
        ("personnel", "agree", ["Reuters", "TASS"])]
    claims = {(c["kind"], c["outcome"]): c for c in attack["claims"]}
    # 105 Armenian and 50 Azerbaijani dead are two figures, not one disputed;
    # with two named sides, Reuters' unnamed 49 cannot be put with either.
    assert ("personnel", "killed") not in claims
    dist = claims[("distance", None)]
    assert [(r["outlet"], r["value"]) for r in dist["reports"]] == [("Armenpress", 7.0), ("Reuters", 10.0)]
    assert attack["event_ids"] == ["e05", "e09", "e24"]
    # each report points back to its sentence
    rep = dist["reports"][0]
    assert rep["sentence"][rep["start"]:rep["end"]] == "7 km"


def test_min_outlets_and_filters(con):
    assert corroborate(con, EventFilter(actor="CSTO")) [0]["a"] == "ARM"
    assert corroborate(con, EventFilter(outlet="TASS"), min_outlets=3) == []
    # no single figure (same kind, outcome and side) is given by three outlets
    assert corroborate(con, min_outlets=3) == []
    assert len(corroborate(con, min_outlets=2)) == 2


# ---------------------------------------------------------------- pages of groups

def _figures_store():
    """Seven days of border clashes, each told by two outlets with a casualty count, merged as an ingest would."""
    from datetime import timedelta

    from conftest import document, mention

    from foedus.coding.merge import merge_events
    from foedus.store.db import connect
    from foedus.store.write import insert_rows

    con = connect(":memory:")
    start = date(2024, 3, 1)
    for day in range(7):
        when = start + timedelta(days=5 * day)
        for k, outlet in enumerate(("Lakeside Courier", "Northern Bulletin")):
            doc_id = f"c{day}{k}"
            text = f"Guards of one side shot at the other's post and {3 + day + k} soldiers were wounded."
            insert_rows(con, "documents", [document(doc_id, outlet, when + timedelta(days=k), text)])
            # the second outlet's report is dated by its publication, a day or two later
            insert_rows(con, "event_mentions", [mention(
                doc_id, 0, text, when + timedelta(days=k * 2), "MLIMIL", "NERMIL", "190",
                date_precision="day" if k == 0 else "document", outlet=outlet)])
    merge_events(con)
    return con


def test_figure_groups_come_in_pages_newest_first_none_twice():
    from foedus.analysis.corroborate import figure_groups

    con = _figures_store()
    try:
        whole = corroborate(con)
        assert [g["date"].day for g in whole] == [31, 26, 21, 16, 11, 6, 1]
        # each group holds both outlets' reports, the later-dated one too
        assert all(g["claims"][0]["outlets"] == ["Lakeside Courier", "Northern Bulletin"] for g in whole)
        assert [r["value"] for r in whole[0]["claims"][0]["reports"]] == [9.0, 10.0]
        pages = [figure_groups(con, max_groups=3, offset=o) for o in (0, 3, 6, 9)]
        assert [(len(groups), more) for groups, more in pages] == [(3, True), (3, True), (1, False), (0, False)]
        assert [g["date"] for groups, _ in pages for g in groups] == [g["date"] for g in whole]
    finally:
        con.close()
