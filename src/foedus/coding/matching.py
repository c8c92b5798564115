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
from .slots import (
    adverb_particles, amount_of, children, conjuncts, light_noun_acts, is_temporal, objects, of_objects, sentence_start,
    subjects,
)

_VERBISH = frozenset({"VERB", "AUX"})
_NOUNISH = frozenset({"NOUN", "PROPN"})
_AFTER_DEPS = frozenset({"advmod", "acomp", "npadvmod", "attr", "oprd"})
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
        return tok.pos_ in _VERBISH or any(c.dep_ in ("nsubj", "dobj", "nsubjpass") for c in children(tok))
    return tok.pos_ in _NOUNISH or (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj", "dobj", "nsubj"))


def _has_prep(tok: Token, prep: str, also: list[Token], temporal: frozenset[str]) -> bool:
    """The head or its object governs ``prep`` ("call on X"); a time phrase ("on Tuesday") does not count.

    For an event noun, its of-object and the verb it is the object of count too: the parser hangs "to Mali" on
    either in "authorized the dispatch of soldiers to Mali".
    """
    verb = (tok.head,) if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB" else ()
    for head in (tok, *adverb_particles(tok), *also, *of_objects(tok), *verb):
        for c in children(head):
            if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ == prep and not is_temporal(c, temporal):
                return True
    return False


def _modified(tok: Token, mods: frozenset[str], also: list[Token]) -> bool:
    for head in (tok, *also):
        for c in children(head):
            if c.dep_ in _MOD_DEPS and (c.lemma_.lower() in mods or c.lower_ in mods):
                return True
        if head.dep_ == "compound" and (head.head.lemma_.lower() in mods):
            return True
    return False


def complements(tok: Token) -> list[Token]:
    """Object complements of a verb: "called the move <a violation>", "described it as <a provocation>"."""
    objs = [c for c in children(tok) if c.dep_ in ("dobj", "obj")]
    # an object complement needs an object ("called it a provocation", "was called a provocation");
    # "called Pashinyan" parsed with Pashinyan as oprd is a phone call
    oprds = [c for c in children(tok) if c.dep_ == "oprd"]
    has_object = bool(objs) or any(c.dep_ == "nsubjpass" for c in children(tok))
    if not has_object and len(oprds) > 1:
        oprds = oprds[1:]  # "called the incursion a border incident" parsed with two complements
        has_object = True
    out = oprds if has_object else []
    if objs and any(c.dep_ == "dative" for c in children(tok)):
        out.extend(objs)  # "branded Marcos a separatist": the dative is evaluated, the object is the label
    as_phrase = [c for c in children(tok) if c.dep_ == "prep" and c.lower_ == "as"]
    if not objs and as_phrase:
        # "referred to Hanoi as an aggressor": the to-phrase is what is evaluated
        objs = [o for c in children(tok) if c.dep_ == "prep" and c.lower_ == "to"
                for o in children(c) if o.dep_ == "pobj"]
    if objs:
        # "described the move as a violation" ("as reckless"): the 'as' phrase of the verb or of its object
        for head in (tok, *objs):
            for c in children(head):
                if c.dep_ == "prep" and c.lower_ == "as":
                    out.extend(o for o in children(c) if o.dep_ in ("pobj", "amod", "acomp"))
        # the small parser's slip: "called the blockade a provocation" with a second dobj or an appos
        out.extend(c for c in children(objs[0]) if c.dep_ == "appos" and c.i > objs[0].i)
        out.extend(objs[1:])
    return out


def _before(tok: Token, words: tuple[str, ...], window: int = 6) -> bool:
    """``words`` occur in this order before ``tok``, the last within ``window`` tokens of it.

    An entry of several words ("did n't", "most certainly") must match
    adjacent tokens; separate entries may have other words between them.
    """
    size = sum(len(w.split()) for w in words)
    start = max(sentence_start(tok), tok.i - window - size)
    prev = [t for t in tok.doc[start:tok.i] if not t.is_punct]
    end = len(prev)  # entries must end before this position

    def at(i: int, w: str) -> bool:
        return prev[i].lower_ == w or prev[i].lemma_.lower() == w

    for n, entry in enumerate(reversed(words)):
        parts = entry.split()
        adjacent = n == 0 and parts[-1] == "*"  # "recently *": right before the predicate
        if adjacent:
            parts = parts[:-1]
        i = end - len(parts)
        while i >= 0 and not all(at(i + k, w) for k, w in enumerate(parts)):
            if adjacent:
                return False
            i -= 1
        if i < 0:
            return False
        end = i
    return True


def _after(tok: Token, runs: tuple[str, ...]) -> tuple[Token, ...]:
    """The tokens of ``runs`` found in this order in the predicate's phrase after it.

    The words of one run ("cultural memos", "memos on economic") must be
    adjacent in the text; other words may stand between two runs. A word
    matches by its surface form or lemma ("memos" matches "memo").
    """
    phrase = sorted((t for t in tok.subtree if t.i > tok.i), key=lambda t: t.i)
    inside = {t.i for t in phrase}
    doc = tok.doc

    def at(i: int, w: str) -> bool:
        t = doc[i]
        return i in inside and (t.lower_ == w or t.lemma_.lower() == w or t.lemma_.lower() in _singular(w))

    used: list[Token] = []
    start = tok.i + 1
    for run in runs:
        words = run.split()
        i = start
        while i + len(words) <= len(doc) and not all(at(i + k, w) for k, w in enumerate(words)):
            i += 1
        if i + len(words) > len(doc):
            return ()
        used.extend(doc[i:i + len(words)])
        start = i + len(words)
    return tuple(used)


def _singular(word: str) -> tuple[str, ...]:
    if len(word) > 3 and word.endswith("ies"):
        return (word[:-3] + "y",)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)
    return ()


