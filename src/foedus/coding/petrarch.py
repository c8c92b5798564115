"""PETRARCH / Phoenix verb dictionaries as foedus event patterns.

Why: users migrating from PETRARCH keep years of curated verb patterns; they
should be able to hand ``CAMEO.2.0.txt`` (or their own file in that format) to
foedus and have those patterns coded beside ours. PETRARCH matches patterns
against a constituency parse word by word; foedus matches a head lemma and
constraints on its dependents (:class:`foedus.coding.patterns.Pattern`). What
translates cleanly is converted; the rest is reported, one problem per
pattern line, never raised.

How a pattern is translated (``*`` is the verb):

- every verb form of the block gets the block's patterns; a form's own code
  (``ASK [020]``) or else the block's code gives the form's default pattern;
  ``[---]`` gives none;
- words after the verb form its object phrase: the last word is the object
  (matched by lemma or surface form), an earlier word is a modifier
  (``* DIPLOMATIC TIES`` -> object ``ties``, modifier ``diplomatic``);
  ``{WORDS}`` is read the same way; words joined by ``_`` there
  (``* &TIETYPES_MEMOS FROM``, ``* MEMOS_ON_&TIETYPES``) and a set member of
  several words (``AUSTRIAN GOLD FLORIN``) are runs of adjacent words in the
  verb's phrase (``Pattern.after``), a preposition inside a run included;
  a particle right after the verb
  (``* OFF``, ``* DOWN NEWS``) becomes the pattern's particle;
- a preposition (``* FOR``, ``* (TO)``) becomes the pattern's ``prep``;
  ``$``/``+``/``%`` after a preposition put the source/target in that
  preposition's phrase; ``+`` before the verb makes the subject the target;
  ``%`` before the verb marks a compound subject (every ordered pair);
- ``&SET`` expands to its members (sets inside sets too); single-word
  alternatives with the same other constraints share one pattern;
- ``[a:b]`` codes ``a`` source->target and ``b`` target->source: ``a == b``
  is a symmetric pattern, ``[:b]`` swaps the slots, and ``a != b`` keeps
  ``b`` in the pattern id (``...|rev=b``), from which
  :func:`reciprocal_events` adds the reversed event.

- words before the verb (``SAID *``, ``&NEGATVAUXVRB *``) become ``before``;
  words joined by ``_`` there must be adjacent, and each word adds to the
  pattern's specificity (the longest matching pattern wins per verb);
  a set of prepositions (``* &PREPOSIT1 RESOLUTION``) gives one pattern per
  preposition; ``% *`` needs a coordinated subject; a single word after the
  verb is the object or a modifier of any object (``* DIPLOMATIC``);
  ``[---]`` patterns suppress the block's code.

Not expressible in foedus patterns, hence reported and skipped: several
prepositions in one line, multi-word forms other than verb + particle or
preposition, and (when codes are checked) codes outside the CAMEO codebook.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

from ..records import CodedEvent
from .codebook import Codebook, default_codebook
from .patterns import DEFAULT_SOURCE, DEFAULT_TARGET, SUPPRESSED, Pattern
from .petrarch_verbs import Code, Problem, RawPattern, VerbBlock, VerbDictionary, VerbForm, read_verb_dictionary

PREPOSITIONS = frozenset({
    "about", "across", "after", "against", "along", "amid", "among", "around", "as", "at", "before",
    "behind", "between", "by", "despite", "during", "for", "from", "in", "inside", "into", "near", "of",
    "on", "onto", "over", "through", "to", "toward", "towards", "under", "until", "upon", "with", "within",
    "without",
})
PARTICLES = frozenset({"off", "down", "up", "out", "away", "back", "aside", "forward"})
MARKERS = frozenset({"$", "+", "%"})
MAX_ALTERNATIVES = 400  # synonym-set expansions of one pattern line
# PETRARCH looks for the target anywhere in the verb phrase: our default slots, then the phrase
PHRASE_TARGET = (*DEFAULT_TARGET, "phrase")


@dataclass
class Conversion:
    """Patterns converted from one file, with the lines that could not be, and counts."""

    patterns: list[Pattern] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    blocks: int = 0
    pattern_lines: int = 0
    converted_lines: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # reason kind -> pattern lines
    lossy: int = 0
    seconds: float = 0.0

    def skip(self, where: str, kind: str, reason: str) -> None:
        self.skipped[kind] = self.skipped.get(kind, 0) + 1
        self.problems.append(Problem(where, f"{kind}: {reason}"))


@dataclass(frozen=True)
class _Shape:
    """A pattern line understood in foedus terms, before set expansion."""

    phrase: tuple[str, ...] = ()  # object phrase tokens (words or &SETs), in order
    particle: str | None = None
    prep: str | None = None
    source: tuple[str, ...] = DEFAULT_SOURCE
    target: tuple[str, ...] = PHRASE_TARGET
    symmetric: bool = False
    before: tuple[str, ...] = ()  # words/&SETs before the verb, in order
    pp_object: str | None = None  # the noun inside the prepositional phrase (a word or &SET)
    compound: bool = False  # "% *": the subject must be coordinated ("X and Y agree")
    runs: tuple[tuple[str, ...], ...] = ()  # the phrase tokens by run: tokens joined by "_" share one


class _Untranslatable(ValueError):
    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind


_AUXILIARIES = frozenset({"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will",
                          "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does",
                          "did", "not", "now"})


def _is_word(tok: str) -> bool:
    return tok not in MARKERS and tok not in {"*", "^", "_", "(", ")", "{", "}"}


def _shape(tokens: tuple[str, ...]) -> _Shape:
    """Interpret a tokenised pattern; raises _Untranslatable with the reason."""
    star = tokens.index("*")
    before = [t for t in tokens[:star] if t not in {"_", "^"}]
    # words joined by "_" must be adjacent ("MOST_CERTAINLY_&NEGATVAUXVRB_EVER *"): one group each
    groups: list[list[str]] = []
    joined = False
    for t in tokens[:star]:
        if t == "_":
            joined = True
            continue
        if _is_word(t) and t not in {"(", ")", "{", "}"}:
            if joined and groups:
                groups[-1].append(t)
            else:
                groups.append([t])
        joined = False
    if groups and star > 0 and tokens[star - 1] == "_":
        groups[-1].append("*")  # "RECENTLY_*": the words end right before the verb
    words_before = tuple(" ".join(g) for g in groups)
    source, target, symmetric = DEFAULT_SOURCE, PHRASE_TARGET, False
    if "%" in before:
        source, target, symmetric = ("subj",), ("none",), True
    elif "+" in before and any(_is_word(t) and t.lower() not in _AUXILIARIES
                               for t in tokens[tokens.index("+") + 1:star]):
        # "+ HOSTING * TABASKI": the actor before a (non-auxiliary) word before the verb is the
        # subject of the verb governing ours ("Mordor will be hosting X to celebrate ...")
        source, target = DEFAULT_SOURCE, ("head_subj", "subj", "obj")
    elif "+" in before:
        # the actor written before the verb: its subject, for a passive the patient
        # ("Ithilen's militia was freed from X": the 'obj' slot of a passive verb)
        source, target = ("obj",), ("subj", "obj")
    phrase: list[str] = []
    particle: str | None = None
    prep: str | None = None
    pp_words: list[str] = []
    in_pp = False
    skipped = False  # a "^" after the preposition: the marker names what follows the skipped phrase
    slot_prep: str | None = None  # a second preposition carrying the marker ("EID AT ^ WITH +")
    runs: list[list[str]] = []
    joined = in_phrase = False
    for tok in tokens[star + 1:]:
        if tok == "_":
            joined = True
            continue
        was_joined, was_in_phrase = joined, in_phrase
        joined = in_phrase = False
        if was_joined and was_in_phrase and _is_word(tok) and tok not in {"(", ")", "{", "}"}:
            # "MEMOS_ON_&TIETYPES": adjacent words of the phrase, a preposition among them included
            phrase.append(tok)
            runs[-1].append(tok)
            in_phrase = True
            continue
        if tok == "^":
            skipped = prep is not None or bool(phrase)
            continue
        if tok in {"{", "}"}:
            continue
        if tok in {"(", ")"}:
            in_pp = tok == "("
            continue
        if tok in MARKERS:
            slot = slot_prep or prep or "obj"
            if skipped and slot_prep is None and prep is not None:
                slot = f"after:{prep}"  # "IFTAR IN ^ +": the actor after the skipped phrase
            elif prep is None and phrase:
                # "* MONEY $": the actor named after the object words ("received money from X");
                # "* TABASKI ^ $": the one after the next actor
                slot = "after:obj^" if skipped else "after:obj"
            if tok == "$":
                source = (slot,)
            elif tok == "%" and slot == "between":
                source, target, symmetric = ("between",), ("none",), True
            else:  # "+", or "%" (a compound target)
                target = (slot,)
            continue
        low = tok.lower()
        if prep is None and particle is None and not phrase and not in_pp and low in PARTICLES:
            particle = low
        elif low in PREPOSITIONS:
            if prep is not None:
                if slot_prep is not None:
                    raise _Untranslatable("several prepositions", f"prepositions {prep!r}, {slot_prep!r} and {low!r}")
                # "* EID AT ^ WITH +": the first phrase is required, the second holds the actor
                slot_prep = low
                continue
            prep = low
            skipped = False
        elif slot_prep is not None:
            raise _Untranslatable("several prepositions", f"words in a second phrase ({slot_prep!r} {tok})")
        elif prep is not None:
            pp_words.append(tok)
        else:
            phrase.append(tok)
            runs.append([tok])
            in_phrase = True
    # the noun inside a prepositional phrase: its last word (earlier words are its modifiers,
    # which foedus does not check there)
    pp_object = pp_words[-1] if pp_words else None
    return _Shape(tuple(phrase), particle, prep, source, target, symmetric, words_before, pp_object,
                  "%" in before, tuple(tuple(r) for r in runs))


def _expand(token: str, synsets: dict[str, list[tuple[str, ...]]], depth: int = 0) -> list[tuple[str, ...]]:
    """Phrases (word tuples) a pattern token stands for."""
    if not token.startswith("&"):
        return [(token.lower(),)]
    name = token.rstrip("_").upper()
    if name not in synsets:
        raise _Untranslatable("unknown synonym set", f"{name} is not defined")
    if depth > 5:
        raise _Untranslatable("unknown synonym set", f"{name} nests too deep")
    out: list[tuple[str, ...]] = []
    for member in synsets[name]:
        if len(member) == 1 and member[0].startswith("&"):
            out.extend(_expand(member[0], synsets, depth + 1))
        else:
            out.append(member)
    return out


def noun_forms(word: str) -> frozenset[str]:
    """A dictionary word and its likely singular, since spaCy lemmas are singular."""
    w = word.lower()
    forms = {w}
    if len(w) > 3 and w.endswith("ies"):
        forms.add(w[:-3] + "y")
    elif len(w) > 3 and w.endswith(("ses", "xes", "ches", "shes")):
        forms.add(w[:-2])
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        forms.add(w[:-1])
    return frozenset(forms)


def verb_lemmas(word: str) -> list[str]:
    """The form as written plus a base-form guess for -ed/-ing forms ("called" -> "call")."""
    w = word.lower()
    out = [w]
    for suffix in ("ed", "ing"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix):
            stem = w[: -len(suffix)]
            out.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            out.append(stem + "e")
    if w.endswith("ied") and len(w) > 4:
        out.append(w[:-3] + "y")
    return list(dict.fromkeys(out))


def _irregular(word: str) -> bool:
    """A form that may be an irregular verb form ("left", "told"): no regular -ed/-ing/-s ending.

    Its block is read as that word form before the lemma's block ("left"
    is coded by LEFT [032:033], not by LEAVE [012]).
    """
    w = word.lower()
    return len(verb_lemmas(w)) == 1 and not w.endswith("s")


def _object_alternatives(phrase: tuple[str, ...], synsets: dict[str, list[tuple[str, ...]]]
                         ) -> tuple[list[tuple[frozenset[str], frozenset[str]]], bool]:
    """(objects, modifiers) alternatives of an object phrase, and whether modifiers were dropped.

    The last word is the object; one earlier word is the modifier. With
    several, a literal word is kept before a set member, the leftmost first.
    """
    if not phrase:
        return [(frozenset(), frozenset())], False
    choices = [[(words, tok.startswith("&")) for words in _expand(tok, synsets) if len(words) == 1]
               for tok in phrase]  # a set member of several words is a run of adjacent words (_after_alternatives)
    total = 1
    for c in choices:
        total *= len(c)
    if total > MAX_ALTERNATIVES:
        raise _Untranslatable("too many alternatives", f"{total} synonym-set combinations (limit {MAX_ALTERNATIVES})")
    lossy = False
    grouped: dict[frozenset[str], set[str]] = {}
    for combo in itertools.product(*choices):
        words = [(w, from_set) for part, from_set in combo for w in part]
        if not words:
            continue
        head, mods = words[-1][0], words[:-1]
        grouped.setdefault(frozenset(m for m, _ in mods), set()).update(noun_forms(head))
    return [(frozenset(objs), mods) for mods, objs in grouped.items()], lossy


def _after_alternatives(runs: tuple[tuple[str, ...], ...], synsets: dict[str, list[tuple[str, ...]]]
                        ) -> list[tuple[str, ...]]:
    """Runs of adjacent words after the verb (``Pattern.after``), one tuple per set combination.

    Used where the phrase has words joined by ``_`` (``* &TIETYPES_MEMOS FROM``,
    ``* MEMOS_ON_&TIETYPES``: every combination), else only for the
    combinations that take a set member of several words (``AUSTRIAN GOLD
    FLORIN``); the others keep the object and its modifiers.
    """
    joined = any(len(r) > 1 for r in runs)
    choices = [[m for m in _expand(tok, synsets)] for run in runs for tok in run]
    total = 1
    for c in choices:
        total *= len(c)
    if total > MAX_ALTERNATIVES:
        raise _Untranslatable("too many alternatives", f"{total} synonym-set combinations (limit {MAX_ALTERNATIVES})")
    out: list[tuple[str, ...]] = []
    for combo in itertools.product(*choices):
        if not joined and all(len(m) == 1 for m in combo):
            continue
        parts = iter(combo)
        out.append(tuple(" ".join(w for _ in run for w in next(parts)) for run in runs))
    return list(dict.fromkeys(out))


def _preposition_variants(tokens: tuple[str, ...], synsets: dict[str, list[tuple[str, ...]]]
                          ) -> list[tuple[str, ...]]:
    """The token sequences a pattern stands for once each set of prepositions is spelled out.

    ``* &PREPOSIT1 RESOLUTION`` with ``&PREPOSIT1 = AGAINST, IN, ON, ...`` is
    ``* AGAINST RESOLUTION``, ``* IN RESOLUTION``, ...: the set fills the
    preposition of the pattern, not a modifier of its object.
    """
    out: list[tuple[str, ...]] = [()]
    for tok in tokens:
        members = _expand(tok, synsets) if tok.startswith("&") else None
        if members and all(len(m) == 1 and m[0].lower() in PREPOSITIONS for m in members):
            out = [(*seq, m[0].upper()) for seq in out for m in members]
        else:
            out = [(*seq, tok) for seq in out]
    return out


def _word_alternatives(groups: tuple[str, ...], synsets: dict[str, list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
    """Phrase sequences a run of pre-verb token groups stands for (sets expanded).

    Each group (tokens joined by spaces, adjacent in the text) becomes one
    phrase; a multi-word set member ("did n't") is a phrase of adjacent words.
    """
    if not groups:
        return [()]
    choices: list[list[str]] = []
    for group in groups:
        parts = [_expand(t, synsets) for t in group.split()]
        choices.append([" ".join(w.lower() for member in combo for w in member)
                        for combo in itertools.product(*parts)])
    total = 1
    for c in choices:
        total *= len(c)
    if total > MAX_ALTERNATIVES:
        raise _Untranslatable("too many alternatives", f"{total} synonym-set combinations (limit {MAX_ALTERNATIVES})")
    out = [tuple(combo) for combo in itertools.product(*choices)]
    return list(dict.fromkeys(out))


def _codes(code: Code) -> tuple[str | None, bool, str | None, bool]:
    """(code, symmetric, reverse code kept in the id, slots swapped)."""
    fwd, rev = code.forward, code.reverse
    if fwd and rev and fwd == rev:
        return fwd, True, None, False
    if fwd:
        return fwd, False, rev, False
    if rev:
        return rev, False, None, True
    return None, False, None, False


class _Converter:
    def __init__(self, d: VerbDictionary, codebook: Codebook | None) -> None:
        self.d = d
        self.codebook = codebook
        self.out = Conversion(problems=list(d.problems), blocks=len(d.blocks))
        self.stem = Path(d.path).name
        self._seen: set[tuple] = set()

    def where(self, line: int) -> str:
        return f"{self.d.path}:{line}"

    def code_ok(self, code: str, line: int) -> bool:
        if self.codebook is not None and self.codebook.get(code) is None:
            self.out.skip(self.where(line), "not a CAMEO code", f"code {code} is not in the codebook")
            return False
        return True

    def run(self) -> Conversion:
        for block in self.d.blocks:
            self.block(block)
        return self.out

    def block(self, block: VerbBlock) -> None:
        forms = [f for f in block.forms if self.form_ok(f)]
        if not block.forms:
            # PETRARCH treats the block name as its only verb form.
            forms = [VerbForm(block.name.lower().replace("_", " ").split()[0], line=block.line)]
        for form in forms:
            code = form.code or block.code
            self.emit(form, (), code, form.line or block.line)
        for raw in block.patterns:
            self.pattern(raw, forms)

    def form_ok(self, form: VerbForm) -> bool:
        if len(form.after) > 1 or (form.after and form.after[0] not in PREPOSITIONS | PARTICLES):
            self.out.skip(self.where(form.line), "multi-word form",
                          f"form '{form.verb} {' '.join(form.after)}' (only verb + particle is expressible)")
            return False
        return True

    def pattern(self, raw: RawPattern, forms: list[VerbForm], variant: str = "") -> None:
        self.out.pattern_lines += 1
        where = self.where(raw.line)
        code, symmetric, reverse, swap = _codes(raw.code)
        if code is not None and (not self.code_ok(code, raw.line) or (reverse and not self.code_ok(reverse, raw.line))):
            return
        try:
            variants = _preposition_variants(raw.tokens, self.d.synsets)
        except _Untranslatable as exc:
            self.out.skip(where, exc.kind, str(exc))
            return
        if len(variants) > 1:
            # a set of prepositions (``* &PREPOSIT1 RESOLUTION``): one pattern per preposition
            self.out.pattern_lines -= len(variants) - 1
            converted = self.out.converted_lines
            for n, tokens in enumerate(variants, 1):
                self.pattern(replace(raw, tokens=tokens), forms, f"/{n}")
            self.out.converted_lines = min(self.out.converted_lines, converted + 1)
            return
        try:
            shape = _shape(raw.tokens)
            afters = _after_alternatives(shape.runs, self.d.synsets)
            if any(len(r) > 1 for r in shape.runs):
                alternatives, lossy = [], False  # the whole phrase is matched as runs of words
            else:
                alternatives, lossy = _object_alternatives(shape.phrase, self.d.synsets)
                alternatives = [a for a in alternatives if a[0] or not shape.phrase]
            befores = _word_alternatives(shape.before, self.d.synsets)
            # a member of several words ("TOTAL BOYCOTT") keeps its words: adjacent in the text
            pp_objects = (frozenset(" ".join((*(x.lower() for x in words[:-1]), w))
                                    for words in _expand(shape.pp_object, self.d.synsets)
                                    for w in noun_forms(words[-1]))
                          if shape.pp_object else frozenset())
            if len(alternatives) * len(befores) > MAX_ALTERNATIVES:
                raise _Untranslatable("too many alternatives", f"{len(alternatives) * len(befores)} combinations")
        except _Untranslatable as exc:
            self.out.skip(where, exc.kind, str(exc))
            return
        if lossy:
            self.out.lossy += 1
        if swap:
            shape = replace(shape, source=shape.target if shape.target not in (("none",), PHRASE_TARGET) else DEFAULT_TARGET,
                            target=shape.source)
        self.out.converted_lines += 1
        n = 0
        combos = [(o, m, b, ()) for o, m in alternatives for b in befores]
        combos += [(frozenset(), frozenset(), b, a) for a in afters for b in befores]
        for form in forms:
            for objects, mods, before, after in combos:
                n += 1
                tag = (f"#{n}" if len(combos) > 1 else "") + variant
                self.emit(form, (objects, mods, shape, before, pp_objects, after), raw.code, raw.line, tag)
            if len(shape.phrase) == 1 and not shape.phrase[0].startswith("&"):
                # one word after the verb may be the object ("* RELATIONS") or the first word of the
                # object phrase ("* DIPLOMATIC" matches "renewed diplomatic ties"): any object so modified
                for before in befores:
                    self.emit(form, (frozenset({"*"}), frozenset({shape.phrase[0].lower()}), shape, before, pp_objects, ()),
                              raw.code, raw.line, f"~mod{variant}")

    def emit(self, form: VerbForm, spec: tuple, code_obj: Code, line: int, tag: str = "") -> None:
        code, symmetric, reverse, swap = _codes(code_obj)
        suppress = code is None
        if suppress and not spec:
            return  # a form or block coded [---] has no default pattern
        if not spec and (not self.code_ok(code, line) or (reverse and not self.code_ok(reverse, line))):
            return
        particle = form.after[0] if form.after and form.after[0] in PARTICLES else None
        prep = form.after[0] if form.after and particle is None else None
        objects: frozenset[str] = frozenset()
        mods: frozenset[str] = frozenset()
        # words of a multi-word form before the verb ("WIRE_+TAP") stand right before it
        before: tuple[str, ...] = (" ".join((*(w.lower() for w in form.before), "*")),) if form.before else ()
        pp_objects: frozenset[str] = frozenset()
        after: tuple[str, ...] = ()
        source, target = DEFAULT_SOURCE, PHRASE_TARGET
        compound = False
        if swap:
            source, target = DEFAULT_TARGET, DEFAULT_SOURCE
        if spec:
            objects, mods, shape, extra_before, pp_objects, after = spec
            particle = shape.particle or particle
            prep = shape.prep or prep
            source, target = shape.source, shape.target
            symmetric = symmetric or shape.symmetric
            before = (*extra_before, *before)
            compound = shape.compound
        for n_lemma, lemma in enumerate(verb_lemmas(form.verb)):
            head = "_".join((lemma, *form.after))
            pid = f"{self.stem}:{line}:{head}:{code or SUPPRESSED}{tag}"
            key = (lemma, code, objects, mods, particle, prep, source, target, symmetric, reverse, before, pp_objects,
                   compound, after)
            if key in self._seen:
                continue
            self._seen.add(key)
            self.out.patterns.append(Pattern(
                id=pid, lemma=lemma, code=code or SUPPRESSED, objects=objects, particle=particle, prep=prep,
                modifiers=mods, pos="verb", source=source, target=target, symmetric=symmetric,
                origin=f"{self.stem}:{line}", converted=True, prep_objects=pp_objects if prep else frozenset(),
                all_modifiers=len(mods) > 1, before=before, suppress=suppress, reverse_code=reverse,
                compound_source=compound, word_form=n_lemma == 0 and _irregular(form.verb),
                in_phrase=bool(objects) and "*" not in objects and not prep and not particle, after=after,
            ))


def convert_verb_dictionary(path: Path | str, *, check_codes: bool = True,
                            codebook: Codebook | None = None) -> Conversion:
    """Read and convert one verb dictionary, with counts of what did not map.

    ``check_codes`` skips (and reports) patterns whose code is not in the CAMEO
    codebook; test dictionaries with private codes turn it off.
    """
    started = time.perf_counter()
    d = read_verb_dictionary(path)
    cb = (codebook or default_codebook()) if check_codes else None
    out = _Converter(d, cb).run()
    out.seconds = time.perf_counter() - started
    return out


def load_verb_dictionary(path: Path | str, *, check_codes: bool = True) -> tuple[list[Pattern], list[Problem]]:
    """foedus patterns from a PETRARCH/Phoenix verb dictionary, and the problems found.

    Hand the patterns to :meth:`PatternSet.of` beside our own; each problem is
    ``file:line: kind: reason``.
    """
    conv = convert_verb_dictionary(path, check_codes=check_codes)
    return conv.patterns, conv.problems


def reverse_code(pattern_id: str) -> str | None:
    """The target->source code an ``[a:b]`` pattern id of older conversions carried (``...|rev=b``).

    Converted patterns now carry it in :attr:`Pattern.reverse_code` and the
    coder codes the reciprocal event itself.
    """
    _, sep, rev = pattern_id.partition("|rev=")
    return rev or None if sep else None


def reciprocal_events(events: Iterable[CodedEvent]) -> list[CodedEvent]:
    """The events plus the reversed event of any old-style ``|rev=`` pattern id (see :func:`reverse_code`)."""
    out: list[CodedEvent] = []
    for ev in events:
        out.append(ev)
        rev = reverse_code(ev.pattern_id or "")
        if rev and ev.target is not None:
            out.append(replace(ev, source=ev.target, target=ev.source, cameo=rev,
                               extra={**(ev.extra or {}), "reciprocal_of": ev.cameo}))
    return out
