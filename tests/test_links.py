"""Near-duplicate links for a batch in one set-based step give the links the
per-document step gave: same groups, same canonical copies, same scores."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from foedus.ingest.dedupe import jaccard, lsh_buckets, shingles, sketch, text_hash
from foedus.jobs import links as links_module
from foedus.jobs.links import link_batch
from foedus.store import write as store_write
from foedus.store.db import connect

STORIES = [
    "Heavy shelling was reported overnight along the eastern section of the border. The defence ministry said "
    "three positions came under fire from mortars and drones shortly after midnight, and that its units returned "
    "fire. Officials in the capital called on the guarantors of the ceasefire to respond, while the other side "
    "said it had only answered an earlier attack. Residents of two villages spent the night in basements.",
    "The foreign ministers of both countries met in a neutral capital on Tuesday for talks on a peace treaty. "
    "According to a joint statement, they agreed to continue work on the delimitation of the border and to "
    "exchange detainees before the end of the month. Neither side commented on the status of the transit route, "
    "which remains the main point of disagreement between the delegations.",
    "The central bank raised its key rate by half a point on Wednesday, citing inflation that has stayed above "
    "target for a year. Analysts had expected a smaller move, and the currency strengthened after the decision. "
    "The governor said further increases could not be ruled out if food prices kept rising through the winter.",
    "Thousands of protesters gathered outside parliament on Saturday to demand the resignation of the prime "
    "minister over the handling of the border crisis. Police said the rally was peaceful; organisers promised "
    "to return every evening until their demands are met and called on students to join a strike on Monday.",
]
EDITS = [("overnight", "late on Sunday"), ("Tuesday", "Wednesday"), ("half a point", "a full point"),
         ("Thousands of", "Several thousand"), ("two villages", "three villages"), ("peaceful", "calm")]


def _corpus(seed: int) -> list[dict[str, Any]]:
    """Stories, edited copies of them (some published before the story they copy), and two parts of one
    long document that share most of their words."""
    rnd = random.Random(seed)
    docs: list[dict[str, Any]] = []
    for i in range(30):
        base = rnd.choice(STORIES) if rnd.random() < 0.7 else f"Story number {i} is about something else. " * 3
        text = base
        for old, new in rnd.sample(EDITS, rnd.randint(0, 3)):
            text = text.replace(old, new)
        if rnd.random() < 0.5:
            text += f" Copy {i} adds a closing line of its own about the weather in the region."
        published = date(2022, 9, 1 + rnd.randint(0, 20)) if rnd.random() < 0.9 else None
        docs.append({"doc_id": f"d{i:03d}", "content_hash": f"c{i:03d}", "text": text, "published": published})
    part = STORIES[0] + " A second part continues the same report with more detail."
    docs.append({"doc_id": "p1", "content_hash": "long", "text": part, "published": date(2022, 9, 5)})
    docs.append({"doc_id": "p2", "content_hash": "long", "text": part + " And ends here.", "published": date(2022, 9, 5)})
    return docs


def _row(d: dict[str, Any], signature: bool = False) -> dict[str, Any]:
    """A document's row; with its MinHash signature, as an ingest stores it, or without (a store of before)."""
    return {"doc_id": d["doc_id"], "content_hash": d["content_hash"], "text_hash": text_hash(d["text"]) + d["doc_id"],
            "outlet_source": "unknown", "title_source": "unknown", "published": d["published"],
            "published_source": "given", "author_source": "unknown", "language_source": "unknown",
            "raw_text": d["text"], "text": d["text"], "n_words": len(d["text"].split()),
            "minhash": (sketch(d["text"]).signature or None) if signature else None}


def _per_document(con, doc: dict[str, Any], threshold: float) -> tuple[str, float] | None:
    """The per-document step the batched one replaced, kept here as the reference."""
    mine = shingles(doc["text"])
    parts = {d for (d,) in con.execute("SELECT doc_id FROM documents WHERE content_hash = ?", [doc["content_hash"]]).fetchall()}
    rows = con.execute(
        """SELECT DISTINCT d.doc_id, d.text, d.published FROM doc_lsh mine
           JOIN doc_lsh other ON other.band = mine.band AND other.bucket = mine.bucket AND other.doc_id <> mine.doc_id
           JOIN documents d ON d.doc_id = other.doc_id WHERE mine.doc_id = ?""", [doc["doc_id"]]).fetchall()
    matches = [(o, p, s) for o, t, p in rows if o not in parts and (s := jaccard(mine, shingles(t))) >= threshold]
    if not matches:
        return None
    group = {doc["doc_id"]: doc["published"]}
    for other_id, published, _ in matches:
        group[other_id] = published
        row = con.execute("SELECT near_dup_of FROM documents WHERE doc_id = ?", [other_id]).fetchone()
        if row and row[0]:
            pub = con.execute("SELECT published FROM documents WHERE doc_id = ?", [row[0]]).fetchone()
            group[row[0]] = pub[0] if pub else None
    canonical = min(group, key=lambda d: (group[d] is None, group[d] or 0, d))
    best = max(s for _, _, s in matches)
    con.execute("UPDATE documents SET near_dup_of = ?, near_dup_score = coalesce(near_dup_score, ?) "
                "WHERE doc_id IN (SELECT unnest(?)) AND doc_id <> ?", [canonical, best, list(group), canonical])
    con.execute("UPDATE documents SET near_dup_of = NULL, near_dup_score = NULL WHERE doc_id = ?", [canonical])
    con.execute("UPDATE documents SET near_dup_of = ? WHERE near_dup_of IN (SELECT unnest(?)) AND doc_id <> ?",
                [canonical, list(group), canonical])
    return canonical, best


