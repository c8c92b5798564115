"""The bounded memo: two generations, the forms in use kept, never more than twice its size."""

from __future__ import annotations

import pytest

from foedus.memo import MEMO_SIZE, Memo


def _ask(memo: Memo, key: str, answers: dict[str, int], computed: list[str]) -> int:
    """The way the analysis reads a memo: young, then old, then work it out."""
    value = memo.get(key)
    if value is None:
        value = memo.answer(key, lambda: computed.append(key) or answers[key])
    return value


def test_a_long_run_of_new_keys_never_holds_more_than_two_generations() -> None:
    memo: Memo[str, int] = Memo(5)
    answers = {f"name{i}": i for i in range(200)}
    computed: list[str] = []
    for key in answers:
        assert _ask(memo, key, answers, computed) == answers[key]
        assert memo.held() <= 10
        assert len(memo) < 5  # the young generation turns old as it fills
    assert computed == list(answers)  # each new key worked out once


def test_a_key_asked_in_every_generation_stays_and_a_one_off_key_leaves() -> None:
    memo: Memo[str, int] = Memo(4)
    answers = {"army": -1, **{f"n{i}": i for i in range(40)}}
    computed: list[str] = []
    for i in range(40):
        _ask(memo, "army", answers, computed)  # a word every document uses
        _ask(memo, f"n{i}", answers, computed)  # a number met once
    assert computed.count("army") == 1
    _ask(memo, "n0", answers, computed)
    assert computed.count("n0") == 2  # dropped with its generation, worked out again


def test_false_and_empty_answers_are_remembered_as_answers() -> None:
    memo: Memo[str, object] = Memo(3)
    memo.keep("no pattern", False)
    memo.keep("no holders", [])
    assert memo.get("no pattern") is False
    assert memo.get("no holders") == []
    memo.keep("a", 1)  # the young generation fills and turns old
    assert memo.get("no pattern") is None and memo.recall("no pattern") is False
    assert memo.get("no pattern") is False  # moved back to the young generation


def test_forget_drops_both_generations() -> None:
    memo: Memo[str, int] = Memo(2)
    for i in range(3):
        memo.keep(str(i), i)
    assert memo.held() == 3
    memo.forget()
    assert memo.held() == 0 and memo.recall("0") is None


def test_a_memo_holds_at_least_one_key() -> None:
    with pytest.raises(ValueError):
        Memo(0)
    assert Memo().size == MEMO_SIZE
