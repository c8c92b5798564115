"""Events as PLOVER records (JSON Lines), in the data fields of the PLOVER manual.

Why the manual's field names and shapes rather than our own: a PLOVER reader
expects ``actor`` and ``recipient`` as lists of entity objects, ``event``,
``mode`` and ``context`` as lists and ``event_loc`` as a location object, and
the point of PLOVER's named fields is that data sets from different coders
load with the same code. What PLOVER has no field for (the CAMEO code, the
Goldstein score, whether the event was reported as fact, and every piece of
evidence) is kept under one extension field, ``foedus``.

What is left out or flagged, and why (docs/exports.md):

* A negated event ("declined to send troops") did not happen: it is left
  out unless asked for, and then carries ``has_event: false``, the auxiliary
  mode ``negation`` in ``context`` (the manual's place for it) and
  ``foedus.negated: true``.
* An event reported but not as fact (claimed, future, hypothetical,
  threatened) stays in, marked: ``foedus.modality``, a ``comment``, and the
  manual's auxiliary mode in ``context`` where it has one (``future``,
  ``hypothetical``).
* An event whose CAMEO code has no PLOVER category (CAMEO's statements and
  appeals, roots 01 and 02, which PLOVER dropped) has no PLOVER record: the
  manual requires ``event``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Iterator

from . import geo

# CAMEO sector codes PLOVER renamed or merged (manual, "Sector code notes"); others pass unchanged.
_SECTORS = {"MED": "JRN", "HLH": "MED", "HRI": "SOC", "INS": "REB", "SEP": "REB"}
# PLOVER's codes and names for international non-state entities (manual, "Non-state international actors").
_NON_STATE = {
    "UNO": "United Nations", "EUR": "European Union", "IGO": "International Governmental Organization",
    "NGO": "Non-governmental Organization", "ISM": "International Social Movement",
    "IMG": "Transnational Militarized Group", "MNC": "Multi-national Corporation",
}
# Auxiliary modes the manual puts in ``context``, by our modality.
_AUXILIARY = {"future": "future", "hypothetical": "hypothetical"}
CODEBOOK = "PLOVER 2.0 (foedus CAMEO-to-PLOVER table)"


@lru_cache(maxsize=1)
def coder() -> str:
    """``foedus`` and the installed version, for the manual's ``coder`` field."""
    try:
        from importlib.metadata import version

        return f"foedus {version('foedus')}"
    except Exception:  # noqa: BLE001 - running from a source tree without metadata
        return "foedus"


def _entity_code(actor: dict[str, Any]) -> str | None:
    """The manual's 3-character top-level code: the ISO3 country, else PLOVER's non-state code."""
    if actor.get("country"):
        return actor["country"]
    code = actor.get("code") or ""
    if code.startswith("IGOUNO"):
        return "UNO"
    if code.startswith("IGOEUREEC"):
        return "EUR"
    return code[:3] or None


def _sectors(role: str | None) -> list[str]:
    """A CAMEO role such as ``GOVMIL`` as PLOVER sector codes, in order."""
    chunks = [role[i:i + 3] for i in range(0, len(role or ""), 3)]
    return [_SECTORS.get(c, c) for c in chunks if c]


def _entity(actor: dict[str, Any] | None, text: str | None) -> list[dict[str, Any]]:
    """The manual's entity list: one entity object, or none without an actor."""
    if not actor:
        return []
    code = _entity_code(actor)
    sectors = _sectors(actor.get("role"))
    return [{
        "code": code,
        "country_name": geo.country_name(actor.get("country")) or _NON_STATE.get(code or ""),
        "sector": sectors[0] if sectors else None,
        "other_sector_codes": sectors[1:],
        "entity_name": actor.get("name"),
        "entity_text": text,
    }]


def _location(loc: dict[str, Any] | None) -> dict[str, Any] | None:
    """The manual's location object (the Mordecai/GeoNames fields this store knows)."""
    if not loc:
        return None
    level = loc.get("level")
    return {
        "resolved_place": loc["name"],
        "lat": loc["lat"],
        "lon": loc["lon"],
        "city": loc["name"] if level == geo.CITY else None,
        "province": loc["name"] if level == geo.ADMIN1 else None,
        "country": geo.country_name(loc["country"]),
        "country_code": loc["country"],
        "resolution": geo.plover_resolution(level),
    }


def _listed(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(";") if v.strip()]


def _comment(event: dict[str, Any]) -> str | None:
    """A reader's note on an event not reported as having happened."""
    if event["negated"]:
        return "negated: the text says this did not happen"
    if event["modality"] == "asserted":
        return None
    note = f"reported as {event['modality']}, not as fact"
    who = event["claimed_by"]
    if who:
        note += f"; claimed by {who['name'] or who['code']} ({who['code']})"
    return note


def _first_text(mentions: list[dict[str, Any]], field: str) -> str | None:
    """The actor's words in the first report that has them in its own sentence."""
    for m in mentions:
        text = m.get(field)
        if text and (field != "target_text" or m.get("target_from") != "story"):
            return str(text)
    return None


def record(event: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """One PLOVER record for a merged event (contract record + its mention rows)."""
    plover = event["plover"]
    context = _listed(plover["context"])
    aux = "negation" if event["negated"] else _AUXILIARY.get(event["modality"])
    if aux and aux not in context:
        context.append(aux)
    modes = _listed(plover["mode"])
    first = mentions[0] if mentions else {}
    return {
        "id": event["event_id"],
        "has_event": not event["negated"],
        "date": event["date"],
        "actor": _entity(event["source"], _first_text(mentions, "source_text")),
        "recipient": _entity(event["target"], _first_text(mentions, "target_text")),
        "event": [plover["type"]],
        "event_type": plover["type"],
        "event_loc": _location(event["location"]),
        "event_text": list(dict.fromkeys(m["sentence"] for m in mentions)),
        "quad_code": event["quad_class"],
        "mode": modes or None,
        "context": context or None,
        "cite_info": {
            "url": first.get("url"),
            "title": first.get("title"),
            "publication": first.get("outlet"),
            "language": first.get("language"),
            "coder": coder(),
            "codebook": CODEBOOK,
        } if first else None,
        "coder": coder(),
        "comment": _comment(event),
        "foedus": {
            "cameo": event["cameo"],
            "cameo_root": event["root"],
            "goldstein": event["goldstein"],
            "negated": event["negated"],
            "modality": event["modality"],
            "claimed_by": event["claimed_by"],
            "date_precision": event["date_precision"],
            "source": event["source"],
            "target": event["target"],
            "location": event["location"],
            "mentions": event["mentions"],
            "sources": event["sources"],
            "documents": event["documents"],
            "evidence": event["evidence"],
        },
    }


def records(
    items: Iterable[tuple[dict[str, Any], list[dict[str, Any]]]], include_negated: bool = False
) -> Iterator[dict[str, Any]]:
    """PLOVER records, oldest first: events with a PLOVER category, negated ones only if asked."""
    for event, mentions in items:
        if not event["plover"]["type"]:
            continue
        if event["negated"] and not include_negated:
            continue
        yield record(event, mentions)