def _store(docs: list[dict[str, Any]], batch: int, batched: bool, signatures: bool = False
           ) -> tuple[list[tuple], dict[str, tuple[str, float]]]:
    con = connect(":memory:")
    links: dict[str, tuple[str, float]] = {}
    for start in range(0, len(docs), batch):
        chunk = docs[start:start + batch]

        def link() -> None:
            if batched:
                links.update(link_batch(con, [(d["doc_id"], d["text"], d["published"]) for d in chunk], 0.5))
            else:
                for d in chunk:
                    found = _per_document(con, d, 0.5)
                    if found:
                        links[d["doc_id"]] = found

        store_write.write_documents(con, [(_row(d, signatures), {}, lsh_buckets(d["text"])) for d in chunk],
                                    before_commit=link)
    state = con.execute("SELECT doc_id, near_dup_of, near_dup_score FROM documents ORDER BY doc_id").fetchall()
    con.close()
    return state, links


def test_batched_links_equal_per_document_links() -> None:
    for seed in (1, 2, 3):
        docs = _corpus(seed)
        for batch in (1, 4, 32):
            before = _store(docs, batch, batched=False)
            after = _store(docs, batch, batched=True)
            assert after == before
            # judged first by stored signatures: the same links, the same scores
            assert _store(docs, batch, batched=True, signatures=True) == before
            state, _ = after
            assert any(row[1] for row in state)  # the corpus has near-duplicates to link


def test_parts_of_one_document_are_not_linked_to_each_other() -> None:
    docs = [d for d in _corpus(1) if d["content_hash"] == "long"]
    state, links = _store(docs, 4, batched=True)
    assert jaccard(shingles(docs[0]["text"]), shingles(docs[1]["text"])) > 0.5
    assert links == {} and all(row[1] is None for row in state)


def test_a_batch_without_candidates_asks_nothing_more() -> None:
    con = connect(":memory:")
    assert link_batch(con, [], 0.5) == {}
    assert link_batch(con, [("nothing", "stored under this id", None)], 0.5) == {}
    con.close()


def test_a_candidate_its_signatures_rule_out_is_never_read(monkeypatch) -> None:
    """Two unrelated stories made to share an LSH bucket (a collision): with their signatures stored the pair
    is judged from them and no text is shingled; stored without (a document of an older store), it is verified
    word by word as before. Neither is linked."""
    shingled: list[int] = []
    real = links_module.shingle_hashes
    monkeypatch.setattr(links_module, "shingle_hashes", lambda text: shingled.append(1) or real(text))
    bank = {"doc_id": "bank", "content_hash": "c1", "text": STORIES[2], "published": date(2022, 9, 1)}
    rally = {"doc_id": "rally", "content_hash": "c2", "text": STORIES[3], "published": date(2022, 9, 2)}
    for signatures, expected_shingled in ((True, 0), (False, 2)):
        shingled.clear()
        con = connect(":memory:")
        store_write.write_documents(con, [(_row(bank, signatures), {}, lsh_buckets(bank["text"]))])
        store_write.write_documents(con, [(_row(rally, signatures), {}, lsh_buckets(rally["text"]))])
        con.execute("INSERT INTO doc_lsh SELECT 'rally', band, bucket FROM doc_lsh WHERE doc_id = 'bank' AND band = 0")
        assert link_batch(con, [("rally", rally["text"], rally["published"])], 0.5) == {}
        assert len(shingled) == expected_shingled
        con.close()


def test_a_document_stored_without_a_signature_gets_it_when_first_read(monkeypatch) -> None:
    """A store kept from before signatures: its document is verified word by word the first time it is a
    candidate, and is given its signature then (the one an ingest would have stored), so the next collision
    with it is judged from the signatures without reading it again."""
    shingled: list[int] = []
    real = links_module.shingle_hashes
    monkeypatch.setattr(links_module, "shingle_hashes", lambda text: shingled.append(1) or real(text))
    old = {"doc_id": "old", "content_hash": "c0", "text": STORIES[2], "published": date(2022, 9, 1)}
    new = [{"doc_id": f"new{i}", "content_hash": f"c{i}", "text": STORIES[i], "published": date(2022, 9, 2)}
           for i in (1, 3)]
    con = connect(":memory:")
    store_write.write_documents(con, [(_row(old, signature=False), {}, lsh_buckets(old["text"]))])
    stored = lambda: con.execute("SELECT minhash FROM documents WHERE doc_id = 'old'").fetchone()[0]  # noqa: E731
    assert stored() is None
    for n, doc in enumerate(new):
        store_write.write_documents(con, [(_row(doc, signature=True), {}, lsh_buckets(doc["text"]))])
        con.execute(f"INSERT INTO doc_lsh SELECT '{doc['doc_id']}', band, bucket FROM doc_lsh WHERE doc_id = 'old' AND band = 0")
        shingled.clear()
        assert link_batch(con, [(doc["doc_id"], doc["text"], doc["published"])], 0.5) == {}
        assert len(shingled) == (2 if n == 0 else 0)
        assert bytes(stored()) == sketch(old["text"]).signature
    con.close()
