"""Importing PETRARCH / Phoenix actor and agent dictionaries.

Why: analysts migrating from PETRARCH-style coders own years of curated
dictionaries; they should be able to point foedus at them and get the same
codes (with their date bounds) without converting anything.

The format, as read here (one file may hold actors, agents or both):

- ``#`` starts a comment to the end of the line; ``<!-- ... -->`` blocks (possibly
  over several lines) are comments too.
- An entry starts with a phrase at the beginning of a line; words are joined by
  ``_`` or spaces (``VLADIMIR_PUTIN_``). A trailing ``_`` marks a whole word;
  a phrase without it is a stem, as in PETRARCH: its last word matches any word
  it begins (``ARGENTIN`` matches "Argentina" and "Argentine", ``NORTH_KOREA``
  matches "North Korean"), the words before it match whole. Matching ignores
  case. A stem shorter than three letters matches only itself.
- Lines starting with ``+`` add synonyms to the current entry.
- Codes are in brackets, on the phrase's line or on indented lines after it:
  ``[ARM]`` (always), ``[ARMGOV 980204-080409]`` (between two dates, inclusive),
  ``[USRARM <900823]`` (before), ``[ARM >911221]`` (after). Dates are ``YYMMDD``
  (years 00-29 read as 20xx, 30-99 as 19xx, as PETRARCH does) or ``YYYYMMDD``.
  On a date, a dated code that covers it wins; otherwise the undated code.
  ``[---]`` marks a phrase that is *not* an actor (a discard).
- Agents carry ``~`` in the code: ``SOLDIER [~MIL]`` appends MIL to the
  actor's code, ``NGO~`` prepends. ``{PLURAL}`` gives an irregular plural,
  ``{}`` says there is none; otherwise regular plurals are generated.
  Substitution sets ``!PERSON! = MAN, MEN`` expand ``CONGRESS!PERSON!`` into
  ``CONGRESSMAN`` and ``CONGRESSMEN``.

A malformed line (bad date, unclosed bracket, code without entry, ...) is
reported as "file:line: reason" and skipped; the rest of the entry is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..datafiles import Problem
from .model import DatedCode, DictionaryActor, DictionaryAgent

_CODE_BLOCK = re.compile(r"\[([^\[\]]*)\]")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_BRACES = re.compile(r"\{([^{}]*)\}")
_CODE = re.compile(r"^[A-Za-z0-9/+\-]+$")
_DATE_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")
_DATE_OPEN = re.compile(r"^([<>])\s*(\d+)$")
DISCARD_CODES = frozenset({"---", "###"})


@dataclass
class DictionaryResult:
    actors: list[DictionaryActor] = field(default_factory=list)
    agents: list[DictionaryAgent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: int = 0


def parse_date(text: str) -> date:
    """YYMMDD or YYYYMMDD; raises ValueError with the reason."""
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        return date(year, int(text[2:4]), int(text[4:6]))
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    raise ValueError(f"date {text!r} must have 6 (YYMMDD) or 8 (YYYYMMDD) digits")


def parse_code(block: str) -> DatedCode:
    """One bracket's content, e.g. ``ARMGOV 980204-080409``; ValueError if malformed."""
    body = block.strip()
    if not body:
        raise ValueError("empty code []")
    parts = body.split(None, 1)
    code, rest = parts[0], (parts[1].strip() if len(parts) > 1 else "")
    if code[0] in "<>" or code[0].isdigit():
        raise ValueError(f"code block {block!r} has a date but no code")
    if not _CODE.match(code.replace("~", "")):
        raise ValueError(f"bad code {code!r}")
    code = code.upper()
    if not rest:
        return DatedCode(code)
    m = _DATE_RANGE.match(rest)
    if m:
        start, end = parse_date(m.group(1)), parse_date(m.group(2))
        if end < start:
            raise ValueError(f"date range {rest!r} ends before it starts")
        return DatedCode(code, start, end)
    m = _DATE_OPEN.match(rest)
    if m:
        d = parse_date(m.group(2))
        # "<d": up to the day before d; ">d": from d on (PETRARCH's convention).
        if m.group(1) == "<":
            return DatedCode(code, None, date.fromordinal(d.toordinal() - 1))
        return DatedCode(code, d, None)
    raise ValueError(f"cannot read the date part {rest!r} of [{block.strip()}]")


