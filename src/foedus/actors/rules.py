"""The resolver's English, loaded from ``data/resolver/actor_rules.yaml`` (format ``foedus-actor-rules/1``).

Why a data file: which prepositions make a capital a place, which definite
descriptions are resolved, which words mark a possessive, are judgement calls
that a user should be able to read and change without reading code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "resolver" / "actor_rules.yaml"
FORMAT = "foedus-actor-rules/1"


@dataclass(frozen=True)
class Description:
    text: str
    wants: str  # organisation | state | office | pronoun (it) | person (she, he) | pair (both sides)
    kinds: tuple[str, ...] = ()
    title: str = ""
    deps: tuple[str, ...] = ()  # when given: resolved only in these dependency roles
    states: tuple[str, ...] = ()  # when given (wants: state): only these states fit ("the island": island states)


@dataclass(frozen=True)
class Rules:
    possessive: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    place_verbs: frozenset[str] = frozenset()
    modifier_pos: frozenset[str] = frozenset()
    max_modifiers: int = 3
    coref_window: int = 2
    descriptions: tuple[Description, ...] = field(default_factory=tuple)
    ally_words: frozenset[str] = frozenset()
    sovereign_nouns: frozenset[str] = frozenset()
    ally_kinds: tuple[str, ...] = ("alliance",)
    expletive_heads: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    raising_verbs: frozenset[str] = frozenset()
    subject_adjectives: frozenset[str] = frozenset()
    document_words: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    kind_sectors: tuple[tuple[str, str], ...] = ()
    not_name_entities: frozenset[str] = frozenset()
    name_similarity: float = 0.8
    capital_modifier_pos: frozenset[str] = frozenset()
    capitals_not_government: frozenset[str] = frozenset()
    place_suffixes: frozenset[str] = frozenset()
    office_objects: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    address_verbs: frozenset[str] = frozenset()
    message_nouns: frozenset[str] = frozenset()
    local_sectors: frozenset[str] = frozenset()
    female_words: frozenset[str] = frozenset()
    male_words: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    former_words: frozenset[str] = frozenset()
    story_institutions: tuple[tuple[str, str], ...] = ()  # (lower-case words, sector code)
    story_state_min: int = 3
    story_state_lead: float = 1.5
    population_words: frozenset[str] = frozenset()
    direction_words: frozenset[str] = frozenset()
    population_sector: str = "CVL"
    spellings: tuple[tuple[str, str], ...] = ()
    follower_words: frozenset[str] = frozenset()
    civil_body_heads: frozenset[str] = frozenset()
    voice_words: frozenset[str] = frozenset()  # (one spelling, the other) of words inside names
    problems: tuple[str, ...] = ()


def _words(data: dict, key: str) -> frozenset[str]:
    value = data.get(key) or []
    return frozenset(str(v).lower() for v in value if isinstance(v, (str, int)))


_LIST_KEYS = (
    "possessive", "determiners", "place_prepositions", "place_verbs", "modifier_pos", "descriptions", "ally_words",
    "ally_kinds", "expletive_heads", "copulas", "raising_verbs", "subject_adjectives",
    "document_words", "honorifics", "not_name_entities", "capital_modifier_pos",
    "capitals_not_government", "place_suffixes", "office_objects", "speech_verbs", "address_verbs", "message_nouns",
    "local_sectors",
    "female_words", "male_words", "person_nouns", "former_words", "population_words", "direction_words", "spellings", "follower_words", "voice_words", "sovereign_nouns",
    "civil_body_heads",
)


def _read(path: str) -> tuple[dict, list[str]]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        return {}, [f"{path}:0: cannot read rules: {exc}"]
    if not isinstance(data, dict):
        return {}, [f"{path}:1: expected a mapping"]
    problems = [] if data.get("format") == FORMAT else [f"{path}:1: format should be {FORMAT!r}"]
    return data, problems


def _combine(base: dict, extra: dict) -> dict:
    """A user's file added to the built-in one: lists are extended, mappings updated, single values replaced."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if key in _LIST_KEYS and isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = {**old, **value}
        else:
            out[key] = value
    return out


