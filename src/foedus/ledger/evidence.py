"""Coded event mentions as the ledger reads them, with their documents.

Why one reader: invocations, triggers, responses and breaches all look at the
same sentence-level mentions; reading them once (joined with the outlet and
title of their document) keeps every verdict traceable to the sentences and
outlets behind it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

import duckdb


@dataclass(frozen=True)
class Mention:
    """One coded event in one sentence of one document."""

    mention_id: str
    event_id: str | None
    doc_id: str
    sent_index: int
    sent_start: int
    sent_end: int
    sentence: str
    date: date | None
    source_code: str | None
    source_country: str | None
    source_org: str | None
    target_code: str | None
    target_country: str | None
    target_org: str | None
    cameo: str
    root: str
    negated: bool
    modality: str
    trigger_start: int
    trigger_end: int
    trigger_text: str
    location_name: str | None
    location_country: str | None
    outlet: str | None
    url: str | None
    title: str | None
    # day | week | month | year | document (the sentence carried no date of its
    # own: the event happened on or before the document's publication date)
    date_precision: str = "day"
    # The earliest copy of a reprinted story, and its outlet: a reprint is
    # evidence of what an outlet printed, not a second report.
    canonical_doc: str | None = None
    canonical_outlet: str | None = None
    published: date | None = None

    @property
    def event_key(self) -> str:
        """The merged event, or the mention itself when it was never merged."""
        return self.event_id or self.mention_id

    def evidence(self) -> dict[str, Any]:
        """The public evidence object: the sentence and where to find it."""
        return {
            "mention_id": self.mention_id,
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "sentence": self.sentence,
            "sent_start": self.sent_start,
            "sent_end": self.sent_end,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "date_precision": self.date_precision,
            "published": self.published.isoformat() if self.published else None,
            "cameo": self.cameo,
            "negated": self.negated,
        }


_COLUMNS = (
    "m.mention_id, m.event_id, m.doc_id, m.sent_index, m.sent_start, m.sent_end, m.sentence, m.date, "
    "m.source_code, m.source_country, m.source_org, m.target_code, m.target_country, m.target_org, "
    "m.cameo, m.root, m.negated, m.modality, m.trigger_start, m.trigger_end, m.trigger_text, "
    "m.location_name, m.location_country, d.outlet, d.url, d.title, m.date_precision, "
    "coalesce(d.near_dup_of, d.doc_id), coalesce(cd.outlet, d.outlet), d.published"
)


def _country(code: str | None, country: str | None) -> str | None:
    if country:
        return country
    if code and len(code) >= 3 and code[:3].isalpha() and not code.startswith("IGO"):
        return code[:3]
    return None


def _org(code: str | None, org: str | None) -> str | None:
    if org:
        return org
    if code and code.startswith("IGO") and len(code) > 3:
        return code[3:]
    return None


def load_mentions(con: duckdb.DuckDBPyConnection, roots: Iterable[str] | None = None) -> list[Mention]:
    """Mentions (optionally only those whose CAMEO root is in ``roots``), oldest first."""
    sql = (
        f"SELECT {_COLUMNS} FROM event_mentions m LEFT JOIN documents d ON d.doc_id = m.doc_id"
        " LEFT JOIN documents cd ON cd.doc_id = d.near_dup_of"
    )
    params: list[Any] = []
    roots = list(roots) if roots is not None else None
    if roots:
        sql += " WHERE m.root IN (" + ",".join("?" for _ in roots) + ")"
        params = roots
    sql += " ORDER BY m.date NULLS LAST, m.doc_id, m.sent_index, m.mention_id"
    out = []
    for r in con.execute(sql, params).fetchall():
        (mid, eid, doc, si, ss, se, sent, dt, sc, sco, so, tc, tco, to, cameo, root, neg, mod, ts, te, tt,
         ln, lc, outlet, url, title, precision, canonical_doc, canonical_outlet, published) = r
        out.append(
            Mention(
                mention_id=mid, event_id=eid, doc_id=doc, sent_index=si, sent_start=ss, sent_end=se,
                sentence=sent, date=dt, source_code=sc, source_country=_country(sc, sco),
                source_org=_org(sc, so), target_code=tc, target_country=_country(tc, tco),
                target_org=_org(tc, to), cameo=cameo, root=root, negated=bool(neg), modality=mod,
                trigger_start=ts, trigger_end=te, trigger_text=tt, location_name=ln,
                location_country=lc, outlet=outlet, url=url, title=title, date_precision=precision or "day",
                canonical_doc=canonical_doc, canonical_outlet=canonical_outlet,
                published=published.date() if hasattr(published, "date") and not isinstance(published, date) else published,
            )
        )
    return out


def latest_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest date the record speaks for: why "pending" is judged against
    the news on file, not the wall clock (a re-run on an old archive must give
    the same verdicts)."""
    row = con.execute(
        "SELECT greatest(coalesce((SELECT max(published) FROM documents), DATE '0001-01-01'),"
        " coalesce((SELECT max(date) FROM event_mentions), DATE '0001-01-01'))"
    ).fetchone()
    value = row[0] if row else None
    if value is None or value.year == 1:
        return None
    return value


def latest_about(mentions: Iterable[Mention], actor: str) -> date | None:
    """The newest date of the record's news about one actor (a report with an
    event done by it or to it). Why per actor: a corpus about many stories
    has news of 2025 that says nothing about whether a promise of 2015 was
    kept; a window still open at the end of that story's news is pending."""
    dates = [d for m in mentions if actor in (m.source_country, m.target_country)
             for d in (m.date, m.published) if d is not None]
    return max(dates) if dates else None


def tally(mentions: Iterable[Mention]) -> tuple[int, int, int]:
    """(reports, distinct outlets, distinct events) behind a set of mentions.

    A report is a document: two sentences of one article are one report, and
    a near-duplicate copy of a story counts with its original (once, under the
    original's outlet): a reprint is not corroboration.
    """
    ms = list(mentions)
    docs = {m.canonical_doc or m.doc_id for m in ms}
    outlets = {m.canonical_outlet or m.outlet or m.canonical_doc or m.doc_id for m in ms}
    events = {m.event_key for m in ms}
    return len(docs), len(outlets), len(events)


def most_common(values: Iterable[str | None]) -> str | None:
    c = Counter(v for v in values if v)
    return c.most_common(1)[0][0] if c else None
