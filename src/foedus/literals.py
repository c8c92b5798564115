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
from typing import Any

MIN_LENGTH = 3  # a required literal shorter than this is in nearly every text


def _seq(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best requirement of a sequence: its longest literal run, or a requirement of one of its items."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def score(req: frozenset[str]) -> tuple[int, int]:
        return -len(req), min(map(len, req))  # fewer alternatives first, then longer words

    def consider(req: frozenset[str] | None) -> None:
        nonlocal best
        if req and min(map(len, req)) >= MIN_LENGTH and (best is None or score(req) > score(best)):
            best = req

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset({"".join(run).lower()}))
            run = []
        consider(_item(op, av))
    if run:
        consider(frozenset({"".join(run).lower()}))
    return best


def _minimal(words: frozenset[str]) -> frozenset[str]:
    """Drop a word that contains another of the set ("april" beside "apr"): the shorter one is found anyway."""
    return frozenset(w for w in words if not any(o != w and o in w for o in words))


def _item(op: Any, av: Any) -> frozenset[str] | None:
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is C.BRANCH:
        reqs = [_seq(list(alt)) for alt in av[1]]
        if any(r is None for r in reqs):
            return None  # one alternative needs nothing
        return _minimal(frozenset().union(*reqs))  # type: ignore[arg-type]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
        return _seq(list(av[2]))
    return None  # an assertion, a class, an optional part: requires nothing sure


def required_literals(pattern: str | re.Pattern[str], flags: int = 0) -> frozenset[str] | None:
    """Lower-case strings one of which every match of ``pattern`` contains, or ``None``."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        tree = P.parse(pattern, flags)
    except re.error:
        return None
    return _seq(list(tree))


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
        return self.rx.search(text) if self.possible(lowered) else None