@lru_cache(maxsize=4)
def load_rules(path: str = str(RULES_FILE)) -> Rules:
    """The built-in rules, with the lists of a user's file (same format) added to them.

    ``path`` is the built-in file itself by default; any other file extends it
    (lists united, ``kind_sectors`` updated, numbers replaced), as the file's
    header promises. A malformed description is reported and skipped.
    """
    data, problems = _read(str(RULES_FILE))
    if Path(path).resolve() != RULES_FILE.resolve():
        extra, more = _read(path)
        problems += more
        data = _combine(data, extra)
    descriptions = []
    for i, d in enumerate(data.get("descriptions") or []):
        if not isinstance(d, dict) or not d.get("text") or d.get("wants") not in (
            "organisation", "state", "office", "pronoun", "person", "pair",
        ):
            problems.append(f"{path}: descriptions[{i}]: needs text and wants "
                            "(organisation|state|office|pronoun|person|pair)")
            continue
        descriptions.append(
            Description(
                text=str(d["text"]).lower(),
                wants=d["wants"],
                kinds=tuple(d.get("kinds") or ()),
                title=str(d.get("title") or "").lower(),
                deps=tuple(str(x) for x in d.get("deps") or ()),
                states=tuple(str(x).upper() for x in d.get("states") or ()),
            )
        )
    kind_sectors = data.get("kind_sectors") or {}
    if not isinstance(kind_sectors, dict):
        problems.append(f"{path}: kind_sectors must map organisation kinds to sector codes")
        kind_sectors = {}
    institutions = data.get("story_institutions") or {}
    if not isinstance(institutions, dict):
        problems.append(f"{path}: story_institutions must map words to sector codes")
        institutions = {}
    return Rules(
        possessive=frozenset(str(v) for v in data.get("possessive") or []),
        determiners=_words(data, "determiners"),
        place_prepositions=_words(data, "place_prepositions"),
        place_verbs=_words(data, "place_verbs"),
        modifier_pos=frozenset(str(v) for v in data.get("modifier_pos") or []),
        max_modifiers=int(data.get("max_modifiers", 3)),
        coref_window=int(data.get("coref_window", 2)),
        descriptions=tuple(descriptions),
        ally_words=_words(data, "ally_words"),
        sovereign_nouns=_words(data, "sovereign_nouns"),
        ally_kinds=tuple(data.get("ally_kinds") or ("alliance",)),
        expletive_heads=_words(data, "expletive_heads"),
        copulas=_words(data, "copulas"),
        raising_verbs=_words(data, "raising_verbs"),
        subject_adjectives=_words(data, "subject_adjectives"),
        document_words=_words(data, "document_words"),
        honorifics=_words(data, "honorifics"),
        kind_sectors=tuple(sorted((str(k), str(v)) for k, v in kind_sectors.items())),
        not_name_entities=frozenset(str(v) for v in data.get("not_name_entities") or []),
        name_similarity=float(data.get("name_similarity", 0.8)),
        capital_modifier_pos=frozenset(str(v) for v in data.get("capital_modifier_pos") or []),
        capitals_not_government=frozenset(str(v) for v in data.get("capitals_not_government") or []),
        place_suffixes=_words(data, "place_suffixes"),
        office_objects=_words(data, "office_objects"),
        speech_verbs=_words(data, "speech_verbs"),
        address_verbs=_words(data, "address_verbs"),
        message_nouns=_words(data, "message_nouns"),
        local_sectors=frozenset(str(v) for v in data.get("local_sectors") or []),
        female_words=_words(data, "female_words"),
        male_words=_words(data, "male_words"),
        person_nouns=_words(data, "person_nouns"),
        former_words=_words(data, "former_words"),
        story_institutions=tuple(sorted((str(k).lower(), str(v)) for k, v in institutions.items() if v)),
        story_state_min=int(data.get("story_state_min", 3)),
        story_state_lead=float(data.get("story_state_lead", 1.5)),
        population_words=_words(data, "population_words"),
        direction_words=_words(data, "direction_words"),
        population_sector=str(data.get("population_sector") or "CVL"),
        follower_words=_words(data, "follower_words"),
        voice_words=_words(data, "voice_words"),
        civil_body_heads=_words(data, "civil_body_heads"),
        spellings=tuple((str(p[0]), str(p[1])) for p in data.get("spellings") or []
                        if isinstance(p, list) and len(p) == 2),
        problems=tuple(problems),
    )
