"""Plain records that cross stage boundaries.

The NLP stages leave these on ``Doc._`` extensions; the run module turns them
into rows for the store. They are frozen dataclasses of plain values (no spaCy
objects inside) so that a worker process can pickle them back to the parent and
the store never has to import spaCy. Character offsets always refer to the
*clean* text of the document, so every annotation can be shown as a highlighted
span of the text a reader sees.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor, resolved or not.

    ``code`` is CAMEO-style (country or organisation code followed by a
    sector/role code, e.g. ``ARMGOV``, ``AZEMIL``, ``IGOCSTO``); ``None`` when
    the mention could not be resolved (kept, never dropped, so that a user can
    see what the registry lacks).
    """

    start: int  # char offset in clean text
    end: int
    text: str
    code: str | None
    name: str | None
    country: str | None  # ISO 3166-1 alpha-3, or None
    org: str | None  # organisation short name (CSTO, NATO, ...) or None
    role: str | None  # sector code: GOV, MIL, LEG, JUD, OPP, CVL, MED, BUS, REB, PKO, ...
    entity_id: str | None = None  # registry id (state / organisation / person id)
    person: str | None = None  # person's registry name when the mention is a person
    how: str = "registry"  # registry | metonym | possessive | agent | coref | context | ner | dictionary
    label: str | None = None  # NER label when NER was involved
    antecedent: tuple[int, int] | None = None  # for coref: the span it points back to

    @property
    def resolved(self) -> bool:
        return self.code is not None

    def brief(self) -> dict[str, Any]:
        """The public actor object of the event contract."""
        return {
            "code": self.code,
            "name": self.name,
            "country": self.country,
            "org": self.org,
            "role": self.role,
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TimeExpression:
    """A temporal expression normalised against the publication date."""

    start: int
    end: int
    text: str
    value: str | None  # ISO date of the start of the period (YYYY-MM-DD) or None
    end_value: str | None  # ISO date of the last day of the period, when a range
    granularity: str  # day | week | month | year | unknown
    exact: bool  # True when fully stated in the text, False when inferred/relative
    how: str = ""  # short explanation: "absolute", "relative to publication", ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PlaceMention:
    """A place resolved to a country and coordinates."""

    start: int
    end: int
    text: str
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    place_id: str | None = None
    kind: str | None = None  # city | region | lake | corridor | country | an ISO 3166-2 type (province, oblast ...)
    level: str | None = None  # country | admin1 | city | feature (None when unresolved)

    def brief(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SentenceInfo:
    """One sentence of the clean text and the date that governs it."""

    index: int
    start: int
    end: int
    text: str
    date: str | None  # ISO date
    date_precision: str  # day | week | month | year | document
    date_from: str  # "timex" (an expression in the sentence), "story" (the day the story's account is of), or "document"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Quote:
    """A direct or indirect quotation with its speaker."""

    sent_index: int
    start: int  # offsets of the quoted text
    end: int
    text: str
    speaker: ActorMention | None
    kind: str  # direct | indirect

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict() if self.speaker else None
        return d


@dataclass(frozen=True)
class CodedEvent:
    """One event coded from one sentence of one document (an event *mention*).

    Cross-document merging later groups mentions of the same real event.
    """

    sent_index: int
    sent_start: int
    sent_end: int
    sentence: str
    source: ActorMention
    target: ActorMention | None
    cameo: str  # full CAMEO code, e.g. "0233"
    trigger_start: int  # offsets of the predicate words
    trigger_end: int
    trigger: str
    pattern_id: str  # which pattern matched (for explanation and recode diffs)
    negated: bool = False
    modality: str = "asserted"  # asserted | claimed | future | hypothetical | threatened
    claimed_by: ActorMention | None = None
    date: str | None = None
    date_precision: str = "document"
    location: PlaceMention | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["source"] = self.source.to_dict()
        d["target"] = self.target.to_dict() if self.target else None
        d["claimed_by"] = self.claimed_by.to_dict() if self.claimed_by else None
        d["location"] = self.location.to_dict() if self.location else None
        return d
