"""Rules of the time normaliser without the parser (text-only fallback)."""

from __future__ import annotations

import logging
from datetime import date

import numpy as np
import pytest

from foedus.timex import periods as P
from foedus.timex.lexicon import load_lexicon
from foedus.timex.filters import prev_word
from foedus.timex.normalise import find_timexes
from foedus.timex.sentence_dates import head_walk_ends

TUE = date(2022, 9, 20)


def one(text: str, anchor: date | None = TUE, which: str | None = None):
    found = find_timexes(text, anchor)
    if which is not None:
        found = [t for t in found if t.text == which]
    assert len(found) == 1, found
    return found[0]


def test_last_week_is_previous_iso_week():
    t = one("Clashes broke out last week.")
    assert (t.value, t.end_value, t.granularity, t.exact) == ("2022-09-12", "2022-09-18", "week", False)


def test_full_date_is_exact():
    t = one("The attack began on 13 September 2022.")
    assert (t.value, t.granularity, t.exact) == ("2022-09-13", "day", True)


@pytest.mark.parametrize("text,value", [
    ("Pelosi arrived on Sunday.", "2022-09-18"),
    ("Talks will resume on Sunday.", "2022-09-25"),
    ("He spoke on Tuesday.", "2022-09-20"),
    ("They met last Tuesday.", "2022-09-13"),
])
def test_weekday_direction(text, value):
    assert one(text).value == value


def test_previous_day_counts_from_last_date_not_anchor():
    found = find_timexes("The deal was signed on 9 November 2020. The previous day, talks failed.", TUE)
    assert [t.value for t in found] == ["2020-11-09", "2020-11-08"]


def test_months_later_keeps_month_granularity():
    found = find_timexes("In February 1988 the council voted; five months later, Moscow refused.", TUE)
    assert (found[1].value, found[1].granularity) == ("1988-07-01", "month")


def test_december_in_january_article_is_previous_year():
    t = one("The convoy was stopped in December.", date(2023, 1, 15))
    assert t.value == "2022-12-01" and t.end_value == "2022-12-31"


def test_year_less_date_inherits_stated_frame_year():
    found = find_timexes("On 27 September 2020 the war began. On 10 November Moscow brokered a truce.", TUE)
    assert found[1].value == "2020-11-10"
    assert "frame" in found[1].how


def test_counts_are_not_years_but_treaty_year_is():
    found = find_timexes("Some 2000 soldiers and 1500 refugees crossed; the 1997 treaty was cited.", TUE)
    assert [(t.text, t.granularity) for t in found] == [("1997", "year")]


@pytest.mark.parametrize("text", [
    "The parties may sign a deal.",
    "Veterans will march on parliament.",
    "Theresa May met the envoy.",
    "The second round is now over.",
    "Sat on the fence, the bloc did nothing.",
])
def test_false_friends(text):
    assert find_timexes(text, TUE) == []


def test_no_anchor_keeps_relative_expressions_without_value():
    found = find_timexes("Yesterday the army advanced; on 13 September 2022 it stopped.", None)
    assert found[0].text == "Yesterday" and found[0].value is None and not found[0].exact
    assert found[1].value == "2022-09-13"


def test_overnight_spans_the_night_before():
    t = one("Shelling continued overnight.", date(2022, 9, 14))
    assert (t.value, t.end_value) == ("2022-09-13", "2022-09-14")


def test_offsets_point_into_text():
    text = "Blinken met them on September 19, a week after the clashes of mid-September."
    for t in find_timexes(text, TUE):
        assert text[t.start:t.end] == t.text


def test_shift_never_finer_than_reference():
    assert P.shift(P.month_of(2022, 3), 2, "day").granularity == "month"
    assert P.week_of(date(2022, 9, 20)) == P.Period(date(2022, 9, 19), date(2022, 9, 25), "week")


