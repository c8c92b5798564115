"""Regular-expression grammar of English date expressions, built from the lexicon.

Why hand-written rules rather than a date parser alone: a parser such as
``dateparser`` answers "what date could this string be" but not "which
substrings of an article are dates", and its search mode happily reads the
modal "may", "now" or "200 troops" as dates. These patterns say exactly which
forms are recognised; each candidate carries a ``kind`` that the resolver
(:mod:`foedus.timex.normalise`) maps to a rule, and the filters in
:mod:`foedus.timex.filters` then veto readings the context rules out.

Spans follow TimeML practice: a governing preposition ("on", "in") is not
part of the expression; modifiers that change the period ("last", "mid-",
"the end of", "early") are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..literals import Anchored, TextView
from .lexicon import Lexicon


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, str | None]

    @property
    def length(self) -> int:
        return self.end - self.start


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cap(words) -> list[str]:
    return [w[:1].upper() + w[1:] for w in words]


@dataclass(frozen=True)
class Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # kind -> the pattern searched only near the words (or digits) every match of that
    # kind holds (:class:`foedus.literals.Anchored`): Python's ``re`` tries a pattern
    # at every position, most texts lack "ago" or "weekend", and a date is never far
    # from its month's name or its digits.
    anchored: dict[str, Anchored] = field(default_factory=dict)

    def candidates(self, text: str) -> list[Candidate]:
        out = []
        view = TextView(text)
        for kind, rx in self.patterns:
            a = self.anchored.get(kind)
            for m in (a.finditer(view) if a is not None else rx.finditer(text)):
                if m.end() > m.start():
                    out.append(Candidate(m.start(), m.end(), kind, m.groupdict()))
        return out


def build_grammar(lex: Lexicon) -> Grammar:
    """Compile the patterns once per lexicon."""
    full = [m for m in lex.months if m in lex.month_full]
    abbr = [m for m in lex.months if m not in lex.month_full]
    # Month names are proper nouns: only the capitalised spelling counts.
    month_any = rf"(?:{_alt(_cap(full))}|(?:{_alt(_cap(abbr))})\.?)"
    month_full = rf"(?:{_alt(_cap(full))})"
    wd_all = rf"(?:{_alt(_cap(lex.weekdays))})\.?"
    wd_full = rf"(?:{_alt(_cap([w for w in lex.weekdays if len(w) > 4]))})"
    seasons = _alt(lex.seasons)
    num = rf"(?:\d{{1,2}}|{_alt(lex.numbers)})"
    units = r"(?:day|week|month|year|night)"
    parts = _alt(lex.day_parts)
    dnum = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[0-9]\d\d|20\d\d)"
    wd_prefix = rf"(?:(?P<wd>{wd_all}),?\s+)?"
    mpart = r"(?P<part>[Ee]arly|[Ll]ate|[Mm]id-?|[Tt]he\s+(?:end|beginning|start|middle)\s+of|[Ee]nd\s+of|[Ss]tart\s+of)"
    B = r"(?<![\w-])"
    E = r"(?![\w])"
    i = "(?i:{})".format

    spec: list[tuple[str, str]] = [
        ("iso", rf"{B}(?P<y>{year})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01]){E}"),
        ("dotted", rf"{B}(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{year}){E}"),
        (
            "dmy_range",
            rf"{B}(?P<d1>{dnum})\s*(?:-|–|—|{i('to|and|through')})\s*(?P<d2>{dnum})\s+(?P<month>{month_any})(?:,?\s+(?P<y>{year}))?{E}",
        ),
        (
            "dmy_span",
            rf"{B}(?P<d1>{dnum})\s+(?P<month1>{month_any})\s*(?:-|–|—|{i('to|until|through')})\s*(?P<d2>{dnum})\s+(?P<month>{month_any})(?:,?\s+(?P<y>{year}))?{E}",
        ),
        (
            "mdy_range",
            rf"{B}(?P<month>{month_any})\s+(?P<d1>{dnum})\s*(?:-|–|—)\s*(?P<d2>{dnum})(?:,?\s+(?P<y>{year}))?{E}",
        ),
        (
            "dmy",
            rf"{B}{wd_prefix}(?:{i('the')}\s+)?(?P<d>{dnum})(?:\s+of)?\s+(?P<month>{month_any})(?:,?\s+(?P<y>{year}))?{E}",
        ),
        (
            "mdy",
            rf"{B}{wd_prefix}(?P<month>{month_any})\s+(?P<d>{dnum})(?!\d)(?:,?\s+(?P<y>{year}))?{E}",
        ),
        ("month_year", rf"{B}(?:{mpart}\s*)?(?P<month>{month_any})(?:\s+of)?,?\s+(?P<y>{year}){E}"),
        (
            "month",
            rf"{B}(?:(?P<mod>{i('last|next|this|past|coming')})\s+|{mpart}\s*)?(?P<month>{month_full}){E}",
        ),
        ("decade", rf"{B}(?:{i('the')}\s+)?(?:(?P<part>{i('early|late|mid-?')})\s*)?(?P<dec>1[0-9]\d0|20\d0)s{E}"),
        ("year_part", rf"{B}{mpart}\s*(?P<y>{year}){E}"),
        ("year_range", rf"{B}(?P<y1>{year})\s*(?:-|–|—|\s{i('to')}\s)\s*(?P<y2>{year}){E}(?![.,]\d)"),
        ("year", rf"{B}(?P<y>{year}){E}(?![.,]\d)"),
        (
            "season",
            rf"{B}(?:(?P<mod>{i('last|next|this|early|late')})\s+|(?P<the>{i('the')})\s+)?(?P<season>{i(seasons)})(?:\s+(?:of\s+)?(?P<y>{year}))?{E}",
        ),
        (
            "weekday",
            rf"{B}(?:(?P<mod>{i('last|next|this|early on|late on|early|late')})\s+)?(?P<wd>{wd_full})(?:\s+(?P<dpart>{i(parts)}))?{E}",
        ),
        (
            "rel_day",
            rf"{B}(?P<w>{i('the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow|last night|overnight')})(?:\s+(?P<dpart>{i(parts)}))?{E}",
        ),
        ("weekend", rf"{B}(?P<mod>{i('last|next|this|the|that')})\s+(?P<w>{i('weekend')}){E}"),
        ("this_part", rf"{B}(?P<w>{i('this|late this|early this')})\s+(?P<dpart>{i('morning|afternoon|evening')}){E}"),
        (
            "anchor_unit",
            rf"{B}(?:(?P<edge>{i('earlier|later|early|late')})\s+)?(?P<mod>{i('this|last|next|the past|the coming|past|the current|current')})\s+(?P<unit>{i('week|month|year')}){E}",
        ),
        (
            "span_n",
            rf"{B}(?P<mod>{i('the past|the last|the previous|past|the next|the coming')})\s+(?P<n>{num}|few|several)\s+(?P<unit>{i('days|weeks|months|years')}){E}",
        ),
        ("ago", rf"{B}(?P<n>{i(num)}|{i('a few|several|a couple of')})\s+(?P<unit>{i(units)})s?\s+{i('ago')}{E}"),
        (
            "ref_shift",
            rf"{B}(?P<n>{i(num)})\s+(?P<unit>{i('day|week|month|year')})s?\s+(?P<dir>{i('later|earlier|afterwards|after that|before that|on')}){E}",
        ),
        # "hours after the fighting began", "44 hours later": counted from the last event date
        (
            "hours",
            rf"{B}(?:(?P<n>{i(num)}|\d{{2,3}}|{i('a few|several|a couple of')})\s+)?(?P<unit>{i('hours?')})\s+(?P<dir>{i('later|afterwards')}|{i('after')}(?=\s+[A-Za-z]))",
        ),
        (
            "ref_next",
            rf"{B}(?:{i('the')}\s+)?(?P<dir>{i('previous|preceding|next|following|same')})\s+(?P<unit>{i(units + '|' + parts)}){E}",
        ),
        # "the day after": a date; "a week after the drones entered" is a span
        # counted from another event, not from publication, so not a date.
        ("ref_before", rf"(?<![Aa]\s)(?<![Aa]n\s)(?<![Oo]ne\s){B}(?:{i('the')}\s+)?(?P<unit>{i(units)})\s+(?P<dir>{i('before|after')}){E}(?!\s+(?:the|a|an|its|his|her|their)\b)"),
        (
            "ref_that",
            rf"{B}(?:(?P<edge>{i('earlier|later|early|late')})\s+)?(?P<that>{i('that')})\s+(?P<unit>{i(units + '|' + parts)}){E}",
        ),
    ]
    compiled = tuple((k, re.compile(p)) for k, p in spec)
    return Grammar(compiled, {k: Anchored.of(rx) for k, rx in compiled})
