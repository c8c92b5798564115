"""The treaty registry: what each alliance or guarantee promises, to whom, when.

Knowledge lives in ``data/treaties/*.yaml`` (format ``foedus-treaties/1``) and
``data/ledger/disputed_areas.yaml`` (``foedus-disputed-areas/1``); users add
treaties with extra files of the same format. A malformed entry is reported as
``file:line: reason`` in ``Registry.problems`` and skipped.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from foedus.ledger.duties import duty_names
from foedus.ledger.model import (
    Article,
    DisputedArea,
    Obligation,
    Party,
    Registry,
    Source,
    Suspension,
    Treaty,
    Trigger,
)
from foedus.ledger.text import mentions_any
from foedus.ledger.yamlio import (
    as_date,
    as_str_tuple,
    load_entries,
    precision,
    report,
    where,
)

TREATY_FORMAT = "foedus-treaties/1"
AREA_FORMAT = "foedus-disputed-areas/1"
OBLIGATION_TYPES = frozenset(
    {
        "defence",
        "offence",
        "neutrality",
        "non-aggression",
        "consultation",
        "peacekeeping",
        "guarantee-of-passage",
        "guarantee",
        "assurance",
        "ceasefire",
        "basing",
        "other",
    }
)
TRIGGER_EVENTS = frozenset({"armed-attack", "threat", "breach", "any"})
TRIGGER_ON = frozenset({"party-territory", "party-forces", "area", "any"})


def _data_dir(sub: str) -> Path:
    return Path(str(resources.files("foedus.data").joinpath(sub)))


def builtin_treaty_files() -> list[Path]:
    return sorted(p for p in _data_dir("treaties").glob("*.yaml"))


def _iso3(value: Any, field: str) -> str:
    if not isinstance(value, str) or len(value) != 3 or not value.isalpha() or not value.isupper():
        raise ValueError(f"{field}: {value!r} is not an ISO 3166-1 alpha-3 code")
    return value


def _codes(value: Any, field: str) -> str | tuple[str, ...]:
    if value in ("all", "each"):
        return value
    return tuple(_iso3(v, field) for v in as_str_tuple(value, field))


def _party(e: dict[str, Any]) -> Party:
    susp = []
    for s in e.get("suspended") or []:
        if not isinstance(s, dict):
            raise ValueError("suspended: each entry must be a mapping with from/to")
        susp.append(Suspension(as_date(s.get("from"), "suspended.from"), as_date(s.get("to"), "suspended.to"), str(s.get("note", ""))))
    return Party(
        state=_iso3(e.get("state"), "parties.state"),
        joined=as_date(e.get("joined"), "parties.joined"),
        left=as_date(e.get("left"), "parties.left"),
        suspended=tuple(susp),
        note=str(e.get("note", "")),
    )


def _trigger(e: dict[str, Any] | None) -> Trigger | None:
    if e is None:
        return None
    if not isinstance(e, dict):
        raise ValueError("trigger: expected a mapping")
    event = str(e.get("event", "armed-attack"))
    on = str(e.get("on", "party-territory"))
    if event not in TRIGGER_EVENTS:
        raise ValueError(f"trigger.event: {event!r} not one of {sorted(TRIGGER_EVENTS)}")
    if on not in TRIGGER_ON:
        raise ValueError(f"trigger.on: {on!r} not one of {sorted(TRIGGER_ON)}")
    attacker = str(e.get("attacker", "non-party"))
    if attacker not in ("non-party", "any"):
        raise ValueError("trigger.attacker: must be non-party or any")
    return Trigger(
        event=event,
        on=on,
        attacker=attacker,
        at_request=bool(e.get("at_request", False)),
        area=str(e.get("area", "")),
        exclusions=as_str_tuple(e.get("exclusions"), "trigger.exclusions"),
        note=str(e.get("note", "")),
    )


def _obligation(e: dict[str, Any]) -> Obligation:
    otype = e.get("type")
    if otype not in OBLIGATION_TYPES:
        raise ValueError(f"obligations.type: {otype!r} not one of {sorted(OBLIGATION_TYPES)}")
    return Obligation(
        type=str(otype),
        bound=_codes(e.get("bound", "all"), "obligations.bound"),
        beneficiary=_codes(e.get("beneficiary", "each"), "obligations.beneficiary"),
        summary=str(e.get("summary", "")),
        place=as_str_tuple(e.get("place"), "obligations.place"),
        term_end=as_date(e.get("term_end"), "obligations.term_end"),
        breach_codes=as_str_tuple(e.get("breach_codes"), "obligations.breach_codes"),
        honoured_by=as_str_tuple(e.get("honoured_by"), "obligations.honoured_by"),
        duty=_duty(e.get("duty")),
    )


def _duty(value: Any) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or value not in duty_names():
        raise ValueError(f"obligations.duty: {value!r} not one of {sorted(duty_names())}")
    return value


def _article(e: dict[str, Any]) -> Article:
    if "number" not in e:
        raise ValueError("articles: an article has no number")
    obligations = e.get("obligations") or []
    if not isinstance(obligations, list) or not all(isinstance(o, dict) for o in obligations):
        raise ValueError("articles.obligations: expected a list of mappings")
    return Article(
        number=str(e["number"]),
        summary=str(e.get("summary", "")),
        obligations=tuple(_obligation(o) for o in obligations),
        trigger=_trigger(e.get("trigger")),
        aliases=as_str_tuple(e.get("aliases"), "articles.aliases"),
    )


def _sources(value: Any) -> tuple[Source, ...]:
    out = []
    for s in value or []:
        if not isinstance(s, dict) or not s.get("title"):
            raise ValueError("sources: each source needs at least a title")
        out.append(Source(str(s["title"]), str(s.get("url", "")), str(s.get("date", ""))))
    return tuple(out)


def parse_treaty(e: dict[str, Any], origin: str) -> Treaty:
    """One registry entry; raises ValueError with the reason when malformed."""
    for key in ("id", "name", "kind"):
        if not isinstance(e.get(key), str) or not e[key].strip():
            raise ValueError(f"missing or empty '{key}'")
    parties = e.get("parties")
    if not isinstance(parties, list) or not parties or not all(isinstance(p, dict) for p in parties):
        raise ValueError("parties: expected a non-empty list of mappings")
    articles = e.get("articles") or []
    if not isinstance(articles, list) or not all(isinstance(a, dict) for a in articles):
        raise ValueError("articles: expected a list of mappings")
    signed = as_date(e.get("signed"), "signed")
    in_force = as_date(e.get("in_force"), "in_force")
    ended = as_date(e.get("ended"), "ended")
    if signed and ended and ended < signed:
        raise ValueError("ended is before signed")
    return Treaty(
        id=e["id"].strip(),
        name=e["name"].strip(),
        kind=e["kind"].strip(),
        aliases=as_str_tuple(e.get("aliases"), "aliases"),
        signed=signed,
        in_force=in_force,
        in_force_precision=precision(e.get("in_force")),
        ended=ended,
        organisation=e.get("organisation"),
        org_code=e.get("org_code"),
        parties=tuple(_party(p) for p in parties),
        articles=tuple(_article(a) for a in articles),
        notes=str(e.get("notes", "")),
        sources=_sources(e.get("sources")),
        source=origin,
    )


def parse_area(e: dict[str, Any], origin: str) -> DisputedArea:
    if not isinstance(e.get("id"), str) or not isinstance(e.get("name"), str):
        raise ValueError("a disputed area needs 'id' and 'name'")
    rec = e.get("recognised_as")
    return DisputedArea(
        id=e["id"],
        name=e["name"],
        names=as_str_tuple(e.get("names"), "names"),
        recognised_as=_iso3(rec, "recognised_as") if rec else None,
        claimed_by=tuple(_iso3(c, "claimed_by") for c in as_str_tuple(e.get("claimed_by"), "claimed_by")),
        note=str(e.get("note", "")),
        source=origin,
    )


def load_registry(extra_treaty_files: Iterable[str | Path] = ()) -> Registry:
    """All built-in treaties plus those in ``extra_treaty_files``.

    A later file's entry with an id already seen replaces the earlier one (so
    a user can correct a built-in entry), and the replacement is reported.
    """
    extra = tuple(str(p) for p in extra_treaty_files)
    return _load(extra)


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Registry:
    problems: list[str] = []
    by_id: dict[str, Treaty] = {}
    for path in [*builtin_treaty_files(), *(Path(p) for p in extra)]:
        for entry in load_entries(path, TREATY_FORMAT, "treaties", problems):
            origin = where(path, entry)
            try:
                treaty = parse_treaty(entry, origin)
            except ValueError as exc:
                problems.append(f"{origin}: {exc}; entry skipped")
                continue
            if treaty.id in by_id:
                problems.append(f"{origin}: treaty '{treaty.id}' replaces the entry at {by_id[treaty.id].source}")
            by_id[treaty.id] = treaty
    areas: list[DisputedArea] = []
    area_file = _data_dir("ledger") / "disputed_areas.yaml"
    for entry in load_entries(area_file, AREA_FORMAT, "areas", problems):
        origin = where(area_file, entry)
        try:
            areas.append(parse_area(entry, origin))
        except ValueError as exc:
            problems.append(f"{origin}: {exc}; entry skipped")
    report(problems)
    return Registry(treaties=tuple(by_id.values()), areas=tuple(areas), problems=tuple(problems))


def treaties_of(registry: Registry, state: str, on: date) -> list[Treaty]:
    """Treaties in force on ``on`` to which ``state`` is a party (even if suspended)."""
    return [t for t in registry.treaties if t.in_force_on(on) and t.member_on(state, on)]


def binding(registry: Registry, states: Iterable[str], on: date) -> list[Treaty]:
    """Treaties in force on ``on`` that bind at least two of ``states`` to each other.

    Why: when a corpus holds no invocation, a reader still wants to know which
    commitments stand between the actors the news is about.
    """
    wanted = list(dict.fromkeys(states))
    return [t for t in registry.treaties
            if t.in_force_on(on) and sum(t.member_on(s, on) for s in wanted) >= 2]


def bound_states(treaty: Treaty, obligation: Obligation, on: date, beneficiary: str) -> tuple[str, ...]:
    """Who owes the obligation to ``beneficiary`` on ``on`` (never the beneficiary itself)."""
    if obligation.bound == "all":
        candidates = treaty.parties_on(on, active_only=True)
    else:
        candidates = tuple(s for s in obligation.bound if treaty.member_on(s, on))
    return tuple(s for s in candidates if s != beneficiary)


def benefits(obligation: Obligation, treaty: Treaty, state: str, on: date) -> bool:
    """Whether ``state`` is among the beneficiaries of ``obligation`` on ``on``."""
    if obligation.beneficiary in ("each", "all"):
        return treaty.member_on(state, on)
    return state in obligation.beneficiary


def pick_article(t: Treaty, cited: list[str], consult: bool, sentence: str = "") -> Article | None:
    """The article a mention invokes: the one cited, else the one whose alias or
    place the sentence names, else the defence (or, for a consultation, the
    consultation) article, else any defence or consultation article."""
    for ref in cited:
        a = t.article(ref)
        if a is not None:
            return a
    # an article named by its own alias or by the place its obligation is tied to
    for a in t.articles:
        words = [*a.aliases, *(p for o in a.obligations for p in o.place)]
        if words and mentions_any(sentence, words):
            return a
    want = ("consultation",) if consult else ("defence",)
    for a in t.articles:
        if any(o.type in want for o in a.obligations):
            return a
    for a in t.articles:
        if any(o.type in ("defence", "consultation") for o in a.obligations):
            return a
    return t.articles[0] if t.articles else None
