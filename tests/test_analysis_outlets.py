"""Each outlet's quotes, accusations and tone, on the fixture."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fixtures.web.conftest_helpers import con, web_db_path  # noqa: E402,F401

from foedus.analysis.outlets import outlet_accusations, outlet_quotes, outlet_summary, outlet_tone  # noqa: E402


def test_summary(con):
    rows = {r["outlet"]: r for r in outlet_summary(con)}
    assert (rows["Armenpress"]["documents"], rows["Armenpress"]["mentions"], rows["Armenpress"]["events"]) == (4, 12, 11)
    assert (rows["Azertac"]["documents"], rows["Azertac"]["mentions"], rows["Azertac"]["events"]) == (1, 3, 2)


def test_quotes_by_speaker(con):
    assert [(r["outlet"], r["speaker"], r["quotes"]) for r in outlet_quotes(con)] == [
        ("Armenpress", "ARM", 1), ("Azertac", "AZE", 2), ("Reuters", "ARM", 1), ("TASS", "RUS", 1)]
    assert [r["speaker"] for r in outlet_quotes(con, "TASS")] == ["RUS"]


def test_accusations(con):
    rows = [(r["outlet"], r["accuser"], r["accused"], r["disapprove"], r["reject"]) for r in outlet_accusations(con)]
    assert rows == [
        ("Armenpress", "ARM", "CSTO", 0, 1), ("Armenpress", "ARM", "RUS", 1, 0),
        ("Azertac", "AZE", "ARM", 1, 0),
        ("Reuters", "ARM", "CSTO", 1, 0), ("Reuters", "RUS", "ARM", 1, 0),
    ]


def test_tone_toward_each_side(con):
    tone = {(r["outlet"], r["target"]): r for r in outlet_tone(con)}
    # Azertac reports only Armenian attacks on Azerbaijan and its accusation of Armenia
    assert tone[("Azertac", "AZE")]["goldstein_mean"] == pytest.approx(-10.0)
    assert tone[("Azertac", "ARM")]["goldstein_mean"] == pytest.approx(-2.0)
    # Reuters: the CSTO's non-delivery is negated and left out; the mission (1.9) stays
    reuters_arm = tone[("Reuters", "ARM")]
    assert reuters_arm["negated"] == 1
    assert reuters_arm["reports"] == 8
    assert tone[("Armenpress", "ARM")]["goldstein_mean"] == pytest.approx(-2.82)
