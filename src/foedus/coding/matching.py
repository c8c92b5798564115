"""Finding predicates: which pattern, if any, a token triggers.

Why our own matcher rather than spaCy's DependencyMatcher: patterns are
indexed by head lemma, so each token costs one dictionary look-up and only
the few patterns sharing its lemma are checked against the parse. This keeps
the coder's cost small next to the parse itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .patterns import Pattern, PatternSet
from .slots import is_temporal, objects

_VERBISH = frozenset({"VERB", "AUX"})
_NOUNISH = frozenset({"NOUN", "PROPN"})
_MOD_DEPS = frozenset({"amod", "compound", "npadvmod", "advmod", "nmod", "poss"})


@dataclass(frozen=True)
class Match:
    trigger: Token
    pattern: Pattern
    object_tokens: tuple[Token, ...] = ()  # tokens the pattern's object constraint used


def _pos_ok(tok: Token, pos: str) -> bool:
    if pos == "any":
        return True
    if pos == "verb":
        return tok.pos_ in _VERBISH or any(c.dep_ in ("nsubj", "dobj", "nsubjpass") for c in tok.children)
    return tok.pos_ in _NOUNISH or (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj", "dobj", "nsubj"))


def _has_prep(tok: Token, prep: str, also: list[Token], temporal: frozenset[str]) -> bool:
    """The head or its object governs ``prep`` ("call on X"); a time phrase ("on Tuesday") does not count."""
    for head in (tok, *also):
        for c in head.children:
            if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ == prep and not is_temporal(c, temporal):
                return True
    return False


def _modified(tok: Token, mods: frozenset[str], also: list[Token]) -> bool:
    for head in (tok, *also):
        for c in head.children:
            if c.dep_ in _MOD_DEPS and (c.lemma_.lower() in mods or c.lower_ in mods):
                return True
        if head.dep_ == "compound" and (head.head.lemma_.lower() in mods):
            return True
    return False


def match_token(tok: Token, patterns: PatternSet, temporal: frozenset[str] = frozenset()) -> Match | None:
    """The most specific pattern whose constraints the token satisfies.

    ``object: "*"`` asks for any direct object (a transitive use: "occupied
    Lachin", not "Russia, otherwise occupied"); ``temporal`` lists nouns of
    time phrases that never satisfy a ``prep`` constraint.
    """
    cands = patterns.candidates(tok.lemma_.lower(), tok.lower_)
    if not cands:
        return None
    objs: list[Token] | None = None
    for p in cands:
        if not _pos_ok(tok, p.pos):
            continue
        if p.objects or p.prep or p.modifiers:
            if objs is None:
                objs = objects(tok)
        used: tuple[Token, ...] = ()
        if p.objects:
            used = tuple(o for o in (objs or []) if o.lemma_.lower() in p.objects or o.lower_ in p.objects
                         or ("*" in p.objects and o.pos_ in ("NOUN", "PROPN")))
            if not used:
                continue
        if p.particle and not any(c.dep_ in ("prt", "prep") and c.lower_ == p.particle for c in tok.children):
            continue
        if p.prep and not _has_prep(tok, p.prep, objs or [], temporal):
            continue
        if p.modifiers and not _modified(tok, p.modifiers, objs or []):
            continue
        return Match(tok, p, used)
    return None
