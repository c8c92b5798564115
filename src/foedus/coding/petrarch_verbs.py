"""Reading PETRARCH / Phoenix verb dictionaries into neutral records.

Why a reader apart from the converter: the file format (TABARI/PETRARCH 1
and the PETRARCH 2 ``CAMEO.2.0.txt`` variant) is one concern; what part of
it our coder can express is another (:mod:`foedus.coding.petrarch`). The
reader keeps everything with its line number, so the converter can say
exactly which pattern it could not map and why.

The format, as read here:

- ``<!-- ... -->`` (possibly over several lines) and ``#`` to the end of a
  line are comments.
- ``&NAME`` at the start of a line opens a synonym set; the ``+WORDS`` lines
  that follow are its members (``_`` or spaces join words; a member may name
  another set, ``+&OTHER``).
- ``--- NAME [code] ---`` opens a verb block. The lines after it that do not
  start with ``-`` are the block's verb forms: ``ASK``, ``ASK [020]`` (a
  form with its own code), ``HURRY {HURRIES HURRIED}`` (irregular forms),
  ``+ASK_FOR {...}`` or ``KLM_+RST`` (a multi-word form; ``+`` marks the verb
  word when the verb is not first).
- ``- words [code]`` is a pattern: ``*`` stands for the verb; ``$`` marks the
  source, ``+`` the target, ``%`` a compound actor (source and target both),
  ``^`` skips one word; ``_`` joins words that must be adjacent;
  ``(PREP WORDS)`` is a prepositional phrase and ``{WORDS}`` a noun phrase
  (PETRARCH 2); ``&NAME`` stands for any member of a set.
- Codes: ``[0231]``; ``[032:033]`` gives the code for source->target and the
  code for target->source; ``[:173]`` codes only target->source;
  ``[---]`` means "no event".

A malformed line is reported as ``file:line: reason`` and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..datafiles import Problem

_HEADER = re.compile(r"^---\s*(.*?)\s*---\s*$")
_CODE = re.compile(r"\[([^\[\]]*)\]")
_BRACES = re.compile(r"\{([^{}]*)\}")
_SET_NAME = re.compile(r"^&[A-Z0-9][A-Z0-9_\-]*$", re.IGNORECASE)
_CODE_PART = re.compile(r"^\d{2,4}[A-Z]?$")  # a letter suffix ("174K"): private sub-codes of test dictionaries
NULL_CODES = frozenset({"---", "###"})


@dataclass(frozen=True)
class Code:
    """A bracketed code: forward (source->target) and reverse (target->source) parts.

    ``None`` on a side means no event in that direction; ``null`` is ``[---]``.
    """

    forward: str | None
    reverse: str | None = None

    @property
    def null(self) -> bool:
        return self.forward is None and self.reverse is None


@dataclass(frozen=True)
class VerbForm:
    """One verb form of a block: the verb word plus the words around it."""

    verb: str  # lower case, one word
    before: tuple[str, ...] = ()  # words before the verb in a multi-word form
    after: tuple[str, ...] = ()  # words after it ("ask for" -> ("for",))
    code: Code | None = None  # the form's own code, else the block's
    line: int = 0


@dataclass(frozen=True)
class RawPattern:
    """A pattern line, tokenised but not interpreted."""

    tokens: tuple[str, ...]  # upper case; "*", "$", "+", "%", "^", "&SET", "(", ")", "{", "}", "_"
    code: Code
    line: int


@dataclass
class VerbBlock:
    name: str
    code: Code
    line: int
    forms: list[VerbForm] = field(default_factory=list)
    patterns: list[RawPattern] = field(default_factory=list)


@dataclass
class VerbDictionary:
    path: str
    blocks: list[VerbBlock] = field(default_factory=list)
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # "&NAME" -> member phrases
    problems: list[Problem] = field(default_factory=list)
    lines: int = 0


def parse_code(text: str) -> Code:
    """``032``, ``032:033``, ``:173``, ``---``; raises ValueError with the reason."""
    body = text.strip()
    if body in NULL_CODES:
        return Code(None, None)
    fwd, sep, rev = body.partition(":")
    fwd, rev = fwd.strip(), rev.strip()
    for part in (fwd, rev):
        if part and part not in NULL_CODES and not _CODE_PART.match(part):
            raise ValueError(f"code [{body}] is not a numeric event code")
    return Code(fwd if fwd and fwd not in NULL_CODES else None,
                rev if sep and rev and rev not in NULL_CODES else None)


def strip_comments(lines: list[str]) -> list[str]:
    """Blank out ``<!-- -->`` spans and ``#`` comments, keeping line numbers."""
    out, inside = [], False
    for line in lines:
        buf, i = [], 0
        while i < len(line):
            if inside:
                j = line.find("-->", i)
                if j < 0:
                    break
                inside, i = False, j + 3
            else:
                j = line.find("<!--", i)
                if j < 0:
                    buf.append(line[i:])
                    break
                buf.append(line[i:j])
                inside, i = True, j + 4
        out.append("".join(buf).split("#", 1)[0].rstrip())
    return out


def tokenize_pattern(text: str) -> list[str]:
    """Split a pattern body into words and markers; ``_`` is kept as a joiner token."""
    spaced = re.sub(r"([(){}*$%^])", r" \1 ", text)
    spaced = spaced.replace("_", " _ ")
    toks: list[str] = []
    for raw in spaced.split():
        if raw.startswith("+") and len(raw) > 1:  # "+RST": target marker glued to a word is a verb mark
            toks.extend(["+", raw[1:]])
        else:
            toks.append(raw)
    return [t.upper() for t in toks]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in phrase.replace("_", " ").split() if w)


