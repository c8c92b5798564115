"""Bad input gets a one-line reason naming the file; the batch goes on; nothing stored is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.jobs.ingest import ingest
from foedus.settings import Settings
from foedus.store.db import connect

pytestmark = pytest.mark.slow

GOOD = (
    "Foreign ministers from the two neighbouring republics met in Vienna on Monday for a second round of talks on "
    "the demarcation of their border. Officials on both sides said the meeting was constructive and that experts "
    "would meet again next month to compare maps. The mediators from the regional security organisation welcomed "
    "the progress and urged both governments to refrain from statements that could inflame tensions."
)
SECOND = (
    "Parliament in the capital approved a new budget on Thursday that raises defence spending by a fifth. The "
    "finance minister told lawmakers that the increase would pay for air defence systems and for housing for "
    "officers, while opposition deputies said the money should go to schools and roads in the border regions. "
    "The vote passed with a comfortable majority after a debate that lasted more than nine hours."
)
THIRD = (
    "Flooding in the river valley forced hundreds of families from their homes over the weekend, the emergency "
    "ministry said on Sunday. Rescue teams used boats to reach villages cut off by the water, and the government "
    "promised compensation for damaged houses and lost harvests. Neighbouring states offered helicopters and "
    "pumps, and the regional development bank said it would consider an emergency loan for repairs."
)
FRENCH = (
    "Les ministres des affaires étrangères des deux pays se sont rencontrés lundi à Vienne pour un deuxième cycle "
    "de négociations sur la délimitation de leur frontière. Les responsables des deux côtés ont déclaré que la "
    "réunion avait été constructive et que des experts se réuniraient de nouveau le mois prochain."
)


def _bad_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB of text
        chunk = (GOOD + "\n\n").encode("utf-8")
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    (folder / "latin1.txt").write_bytes(("Caf\u00e9 " + GOOD).encode("latin-1"))
    (folder / "broken.html").write_text(
        "<html><body><div><p>" + THIRD.replace("families", "<b>families") + "<p>unclosed <i>tags <div></body>", encoding="utf-8"
    )
    (folder / "nested.html").write_text("<div>" * 10_000 + GOOD + "</div>" * 10_000, encoding="utf-8")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "tiny.html").write_text("<html><body><nav>Home | World | Sport</nav></body></html>", encoding="utf-8")


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    first = ingest([good], Settings(db_path=db))
    assert first.stored == 1

    bad = tmp_path / "batch"
    _bad_batch(bad)
    report = ingest([bad], Settings(db_path=db))
    reasons = {Path(p).name: r for p, r in report.rejected}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary content")
    assert reasons["huge.txt"].startswith("too large")
    assert "latin1.txt" not in reasons  # a legacy encoding is detected, decoded and recorded
    assert "nested" in reasons["nested.html"]
    assert reasons["french.txt"].startswith("not English")
    assert "tiny.html" in reasons
    # Every reason is one line.
    assert all("\n" not in r for r in reasons.values())
    # The malformed but real page, the plain article and the Latin-1 one are stored; the earlier document is kept.
    assert report.stored == 3
    con = connect(db, read_only=True)
    try:
        paths = {Path(p).name for (p,) in con.execute("SELECT path FROM documents").fetchall()}
        assert paths == {"good.txt", "second.txt", "broken.html", "latin1.txt"}
        text, meta = con.execute("SELECT text, meta FROM documents WHERE path LIKE '%latin1.txt'").fetchone()
        assert text.startswith("Café ") and '"encoding_from": "detected"' in meta
        logged = {Path(p).name for (p,) in con.execute("SELECT path FROM rejections").fetchall()}
        assert {"empty.txt", "binary.txt", "huge.txt", "nested.html", "french.txt"} <= logged
    finally:
        con.close()
