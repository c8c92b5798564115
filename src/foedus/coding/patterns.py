"""Event patterns: the user-extensible knowledge of which predicate means which code.

Format ``foedus-patterns/1`` (YAML; the full description is in the header of
``data/coding/patterns/01_statements.yaml`` and summarised here). A file holds
``patterns:``, a list of entries; each entry is a mapping:

``lemma``
    the predicate's head word as a lemma (``attack``), or a list of lemmas
    (one pattern per lemma), or a multiword ``"launch attack"``: the first
    word is the head and the remaining word the lemma of its direct object
    (same as ``object:``). Verbs, nouns and gerunds all match by lemma.
``code``
    the CAMEO code (quote it: ``"0232"``).
``object`` / ``particle`` / ``prep`` / ``modifier``
    optional constraints: the direct object (or passive subject) has one of
    these lemmas; the verb has this particle (``call off``); the head or its
    object has a prepositional phrase with this preposition; the head or its
    object has one of these adjective/compound modifiers (``military aid``).
``prep_object``
    with ``prep``: the preposition's object has one of these lemmas
    ("appealed for sanctions": ``prep: for, prep_object: [sanction]``).
``all_modifiers``
    true when every listed ``modifier`` must be present ("new diplomatic
    ties"), not just one of them.
``complement``
    lemma(s) of an object complement: the second noun of "called the
    blockade a provocation" or the ``as`` phrase of "described the move as a
    violation"; ``"*"`` for any; an adjective and noun ("wrong decision")
    needs that adjective on the noun. Such a verb evaluates its object; the
    special target slot ``evaluated`` finds who is evaluated (see below).
``before``
    word(s) that must come before the predicate in its clause, in this
    order, within a few words ("said it would *": ``before: [said]``; "will
    not *": ``before: [will, not]``); other words may come between two
    entries, but the words of one entry of several words must be adjacent
    (``before: ["did n't"]``).
``suppress``
    true: a predicate matching this pattern is not an event, whatever less
    specific patterns of the same lemma say ("call X a Y" is no phone call).
``compound_source``
    true when the pattern only applies to a coordinated subject ("Armenia
    and Azerbaijan agreed": a joint act, usually with ``symmetric``).
``reverse_code``
    the code of the reciprocal event, coded from the target back to the
    source ("received a visit from X": X visited, the subject hosted).
``pos``
    ``verb``, ``noun`` or ``any`` (default).
``source`` / ``target``
    where the actors are, a list of slots tried in order (the first slot
    that yields an actor wins). Slots: ``subj`` (subject; for a passive verb
    the ``by`` agent), ``obj`` (direct object; for a passive verb the
    subject), ``iobj`` (indirect object), ``by`` (``by``-phrase of a noun or
    gerund), ``poss`` (possessor ``X's`` or actor adjective ``Azerbaijani``),
    ``place`` (a place named in the object or a
    ``to``/``in``/``into``/``at`` phrase, standing for its country: "visited
    Yerevan" -> ARM; only tried when the earlier slots found no actor),
    ``evaluated`` (the actor an evaluation is about: the object's own actor,
    else the source of the event the object names in this sentence, else
    for a definite noun ("the blockade", "the move") the source of the
    latest such event earlier in the document; see ``evaluation_verbs`` in
    cues.yaml),
    ``phrase`` (PETRARCH's reading: the first named actor after the
    predicate inside its object, complement, prepositional or dative phrases,
    not inside adverbial, relative or appositive clauses: "welcomed a
    resumption of ties with Osgiliath" -> Osgiliath),
    ``crowd`` (an unnamed crowd located by a place: "protesters in Yerevan"
    -> ARMCVL; see ``crowd_nouns`` in cues.yaml), ``governor`` (for a noun carried by a support verb such as ``launched an
    attack``: that verb's subject), ``between`` (``between X and Y``: all
    pairs, both ways), ``none``, or a preposition (``on``, ``against``,
    ``with``, ``to``, ``from``, ...). Defaults: source
    ``[subj, by, poss, governor, crowd]``, target ``[obj, on, against, with, to]``.
A place standing for its country: when a target slot listed in
``place_target_slots`` (cues.yaml; obj, on, at, against, into) holds a
place and no named actor ("shelled Jermuk and Goris"), the place's country
is the target, provided it differs from the source's country ("Azerbaijani
forces shelled Jermuk" -> ARM; "Armenian forces shelled Goris" -> none).

``needs_target``
    true when the predicate means nothing without a target: an event is
    coded only when a target actor is found ("came to Armenia" but not "is
    coming to an end").
``symmetric``
    true for joint acts (meet, sign, exchange fire): both directions are coded.
``frame``
    ``appeal|demand|intend|reject|threaten|accuse``: the code comes from the
    governed event through ``data/coding/frames.yaml`` (``code`` is the
    fallback when the complement is not recognised).
``id``
    optional; default ``<file stem>:<lemma>[+object]:<code>``.

In Python a pattern is a frozen :class:`Pattern`; a converter from another
dictionary format builds ``Pattern(...)`` objects and hands them to
:class:`PatternSet` directly.
"""

