"""Which temporal expression governs a sentence's main predicate.

Why a dependency path rather than "the first date in the sentence": in
"Armenia invoked the 1997 treaty on 13 September" the year modifies a noun
(which treaty) while the day modifies the verb (when the invoking happened).

Rules, in order:

- *Frame.* A preposition right before the expression that the parser hung on
  the verb while attaching the date itself elsewhere ("On 13 September 2022
  Azerbaijani forces shelled Jermuk", where the date is misread as a modifier
  of "forces") makes the expression an adverbial of that verb.
- *Name.* Otherwise an expression that modifies a noun (as a nummod, compound,
  amod, nmod or possessive of it, or as the object of "of" under it: "the 1997
  treaty", "the November 2020 statement", "the war of 2020") names *which*
  thing is meant, not *when* the sentence's event happened, and never governs.
- *Background.* An expression inside a clause that describes a noun (a
  relative or participial clause: "the businessman who led the government
  until February", "a treaty signed in 1997") or inside a "since" phrase or
  clause ("since a war in 2020 left thousands dead") tells the history of a
  participant or the start of a state, not the time of the main event. It
  ranks after every other expression, and governs on its own only when it lies
  within :data:`RECENT_DAYS` of publication, that is, when the clause itself
  reports news ("the bloc, which Armenia asked for help on Tuesday, ...").
- *Other event.* An expression inside a clause introduced by "after",
  "before" or "until" times the event the main one follows or precedes
  ("fought on Monday, after the war began early on Sunday"): it ranks after
  the main clause's expressions but still governs when they are all there is.
- Among the remaining expressions the one with the fewest dependency steps to
  the sentence root wins, then the one closest to the root.

When no expression qualifies the sentence takes the document's date:
"Armenia asked Russia for help under the 1997 Treaty" in an article of
13 Sept 2022 reports a request of 2022, not of 1997.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

from ..records import SentenceInfo, TimeExpression
from .tense import PAST_PERFECT_WEEKDAY

# Dependency labels by which an expression modifies a noun (spaCy English and UD names).
NOMINAL_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod", "nmod:poss", "nmod:tmod"})
# Prepositions that introduce the time of the verb's event when put before a date.
TEMPORAL_PREPOSITIONS = frozenset({"on", "in", "during"})
# Clauses that describe a noun ("the treaty signed in 1997", "the man who led it until May").
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl", "acl:relcl"})
# A "since" phrase or clause gives the start of a state, not the time of the event.
STATE_START_WORDS = frozenset({"since"})
# A clause introduced by these words times another event, which the main one
# follows or precedes: "fought on Monday, after the war began early on Sunday".
# Its date is still the best bound when the main clause has none ("in May 2021,
# after the troops crossed the border, Yerevan turned to the bloc").
OTHER_EVENT_MARKS = frozenset({"after", "before", "until", "till", "once"})
# An expression in background position still governs when it is this close to publication.
RECENT_DAYS = 31
# Nouns that are themselves times: "the night of 12 December", "the early hours of
# 13 September" date the event; they do not name a thing.
TIME_NOUNS = frozenset({
    "night", "morning", "evening", "afternoon", "hour", "hours", "day", "days", "dawn", "dusk", "eve",
    "week", "weekend", "month", "year", "midnight", "noon", "time", "period", "date",
})

EVENT, NAME, BACKGROUND = "event", "name", "background"


@dataclass(frozen=True)
class Attachment:
    """Where an expression hangs in its sentence's parse."""

    role: str  # EVENT | NAME | BACKGROUND
    other_event: bool  # inside an "after/before/until" clause: ranks after the main clause's expressions
    steps: int  # dependency steps from the expression to the sentence root (99: not reached)
    distance: int  # tokens between the expression and the root


def _is_thing(tok: Token, span: Span) -> bool:
    return (tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "DATE" and not span.start <= tok.i < span.end
            and tok.lemma_.lower() not in TIME_NOUNS and tok.lower_ not in TIME_NOUNS)


def _modifies_noun(tok: Token, span: Span) -> bool:
    """Does ``tok`` (the root of an expression) attach to a noun as a modifier
    naming which thing is meant?"""
    head = tok.head
    if tok.dep_ in NOMINAL_DEPS and _is_thing(head, span):
        return True
    # "the war of 2020": the expression is the object of "of" hanging from a noun.
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.dep_ == "prep" and _is_thing(head.head, span)


_ROOTS_KEY = ("foedus", "roots")


# A walk up the heads is cut after this many steps, as a malformed parse may hold a cycle.
_WALK_CAP = 200


