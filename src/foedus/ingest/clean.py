"""Turn a web page (HTML, or text that still carries the page around it) into
the article's own paragraphs.

Why our own line-level cleaner on top of trafilatura: much of what we ingest
arrives as text already flattened from a page, with menus, pleas, captions and
teasers of other articles left in, and trafilatura's own output still lets some
of them through. Everything downstream (spaCy, event coding, offsets shown as
evidence) reads the clean text, so an unrecognised "Subscribe from £10" line is
an event candidate and a lost paragraph is lost evidence.

Every removed line is returned with the reason it went, so a user can audit
the cleaner; the values the page furniture carries (copyright line, byline,
"Published ..." line) are kept in ``CleanResult.cues`` for metadata inference.
All knowledge (phrases, section names) lives in
``foedus/data/cleaning/boilerplate.yaml``; this module only holds the logic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..literals import Prefiltered, required_signs

__all__ = ["CleanResult", "CleaningError", "clean_html", "clean_text", "boilerplate_data"]

FORMAT = "foedus-boilerplate/1"

# libxml2 refuses to build trees deeper than 256 levels (trafilatura then
# returns nothing), so deeper-but-allowed markup is flattened below this.
_PARSER_SAFE_DEPTH = 200


class CleaningError(ValueError):
    """The input cannot be turned into article text; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanResult:
    """The article text and an account of what was taken out.

    ``text``: paragraphs separated by one blank line; later offsets refer to it.
    ``title_guess``: the page title seen above the article, if any.
    ``removed``: (line, reason) in document order.
    ``cues``: evidence lines for metadata (copyright, published, byline,
    dateline, signoff, author_note, site_name, ...).
    ``html_meta``: title/author/date/sitename/... read from HTML markup.
    """

    text: str
    title_guess: str | None
    removed: list[tuple[str, str]] = field(default_factory=list)
    cues: dict[str, str] = field(default_factory=dict)
    html_meta: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------
# data


@lru_cache(maxsize=1)
def boilerplate_data() -> dict[str, Any]:
    """The parsed data file (read once per process, never modified)."""
    text = resources.files("foedus").joinpath("data/cleaning/boilerplate.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"boilerplate.yaml: expected format {FORMAT}")
    return data


@dataclass(frozen=True)
class _Rule:
    reason: str
    patterns: tuple[Prefiltered, ...]
    support: tuple[Prefiltered, ...]
    max_words: int
    min_hits: int
    cue: str | None
    ends_article: str | None
    trailing_only: bool

    def matches(self, unit: str, words: int, lowered: str) -> bool:
        """One strong pattern in a short unit, or ``min_hits`` patterns (strong and support) in a longer one.

        Searches only what can change the answer: a long unit is not searched at
        all by a rule without ``min_hits`` (most article paragraphs are long), and
        a pattern runs only on a unit holding a word it requires
        (:mod:`foedus.literals`; ``lowered`` is the unit in lower case).
        """
        if words <= self.max_words:
            return any(p.search(unit, lowered) for p in self.patterns)
        if not self.min_hits:
            return False
        strong = sum(1 for p in self.patterns if p.search(unit, lowered))
        if not strong:
            return False
        weak = sum(1 for p in self.support if p.search(unit, lowered))
        return strong + weak >= self.min_hits


@dataclass(frozen=True)
class _Knowledge:
    rules: tuple[_Rule, ...]
    sections: frozenset[str]
    cues: dict[str, tuple[Prefiltered, ...]]
    cue_max_words: int
    outlet_patterns: tuple[re.Pattern[str], ...]
    outlet_suffixes: tuple[re.Pattern[str], ...]
    title_words: frozenset[str]
    connectors: frozenset[str]
    byline_stops: frozenset[str]


def _prefiltered(rx: re.Pattern[str]) -> Prefiltered:
    """``rx`` with its pre-test: the words it needs, else the signs or short words it needs (the "/" of a
    photo credit): a pattern with no pre-test runs on every line of every page."""
    pre = Prefiltered.of(rx)
    return pre if pre.needs is not None else Prefiltered(rx, required_signs(rx))


@lru_cache(maxsize=1)
def _knowledge() -> _Knowledge:
    data = boilerplate_data()
    rules = []
    for r in data["rules"]:
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        rules.append(
            _Rule(
                reason=r["reason"],
                patterns=tuple(_prefiltered(re.compile(p, flags)) for p in r["patterns"]),
                support=tuple(_prefiltered(re.compile(p, flags)) for p in r.get("support", [])),
                max_words=int(r.get("max_words", 25)),
                min_hits=int(r.get("min_hits", 0)),
                cue=r.get("cue"),
                ends_article=r.get("ends_article"),
                trailing_only=bool(r.get("trailing_only", False)),
            )
        )
    cues = {
        name: tuple(_prefiltered(re.compile(p, 0 if name == "byline" else re.IGNORECASE)) for p in pats)
        for name, pats in data["cues"].items()
    }
    return _Knowledge(
        rules=tuple(rules),
        sections=frozenset(s.casefold() for s in data["section_names"]),
        cues=cues,
        cue_max_words=int(data["cue_max_words"]),
        outlet_patterns=tuple(re.compile(p) for p in data["outlet_patterns"]),
        outlet_suffixes=tuple(re.compile(p, re.IGNORECASE) for p in data["outlet_suffixes"]),
        title_words=frozenset(data["title_words"].casefold().split()),
        connectors=frozenset(data["name_connectors"].casefold().split()),
        byline_stops=frozenset(data["byline_stops"].casefold().split()),
    )


# --------------------------------------------------------------------------
# small predicates on one unit

_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_BULLET = re.compile(r"^\s*(?:[•·▪►▸‣◦*–—-]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# a statement may close with the agency's tag: "... near the border overnight. (Nordic Wire)"
_STATEMENT_END = re.compile(r"[.!…][\"'”’»)\]]*(?:\s+\([A-Z][A-Za-z&.\- ]{1,30}\))?$")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "′": "'"})


