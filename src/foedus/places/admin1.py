"""First-level administrative divisions (admin level 1), offline, from installed packages.

Why two packages and a knowledge file:

- ``pycountry`` (ISO 3166-2, maintained with Debian's iso-codes) is the
  authority on which divisions exist, their codes, official romanised names
  ("Kurskaya oblast'", "Donetska oblast") and types, and its parent codes say
  which divisions are first-level. It has no coordinates and few English names.
- ``countrystatecity-countries`` (the countries-states-cities database, ODbL)
  gives, for the same ISO 3166-2 code, the usual English name ("Bavaria",
  "Kursk") and one representative point per division. Its point is the
  database's own (often near the centre of the division, sometimes at its
  seat), not a computed centroid; a point that the database gives to two
  differently named divisions of one country is dropped as a copying error.
- ``data/places/admin1.yaml`` adds the English names news uses where both
  packages give adjectival or local forms ("Zaporizhzhia Oblast"), leaves out
  or corrects contested entries, and lists names too generic to be read as a
  division without the document naming its country.

A division is first-level when ISO 3166-2 gives it no parent, or when its
parent groups divisions of the same type as the country's top-level ones (Iraq's
Erbil, Dahuk and Sulaymaniyah governorates sit under the Kurdistan Region but
are governorates like Baghdad). Names are matched by :func:`fold` (case,
accents, apostrophes and hyphens ignored), with or without a designator word.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..memo import MEMO_SIZE
from .curated import Place, read_place_file

log = logging.getLogger(__name__)

FORMAT = "foedus-admin1/1"

# ISO 3166-2 types of divisions that are a city (a bare name means the city:
# "Kyiv", "Moscow"); a designator word ("Kyiv region") means the other kind.
CITY_TYPES = frozenset({
    "city", "autonomous city", "federal city", "capital city", "municipality", "city municipality",
    "city with county rights", "state city", "metropolitan city", "special city", "capital district",
    "capital territory", "federal capital territory", "special administrative city", "metropolitan administration",
    "autonomous city in north africa", "city corporation",
})

_APOSTROPHES = "'’‘ʼʻ`´ʹ"
_LETTERS = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d",
                          "Đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})


@lru_cache(maxsize=MEMO_SIZE)  # a pure function of the name, asked again for every mention of a place
def fold(name: str) -> str:
    """Matching key: no accents, no case, apostrophes dropped, hyphens and dots as spaces, no leading "the".

    Why so loose: the same division is written "Kurskaya oblast'", "Syunik'",
    "Khyber-Pakhtunkhwa", "Naxçıvan"; a key that ignores these differences lets
    one entry answer all of them.
    """
    s = unicodedata.normalize("NFKD", name.translate(_LETTERS))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold()
    for a in _APOSTROPHES:
        s = s.replace(a, "")
    s = re.sub(r"[-‐‑–—./,]", " ", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class Homonym:
    """A country's name that is also a division's elsewhere (Georgia, US-GA)."""

    name: str
    code: str


@dataclass(frozen=True)
class Admin1Rules:
    """What ``admin1.yaml`` holds, read and checked."""

    divisions: dict[str, dict[str, Any]]
    exclude: frozenset[str]
    homonyms: tuple[Homonym, ...]
    generic_words: frozenset[str]
    designators: dict[str, str]  # singular and plural form -> singular

    @property
    def plurals(self) -> frozenset[str]:
        return frozenset(k for k, v in self.designators.items() if k != v)


@dataclass(frozen=True)
class Admin1Table:
    """Every first-level division as a :class:`Place` (``level="admin1"``), and its names."""

    places: tuple[Place, ...]
    names: dict[str, tuple[str, ...]]  # place_id -> every name it answers to (display name first)
    rules: Admin1Rules


def _read_rules(path: Path | None) -> Admin1Rules:
    text, where, parsed = read_place_file(path, "admin1.yaml", FORMAT)
    data = parsed if parsed is not None else {}
    lines = text.splitlines()

    def line_of(code: str) -> int:
        return next((n for n, ln in enumerate(lines, 1) if ln.strip() == f"- code: {code}"), 0)

    divisions: dict[str, dict[str, Any]] = {}
    for raw in data.get("divisions") or []:
        code = str(raw.get("code", "")) if isinstance(raw, dict) else ""
        if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
            log.warning("%s: division entry %r has no valid ISO 3166-2 code; skipped", where, raw)
            continue
        if not raw.get("sources"):
            log.warning("%s:%d: division %s has no sources", where, line_of(code), code)
        names = raw.get("names") or []
        if not isinstance(names, list):
            log.warning("%s:%d: division %s: names must be a list; ignored", where, line_of(code), code)
            names = []
        country = raw.get("country")
        if country is not None and not (isinstance(country, str) and len(country) == 3 and country.isupper()):
            log.warning("%s:%d: division %s: country %r is not ISO3; ignored", where, line_of(code), code, country)
            country = None
        divisions[code] = {"name": raw.get("name"), "names": [str(n) for n in names], "country": country,
                           "line": line_of(code)}
    exclude = frozenset(str(e.get("code")) for e in data.get("exclude") or [] if isinstance(e, dict) and e.get("code"))
    homonyms = tuple(Homonym(str(h["name"]), str(h["code"])) for h in data.get("homonyms") or []
                     if isinstance(h, dict) and h.get("name") and h.get("code"))
    generic = frozenset(fold(str(w)) for w in data.get("generic_words") or [])
    designators: dict[str, str] = {}
    for singular, plural in (data.get("designators") or {}).items():
        designators[fold(str(singular))] = fold(str(singular))
        if plural:
            designators[fold(str(plural))] = fold(str(singular))
    return Admin1Rules(divisions, exclude, homonyms, generic, designators)


def base_name(folded: str, designators: Iterable[str]) -> str:
    """``folded`` without leading or trailing designator words ("kursk oblast" -> "kursk").

    Also drops the generic words that travel with them in official names
    ("autonomous", "respublika", "sheng") so that "Nakhchivan Autonomous
    Republic" and "Adygeya, Respublika" meet the English short names.
    """
    extra = {"autonomous", "respublika", "avtonomnyy", "avtonomnaya", "avtonomna", "sheng", "shi", "zizhiqu",
             "of", "obl", "autonomous republic"}
    words = folded.split()
    strip = set(designators) | extra
    while len(words) > 1 and words[-1] in strip:
        words.pop()
    while len(words) > 1 and words[0] in strip:
        words.pop(0)
    return " ".join(words)


def _variants(name: str) -> list[str]:
    """Spellings a package name stands for: bracketed alternatives, comma inversions, parentheticals."""
    out = []
    s = re.sub(r"\((?:EH|EH-partial)\)", "", name).strip()
    main = re.sub(r"\s*\[[^\]]*\]", "", s).strip()
    out.append(main)
    for inner in re.findall(r"\[([^\]]*)\]", s):
        inner = re.sub(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b", "", inner).strip()
        if inner:
            out.append(inner)
    for v in list(out):
        if ", " in v:
            head, tail = v.split(", ", 1)
            out.extend([head, f"{tail} {head}"])
        if "/" in v:
            out.extend(p.strip() for p in v.split("/") if p.strip())
    for v in list(out):
        m = re.match(r"^(?:Al|Al-|As|Ar|Ad|An|Ash|At|Az|Ad-|As-|Ar-|An-)[ -](.+)$", v)
        if m:
            out.append(m.group(1))  # "Al Anbar" is "Anbar" in English news
    return [v for v in dict.fromkeys(out) if v]


def _first_level(subdivisions: list[Any]) -> list[Any]:
    """Top-level divisions, plus children of the same type as a top-level one (see the module doc)."""
    top = [s for s in subdivisions if not s.parent_code]
    types = {s.type for s in top}
    peers = [s for s in subdivisions if s.parent_code and s.type in types]
    return top + peers


def _english_translation() -> Any:
    import gettext

    import pycountry

    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    except OSError:  # pragma: no cover - shipped with pycountry
        return gettext.NullTranslations()


def load_admin1(rules_path: Path | None = None, iso2to3: dict[str, str] | None = None,
                city_names: dict[tuple[str, str], str] | None = None) -> Admin1Table:
    """Read every first-level division from the installed packages and ``admin1.yaml``.

    ``iso2to3`` maps ISO 3166-1 alpha-2 to alpha-3 (pycountry's when not given).
    ``city_names`` maps (ISO3, folded name) to a city's name in that country, so
    that a division named like a city of its own country ("Gaza", "Aleppo")
    gets a display name that says it is the division ("Gaza Governorate").
    """
    import pycountry

    rules = _read_rules(rules_path)
    if iso2to3 is None:
        iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    city_names = city_names or {}
    try:
        from countrystatecity_countries import get_states_of_country
    except ImportError:  # pragma: no cover - a declared dependency
        log.warning("countrystatecity-countries is not installed: first-level divisions have no English names or points")
        get_states_of_country = None  # type: ignore[assignment]
    en = _english_translation()
    by_country: dict[str, list[Any]] = {}
    for s in pycountry.subdivisions:
        by_country.setdefault(s.country_code, []).append(s)
    known_codes = {s.code for s in pycountry.subdivisions}
    for code, entry in rules.divisions.items():
        if code not in known_codes:
            log.warning("admin1.yaml:%d: %s is not an ISO 3166-2 code known to pycountry; ignored", entry["line"], code)
    places: list[Place] = []
    names: dict[str, tuple[str, ...]] = {}
    for cc, subs in sorted(by_country.items()):
        iso3 = iso2to3.get(cc)
        if iso3 is None:
            continue
        states = {}
        if get_states_of_country is not None:
            try:
                states = {st.iso3166_2: st for st in get_states_of_country(cc) if st.iso3166_2}
            except Exception as exc:  # pragma: no cover - malformed package data
                log.warning("countrystatecity-countries: %s unreadable (%s)", cc, exc)
        points: dict[tuple[str, str], set[str]] = {}
        for st in states.values():
            if st.latitude and st.longitude:
                points.setdefault((st.latitude, st.longitude), set()).add(fold(st.name))
        for s in sorted(_first_level(subs), key=lambda s: s.code):
            if s.code in rules.exclude or (s.parent_code or "") in rules.exclude:
                continue  # an excluded division takes its districts with it (Kosovo's, RS-KM)
            extra = rules.divisions.get(s.code, {})
            st = states.get(s.code)
            lat = lon = None
            if st is not None and st.latitude and st.longitude:
                # A point shared by divisions of different names is a copying error in the database.
                if len(points.get((st.latitude, st.longitude), ())) == 1:
                    lat, lon = round(float(st.latitude), 5), round(float(st.longitude), 5)
            kind = str(s.type).lower()
            country = extra.get("country") or iso3
            pkg = [*_variants(s.name)]
            translated = en.gettext(s.name)
            if translated != s.name:
                pkg.extend(_variants(translated))
            english = st.name if st is not None else None
            display = extra.get("name") or english or (translated if translated != s.name else _variants(s.name)[0])
            if not extra.get("name") and (country, fold(display)) in city_names and kind not in CITY_TYPES:
                display = f"{display} {s.type.split()[-1].title()}"
            all_names = [display, *(extra.get("names") or []), *([english] if english else []), *pkg]
            pid = f"iso-{s.code.lower()}"
            # approximate: the point stands for a whole division
            place = Place(pid, display, country, lat, lon, kind, 0, None, "admin1", (), True,
                          level="admin1", code=s.code)
            places.append(place)
            names[pid] = tuple(dict.fromkeys(n for n in all_names if n))
    return Admin1Table(tuple(places), names, rules)