def _root(tok: Token) -> Token:
    """The root of ``tok``'s sentence, by its heads (``Token.sent`` walks the whole document).

    The root of every token is found once per Doc from spaCy's ``HEAD`` column and kept in
    ``doc.user_data``: the walk up the heads then costs integers, not a ``Token`` object per
    step. See :func:`head_walk_ends` for the walk.
    """
    doc = tok.doc
    roots = doc.user_data.get(_ROOTS_KEY)
    if roots is None or len(roots) != len(doc):
        roots = head_walk_ends(doc.to_array(HEAD).view("int64"), _WALK_CAP).tolist()
        doc.user_data[_ROOTS_KEY] = roots
    return doc[roots[tok.i]]


def head_walk_ends(offsets: np.ndarray, steps: int) -> np.ndarray:
    """Where a walk of ``steps`` steps up the heads ends, for every token at once.

    ``offsets`` is spaCy's ``HEAD`` column (each token's head as an offset). A root heads
    itself, so a walk that reaches it stays there: the end is the root, or, in a cycle of a
    malformed parse, wherever the walk stands after ``steps`` steps. The head map applied
    ``steps`` times is built by squaring it (``steps`` = 200 takes eight array look-ups, where
    walking token by token takes a Python step per token and level).
    """
    power = np.arange(len(offsets)) + offsets  # one step
    ends = np.arange(len(offsets))
    while steps:
        if steps & 1:
            ends = power[ends]
        power = power[power]
        steps >>= 1
    return ends


def _stranded_preposition(span: Span) -> Token | None:
    """The preposition right before ``span`` when the parser attached it to a
    verb but did not take the expression as its object: either it has no
    object ("On 13 September 2022 Azerbaijani forces shelled ...") or its
    object is the noun right after the expression, which swallowed the date
    ("On 3 October engineers finished ...", "3 October" read as a compound of
    "engineers"). The expression is then that preposition's object."""
    if span.start == 0:
        return None
    prev = span.doc[span.start - 1]
    root = span.root
    if prev.dep_ != "prep" or prev.head.pos_ not in ("VERB", "AUX") or _root(prev).i != _root(root).i:
        return None
    objects = [c for c in prev.children if c.dep_ in ("pobj", "pcomp")]
    if not objects:
        return prev
    head = root.head
    if (prev.lower_ in TEMPORAL_PREPOSITIONS and root.dep_ in NOMINAL_DEPS
            and any(o.i == head.i for o in objects) and head.i >= span.end):
        return prev
    return None


_ATTACHMENTS_KEY = ("foedus", "timex_attachments")


def attachment(doc: Doc, start: int, end: int) -> Attachment | None:
    """How the expression at ``start:end`` (character offsets) attaches, or None when unaligned.

    Found once per expression and Doc, and kept in ``doc.user_data`` as plain values: the
    year frames, the sentence dates and the event coder each ask about the same expressions.
    """
    found = doc.user_data.setdefault(_ATTACHMENTS_KEY, {})
    key = (len(doc), start, end)
    if key not in found:
        a = _attachment(doc, start, end)
        found[key] = None if a is None else (a.role, a.other_event, a.steps, a.distance)
    values = found[key]
    return None if values is None else Attachment(*values)


def _attachment(doc: Doc, start: int, end: int) -> Attachment | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    root = _root(tok)
    prep = _stranded_preposition(span)
    role, other = EVENT, False
    if prep is not None:
        cur, steps = prep, 1
    else:
        # Only the expression's own attachment counts: a date deeper inside a noun
        # phrase ("asked under Article 4 of its treaty on Tuesday") is more often a
        # misattached adverbial than a name.
        # the first word too: in "the agreements of 2020 to 2022" the parser
        # may hang the span on "to" while "2020" is the object of "of"
        first = span[0]
        if tok.i != root.i and (_modifies_noun(tok, span)
                                or (not span.start <= first.head.i < span.end and _modifies_noun(first, span))):
            role = NAME
        cur, steps = tok, 0
    while True:
        if cur.dep_ in NOUN_CLAUSE_DEPS or (cur.lower_ in STATE_START_WORDS and cur.dep_ in ("prep", "mark")):
            role = BACKGROUND if role == EVENT else role
        # (a mark inside the expression, the "after" of "hours after the war began", is its own)
        marks = {c.lower_ for c in cur.children if c.dep_ == "mark" and not span.start <= c.i < span.end}
        if marks & STATE_START_WORDS:
            role = BACKGROUND if role == EVENT else role
        elif marks & OTHER_EVENT_MARKS:
            other = True
        if cur.i == root.i or cur.head.i == cur.i or steps >= 40:
            break
        cur = cur.head
        steps += 1
    if cur.i != root.i:
        steps = 99
    return Attachment(role, other, steps, abs(tok.i - root.i))