from __future__ import annotations

import re
from functools import cached_property
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from spacy.attrs import LEMMA, LOWER, TAG
from spacy.tokens import Doc

from ..memo import MEMO_SIZE, Memo
from .codebook import Codebook, default_codebook
from .problems import LoadProblem, report
from .yamlfile import LINE_KEY, format_name, load_yaml

FORMAT = "foedus-patterns/1"
SPECIAL_SLOTS = frozenset({"subj", "obj", "iobj", "by", "poss", "governor", "between", "none", "place", "crowd",
                           "evaluated", "phrase", "clause_subj", "comp_subj", "agent_subj", "answered", "act_target"})
FRAMES = frozenset({"appeal", "demand", "intend", "reject", "threaten", "accuse"})
SUPPRESSED = "---"  # the code of a suppressing pattern ("no event")
DEFAULT_SOURCE = ("subj", "by", "poss", "governor", "crowd")
DEFAULT_TARGET = ("obj", "on", "against", "with", "to")
_KEYS = {"id", "lemma", "code", "object", "particle", "prep", "modifier", "pos", "source", "target",
         "symmetric", "frame", "note", "needs_target", "prep_object", "all_modifiers", "complement", "before",
         "suppress", "reverse_code", "compound_source", LINE_KEY}
_WORD = re.compile(r"^[a-z][a-z'\-]*$")


@dataclass(frozen=True)
class Pattern:
    """One predicate -> CAMEO code rule, with where to find its actors."""

    id: str
    lemma: str
    code: str
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    prep: str | None = None
    modifiers: frozenset[str] = frozenset()
    pos: str = "any"
    source: tuple[str, ...] = DEFAULT_SOURCE
    target: tuple[str, ...] = DEFAULT_TARGET
    symmetric: bool = False
    frame: str | None = None
    needs_target: bool = False
    origin: str = ""  # file:line
    converted: bool = False  # converted from a PETRARCH verb dictionary: PETRARCH's conventions apply
    prep_objects: frozenset[str] = frozenset()  # lemmas of the object of ``prep``
    all_modifiers: bool = False  # every modifier required, not one of them
    complement: frozenset[str] = frozenset()  # object complement lemmas ("called X a <provocation>")
    before: tuple[str, ...] = ()  # words before the predicate, in order
    suppress: bool = False  # a match means "no event"
    reverse_code: str | None = None  # code of the reciprocal event (target -> source)
    compound_source: bool = False  # the subject must be coordinated ("X and Y agreed")
    word_form: bool = False  # the lemma is a word form of its own ("left" beside "leave"): it wins on that word
    in_phrase: bool = False  # object words may stand anywhere in the predicate's phrase (converted dictionaries)
    after: tuple[str, ...] = ()  # word runs in the predicate's phrase after it, in order; the words of a run adjacent

    @property
    def specificity(self) -> int:
        """More constraints win over fewer when several patterns share a head."""
        objects = 1 if self.objects == frozenset({"*"}) else 2 * bool(self.objects)
        complement = 1 if self.complement == frozenset({"*"}) else 2 * bool(self.complement)
        mods = (len(self.modifiers) if self.all_modifiers else 1) if self.modifiers else 0
        return (objects + bool(self.particle) + bool(self.prep) + mods + 2 * bool(self.prep_objects)
                + complement + sum(len([x for x in w.split() if x != "*"]) for w in self.before)
                + sum(len(w.split()) for w in self.after)
                + self.compound_source)


