"""The word lists the time rules depend on, read from a versioned data file.

Why a data file: spellings ("Sept", "Thurs") and the nouns that mark a
four-digit number as a count rather than a year are knowledge a user may need
to extend; the rules in :mod:`foedus.timex.grammar` only refer to the lists.
A malformed entry is reported with file and line and skipped; the loader never
raises on content, only on a missing file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

FORMAT = "foedus-timex-lexicon/1"
_UNITS = {"day", "week", "month", "year"}


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Lower-cased spellings mapped to the value they stand for.

    Compared and hashed by identity, so compiled grammars can be cached per
    lexicon object.
    """

    months: dict[str, int]  # spelling -> 1..12
    month_full: frozenset[str]  # full month names (lower case)
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]  # spelling -> 0 (Monday) .. 6
    seasons: dict[str, tuple[int, int]]  # word -> (first month, length)
    numbers: dict[str, int]
    units: dict[str, str]
    day_parts: frozenset[str]
    year_nouns_block: frozenset[str]
    year_left_cues: frozenset[str]
    year_left_block: frozenset[str]
    future_cues: frozenset[str]


def _line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(needle + ":"):
            return i
    return 0


def _str_list(raw: object, where: str) -> list[str]:
    if not isinstance(raw, list):
        log.warning("%s: expected a list, skipped", where)
        return []
    out = []
    for item in raw:
        if isinstance(item, (str, int)) and not isinstance(item, bool):
            out.append(str(item).lower())
        else:
            log.warning("%s: entry %r is not a word, skipped", where, item)
    return out


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read the lexicon; ``path`` overrides the packaged file."""
    if path is None:
        text = resources.files("foedus").joinpath("data/timex/lexicon.yaml").read_text("utf-8")
        name = "foedus/data/timex/lexicon.yaml"
    else:
        text = Path(path).read_text("utf-8")
        name = str(path)
    if FORMAT not in text.split("\n", 1)[0]:
        log.warning("%s:1: header does not name format %s; reading anyway", name, FORMAT)
    data = yaml.safe_load(text) or {}

    def where(key: str) -> str:
        return f"{name}:{_line_of(text, key)} ({key})"

    months: dict[str, int] = {}
    full: set[str] = set()
    raw_months = data.get("months") or []
    if len(raw_months) != 12:
        log.warning("%s: expected 12 months, got %d", where("months"), len(raw_months))
    for i, spellings in enumerate(raw_months[:12], 1):
        words = _str_list(spellings, where("months"))
        if words:
            full.add(words[0])
        for w in words:
            months[w] = i
    weekdays: dict[str, int] = {}
    for i, spellings in enumerate((data.get("weekdays") or [])[:7]):
        for w in _str_list(spellings, where("weekdays")):
            weekdays[w] = i
    seasons: dict[str, tuple[int, int]] = {}
    for word, spec in (data.get("seasons") or {}).items():
        if isinstance(spec, list) and len(spec) == 2 and all(isinstance(x, int) for x in spec) and 1 <= spec[0] <= 12:
            seasons[str(word).lower()] = (spec[0], spec[1])
        else:
            log.warning("%s: season %r needs [first month, length], skipped", where("seasons"), word)
    numbers: dict[str, int] = {}
    for word, value in (data.get("numbers") or {}).items():
        if isinstance(value, int) and not isinstance(value, bool):
            numbers[str(word).lower()] = value
        else:
            log.warning("%s: number %r is not an integer, skipped", where("numbers"), word)
    units: dict[str, str] = {}
    for word, unit in (data.get("units") or {}).items():
        if unit in _UNITS:
            units[str(word).lower()] = unit
        else:
            log.warning("%s: unit %r must be one of %s, skipped", where("units"), word, sorted(_UNITS))
    return Lexicon(
        months=months,
        month_full=frozenset(full),
        ambiguous_months=frozenset(_str_list(data.get("ambiguous_months", []), where("ambiguous_months"))),
        weekdays=weekdays,
        seasons=seasons,
        numbers=numbers,
        units=units,
        day_parts=frozenset(_str_list(data.get("day_parts", []), where("day_parts"))),
        year_nouns_block=frozenset(_str_list(data.get("year_nouns_block", []), where("year_nouns_block"))),
        year_left_cues=frozenset(_str_list(data.get("year_left_cues", []), where("year_left_cues"))),
        year_left_block=frozenset(_str_list(data.get("year_left_block", []), where("year_left_block"))),
        future_cues=frozenset(_str_list(data.get("future_cues", []), where("future_cues"))),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, read once per process (it is immutable)."""
    return load_lexicon()