def role_of(doc: Doc | None, start: int, end: int) -> str | None:
    """EVENT, NAME or BACKGROUND for an expression; None without a parse."""
    if doc is None:
        return None
    a = attachment(doc, start, end)
    return a.role if a is not None else None


def _recent(tx: TimeExpression, anchor: date | None) -> bool:
    if anchor is None or not tx.value:
        return False
    end = date.fromisoformat(tx.end_value or tx.value)
    begin = date.fromisoformat(tx.value)
    return end >= anchor - timedelta(days=RECENT_DAYS) and begin <= anchor + timedelta(days=RECENT_DAYS)


def governing_expression(sent: Span, timexes: list[TimeExpression],
                         anchor: date | None = None) -> TimeExpression | None:
    """The expression that dates the sentence's main event, or None."""
    start, end = sent.start_char, sent.end_char
    inside = [t for t in timexes if start <= t.start < end and t.value]
    ranked = []
    for t in inside:
        a = attachment(sent.doc, t.start, t.end)
        if a is None or a.role == NAME:
            continue
        if a.role == BACKGROUND and not _recent(t, anchor):
            continue
        ranked.append(((a.role == BACKGROUND, a.other_event, a.steps, a.distance), t))
    if not ranked:
        return None
    return min(ranked, key=lambda r: r[0])[1]


_OWNERS_KEY = ("foedus", "timex_owners")


def owner(doc: Doc, t: TimeExpression) -> Token | None:
    """The verb or event noun an expression dates: the first one on its path up the parse.

    Nouns that are themselves times pass the date on ("on the night of 9
    September" dates the verb the night hangs from). None when the
    expression is unaligned or names a thing ("the war of 2020"). Found once
    per expression and Doc (the coder asks for every event of a sentence).
    """
    owners = doc.user_data.setdefault(_OWNERS_KEY, {})
    key = (len(doc), t.start, t.end)
    if key not in owners:
        found = _owner(doc, t)
        owners[key] = None if found is None else found.i
    i = owners[key]
    return None if i is None else doc[i]


def _owner(doc: Doc, t: TimeExpression) -> Token | None:
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return None
    a = attachment(doc, t.start, t.end)
    if a is None:
        return None
    if a.role == NAME:
        # "the 13 September attack", "the attack of 13 September": the date of the
        # noun it modifies (an event noun has a date; a thing's is its name)
        head = span.root.head
        if head.dep_ == "prep" and head.lower_ == "of":
            head = head.head
        return head if head.pos_ in ("NOUN", "PROPN") else None
    prep = _stranded_preposition(span)
    cur, steps = (prep, 1) if prep is not None else (span.root, 0)
    while True:
        if not span.start <= cur.i < span.end:
            if cur.pos_ in ("VERB", "AUX"):
                return cur
            if cur.pos_ in ("NOUN", "PROPN") and cur.lower_ not in TIME_NOUNS and cur.lemma_.lower() not in TIME_NOUNS:
                return cur
        if cur.head.i == cur.i or steps > 12:
            return cur if cur.pos_ in ("VERB", "AUX") else None
        cur, steps = cur.head, steps + 1


def own_expression(doc: Doc, trigger: Token, timexes: list[TimeExpression],
                   sentence: Span | None = None) -> TimeExpression | None:
    """The expression that dates the event of ``trigger`` itself, when one hangs from it.

    Why: a sentence can tell two events at two times ("the incursion came a
    week after drones entered the airspace on the night of 9 September";
    "Baku, which attacked on Monday, said on Tuesday ..."). The sentence's
    governing date is right for its main event; an event whose own verb or
    noun carries a date takes that one: the expression whose :func:`owner`
    is the trigger (the nearest, when several are).
    """
    sent = sentence or trigger.sent
    mine = [t for t in timexes if t.value and sent.start_char <= t.start < sent.end_char
            and (o := owner(doc, t)) is not None and o.i == trigger.i]
    return min(mine, key=lambda t: abs(t.start - trigger.idx)) if mine else None


def borrowed(doc: Doc, trigger: Token, timexes: list[TimeExpression], day: str | None,
             acts: frozenset[int] | set[int] = frozenset(), sentence: Span | None = None) -> bool:
    """Is the sentence's date ``day`` that of a verb or noun inside the trigger's own phrase?

    "The council condemned the incursion that took place on 2 March": the
    date belongs to the incursion, and the sentence has no date for the
    condemnation, which must not take the incursion's.
    """
    if day is None:
        return False
    sent = sentence or trigger.sent
    for t in timexes:
        if not t.value or not sent.start_char <= t.start < sent.end_char or event_day(t) != day:
            continue
        o = owner(doc, t)
        if o is None or o.i == trigger.i:
            return False
        # a noun dates only if it is an act itself (``acts``: the sentence's predicates):
        # "without permission on Friday" misattached is no date of a permission
        if o.pos_ in ("NOUN", "PROPN") and o.i not in acts:
            return False
        if trigger.is_ancestor(o) and _through_noun(o, trigger):
            return True
        if o.pos_ in ("NOUN", "PROPN") and _in_phrase_of_cause(o, trigger):
            return True
    return False


