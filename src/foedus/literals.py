"""The words a regular expression cannot match without, as a cheap pre-test.

Python's ``re`` tries a pattern at every position of a text unless the pattern
starts with a literal; ours mostly start with a word boundary or a
look-behind, so a search over a paragraph costs the same whether or not the
paragraph holds anything like a match. Most of our patterns contain a word
that every match must contain ("cookies", "ago", "weekend"), or one of a few
("sign" or "log"). ``str.__contains__`` finds such a word many times faster
than the pattern runs, so the pattern only runs on texts that hold one.

:func:`required_literals` reads the pattern's parse tree (``re._parser``, the
parser ``re`` itself uses) and returns a set of lower-case strings one of
which every match contains, or ``None`` when it finds none worth testing.
The test is necessary, never sufficient: a text holding the word is still
searched by the pattern, so results never change (``tests/test_literals.py``).
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812  (the parser's op codes)
import re._parser as P  # noqa: N812
from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any

MIN_LENGTH = 3  # a required literal shorter than this is in nearly every text


# A required string and whether it may appear in any case (then held in lower case).
Word = tuple[str, bool]


def _seq(items: list[tuple[Any, Any]], ci: bool | None, min_length: int = MIN_LENGTH) -> frozenset[Word] | None:
    """The best requirement of a sequence: its longest literal run, or a requirement of one of its items.

    ``ci``: whether the pattern ignores case here; ``None`` when every string is
    to be taken in any case (the plain pre-test of :func:`required_literals`).
    """
    best: frozenset[Word] | None = None
    run: list[str] = []

    def score(req: frozenset[Word]) -> tuple[int, int]:
        return -len(req), min(len(w) for w, _ in req)  # fewer alternatives first, then longer words

    def consider(req: frozenset[Word] | None) -> None:
        nonlocal best
        if req and min(len(w) for w, _ in req) >= min_length and (best is None or score(req) > score(best)):
            best = req

    def word(chars: list[str]) -> frozenset[Word]:
        text = "".join(chars)
        any_case = ci is None or ci
        return frozenset({(text.lower() if any_case else text, any_case)})

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(word(run))
            run = []
        consider(_item(op, av, ci, min_length))
    if run:
        consider(word(run))
    return best


def _found_with(shorter: Word, longer: Word) -> bool:
    """Whether every text holding ``longer`` holds ``shorter`` too."""
    if shorter[1]:
        return shorter[0] in longer[0].lower()
    return not longer[1] and shorter[0] in longer[0]


def _minimal(words: frozenset[Word]) -> frozenset[Word]:
    """Drop a word that contains another of the set ("april" beside "apr"): the shorter one is found anyway."""
    return frozenset(w for w in words if not any(o != w and _found_with(o, w) for o in words))


def _item(op: Any, av: Any, ci: bool | None, min_length: int = MIN_LENGTH) -> frozenset[Word] | None:
    if op is C.SUBPATTERN:
        if ci is not None:
            ci = bool((ci or av[1] & re.IGNORECASE) and not av[2] & re.IGNORECASE)
        return _seq(list(av[-1]), ci, min_length)
    if op is C.BRANCH:
        reqs = [_seq(list(alt), ci, min_length) for alt in av[1]]
        if any(r is None for r in reqs):
            return None  # one alternative needs nothing
        return _minimal(frozenset().union(*reqs))  # type: ignore[arg-type]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _seq(list(av[2]), ci, min_length)
    return None  # an assertion, a class, an optional part: requires nothing sure


def _requirement(pattern: str | re.Pattern[str], flags: int, cased: bool,
                 min_length: int = MIN_LENGTH) -> frozenset[Word] | None:
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        tree = P.parse(pattern, flags)
    except re.error:
        return None
    return _seq(list(tree), bool(tree.state.flags & re.IGNORECASE) if cased else None, min_length)


def required_literals(pattern: str | re.Pattern[str], flags: int = 0) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or ``None``."""
    req = _requirement(pattern, flags, cased=False)
    return frozenset(w for w, _ in req) if req else None