def _words(unit: str) -> list[str]:
    return _WORD.findall(unit)


@lru_cache(maxsize=1024)
def _word_count(unit: str) -> int:
    """How many words ``unit`` holds, counted once per unit: the classifiers and the markers of a
    page ask it of the same units several times over."""
    return len(_words(unit))


def _strip_bullet(unit: str) -> str:
    return _BULLET.sub("", unit)


def _is_paragraph(unit: str) -> bool:
    """Prose, as opposed to a heading, label or list of links."""
    n = _word_count(unit)
    return n >= 30 or (n >= 6 and bool(_STATEMENT_END.search(unit)))


def _key(unit: str) -> str:
    """Comparison key: case, quotes, whitespace and bullets do not matter."""
    text = _strip_bullet(unit).translate(_QUOTES).casefold()
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .\"'")


_SECTION_SEPARATOR = re.compile(r"\s+[|>»/·•]\s+")
_LABEL_SEPARATOR = re.compile(r"\s+[|>»/·•]\s+|\s+[|·•]$")
_SEPARATOR_CHARS = "|>»/·•"


def _label_parts(text: str, separator: re.Pattern[str]) -> list[str]:
    """The non-empty parts of ``text`` (stripped) between ``separator`` matches. Every separator holds one
    of :data:`_SEPARATOR_CHARS`: a text without any, as most paragraphs are, is one part, found unsearched."""
    if not any(c in text for c in _SEPARATOR_CHARS):
        text = text.strip()
        return [text] if text else []
    return [p.strip() for p in separator.split(text) if p.strip()]


def _is_section_label(unit: str, k: _Knowledge) -> bool:
    text = _strip_bullet(unit).strip()
    if text.casefold().rstrip(":") in k.sections:
        return True
    parts = _label_parts(text, _SECTION_SEPARATOR)
    return len(parts) >= 2 and all(_word_count(p) <= 3 for p in parts)