_CAUSE_PREPS = frozenset({"after", "following"})


def _in_phrase_of_cause(act: Token, trigger: Token) -> bool:
    """Is ``act`` named in an "after"/"following" phrase that does not hold ``trigger``?

    "stepped up measures after the attacks in the last week and conducted airstrikes": the week dates the
    attacks, which came before the clause's own acts.
    """
    cur = act
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.dep_ == "prep" and cur.lower_ in _CAUSE_PREPS:
            return not cur.is_ancestor(trigger) and cur.i != trigger.i
    return False


def _through_noun(tok: Token, top: Token) -> bool:
    """Does the path from ``tok`` up to its ancestor ``top`` pass a noun (``tok`` included)?

    A verb coordinated with the trigger shares its time ("entered ... and
    stayed on Friday"); a verb or noun inside the trigger's object does not.
    """
    cur = tok
    while cur.i != top.i:
        if cur.pos_ in ("NOUN", "PROPN"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def event_day(t: TimeExpression) -> str | None:
    """The date an expression gives the events it governs: its start, except
    for a night that ends on another day ("overnight" in a morning report: the
    night of the 9th to the 10th), whose events are dated to the morning it
    ends, the day the news of them is told (most happen after midnight)."""
    if t.granularity == "day" and t.end_value and t.value and t.end_value != t.value and "night" in (t.how or ""):
        return t.end_value
    return t.value


STORY_DAYS = 7  # a day stated within this many days before publication can be the story's day


def sentence_infos(doc, timexes: list[TimeExpression]) -> list[SentenceInfo]:
    """One record per ``doc.sents`` with the governing date, else the story's day, else the document's.

    The story's day: a news report tells one day's events, stated once ("Qatar said on Monday it intercepted
    ...") and then not repeated in the sentences that continue the account ("The ministry said the situation
    was stable"). A sentence with no date of its own takes the last day-level date stated before it (for
    sentences before any, the day of the dateline the cleaner took out of the text, else the first one stated in
    the document), provided that day lies within
    :data:`STORY_DAYS` before publication; its precision stays ``document`` (not stated in the sentence) and
    ``date_from`` says ``story``. Otherwise it takes the publication date.
    """
    pub = doc._.published
    # the document's text, sliced per sentence: ``Span.text`` joins the sentence's tokens anew
    text = doc._.text if doc.has_extension("text") else doc.text
    infos: list[tuple[Span, TimeExpression | None]] = []
    for sent in doc.sents:
        infos.append((sent, governing_expression(sent, timexes, pub)))

    def story_day(t: TimeExpression | None) -> str | None:
        if t is None or pub is None or t.granularity != "day" or not t.value:
            return None
        if t.how.startswith(PAST_PERFECT_WEEKDAY):
            return None  # "had visited on Thursday": an act before the day the account is of
        try:
            day = date.fromisoformat(str(event_day(t))[:10])
        except ValueError:
            return None
        return day.isoformat() if timedelta(0) <= pub - day <= timedelta(days=STORY_DAYS) else None

    first = next((d for _s, t in infos if (d := story_day(t))), None)
    dateline = getattr(doc._, "dateline_day", None) if doc.has_extension("dateline_day") else None
    if dateline is not None and pub is not None and timedelta(0) <= pub - dateline <= timedelta(days=STORY_DAYS):
        # "RIGA, May 2 --": the dateline taken out of the text dates the opening sentences
        first = dateline.isoformat()
    frame = first
    out = []
    for i, (sent, best) in enumerate(infos):
        if best is not None:
            info = SentenceInfo(i, sent.start_char, sent.end_char, text[sent.start_char:sent.end_char], event_day(best),
                                best.granularity, "timex")
            a = attachment(doc, best.start, best.end)
            if a is not None and a.role == EVENT and not a.other_event:
                # only the date of a sentence's own event sets the story's day: "condemned
                # India's measures announced on 23 April" tells of the measures' day
                frame = story_day(best) or frame
        elif frame is not None:
            info = SentenceInfo(i, sent.start_char, sent.end_char, text[sent.start_char:sent.end_char], frame, "document",
                                "story")
        else:
            info = SentenceInfo(i, sent.start_char, sent.end_char, text[sent.start_char:sent.end_char],
                                pub.isoformat() if pub else None, "document", "document")
        out.append(info)
    return out
