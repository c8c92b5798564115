"""Offline language identification: script first, then common-word profiles.

Why not a statistical model: the pipeline only needs to keep English news and
set aside the rest, on machines with no network, in worker processes. Writing
systems settle most languages outright (Armenian, Georgian, Hangul, kana);
inside a shared script (Latin, Cyrillic, Arabic) the share of a language's
most common words in a text separates the candidates reliably from about
fifteen words on, and the profiles are plain data a user can read and extend
(``foedus/data/cleaning/boilerplate.yaml``, section ``language``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["detect_language"]

_TOKEN = re.compile(r"[^\W\d_]+")
# A text whose best profile covers this share of its words is confidently
# that language; English news runs at 0.35-0.5 against its profile.
_FULL_COVERAGE = 0.30
_MIN_COVERAGE = 0.15


@dataclass(frozen=True)
class _Profiles:
    scripts: tuple[tuple[str, tuple[tuple[int, int], ...], tuple[str, ...]], ...]
    stopwords: dict[str, frozenset[str]]
    distinct: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def _profiles() -> _Profiles:
    text = resources.files("foedus").joinpath("data/cleaning/boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(text)["language"]
    scripts = []
    for name, spec in data["scripts"].items():
        ranges = tuple(tuple(int(x, 16) for x in r.split("-")) for r in spec["ranges"])
        scripts.append((name, ranges, tuple(spec["languages"])))
    stop = {lang: frozenset(words.casefold().split()) for lang, words in data["stopwords"].items()}
    distinct = {lang: frozenset(chars) for lang, chars in data["distinct_letters"].items()}
    return _Profiles(tuple(scripts), stop, distinct)  # type: ignore[arg-type]


def _script_counts(text: str, profiles: _Profiles) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        cp = ord(ch)
        for name, ranges, _langs in profiles.scripts:
            if any(lo <= cp <= hi for lo, hi in ranges):
                counts[name] = counts.get(name, 0) + 1
                break
    return counts


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of the text's language and a confidence in [0, 1].

    Returns ``(None, 0.0)`` when the text has no letters, and ``(None, c)``
    when no profile fits (a language we have no profile for).
    """
    profiles = _profiles()
    counts = _script_counts(text or "", profiles)
    letters = sum(counts.values())
    if letters == 0:
        return None, 0.0
    if counts.get("kana", 0) >= 0.05 * (counts.get("kana", 0) + counts.get("han", 0)) and counts.get("kana"):
        counts["kana"] += counts.pop("han", 0)
    script, n = max(counts.items(), key=lambda kv: kv[1])
    share = n / letters
    langs = next(langs for name, _r, langs in profiles.scripts if name == script)
    size = min(1.0, n / 40)  # a handful of letters is weak evidence
    if len(langs) == 1:
        return langs[0], round(share * (0.5 + 0.5 * size), 3)

    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    if not tokens:
        return None, 0.0
    script_letters = [ch for ch in text if ch.isalpha()]
    scores: dict[str, float] = {}
    for lang in langs:
        words = profiles.stopwords.get(lang, frozenset())
        coverage = sum(1 for t in tokens if t in words) / len(tokens)
        marks = profiles.distinct.get(lang, frozenset())
        bonus = min(0.1, 2 * sum(1 for ch in script_letters if ch in marks) / len(script_letters)) if marks else 0.0
        scores[lang] = coverage + bonus
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, best_score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score < _MIN_COVERAGE:
        return None, round(best_score, 3)
    margin = (best_score - second) / best_score
    strength = min(1.0, best_score / _FULL_COVERAGE) * min(1.0, len(tokens) / 15)
    confidence = share * strength * (0.4 + 0.6 * margin)
    return best, round(min(1.0, confidence), 3)