def lookup_keys(low: str, lemma: str, tag: str) -> tuple[str, ...]:
    """Look-up keys of a token (lower-case word, lemma, fine tag): the lemma, the word, and for a verb its regular stem.

    The small lemmatiser slips on a few verbs ("installed" -> "instal");
    a regular -ed/-s/-ing stem of the word is tried after the lemma.
    """
    keys = [lemma.lower(), low]
    if tag in ("VBD", "VBN") and low.endswith("ed"):
        keys += [low[:-2], low[:-1]]
    elif tag == "VBZ" and low.endswith("s"):
        keys += [low[:-1]]
    elif tag == "VBG" and low.endswith("ing"):
        keys += [low[:-3], low[:-3] + "e"]
    return tuple(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class PatternSet:
    """Patterns indexed by head lemma, most specific first."""

    by_lemma: dict[str, tuple[Pattern, ...]]
    problems: tuple[LoadProblem, ...] = ()

    @classmethod
    def of(cls, patterns: Iterable[Pattern], problems: Iterable[LoadProblem] = ()) -> "PatternSet":
        index: dict[str, list[Pattern]] = {}
        for p in patterns:
            index.setdefault(p.lemma, []).append(p)
        # most specific first; on a tie a suppressing pattern wins ("call X Y" is no appeal either)
        frozen = {k: tuple(sorted(v, key=lambda p: (-p.specificity, not p.suppress))) for k, v in index.items()}
        return cls(frozen, tuple(problems))

    def candidates(self, *keys: str) -> tuple[Pattern, ...]:
        for key in keys:
            found = self.by_lemma.get(key)
            if found:
                return found
        return ()

    def form_candidates(self, word: str) -> tuple[Pattern, ...]:
        """Patterns written for this exact word form (an irregular form's own block)."""
        return tuple(p for p in self.by_lemma.get(word, ()) if p.word_form)

    @cached_property
    def converted_ids(self) -> frozenset[str]:
        """Ids of the patterns converted from PETRARCH dictionaries (they keep that convention)."""
        return frozenset(p.id for p in self if p.converted)

    @cached_property
    def _lookups(self) -> Memo[tuple[str, str, str], tuple[tuple[Pattern, ...], tuple[Pattern, ...]]]:
        return Memo(MEMO_SIZE)

    def lookup(self, low: str, lemma: str, tag: str) -> tuple[tuple[Pattern, ...], tuple[Pattern, ...]]:
        """The patterns a token may match: its irregular form's own block, and those of its look-up keys.

        Every token of every sentence is looked up and news repeats its words, so
        the answers are remembered per (word, lemma, tag); the set is read-only
        once built, and the memo is bounded.
        """
        memo = self._lookups
        key = (low, lemma, tag)
        found = memo.get(key)
        if found is None:
            found = memo.answer(key, lambda: (self.form_candidates(low) if low != lemma.lower() else (),
                                              self.candidates(*lookup_keys(low, lemma, tag))))
        return found

    @cached_property
    def _shape_hits(self) -> Memo[tuple[int, int, int], bool]:
        return Memo(MEMO_SIZE)

    def heads_in(self, doc: Doc) -> list[bool]:
        """Whether each token of ``doc`` has patterns to try, read from spaCy's word, lemma and
        tag columns without building a ``Token`` per word: most words of a sentence (names,
        function words) head no pattern, and the coder skips them at once. Kept per Doc."""
        key = ("foedus", "pattern_heads", id(self))
        cached = doc.user_data.get(key)
        if cached is not None and len(cached) == len(doc):
            return cached
        memo, strings = self._shape_hits, doc.vocab.strings
        out: list[bool] = []
        for low, lemma, tag in doc.to_array([LOWER, LEMMA, TAG]).tolist() if len(doc) else ():
            shape = (low, lemma, tag)
            hit = memo.get(shape)
            if hit is None:
                hit = memo.answer(shape, lambda: any(self.lookup(strings[low], strings[lemma], strings[tag])))
            out.append(hit)
        doc.user_data[key] = out
        return out

    def __iter__(self):
        for group in self.by_lemma.values():
            yield from group

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_lemma.values())

    def roots(self) -> set[str]:
        return {p.code[:2] for p in self if not p.suppress}


def _words(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v).strip().lower() for v in items]


