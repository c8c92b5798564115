"""Vetoes for readings that look like dates but are not.

Why separate from the grammar: the patterns say what a date *can* look like;
these checks use context (neighbouring words, the model's part-of-speech tags
and entities) to reject the false friends every date finder trips on: the
modal "may", the verb "march", "Theresa May", and four-digit counts such as
"2000 troops".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .grammar import Candidate
from .lexicon import Lexicon

_PREP_CUES = {"in", "since", "until", "till", "by", "during", "before", "after", "from", "through",
              "of", "to", "between", "and", "or", "early", "late", "mid", "last", "next", "this", "that",
              "every", "each", "until", "throughout", "around", "for"}
_PREV_WORD = re.compile(r"([A-Za-z$€£']+|\S)\s*$")
_NEXT_WORD = re.compile(r"^\s*([A-Za-z]+|\S)")


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz$€£'")


def prev_word(text: str, start: int) -> str:
    """The word (letters, currency signs, apostrophes) or the single other character that
    ends the 40 characters before ``start``, white space aside; ``""`` when there is none.

    What ``_PREV_WORD`` finds, read backwards from the end: a search tries the pattern at
    every position of the slice and runs ahead to its end from each.
    """
    before = text[max(0, start - 40):start].rstrip()
    i = len(before)
    while i and before[i - 1] in _WORD_CHARS:
        i -= 1
    return before[i:] or before[-1:]


def prev_words(text: str, start: int, n: int = 2) -> str:
    return " ".join(text[max(0, start - 40):start].split()[-n:]).lower()


def next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.search(text[end:end + 40])
    return m.group(1) if m else ""


def _token_tag(doc: Doc | None, start: int, end: int) -> str | None:
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.tag_ if span is not None else None


def _in_date_entity(doc: Doc | None, start: int, end: int) -> bool:
    if doc is None:
        return False
    return any(e.label_ == "DATE" and e.start_char <= start and end <= e.end_char for e in doc.ents)


def accept(c: Candidate, text: str, doc: Doc | None, lex: Lexicon) -> tuple[bool, str]:
    """(keep?, reason) for one candidate."""
    g = c.groups
    if c.kind == "month" and not g.get("mod") and not g.get("part"):
        word = g["month"].lower()
        prev = prev_word(text, c.start)
        if word in lex.ambiguous_months:
            tag = _token_tag(doc, c.start, c.end)
            if tag is not None and (tag == "MD" or tag.startswith("VB")):
                return False, f"'{g['month']}' tagged {tag}, not a month"
            if prev.lower() not in _PREP_CUES:
                return False, f"'{g['month']}' without a date cue before it"
        elif prev[:1].isupper() and prev.lower() not in _PREP_CUES and not _at_sentence_start(text, c.start - len(prev) - 1):
            # "Theresa May", "Operation September": part of a name
            return False, "month word inside a proper name"
        return True, ""
    if c.kind == "year":
        prev2 = prev_words(text, c.start, 2)
        prev1 = prev_word(text, c.start).lower()
        nxt = next_word(text, c.end).lower()
        if nxt in lex.year_nouns_block:
            return False, f"count of {nxt}"
        if prev1 in lex.year_left_block or prev2 in lex.year_left_block:
            return False, f"quantity after '{prev1}'"
        if nxt in ("%", "per", "percent"):
            return False, "a number, not a year"
        if prev1 in lex.year_left_cues or prev1 in ("'s", "’s"):
            return True, ""
        if _in_date_entity(doc, c.start, c.end):
            return True, ""
        if doc is not None:
            tag = _token_tag(doc, c.end + 1, c.end + 1 + len(nxt)) if nxt.isalpha() else None
            return (tag in ("NN", "NNP", "JJ"), "year before a singular noun" if tag in ("NN", "NNP", "JJ") else "bare number")
        return (nxt.isalpha() and nxt not in lex.year_nouns_block, "bare number")
    if c.kind == "season" and not (g.get("mod") or g.get("y") or g.get("the")):
        return False, "season word without a determiner or year"
    if c.kind == "season" and g.get("season", "").lower() == "fall" and not (g.get("y") or g.get("the") or g.get("mod")):
        return False, "'fall' as a verb"
    if c.kind in ("ref_shift",) and g.get("dir", "").lower() == "on":
        return g["n"].lower() not in ("a", "an"), ""
    return True, ""


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):max(0, pos)].strip()
    return pos <= 0 or before == "" or before[-1:] in ".!?\"“\n"