def required_signs(pattern: str | re.Pattern[str], flags: int = 0) -> frozenset[str] | None:
    """Like :func:`required_literals`, but strings of any length count: for a pattern that needs no word
    of :data:`MIN_LENGTH` letters but a sign or a short word ("/" in "AFP/John Doe", "ok" or "agree")."""
    req = _requirement(pattern, flags, cased=False, min_length=1)
    return frozenset(w for w, _ in req) if req else None


def required_words(pattern: str | re.Pattern[str], flags: int = 0) -> frozenset[Word] | None:
    """Strings one of which every match of ``pattern`` contains, each with whether it may
    appear in any case (then in lower case) or only as written ("May", the month), or ``None``."""
    return _requirement(pattern, flags, cased=True)


# Whitespace runs longer than this in a text send its search through the whole text (see ``max_width``).
SPACE_RUN_CAP = 8
_LONG_SPACE = re.compile(r"\s{%d}" % (SPACE_RUN_CAP + 1))
_DIGITS = re.compile(r"\d+")


def _is_space(items: list[tuple[Any, Any]]) -> bool:
    """Whether a repeated item matches only white space (``\\s``, a space, a class of those)."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is C.LITERAL:
        return chr(av).isspace()
    if op is C.IN:
        return all((o is C.CATEGORY and a is C.CATEGORY_SPACE) or (o is C.LITERAL and chr(a).isspace()) for o, a in av)
    return False


def _width(items: list[tuple[Any, Any]], cap: int) -> int | None:
    total = 0
    for op, av in items:
        if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY):
            total += 1
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        elif op is C.SUBPATTERN:
            w = _width(list(av[-1]), cap)
            if w is None:
                return None
            total += w
        elif op is C.BRANCH:
            ws = [_width(list(alt), cap) for alt in av[1]]
            if any(w is None for w in ws):
                return None
            total += max(ws)  # type: ignore[type-var]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, item = av
            w = _width(list(item), cap)
            if w is None:
                return None
            if hi is C.MAXREPEAT or hi == C.MAXREPEAT:
                if not _is_space(list(item)):
                    return None
                hi = cap
            total += hi * w
        else:  # a back-reference, an atomic group, a conditional: no bound claimed
            return None
    return total


def max_width(pattern: str | re.Pattern[str], flags: int = 0, space_cap: int = SPACE_RUN_CAP) -> int | None:
    """The longest match ``pattern`` can have in a text whose white-space runs are at most
    ``space_cap`` long (``\\s+`` then matches at most that many), or ``None`` when it is unbounded."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        return _width(list(P.parse(pattern, flags)), space_cap)
    except re.error:
        return None


