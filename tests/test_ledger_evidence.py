"""Counting reports behind a verdict: a reprinted wire story is not corroboration."""

from foedus.ledger.evidence import load_mentions, tally


def test_near_duplicate_copies_count_once_under_the_original(small_store) -> None:
    attack = [m for m in load_mentions(small_store, roots=["19"]) if m.source_code == "AZEMIL"]
    assert len(attack) == 3  # d1, d2 and d3 (a copy of d1 printed by another outlet)
    reports, outlets, _ = tally(attack)
    assert (reports, outlets) == (2, 2)
    copy = next(m for m in attack if m.doc_id == "d3")
    assert (copy.canonical_doc, copy.canonical_outlet, copy.outlet) == ("d1", "Wire One", "Paper Three")