def phrase_text(raw: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN``."""
    return " ".join(raw.replace("_", " ").split())


def regular_plurals(phrase: str) -> tuple[str, ...]:
    """PETRARCH's regular noun plurals of the last word."""
    if not phrase or not phrase[-1].isalpha():
        return ()
    low = phrase.lower()
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return (phrase + "ES",)
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return (phrase[:-1] + "IES",)
    if low.endswith("man"):
        return (phrase[:-3] + "MEN",)
    return (phrase + "S",)


class _Reader:
    """State of one pass over a file: current entry, substitution sets, problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.result = DictionaryResult()
        self.subst: dict[str, list[str]] = {}
        self.phrases: list[tuple[str, str | None]] = []  # (phrase, braces content)
        self.codes: list[DatedCode] = []
        self.stems: set[str] = set()  # phrases without a trailing "_"
        self.comment = ""
        self.start_line = 0

    def problem(self, line: int, reason: str) -> None:
        self.result.problems.append(Problem(f"{self.path}:{line}", reason))

    def flush(self) -> None:
        if not self.phrases:
            return
        if not self.codes:
            self.problem(self.start_line, f"entry {self.phrases[0][0]!r} has no code; skipped")
        else:
            agent_codes = [c for c in self.codes if "~" in c.code]
            actor_codes = [c for c in self.codes if "~" not in c.code]
            if agent_codes:
                self._add_agents(agent_codes[0])
            if actor_codes:
                phrases = tuple(p for p, _ in self.phrases)
                self.result.actors.append(
                    DictionaryActor(
                        id="dict:" + phrases[0],
                        phrases=phrases,
                        codes=tuple(actor_codes),
                        stems=tuple(p for p in phrases if p in self.stems),
                        source=f"{self.path}:{self.start_line}",
                        comment=self.comment,
                    )
                )
        self.phrases, self.codes, self.comment = [], [], ""
        self.stems = set()

    def _add_agents(self, code: DatedCode) -> None:
        prefix, _, suffix = code.code.partition("~")
        for phrase, braces in self.phrases:
            expansions = self._expand(phrase)
            for expanded in expansions:
                if len(expansions) > 1:
                    plurals: tuple[str, ...] = ()  # a substitution set lists its own plurals
                elif braces is None:
                    plurals = regular_plurals(expanded)
                else:
                    plurals = tuple(phrase_text(p) for p in braces.split(",") if p.strip())
                self.result.agents.append(
                    DictionaryAgent(expanded, prefix, suffix, plurals, f"{self.path}:{self.start_line}")
                )

    def _expand(self, phrase: str) -> list[str]:
        out = [phrase]
        for name, values in self.subst.items():
            if name in phrase:
                out = [p.replace(name, v) for p in out for v in values]
        return out

    def feed(self, lineno: int, line: str) -> None:
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            return
        m = _SUBST.match(text.strip())
        if m:
            self.flush()
            self.subst[m.group(1)] = [v.strip() for v in m.group(2).split(",") if v.strip()]
            return
        comment = line.split("#", 1)[1].strip() if "#" in line else ""
        if text.count("[") != text.count("]"):
            self.problem(lineno, f"unbalanced brackets in {text.strip()!r}; line skipped")
            return
        blocks = _CODE_BLOCK.findall(text)
        head = _CODE_BLOCK.sub(" ", text)
        braces_m = _BRACES.search(head)
        braces = braces_m.group(1) if braces_m else None
        head = _BRACES.sub(" ", head)
        indented = line[:1].isspace()
        head_words = head.strip()
        if head_words and not indented:
            if head_words.startswith("+"):
                if not self.phrases:
                    self.problem(lineno, f"synonym {head_words!r} without an entry; line skipped")
                    return
                self._add_phrase(lineno, head_words[1:], braces)
            else:
                self.flush()
                self.start_line = lineno
                self.comment = comment
                if not self._add_phrase(lineno, head_words, braces):
                    return
        elif head_words:
            self.problem(lineno, f"indented text {head_words!r} is neither a code nor a synonym; line skipped")
            return
        if blocks and not self.phrases:
            self.problem(lineno, "code without an entry; line skipped")
            return
        for block in blocks:
            try:
                dated = parse_code(block)
            except ValueError as exc:
                self.problem(lineno, f"{exc}; code skipped")
                continue
            self.codes.append(dated)

    def _add_phrase(self, lineno: int, raw: str, braces: str | None) -> bool:
        phrase = phrase_text(raw)
        if not phrase or not any(ch.isalnum() for ch in phrase):
            self.problem(lineno, f"empty phrase {raw!r}; line skipped")
            return False
        self.phrases.append((phrase.upper(), braces))
        if not raw.strip().endswith("_"):
            self.stems.add(phrase.upper())
        return True


def _strip_xml_comments(lines: list[str]) -> list[str]:
    """Blank out ``<!-- ... -->`` spans, keeping line numbers."""
    out, inside = [], False
    for line in lines:
        buf, i = [], 0
        while i < len(line):
            if inside:
                j = line.find("-->", i)
                if j < 0:
                    i = len(line)
                else:
                    inside, i = False, j + 3
            else:
                j = line.find("<!--", i)
                if j < 0:
                    buf.append(line[i:])
                    i = len(line)
                else:
                    buf.append(line[i:j])
                    inside, i = True, j + 4
        out.append("".join(buf))
    return out


def read_dictionary(path: Path | str) -> DictionaryResult:
    """Actors and agents of one PETRARCH/Phoenix dictionary file, with its problems."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        result = DictionaryResult()
        result.problems.append(Problem(f"{path}:0", f"cannot read file: {exc}"))
        return result
    lines = _strip_xml_comments(raw.splitlines())
    reader = _Reader(path)
    for lineno, line in enumerate(lines, start=1):
        if line.lstrip().startswith("#"):
            continue
        reader.feed(lineno, line)
    reader.flush()
    reader.result.lines = len(lines)
    return reader.result