class _Reader:
    def __init__(self, path: Path) -> None:
        self.d = VerbDictionary(str(path))
        self.block: VerbBlock | None = None
        self.synset: str | None = None
        self.in_patterns = False

    def problem(self, line: int, reason: str) -> None:
        self.d.problems.append(Problem(f"{self.d.path}:{line}", reason))

    def feed(self, n: int, line: str) -> None:
        text = line.strip()
        if not text:
            return
        m = _HEADER.match(text)
        if m:
            self._header(n, m.group(1))
            return
        if text.startswith("&"):
            name = text.split()[0].rstrip("_").upper()
            if not _SET_NAME.match(name):
                self.problem(n, f"bad synonym set name {text!r}; line skipped")
                self.synset = None
                return
            self.synset = name
            self.d.synsets.setdefault(name, [])
            self.block = None
            return
        if self.synset is not None and text.startswith("+"):
            member = text[1:].strip()
            if not member:
                self.problem(n, "empty synonym set member; line skipped")
                return
            if member.startswith("&"):
                self.d.synsets[self.synset].append((member.split()[0].rstrip("_").upper(),))
            else:
                self.d.synsets[self.synset].append(_words(member))
            return
        if self.block is None:
            self.problem(n, f"text outside a verb block or synonym set: {text[:60]!r}; line skipped")
            return
        if text.startswith("~"):
            self.problem(n, "PETRARCH 2 transformation rule; not supported, line skipped")
        elif text.startswith("-"):
            self._pattern(n, text[1:].strip())
        else:
            self._form(n, text)

    def _header(self, n: int, body: str) -> None:
        self.synset = None
        self.in_patterns = False
        codes = _CODE.findall(body)
        name = _CODE.sub(" ", body).strip()
        if not name or not codes:
            self.problem(n, f"verb block header needs a name and a [code]: {body!r}; block skipped")
            self.block = None
            return
        if len(codes) > 1:
            self.problem(n, f"block {name} has {len(codes)} codes; the first, [{codes[0]}], is used")
        try:
            code = parse_code(codes[0])
        except ValueError as exc:
            self.problem(n, f"{exc}; block {name} kept without a default code")
            code = Code(None, None)
        self.block = VerbBlock(name.rstrip("_").upper(), code, n)
        self.d.blocks.append(self.block)

    def _form(self, n: int, text: str) -> None:
        assert self.block is not None
        if self.in_patterns:
            self.problem(n, f"verb form {text[:40]!r} after the block's patterns; line skipped")
            return
        text = text.split(";", 1)[0]  # TABARI-era comment
        codes = _CODE.findall(text)
        head = _BRACES.sub(" ", _CODE.sub(" ", text)).strip()
        if "{" in head or "}" in head or "[" in head or "]" in head:
            self.problem(n, f"unbalanced brackets in verb form {text!r}; line skipped")
            return
        code = None
        if codes:
            try:
                code = parse_code(codes[0])
            except ValueError as exc:
                self.problem(n, f"{exc}; verb form skipped")
                return
        words = head.split()
        if len(words) != 1:
            self.problem(n, f"verb form {head!r} is not one word (join words with '_'); line skipped")
            return
        parts = [p for p in words[0].split("_") if p]
        if words[0].startswith("+"):
            parts[0] = parts[0][1:]
            idx = 0
        else:
            marked = [i for i, p in enumerate(parts) if p.startswith("+")]
            idx = marked[0] if marked else 0
            if marked:
                parts[idx] = parts[idx][1:]
        parts = [p.lower() for p in parts]
        if not parts or not parts[idx].replace("-", "").replace("'", "").isalpha():
            self.problem(n, f"verb form {head!r} has no verb word; line skipped")
            return
        self.block.forms.append(VerbForm(parts[idx], tuple(parts[:idx]), tuple(parts[idx + 1:]), code, n))

    def _pattern(self, n: int, text: str) -> None:
        assert self.block is not None
        self.in_patterns = True
        codes = _CODE.findall(text)
        if not codes:
            self.problem(n, "pattern without a [code]; line skipped")
            return
        body = _CODE.sub(" ", text)
        if "[" in body or "]" in body:
            self.problem(n, "unbalanced [ ] in pattern; line skipped")
            return
        try:
            code = parse_code(codes[-1])
        except ValueError as exc:
            self.problem(n, f"{exc}; pattern skipped")
            return
        tokens = tokenize_pattern(body)
        if tokens.count("*") != 1:
            self.problem(n, f"pattern must contain exactly one '*' (the verb), found {tokens.count('*')}; line skipped")
            return
        if tokens.count("(") != tokens.count(")") or tokens.count("{") != tokens.count("}"):
            self.problem(n, "unbalanced ( ) or { } in pattern; line skipped")
            return
        self.block.patterns.append(RawPattern(tuple(tokens), code, n))


def read_verb_dictionary(path: Path | str) -> VerbDictionary:
    """Blocks, synonym sets and problems of one verb dictionary file."""
    path = Path(path)
    reader = _Reader(path)
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        reader.problem(0, f"cannot read file: {exc}")
        return reader.d
    lines = strip_comments(raw.splitlines())
    for n, line in enumerate(lines, start=1):
        reader.feed(n, line)
    reader.d.lines = len(lines)
    return reader.d
