"""The pre-test of required words never changes what a pattern finds."""

from __future__ import annotations

import re

import pytest

from foedus.ingest.clean import _knowledge
from foedus.literals import Prefiltered, required_literals
from foedus.timex.grammar import build_grammar
from foedus.timex.lexicon import default_lexicon


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"\bwe use cookies\b", re.I, {"we use cookies"}),
    (r"^(sign|log) ?(in|on|out)\b", re.I, {"sign", "log"}),
    (r"(?P<n>\d+)\s+(?:hours?)\s+(?:later|afterwards)", 0, {"hour"}),  # one word beats two
    (r"\b(?:April|Apr)\.?\s+\d", 0, {"apr"}),  # "april" holds "apr": one test covers both
    (r"(?:the\s+)?\d{4}", 0, None),  # an optional word requires nothing
    (r"\b(?:on|at)\b", 0, None),  # words shorter than three letters test nothing
    (r"(abc|\d+)", 0, None),  # one alternative requires nothing
    (r"abc(?:def)+ghij", 0, {"ghij"}),  # the longest of the runs every match holds
])
def test_required_words_of_patterns(pattern: str, flags: int, expected: set[str] | None) -> None:
    got = required_literals(pattern, flags)
    assert (set(got) if got is not None else None) == expected


TEXTS = [
    "We Use Cookies to improve this site. ACCEPT ALL COOKIES",
    "Sign in to your account or Log out; subscribe now for £5.",
    "Photo: the delegation arrives in the capital (Reuters)",
    "Three hours later, on 14 April 2023, the envoys met again; two days ago they had not.",
    "The summit of last weekend, held this morning, lasted until the following day.",
    "Nothing in this paragraph is boilerplate or a date; the ministers talked at length.",
    "Ӏt is not English at all: Это не английский текст, ſign ın.",
    "",
]


def _all_patterns() -> list[re.Pattern[str]]:
    k = _knowledge()
    pats = [p.rx for r in k.rules for p in (*r.patterns, *r.support)]
    pats += [p.rx for group in k.cues.values() for p in group]
    pats += [rx for _kind, rx in build_grammar(default_lexicon()).patterns]
    return pats


def test_prefiltered_search_equals_plain_search() -> None:
    patterns = _all_patterns()
    assert len(patterns) > 100
    skipped = 0
    for rx in patterns:
        pre = Prefiltered.of(rx)
        for text in TEXTS:
            lowered = text.lower()
            plain = rx.search(text)
            got = pre.search(text, lowered)
            assert (got and got.span()) == (plain and plain.span()), (rx.pattern, text)
            skipped += not pre.possible(lowered)
    assert skipped > len(patterns)  # the pre-test does spare work


def test_the_cleaner_and_the_date_grammar_use_the_pre_test() -> None:
    k = _knowledge()
    assert sum(p.needs is not None for r in k.rules for p in r.patterns) > 80
    assert {"ago", "weekend"} <= {w for words in build_grammar(default_lexicon()).needs.values() for w in words}