def test_malformed_lexicon_entry_is_reported_and_skipped(tmp_path, caplog):
    src = tmp_path / "lex.yaml"
    src.write_text(
        "# format: foedus-timex-lexicon/1\n"
        "months: [[January], [February], [March], [April], [May], [June], [July], [August],"
        " [September, Sept], [October], [November], [December]]\n"
        "weekdays: [[Monday], [Tuesday], [Wednesday], [Thursday], [Friday], [Saturday], [Sunday]]\n"
        "seasons: {summer: [6, 3], winter: oops}\n"
        "numbers: {two: 2, three: drei}\n"
        "units: {day: day, fortnight: fortnight}\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        lex = load_lexicon(src)
    assert "winter" not in lex.seasons and lex.seasons["summer"] == (6, 3)
    assert "three" not in lex.numbers and "fortnight" not in lex.units
    assert any("lex.yaml:4" in r.getMessage() for r in caplog.records)
    assert find_timexes("They met on Sept. 19, 2022.", TUE, lexicon=lex)[0].value == "2022-09-19"


def test_deadline_and_since_years_do_not_frame_later_dates():
    found = find_timexes("Both sides pledged to finish the road by 2030. The work began on 16 September.", date(2022, 10, 10))
    assert [t.value for t in found] == ["2030-01-01", "2022-09-16"]
    found = find_timexes("It was the worst fighting since 2020. Troops clashed on 13 and 14 September.", date(2022, 10, 7))
    assert [(t.value, t.end_value) for t in found] == [("2020-01-01", "2020-12-31"), ("2022-09-13", "2022-09-14")]


def test_event_year_still_frames_later_dates():
    found = find_timexes("In 2016 the region saw heavy fighting. On 5 April a truce was agreed.", date(2022, 10, 7))
    assert [t.value for t in found] == ["2016-01-01", "2016-04-05"]


@pytest.mark.parametrize("text,value", [
    ("Hours after the border was crossed, the cabinet met.", None),  # no dated event to count from
    ("The border was crossed on 12 May. Hours after the incursion, the cabinet met.", "2021-05-12"),
    ("The border was crossed on 12 May. A deal came 50 hours later.", "2021-05-14"),
])
def test_hours_after_the_last_event(text, value):
    assert find_timexes(text, date(2021, 5, 20))[-1].value == value


def test_deadline_is_not_a_reference_for_later():
    found = find_timexes("Talks began on 3 May. Troops must leave by 20 May. Two days later the envoys left.", date(2021, 5, 30))
    assert found[-1].value == "2021-05-05"


def test_year_range_and_cross_month_span():
    t = one("The accords of 2020 to 2022 remain in force.")
    assert (t.text, t.value, t.end_value, t.granularity) == ("2020 to 2022", "2020-01-01", "2022-12-31", "year")
    t = one("Drills ran from 28 September to 6 October.", date(2022, 10, 10))
    assert (t.value, t.end_value, t.granularity) == ("2022-09-28", "2022-10-06", "day")
    t = one("Drills ran from 28 December to 6 January.", date(2023, 1, 20))
    assert (t.value, t.end_value) == ("2022-12-28", "2023-01-06")


@pytest.mark.parametrize("month,anchor,expected", [
    (1, date(2023, 9, 13), 2023),   # a neutral January months ahead is the last one
    (11, date(2024, 6, 13), 2023),
    (11, date(2022, 10, 7), 2022),  # ... but one a few weeks ahead is the coming one
])
def test_neutral_month_prefers_the_past(month, anchor, expected):
    assert P.nearest_year(month, None, anchor, "neutral") == expected


def test_a_span_after_another_event_is_not_a_date():
    # "a week after <event>" counts from that event, not from publication
    assert [t.text for t in find_timexes("The talks came a week after the shelling began.", TUE)] == []
    assert [t.text for t in find_timexes("The talks came one month after the vote.", TUE)] == []
    t = one("The day after, the envoy left.", TUE)
    assert t.value == "2022-09-21"


def test_pattern_prefilter_never_drops_a_candidate() -> None:
    """Searching each pattern only near its words or digits gives the same candidates as searching the whole text."""
    from dataclasses import replace

    from foedus.timex.grammar import build_grammar
    from foedus.timex.lexicon import default_lexicon

    grammar = build_grammar(default_lexicon())
    unfiltered = replace(grammar, anchored={})
    texts = [
        "Talks resumed on 2023-04-05 and again on 5.4.2023, between 3 and 6 May 2022, from 3 May to 9 June.",
        "On Tuesday, 14 March, and on March 15, 2021, on March 3-5, 2021, in May 2020, in early June and last July, in the 1990s.",
        "By late 2019, in 2018-2020, in the spring of 2017, on Friday evening, yesterday, tonight, last weekend.",
        "Late this morning, earlier this month, the past three weeks, two days ago, three days later, hours after.",
        "The previous day, the day before, later that week, 48 hours later, the following year, a week after.",
        "Nothing here is a date at all, although the ministry spoke at length.",
    ]
    kinds = set()
    for text in texts:
        got = grammar.candidates(text)
        assert got == unfiltered.candidates(text)
        kinds |= {c.kind for c in got}
    assert set(grammar.anchored) <= kinds  # every anchored kind was exercised


def _walk(heads: list[int], i: int, steps: int) -> int:
    for _ in range(steps):
        if heads[i] == i:
            break
        i = heads[i]
    return i


def test_head_walks_end_where_a_step_by_step_walk_ends() -> None:
    # two sentences (roots 1 and 5), a deep chain, and a malformed cycle 8 -> 9 -> 10 -> 8
    heads = [1, 1, 1, 2, 5, 5, 4, 6, 9, 10, 8, 8]
    offsets = np.array([h - i for i, h in enumerate(heads)], dtype="int64")
    for steps in (0, 1, 2, 3, 7, 200):
        assert head_walk_ends(offsets, steps).tolist() == [_walk(heads, i, steps) for i in range(len(heads))]
    assert head_walk_ends(offsets, 200).tolist()[:8] == [1, 1, 1, 1, 5, 5, 5, 5]
    chain = [0] + list(range(0, 299))  # token i heads onto i - 1: 299 steps from the last token to the root
    offsets = np.array([h - i for i, h in enumerate(chain)], dtype="int64")
    assert head_walk_ends(offsets, 200).tolist() == [_walk(chain, i, 200) for i in range(len(chain))]
    assert head_walk_ends(offsets, 200).tolist()[-1] == 99


@pytest.mark.parametrize("text, expected", [
    ("fighting resumed on ", "on"),
    ("the rebels' ", "rebels'"),
    ("prices rose by 5%\n\t ", "%"),
    ("cost €£$ ", "€£$"),
    ("Kyiv, ", ","),
    ("   ", ""),
    ("", ""),
    ("x" * 50 + " said", "said"),
    ("talks in Genève ", "ve"),  # letters outside A-Z end the word
])
def test_prev_word_is_the_word_or_sign_just_before(text: str, expected: str) -> None:
    assert prev_word(text + "2024", len(text)) == expected