def _is_label_row(unit: str, k: _Knowledge) -> bool:
    """'Analysis | Europe', 'Home | World | Markets | About', 'News Politics
    Culture Opinion Shop': section names or menu links on one line."""
    text = _strip_bullet(unit).strip()
    parts = _label_parts(text, _LABEL_SEPARATOR)
    if len(parts) >= 2 and all(p.casefold() in k.sections for p in parts):
        return True
    if len(parts) >= 3 and all(_word_count(p) <= 3 and not _SENTENCE_END.search(p) for p in parts):
        return True
    words = text.split()
    if len(parts) == 1 and len(words) >= 4 and all(w[:1].isupper() for w in words):
        return sum(1 for w in words if w.casefold() in k.sections) / len(words) >= 0.5
    return False


def _is_breadcrumb(unit: str) -> bool:
    return len(re.findall(r"\s[>»]\s", unit)) >= 2


def _is_title_like(unit: str, k: _Knowledge) -> bool:
    words = _words(unit)
    if not 2 <= len(words) <= 30 or unit.rstrip().endswith((".", ",", ";")) or unit.isupper():
        return False
    if any(w.casefold().replace("’", "'").split("'")[0] in k.title_words for w in words):
        return True
    return len(words) >= 6


def _is_name_like(unit: str, k: _Knowledge) -> bool:
    """'Jane Roe', 'Ana de Souza': how a sign-off under an article looks."""
    words = unit.split()
    if not 2 <= len(words) <= 4 or len(unit) > 45 or re.search(r"\d", unit):
        return False
    for w in words:
        low = w.casefold()
        if low in k.connectors:
            continue
        if low in k.title_words or not w[:1].isupper() or not re.fullmatch(r"[^\W\d_][\w.'’-]*", w):
            return False
    return True


# --------------------------------------------------------------------------
# splitting


# Space separators (Unicode category Zs) and the tab, all as a plain space.
_SPACES = re.compile("[\t" + "".join(chr(c) for c in (0x20, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)) + "]")


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text)
    out = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line)
        out.append(re.sub(r" {2,}", " ", line).strip())
    return "\n".join(out)