def _in_phrase(tok: Token, p: Pattern) -> tuple[Token, ...]:
    """The pattern's words anywhere in the predicate's phrase after it, outside
    prepositional phrases and conjuncts, the modifiers right before the object
    word ("allowed that X isn't a <really pleasant> place"): PETRARCH's reading
    of the words after ``*``, for converted dictionaries only."""
    n = len(p.modifiers)
    for t in tok.subtree:
        if t.i <= tok.i or not (t.lemma_.lower() in p.objects or t.lower_ in p.objects):
            continue
        up = t
        while up.i != tok.i and up.dep_ not in ("prep", "agent", "dative", "conj"):
            up = up.head  # not inside a prepositional phrase or a conjunct ("a set of resolutions")
        if up.i != tok.i:
            continue
        prev = tok.doc[max(t.i - n, 0):t.i]
        if len(prev) == n and all(x.i > tok.i for x in prev) and (
                {x.lower_ for x in prev} | {x.lemma_.lower() for x in prev}) >= p.modifiers:
            return (t,)
    return ()


def _prep_object_ok(tok: Token, prep: str, lemmas: frozenset[str], also: list[Token]) -> bool:
    return bool(_prep_object_tokens(tok, prep, lemmas, also))


def _is_pp_object(x: Token, lemmas: frozenset[str]) -> bool:
    """``x`` is one of ``lemmas``; an entry of several words needs its other words right before ``x``."""
    if x.lemma_.lower() in lemmas or x.lower_ in lemmas:
        return True
    for entry in lemmas:
        parts = entry.split()
        if len(parts) < 2 or parts[-1] not in (x.lemma_.lower(), x.lower_) or x.i < len(parts) - 1:
            continue
        if [t.lower_ for t in x.doc[x.i - len(parts) + 1:x.i]] == parts[:-1]:
            return True
    return False


def _prep_object_tokens(tok: Token, prep: str, lemmas: frozenset[str], also: list[Token]) -> list[Token]:
    """The nouns of ``prep`` phrases whose lemma is one of ``lemmas`` (the first phrase that has one)."""
    for head in (tok, *adverb_particles(tok), *also):
        for c in children(head):
            if c.dep_ in ("prep", "prt", "agent", "dative") and c.lower_ == prep:
                pobjs = [o for o in children(c) if o.dep_ in ("pobj", "pcomp")]
                if c.dep_ == "prt":
                    # "clashed over the efforts" parsed as particle + object: the object is the phrase's noun
                    pobjs += [o for o in children(head) if o.dep_ in ("dobj", "obj") and o.i > c.i]
                found = [x for o in pobjs for x in (o, *conjuncts(o)) if _is_pp_object(x, lemmas)]
                if found:
                    return found
    return []


def match_token(tok: Token, patterns: PatternSet, temporal: frozenset[str] = frozenset()) -> Match | None:
    """The most specific pattern whose constraints the token satisfies.

    ``object: "*"`` asks for any direct object (a transitive use: "occupied
    Lachin", not "Russia, otherwise occupied"); ``temporal`` lists nouns of
    time phrases that never satisfy a ``prep`` constraint.
    """
    forms, cands = patterns.lookup(tok.lower_, tok.lemma_, tok.tag_)
    if forms:
        # an irregular form with a block of its own ("left" beside "leave") is read as that form first
        found = _first_match(tok, forms, temporal)
        if found is not None:
            return found
    if not cands:
        return None
    return _first_match(tok, cands, temporal)


