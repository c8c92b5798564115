"""Events in the GDELT 2.0 layout: the Events table (61 columns) and the
Mentions table (16 columns), tab-separated, no header, as GDELT ships them.

Why: existing GDELT tooling (readers, dashboards, R/Python packages) can
then load foedus output unchanged, and an analyst can join the two tables on
``GlobalEventID`` as with GDELT's own files. Columns GDELT fills from its
own machinery and foedus does not compute (ethnic and religion codes, tone,
ADM2 and GNS feature ids of cities) are empty; geography uses FIPS 10-4
country codes as GDELT does. Column types follow the GDELT 2.0 codebook
(:data:`EVENT_TYPES`, :data:`MENTION_TYPES`): integers and floats are
written as plain numbers, an unknown value as an empty cell, never as
``None`` or ``nan``.

GDELT has no column for "this did not happen" or "this was only claimed",
so by default only events reported as fact are written: a negated event is
never written (any row would read as the act having happened), and claimed,
future, hypothetical and threatened events only with ``include_unasserted``,
flagged in the ``Extras`` of every one of their Mentions rows
(``<EVENT_MODALITY>claimed</EVENT_MODALITY>``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from . import geo
from .cells import spreadsheet_safe

INTEGER, FLOAT, STRING = "integer", "float", "string"

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = (("Type", INTEGER), ("FullName", STRING), ("CountryCode", STRING), ("ADM1Code", STRING),
        ("ADM2Code", STRING), ("Lat", FLOAT), ("Long", FLOAT), ("FeatureID", STRING))

# Column -> type, in file order, as the GDELT 2.0 Event codebook gives them.
EVENT_TYPES: dict[str, str] = {
    "GlobalEventID": INTEGER, "Day": INTEGER, "MonthYear": INTEGER, "Year": INTEGER, "FractionDate": FLOAT,
    **{f"Actor1{c}": STRING for c in _ACTOR},
    **{f"Actor2{c}": STRING for c in _ACTOR},
    "IsRootEvent": INTEGER, "EventCode": STRING, "EventBaseCode": STRING, "EventRootCode": STRING,
    "QuadClass": INTEGER, "GoldsteinScale": FLOAT, "NumMentions": INTEGER, "NumSources": INTEGER,
    "NumArticles": INTEGER, "AvgTone": FLOAT,
    **{f"{g}_{c}": t for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c, t in _GEO},
    "DATEADDED": INTEGER, "SOURCEURL": STRING,
}
COLUMNS: tuple[str, ...] = tuple(EVENT_TYPES)

MENTION_TYPES: dict[str, str] = {
    "GlobalEventID": INTEGER, "EventTimeDate": INTEGER, "MentionTimeDate": INTEGER, "MentionType": INTEGER,
    "MentionSourceName": STRING, "MentionIdentifier": STRING, "SentenceID": INTEGER,
    "Actor1CharOffset": INTEGER, "Actor2CharOffset": INTEGER, "ActionCharOffset": INTEGER,
    "InRawText": INTEGER, "Confidence": INTEGER, "MentionDocLen": INTEGER, "MentionDocTone": FLOAT,
    "MentionDocTranslationInfo": STRING, "Extras": STRING,
}
MENTION_COLUMNS: tuple[str, ...] = tuple(MENTION_TYPES)

WEB, CITATION_ONLY = 1, 2  # MentionType values


def numeric_id(event_id: str) -> int:
    """GDELT's integer GlobalEventID for an ``ev-`` id: its 12 hex digits read as a number.

    One-to-one with the event id (48 bits, well inside a signed 64-bit
    integer), so the id stays as stable as the event id it comes from.
    """
    return int(event_id.split("-")[-1][:12], 16)


def stamp(moment: datetime | None) -> int | None:
    """A UTC time as GDELT's YYYYMMDDHHMMSS integer."""
    return int(moment.strftime("%Y%m%d%H%M%S")) if moment else None


def _first_seen(mentions: list[dict[str, Any]]) -> datetime | None:
    """When foedus first stored a report of the event (the earliest ingest, UTC): GDELT's DATEADDED."""
    seen = [m["ingested_at"] for m in mentions if m.get("ingested_at") is not None]
    return min(seen) if seen else None


def _citation(m: dict[str, Any]) -> str:
    """A textual citation for a document without a URL (GDELT's CITATIONONLY)."""
    parts = [m.get("outlet"), m.get("title"), m["published"].isoformat() if m.get("published") else None]
    return ", ".join(p for p in parts if p) or f"document {m['doc_id']}"