def _hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width (e-mail, plain-text exports)."""
    inner = [len(a) for a, b in zip(lines, lines[1:]) if a and b]
    if len(inner) < 5:
        return False
    band = sum(1 for n in inner if 55 <= n <= 100)
    return band / len(inner) >= 0.7 and max(inner) <= 100


def _split_units(text: str) -> list[str]:
    """One unit per paragraph, heading or list item.

    Lines are units, except that lines of a hard-wrapped text, and a line
    broken mid-sentence (next line starts in lower case), are joined.
    """
    lines = text.split("\n")
    wrapped = _hard_wrapped(lines)
    units: list[str] = []
    current: list[str] = []  # the lines of the unit being built (joined once: linear in the text)
    size = 0
    for line in lines:
        if not line:
            if current:
                units.append(" ".join(current))
            current, size = [], 0
            continue
        # only the end of the unit can end a sentence: look at its tail, not all of it
        if current and not _BULLET.match(line) and (
            wrapped or (line[:1].islower() and not _SENTENCE_END.search(current[-1][-64:]) and size >= 40)
        ):
            current.append(line)
            size += len(line) + 1
            continue
        if current:
            units.append(" ".join(current))
        current, size = [line], len(line)
    if current:
        units.append(" ".join(current))
    return units


# --------------------------------------------------------------------------
# the cleaner


class _Page:
    """Units of one document and the decision taken on each."""

    def __init__(self, units: list[str], k: _Knowledge) -> None:
        self.units = units
        self.k = k
        self.reason: list[str | None] = [None] * len(units)
        self.ends: dict[int, str] = {}
        self.cues: dict[str, str] = {}
        self.site_lines: list[tuple[str, str]] = []  # (kind, line) naming the site
        self.title_index: int | None = None

    def free(self, i: int) -> bool:
        return self.reason[i] is None and i != self.title_index

    def mark(self, i: int, reason: str) -> None:
        if self.reason[i] is None and i != self.title_index:
            self.reason[i] = reason

    def cue(self, name: str, line: str) -> None:
        self.cues.setdefault(name, line)


def _classify(page: _Page) -> None:
    k = page.k
    for i, unit in enumerate(page.units):
        n = _word_count(unit)
        lowered = unit.lower()
        if n <= k.cue_max_words:
            for name, pats in k.cues.items():
                if any(p.search(unit, lowered) for p in pats):
                    page.cue(name, unit)
                    if name in ("copyright", "about", "breadcrumb"):
                        page.site_lines.append((name, unit))
        for rule in k.rules:
            if rule.trailing_only or not rule.matches(unit, n, lowered):
                continue
            page.reason[i] = rule.reason
            if rule.cue:
                page.cue(rule.cue, unit)
                if rule.cue in ("plea", "crosslink"):
                    page.site_lines.append((rule.cue, unit))
            if rule.reason.startswith("image") and re.fullmatch(r"(.{3,40})\1", unit):
                page.site_lines.append(("masthead", unit[: len(unit) // 2]))
            if rule.ends_article:
                page.ends[i] = rule.ends_article
            break
        if page.reason[i] is None and _is_breadcrumb(unit):
            page.reason[i] = "breadcrumb"
            page.site_lines.append(("breadcrumb", unit))
        elif page.reason[i] is None and _is_label_row(unit, k):
            page.reason[i] = "section label"


def _menu_item(unit: str) -> bool:
    text = _strip_bullet(unit)
    return _word_count(text) <= 4 and not _SENTENCE_END.search(text)


def _mark_navigation(page: _Page) -> None:
    """Runs of three or more short link-like lines, mostly section names."""
    k = page.k
    i = 0
    n = len(page.units)
    while i < n:
        if not _menu_item(page.units[i]) or page.ends.get(i):
            i += 1
            continue
        j = i
        while j < n and _menu_item(page.units[j]) and not page.ends.get(j):
            j += 1
        run = range(i, j)
        if len(run) >= 3:
            known = sum(
                1 for x in run if _is_section_label(page.units[x], k) or page.reason[x] is not None
            )
            if known / len(run) >= 0.5:
                for x in run:
                    page.mark(x, "navigation menu")
        i = j


def _first_body(page: _Page) -> int | None:
    for i, unit in enumerate(page.units):
        if page.reason[i] is None and _is_paragraph(unit):
            return i
    return None


def _mark_header(page: _Page, body: int) -> None:
    """Decide the title and clear the page header above the article."""
    k = page.k
    head = [i for i in range(body) if page.reason[i] is None]
    for i in head:
        if _is_section_label(page.units[i], k):
            page.mark(i, "section label")
    head = [i for i in head if page.reason[i] is None]
    # The headline is the fullest title-like line above the article; a page
    # that repeats a line there (headline in masthead and body) marks it too.
    # Taglines and first subheadings are shorter.
    candidates = [i for i in head if _is_title_like(page.units[i], k)]
    keys = [_key(page.units[i]) for i in head]

    def weight(i: int) -> tuple[int, int]:
        repeated = keys.count(_key(page.units[i])) > 1
        return _word_count(page.units[i]) + (5 if repeated else 0), -i

    title = max(candidates, key=weight) if candidates else None
    page.title_index = title
    title_key = _key(page.units[title]) if title is not None else None
    last = head[-1] if head else None
    for i in head:
        if i == title:
            continue
        unit = page.units[i]
        if title_key is not None and _key(unit) == title_key:
            page.mark(i, "repeats the title")
        elif title is None or i < title:
            page.mark(i, "page header above the title")
        elif i == last and _is_title_like(unit, k):
            continue  # the article's first subheading
        else:
            page.mark(i, "header label (author, section or date)")


def _is_headline(unit: str) -> bool:
    n = _word_count(unit)
    return 2 <= n <= 20 and not unit.rstrip().endswith(".")


def _find_end(page: _Page, body: int) -> tuple[int, str] | None:
    """Where the article stops and the rest of the site begins."""
    units = page.units
    paragraphs = 0
    i = body
    while i < len(units):
        kind = page.ends.get(i)
        if kind == "heading":
            resume = _inline_box_end(page, i)
            if resume is None:
                return i, f"after the article's end ({units[i]!r} heading)"
            for x in range(i, resume):
                page.mark(x, "related-articles box inside the article")
            i = resume
            continue
        if kind == "teaser":
            start = i
            for x in range(i - 1, max(body, i - 7), -1):
                if page.reason[x] is None and _is_headline(units[x]) and not _is_paragraph(units[x]):
                    start = x
                    break
            return _back_over_labels(page, start, body), "after the article's end (teasers of other articles)"
        if page.reason[i] is None and paragraphs >= 2 and _is_headline(units[i]) and not _is_paragraph(units[i]):
            key = _key(units[i])
            if any(_key(units[j]) == key for j in range(i + 1, min(len(units), i + 5))):
                return _back_over_labels(page, i, body), "after the article's end (teasers of other articles)"
        if page.reason[i] is None and _is_paragraph(units[i]):
            paragraphs += 1
        i += 1
    return None


def _back_over_labels(page: _Page, start: int, body: int) -> int:
    while start - 1 > body and page.reason[start - 1] is None and not _is_paragraph(page.units[start - 1]):
        prev = page.units[start - 1]
        if _is_title_like(prev, page.k) or _is_name_like(prev, page.k):
            break  # a subheading or sign-off of the article stays; only labels go
        start -= 1
    return start


def _inline_box_end(page: _Page, heading: int) -> int | None:
    """A 'Read more' box in mid-article: a few headlines, then prose resumes.

    Returns the index where the article resumes, or None when the heading
    really ends the article.
    """
    units = page.units
    j = heading + 1
    while j < len(units) and j - heading <= 4 and not _is_paragraph(units[j]):
        j += 1
    if j == heading + 1 or j - heading > 4:
        return None
    run = 0
    x = j
    while x < len(units) and page.reason[x] is None and _word_count(units[x]) >= 20 and not page.ends.get(x):
        run += 1
        x += 1
    return j if run >= 3 else None


def _mark_trailing(page: _Page, body: int, end: int) -> None:
    """Sign-offs, bios and stray labels between the last paragraph and the end."""
    k = page.k
    units = page.units
    kept = [i for i in range(body, end) if page.free(i) and _is_paragraph(units[i])]
    for i in kept[-2:]:
        n = _word_count(units[i])
        for rule in k.rules:
            if rule.trailing_only and rule.matches(units[i], n, units[i].lower()):
                page.mark(i, rule.reason)
                if rule.cue:
                    page.cue(rule.cue, units[i])
                break
    kept = [i for i in kept if page.free(i)]
    if not kept:
        return
    for i in range(kept[-1] + 1, end):
        if not page.free(i):
            continue
        if _is_name_like(units[i], k):
            page.mark(i, "author sign-off")
            page.cue("signoff", units[i])
        else:
            page.mark(i, "page matter after the last paragraph")


def _mark_duplicates(page: _Page) -> None:
    title_key = _key(page.units[page.title_index]) if page.title_index is not None else None
    seen: set[str] = set()
    longer: list[str] = []
    for i, unit in enumerate(page.units):
        if not page.free(i):
            continue
        key = _key(unit)
        if not key:
            page.mark(i, "empty after normalisation")
        elif key == title_key:
            page.mark(i, "repeats the title")
        elif key in seen:
            page.mark(i, "duplicate paragraph")
        elif len(key) >= 60 and any(key in other for other in longer):
            page.mark(i, "duplicate (contained in an earlier paragraph)")
        else:
            seen.add(key)
            longer.append(key)


def _site_name(page: _Page) -> str | None:
    k = page.k
    order = {"copyright": 0, "about": 1, "crosslink": 2, "plea": 3, "breadcrumb": 4, "masthead": 5}
    for kind, line in sorted(page.site_lines, key=lambda kl: order.get(kl[0], 9)):
        if kind == "masthead":
            return line.strip()
        for pat in k.outlet_patterns:
            m = pat.search(line)
            if not m:
                continue
            name = m.group("outlet").strip()
            for suffix in k.outlet_suffixes:
                name = suffix.sub("", name).strip()
            if name and name.casefold() not in k.sections and _word_count(name) <= 6:
                page.cue("site_name_line", line)
                return name
    return None


_PLACE = r"[A-Z][\w'’.-]+(?:[ /][A-Z][\w'’.-]+){0,3}"
_DATELINE = re.compile(
    # "MOSCOW —", "DOHA/TEHRAN, June 23 (Xinhua) --", "SRINAGAR, India (AP) —", "Pyongyang, North Korea - "
    rf"^(?P<line>(?P<place>{_PLACE})(?P<more>(?:, (?:{_PLACE}|[A-Z][a-z]+\.? \d{{1,2}}(?:, \d{{4}})?))*)"
    r"(?:,? \((?:[A-Za-z][\w /.,'-]{1,60})\))?)\s*(?:[—–-]{1,2}|(?<=[A-Z]):|(?<=\)):?)\s+(?=[A-Z\"“‘'])"
)


def _dateline(page: _Page, body: int) -> None:
    """The dateline opening the first paragraph ("MOSCOW, June 19 (AFP) —") is kept as a cue and taken out of
    the text: it is no part of the first sentence, and left in it turns the sentence's parse (a place as its
    subject, the real subject as an apposition)."""
    unit = page.units[body]
    m = _DATELINE.match(unit)
    if not m:
        return
    line = m.group("line")
    all_caps = m.group("place").upper() == m.group("place") and len(m.group("place")) >= 3
    if not (all_caps or m.group("more")):
        return  # "Russia - ..." with nothing that marks a dateline: leave the sentence alone
    page.cue("dateline", line)
    rest = unit[m.end():].lstrip()
    if _word_count(rest) >= 5:
        page.units[body] = rest


def clean_text(text: str) -> CleanResult:
    """Clean plain text that still carries web-page boilerplate.

    Pure function of its input and the read-only data file.
    """
    k = _knowledge()
    units = _split_units(_normalise(text or ""))
    page = _Page(units, k)
    _classify(page)
    _mark_navigation(page)
    body = _first_body(page)
    if body is None:
        for i in range(len(units)):
            page.mark(i, "no article paragraph on the page")
        return _result(page)
    _mark_header(page, body)
    _dateline(page, body)
    found = _find_end(page, body)
    end = len(units)
    if found is not None:
        end, why = found
        for i in range(end, len(units)):
            page.mark(i, why)
    _mark_trailing(page, body, end)
    _mark_duplicates(page)
    return _result(page)


def _result(page: _Page) -> CleanResult:
    site = _site_name(page)
    if site:
        page.cue("site_name", site)
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    title = None
    for i, unit in enumerate(page.units):
        if i == page.title_index:
            title = unit
            removed.append((unit, "page title (returned as title_guess)"))
        elif page.reason[i] is None:
            kept.append(unit)
        else:
            removed.append((unit, page.reason[i] or ""))
    return CleanResult(text="\n\n".join(kept), title_guess=title, removed=removed, cues=dict(page.cues))


# --------------------------------------------------------------------------
# HTML

# No part of a tag may run past the next "<": an unterminated tag ("<div
# class=x" and no ">") then ends where the next one begins, as HTML parsers
# read it, and the scan stays linear in the size of the page (a pattern that
# may cross "<" rescans the rest of the page from every later "<").
_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?(?:\]\]>|$)|<![^<>]*>|<\?[^<>]*>"
    r"|<(script|style|textarea|template)\b[^<>]*>.*?(?:</\1\s*>|$)"
    r"|<(/?)([a-zA-Z][^\s/<>]*)((?:[^<>\"']|\"[^<\"]*\"|'[^<']*')*)>",
    re.DOTALL | re.IGNORECASE,
)
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont bgsound frame keygen".split()
)
_SELF_CLOSING_FAMILY = {
    "p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"},
    "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"}, "thead": {"tbody", "thead"},
    "tbody": {"tbody", "thead"},
}
_FLATTENABLE = frozenset("div span font center section b i u em strong small big a nav aside header footer".split())


def _markup_depth(html: str, limit: int, flatten: bool = False) -> tuple[int, str | None]:
    """Deepest element nesting, counted by streaming over tags (no tree, no
    recursion), stopping as soon as ``limit`` is passed. With ``flatten``,
    also returns the markup with layout wrappers beyond the parser-safe depth
    dropped, so that extraction does not silently fail on deep pages.
    """
    stack: list[tuple[str, bool]] = []  # (tag, kept in output)
    depth = 0
    deepest = 0
    out: list[str] | None = [] if flatten else None
    pos = 0
    for m in _TOKEN.finditer(html):
        closing, name = m.group(2), m.group(3)
        if out is not None:
            out.append(html[pos : m.start()])
            pos = m.end()
        if name is None:
            if out is not None:
                out.append(m.group(0))
            continue
        tag = name.lower()
        keep = True
        if closing:
            for x in range(len(stack) - 1, -1, -1):
                if stack[x][0] == tag:
                    keep = stack[x][1]
                    for _t, kept in stack[x:]:
                        depth -= kept
                    del stack[x:]
                    break
        elif tag not in _VOID and not m.group(4).rstrip().endswith("/"):
            family = _SELF_CLOSING_FAMILY.get(tag)
            if family:
                for x in range(len(stack) - 1, max(-1, len(stack) - 9), -1):
                    if stack[x][0] in family:
                        for _t, kept in stack[x:]:
                            depth -= kept
                        del stack[x:]
                        break
            keep = not (flatten and depth >= _PARSER_SAFE_DEPTH and tag in _FLATTENABLE)
            stack.append((tag, keep))
            depth += keep
            if len(stack) > deepest:
                deepest = len(stack)
                if deepest > limit:
                    return deepest, None
        if out is not None and keep:
            out.append(m.group(0))
    if out is not None:
        out.append(html[pos:])
        return deepest, "".join(out)
    return deepest, None


def _extract(html: str, precision: bool) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        favor_precision=precision,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def clean_html(html: str, *, max_depth: int = 400) -> CleanResult:
    """Extract and clean the article of an HTML page.

    trafilatura finds the main text (favouring precision, comments and tables
    off) and the page's metadata; our text cleaner then removes what it let
    through. Raises ``CleaningError`` for markup nested deeper than
    ``max_depth``, for pages with no extractable article, and for extractor
    failures.
    """
    if not html or not html.strip():
        raise CleaningError("empty document")
    depth, _ = _markup_depth(html, max_depth)
    if depth > max_depth:
        raise CleaningError(f"markup nested more than {max_depth} elements deep")
    if depth > _PARSER_SAFE_DEPTH:
        _, flat = _markup_depth(html, max_depth, flatten=True)
        html = flat or html
    try:
        doc = _extract(html, precision=True)
        if doc is None or len(_words(doc.text or "")) < 40:
            fallback = _extract(html, precision=False)
            if fallback is not None and len(_words(fallback.text or "")) > len(_words((doc and doc.text) or "")):
                doc = fallback
    except (RecursionError, MemoryError) as exc:
        raise CleaningError(f"markup too complex to parse ({type(exc).__name__})") from exc
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken input
        raise CleaningError(f"extractor failed: {type(exc).__name__}: {exc}") from exc
    if doc is None or not (doc.text or "").strip():
        raise CleaningError("nothing extractable: no article text found in the page")
    result = clean_text(doc.text)
    if not result.text.strip():
        raise CleaningError("nothing extractable: only page furniture found")
    meta = {}
    for name in ("title", "author", "date", "sitename", "hostname", "url", "description"):
        value = getattr(doc, name, None)
        if isinstance(value, str) and value.strip():
            meta[name] = value.strip()
    for name in ("categories", "tags"):
        value = getattr(doc, name, None)
        if value:
            meta[name] = ", ".join(str(v) for v in value)
    title = result.title_guess
    if title is None and meta.get("title"):
        title = meta["title"]
    return CleanResult(
        text=result.text, title_guess=title, removed=result.removed, cues=result.cues, html_meta=meta
    )