def _complement_ok(comp: Token, entries: frozenset[str]) -> bool:
    """The complement is one of ``entries``: a noun ("provocation") or an adjective and
    noun ("wrong decision": the noun with that adjective among its modifiers)."""
    if comp.lemma_.lower() in entries or comp.lower_ in entries:
        return True
    mods = {c.lemma_.lower() for c in children(comp) if c.dep_ in ("amod", "compound")}
    mods |= {c.lower_ for c in children(comp) if c.dep_ in ("amod", "compound")}
    for entry in entries:
        adj, _, noun = entry.rpartition(" ")
        if adj and (comp.lemma_.lower() == noun or comp.lower_ == noun) and adj in mods:
            return True
    return False


def _first_match(tok: Token, cands: tuple[Pattern, ...], temporal: frozenset[str]) -> Match | None:
    objs: list[Token] | None = None
    comps: list[Token] | None = None
    # what every candidate asks of the token, read once: a word heads dozens of patterns
    pos_ok: dict[str, bool] = {}
    obj_words: list[tuple[Token, str, str, bool]] | None = None  # object, its lemma, its form, a noun?
    after_words: list[tuple[Token, str, str]] | None = None  # adverb or complement after the head, lemma, form
    for p in cands:
        ok = pos_ok.get(p.pos)
        if ok is None:
            ok = pos_ok[p.pos] = _pos_ok(tok, p.pos)
        if not ok:
            continue
        if p.objects or p.prep or p.modifiers:
            if objs is None:
                objs = objects(tok)
                # "handed over 700 kg of medicine", "ended the mediation effort"
                objs = [*objs, *[a for o in objs for a in (*amount_of(o), *light_noun_acts(o))]]
        if p.complement:
            if comps is None:
                comps = complements(tok)
            if not comps or ("*" not in p.complement and not any(_complement_ok(c, p.complement) for c in comps)):
                continue
        if p.before and not _before(tok, p.before):
            continue
        after_used: tuple[Token, ...] = ()
        if p.after:
            after_used = _after(tok, p.after)
            if not after_used:
                continue
        if p.compound_source and len(subjects(tok)) < 2:
            continue
        used: tuple[Token, ...] = ()
        in_phrase = False
        if p.objects:
            if obj_words is None:
                obj_words = [(o, o.lemma_.lower(), o.lower_, o.pos_ in _NOUNISH) for o in (objs or [])]
            used = tuple(o for o, lemma, low, noun in obj_words if lemma in p.objects or low in p.objects
                         or ("*" in p.objects and noun))
            if not used and "*" not in p.objects:
                # a dictionary's word after the verb need not be a noun: "would act <now>",
                # "is <ready>": an adverb or predicative complement after the head
                if after_words is None:
                    after_words = [(c, c.lemma_.lower(), c.lower_) for c in children(tok)
                                   if c.i > tok.i and c.dep_ in _AFTER_DEPS]
                used = tuple(c for c, lemma, low in after_words if lemma in p.objects or low in p.objects)
            if not used and p.in_phrase:
                used = _in_phrase(tok, p)
                in_phrase = bool(used)
            if not used:
                continue
        if p.particle and not any(c.dep_ in ("prt", "prep") and c.lower_ == p.particle for c in children(tok)):
            continue
        if p.prep and after_used:
            # the phrase after the words ("welcomed assurances on cultural issues <from> X"): a
            # preposition on one of the words, their heads or a participle of those, after the words
            heads = [*(objs or []), *after_used, *(t.head for t in after_used)]
            heads += [c for h in heads for c in children(h) if c.dep_ == "acl"]  # "issues sent from X"
            if not any(c.dep_ in ("prep", "agent") and c.lower_ == p.prep and c.i > after_used[-1].i
                       and not is_temporal(c, temporal) for h in heads for c in children(h)):
                continue
        elif p.prep and not _has_prep(tok, p.prep, objs or [], temporal):
            continue
        if p.prep_objects:
            # the phrase's noun is part of the predicate ("stayed away from the meetings"): no event of its own
            pp = _prep_object_tokens(tok, p.prep or "", p.prep_objects, objs or [])
            if not pp:
                continue
            used = (*used, *[t for t in pp if t not in used])
        if p.modifiers and not in_phrase:  # the phrase match checked them
            if p.all_modifiers:
                if not all(_modified(tok, frozenset({m}), objs or []) for m in p.modifiers):
                    continue
            elif not _modified(tok, p.modifiers, objs or []):
                continue
        return Match(tok, p, (*used, *[t for t in after_used if t not in used]))
    return None
