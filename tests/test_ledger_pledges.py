"""Pledges and their deadlines."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "ledger"))

import build  # noqa: E402

from foedus.ledger import extract_pledges, list_pledges  # noqa: E402
from foedus.ledger.deadlines import parse_deadline  # noqa: E402
from foedus.store.db import connect  # noqa: E402


@pytest.mark.parametrize(
    "text,expected",
    [
        ("agreed to grow trade to $100 billion by 2030", date(2030, 12, 31)),
        ("to withdraw troops within 30 days", date(2022, 10, 14)),
        ("to sign a treaty by the end of the year", date(2022, 12, 31)),
        ("Kalbajar is returned by 15 November 2020", date(2020, 11, 15)),
        ("handed over before December 1, 2020", date(2020, 12, 1)),
        ("a new road in the next three years", date(2025, 9, 14)),
        ("to meet again by March", date(2023, 3, 31)),
        ("agreed to keep talking", None),
    ],
)
def test_deadlines(text, expected):
    assert parse_deadline(text, date(2022, 9, 14))[0] == expected


def test_pledges_extracted_idempotently_with_deadline():
    con = connect(":memory:")
    build.load(con, "reference_case.yaml")
    assert extract_pledges(con) == 2
    assert extract_pledges(con) == 2  # a second run adds nothing
    rows = {r["kind"]: r for r in list_pledges(con)}
    border = rows["promise"]
    assert border["deadline"] == "2022-11-27"
    assert border["content"].startswith("agreed to take steps to stabilise the border")
    assert set(border["parties"]) >= {"ARMGOV", "AZEGOV"}
    assert border["status"] == "past deadline"  # the record runs to June 2023
    assert rows["declaration"]["deadline"] is None and rows["declaration"]["status"] == "open"


def test_sentence_actors_reads_each_sentence_span_in_one_query():
    from foedus.ledger.pledges import sentence_actors

    con = connect(":memory:")
    con.executemany(
        "INSERT INTO actor_mentions (doc_id, start_char, end_char, text, code, how) VALUES (?, ?, ?, ?, ?, 'test')",
        [
            ("a", 0, 6, "Kenya", "KEN", ),
            ("a", 20, 26, "Uganda", "UGA"),
            ("a", 10, 15, "Tanzania", "TZA"),
            ("a", 30, 40, "a minister", None),  # unresolved: no party
            ("a", 55, 60, "Chad", "TCD"),  # the next sentence
            ("b", 0, 6, "Niger", "NER"),  # another document
        ],
    )
    found = sentence_actors(con, [("a", 0, 50), ("a", 0, 50), ("c", 0, 10)])
    assert found == {("a", 0, 50): ["KEN", "TZA", "UGA"]}  # reading order, once per sentence, nothing for "c"
    assert sentence_actors(con, []) == {}
