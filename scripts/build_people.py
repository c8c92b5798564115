"""Generate the world office-holder registry from the office tables in ``knowledge/offices/``.

    python scripts/build_people.py            # check the tables, write the generated files, print a report
    python scripts/build_people.py --check    # check only; exit 1 when a row is broken

Why a generator: the tables transcribe reference lists (one row per person per term, each with the list it comes
from), which is how such lists are read and checked; the registry wants one entry per person with all their offices
and sources. This script is the one step between the two, so a refresh is: edit or re-transcribe a table, run it.

What it does, in order:

1. reads every ``*.csv`` table and checks each row (dates, codes, roles, known states and organisations, start
   before end); a broken row is reported as ``file:line: reason`` and left out;
2. drops offices the hand-curated ``people.yaml`` already holds (same person by name or alias, same state or
   organisation, overlapping term): the curated file was checked by hand and wins;
3. merges rows into people (one person = one name; two different people of the same name in different states get
   different ids), keeps every alias and every source;
4. writes ``src/foedus/data/actors/people_world.yaml`` (and ``organisations_world.yaml`` from
   ``new_organisations.csv``) in the ``foedus-actors/1`` format, and reports the counts and any overlapping holders
   of the same office (a sign of a transcription error).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "knowledge" / "offices"
DATA = ROOT / "src" / "foedus" / "data" / "actors"
PEOPLE_OUT = DATA / "people_world.yaml"
ORGS_OUT = DATA / "organisations_world.yaml"
ROLES = {"GOV", "MIL", "LEG", "JUD", "REB", "INS", "OPP", "SPY", "PTY", "ELI", "BUS", "HLH", "HRI", "COP"}
# States whose people are named family name first in English news ("Kim Jong Un" is "Kim").
FAMILY_FIRST = {"CHN", "TWN", "PRK", "KOR", "HKG", "MAC", "KHM"}
ORG_KINDS = {"alliance", "igo", "court", "ngo", "bloc", "un-organ", "organ", "peacekeeping", "de-facto-authority",
             "armed-group"}


@dataclass
class Row:
    where: str
    name: str
    aliases: list[str]
    country: str
    org: str
    role: str
    title: str
    start: date
    end: date | None
    approx: str
    uncertain: bool
    source: dict
    note: str


@dataclass
class Person:
    id: str
    name: str
    surname: str | None
    aliases: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def person_id(name: str, family_first: bool) -> str:
    words = name.split()
    if family_first or len(words) < 2:
        return ascii_slug(name)
    return ascii_slug(" ".join([words[-1], *words[:-1]]))


def _date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{what} {value!r} is not a YYYY-MM-DD date") from exc


def read_tables(states: set[str], orgs: set[str], problems: list[str]) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(TABLES.glob("*.csv")):
        if path.name == "new_organisations.csv":
            continue
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            for n, rec in enumerate(reader, start=2):
                where = f"{path.relative_to(ROOT)}:{n}"
                try:
                    rows.append(_row(rec, where, states, orgs))
                except ValueError as exc:
                    problems.append(f"{where}: {exc}")
    return rows


def _row(rec: dict, where: str, states: set[str], orgs: set[str]) -> Row:
    get = lambda k: (rec.get(k) or "").strip()  # noqa: E731
    name, country, org, role, title = get("name"), get("country").upper(), get("org"), get("role").upper(), get("title")
    if not name or not title:
        raise ValueError("name and title are required")
    if bool(country) == bool(org):
        raise ValueError("give exactly one of country and org")
    if country and country not in states:
        raise ValueError(f"country {country!r} is not a state id of states.yaml")
    if org and org not in orgs:
        raise ValueError(f"organisation {org!r} is neither in organisations.yaml nor in new_organisations.csv")
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {sorted(ROLES)}")
    start = _date(get("start"), "start")
    end = _date(get("end"), "end") if get("end") else None
    if end and end < start:
        raise ValueError(f"end {end} is before start {start}")
    approx = get("approx").lower()
    if approx not in ("", "month", "year"):
        raise ValueError(f"approx {approx!r} must be empty, 'month' or 'year'")
    if not get("source_title") or not get("source_url"):
        raise ValueError("every row needs source_title and source_url")
    source = {"title": get("source_title"), "url": get("source_url")}
    if get("read"):
        source["date"] = _date(get("read"), "read").isoformat()
    aliases = [a.strip() for a in get("aliases").split(";") if a.strip() and a.strip() != name]
    return Row(where, name, aliases, country, org, role, title, start, end, approx, get("uncertain") in ("1", "true"),
               source, get("note"))


def _known(path: Path, kind: str, key: str = "id") -> tuple[set[str], list[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries = data.get(kind) or []
    return {str(e[key]) for e in entries}, entries


def _overlap(a0: date, a1: date | None, b0, b1) -> bool:
    b0 = b0 if isinstance(b0, date) else date.min
    return a0 <= (b1 or date.max) and b0 <= (a1 or date.max)


def curated_offices() -> tuple[dict[str, str], dict[str, list[dict]]]:
    """Names and aliases of the hand-curated people -> their id, and their offices."""
    _, people = _known(DATA / "people.yaml", "people")
    by_name: dict[str, str] = {}
    offices: dict[str, list[dict]] = {}
    for p in people:
        for text in (p["name"], *(p.get("aliases") or [])):
            if len(str(text).split()) > 1:
                by_name.setdefault(ascii_slug(str(text)), p["id"])
        offices[p["id"]] = p.get("offices") or []
    return by_name, offices


def build(rows: list[Row], report: list[str]) -> list[Person]:
    by_name, curated = curated_offices()
    people: dict[str, Person] = {}
    skipped = 0
    for r in rows:
        cid = by_name.get(ascii_slug(r.name)) or next((by_name[ascii_slug(a)] for a in r.aliases
                                                        if ascii_slug(a) in by_name), None)
        if cid is not None and any(
            (o.get("country") == r.country if r.country else o.get("org") == r.org)
            and _overlap(r.start, r.end, o.get("start"), o.get("end"))
            for o in curated.get(cid, [])
        ):
            skipped += 1
            continue
        family_first = r.country in FAMILY_FIRST
        pid = cid or person_id(r.name, family_first)
        other = people.get(pid)
        if other is not None and other.name != r.name and cid is None:
            pid = f"{pid}-{(r.country or r.org).lower()}"
        p = people.get(pid)
        if p is None:
            surname = r.name.split()[0] if family_first and len(r.name.split()) > 1 else None
            p = people[pid] = Person(pid, r.name, surname)
        for a in r.aliases:
            if a not in p.aliases and a != p.name:
                p.aliases.append(a)
        p.rows.append(r)
    report.append(f"offices already in the curated people.yaml (left to it): {skipped}")
    return sorted(people.values(), key=lambda p: p.id)


def overlaps(rows: list[Row]) -> list[str]:
    """Two holders of one office at once for more than a month: a likely transcription error."""
    by_office: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        by_office[(r.country or r.org, r.title.lower())].append(r)
    out = []
    for key, rs in by_office.items():
        rs.sort(key=lambda r: r.start)
        for a, b in zip(rs, rs[1:]):
            if a.end is None or (a.end - b.start).days > 31:
                if a.name != b.name and not a.uncertain and not (a.note and b.note):  # a note explains rival claims
                    out.append(f"{b.where}: {b.name} starts {b.start} while {a.name} ({a.where}) holds "
                               f"{key[1]} of {key[0]} until {a.end or 'present'}")
    return out


def _q(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


HEADER = """# foedus actor data: PEOPLE OF THE WORLD (generated; do not edit by hand)
# Format: foedus-actors/1 (kind: people). See README.md in this folder.
#
# Generated by scripts/build_people.py from the office tables in knowledge/offices/*.csv, which transcribe reference
# lists of office holders (heads of state and government, foreign and defence ministers, heads of organisations and
# their organs, chiefs of general staff, leaders of armed groups). Each office keeps the list it comes from in the
# person's sources; a source with a `date` was read on that date, one without names the standard reference list.
# Offices that the hand-curated people.yaml already holds are left out here; an entry whose id is also in
# people.yaml extends that person (see README.md, "Using your own actor file", for the merging rule).
# To correct an office, edit its table row and run `python scripts/build_people.py`.
format: foedus-actors/1
kind: people
people:
"""


def write_people(people: list[Person]) -> None:
    lines = [HEADER]
    for p in people:
        lines.append(f"  - id: {p.id}\n    name: {_q(p.name)}\n")
        if p.surname:
            lines.append(f"    surname: {_q(p.surname)}\n")
        lines.append(f"    aliases: [{', '.join(_q(a) for a in p.aliases)}]\n    offices:\n")
        for r in sorted(p.rows, key=lambda r: r.start):
            place = f"country: {r.country}" if r.country else f"org: {r.org}"
            parts = [place, f"role: {r.role}", f"title: {_q(r.title)}", f"start: {r.start}",
                     f"end: {r.end if r.end else 'null'}"]
            if r.approx:
                parts.append("approx: true")
            if r.uncertain:
                parts.append("uncertain: true")
            note = f"   # {r.note}" if r.note else ""
            lines.append(f"      - {{{', '.join(parts)}}}{note}\n")
        lines.append("    sources:\n")
        seen = []
        for r in p.rows:
            if r.source not in seen:
                seen.append(r.source)
        for src in seen:
            inner = ", ".join(f"{k}: {_q(v)}" for k, v in src.items())
            lines.append(f"      - {{{inner}}}\n")
    PEOPLE_OUT.write_text("".join(lines), encoding="utf-8")


def read_new_orgs(problems: list[str]) -> list[dict]:
    path = TABLES / "new_organisations.csv"
    if not path.exists():
        return []
    out = []
    with path.open(newline="", encoding="utf-8") as f:
        for n, rec in enumerate(csv.DictReader(f), start=2):
            get = lambda k: (rec.get(k) or "").strip()  # noqa: E731,B023
            where = f"{path.relative_to(ROOT)}:{n}"
            if not get("id") or not get("name") or not get("code"):
                problems.append(f"{where}: id, code and name are required")
                continue
            if get("kind") not in ORG_KINDS:
                problems.append(f"{where}: kind {get('kind')!r} is not one of {sorted(ORG_KINDS)}")
                continue
            if not re.fullmatch(r"[A-Z0-9]{3,}", get("code")):
                problems.append(f"{where}: code {get('code')!r} must be upper-case letters/digits")
                continue
            out.append({k: get(k) for k in rec})
    return out


def write_orgs(orgs: list[dict]) -> None:
    lines = [HEADER.replace("PEOPLE OF THE WORLD", "ORGANISATIONS AND ARMED GROUPS")
             .replace("kind: people\npeople:", "kind: organisations\norganisations:")
             .replace("knowledge/offices/*.csv", "knowledge/offices/new_organisations.csv")]
    for o in orgs:
        aliases = [a.strip() for a in o.get("aliases", "").split(";") if a.strip()]
        lines.append(f"  - id: {o['id']}\n    code: {o['code']}\n    name: {_q(o['name'])}\n"
                     f"    aliases: [{', '.join(_q(a) for a in aliases)}]\n    kind: {o['kind']}\n"
                     f"    seat: {_q(o['seat']) if o.get('seat') else 'null'}\n"
                     f"    parent: {o['parent'] or 'null'}\n")
        if o.get("counts_as"):
            lines.append(f"    counts_as: {o['counts_as']}\n")
        if o.get("country"):
            lines.append(f"    country: {o['country']}\n")
        lines.append("    members: []\n    sources:\n")
        lines.append(f"      - {{title: {_q(o.get('source_title') or o['name'])}, url: {_q(o.get('source_url') or '')}}}\n")
    ORGS_OUT.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str]) -> int:
    check_only = "--check" in argv
    problems: list[str] = []
    report: list[str] = []
    states, _ = _known(DATA / "states.yaml", "states")
    orgs, _ = _known(DATA / "organisations.yaml", "organisations")
    new_orgs = read_new_orgs(problems)
    orgs |= {o["id"] for o in new_orgs}
    rows = read_tables(states, orgs, problems)
    people = build(rows, report)
    kept = [r for p in people for r in p.rows]
    warnings = overlaps(rows)
    report.insert(0, f"tables: {len(list(TABLES.glob('*.csv')))}; rows read: {len(rows)}; broken rows: {len(problems)}")
    report.append(f"people: {len(people)}; dated offices: {len(kept)}; states with an office: "
                  f"{len({r.country for r in kept if r.country})}; organisations with an office: "
                  f"{len({r.org for r in kept if r.org})}; new organisations: {len(new_orgs)}")
    report.append(f"overlapping holders of one office (check them): {len(warnings)}")
    for line in report:
        print(line)
    for line in problems + warnings:
        print("  " + line)
    if check_only:
        return 1 if problems else 0
    write_people(people)
    if new_orgs:
        write_orgs(new_orgs)
    print(f"wrote {PEOPLE_OUT.relative_to(ROOT)}" + (f" and {ORGS_OUT.relative_to(ROOT)}" if new_orgs else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