def _slots(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    slots = tuple(_words(value))
    for s in slots:
        name = s[5:] if s.startswith("prep:") else s[6:] if s.startswith("after:") else s
        if s not in SPECIAL_SLOTS and not _WORD.match(name):
            raise ValueError(f"unknown slot {s!r}")
    return tuple(s[5:] if s.startswith("prep:") else s for s in slots)


def parse_entry(entry: Any, stem: str, origin: str, codebook: Codebook) -> list[Pattern]:
    """The patterns one YAML entry stands for; raises ValueError with the reason."""
    if not isinstance(entry, dict):
        raise ValueError("entry is not a mapping")
    unknown = set(entry) - _KEYS
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)}")
    code = str(entry.get("code", "")).strip()
    if entry.get("suppress") and not code:
        code = SUPPRESSED
    elif not re.match(r"^\d{3,4}$", code) or codebook.get(code) is None:
        raise ValueError(f"code {code!r} is not a CAMEO event code")
    lemmas = _words(entry.get("lemma"))
    if not lemmas:
        raise ValueError("missing lemma")
    pos = str(entry.get("pos", "any")).lower()
    if pos not in {"any", "verb", "noun"}:
        raise ValueError(f"pos must be verb, noun or any, not {pos!r}")
    frame = entry.get("frame")
    if frame is not None and frame not in FRAMES:
        raise ValueError(f"unknown frame {frame!r}")
    source = _slots(entry.get("source"), DEFAULT_SOURCE)
    target = _slots(entry.get("target"), DEFAULT_TARGET)
    objects = _words(entry.get("object"))
    modifiers = _words(entry.get("modifier"))
    particle = entry.get("particle")
    prep = entry.get("prep")
    prep_object = _words(entry.get("prep_object"))
    if prep_object and not prep:
        raise ValueError("prep_object needs prep")
    before = tuple(_words(entry.get("before")))
    complement = _words(entry.get("complement"))
    reverse = entry.get("reverse_code")
    if reverse is not None:
        reverse = str(reverse).strip()
        if not re.match(r"^\d{3,4}$", reverse) or codebook.get(reverse) is None:
            raise ValueError(f"reverse_code {reverse!r} is not a CAMEO event code")
    out: list[Pattern] = []
    for lemma in lemmas:
        parts = lemma.split()
        if len(parts) > 2 or not all(_WORD.match(w) for w in parts):
            raise ValueError(f"lemma {lemma!r} must be one word or 'head object'")
        objs = frozenset(objects) | frozenset(parts[1:])
        label = parts[0] + ("+" + "|".join(sorted(objs)) if objs else "")
        out.append(Pattern(
            id=str(entry.get("id") or f"{stem}:{label}:{code}") + ("" if len(lemmas) == 1 or not entry.get("id") else f":{parts[0]}"),
            lemma=parts[0], code=code, objects=objs,
            particle=str(particle).lower() if particle else None,
            prep=str(prep).lower() if prep else None,
            modifiers=frozenset(modifiers), pos=pos, source=source, target=target,
            symmetric=bool(entry.get("symmetric", False)), frame=frame,
            needs_target=bool(entry.get("needs_target", False)), origin=origin,
            prep_objects=frozenset(prep_object), all_modifiers=bool(entry.get("all_modifiers", False)),
            complement=frozenset(complement), before=before, suppress=bool(entry.get("suppress", False)),
            reverse_code=reverse, compound_source=bool(entry.get("compound_source", False)),
        ))
    return out


def read_pattern_file(path: Path, codebook: Codebook, problems: list[LoadProblem]) -> list[Pattern]:
    """All valid patterns of one file; malformed entries are reported and skipped."""
    fmt = format_name(path)
    if fmt != FORMAT:
        report(problems, str(path), 1, f"expected '# format: {FORMAT}', found {fmt!r}; file skipped")
        return []
    try:
        data = load_yaml(path)
    except Exception as exc:  # a YAML syntax error: the file cannot be read at all
        mark = getattr(exc, "problem_mark", None)
        report(problems, str(path), mark.line + 1 if mark else 1, f"YAML error: {exc}")
        return []
    entries = data.get("patterns") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        report(problems, str(path), 1, "no 'patterns:' list")
        return []
    out: list[Pattern] = []
    for entry in entries:
        line = entry.get(LINE_KEY, 0) if isinstance(entry, dict) else 0
        try:
            out.extend(parse_entry(entry, path.stem, f"{path.name}:{line}", codebook))
        except ValueError as exc:
            report(problems, str(path), line, str(exc))
    return out


def packaged_pattern_files() -> list[Path]:
    folder = Path(str(resources.files("foedus") / "data" / "coding" / "patterns"))
    return sorted(folder.glob("*.yaml"))


def load_patterns(extra_files: Iterable[str | Path] = (), codebook: Codebook | None = None,
                  include_packaged: bool = True) -> PatternSet:
    """The packaged patterns plus a user's files (later files add, never replace)."""
    cb = codebook or default_codebook()
    problems: list[LoadProblem] = []
    files = (packaged_pattern_files() if include_packaged else []) + [Path(p) for p in extra_files]
    patterns: list[Pattern] = []
    for path in files:
        if not path.exists():
            report(problems, str(path), 0, "file not found")
            continue
        patterns.extend(read_pattern_file(path, cb, problems))
    return PatternSet.of(patterns, problems)
