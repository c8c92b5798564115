"""Copies of one file in one run: analysed once, and the hashes held for it stay few whatever the run's length."""

from __future__ import annotations

from pathlib import Path

import pytest

import foedus.jobs.ingest as job
from foedus.jobs.passed_on import PassedOn
from foedus.settings import Settings
from foedus.store.db import connect

PLACES = ["Tallinn", "Vilnius", "Riga", "Warsaw", "Prague", "Vienna", "Lisbon", "Madrid", "Oslo", "Helsinki",
          "Dublin", "Athens", "Sofia", "Zagreb", "Bern", "Rome"]


def test_a_hash_is_held_until_a_look_up_begun_after_its_batch_was_handled() -> None:
    passed = PassedOn()
    passed.add("a")
    passed.add("b")
    passed.sent(["a", "b"])
    early = passed.look_up()  # a look-up that began while the batch was in flight
    passed.answered(early)
    assert "a" in passed and "b" in passed
    passed.handled()
    assert "a" in passed  # handled, but no look-up has run since: the store's answer is not yet in hand
    late = passed.look_up()
    passed.add("c")
    passed.sent(["c"])
    passed.answered(late)
    assert "a" not in passed and "b" not in passed
    assert "c" in passed and len(passed) == 1


def _story(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (f"{place}, {n + 3} March 2024. The mayor of {place} opened a bridge over the river on Tuesday, "
            f"the {n + 1}th built in the region since the floods. Engineers said {n * 7 + 12} lorries "
            f"a day would cross it. Residents of the old quarter number {n * 113 + 400}, the council said.\n")


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_copies_far_apart_in_a_long_run_are_analysed_once_and_few_hashes_are_held(tmp_path, monkeypatch, workers) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(16):
        (corpus / f"{n:02d}-story.txt").write_text(_story(n), encoding="utf-8")
    # byte-identical copies: one read next to its original, one a batch later, one many batches later
    for original, copy in ((0, "00-zcopy"), (2, "03-zcopy"), (1, "14-zcopy")):
        (corpus / f"{copy}.txt").write_text(_story(original), encoding="utf-8")

    passed_on: list[str] = []  # every item passed on to the analysis
    largest: list[int] = []  # the hashes held, after each

    class Recorded(PassedOn):
        def add(self, content_hash: str) -> None:
            super().add(content_hash)
            passed_on.append(content_hash)
            largest.append(len(self))

    monkeypatch.setattr(job, "PassedOn", Recorded)
    db = tmp_path / "copies.duckdb"
    report = job.ingest([corpus], Settings(db_path=db, batch_size=2, workers=workers))

    assert report.stored == 16
    assert sorted(Path(p).name for p, why in report.duplicates if why == "same content already stored") == [
        "00-zcopy.txt", "03-zcopy.txt", "14-zcopy.txt"]
    assert len(passed_on) == len(set(passed_on)) == 16  # each copy was known before it was analysed
    if workers == 1:  # four batches read per look-up and the batch in flight, never every hash of the run
        assert max(largest) <= 4 * 2 + 2 < 16
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT content_hash) FROM documents").fetchone() == (16, 16)
    finally:
        con.close()
