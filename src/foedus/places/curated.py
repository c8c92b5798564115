"""Reader of the curated place file (format ``foedus-places/1``).

Why curated entries at all: the generic GeoNames tables rank places by
population, so a conflict village (Sotk, Tegh) loses to nothing or to a
namesake elsewhere, and they do not know corridors, lakes or mountains.
A malformed entry is reported with file:line and the reason, then skipped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

FORMAT = "foedus-places/1"
KINDS = {"region", "city", "town", "village", "lake", "corridor", "mountain", "river", "border-crossing", "country"}

# What a place is, for consumers that must tell a whole country from a province
# from a town (GDELT's Geo_Type, PLOVER's resolution): the gazetteer's levels.
LEVELS = ("country", "admin1", "city", "feature")
POPULATED_KINDS = frozenset({"city", "town", "village"})


def level_of(kind: str, code: str | None = None) -> str:
    """The level of a curated place of ``kind``.

    A curated region is ``admin1`` only when it names its ISO 3166-2 code
    (Syunik, AM-SU); a region that is no administrative division
    (Nagorno-Karabakh), a corridor, lake, mountain, river or crossing is a
    ``feature``; towns and villages are ``city`` like GeoNames' populated places.
    """
    if kind == "country":
        return "country"
    if code:
        return "admin1"
    if kind in POPULATED_KINDS:
        return "city"
    return "feature"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry; ``source`` says which table it came from."""

    place_id: str
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    kind: str
    population: int = 0
    admin: str | None = None
    source: str = "curated"  # curated | geonames | country | admin1
    aliases: tuple[str, ...] = ()
    approximate: bool = False
    level: str = ""  # one of LEVELS
    code: str | None = None  # ISO 3166-2 code of a first-level division


@dataclass(frozen=True)
class CuratedData:
    places: tuple[Place, ...]
    stoplist: frozenset[str]
    country_aliases: dict[str, str] = field(default_factory=dict)


def _entry_lines(text: str) -> list[int]:
    """Line numbers of list entries under ``places:``, in order."""
    out, inside = [], False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith(" ") and line.rstrip().endswith(":"):
            inside = line.startswith("places:")
        elif inside and line.startswith("  - "):
            out.append(n)
    return out


def _place(raw: dict, where: str) -> Place | None:
    try:
        pid, name, kind, country = str(raw["id"]), str(raw["name"]), str(raw["kind"]), str(raw["country"])
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        log.warning("%s: place skipped: missing or bad field (%s)", where, exc)
        return None
    if kind not in KINDS:
        log.warning("%s: place %s skipped: unknown kind %r", where, pid, kind)
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        log.warning("%s: place %s skipped: coordinates out of range", where, pid)
        return None
    if len(country) != 3 or not country.isupper():
        log.warning("%s: place %s skipped: country %r is not ISO3", where, pid, country)
        return None
    if not raw.get("sources"):
        log.warning("%s: place %s has no sources", where, pid)
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list):
        log.warning("%s: place %s: aliases must be a list; ignored", where, pid)
        aliases = []
    code = raw.get("iso3166_2")
    if code is not None and not (isinstance(code, str) and code[:2].isalpha() and code[2:3] == "-"):
        log.warning("%s: place %s: iso3166_2 %r is not an ISO 3166-2 code; ignored", where, pid, code)
        code = None
    return Place(pid, name, country, lat, lon, kind, 0, raw.get("admin"), "curated",
                 tuple(str(a) for a in aliases), bool(raw.get("approximate", False)),
                 level_of(kind, code), code)


def read_place_file(path: Path | None, packaged: str, fmt: str) -> tuple[str, str, dict | None]:
    """(text, name for messages, parsed mapping or None when not valid YAML) of a places data file.

    ``packaged`` is the file under ``foedus/data/places/`` read when ``path`` is None. A header
    that does not name ``fmt`` and a file that is not YAML are logged with the file's name.
    """
    if path is None:
        text = resources.files("foedus").joinpath(f"data/places/{packaged}").read_text("utf-8")
        name = f"foedus/data/places/{packaged}"
    else:
        text, name = Path(path).read_text("utf-8"), str(path)
    if fmt not in text.split("\n", 1)[0]:
        log.warning("%s:1: header does not name format %s; reading anyway", name, fmt)
    try:
        return text, name, yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        log.warning("%s: not valid YAML (%s); its entries are not read", name, exc)
        return text, name, None


def load_curated(path: Path | None = None) -> CuratedData:
    """Read the packaged curated file, or ``path``."""
    text, name, data = read_place_file(path, "curated.yaml", FORMAT)
    if data is None:
        return CuratedData((), frozenset(), {})
    lines = _entry_lines(text)
    places, seen = [], set()
    for i, raw in enumerate(data.get("places") or []):
        where = f"{name}:{lines[i] if i < len(lines) else 0}"
        if not isinstance(raw, dict):
            log.warning("%s: entry is not a mapping; skipped", where)
            continue
        p = _place(raw, where)
        if p is None:
            continue
        if p.place_id in seen:
            log.warning("%s: duplicate id %s; skipped", where, p.place_id)
            continue
        seen.add(p.place_id)
        places.append(p)
    stop = set()
    for raw in data.get("stoplist") or []:
        word = raw.get("word") if isinstance(raw, dict) else None
        if isinstance(word, str) and word:
            stop.add(word)
        else:
            log.warning("%s: stoplist entry %r has no word; skipped", name, raw)
    aliases = {}
    for k, v in (data.get("country_aliases") or {}).items():
        if isinstance(v, str) and len(v) == 3:
            aliases[str(k)] = v
        else:
            log.warning("%s: country alias %r -> %r is not ISO3; skipped", name, k, v)
    return CuratedData(tuple(places), frozenset(stop), aliases)
