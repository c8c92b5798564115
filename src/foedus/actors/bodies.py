"""Bodies a text names once in full and then by a short form, or by who chairs them.

News introduces a body in full and then shortens it: "the National Security
Committee (NSC) ... The NSC condemned ... The committee rejected ...". And
it often tells whose a body is only through the person at its head: "the
National Security Committee, chaired by Prime Minister Shehbaz Sharif". Three
rules, each conservative (a wrong actor costs more than a missing one):

- **chaired by**: a body the registry does not resolve (an unresolved ORG
  name, or a capitalised name ending in a body word such as "Committee"),
  followed by ", chaired by / headed by / led by" and a person the actor stage
  resolved to a state's office, is that state's body, with the person's
  sector (a prime minister's committee is GOV);
- **abbreviation**: a resolved body followed by its abbreviation in brackets
  ("the National Security Committee (NSC)", the letters being the initials of
  its capitalised words in order) gives that abbreviation, wherever it occurs
  later in the document, the body's code;
- **head noun**: "the committee", "the council", "the commission" (the last
  word of a resolved body's name, lower case, after "the" and standing alone)
  is that body when it is the only body of the document whose name ends in
  that word, named before it.

Each new mention has ``how="coref"`` and ``antecedent`` set to the full name,
so explanations show where the code came from.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ..nlp.word_index import positions_of
from .coref import Found

# Words that end the names of bodies (not of people or places).
BODY_WORDS = frozenset({
    "committee", "council", "commission", "assembly", "agency", "authority", "bureau", "board", "cabinet",
    "directorate", "office", "ministry", "secretariat", "service", "command", "forces", "corps", "guard",
    "court", "tribunal", "parliament", "senate", "congress", "presidency", "chamber", "staff",
})
CHAIR_WORDS = ("chaired by", "headed by", "led by", "presided over by")
_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9&]{1,9}$")


def _initials_match(abbr: str, words: list[str]) -> bool:
    """The abbreviation's capitals are, in order, the initials of the name's capitalised words."""
    caps = [c for c in abbr if c.isupper()]
    initials = [w[0] for w in words if w[:1].isupper()]
    if len(caps) < 2 or len(caps) > len(initials):
        return False
    it = iter(initials)
    return all(any(c == i for i in it) for c in caps)


def _body_name(doc: Doc, start: int, end: int) -> list[str]:
    return [t.text for t in doc[start:end] if t.lower_ != "the"]


def chaired_bodies(doc: Doc, found: list[Found]) -> list[Found]:
    """Unresolved bodies that the text places under a resolved state person; returns replacements."""
    out: list[Found] = []
    for f in found:
        m = f.mention
        if m.resolved or m.label not in ("ORG", None) or doc[f.end - 1].lower_ not in BODY_WORDS:
            continue
        k = f.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")":
            k += 3  # "the National Security Committee (NSC), chaired by ..."
        if k < len(doc) and doc[k].text == ",":
            k += 1
        phrase = None
        for words in CHAIR_WORDS:
            n = len(words.split())
            if " ".join(t.lower_ for t in doc[k:k + n]) == words:
                phrase = (words, k + n)
                break
        if phrase is None:
            continue
        chair = next((g for g in found if phrase[1] <= g.start <= phrase[1] + 3 and g.mention.resolved
                      and g.mention.person and g.mention.country), None)
        if chair is None:
            continue
        c = chair.mention
        code = (c.code or "")[:3] + (c.role or "GOV")
        new = replace(m, code=code, name=m.text, country=c.country, org=None, role=c.role or "GOV",
                      entity_id=c.country, how="coref", antecedent=(c.start, c.end))
        out.append(Found(f.start, f.end, new, f"{phrase[0]} {c.text!r} ({c.code}): that state's body"))
    return out


def abbreviations(doc: Doc, found: list[Found]) -> list[Found]:
    """Later uses of an abbreviation defined in brackets after a resolved body; returns new mentions."""
    defined: dict[str, Found] = {}
    for f in found:
        m = f.mention
        if not m.resolved or (m.person and doc[f.end - 1].lower_ not in BODY_WORDS):
            continue
        k = f.end
        if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")" and _ABBREVIATION.match(doc[k + 1].text):
            abbr = doc[k + 1].text
            if _initials_match(abbr, _body_name(doc, f.start, f.end)) and abbr not in defined:
                defined[abbr] = f
    if not defined:
        return []
    taken = {i for f in found if f.mention.resolved for i in range(f.start, f.end)}
    out: list[Found] = []
    for i in positions_of(doc, {abbr.lower() for abbr in defined}):
        tok = doc[i]
        full = defined.get(tok.text)
        if full is None or tok.i < full.end or tok.i in taken:
            continue
        e = full.mention
        m = replace(e, start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, how="coref",
                    antecedent=(e.start, e.end))
        out.append(Found(tok.i, tok.i + 1, m, f"abbreviation of {e.text!r} ({e.code}), defined in brackets"))
    return out


def head_nouns(doc: Doc, found: list[Found]) -> list[Found]:
    """"the committee" after "the National Security Committee" (the only such body named before)."""
    bodies: dict[str, list[Found]] = {}
    for f in found:
        m = f.mention
        if not m.resolved or f.end - f.start < 2 or (m.person and doc[f.end - 1].lower_ not in BODY_WORDS):
            continue
        last = doc[f.end - 1]
        if last.lower_ in BODY_WORDS and last.text[:1].isupper():
            bodies.setdefault(last.lower_, []).append(f)
    if not bodies:
        return []
    taken = {i for f in found if f.mention.resolved for i in range(f.start, f.end)}
    out: list[Found] = []
    for i in positions_of(doc, bodies):
        tok = doc[i]
        named = bodies.get(tok.text)  # lower case only: "the committee", never a capitalised name
        if not named or tok.i == 0 or tok.i in taken or doc[tok.i - 1].lower_ != "the":
            continue
        if tok.i + 1 < len(doc) and (doc[tok.i + 1].lower_ == "of" or doc[tok.i + 1].pos_ in ("NOUN", "PROPN")):
            continue  # "the committee of experts", "the council meeting"
        before = [f for f in named if f.end <= tok.i]
        if len({f.mention.code for f in before}) != 1:
            continue
        e = before[-1].mention
        m = replace(e, start=doc[tok.i - 1].idx, end=tok.idx + len(tok.text), text=doc[tok.i - 1:tok.i + 1].text,
                    how="coref", antecedent=(e.start, e.end))
        out.append(Found(tok.i - 1, tok.i + 1, m, f"the body named earlier as {e.text!r} ({e.code})"))
    return out
