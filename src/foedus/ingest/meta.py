"""Infer an article's metadata from its own page when no manifest gives it.

Why each value carries its source: a date read from a "Published ..." line and
no date at all must not look alike in the store; analysis weights and filters
on them differently. Every value is ``(value, "inferred")`` or
``(None, "unknown")``; ``infer_metadata_detailed`` also says which evidence
decided it, so a user can check a surprising value.

Order of evidence, most trusted first:
  title:     HTML <title>/og:title, the page title seen above the article.
  outlet:    og:site_name, the copyright line, an about line, a cross-link
             naming the site, a plea naming it, the breadcrumb root.
  published: an explicit "Published/Updated ..." line, the HTML date, a date
             in the path, else the latest full date (day, month, year) the
             article mentions that is not after ``today``.
  author:    HTML author, the "By ..." byline (unless it names the outlet),
             a sign-off under the article, an author note/bio.
  language:  foedus.ingest.language on the clean text.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from foedus.ingest.clean import CleanResult, _knowledge
from foedus.ingest.language import detect_language

__all__ = ["MetaValue", "dateline_date", "infer_metadata", "infer_metadata_detailed"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Full dates only: a month word counts only between a day number and a year,
# which rules out dateparser's false positives on "may", "march" and "now".
_FULL_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b"
)
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_.](0?[1-9]|1[0-2])[-/_.](0?[1-9]|[12]\d|3[01])(?!\d)")
_EXPLICIT = re.compile(r"\b(?:published|updated|last updated|posted|first published)\b[:\s]*(?:on\s+)?(.*)", re.I)
_MIN_LANGUAGE_CONFIDENCE = 0.5


@dataclass(frozen=True)
class MetaValue:
    value: Any
    source: str  # "inferred" | "unknown"
    evidence: str = ""


def _parse_date(text: str) -> date | None:
    import dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
        )
    return parsed.date() if parsed else None


def _dates_in(text: str, today: date) -> list[date]:
    found = []
    for m in _FULL_DATE.finditer(text):
        d = _parse_date(m.group(0))
        if d and d <= today and d.year >= 1900:
            found.append(d)
    return found


_DAY_MONTH = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})|({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b"
)


def dateline_date(clean: CleanResult, anchor: date | None = None) -> date | None:
    """The day a dateline gives ("RIGA, May 2, 2024 --", "Bergen, June 4 (Agency):"), or None.

    A day without its year takes the year that puts it on or before ``anchor`` (the publication date when
    known, else today) and within a year of it.
    """
    line = clean.cues.get("dateline") or ""
    if not line:
        return None
    today = anchor or date.today()
    full = _dates_in(line, today + timedelta(days=1))
    if full:
        return full[0]
    m = _DAY_MONTH.search(line)
    if not m:
        return None
    day_text, month_text = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    for year in (today.year, today.year - 1):
        d = _parse_date(f"{day_text} {month_text} {year}")
        if d is not None and d <= today + timedelta(days=1):
            return d
    return None


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.;:|–—-")


def _byline_name(line: str) -> str | None:
    k = _knowledge()
    m = re.match(r"^(?:By|BY|by)\s+(.*)", line)
    if not m:
        return None
    words = []
    for w in m.group(1).split():
        low = w.casefold().strip(",")
        if low in k.byline_stops and words:
            break
        if not (w[:1].isupper() or low in k.connectors):
            break
        words.append(w.rstrip(","))
        if w.endswith(",") or len(words) >= 5:
            break
    return _clean_name(" ".join(words)) or None


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.casefold())


def _title(clean: CleanResult, html: dict[str, str]) -> MetaValue:
    title = html.get("title")
    if title:
        site = html.get("sitename")
        if site:
            title = re.sub(rf"\s+[|–—-]\s+{re.escape(site)}\s*$", "", title)
        return MetaValue(title.strip(), "inferred", "HTML title")
    if clean.title_guess:
        return MetaValue(clean.title_guess, "inferred", "title line above the article")
    return MetaValue(None, "unknown")


def _outlet(clean: CleanResult, html: dict[str, str]) -> MetaValue:
    if html.get("sitename"):
        return MetaValue(html["sitename"], "inferred", "HTML site name")
    if clean.cues.get("site_name"):
        return MetaValue(clean.cues["site_name"], "inferred", clean.cues.get("site_name_line", "page furniture"))
    return MetaValue(None, "unknown")


def _published(clean: CleanResult, html: dict[str, str], path: str, today: date) -> MetaValue:
    line = clean.cues.get("published")
    if line:
        m = _EXPLICIT.search(line)
        if m:
            dates = _dates_in(m.group(1), today)
            if dates:
                return MetaValue(dates[0], "inferred", line)
    dateline = clean.cues.get("dateline")
    if dateline:
        dates = _dates_in(dateline, today)
        if dates:
            return MetaValue(dates[0], "inferred", dateline)
    if html.get("date"):
        d = _parse_date(html["date"][:10])
        if d and d <= today:
            return MetaValue(d, "inferred", "HTML date")
    m = _PATH_DATE.search(path or "")
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if d <= today:
                return MetaValue(d, "inferred", f"date in path {path}")
        except ValueError:
            pass
    dates = _dates_in(clean.text, today)
    if dates:
        latest = max(dates)
        return MetaValue(latest, "inferred", "latest full date mentioned in the article")
    return MetaValue(None, "unknown")


def _author(clean: CleanResult, html: dict[str, str], outlet: str | None) -> MetaValue:
    k = _knowledge()
    if html.get("author"):
        return MetaValue(html["author"], "inferred", "HTML author")
    byline = clean.cues.get("byline")
    if byline:
        name = _byline_name(byline)
        if name and not (outlet and _norm(name) == _norm(outlet)):
            return MetaValue(name, "inferred", byline)
    if clean.cues.get("signoff"):
        return MetaValue(clean.cues["signoff"], "inferred", "sign-off under the article")
    for key in ("author_note", "author_bio"):
        line = clean.cues.get(key)
        if not line:
            continue
        body = re.sub(r"^[^:]{0,30}:\s*", "", line) if key == "author_note" else line
        m = re.match(r"([A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|" + "|".join(k.connectors) + r")){1,3}) (?:is|was|has)\b", body)
        if m:
            return MetaValue(m.group(1), "inferred", line)
    return MetaValue(None, "unknown")


def infer_metadata_detailed(
    clean: CleanResult,
    raw_text: str,
    path: str,
    html_meta: dict | None,
    *,
    today: date | None = None,
    language: tuple[str | None, float] | None = None,
    published_given: bool = False,
) -> dict[str, MetaValue]:
    """Like ``infer_metadata`` but each value also names its evidence.

    ``language`` is a detection the caller already made (the text is not
    classified twice); with ``published_given`` the text is not searched for
    a publication date (the slowest part), as the given one wins anyway.
    """
    html = {k: str(v) for k, v in {**clean.html_meta, **(html_meta or {})}.items() if v}
    today = today or date.today()
    outlet = _outlet(clean, html)
    lang, confidence = language if language is not None else detect_language(clean.text or raw_text)
    language = (
        MetaValue(lang, "inferred", f"word profile, confidence {confidence}")
        if lang and confidence >= _MIN_LANGUAGE_CONFIDENCE
        else MetaValue(None, "unknown", f"best guess {lang} at {confidence}")
    )
    return {
        "title": _title(clean, html),
        "outlet": outlet,
        "published": MetaValue(None, "unknown", "given") if published_given else _published(clean, html, path, today),
        "author": _author(clean, html, outlet.value),
        "language": language,
    }


def infer_metadata(
    clean: CleanResult,
    raw_text: str,
    path: str,
    html_meta: dict | None,
    *,
    today: date | None = None,
    language: tuple[str | None, float] | None = None,
    published_given: bool = False,
) -> dict[str, tuple[Any, str]]:
    """title, outlet, published (``datetime.date``), author and language,
    each as ``(value, 'inferred')`` or ``(None, 'unknown')``.

    ``today`` bounds dates from the text (nothing later is a publication
    date); it defaults to the current date.
    """
    detailed = infer_metadata_detailed(clean, raw_text, path, html_meta, today=today, language=language,
                                       published_given=published_given)
    return {key: (v.value, v.source) for key, v in detailed.items()}