def _geo(location: dict[str, Any] | None) -> list[Any]:
    """The eight ``*Geo_*`` cells of one location."""
    if not location:
        return [0, None, None, None, None, None, None, None]
    level, iso3 = location.get("level"), location.get("country")
    fips = geo.fips(iso3) or None
    country = geo.country_name(iso3)
    if level == geo.COUNTRY:
        full = country or location["name"]
    else:
        full = ", ".join(p for p in (location["name"], country) if p)
    return [
        geo.gdelt_geo_type(level, iso3),
        full,
        fips,
        fips,  # ADM1Code: the country prefix (the division's own FIPS code is not known)
        None,
        location.get("lat"),
        location.get("lon"),
        fips if level == geo.COUNTRY else None,  # FeatureID: GDELT gives countries their country code
    ]


def _actor(a: dict[str, Any] | None) -> list[Any]:
    if not a:
        return [None] * 10
    types = [(a.get("role") or "")[i:i + 3] or None for i in (0, 3, 6)]
    return [a["code"], a["name"], a["country"], a["org"], None, None, None, *types]


def _date_cells(iso: str | None) -> list[Any]:
    """Day, MonthYear, Year, FractionDate (GDELT computes the fraction as day of year / 365)."""
    if not iso:
        return [None, None, None, None]
    d = date.fromisoformat(iso)
    return [int(d.strftime("%Y%m%d")), d.year * 100 + d.month, d.year,
            round(d.year + d.timetuple().tm_yday / 365.0, 4)]


def event_row(event: dict[str, Any], mentions: list[dict[str, Any]]) -> list[Any]:
    """One Events row (61 cells, ``None`` for empty)."""
    cameo = event["cameo"]
    first = mentions[0] if mentions else {}
    return [
        numeric_id(event["event_id"]),
        *_date_cells(event["date"]),
        *_actor(event["source"]),
        *_actor(event["target"]),
        1 if first and first.get("sent_index") == 0 else 0,  # IsRootEvent: the first report's lead sentence
        cameo,
        cameo[:3],
        cameo[:2],
        event["quad_class"],
        event["goldstein"],
        event["mentions"],
        event["sources"],
        event["documents"],
        None,
        *_geo(None),
        *_geo(None),
        *_geo(event["location"]),
        stamp(_first_seen(mentions)),
        (first.get("url") or _citation(first)) if first else None,
    ]


def _offset(m: dict[str, Any], field: str) -> int:
    """Where an actor's words start in the document, or -1 when the sentence does not contain them."""
    text = m.get(field)
    if not text or (field == "target_text" and m.get("target_from") == "story"):
        return -1
    at = (m.get("sentence") or "").find(text)
    return m["sent_start"] + at if at >= 0 else -1


def _extras(event: dict[str, Any], m: dict[str, Any]) -> str:
    """foedus's own fields for the mention, in GDELT's tagged style."""
    tags = [
        ("MENTION_ID", m["mention_id"]), ("DOC_ID", m["doc_id"]),
        ("EVENT_MODALITY", event["modality"]), ("MODALITY", m.get("modality")),
        ("CLAIMED_BY", m.get("claimed_by_code")), ("TARGET_FROM", m.get("target_from") or "sentence"),
    ]
    return "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in tags if v)


def mention_row(event: dict[str, Any], m: dict[str, Any], added: int | None) -> list[Any]:
    """One Mentions row (16 cells, ``None`` for empty)."""
    url = m.get("url")
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    a1, a2 = _offset(m, "source_text"), _offset(m, "target_text")
    # In the raw text: both actors' words are in the sentence itself (no target taken from the story,
    # no actor found through a pronoun).
    raw = int((a1 >= 0 or not m.get("source_code")) and (a2 >= 0 or not m.get("target_code")))
    return [
        numeric_id(event["event_id"]),
        added,
        stamp(m.get("ingested_at")),
        WEB if url else CITATION_ONLY,
        host or m.get("outlet"),  # MentionSourceName: the web domain, as GDELT gives it
        url or _citation(m),
        m["sent_index"] + 1,
        a1,
        a2,
        m["trigger_start"],
        raw,
        100 if raw else 50,
        m.get("doc_len"),
        None,
        None,
        _extras(event, m),
    ]


def event_rows(items: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]]) -> Iterator[list[Any]]:
    """Events rows for already filtered ``(event, mentions)`` pairs."""
    for event, mentions in items:
        yield event_row(event, mentions)


def mention_rows(items: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]]) -> Iterator[list[Any]]:
    """Mentions rows (one per event mention) for already filtered ``(event, mentions)`` pairs."""
    for event, mentions in items:
        added = stamp(_first_seen(mentions))
        for m in mentions:
            yield mention_row(event, m, added)


def cell(value: Any) -> str:
    """A value as GDELT writes it: numbers plain, empty for unknown, text on one line without tabs
    (and, like every text cell foedus writes, inert if a spreadsheet opens the file: foedus.export.cells)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    return spreadsheet_safe(" ".join(str(value).replace("\t", " ").splitlines()))