def _has_digit(items: list[tuple[Any, Any]]) -> bool:
    """Whether every match of a sequence holds a digit."""
    for op, av in items:
        if op is C.IN and all((o is C.CATEGORY and a is C.CATEGORY_DIGIT) or (o is C.LITERAL and chr(a).isdigit())
                              or (o is C.RANGE and chr(a[0]).isdigit() and chr(a[1]).isdigit()) for o, a in av):
            return True
        if op is C.LITERAL and chr(av).isdigit():
            return True
        if op is C.SUBPATTERN and _has_digit(list(av[-1])):
            return True
        if op is C.BRANCH and all(_has_digit(list(alt)) for alt in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1 \
                and _has_digit(list(av[2])):
            return True
    return False


def requires_digit(pattern: str | re.Pattern[str], flags: int = 0) -> bool:
    """Whether every match of ``pattern`` holds a digit."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        return _has_digit(list(P.parse(pattern, flags)))
    except re.error:
        return False


@dataclass(frozen=True)
class Anchored:
    """A pattern searched only near the words or digits every match holds.

    Why: a pattern that starts with a look-behind is tried at every position of
    a text. Every match of ours holds one of a few words ("ago", a month's
    name) or a digit, and is at most ``width`` characters long (white space
    counted at most ``SPACE_RUN_CAP`` a run), so every match lies within
    ``width`` characters of such a word. The pattern runs over those windows
    only (``finditer``'s ``pos`` and ``endpos``: look-behinds still see the text
    before a window), and windows that overlap are joined, so matches come out
    as a search of the whole text gives them (a window ends more than
    ``width`` after its last word, so no match reaches its end). A text with a
    longer run of white space, or whose lower-case form changes its length, is
    searched whole.
    """

    rx: re.Pattern[str]
    words: frozenset[Word] | None
    digit: bool
    width: int | None

    @classmethod
    def of(cls, rx: re.Pattern[str]) -> "Anchored":
        return cls(rx, required_words(rx), requires_digit(rx), max_width(rx))

    def finditer(self, view: "TextView") -> Iterator[re.Match[str]]:
        spans = view.windows(self)
        if spans is None:
            yield from self.rx.finditer(view.text)
            return
        for start, end in spans:
            yield from self.rx.finditer(view.text, start, end)


class TextView:
    """One text as anchored patterns search it: its lower-case form, its digit runs, where
    each word occurs, and the windows of each set of words, computed once for all the
    patterns that share them (the month names anchor six date patterns of different widths)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = text.lower()
        # windows need offsets that the lower-case form keeps, and white-space runs within the cap
        self.windowed = len(self.lowered) == len(text) and not _LONG_SPACE.search(text)
        self._digits: list[tuple[int, int]] | None = None
        self._windows: dict[tuple[Any, ...], list[tuple[int, int]] | None] = {}
        self._positions: dict[Word, list[int]] = {}

    def _find(self, word: Word) -> list[int]:
        """Every offset of ``word``, overlapping ones included, searched once per text."""
        found = self._positions.get(word)
        if found is None:
            w, any_case = word
            hay = self.lowered if any_case else self.text
            found = []
            i = hay.find(w)
            while i >= 0:
                found.append(i)
                i = hay.find(w, i + 1)
            self._positions[word] = found
        return found

    def holds(self, words: frozenset[Word] | None) -> bool:
        """Whether the text holds one of ``words`` (``None``: no test)."""
        return not words or any(self._find(word) for word in words)

    def windows(self, a: Anchored) -> list[tuple[int, int]] | None:
        """Where ``a`` can match (``[]``: nowhere), or ``None`` to search the whole text."""
        key = (a.words, a.digit, a.width)
        if key not in self._windows:
            self._windows[key] = self._spans(a)
        return self._windows[key]

    def _spans(self, a: Anchored) -> list[tuple[int, int]] | None:
        if not self.holds(a.words):
            return []
        width, n = a.width, len(self.text)
        if width is None or not self.windowed or (not a.words and not a.digit):
            return None
        spans: list[tuple[int, int]] = []
        if a.words:
            for word in a.words:
                for i in self._find(word):
                    # a match holding the word at i starts after i + len - width and ends by i + width
                    spans.append((max(0, i + len(word[0]) - width), min(n, i + width + 1)))
        else:
            if self._digits is None:
                self._digits = [m.span() for m in _DIGITS.finditer(self.text)]
            spans = [(max(0, s + 1 - width), min(n, e + width)) for s, e in self._digits]
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        return merged


def may_match(needs: frozenset[str] | None, lowered: str) -> bool:
    """Whether a text (``lowered``: in lower case) holds one of a pattern's required strings (``None``: no test)."""
    return not needs or any(word in lowered for word in needs)


@dataclass(frozen=True)
class Prefiltered:
    """A compiled pattern with its pre-test: ``search`` runs the pattern only when it can match."""

    rx: re.Pattern[str]
    needs: frozenset[str] | None

    @classmethod
    def of(cls, rx: re.Pattern[str]) -> "Prefiltered":
        return cls(rx, required_literals(rx))

    def possible(self, lowered: str) -> bool:
        """Whether ``lowered`` (the text in lower case) holds one of the required strings."""
        return may_match(self.needs, lowered)

    def search(self, text: str, lowered: str) -> re.Match[str] | None:
        # ``possible`` spelt out: the cleaner asks this of every pattern for every line of a page
        if self.needs:
            for word in self.needs:
                if word in lowered:
                    break
            else:
                return None
        return self.rx.search(text)
