"""Pledges: commitments made in the news, kept as ledger entries.

From coded mentions of intent (03x) and formal agreements (057) the sentence
yields a pledge: who promised, what, of which kind, and by when ("agreed to
grow trade to $100 billion by 2030"). Stored in the ``pledges`` table keyed by
a hash of the mention, so re-running adds nothing twice.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any, Iterable

import duckdb

from foedus.ledger.deadlines import parse_deadline
from foedus.ledger.evidence import Mention, latest_date, load_mentions
from foedus.ledger.text import mentions_any

PLEDGE_ROOTS = ("03", "05")
_KIND_WORDS = (
    ("declaration", "declaration"), ("memorandum", "memorandum"), ("roadmap", "roadmap"),
    ("treaty", "treaty"), ("statement", "statement"), ("agreement", "agreement"), ("deal", "agreement"),
)


def pledge_id(m: Mention) -> str:
    return hashlib.sha256(f"{m.doc_id}:{m.sent_index}:{m.cameo}:{m.trigger_start}".encode()).hexdigest()[:16]


def pledge_kind(m: Mention) -> str:
    for word, kind in _KIND_WORDS:
        if mentions_any(m.sentence, (word,)):
            return kind
    return "agreement" if m.cameo.startswith("057") else "promise"


def pledge_content(m: Mention) -> str:
    """The sentence from the pledge's verb on, without the final stop."""
    start = max(0, m.trigger_start - m.sent_start)
    text = m.sentence[start:] if start < len(m.sentence) else m.sentence
    return text.strip().rstrip(".").strip() or m.sentence.strip()


def sentence_actors(con: duckdb.DuckDBPyConnection, sentences: Iterable[tuple[str, int, int]]) -> dict[tuple[str, int, int], list[str]]:
    """The resolved actor codes named in each ``(doc_id, sent_start, sent_end)``, in reading order: one join for
    all the sentences, not a lookup per sentence (the mentions table has no index by document: a writer would
    hold it in memory)."""
    wanted = sorted(set(sentences))
    if not wanted:
        return {}
    rows = con.execute(
        """
        WITH s AS (SELECT unnest(?) AS doc_id, unnest(?) AS sent_start, unnest(?) AS sent_end)
        SELECT s.doc_id, s.sent_start, s.sent_end, list(a.code ORDER BY a.start_char, a.end_char, a.code)
        FROM s JOIN actor_mentions a
          ON a.doc_id = s.doc_id AND a.start_char >= s.sent_start AND a.end_char <= s.sent_end AND a.code IS NOT NULL
        GROUP BY ALL
        """,
        [[w[0] for w in wanted], [w[1] for w in wanted], [w[2] for w in wanted]],
    ).fetchall()
    return {(d, a, b): list(codes) for d, a, b, codes in rows}


def _parties(m: Mention, named: dict[tuple[str, int, int], list[str]]) -> list[str]:
    """The pledge's source and target, then every other actor its sentence names."""
    codes = [c for c in (m.source_code, m.target_code) if c]
    for c in named.get((m.doc_id, m.sent_start, m.sent_end), []):
        if c not in codes:
            codes.append(c)
    return codes


def is_pledge(m: Mention) -> bool:
    if m.negated or m.modality in ("hypothetical",):
        return False
    return m.cameo.startswith("03") or m.cameo.startswith("057")


def extract_pledges(con: duckdb.DuckDBPyConnection, extra_treaty_files: Iterable[str] = ()) -> int:
    """Find pledges in the stored mentions and store them; returns how many
    pledges the record holds after the run (idempotent)."""
    from foedus.ledger.acts import names_treaty, treaty_of_act
    from foedus.ledger.treaties import load_registry

    registry = load_registry(tuple(str(p) for p in extra_treaty_files))
    pledges: list[Mention] = []
    acts = []
    for m in load_mentions(con, roots=PLEDGE_ROOTS):
        if not is_pledge(m):
            continue
        if treaty_of_act(m, registry) is not None or (m.cameo.startswith("057") and names_treaty(m, registry)):
            # part of a registered treaty's signing or ratification, or a reference to it: the
            # treaty's record (`foedus ledger acts`), not a loose pledge
            acts.append(pledge_id(m))
            continue
        pledges.append(m)
    named = sentence_actors(con, [(m.doc_id, m.sent_start, m.sent_end) for m in pledges])
    rows = []
    for m in pledges:
        deadline, _ = parse_deadline(m.sentence, m.date)
        rows.append([
            pledge_id(m), m.doc_id, m.sent_index, m.sentence, m.date, json.dumps(_parties(m, named)),
            pledge_kind(m), pledge_content(m), deadline, m.event_id,
        ])
    if acts:
        con.execute("DELETE FROM pledges WHERE pledge_id IN (" + ",".join("?" for _ in acts) + ")", acts)
    if rows:
        con.executemany(
            "INSERT OR REPLACE INTO pledges (pledge_id, doc_id, sent_index, sentence, date, parties, kind, content, deadline, event_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return int(con.execute("SELECT count(*) FROM pledges").fetchone()[0])


def list_pledges(con: duckdb.DuckDBPyConnection, *, as_of: date | None = None) -> list[dict[str, Any]]:
    """Stored pledges with their status against ``as_of`` (default: the newest
    date on record): open (no deadline), due, or past deadline."""
    as_of = as_of or latest_date(con)
    out = []
    for pid, doc, si, sent, d, parties, kind, content, deadline, eid in con.execute(
        "SELECT pledge_id, doc_id, sent_index, sentence, date, parties, kind, content, deadline, event_id FROM pledges ORDER BY date, pledge_id"
    ).fetchall():
        if deadline is None:
            status = "open"
        elif as_of is not None and as_of > deadline:
            status = "past deadline"
        else:
            status = "due"
        out.append({
            "pledge_id": pid, "doc_id": doc, "sent_index": si, "sentence": sent,
            "date": d.isoformat() if d else None, "parties": json.loads(parties) if isinstance(parties, str) else parties,
            "kind": kind, "content": content, "deadline": deadline.isoformat() if deadline else None,
            "event_id": eid, "status": status,
        })
    return out
