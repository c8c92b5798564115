"""The cheaper ways through cleaning, language, metadata and the store give what the slower ones gave."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date
from pathlib import Path

from foedus.ingest.clean import _SPACES, _normalise, clean_text
from foedus.ingest.language import PREFIX_CHARS, detect_language
from foedus.ingest.meta import infer_metadata
from foedus.store.db import connect
from foedus.store.write import insert_rows

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cleaning"
TODAY = date(2025, 6, 1)


def test_spaces_are_exactly_the_unicode_space_separators_and_the_tab() -> None:
    zs = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"} | {"\t"}
    found = {chr(c) for c in range(sys.maxunicode + 1) if _SPACES.fullmatch(chr(c))}
    assert found == zs
    assert _normalise("a\u00a0\u2003b\tc  d\u3000") == "a b c d"


def test_language_is_read_from_a_bounded_prefix() -> None:
    english = "The ministers met in the capital on Tuesday and agreed to continue the talks. " * 200
    assert len(english) > PREFIX_CHARS
    assert detect_language(english) == detect_language(english[:PREFIX_CHARS])
    assert detect_language(english)[0] == "en"
    assert detect_language("1234 5678 !!!") == (None, 0.0)


def test_metadata_with_a_known_language_and_a_given_date_infers_the_rest_alike() -> None:
    raw = (FIXTURES / "harbour_talks.txt").read_text(encoding="utf-8")
    clean = clean_text(raw)
    full = infer_metadata(clean, raw, "harbour_talks.txt", None, today=TODAY)
    quick = infer_metadata(clean, raw, "harbour_talks.txt", None, today=TODAY,
                           language=detect_language(clean.text), published_given=True)
    assert quick["published"] == (None, "unknown")
    assert {k: v for k, v in quick.items() if k != "published"} == {k: v for k, v in full.items() if k != "published"}


def test_rows_go_in_column_by_column_with_missing_keys_as_null() -> None:
    con = connect(":memory:")
    rows = [{"doc_id": "a", "tok_index": 0, "start_char": 0, "end_char": 3, "sent_index": 0, "lemma": "the"},
            {"doc_id": "a", "tok_index": 1, "start_char": 4, "end_char": 9, "sent_index": 0, "pos": "NOUN"}]
    assert insert_rows(con, "tokens", rows) == 2
    got = con.execute("SELECT tok_index, pos, lemma FROM tokens ORDER BY tok_index").fetchall()
    con.close()
    assert got == [(0, None, "the"), (1, "NOUN", None)]
