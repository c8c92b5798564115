"""Small text helpers: alias matching, article references, names, numbers.

Why here: the ledger matches what news says ("Article 4", "the 1997 treaty",
"Lachin corridor") against the registry, and writes rationales in plain
words; both need the same few, predictable rules.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_ARTICLE = re.compile(
    r"\b(?:Article|Art\.|Point|Paragraph|Clause|Section)\s+(\d+[a-z]?(?:\s*\(\s*\w+\s*\))?|[IVXLC]+)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


@lru_cache(maxsize=4096)
def _alias_re(alias: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in alias.split())
    return re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)


def find_alias(text: str, alias: str) -> re.Match[str] | None:
    """Where ``alias`` stands in ``text`` as whole words, case-insensitively (None if nowhere)."""
    return _alias_re(alias).search(text or "") if alias else None


def mentions_any(text: str, aliases: tuple[str, ...] | list[str]) -> str | None:
    """The first alias found in ``text`` as whole words, case-insensitively."""
    for a in aliases:
        if a and _alias_re(a).search(text or ""):
            return a
    return None


def article_refs(text: str) -> list[str]:
    """Article numbers cited in a sentence ("Article 4" -> "4", "Article 42(7)" -> "42(7)")."""
    out = []
    for m in _ARTICLE.finditer(text or ""):
        ref = re.sub(r"\s+", "", m.group(1))
        if ref.isalpha():
            ref = ref.upper()
        if ref not in out:
            out.append(ref)
    return out


_SHORT = {
    "RUS": "Russia", "USA": "the United States", "GBR": "the United Kingdom", "KOR": "South Korea",
    "PRK": "North Korea", "IRN": "Iran", "SYR": "Syria", "TWN": "Taiwan", "MDA": "Moldova",
    "VEN": "Venezuela", "BOL": "Bolivia", "CZE": "Czechia", "VNM": "Vietnam", "LAO": "Laos",
    "TUR": "Turkey", "NLD": "the Netherlands", "PHL": "the Philippines", "TZA": "Tanzania",
}


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    """A state's common English name from its ISO3 code (the code itself when unknown)."""
    if not code:
        return "an unknown actor"
    if code in _SHORT:
        return _SHORT[code]
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=code)
        if c is not None:
            return getattr(c, "common_name", None) or c.name
    except Exception:  # pragma: no cover - pycountry missing or broken
        pass
    return code


# Acronyms said as words take no article in English ("NATO", not "the NATO").
_NO_ARTICLE = frozenset({"NATO", "ASEAN", "OPEC", "SADC", "ECOWAS", "CARICOM", "MERCOSUR", "IGAD", "SEATO",
                         "CENTO", "ANZUS", "UNESCO", "UNICEF", "UNHCR", "UNIFIL", "AUKUS"})


def actor_name(code: str | None) -> str:
    """A country name for ISO3 codes, the organisation's short name otherwise."""
    if code and len(code) == 3 and code.isupper() and country_name(code) != code:
        return country_name(code)
    if code in _NO_ARTICLE:
        return code
    return f"the {code}" if code else "an unknown actor"


def count_words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def human_date(d: date | None) -> str:
    if d is None:
        return "an unknown date"
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def when(d: date | None, precision: str = "day") -> str:
    """A date as a rationale says it: "on 13 Sept 2022", "in Sept 2022", "in
    2022", or "on or before 13 Sept 2022" when only undated reports show it."""
    if d is None:
        return "on an unknown date"
    if precision == "month":
        return f"in {_MONTHS[d.month - 1]} {d.year}"
    if precision == "year":
        return f"in {d.year}"
    if precision == "week":
        return f"in the week of {human_date(d)}"
    if precision == "document":
        return f"on or before {human_date(d)} (reported that day, no date of its own)"
    return f"on {human_date(d)}"


def join_words(items: list[str]) -> str:
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
