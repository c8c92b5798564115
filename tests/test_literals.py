"""The pre-test of required words never changes what a pattern finds."""

from __future__ import annotations

import re

import pytest

from foedus.ingest.clean import _knowledge
from foedus.literals import (Prefiltered, TextView, max_width, required_literals, required_signs, required_words,
                             requires_digit)
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
    grammar = build_grammar(default_lexicon())
    assert {"ago", "weekend"} <= {w for a in grammar.anchored.values() for w, _ in (a.words or ())}
    # every date pattern is bounded and anchored, by words or by digits
    assert all(a.width is not None and (a.words or a.digit) for a in grammar.anchored.values())


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"(?<![\w-])(?:May|June)(?!\w)", 0, {("May", False), ("June", False)}),  # capitals only: found as written
    (r"\bwe use cookies\b", re.I, {("we use cookies", True)}),
    (r"(?:Apr|April)\.?\s+(?i:ago)", 0, {("Apr", False)}),
    (r"(?i:weekend)", 0, {("weekend", True)}),
])
def test_required_words_keep_their_case_where_the_pattern_does(pattern: str, flags: int, expected: set) -> None:
    assert set(required_words(pattern, flags) or ()) == expected


@pytest.mark.parametrize("pattern, width, digit", [
    (r"(?<![\w-])May(?!\w)", 3, False),
    (r"(?P<d>\d{1,2})\s+(?:of\s+)?May(?:,?\s+(?P<y>\d{4}))?", 2 + 8 + 10 + 3 + 13, True),  # \s+ counts 8 at most
    (r"(?:\d+|three)\s+days", None, False),  # \d+ has no bound; "three" holds no digit
    (r"a.*b", None, False),
])
def test_width_and_digits_of_patterns(pattern: str, width: int | None, digit: bool) -> None:
    assert max_width(pattern) == width
    assert requires_digit(pattern) == digit


WINDOW_TEXTS = TEXTS + [
    "On Monday, 3 May 2021, talks began; Dec. 4 was the deadline, and by 2022 the decision held. " * 8,
    "The envoy left on 12\n\n\n\n\n\n\n\n\n\nMay 2020, and returned two weeks later.",  # a long run of white space
    "İstanbul hosted the talks on 5 June 2019; three days later the İzmir round began.",  # lower case changes length
    "In March the summit ended, that week; the following month, on the 1st of April, a year after the war.",
    "2020-01-05 and 05.01.2020 and the 1990s, early 2021, 2019-2021, 2018 to 2020.",
]


def test_anchored_search_equals_plain_search() -> None:
    grammar = build_grammar(default_lexicon())
    windowed = 0
    for text in WINDOW_TEXTS:
        view = TextView(text)
        for kind, rx in grammar.patterns:
            a = grammar.anchored[kind]
            plain = [(m.span(), m.groupdict()) for m in rx.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in a.finditer(view)] == plain, (kind, text)
            spans = view.windows(a)
            windowed += spans is not None and sum(e - s for s, e in spans) < len(text)
    assert windowed > 50  # the windows do spare work
    assert not TextView(WINDOW_TEXTS[-4]).windowed and not TextView(WINDOW_TEXTS[-3]).windowed


@pytest.mark.parametrize("pattern, flags, expected", [
    (r"\b(reuters|afp|ap)/[\w. -]+$", re.I, {"/"}),  # the sign every credit holds
    (r"^(accept|i accept|ok|okay)[.!]?$", re.I, {"accept", "ok"}),  # short words count too
    (r"\b(?:on|at)\b", 0, {"on", "at"}),
    (r"(?:the\s+)?\d{4}", 0, None),  # still nothing when nothing is sure
    (r"\bwe use cookies\b", re.I, {"we use cookies"}),  # as required_literals when a word is long enough
])
def test_required_signs_of_patterns(pattern: str, flags: int, expected: set[str] | None) -> None:
    assert required_signs(pattern, flags) == expected


def test_the_cleaners_pre_tested_patterns_find_what_plain_searches_find() -> None:
    k = _knowledge()
    pres = [p for r in k.rules for p in (*r.patterns, *r.support)] + [p for group in k.cues.values() for p in group]
    assert sum(p.needs is not None and min(map(len, p.needs)) < 3 for p in pres) >= 5  # signs and short words
    texts = TEXTS + ["AFP/John Doe", "Photo: Reuters/Jane Roe", "OK", "okay.", "I agree", "© 2024 Meridian Daily"]
    for pre in pres:
        for text in texts:
            plain = pre.rx.search(text)
            got = pre.search(text, text.lower())
            assert (got and got.span()) == (plain and plain.span()), (pre.rx.pattern, text)
