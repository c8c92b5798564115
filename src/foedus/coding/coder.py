"""The event coder: predicates + actors + polarity -> CodedEvent records.

Why a plain class apart from the spaCy component: the same logic serves the
pipeline component, the ``foedus coding code`` explanation (which also shows
predicates that yielded no event and why) and the evaluation.

Dyads: a one-sided predicate gives one event per (source, target) pair of the
resolved conjuncts ("Russia and Iran criticised Azerbaijan" -> two events).
A symmetric predicate ("met", "signed an agreement with", "talks between X
and Y", "exchanged fire") gives both directions of every pair, as CAMEO
coders do; with a compound subject and no target ("Russia, Azerbaijan and
Iran signed an agreement") every ordered pair of the subjects is coded.
Events whose source and target have the same code are not coded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from datetime import date
from typing import Any, Callable, Iterable

from spacy.tokens import Doc, Span, Token

from ..ledger.text import find_alias
from ..ledger.treaties import load_registry
from ..records import ActorMention, CodedEvent, PlaceMention, SentenceInfo
from ..timex.sentence_dates import borrowed, event_day, owner, own_expression
from .cues import Cues, default_cues
from .frames import Frame, Frames, default_frames
from .matching import Match, match_token
from .patterns import PatternSet, load_patterns
from .polarity import (
    CONDITION, PROVISION, according_to, condition, modality, negation, offered_on_condition, report_governor,
    reported_future, self_report,
)
from .slots import (
    MentionIndex, SlotFinder, children, conjuncts, is_passive, is_temporal, obligation_clause, objects, of_objects,
    parse_memo, prep_objects, sentence_start, subjects, support_governor, with_conjuncts,
)

_COMPLEMENT_PREPS = ("for", "to", "of", "on", "against", "from")
_BEFORE_PREPS = frozenset({"following", "after"})  # an act in such a phrase came before its verb's
_PLACE_NOUNS = frozenset({"city", "town", "village", "port", "region", "province", "district", "area"})
FORCE_ROOTS = ("18", "19", "20")  # roots whose country target locates the event when no place is named
CONFLICT_ROOTS = ("13", "15", "16", "17", "18", "19", "20")  # roots an unnamed "move" may stand for
STATEMENT = "010"  # a plain statement
STORY_STATEMENT = "story_statement"  # (extra) a statement naming nobody, waiting for the story's counterpart


@dataclass(frozen=True)
class Dropped:
    """A matched predicate that produced no event, with the reason (for explanations)."""

    sent_index: int
    trigger: str
    trigger_start: int
    pattern_id: str
    reason: str


@dataclass
class CodingResult:
    events: list[CodedEvent] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)


@dataclass(frozen=True)
class _Claim:
    modality: str | None
    speaker: ActorMention | None
    negated: bool
    why: str


def _keep(events: list[CodedEvent], result: CodingResult,
          why: Callable[[CodedEvent], str | None]) -> list[CodedEvent]:
    """The events ``why`` finds no reason to drop; the others go to ``result.dropped`` with the reason."""
    out = []
    for ev in events:
        reason = why(ev)
        if reason:
            result.dropped.append(Dropped(ev.sent_index, ev.trigger, ev.trigger_start, ev.pattern_id, reason))
        else:
            out.append(ev)
    return out


class EventCoder:
    """Codes the events of a parsed Doc whose actor mentions are known."""

    def __init__(self, patterns: PatternSet | None = None, frames: Frames | None = None,
                 cues: Cues | None = None, extra_files: Iterable[str] = ()) -> None:
        self.patterns = load_patterns(extra_files) if patterns is None else patterns
        self.frames = frames or default_frames()
        self.cues = cues or default_cues()
        self.finder = SlotFinder(self.cues)

    # ---- public -------------------------------------------------------------
    def code(self, doc: Doc, index: MentionIndex | None = None) -> CodingResult:
        """The events of ``doc``; ``index``: its actor mentions, when the caller has indexed them already."""
        result = CodingResult()
        index = MentionIndex(doc, doc._.actors) if index is None else index
        sentences = {s.start: s for s in (doc._.sentences or [])}
        published = doc._.published
        places = list(doc._.places or [])
        for sent_index, sent in enumerate(doc.sents):
            info = sentences.get(sent.start_char)
            with parse_memo(doc):  # the sentence's parse is read once per token, not once per question
                self._code_sentence(doc, sent, sent_index, info, published, index, places, result)
        result.events = self._voiced(result.events, doc)
        converted = self.patterns.converted_ids
        result.events = [self._treaty_addressee(ev) if ev.target is None and ev.cameo[:2] == "02"
                         and ev.pattern_id not in converted else ev for ev in result.events]
        result.events = self._dyadic(self._story_targets(self._sentence_targets(result.events)), result)
        result.events = self._story_statements(result.events, result)
        result.events = self._without_channels(result.events, result)
        return result

    def _voiced(self, events: list[CodedEvent], doc: Doc) -> list[CodedEvent]:
        """A document that is an actor's own statement tells the hostile acts of others as that actor's word.

        "Russian troops are shelling cities" in a statement of Ukraine's foreign ministry (``doc._.voice``, its
        author resolved to a state organ or an organisation) is Ukraine's claim, as if "Ukraine said" stood
        before it, and accuses the act's author (112 and its subcodes through the ``accuse`` frame), on the
        day of the statement. Only acts of the roots under ``accusation_roots`` in the cues, stated as fact
        and outside quotation marks (a quotation is someone else's word), by another side than the author's.
        """
        voice = getattr(doc._, "voice", None) if Doc.has_extension("voice") else None
        frame = self.frames.get("accuse")
        if voice is None or frame is None or not voice.code:
            return events

        def side(a: ActorMention | None) -> str | None:
            return (a.country or a.org or a.code) if a is not None else None

        own = side(voice)
        published = doc._.published.isoformat() if doc._.published else None
        converted = self.patterns.converted_ids
        out: list[CodedEvent] = []
        accused: set[tuple[int, str | None]] = set()
        for ev in events:
            if (ev.modality != "asserted" or ev.claimed_by is not None or ev.negated or ev.pattern_id in converted
                    or side(ev.source) in (None, own)
                    or not (ev.cameo[:2] in self.cues.accusation_roots or ev.cameo in self.cues.accusation_roots)
                    or any(q in ev.sentence for q in ('"', "\u201c", "\u201d"))):
                out.append(ev)
                continue
            speaker = replace(voice, start=ev.sent_start, end=ev.sent_start, how="author")
            out.append(_with(ev, modality="claimed", claimed_by=speaker,
                             extra={**ev.extra, "modality_why": "told in a statement of the document's author"}))
            if (ev.sent_index, side(ev.source)) in accused:
                continue
            accused.add((ev.sent_index, side(ev.source)))
            out.append(_with(ev, source=speaker, target=ev.source, cameo=frame.code_for(ev.cameo),
                             date=published or ev.date, date_precision="day" if published else ev.date_precision,
                             location=None,
                             extra={**ev.extra, "source_slot": "author", "target_slot": "accused",
                                    "frame": frame.name, "date_from": "document",
                                    "complement": {"code": ev.cameo, "trigger": ev.trigger,
                                                   "pattern_id": ev.pattern_id}}))
        return out

    def _without_channels(self, events: list[CodedEvent], result: CodingResult) -> list[CodedEvent]:
        """What a text provides ("Article 3 states that the members will consult", "the pact,
        which calls for talks when ...") is a rule, not an act: dropped, the reason kept.

        A news medium carries what others say and do (``channel_roles``): "..., the state news
        agency reported" is no statement of the agency's own (010), and an agency is the source of
        no act of force or coercion (roots 14-20) that its report describes. An untargeted attack
        named only as a cause is dropped too, and so is an act of a state's organ toward the state itself
        ("the council restated Gondor's pledge"), and an act under a condition phrase ("aid in case of
        an attack", ``condition_nouns`` in the cues). Converted PETRARCH dictionaries keep their own
        convention."""
        converted = self.patterns.converted_ids

        def why(ev: CodedEvent) -> str | None:
            if ev.target is None and ev.extra.get("named_as_cause"):
                return "an earlier act of force with no target, named as a cause"
            t = ev.target
            if (t is not None and t.country and not t.role and not t.org and ev.source.country == t.country
                    and not ev.source.org and ev.source.role == "GOV" and ev.pattern_id not in converted):
                # "the council restated Gondor's pledge of restraint": the state's own stance, aimed at nobody
                return "an act of a state's own organ toward that state"
            if ev.pattern_id not in converted and str(ev.extra.get("modality_why") or "").startswith(PROVISION):
                return "what a text provides, not an act"
            if ev.pattern_id not in converted and str(ev.extra.get("modality_why") or "").startswith(CONDITION):
                return "an act under a condition ('in case of ...'), which has not happened"
            if ((ev.source.role or "").lower() in self.cues.channel_roles
                    and (ev.cameo == "010" or ev.cameo[:2] >= "14") and ev.pattern_id not in converted):
                return "a news medium only carries the report"
            return None

        return _keep(events, result, why)

    def _under_a_treaty(self, sentence: str) -> bool:
        """Does the sentence cite a treaty, a charter or an article (``treaty_words`` in the cues)?"""
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", sentence)}
        return bool(words & self.cues.treaty_words)

    def _dyadic(self, events: list[CodedEvent], result: CodingResult) -> list[CodedEvent]:
        """Acts that exist only between two parties keep a target or are dropped (the reason kept).

        Why: an appeal, a consultation, cooperation or aid is made
        *to* someone (roots under ``dyadic_roots`` in the
        cues); when neither its sentence nor its story names whom, the record
        says less than the text ("the council met", "Kim made the decision to
        deploy") and reads as an act with nobody on the other side. Acts that
        stand on their own (statements, force, protest) keep no target, and so
        does an act reported as not done ("declined to send aid"), which an
        alliance's record needs, and so does an act whose sentence cites a treaty
        or an article ("requested consultations under Article 4"): the treaty
        names the parties it is addressed to, as the ledger reads it. Converted
        PETRARCH dictionaries keep their own convention.
        """
        if not self.cues.dyadic_roots:
            return events
        return _keep(events, result, lambda ev: "no target actor in the sentence or the story" if (
            ev.target is None and self._needs_target(ev)) else None)

    def _needs_target(self, ev: CodedEvent) -> bool:
        """An act of the roots under ``dyadic_roots`` that ``_dyadic`` keeps only with a target."""
        return (not ev.negated and ev.cameo[:2] in self.cues.dyadic_roots
                and ev.pattern_id not in self.patterns.converted_ids and not self._under_a_treaty(ev.sentence))

    @staticmethod
    def _story_statements(events: list[CodedEvent], result: CodingResult) -> list[CodedEvent]:
        """A statement whose clause names an act of force but no actor is kept only when the story gives its
        speaker a counterpart in conflict (the side it is paired with in the document's acts of conflict): "India
        said the strikes were aimed at camps" in a story of India and Pakistan is a statement about Pakistan. Not
        kept: a statement of a speaker with no adversary in the story, a denial, or a statement beside another act
        of its speaker in the same sentence (the act is the news)."""
        acting = {(ev.sent_index, ev.source.code) for ev in events if not ev.extra.get(STORY_STATEMENT)}
        kept = _keep(events, result, lambda ev: "no target actor in the sentence or the story" if (
            ev.extra.get(STORY_STATEMENT) and (ev.target is None or ev.negated
                                              or (ev.sent_index, ev.source.code) in acting)) else None)
        return [_with(ev, extra={k: v for k, v in ev.extra.items() if k != STORY_STATEMENT})
                if STORY_STATEMENT in ev.extra else ev for ev in kept]

    @staticmethod
    def _treaty_addressee(ev: CodedEvent) -> CodedEvent:
        """A request made under an organisation's treaty is addressed to the organisation.

        "Romania asked for consultations under the Washington Treaty": the treaty's organisation
        (NATO) is whom the request goes to, when the sentence names the treaty (not only an article) and the
        source's state is a party to it on the event's date. The target is placed on the treaty's name.
        """
        country = ev.source.country
        if not country or ev.source.org:
            return ev
        try:
            on = date.fromisoformat(str(ev.date)[:10]) if ev.date else None
        except ValueError:
            on = None
        for t in load_registry().treaties:
            if not (t.organisation and t.org_code) or on is None or not t.member_on(country, on):
                continue
            for alias in t.aliases:
                if alias.lower().startswith("article"):
                    continue
                hit = find_alias(ev.sentence or "", alias)
                if hit is None:
                    continue
                a, b = ev.sent_start + hit.start(), ev.sent_start + hit.end()
                target = ActorMention(a, b, hit.group(0), t.org_code, t.organisation, None, t.organisation, None,
                                      entity_id=t.organisation, how="treaty")
                return _with(ev, target=target, extra={**ev.extra, "target_slot": "treaty",
                                                       "target_why": f"a request under {t.name}, whose "
                                                                     f"organisation is {t.organisation}"})
        return ev

    def _same_side(self, a: ActorMention, b: ActorMention) -> bool:
        """One actor, or a state and its government or forces (not an armed group of that state)."""
        if a.code == b.code:
            return True
        non_state = self.cues.non_state_roles
        return bool(a.country) and a.country == b.country and not a.org and not b.org \
            and (a.role or "").lower() not in non_state and (b.role or "").lower() not in non_state

    def _sentence_targets(self, events: list[CodedEvent]) -> list[CodedEvent]:
        """An act with no target, beside acts of the same source in its sentence aimed at one party, is aimed at it.

        "Gondor denounced the plan and accused Arnor of stirring unrest", "the Guards claimed
        responsibility, saying they had hit the base of the US": the sentence names whom its source deals
        with, and the untargeted act is part of the same dealing (the same act told twice merges into one).
        When the source's acts in the sentence are aimed at several parties, nothing is inferred. A plain
        statement (010) is left alone (a report verb's own target is its clause's), and so is an act that exists
        only toward another party (``dyadic_roots``): the party it is made to must be named for it, not guessed
        from a neighbouring act ("urged a vote, accusing Gondor"). Converted PETRARCH dictionaries
        keep their own convention.
        """
        converted = self.patterns.converted_ids
        out = []
        for ev in events:
            if ev.target is None and ev.cameo != "010" and ev.pattern_id not in converted and not self._needs_target(ev) \
                    and not str(ev.extra.get("modality_why") or "").startswith(PROVISION):
                aimed = [o for o in events if o.sent_index == ev.sent_index and o.target is not None
                         and self._same_side(o.source, ev.source) and not self._same_side(o.target, ev.source)]
                sides = {(o.target.country or o.target.org or o.target.code) for o in aimed if o.target is not None}
                if len(sides) == 1:
                    other = aimed[0]
                    ev = _with(ev, target=other.target, extra={
                        **ev.extra, "target_slot": "sentence",
                        "target_why": f"the target of {other.trigger!r}, the same source's act in this sentence"})
            out.append(ev)
        return out

    def _story_targets(self, events: list[CodedEvent]) -> list[CodedEvent]:
        """An act with no target in its sentence, in a story about two sides, is aimed at the other side.

        "Pakistan condemned the airstrikes" in a story of India striking Pakistan: India. The counterpart of a
        source is the state or organisation it is paired with most often in the document's events with a target
        (both directions), at least twice and twice as often as any other, or its only one, paired with it in
        another sentence; the event keeps
        ``extra["target_from"] = "story"`` so that an analyst can set such targets aside. Only for the roots
        listed under ``story_target_roots`` in the cues (roots, or three-digit codes such as 016, a denial of
        responsibility, which answers the other side), and only for our own patterns (PETRARCH's dictionaries
        code no target there). Force is aimed at a side of the conflict (acts of roots 10-20 count), an
        organisation's meeting at a member it works with (acts of roots 01-09 count).
        """
        if not self.cues.story_target_roots:
            return events

        def key(a: ActorMention | None) -> str | None:
            return (a.country or a.org or a.code) if a is not None and a.code else None

        pairs: dict[str, Counter[str]] = {}
        hostile: dict[str, Counter[str]] = {}  # the same, from acts of conflict only (roots 10-20)
        friendly: dict[str, Counter[str]] = {}  # the same, from acts of cooperation only (roots 01-09)
        seen: dict[str, ActorMention] = {}
        told: dict[tuple[str, str], set[int]] = {}  # (side, counterpart) -> sentences pairing them
        for ev in events:
            s, t = key(ev.source), key(ev.target)
            if s and t and s != t and not ev.negated:
                for table in (pairs, hostile) if ev.cameo[:2] >= "10" else (pairs, friendly):
                    table.setdefault(s, Counter())[t] += 1
                    table.setdefault(t, Counter())[s] += 1
                told.setdefault((s, t), set()).add(ev.sent_index)
                told.setdefault((t, s), set()).add(ev.sent_index)
                seen.setdefault(t, ev.target)  # type: ignore[arg-type]
                seen.setdefault(s, ev.source)
        if not pairs:
            return events
        converted = self.patterns.converted_ids
        out = []
        for ev in events:
            s = key(ev.source)
            provision = str(ev.extra.get("modality_why") or "").startswith(PROVISION)
            # force and coercion (roots 15-20) are aimed at a side the story pairs the source with in conflict,
            # not at an ally it consults (an offensive by Chilean troops in a story of Chile and the OAS)
            statement = bool(ev.extra.get(STORY_STATEMENT))
            # an organisation's meeting is held with a member it works with, not with the side it condemns
            table = hostile if ev.cameo[:2] >= "15" or statement else \
                friendly if ev.cameo[:2] == "04" and ev.source.org and s in friendly else pairs
            story_root = (ev.cameo[:2] in self.cues.story_target_roots or ev.cameo[:3] in self.cues.story_target_roots
                          or statement)
            if ev.cameo == "040" and ev.source.org is None:
                # a meeting a state holds with nobody named ("convened its cabinet", "will host regional foreign
                # ministers") is its own or its neighbours', not one with the other side of the conflict;
                # an organisation's meeting is held about, and with, the member the story pairs it with
                story_root = False
            if ev.target is None and s in table and not provision and story_root and ev.pattern_id not in converted:
                ranked = table[s].most_common(2)
                best, n = ranked[0]
                # a single pairing makes a counterpart when it is the source's only one and is told in another
                # sentence ("Chile closed its border with Peru. ... Peru dismissed the allegations")
                only = len(ranked) == 1 and bool(told.get((s, best), set()) - {ev.sent_index})
                if (n >= 2 and (len(ranked) == 1 or n >= 2 * ranked[1][1]) or only) and best in seen:
                    target = replace(seen[best], how="story")
                    ev = _with(ev, target=target, extra={**ev.extra, "target_from": "story",
                                                         "target_why": f"{best} is {s}'s counterpart in this story"})
            out.append(ev)
        return out

    # ---- one sentence -------------------------------------------------------
    def _code_sentence(self, doc: Doc, sent: Span, sent_index: int, info: SentenceInfo | None,
                       published: date | None, index: MentionIndex, places: list[PlaceMention],
                       result: CodingResult) -> None:
        matches: dict[int, Match] = {}
        heads = self.patterns.heads_in(doc)  # words that head no pattern are passed over unread
        for i in range(sent.start, sent.end):
            if not heads[i]:
                continue
            tok = doc[i]
            if self._in_name(tok, index):
                continue  # "Treaty" in "Collective Security Treaty Organisation" is a name, not a predicate
            if self._names_a_document(tok):
                continue  # "cooperation" in "a cooperation treaty": what the document is about, not an act
            m = match_token(tok, self.patterns, self.cues.temporal)
            if m is not None:
                matches[tok.i] = m
        if not matches:
            return
        consumed: set[int] = set()
        for i, m in matches.items():
            consumed.update(o.i for o in m.object_tokens if o.i != m.trigger.i)
            if m.pattern.suppress:
                consumed.add(i)  # a suppressing pattern: the predicate is no event
                result.dropped.append(Dropped(sent_index, m.trigger.text, m.trigger.idx, m.pattern.id,
                                              "suppressed by the pattern"))
        complements: dict[int, Match] = {}
        for i, m in matches.items():
            if m.pattern.frame and i not in consumed:
                if m.pattern.frame in ("appeal", "demand") and self._question(m.trigger):
                    consumed.add(i)  # "asked whether Russia had the resources": a question
                    continue
                comp = self._complement(m.trigger, matches)
                if comp is not None and not comp.pattern.frame:
                    complements[i] = comp
                    consumed.add(comp.trigger.i)
        for i, m in list(matches.items()):
            if i in consumed or m.pattern.frame or m.pattern.converted or not m.pattern.code.startswith("01"):
                continue
            demand = self._obligation(m, index)
            if demand is not None:
                matches[i] = demand
                comp = self._complement(m.trigger, matches)
                if comp is not None and not comp.pattern.frame:
                    complements[i] = comp
                    consumed.add(comp.trigger.i)
        # acts asked for or demanded are not acts: "urged Aliyev to adhere ..., and work to resolve ..."
        for i, m in matches.items():
            if i not in consumed and self._requested(m.trigger, matches, consumed):
                consumed.add(i)
            elif i not in consumed and self._rejected_word(m.trigger, matches):
                consumed.add(i)  # "dismissed accusations of provocations": the other party's word, rejected
                result.dropped.append(Dropped(sent_index, m.trigger.text, m.trigger.idx, m.pattern.id,
                                              "the content of a statement the sentence's act rejects"))
            elif i not in consumed and self._asked_whether(m.trigger):
                consumed.add(i)  # "asked voters whether they agreed to X": a question, not an act
                result.dropped.append(Dropped(sent_index, m.trigger.text, m.trigger.idx, m.pattern.id,
                                              "the content of a question"))
        background: list[Match] = []
        for i, m in matches.items():
            if i not in consumed and (self._long_before(m.trigger)
                                      or self._names_an_old_thing(m.trigger, doc, sent, published)):
                consumed.add(i)
                background.append(m)
                result.dropped.append(Dropped(sent_index, m.trigger.text, m.trigger.idx, m.pattern.id,
                                              "an event years before the main clause's (background)"))
        ctx = _SentenceContext(doc, sent, sent_index, info, published, index, places, self.cues, result.events,
                               {i: m for i, m in matches.items() if not m.pattern.suppress})
        emitted: set[tuple] = set()
        coded: list[tuple[Match, list[CodedEvent]]] = []
        for i, m in sorted(matches.items()):
            if i in consumed:
                continue
            if m.pattern.frame:
                events = self._frame_events(m, complements.get(i), ctx, result)
            else:
                events = self._plain_events(m, ctx, result)
            coded.append((m, events))
        kept = [ev for m, events in self._without_bare_reports(coded, ctx, result, background)
                for ev in self._without_unaimed_causes(m, events, result)]
        kept = self._without_restated_acts(kept, result)
        kept = _keep(kept, result, lambda ev: "a stance held for long ('has long pledged'), not an act of the day" if (
            ev.pattern_id not in self.patterns.converted_ids and self._held_long(ctx.doc, ev)) else None)
        kept = self._without_denied_contents(kept, result)
        for ev in self._reported_acts(self._accusations(kept), result):
            key = (ev.source.start, ev.source.code, ev.target.start if ev.target else None,
                   ev.target.code if ev.target else None, ev.cameo, ev.negated, ev.modality,
                   ev.date if ev.extra.get("coordinated_day") else None)
            if key not in emitted:
                emitted.add(key)
                result.events.append(ev)

    def _reported_acts(self, events: list[CodedEvent], result: CodingResult) -> list[CodedEvent]:
        """A statement whose target was taken from the clause it reports, when that clause's act is coded.

        "Kenya said it had joined Uganda in shelling the camps in Somalia": Uganda shares the speaker's act,
        so the statement is about the act's target (Somalia). "Kenya confirmed that Uganda's president had
        called its own": the clause's act is coded as Uganda's, claimed by Kenya; a statement to Uganda
        beside it only carries that act (as a report with no target of its own is dropped). A hostile act
        of another state has already made the statement an accusation. Converted PETRARCH dictionaries keep
        their own convention.
        """
        def side(a: ActorMention | None) -> str | None:
            return (a.country or a.org or a.code) if a is not None else None

        converted = self.patterns.converted_ids
        out: list[CodedEvent] = []
        for ev in events:
            if ev.cameo != "010" or ev.extra.get("target_slot") != "clause" or ev.pattern_id in converted \
                    or ev.target is None or (ev.source.role or "").lower() in self.cues.channel_roles:
                out.append(ev)
                continue
            speaker, addressee = side(ev.source), side(ev.target)
            others = [x for x in events if x is not ev and x.cameo != "010"]
            shared = [x for x in others if side(x.source) == addressee and x.target is not None
                      and side(x.target) not in (speaker, addressee)
                      and any(y.trigger_start == x.trigger_start and side(y.source) == speaker for y in others)]
            if shared:
                out.append(_with(ev, target=shared[0].target, extra={
                    **ev.extra, "target_slot": "shared act",
                    "target_why": f"{addressee} shares the speaker's act {shared[0].trigger!r}"}))
                continue
            carried = [x for x in others if side(x.source) == addressee and x.claimed_by is not None
                       and side(x.claimed_by) == speaker and (x.target is not None or not self._needs_target(x))]
            if carried:
                result.dropped.append(Dropped(ev.sent_index, ev.trigger, ev.trigger_start, ev.pattern_id,
                                              f"the report of {addressee}'s act {carried[0].trigger!r}, "
                                              "coded as the speaker's claim"))
                continue
            out.append(ev)
        return out

    def _accusations(self, events: list[CodedEvent]) -> list[CodedEvent]:
        """A statement that another party committed a hostile act accuses it (112 and its subcodes).

        "Armenia said Azerbaijani troops shelled the village" is Armenia accusing Azerbaijan (1123), beside the
        shelling, Armenia's claim. The statement about another state (010, its target taken from the clause
        said) becomes the accusation when its clause holds an act, not negated and claimed by the same speaker,
        of a root listed under ``accusation_roots`` in the cues and done by another state than the speaker's;
        the accused is that act's source, and the code comes from the ``accuse`` frame. A state's word on its
        own act ("Poland said its jets shot down the drones") accuses nobody.
        """
        frame = self.frames.get("accuse")
        if frame is None or not self.cues.accusation_roots:
            return events

        def side(a: ActorMention | None) -> str | None:
            return (a.country or a.org or a.code) if a is not None else None

        out: list[CodedEvent] = []
        for ev in events:
            if ev.cameo != "010" or ev.extra.get("target_slot") != "clause" or ev.negated \
                    or ev.modality != "asserted":
                out.append(ev)
                continue
            speaker = side(ev.source)
            acts = [x for x in events if x is not ev and x.claimed_by is not None and not x.negated
                    and side(x.claimed_by) == speaker and side(x.source) not in (None, speaker)
                    and (x.cameo[:2] in self.cues.accusation_roots or x.cameo in self.cues.accusation_roots)
                    # "announced that they had joined Israel in striking Iran": an act shared with the speaker
                    and not any(y.trigger_start == x.trigger_start and side(y.source) == speaker for y in events)]
            if not acts:
                out.append(ev)
                continue
            done: set[str | None] = set()
            for act in acts:
                if side(act.source) in done:
                    continue
                done.add(side(act.source))
                out.append(_with(ev, target=act.source, cameo=frame.code_for(act.cameo),
                                 extra={**ev.extra, "target_slot": "accused", "frame": frame.name,
                                        "complement": {"code": act.cameo, "trigger": act.trigger,
                                                       "pattern_id": act.pattern_id}}))
        return out

    def _without_bare_reports(self, coded: list[tuple[Match, list[CodedEvent]]], ctx: "_SentenceContext",
                              result: CodingResult, background: list[Match] = ()
                              ) -> list[tuple[Match, list[CodedEvent]]]:
        """Drop the bare report of an event coded in its own reported clause.

        "Arnor will abandon ties with Gondor, a senior official said": the
        news is the abandonment, claimed by the official (``claimed_by``); the
        verb of saying alone, with no target and no pattern of its own beyond
        its lemma, adds a statement event that only restates the claim. A
        report with a target ("told Gondor that ..."), a specific pattern
        ("said it was pleased"), or whose clause yields no event is kept
        (``background``: predicates left uncoded as background are still
        what the report is about).
        """
        reporters: set[int] = set()
        for m, events in [*coded, *((b, [None]) for b in background)]:
            if (not events and m.trigger.i not in ctx.unknown_target
                    or m.trigger.lemma_.lower() in self.cues.report_verbs and m.pattern.specificity == 0):
                continue  # (an event left uncoded for an unknown name is still the report's content)
            # a report of a report ("X indicated it would act, an official said") claims it too
            rg = report_governor(self._anchor(m.trigger), self.cues)
            while rg is not None and rg[0].i not in reporters:
                reporters.add(rg[0].i)
                rg = report_governor(rg[0], self.cues)
        out: list[tuple[Match, list[CodedEvent]]] = []
        for m, events in coded:
            p = m.pattern
            if (m.trigger.i in reporters and p.specificity == 0 and not p.frame and events
                    and all(ev.target is None for ev in events)):
                result.dropped.append(Dropped(ctx.sent_index, m.trigger.text, m.trigger.idx, p.id,
                                              "the report of an event coded in its clause (the speaker claims it)"))
                continue
            out.append((m, events))
        return out

    def _without_unaimed_causes(self, m: Match, events: list[CodedEvent], result: CodingResult) -> list[CodedEvent]:
        """Drop an act of force named by a noun in a phrase of cause or time ("following attacks by
        the rebels over several days", "in revenge for raids by the army") when nobody is named as its
        target: the phrase recalls earlier acts to place the clause's own, and an act aimed at nobody
        says nothing an analyst can count. Marked here; dropped once the story has given no target.

        A lasting state of conflict named there ("since Arnor's invasion of Gondor", "despite its occupation
        of the valley", ``standing_conflict_nouns`` in the cues) is the setting of the clause, not a new act:
        dropped even with a target. So is one told only through its author's pronoun, with no target named
        ("cites the dispute as cover for its aggression"): the conflict the story is about, not an act of the day.

        An act named by a noun with its verb after it ("in revenge for the raids mounted by the
        army") is read at the noun."""
        t = m.trigger
        if t.pos_ == "VERB" and t.dep_ == "acl" and t.head.pos_ == "NOUN":
            t = t.head
        causes = ("after", "following", "for", "despite", "since", "amid")
        if (t.pos_ == "NOUN" and t.lemma_.lower() in self.cues.standing_conflict_nouns
                and m.pattern.id not in self.patterns.converted_ids
                and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in children(t))
                and all(ev.target is None for ev in events)):
            return _keep(events, result, lambda ev: "a lasting conflict named through its author's pronoun")
        if (t.pos_ == "NOUN" and t.lemma_.lower() in self.cues.standing_conflict_nouns
                and m.pattern.id not in self.patterns.converted_ids
                and (t.dep_ == "pobj" and t.head.lower_ in causes
                     or t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "advcl"
                     and any(c.dep_ == "mark" and c.lower_ in causes for c in children(t.head)))):
            # "... after Arnor's invasion of Gondor had ended": the subject of a clause of time or cause too
            return _keep(events, result, lambda ev: "a lasting conflict named as the setting of the clause")
        if not (t.pos_ == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in causes):
            return events
        return [_with(ev, extra={**ev.extra, "named_as_cause": True})
                if ev.target is None and ev.cameo[:2] in FORCE_ROOTS and ev.pattern_id not in self.patterns.converted_ids
                else ev for ev in events]

    def _without_restated_acts(self, events: list[CodedEvent], result: CodingResult) -> list[CodedEvent]:
        """Drop a plain statement (010) that only restates its speaker's own act in the same sentence.

        "Chile pledged support for Peru, adding it would stand by Peru": the news is
        Chile's support of Peru; a statement from Chile to Peru beside it says the
        same thing twice. Only a verbal act restates (an intent, 03, or diplomatic
        cooperation, 05): "confirmed that it sent troops" tells a material act and is
        news of its own. The statement stays when the act is another's, carries a
        speaker of its own (a self-report the ledger reads through its statement),
        or is aimed elsewhere. An intent the speaker announces for itself ("said it will consult with Peru")
        is the statement itself, self-report or not.
        """
        own = {(ev.source.code, ev.target.code) for ev in events
               if ev.target is not None and ev.cameo[:2] in ("03", "05") and not ev.negated
               and ev.modality in ("asserted", "future") and (
                   ev.claimed_by is None
                   or ev.cameo[:2] == "03" and ev.modality == "future" and ev.claimed_by.code == ev.source.code)}
        return _keep(events, result, lambda ev: "a statement restating the speaker's own act" if (
            ev.cameo == "010" and ev.target is not None and (ev.source.code, ev.target.code) in own
            and ev.pattern_id not in self.patterns.converted_ids) else None)

    @staticmethod
    def _held_long(doc: Doc, ev: CodedEvent) -> bool:
        """"Arnor has long pledged to retake the valley", "has long opposed the pact": a perfect verb with 'long'
        tells a position held over years, the background of the news rather than an act it reports."""
        span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
        if span is None:
            return False
        verb = span.root if span.root.pos_ in ("VERB", "AUX") else span.root.head
        for _ in range(3):  # the act pledged is held as long as the pledge ("has long pledged to retake")
            if (any(c.dep_ == "advmod" and c.lower_ == "long" for c in children(verb))
                    and any(c.dep_ == "aux" and c.lemma_ == "have" for c in children(verb))):
                return True
            if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
                return False
            verb = verb.head
        return False

    def _without_denied_contents(self, events: list[CodedEvent], result: CodingResult) -> list[CodedEvent]:
        """Drop the act a denial is about when the denial itself is coded (016) by the same speaker.

        "Arnor denied that its aircraft had crossed into Gondor": the news is Hungary's denial, aimed at Gondor;
        the entry reported as not done by the denier says the same thing again, and an act only named in the
        object of a denial ("denied any part in the raids") is not denied at all. Kept when the sentence
        codes no denial. Converted PETRARCH dictionaries keep their own convention.
        """
        deniers = [ev.source for ev in events if ev.cameo == "016"]
        if not deniers:
            return events
        return _keep(events, result, lambda ev: "the content of a denial coded as the denial" if (
            ev.negated and ev.cameo != "016" and ev.claimed_by is not None
            and ev.pattern_id not in self.patterns.converted_ids
            and any(self._same_side(ev.claimed_by, d) for d in deniers)) else None)

    def _rejected_word(self, trigger: Token, matches: dict[int, Match]) -> bool:
        """Is the act named only inside what a party said (a noun of ``speech_nouns``: "Poland's statement that it
        had shot down the drones", "accusations of provocations") that another predicate of the sentence rejects,
        dismisses or declines to answer (``rejection_codes``)? Then the act is that party's word, not news the
        sentence tells: the rejection is coded, its object is not."""
        cur = trigger
        for _ in range(6):
            if cur.head.i == cur.i:
                return False
            cur = cur.head
            if cur.pos_ == "NOUN" and cur.lemma_.lower() in self.cues.speech_nouns:
                break
        else:
            return False
        noun = cur
        return any(j != trigger.i and j != noun.i and m.trigger.is_ancestor(noun)
                   and m.pattern.code.startswith(tuple(self.cues.rejection_codes))
                   and m.pattern.id not in self.patterns.converted_ids
                   for j, m in matches.items())

    @staticmethod
    def _asked_whether(trigger: Token) -> bool:
        """Inside a clause of 'if' or 'whether' that a verb of asking governs ("the ballot asked
        voters if they backed the annexation"): what is asked has not happened."""
        cur = trigger
        for _ in range(4):
            if cur.head.i == cur.i:
                return False
            if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in children(cur)):
                return cur.head.lemma_.lower() in ("ask", "wonder", "inquire", "enquire", "query")
            if cur.dep_ not in ("conj", "xcomp", "prep", "pobj"):
                return False
            cur = cur.head
        return False

    def _long_before(self, trigger: Token) -> bool:
        """Inside a clause placed years before its main clause: "restored ties almost
        five years after crowds burned down its embassy" (``earlier_marks`` with a
        measure in ``earlier_spans``)."""
        cur = trigger
        while cur.head.i != cur.i:
            if cur.dep_ == "advcl":
                marks = [c for c in children(cur) if c.dep_ == "mark" and c.lower_ in self.cues.earlier_marks]
                if marks and any(c.dep_ == "npadvmod" and c.lemma_.lower() in self.cues.earlier_spans
                                 for c in children(cur)):
                    return True
            cur = cur.head
        return False

    @staticmethod
    def _names_an_old_thing(trigger: Token, doc: Doc, sent: Span, published: date | None) -> bool:
        """An act in a clause that identifies a thing and is dated to a period over before the report began
        ("deployed troops under the treaty he signed with Peru last year", "the pact signed in 2019"):
        background that names the thing, not news of the day."""
        if published is None or not Doc.has_extension("timexes"):
            return False
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("relcl", "acl") or verb.head.pos_ != "NOUN":
            return False
        own = own_expression(doc, verb, getattr(doc._, "timexes", None) or [], sent)
        end = (own.end_value or own.value) if own is not None else None
        try:
            return end is not None and (published - date.fromisoformat(str(end)[:10])).days > 30
        except ValueError:
            return False

    def _in_name(self, tok: Token, index: MentionIndex) -> bool:
        """A word inside a multiword name: an actor's ("Collective Security Treaty
        Organisation") or a title's ("Treaty of Friendship")."""
        m = index.at(tok)
        if m is not None and len(m.text.split()) > 1:
            return True
        # a capitalised proper-noun word inside a sentence belongs to a name or title
        return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.i != sentence_start(tok)

    def _names_a_document(self, tok: Token) -> bool:
        """A noun modifying a text's name ("a trade cooperation treaty", "the assistance pact"): it says
        what the text is about (``provision_subjects`` in the cues), while the act is the text's signing."""
        return (tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.head.pos_ == "NOUN"
                and tok.head.lemma_.lower() in self.cues.provision_subjects)

    def _question(self, trigger: Token) -> bool:
        for c in children(trigger):
            if c.dep_ == "ccomp" and any(g.dep_ in ("mark", "advmod", "nsubj", "dobj") and g.lower_ in self.cues.question_words
                                         and g.i < c.i for g in children(c)):
                return True
        return False

    def _obligation(self, m: Match, index: MentionIndex) -> Match | None:
        """A statement that another actor must act is a demand of it (the `demand` frame): "Norway said that
        Sudan must free the journalists" (1053 through the frame's map), "... that Iran has to allow inspectors".
        Not when the one bound is the speaker or its own state ("said Armenia must rearm"), nor a pronoun."""
        clause = obligation_clause(m.trigger)
        if clause is None or m.pattern.code[:3] not in ("010", "011", "012", "013"):
            return None  # a denial or a weighed option binds nobody
        bound = [index.find(t) for t in subjects(clause, inherit=False) if t.lower_ not in self.cues.pronouns]
        bound = [b for b in bound if b is not None and b.code]
        if not bound:
            return None
        speakers = [index.find(t) for t in subjects(m.trigger)]
        speakers = [s for s in speakers if s is not None and s.code]
        if any(b.code == s.code or self_report(b, s, "100") for b in bound for s in speakers):
            return None
        p = replace(m.pattern, frame="demand", code="100", target=("bound",), symmetric=False, reverse_code=None)
        return Match(m.trigger, p, m.object_tokens)

    def _requested(self, trigger: Token, matches: dict[int, Match], consumed: set[int]) -> bool:
        """Inside the requested act of an appeal or demand (through infinitives and coordination)."""
        cur = trigger
        for _ in range(8):
            if cur.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or cur.head.i == cur.i:
                return False
            head = cur.head
            m = matches.get(head.i)
            if m is not None and m.pattern.frame in ("appeal", "demand") and cur.dep_ != "advcl":
                return True
            if cur.dep_ == "advcl":
                return False
            cur = head
        return False

    def _complement(self, trigger: Token, matches: dict[int, Match]) -> Match | None:
        """The event a frame verb governs ("asked X to <intervene>", "called for <talks>")."""
        candidates: list[Token] = []
        for c in children(trigger):
            if c.dep_ in ("xcomp", "ccomp", "acl"):
                candidates.append(c)
        for c in children(trigger):
            if c.dep_ in ("prep", "prt") and c.lower_ in _COMPLEMENT_PREPS:
                candidates.extend(o for o in children(c) if o.dep_ in ("pobj", "pcomp"))
        candidates.extend(objects(trigger))
        for c in list(candidates):
            # "agreed to provide aid": the noun carried by the complement verb
            if c.i not in matches:
                candidates.extend(o for o in objects(c))
                candidates.extend(x for x in children(c) if x.dep_ == "xcomp")
        for c in candidates:
            if c.i in matches:
                return matches[c.i]
        return None

    # ---- actors ------------------------------------------------------------
    def _mention(self, tok: Token, ctx: "_SentenceContext") -> ActorMention | None:
        if tok.lemma_.lower() in self.cues.relational_nouns:
            # "its allies", "Armenia's partners": the possessor is not the actor
            m = ctx.index.at(tok)
            return m if m is not None and m.code else None
        m = ctx.index.find(tok)
        if m is not None:
            return m if m.code else None
        if tok.lemma_.lower() in self.cues.crowd_nouns:
            # "demonstrators in Lagos", "protesters from Nigeria": the crowd of a state named by its place
            for c in children(tok):
                if c.dep_ == "prep" and c.lower_ in ("in", "from"):
                    for o in children(c):
                        m = ctx.index.find(o, 1) if o.dep_ == "pobj" else None
                        if m is not None and m.code and m.role is None and not m.org and not m.person:
                            return m
        for t in (tok, *[c for c in children(tok) if c.dep_ == "poss"]):
            if t.lower_ in self.cues.pronouns:
                return self._pronoun(t, ctx)
        return None

    def _mentions(self, tok: Token, ctx: "_SentenceContext") -> list[ActorMention]:
        """The mention of a slot token plus those coordinated inside its phrase.

        "Armenian and Azerbaijani troops", "the foreign ministers of Armenia
        and Azerbaijan": both countries.
        """
        first = self._mention(tok, ctx)
        if first is None and tok.dep_ == "conj":
            # "Ithilen's sheep and goats of Gondor": the parser hangs the "of" phrase after the
            # last conjunct on the first; it is the last conjunct's
            first = self._of_after(tok, ctx)
        if first is None:
            return []
        out = [first]
        extra: list[Token] = self._listed_appositions(tok, ctx)
        for c in children(tok):
            if c.dep_ in ("amod", "compound", "nmod") and conjuncts(c):
                extra.extend([c, *conjuncts(c)])
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in children(c):
                    if o.dep_ == "pobj":
                        extra.extend(conjuncts(o))
        for t in extra:
            m = ctx.index.at(t)
            if m is not None and m.code and m not in out:
                out.append(m)
        return out

    @staticmethod
    def _of_after(tok: Token, ctx: "_SentenceContext") -> ActorMention | None:
        for c in children(tok.head):
            if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i:
                for o in children(c):
                    m = ctx.index.at(o) if o.dep_ == "pobj" else None
                    if m is not None and m.code:
                        return m
        return None

    @staticmethod
    def _listed_appositions(tok: Token, ctx: "_SentenceContext") -> list[Token]:
        """Named actors the parser reads as appositions inside a comma list.

        "Evil Mordor, the awful Fornost, and good Gondor": Fornost hangs on Mordor as an
        apposition, but a name between commas followed by "and" and a conjunct is a list item.
        Only a name that is an actor of its own, coded unlike its head, counts.
        """
        doc = tok.doc
        head_m = ctx.index.at(tok)
        if head_m is None or not any(c.dep_ == "cc" for c in children(tok)):
            return []
        out: list[Token] = []
        for c in children(tok):
            if c.dep_ != "appos":
                continue
            m = ctx.index.at(c)
            left, right = c.left_edge.i, c.right_edge.i
            if (m is None or not m.code or m.code == head_m.code or left == 0 or doc[left - 1].text != ","
                    or right + 2 >= len(doc) or doc[right + 1].text != ","
                    or not any(x.dep_ == "cc" and x.i > right for x in children(tok))):
                continue
            out.append(c)
        return out

    def _fits(self, pronoun: Token, m: ActorMention) -> bool:
        low = pronoun.lower_
        if low in self.cues.person_pronouns:
            return bool(m.person)
        if low in self.cues.thing_pronouns:
            return not m.person
        return True

    def _pronoun(self, tok: Token, ctx: "_SentenceContext") -> ActorMention | None:
        rg = report_governor(tok, self.cues)
        if rg is not None:
            for s in subjects(rg[0]):
                if s.i != tok.i:
                    m = ctx.index.find(s)
                    if m is not None and m.code and self._fits(tok, m):
                        return m
        if tok.dep_ == "poss" and tok.head.dep_ in ("dobj", "obj") and tok.head.head.pos_ == "VERB":
            # "recalled its ambassador", "expand its ties": the possessor of the object is the subject
            verb = tok.head.head
            for s in subjects(verb):
                if s.i != tok.i and s.lower_ not in self.cues.pronouns:
                    m = ctx.index.find(s)
                    if m is not None and m.code and self._fits(tok, m):
                        return m
        if tok.dep_ in ("dative", "iobj", "dobj") and tok.lower_ in self.cues.person_pronouns \
                and tok.head.dep_ == "conj" and tok.head.head.pos_ == "VERB":
            # "summoned the ambassador and handed him a protest": the person just named as
            # the object of the coordinated verb
            for o in objects(tok.head.head):
                if o.lower_ not in self.cues.pronouns:
                    m = ctx.index.find(o)
                    if m is not None and m.code:
                        return m
        if tok.i == ctx.sent.start and tok.lower_ == "it":
            return self._previous_subject_state(tok, ctx)
        avoid: list[ActorMention] = []
        if tok.dep_ in ("dobj", "iobj", "dative", "pobj"):
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            avoid = [x for x in (ctx.index.find(s) for s in subjects(verb)) if x is not None]
        for i in range(tok.i - 1, ctx.sent.start - 1, -1):
            m = ctx.index.at(ctx.doc[i])
            if m is not None and m.code and self._fits(tok, m) and m not in avoid:
                return m
        return None

    _NOT_AGENTIVE = frozenset({"be", "seem", "appear", "remain", "become", "matter", "take", "make", "mean"})

    def _previous_subject_state(self, tok: Token, ctx: "_SentenceContext") -> ActorMention | None:
        """Sentence-initial "It" as the subject of an action verb: the subject of the
        previous sentence's main clause, when that is a state ("Armenia is a member of the
        CSTO ... It is now hosting American soldiers"). Nothing for "It is clear that",
        "It seems", or when the previous subject is no state."""
        verb = tok.head
        if tok.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.lemma_.lower() in self._NOT_AGENTIVE:
            return None
        if any(c.dep_ in ("ccomp", "csubj") and any(g.dep_ == "mark" for g in children(c)) for c in children(verb)):
            return None  # "It emerged that ...": an extraposed clause
        if ctx.sent.start == 0:
            return None
        prev = ctx.doc[ctx.sent.start - 1].sent  # (once per pronoun at a sentence start)
        for s in subjects(prev.root) if prev.root.pos_ in ("VERB", "AUX") else []:
            m = ctx.index.find(s)
            if m is not None and m.code and m.country and not m.org and not m.person and m.role is None:
                return m
        return None

    def _place_actor(self, tok: Token, ctx: "_SentenceContext", role: str = "") -> ActorMention | None:
        """The country of a place named at ``tok`` ("visited Yerevan" -> ARM)."""
        for p in ctx.places:
            if p.country and p.start <= tok.idx < p.end:
                return ActorMention(p.start, p.end, p.text, p.country + role, p.name, p.country, None,
                                    role or None, how="place")
        return None

    def _place_tokens(self, trigger: Token) -> list[Token]:
        toks = list(objects(trigger))
        for prep in ("to", "in", "into", "at"):
            toks.extend(prep_objects(trigger, prep, (), self.cues.temporal))
        # "a summit in Lima, where the premier was paying her first call": the place a "where" clause hangs on
        cur = support_governor(trigger, self.cues) or trigger
        for _ in range(3):
            if cur.dep_ == "relcl" and any(c.lower_ == "where" for c in children(cur)):
                toks.append(cur.head)
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return toks

    def _crowd(self, trigger: Token, ctx: "_SentenceContext") -> list[ActorMention]:
        """An unnamed crowd located by a place: "protesters in Yerevan" -> civilians of Armenia."""
        subj = subjects(trigger) if trigger.pos_ in ("VERB", "AUX") else []
        gov = support_governor(trigger, self.cues)
        if not subj and gov is not None:
            subj = subjects(gov)
        crowd: Token | None = None
        for s in subj:
            cands = [s, *[o for p in children(s) if p.dep_ == "prep" and p.lower_ == "of" for o in children(p) if o.dep_ == "pobj"]]
            crowd = next((c for c in cands if c.lemma_.lower() in self.cues.crowd_nouns), None)
            if crowd is not None:
                break
        if crowd is None:
            return []
        heads = [crowd, trigger, *([gov] if gov is not None else [])]
        for h in heads:
            for t in self._place_tokens(h) if h is not crowd else prep_objects(crowd, "in", (), self.cues.temporal):
                found = self._place_actor(t, ctx, "CVL")
                if found is not None:
                    return [found]
        return []

    def _resolve(self, slots: tuple[str, ...], trigger: Token, ctx: "_SentenceContext",
                 inherit: bool = True, exclude: list[ActorMention] | None = None) -> tuple[list[ActorMention], str | None]:
        """Actors of the first slot that yields one (``exclude``: the source, when resolving a target)."""
        exclude = exclude or []
        for slot in slots:
            found: list[ActorMention] = []
            if slot == "place":
                toks = self._place_tokens(trigger)
                if any(ctx.index.find(t) is not None for t in toks):
                    continue  # a named actor there is not a place
                found = [m for m in (self._place_actor(t, ctx) for t in toks) if m is not None]
                found = [m for m in found if not any(m.code == e.code for e in exclude)][:1]
            elif slot == "crowd":
                found = self._crowd(trigger, ctx)
            elif slot == "evaluated":
                found = self._evaluated(trigger, ctx, exclude)
            elif slot == "answered":
                found = self._answered(ctx, exclude)
            elif slot == "act_target":
                found = self._act_target(trigger, ctx, exclude)
            elif slot == "phrase":
                found = self._phrase_actor(trigger, ctx, exclude)
            elif slot in ("after:obj", "after:obj^"):
                # the first named actor after the predicate's object (converted patterns);
                # "^": skip one actor
                objs = objects(trigger)
                if objs:
                    end = max(o.i for o in objs)
                    found = self._phrase_actor(trigger, ctx, exclude, after=end)
                    if found and slot.endswith("^"):
                        end = max(i for i, m in ctx.index.by_token.items() if m in found)
                        found = self._phrase_actor(trigger, ctx, exclude, after=end)
            elif slot == "agent_subj":
                # a subject that is itself an actor: "Serbia allowed X to", not "a contingent of troops would
                # allow X to" (a thing that enables)
                toks = [t for t in self.finder.tokens("subj", trigger, inherit)
                        if ctx.index.at(t) is not None or t.lower_ in self.cues.pronouns]
                found = [m for t in toks for m in self._mentions(t, ctx) if m not in exclude]
            elif slot == "clause":
                # the first actor of another state in the predicate's clausal complement ("said that
                # India had struck ..." -> India): whom a statement is about
                found = self._clause_actor(trigger, ctx, exclude)
            elif slot == "head_subj":
                # the subject of the verb governing the predicate ("X will be hosting Y to celebrate")
                head = trigger.head
                if head.i != trigger.i and head.pos_ in ("VERB", "AUX"):
                    toks = subjects(head) or [c for c in children(head) if c.dep_ == "nsubjpass"]
                    found = [m for t in toks for m in self._mentions(t, ctx) if m not in exclude]
            elif slot.startswith("after:"):
                # the first named actor after the phrase of a preposition ("Iftar in X with Y" -> Y)
                pp = prep_objects(trigger, slot[6:], self._related_tokens(trigger), self.cues.temporal)
                if pp:
                    end = max(o.i for o in pp)  # "^" skips the noun phrase, not its of-phrase
                    found = [m for m in self._phrase_actor(trigger, ctx, exclude, after=end)]
            else:
                toks = self.finder.tokens(slot, trigger, inherit)
                for tok in toks:
                    for m in self._mentions(tok, ctx):
                        # "an anti-American protest" is not a protest by Americans
                        if m not in found and m not in exclude and not self._behind_stance(m, ctx.doc):
                            found.append(m)
                if not found and slot in ("subj", "governor") and not exclude:
                    # "Reactions from Japan and the EU were swift, condemning ...": a reaction noun as the
                    # subject names its agents in its from-phrase
                    for tok in toks:
                        if tok.pos_ == "NOUN":
                            for o in prep_objects(tok, "from", (), self.cues.temporal):
                                found.extend(m for m in self._mentions(o, ctx) if m.code and m not in found)
                if not found and exclude and slot in self.cues.place_target_slots:
                    found = self._place_targets(toks, ctx, exclude)

                if not found and toks and "phrase" in slots:
                    # "in an anti- Gondor parade": the actor the slot's noun is for or against
                    stance = self._stance_in(sorted({t for o in toks for t in o.subtree}, key=lambda t: t.i),
                                             ctx, exclude)
                    found = [stance] if stance is not None else []
            if found:
                return [m for m in ctx.index.expand(found) if m not in exclude or m in found], slot
        return [], None

    _PHRASE_DEPS = frozenset({"dobj", "ccomp", "xcomp", "prep", "dative", "attr", "oprd", "agent", "prt"})
    _PHRASE_STOP = frozenset({"advcl", "relcl", "acl", "appos", "parataxis", "conj", "cc"})

    @staticmethod
    def _reduced_clause(c: Token) -> bool:
        """A clause that continues the predicate's phrase: a participle or infinitive
        without a subject of its own ("the parade supporting X", "memos sent by X",
        "signed an accord to supply X"), or a noun's 'that' clause ("hopes that X ...")."""
        kids = {k.dep_ for k in children(c)}
        if c.dep_ == "acl":
            if not kids & {"nsubj", "nsubjpass", "expl"}:
                return True
            return any(k.dep_ == "mark" and k.lower_ == "that" for k in children(c))
        if c.dep_ == "advcl":
            return (c.tag_ == "VB" and not kids & {"nsubj", "nsubjpass", "mark"}
                    and any(k.dep_ == "aux" and k.lower_ == "to" for k in children(c)))
        return False

    def _phrase_tokens(self, trigger: Token) -> list[Token]:
        """The tokens of the predicate's own phrases after it, in text order: its
        object, complement, prepositional and dative phrases, an adverb's phrase
        ("marched close to the border with X"), and the reduced clauses inside them."""
        stack = [c for c in children(trigger) if c.i > trigger.i
                 and (c.dep_ in self._PHRASE_DEPS or c.dep_ == "advmod" or self._reduced_clause(c))]
        toks: list[Token] = []
        while stack:
            t = stack.pop()
            toks.append(t)
            stack.extend(c for c in children(t) if c.dep_ not in self._PHRASE_STOP
                         or t.dep_ in ("pobj", "dobj") and c.dep_ == "conj"
                         or c.i > t.i and self._reduced_clause(c))
        return sorted(toks, key=lambda t: t.i)

    def _unknown_name_in_phrase(self, trigger: Token, ctx: "_SentenceContext") -> Token | None:
        """A proper noun in the predicate's phrase that no actor covers ("ties with Gxndor")."""
        for tok in self._phrase_tokens(trigger):
            if (tok.pos_ == "PROPN" and tok.dep_ in ("pobj", "dobj") and tok.ent_type_ not in ("DATE", "TIME")
                    and ctx.index.at(tok) is None and tok.lower_ not in self.cues.temporal
                    and tok.text[:1].isupper()):
                return tok
        return None

    def _related_tokens(self, trigger: Token) -> tuple[Token, ...]:
        return self.finder._related(trigger)

    def _phrase_actor(self, trigger: Token, ctx: "_SentenceContext",
                      exclude: list[ActorMention], after: int = -1) -> list[ActorMention]:
        """The first named actor after the predicate in its own phrases (with its conjuncts);
        ``after``: only past that token."""
        for tok in self._phrase_tokens(trigger):
            if tok.i <= after:
                continue
            m = ctx.index.at(tok)  # named mentions only: "their" is no new target
            if m is None or not m.code or m in exclude:
                continue
            out: list[ActorMention] = []
            for t in with_conjuncts(tok):
                mm = ctx.index.at(t)
                if mm is not None and mm.code and mm not in out and mm not in exclude:
                    out.append(mm)
            return out
        return []

    _STANCE = ("anti", "pro")

    def _stance_actor(self, m: Match, ctx: "_SentenceContext", sources: list[ActorMention],
                      phrase: bool) -> ActorMention | None:
        """A named actor behind an "anti-"/"pro-" modifier of the predicate's object
        ("an anti-Gondor parade", "anti- Gondor", "anti - Gondor"); "an anti-government
        rally" names none. ``phrase``: search the predicate's whole phrase (converted
        patterns), else only its objects' noun phrases."""
        trigger = m.trigger
        if phrase:
            toks = self._phrase_tokens(trigger)
        else:
            heads = [*objects(trigger), *m.object_tokens]
            toks = sorted({t for h in heads for t in h.subtree if t.i > trigger.i}, key=lambda t: t.i)
        return self._stance_in(toks, ctx, sources)

    def _behind_stance(self, m: ActorMention, doc: Doc) -> bool:
        """The mention follows an "anti-"/"pro-" word ("anti-American", "pro- Russian")."""
        first = doc.char_span(m.start, m.end, alignment_mode="expand")
        if first is None or first.start == 0:
            return False
        i = first.start
        prev = doc[i - 1]
        if prev.text == "-" and i >= 2 and doc[i - 2].lower_ in self._STANCE:
            return True
        return prev.lower_.rstrip("-") in self._STANCE and prev.lower_.endswith("-")

    def _stance_in(self, toks: list[Token], ctx: "_SentenceContext",
                   sources: list[ActorMention]) -> ActorMention | None:
        """The first named actor behind an "anti-"/"pro-" word among ``toks``."""
        if not toks:
            return None
        doc = toks[0].doc
        for t in toks:
            low = t.lower_
            nxt: int | None = None
            if low in self._STANCE and t.i + 2 < len(doc) and doc[t.i + 1].text == "-":
                nxt = t.i + 2
            elif low.endswith("-") and low[:-1] in self._STANCE:
                nxt = t.i + 1
            elif "-" in low and low.split("-", 1)[0] in self._STANCE:
                nxt = t.i  # one token: "anti-Gondor"
            if nxt is None or nxt >= len(doc):
                continue
            found = ctx.index.at(doc[nxt])
            if (found is not None and found.code and found.how not in ("agent", "coref", "context")
                    and found not in sources and not any(found.code == s.code for s in sources)):
                return found
        return None

    def _from_agent(self, trigger: Token, ctx: "_SentenceContext") -> list[ActorMention]:
        """The agent of an event noun in its from-phrase: "condemnation from Japan", "an appeal from France",
        "drew criticism from the EU" (the phrase may hang on the verb the noun is the object of)."""
        heads = (trigger.head,) if trigger.dep_ in ("dobj", "attr") and trigger.head.pos_ == "VERB" else ()
        out: list[ActorMention] = []
        for tok in prep_objects(trigger, "from", heads, self.cues.temporal):
            for m in self._mentions(tok, ctx):
                if m.code and m not in out:
                    out.append(m)
        return out

    def _intent(self, code: str, mod: str, why: str, anchor: Token | None = None) -> tuple[str, str, str]:
        """An act announced for the future is, in CAMEO, the intent to do it: "will visit" 036, "will send aid"
        0332 (the `intend` frame's map); a use of force announced is a threat (the `threaten` frame's map).
        An act announced "unless" another acts is a threat whatever its root ("will withdraw its monitors unless
        the talks resume": 130), as a demand backed by a cost.

        The modality stays "future" (a threat: "threatened"), so nothing downstream counts the act as done.
        """
        frame = self.frames.get("threaten")
        if anchor is not None and frame is not None and _unless(anchor) and (
                code[:2] in self.cues.intent_roots or code[:2] in self.cues.threat_roots or code[:2] == "16"):
            return frame.code_for(code), "threatened", f"{why}; announced on a condition: threaten ({code})".lstrip("; ")
        for name, roots, new_mod in (("intend", self.cues.intent_roots, "future"),
                                     ("threaten", self.cues.threat_roots, "threatened")):
            frame = self.frames.get(name)
            if frame is not None and code[:2] in roots:
                return frame.code_for(code), new_mod, f"{why}; announced: {name} ({code})".lstrip("; ")
        return code, mod, why

    def _clause_actor(self, trigger: Token, ctx: "_SentenceContext",
                      exclude: list[ActorMention]) -> list[ActorMention]:
        own = {e.country or e.code for e in exclude}

        def speaker(t: Token) -> bool:
            """The speaker itself, or its state and government ("Chile said: 'Chile and Peru welcome ...'")."""
            o = ctx.index.find(t)
            return o is not None and any(
                o.code == e.code or bool(o.country) and o.country == e.country
                and (o.role or "GOV") == "GOV" and (e.role or "GOV") == "GOV" for e in exclude)

        doc, mentions = trigger.doc, ctx.index.by_token
        for c in children(trigger):
            if c.dep_ not in ("ccomp", "xcomp", "parataxis"):
                continue
            # the clause's words in text order: only those of a mention are read from the parse
            for i in range(c.left_edge.i, c.right_edge.i + 1):
                m = mentions.get(i)
                if m is not None and m.code and (m.country or m.code) not in own and m not in exclude:
                    tok = doc[i]
                    if i != c.i and not c.is_ancestor(tok):
                        continue  # between the clause's edges, outside its subtree
                    while tok.head.i != tok.i and ctx.index.at(tok.head) is m:
                        tok = tok.head  # the head word of the mention
                    if tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in _PLACE_NOUNS:
                        continue  # "envoys to the Ethiopian port city": where, not whom the statement is about
                    if tok.dep_ == "conj" and speaker(tok.head) or any(x.dep_ == "conj" and speaker(x) for x in children(tok)):
                        continue  # "Chile and Peru welcome ...": a co-speaker of the statement, not its addressee
                    return [m]
        return []

    _CLAUSE_PREPS = frozenset({"during", "on", "amid"})
    _REQUEST_NOUNS = frozenset({"request", "behest", "invitation", "initiative"})

    def _requester(self, trigger: Token, ctx: "_SentenceContext",
                   sources: list[ActorMention]) -> list[ActorMention]:
        """Whom a meeting held at someone's request is held with: the requester.

        "The Council met at the request of Estonia", "NATO will meet on Tuesday
        following a request by Turkey": the meeting (04, or its announcement,
        03) is with the party that asked for it, named in the request noun's
        possessor, of-phrase or by-phrase, in an adverbial of the same verb.
        """
        verb = self._anchor(trigger)
        verb = verb if verb.pos_ in ("VERB", "AUX") else verb.head
        for prep in children(verb):
            if prep.dep_ not in ("prep", "advcl"):
                continue
            for noun in children(prep):
                if noun.dep_ not in ("pobj", "dobj") or noun.lemma_.lower() not in self._REQUEST_NOUNS:
                    continue
                agents = [c for c in children(noun) if c.dep_ == "poss"]
                agents += [o for c in children(noun) if c.dep_ == "prep" and c.lower_ in ("of", "by", "from")
                           for o in children(c) if o.dep_ == "pobj"]
                found: list[ActorMention] = []
                for a in agents:
                    for tok in [a, *[c for c in children(a) if c.dep_ == "conj"]]:
                        found.extend(x for x in self._mentions(tok, ctx) if x.code and x not in sources
                                     and not any(x.code == s.code for s in sources) and x not in found)
                if found:
                    return found
        return []

    def _clause_agent(self, trigger: Token, ctx: "_SentenceContext", code: str = "") -> list[ActorMention]:
        """The agent of an event noun in an adverbial of a clause is that clause's subject.

        "the premier said ..., during a rare trip to Lima": the premier made the trip; "arrived in Quito for talks
        with Noboa": the talks are the traveller's (a for-phrase only for consultations, root 04: "condemned
        Russia for the attacks" is no attack by the condemner). Only when the noun has no possessor or by-phrase
        of its own (the pattern's slots found none) and the phrase hangs on a verb.
        """
        prep = trigger.head
        preps = self._CLAUSE_PREPS | ({"for"} if code[:2] == "04" else set())
        if trigger.dep_ != "pobj" or prep.lower_ not in preps or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        if trigger.lemma_.lower() in self.cues.name_heads:
            return []  # "as stipulated in the treaty", "during the war": a document or a state of affairs, no act
        out: list[ActorMention] = []
        for tok in subjects(prep.head):
            out.extend(m for m in self._mentions(tok, ctx) if m.code and m not in out)
        return out

    def _purpose_target(self, trigger: Token, ctx: "_SentenceContext",
                        sources: list[ActorMention]) -> list[ActorMention]:
        """The object of an event noun's purpose clause: "a visit to meet Kim Jong Un" -> Kim Jong Un."""
        for c in children(trigger):
            if c.dep_ in ("acl", "relcl", "advcl") and c.tag_ == "VB" and any(a.lower_ == "to" for a in children(c)):
                for o in objects(c):
                    found = [m for m in self._mentions(o, ctx) if m.code and m not in sources
                             and not any(m.code == s.code for s in sources)]
                    if found:
                        return found
        return []

    def _scope_target(self, trigger: Token, ctx: "_SentenceContext",
                      sources: list[ActorMention]) -> list[ActorMention]:
        """Whom an act on an area is done to, from the phrases of its scope.

        "struck sites across Iran", "fired missiles towards Taiwan", "launched
        an operation targeting facilities in Iran": the first actor, or place
        of another country than the source's, in a prepositional phrase of the
        predicate, of its object, or of a participle clause hanging on it
        (breadth first, nearest first), with the areas coordinated with it ("in
        Syria and northern Iraq": both). Clauses of their own (reported speech,
        relative clauses, coordinated verbs) are not searched: they hold other
        events.
        """
        own = self._own_countries(sources)
        queue = [(trigger, 0)]
        seen = {trigger.i}
        while queue:
            tok, depth = queue.pop(0)
            for c in children(tok):
                if c.i in seen:
                    continue
                seen.add(c.i)
                if c.dep_ == "prep" and c.lower_ in self.cues.scope_target_preps and not is_temporal(c, self.cues.temporal):
                    for o in [x for x in children(c) if x.dep_ == "pobj"]:
                        hit = self._scope_actor(o, ctx, sources, own)
                        if hit is not None:
                            # "struck groups in Syria and northern Iraq": each area coordinated in the phrase
                            more = [self._scope_actor(x, ctx, sources, own) for x in conjuncts(o)]
                            return [hit, *(m for m in dict.fromkeys(more)
                                           if m is not None and m.code != hit.code)]
                        queue.append((o, depth + 1))
                elif depth < 3 and (c.dep_ in ("dobj", "pobj", "compound", "amod", "npadvmod")
                                    or c.dep_ in ("advcl", "acl", "xcomp") and c.tag_ in ("VBG", "VBN", "VB")):
                    queue.append((c, depth + 1))
        return []

    def _scope_actor(self, o: Token, ctx: "_SentenceContext", sources: list[ActorMention],
                     own: set[str]) -> ActorMention | None:
        """The actor, or the place of another country than the sources', a noun of an act's scope names."""
        for m in self._mentions(o, ctx):
            if m.code and m not in sources and not any(m.code == s.code for s in sources) \
                    and not (m.country and m.country in own and m.how != "place"):
                return m
        found = self._place_targets([o], ctx, sources)
        return found[0] if found else None

    def _own_countries(self, sources: list[ActorMention]) -> set[str]:
        """The states whose places are the sources' own ground: not those of a non-state armed group in its own
        country (roles under ``non_state_roles`` in the cues), whose attack on a town there is aimed at the
        state ("the rebels shelled the city of Goma": the rebels' own country is the target)."""
        return {s.country for s in sources if s.country and (s.role or "").lower() not in self.cues.non_state_roles}

    def _place_targets(self, toks: list[Token], ctx: "_SentenceContext",
                       sources: list[ActorMention]) -> list[ActorMention]:
        """Places standing for their country as a target ("shelled Jermuk" -> ARM).

        Only a place in another country than every source's: "Armenian forces
        shelled Goris" has no target; a named actor in the phrase wins.
        """
        out: list[ActorMention] = []
        own = self._own_countries(sources)
        # "the city of Goma", "the province of Idlib": the place named in the of-phrase of a place noun
        toks = [x for t in toks for x in (t, *(of_objects(t) if t.lemma_.lower() in _PLACE_NOUNS else ()))]
        for t in toks:
            if ctx.index.find(t) is not None and (ctx.index.find(t).code or ctx.index.find(t).country):
                return []
            m = self._place_actor(t, ctx)
            if m is None or m.country in own or any(m.code == s.code for s in sources):
                continue
            if not any(x.code == m.code for x in out):
                out.append(m)
        return out

    def _evaluated(self, trigger: Token, ctx: "_SentenceContext",
                   exclude: list[ActorMention]) -> list[ActorMention]:
        """Who an evaluation is about ("called the blockade a provocation").

        The object's own actor (for a reaction noun, also the subject of the
        verb it is the object of: "the move drew condemnation from Japan"); else the source of the event the object names
        in this sentence; else, for a definite noun ("the blockade", "the
        move"), the source of the latest earlier event of the document with
        the same root (any conflictual root for a noun that is no predicate).
        """
        speakers = {e.country or e.code for e in exclude}
        objs = objects(trigger)
        datives = [c for c in children(trigger) if c.dep_ == "dative"]
        if datives:
            objs = datives  # "branded Marcos a separatist": the dative is evaluated, the object is the label
        elif not objs and any(c.dep_ == "prep" and c.lower_ == "as" for c in children(trigger)):
            # "referred to Hanoi as an aggressor"
            objs = prep_objects(trigger, "to", (), self.cues.temporal)
        if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and trigger.head.pos_ == "VERB":
            # a reaction the thing drew: "the move drew condemnation from Japan" is about the move
            objs = [*objs, *subjects(trigger.head)]
        for o in objs:
            found = [m for m in self._mentions(o, ctx) if m not in exclude]
            if found:
                return found
        for o in objs:
            m = ctx.matches.get(o.i)
            if m is not None:
                srcs, _ = self._resolve(m.pattern.source, o, ctx)
                srcs = [x for x in srcs if x not in exclude and (x.country or x.code) not in speakers]
                if srcs:
                    return srcs
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") or c.dep_ == "poss"
                       and c.lower_ in ("its", "their") for c in children(o)):
                continue
            if m is None:
                # "the ratification" after "parliament had ratified it": the latest earlier
                # event whose trigger shares the noun's stem
                stem = o.lemma_.lower()[:5]
                for ev in reversed(ctx.earlier):
                    if (len(stem) == 5 and not ev.negated and ev.modality in ("asserted", "claimed")
                            and ev.trigger.lower().startswith(stem)
                            and (ev.source.country or ev.source.code) not in speakers):
                        return [ev.source]
                if len(stem) == 5 and self._stem_roots(stem) and not self._stem_roots(stem) & set(CONFLICT_ROOTS):
                    continue  # "the ratification" names a cooperative act: no conflict stands for it
            roots = {m.pattern.code[:2]} if m is not None else set(CONFLICT_ROOTS)
            other_side: ActorMention | None = None
            for ev in reversed(ctx.earlier):
                if ev.negated or ev.modality not in ("asserted", "claimed") or ev.cameo[:2] not in roots:
                    continue
                if (ev.source.country or ev.source.code) in speakers:
                    if other_side is None and ev.target is not None and ev.target.code \
                            and (ev.target.country or ev.target.code) not in speakers:
                        other_side = ev.target
                    continue
                return [ev.source]
            if other_side is not None and m is None:
                # "Latvia shot down the drone ... its prime minister called the incident a provocation": the only act told of
                # the episode is the speaker's own, so the incident is the other side's, whom it was aimed at
                return [other_side]
        return []

    def _act_target(self, trigger: Token, ctx: "_SentenceContext",
                    sources: list[ActorMention]) -> list[ActorMention]:
        """Whom a denial of a part in an act answers: that act's target.

        "Chile denied involvement in Peru's attacks on Bolivia": Bolivia, whom the attacks hit and who holds the
        denier to account (the act named in the for- or in-phrase of the denial, its target from its own slots).
        """
        for prep in ("in", "for"):
            for tok in prep_objects(trigger, prep, self._related_tokens(trigger), self.cues.temporal):
                act = ctx.matches.get(tok.i)
                if act is None or act.pattern.frame:
                    continue
                srcs, _ = self._resolve(act.pattern.source, tok, ctx)
                found, _ = self._resolve(act.pattern.target, tok, ctx, exclude=[*srcs, *sources])
                found = [m for m in found if m.code and not any(m.code == s.code for s in sources)]
                if found:
                    return found
        return []

    def _undergoer(self, trigger: Token, ctx: "_SentenceContext",
                   sources: list[ActorMention]) -> list[ActorMention]:
        """Who suffers an act named as the object of a verb of undergoing (``undergo_verbs`` in the cues).

        "Norway and Sweden have experienced airspace violations by Belarus", "the town suffered heavy shelling":
        the subject of the verb, or the states listed after "including" in it ("several allies, including
        Finland and Latvia").
        """
        verb = trigger.head
        if trigger.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in self.cues.undergo_verbs:
            return []
        out: list[ActorMention] = []
        for subj in subjects(verb):
            listed = [t for c in children(subj) if c.dep_ == "prep" and c.lower_ == "including"
                      for o in children(c) if o.dep_ == "pobj" for t in with_conjuncts(o)]
            for tok in listed or with_conjuncts(subj):
                out.extend(m for m in self._mentions(tok, ctx) if m.code and m not in out and m not in sources
                           and not any(m.code == s.code for s in sources))
        return out

    @staticmethod
    def _answered(ctx: "_SentenceContext", sources: list[ActorMention]) -> list[ActorMention]:
        """Whom an act of air defence answers: the author of the latest earlier force against the defender.

        "Iraq fired rockets at the port. Kuwaiti air defences intercepted four of them": Iraq. The latest
        earlier event of the document, not negated, of a root of force or a show of force (15, 18, 19, 20)
        whose target is the defender's state (for an organisation, aimed at anyone but itself), by another
        side; else the latest such force by another side aimed at no actor named.
        """
        own = {s.country or s.org or s.code for s in sources}
        orgs = {s.org for s in sources if s.org and not s.country}
        unaimed: ActorMention | None = None
        for ev in reversed(ctx.earlier):
            if ev.negated or ev.cameo[:2] not in ("15", "18", "19", "20"):
                continue
            author = ev.source.country or ev.source.org or ev.source.code
            if author in own:
                continue
            if ev.target is None:
                unaimed = unaimed or ev.source  # "Iran's missile strike on the base": aimed at no actor named
                continue
            victim = ev.target.country or ev.target.org or ev.target.code
            if victim in own or orgs and victim not in orgs:
                return [ev.source]
        return [unaimed] if unaimed is not None else []

    def _stem_roots(self, stem: str) -> set[str]:
        """CAMEO roots of the patterns whose head lemma starts with ``stem`` (five letters)."""
        cache = self.__dict__.setdefault("_stems", {})
        if not cache:
            for p in self.patterns:
                if p.code and not p.suppress:
                    cache.setdefault(p.lemma.split()[0][:5], set()).add(p.code[:2])
        return cache.get(stem, set())

    # ---- claims ------------------------------------------------------------
    @staticmethod
    def _adverbial_subjects(verb: Token) -> list[Token]:
        """The subject of the clause a non-finite verb of saying hangs on: "Poland
        summoned the envoy after claiming that drones crossed its airspace": Poland claims."""
        cur = verb
        for _ in range(3):
            if cur.dep_ not in ("pcomp", "advcl", "xcomp", "acl") or cur.tag_ not in ("VBG", "VBN", "VB"):
                return []
            head = cur.head
            if head.pos_ == "ADP":
                head = head.head
            found = subjects(head)
            if found:
                return found
            cur = head
        return []

    def _claim(self, trigger: Token, ctx: "_SentenceContext", source: ActorMention | None) -> _Claim:
        rg = report_governor(trigger, self.cues)
        if rg is not None:
            verb, _ = rg
            speaker = None
            for s in subjects(verb) or self._adverbial_subjects(verb):
                speaker = self._mention(s, ctx)
                if speaker is not None:
                    break
            denied = verb.lemma_.lower() in self.cues.denial_verbs
            return _Claim("claimed", speaker, denied, f"inside what '{verb.text}' reports")
        acc = according_to(ctx.sent, lambda t: self._mention(t, ctx))
        if acc is not None:
            return _Claim("claimed", self._mention(acc, ctx), False, "'according to'")
        return _Claim(None, None, False, "")

    # ---- events ------------------------------------------------------------
    def _pairs(self, sources: list[ActorMention], targets: list[ActorMention], symmetric: bool,
               between: bool) -> list[tuple[ActorMention, ActorMention | None]]:
        if between or (symmetric and not targets and len(sources) > 1):
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        elif targets:
            pairs = [(s, t) for s in sources for t in targets if s is not t]
            if symmetric:
                pairs += [(t, s) for s in sources for t in targets if s is not t]
        else:
            pairs = [(s, None) for s in sources]
        return [(s, t) for s, t in pairs if t is None or s.code != t.code]

    def _anchor(self, trigger: Token) -> Token:
        gov = support_governor(trigger, self.cues)
        return gov if gov is not None else trigger

    def _plain_events(self, m: Match, ctx: "_SentenceContext", result: CodingResult,
                      sources: list[ActorMention] | None = None, source_slot: str | None = None,
                      forced: dict[str, Any] | None = None) -> list[CodedEvent]:
        p = m.pattern
        if sources is None:
            sources, source_slot = self._resolve(p.source, m.trigger, ctx)
            if (not sources and p.target[-1:] == ("phrase",) and "subj" in p.source
                    and is_passive(m.trigger) and not prep_objects(m.trigger, "by")):
                # PETRARCH's reading (converted dictionaries): a passive with no agent keeps
                # its grammatical subject as the source ("X was criticized over its dispute with Y")
                subj = [c for c in children(m.trigger) if c.dep_ == "nsubjpass"]
                sources = [a for t in subj for a in self._mentions(t, ctx)]
                source_slot = "subj" if sources else source_slot
        if not sources and m.trigger.pos_ == "NOUN" and not p.converted:
            sources = self._from_agent(m.trigger, ctx)
            source_slot = "from" if sources else source_slot
            if not sources:
                sources = self._clause_agent(m.trigger, ctx, p.code)
                source_slot = "clause" if sources else source_slot
        claimed_act = None
        if not sources and not p.converted and p.code[:2] in FORCE_ROOTS:
            claimed_act, sources = self._claimed_by_agent(m.trigger, ctx)
            source_slot = "claimed by" if sources else source_slot
        if not sources:
            result.dropped.append(Dropped(ctx.sent_index, m.trigger.text, m.trigger.idx, p.id, "no resolved source actor"))
            return []
        targets, target_slot = self._resolve(p.target, m.trigger, ctx, exclude=sources)
        if not targets and m.object_tokens:
            # "released the Armenian prisoners": the object's own actor is the target
            for o in m.object_tokens:
                found = self._mention(o, ctx)
                if found is not None and found not in sources and found not in targets:
                    targets.append(found)
            target_slot = "object" if targets else target_slot
        if not targets and p.target[-1:] == ("phrase",):
            # PETRARCH's convention (converted dictionaries): "broke into an anti-X parade"
            # targets X. On news the target of such an act is the crowd, not X, so our own
            # patterns do not use it.
            stance = self._stance_actor(m, ctx, sources, True)
            if stance is not None:
                targets, target_slot = [stance], "stance"
        if not targets and p.code[:2] in self.cues.scope_target_roots and not p.converted:
            # our own patterns only: PETRARCH's dictionaries code no target there, and its suite expects none
            targets = self._scope_target(m.trigger, ctx, sources)
            target_slot = "scope" if targets else target_slot
        if not targets and m.trigger.pos_ == "NOUN" and not p.converted:
            targets = self._purpose_target(m.trigger, ctx, sources)
            target_slot = "purpose" if targets else target_slot
        if not targets and p.code[:2] in ("03", "04") and not p.converted:
            targets = self._requester(m.trigger, ctx, sources)
            target_slot = "request" if targets else target_slot
        if not targets and m.trigger.pos_ == "NOUN" and not p.converted:
            targets = self._undergoer(m.trigger, ctx, sources)
            target_slot = "undergoer" if targets else target_slot
        story_statement = False
        if p.needs_target and not targets:
            if p.code != STATEMENT or p.converted or not self._about_force(m.trigger, ctx):
                result.dropped.append(Dropped(ctx.sent_index, m.trigger.text, m.trigger.idx, p.id, "no target actor"))
                return []
            # a statement whose clause names nobody may be about the conflict of the story: kept until the story
            # has been read (see _story_targets), then dropped if it gives no counterpart
            story_statement = True
        if not targets and p.target and p.target[-1] == "phrase":
            # PETRARCH's reading of targets (converted dictionaries): a name in the target's
            # phrase that no dictionary knows ("restore ties with Gxndor") leaves the event
            # without its target, and PETRARCH codes none
            unknown = self._unknown_name_in_phrase(m.trigger, ctx)
            if unknown is not None:
                ctx.unknown_target.add(m.trigger.i)
                result.dropped.append(Dropped(ctx.sent_index, m.trigger.text, m.trigger.idx, p.id,
                                              f"unknown actor '{unknown.text}' in the target phrase"))
                return []
        events = self._emit(m, p.code, sources, targets, source_slot, target_slot, ctx, forced or {})
        if story_statement:
            events = [_with(ev, extra={**ev.extra, STORY_STATEMENT: True}) for ev in events]
        if events and not forced and not p.converted and p.code[:2] in ("16", "17"):
            events.extend(self._until_demands(m, sources, ctx))
        if events and claimed_act is not None and targets:
            # "a bombing, claimed by the group, hit the convoy": the group claims responsibility (015)
            events.extend(self._emit(m, "015", sources, targets, source_slot, target_slot, ctx,
                                     {"why": "an act claimed by its author"}))
        return events

    @staticmethod
    def _about_force(trigger: Token, ctx: "_SentenceContext") -> bool:
        """Does the clause said by ``trigger`` name an act of force ("said the strikes were aimed at camps")?"""
        for c in children(trigger):
            if c.dep_ == "ccomp" and any(t.i in ctx.matches and ctx.matches[t.i].pattern.code[:2] in FORCE_ROOTS
                                         for t in c.subtree):
                return True
        return False

    def _claimed_by_agent(self, trigger: Token, ctx: "_SentenceContext") -> tuple[Token | None, list[ActorMention]]:
        """The author of an act that is "claimed by" someone: the claimant of the act noun ("an attack, claimed by
        the group, ...") or of the act noun that is the subject of the verb ("a bombing, claimed by the group,
        targeted the police")."""
        nouns = [trigger] if trigger.pos_ == "NOUN" else [t for t in subjects(trigger) if t.pos_ == "NOUN"]
        for noun in nouns:
            for c in children(noun):
                if c.dep_ == "acl" and c.lemma_.lower() == "claim":
                    found = [x for a in children(c) if a.dep_ == "agent" for o in children(a) if o.dep_ == "pobj"
                             for x in self._mentions(o, ctx) if x.code]
                    if found:
                        return noun, found
        return None, []

    def _until_demands(self, m: Match, sources: list[ActorMention], ctx: "_SentenceContext") -> list[CodedEvent]:
        """A measure kept "until" another party acts demands that act of it.

        "Kenya suspended the pact until Somalia ends its support for the militants", "froze the aid until
        the junta releases the prisoners": the source demands (10x, through the ``demand`` frame from the act
        asked for, 100 when it has no pattern) of the subject of the until-clause.
        """
        frame = self.frames.get("demand")
        anchor = self._anchor(m.trigger)
        if frame is None or anchor.pos_ not in ("VERB", "AUX"):
            return []
        out: list[CodedEvent] = []
        for clause in children(anchor):
            if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "until" for c in children(clause)):
                doers = subjects(clause)
            elif clause.dep_ == "prep" and clause.lower_ == "until":
                # the small parser's reading of "until Somalia ends ...": a preposition with the doer as its
                # object, or a clause under it
                doers = [c for c in children(clause) if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                doers += [t for c in children(clause) if c.dep_ == "pcomp" for t in subjects(c)
                          + [k for k in children(c) if k.dep_ == "nsubj"]]
            else:
                continue
            who = [x for t in doers for x in self._mentions(t, ctx)
                   if x.code and x not in sources and not any(x.code == s.code for s in sources)]
            if not who:
                continue
            asked = ctx.matches.get(clause.i)
            code = frame.code_for(asked.pattern.code) if asked is not None else frame.default
            out.extend(self._emit(m, code, sources, who[:1], "subj", "until", ctx,
                                  {"frame": frame.name, "complement": {"code": asked.pattern.code if asked else None,
                                                                       "trigger": clause.text, "pattern_id": None}}))
        return out

    def _emit(self, m: Match, code: str, sources: list[ActorMention], targets: list[ActorMention],
              source_slot: str | None, target_slot: str | None, ctx: "_SentenceContext",
              forced: dict[str, Any]) -> list[CodedEvent]:
        p = m.pattern
        anchor = self._anchor(m.trigger)
        neg_why = negation(anchor, m.trigger, self.cues)
        mod, mod_why = modality(anchor, self.cues)
        if mod == "asserted" and anchor.i != m.trigger.i:
            cond = condition(m.trigger, self.cues)  # "pledged aid in case of an attack": the noun's own phrase
            if cond:
                mod, mod_why = "hypothetical", cond
        claim = self._claim(anchor, ctx, sources[0])
        if neg_why and {w for entry in p.before for w in entry.split()} & self.cues.negators:
            neg_why = None  # "will not *": the pattern's own words carry the negation in its code
        negated = bool(neg_why) or claim.negated
        if forced.get("negate"):
            negated = not negated if forced.get("negate_flip") else True
        if forced.get("modality") and forced["modality"] != "asserted":
            mod, mod_why = forced["modality"], forced.get("why", "")
        claimed_by = forced.get("claimed_by")
        intended = False
        if mod == "future" and not forced and not negated and not p.converted:
            code, mod, mod_why = self._intent(code, mod, mod_why, anchor)
            intended = mod in ("future", "threatened")
        own_mod, own_why = mod, mod_why  # the modality of the verb itself, for a self-report
        if claim.modality and not mod_why.startswith((PROVISION, CONDITION)):
            mod, mod_why, claimed_by = "claimed", claim.why, claim.speaker
        start, end = _trigger_span(m)
        location = ctx.location(m.trigger, [*sources, *targets, *([claimed_by] if claimed_by else [])])
        if location is None and code[:2] in FORCE_ROOTS and target_slot in ("obj", "on", "against", "into"):
            # "launched an attack on Armenia": an attack on a country, with no other place in its
            # clause, took place in that country
            location = ctx.country_place(targets)
        # a meeting held at a party's request is the body's act toward it, not a mutual one
        # a joint act of several parties with nobody else named ("the United States and Jordan
        # agreed on a pact"): each party's act toward the others, as for a symmetric predicate
        joint = (not targets and not p.converted and len({s.code for s in sources}) > 1
                 and any(code.startswith(c) for c in self.cues.joint_codes))
        # an intent announced by the subject ("will consult with Peru") is the subject's alone: the other
        # party of a two-way act has announced nothing
        # so is an act told only as the purpose of another ("sent troops to fight against Peru")
        pairs = self._pairs(sources, targets, (p.symmetric or joint) and target_slot != "request"
                            and not ((intended or _purpose(anchor)) and targets), source_slot == "between")
        if p.reverse_code and not forced:
            # an [a:b] pattern: the target does b back to the source ("X hosted a visit by Y")
            pairs = [*[(s, t, code) for s, t in pairs],
                     *[(t, s, p.reverse_code) for s, t in pairs if t is not None]]
        else:
            pairs = [(s, t, code) for s, t in pairs]
        events = []
        when = ctx.when(m.trigger)
        if when[0] and ctx.published and str(when[0])[:10] > ctx.published.isoformat():
            # "will meet on Tuesday" in Sunday's news: the intent is told on Sunday; the day of the act to come is
            # no date of an event that has happened ("will meet on Friday following a request by Egypt": nor is
            # it the request's, made before the report)
            when = (ctx.published.isoformat(), "document", "document")
        for s, t, code in pairs:
            ev_mod, ev_why = mod, mod_why
            if (claim.modality and claimed_by is not None and not forced and not negated and not p.converted
                    and code[:2] in FORCE_ROOTS and (s.country and s.country == claimed_by.country
                                                     or s.code == claimed_by.code or s.org and s.org == claimed_by.org)
                    and (own_mod == "future" or own_mod == "hypothetical" and (
                        reported_future(anchor, self.cues) or offered_on_condition(anchor, self.cues)))):
                # "Pakistan said it would retaliate": a state announcing its own use of force threatens it
                code, ev_mod, ev_why = self._intent(code, "future", f"{claimed_by.code} on its own act", anchor)
            elif claim.modality and self_report(s, claimed_by, code):
                # the state's own word on its own act: provenance kept, not a claim
                ev_mod, ev_why = own_mod, f"{claimed_by.code} on its own act ({claim.why})"
                if own_mod == "hypothetical" and (reported_future(anchor, self.cues) or (
                        code[:2] in self.cues.intent_roots and offered_on_condition(anchor, self.cues))):
                    # "said Armenia would leave": the future of the past; "... would meet X if Y": an offer (an
                    # intent); any other act on a condition ("would leave the alliance if ...") stays supposed
                    ev_mod = "future"
                    if not forced and not negated and not p.converted:
                        code, ev_mod, ev_why = self._intent(code, ev_mod, ev_why, anchor)
                if own_why:
                    ev_why += f"; {own_why}"
            events.append(CodedEvent(
                sent_index=ctx.sent_index, sent_start=ctx.sent.start_char, sent_end=ctx.sent.end_char,
                sentence=ctx.sent_text, source=s, target=t, cameo=code,
                trigger_start=start, trigger_end=end, trigger=ctx.span_text(start, end), pattern_id=p.id,
                negated=negated, modality=ev_mod, claimed_by=claimed_by,
                date=when[0], date_precision=when[1], location=location,
                extra={
                    "source_slot": source_slot, "target_slot": target_slot, "date_from": when[2],
                    "symmetric": p.symmetric, "pattern_origin": p.origin,
                    "negation": neg_why or ("denied" if claim.negated else None),
                    "modality_why": ev_why or None,
                    **({"complement": forced["complement"]} if "complement" in forced else {}),
                    **({"frame": forced["frame"]} if "frame" in forced else {}),
                },
            ))
        new_act = m.trigger.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in children(m.trigger))
        if (m.trigger.pos_ == "NOUN" or ctx.date_from != "timex") and not new_act:
            # "a phone call" introduces an act of its own; "the call", "Russia's violation" name one again
            events = [self._dated_as_before(ev, ctx) for ev in events]
        if when[2] == "timex":
            # "visited Qatar twice, on Thursday and Monday": one act on each day
            events = [*events, *(_with(ev, date=day, extra={**ev.extra, "coordinated_day": True})
                                 for day in ctx.coordinated_days(m.trigger, when[0])
                                 for ev in events if ev.date == when[0])]
        return events

    @staticmethod
    def _dated_as_before(ev: CodedEvent, ctx: "_SentenceContext") -> CodedEvent:
        """An act named again ("to discuss Russia's violation of Estonian airspace") keeps the date it was told
        with earlier in the document: the sentence's own date belongs to its main clause, not to the noun.

        Only for event nouns and for sentences without a date of their own; the earlier event must have the same
        root, source and target and a date from its own sentence.
        """
        def key(a: ActorMention | None) -> str | None:
            return (a.country or a.org or a.code) if a is not None else None

        for old in reversed(ctx.earlier):
            if (old.cameo[:2] == ev.cameo[:2] and key(old.source) == key(ev.source) and key(old.target) == key(ev.target)
                    and old.negated == ev.negated and old.date and old.date != ev.date
                    and old.extra.get("date_from") == "timex"):
                extra = {**ev.extra, "date_from": "earlier event", "date_why": f"as told earlier: {old.trigger!r}"}
                return _with(ev, date=old.date, date_precision=old.date_precision, extra=extra)
        return ev

    def _frame_events(self, m: Match, comp: Match | None, ctx: "_SentenceContext",
                      result: CodingResult) -> list[CodedEvent]:
        p = m.pattern
        frame: Frame | None = self.frames.get(p.frame or "")
        if frame is None:
            return []
        sources, source_slot = self._resolve(p.source, m.trigger, ctx)
        if not sources:
            result.dropped.append(Dropped(ctx.sent_index, m.trigger.text, m.trigger.idx, p.id, "no resolved source actor"))
            return []
        targets, target_slot = self._resolve(p.target, m.trigger, ctx, exclude=sources)
        inner_sources: list[ActorMention] = []
        inner_targets: list[ActorMention] = []
        inner_slot = None
        if comp is not None:
            inner_sources, inner_slot = self._resolve(comp.pattern.source, comp.trigger, ctx, inherit=False)
            if not inner_sources:
                inner_sources = sources if frame.control == "subject" else targets
                inner_slot = f"control:{frame.control}"
            inner_targets, _ = self._resolve(comp.pattern.target, comp.trigger, ctx, exclude=inner_sources)
        if not targets and frame.target_from_inner == "target":
            targets = inner_targets
        elif not targets and frame.target_from_inner == "source":
            targets = [s for s in inner_sources if s not in sources]
        elif not targets and frame.target_from_inner == "inner":
            # "demanded that Azerbaijan withdraw" -> Azerbaijan; "demanded a meeting with Ukraine" -> Ukraine
            own = [] if (inner_slot or "").startswith("control:") else inner_sources
            targets = [s for s in own if s not in sources] or [s for s in inner_targets if s not in sources]
            # "called for a meeting of the NATO council": the meeting is the caller's own, so the one asked is
            # whom it is with
        code = frame.code_for(comp.pattern.code) if comp is not None else p.code
        if frame.crowd_code and source_slot == "crowd":
            code = frame.crowd_code  # a crowd voicing a demand is demonstrating
        comp_info = ({"code": comp.pattern.code, "trigger": comp.trigger.text, "pattern_id": comp.pattern.id}
                     if comp else None)
        events = self._emit(m, code, sources, targets, source_slot, target_slot, ctx,
                            {"complement": comp_info, "frame": frame.name})
        if comp is not None and frame.inner == "keep" and inner_sources:
            outer_negated = bool(events and events[0].negated)
            forced: dict[str, Any] = {"modality": frame.modality, "why": f"governed by '{m.trigger.text}'",
                                      "frame": frame.name}
            if frame.negate:
                forced["negate"] = True
                forced["negate_flip"] = outer_negated
            elif outer_negated:
                forced["negate"] = True
            if frame.modality == "claimed":
                forced["claimed_by"] = sources[0]
            if events and events[0].modality == "hypothetical":
                forced["modality"] = "hypothetical"  # "was supposed to guarantee weapons": no weapons either
                forced["why"] = events[0].extra.get("modality_why") or forced["why"]
            inner = self._emit(comp, comp.pattern.code, inner_sources, inner_targets, inner_slot, None, ctx, forced)
            if frame.modality == "claimed":
                inner = [_with(ev, modality="claimed", claimed_by=sources[0]) for ev in inner]
            events.extend(inner)
        return events


def _unless(anchor: Token) -> bool:
    """The act's verb (or the verb its infinitive hangs on) has an "unless" clause."""
    cur = anchor
    for _ in range(4):
        if any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "unless" for g in children(c))
               for c in children(cur)):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _purpose(verb: Token) -> bool:
    """Is ``verb`` an infinitive of purpose with no subject of its own ("sent troops to fight", "a team to
    negotiate")?"""
    return (verb.dep_ in ("advcl", "relcl", "acl") and verb.pos_ in ("VERB", "AUX")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in children(verb))
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in children(verb)))


def _with(ev: CodedEvent, **changes: Any) -> CodedEvent:
    from dataclasses import replace
    return replace(ev, **changes)


def _trigger_span(m: Match) -> tuple[int, int]:
    toks = [m.trigger, *m.object_tokens]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


@dataclass
class _SentenceContext:
    doc: Doc
    sent: Span
    sent_index: int
    info: SentenceInfo | None
    published: date | None
    index: MentionIndex
    places: list[PlaceMention]
    cues: Cues = field(default_factory=default_cues)
    earlier: list[CodedEvent] = field(default_factory=list)  # events of the document so far
    matches: dict[int, Match] = field(default_factory=dict)  # predicates of the sentence by token
    unknown_target: set[int] = field(default_factory=set)  # predicates left uncoded for an unknown name

    @cached_property
    def sent_text(self) -> str:
        return self.doc._.text[self.sent.start_char:self.sent.end_char]  # ``Span.text`` joins every token anew

    def span_text(self, start: int, end: int) -> str:
        """Text between two character offsets."""
        s0 = self.sent.start_char
        if s0 <= start and end <= self.sent.end_char:
            return self.sent_text[start - s0:end - s0]
        return self.doc._.text[start:end]

    @property
    def date(self) -> str | None:
        if self.info is not None and self.info.date:
            return self.info.date
        return self.published.isoformat() if self.published else None

    @property
    def date_from(self) -> str:
        """Where the sentence's date comes from: "timex" (its own expression) or "document"."""
        return self.info.date_from if self.info is not None and self.info.date else "document"

    @property
    def date_precision(self) -> str:
        if self.info is not None and self.info.date:
            return self.info.date_precision
        return "document"

    def when(self, trigger: Token) -> tuple[str | None, str, str]:
        """(date, precision, where from) of the event of ``trigger``: an expression
        hanging from the trigger itself first, else the sentence's date unless
        that date is a noun's inside the trigger's phrase, else publication."""
        timexes = (getattr(self.doc._, "timexes", None) or []) if Doc.has_extension("timexes") else []
        own = own_expression(self.doc, trigger, timexes, self.sent)
        if own is not None and self._act_object_before(trigger, own) is not None \
                and self.date_from == "timex" and self.date != event_day(own):
            own = None  # the expression dates the act the verb is about; the verb has the sentence's date
        if own is None and trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "obj") and self.date_from == "timex":
            # "gathered this morning to denounce the breach of the airspace on 9 May": the date after
            # the act named as the object is the act's, when the sentence dates its main verb otherwise
            verb_own = own_expression(self.doc, trigger.head, timexes, self.sent)
            obj = self._act_object_before(trigger.head, verb_own) if verb_own is not None else None
            if obj is not None and obj.i == trigger.i and self.date != event_day(verb_own):
                own = verb_own
        if own is not None and event_day(own):
            told = self._told_on(trigger, own, timexes)
            if told is not None:
                return told, own.granularity, "timex"
            return event_day(own), own.granularity, "timex"
        if (self.date_from == "timex" and trigger.pos_ == "NOUN" and trigger.dep_ == "pobj"
                and trigger.head.lower_ in _BEFORE_PREPS and trigger.head.head.pos_ in ("VERB", "AUX")):
            # "will meet on Friday following a request by Egypt": the request came before the day the
            # sentence gives its verb, and the sentence gives it none of its own
            published = self.published.isoformat() if self.published else None
            return published, "document", "document"
        if self.date_from == "timex" and borrowed(self.doc, trigger, timexes, self.date, set(self.matches), self.sent):
            published = self.published.isoformat() if self.published else None
            return published, "document", "document"
        return self.date, self.date_precision, self.date_from

    def _told_on(self, trigger: Token, own: Any, timexes: list[Any]) -> str | None:
        """The day of an act whose own word is read against the day of publication ("overnight", "yesterday")
        when the act is told in what a speaker said on an earlier day of its own ("Overnight, China launched
        missiles," he told reporters on Thursday): the word counts from the day of the telling."""
        day = event_day(own)
        if (not day or self.published is None or self.date_from != "timex" or not self.date
                or not own.how.endswith(("the night before publication", "' relative to publication"))):
            return None
        told = str(self.date)[:10]
        if not told < day <= self.published.isoformat():
            return None
        for t in timexes:
            if t is own or not self.sent.start_char <= t.start < self.sent.end_char or event_day(t) != told:
                continue
            verb = owner(self.doc, t)
            if verb is not None and verb.pos_ in ("VERB", "AUX") and verb.is_ancestor(trigger) \
                    and verb.lemma_.lower() in self.cues.report_verbs:
                shift = self.published - date.fromisoformat(told)
                return (date.fromisoformat(day) - shift).isoformat()
        return None

    def coordinated_days(self, trigger: Token, day: str | None) -> list[str]:
        """Other days coordinated with the day the trigger's own expression gives ("on Thursday and Monday"),
        later than the report's day never."""
        timexes = (getattr(self.doc._, "timexes", None) or []) if Doc.has_extension("timexes") else []
        in_sent = [t for t in timexes if self.sent.start_char <= t.start < self.sent.end_char]
        own = own_expression(self.doc, trigger, timexes, self.sent) \
            or next((t for t in in_sent if event_day(t) == day), None)  # the sentence's own date
        if own is None or own.granularity != "day" or event_day(own) != day:
            return []
        first = self.doc.char_span(own.start, own.end, alignment_mode="expand")
        if first is None:
            return []
        conj = {c.i for c in conjuncts(first.root)}
        out: list[str] = []
        for t in in_sent:
            if t is own or t.granularity != "day":
                continue
            span = self.doc.char_span(t.start, t.end, alignment_mode="expand")
            d = event_day(t)
            if span is not None and span.root.i in conj and d and d != day and d not in out \
                    and not (self.published and d > self.published.isoformat()):
                out.append(d)
        return out

    def _act_object_before(self, verb: Token, t: Any) -> Token | None:
        """The verb's object when it is an act (a predicate of the sentence) whose phrase the expression ``t``
        directly follows ("denounced the breach of the airspace on 9 May")."""
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        for o in children(verb):
            if o.dep_ in ("dobj", "obj") and o.i in self.matches:
                end = max(x.idx + len(x.text) for x in o.subtree)
                if end <= t.start and not any(w.idx >= end and w.idx < t.start and w.pos_ in ("VERB", "AUX")
                                              for w in self.sent):
                    return o
        return None

    def location(self, trigger: Token, actors: list[ActorMention]) -> PlaceMention | None:
        """A place of the sentence, preferring one inside the predicate's own phrase.

        Places that are the event's own actors or the claim's speaker ("Baku said")
        are not locations of the event.
        """
        # a place named as an actor ("Baku said") is no location, unless it only stands for its
        # country as a target ("shelled Jermuk": target ARM, location Jermuk)
        in_sent = [p for p in self.sent_places
                   if not any(a.start <= p.start < a.end and a.how != "place" for a in actors)]
        if not in_sent:
            return None
        # only a place of the predicate's own clause: "Pelosi visited Yerevan and condemned
        # attacks on Armenia" does not put the attacks in Yerevan
        clause = _clause_tokens(trigger)

        def holder(p: PlaceMention) -> Token | None:
            """The clause's word the place starts in."""
            return next((t for t in clause if t.idx <= p.start < t.idx + len(t.text)), None)

        own = [(p, t) for p in in_sent if (t := holder(p)) is not None]
        # inside the predicate's phrase: the place's word is the trigger or hangs below it
        inside = [p for p, t in own if t.i == trigger.i or trigger.is_ancestor(t)]
        pool = inside or [p for p, _ in own]
        if not pool:
            return None
        return min(pool, key=lambda p: abs(p.start - trigger.idx))

    def country_place(self, actors: list[ActorMention]) -> PlaceMention | None:
        """The country named by one of ``actors`` as a place ("an attack on Armenia" -> Armenia)."""
        for p in self.sent_places:
            if p.kind == "country" and any(a.start <= p.start < a.end for a in actors):
                return p
        return None

    @cached_property
    def sent_places(self) -> list[PlaceMention]:
        """The places of the sentence outside names (``_in_name``), in the document's order: read once,
        as every event of the sentence asks for them."""
        return [p for p in self.places if self.sent.start_char <= p.start < self.sent.end_char and not self._in_name(p)]

    def _in_name(self, place: PlaceMention) -> bool:
        """A place inside the name of a war, a conflict or a document ("the Second Nagorno-Karabakh War")."""
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            return False
        cur = span.root
        for _ in range(4):
            if cur.dep_ not in ("compound", "amod", "nmod", "poss") or cur.head.i == cur.i:
                return False
            cur = cur.head
            if cur.lemma_.lower() in self.cues.name_heads or cur.lower_ in self.cues.name_heads:
                return True
        return False


_CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl", "ccomp", "parataxis", "acl", "csubj"})


def _clause_tokens(trigger: Token) -> list[Token]:
    """Tokens of the clause a predicate belongs to, without clauses of other predicates.

    The clause head is the nearest verb at or above the trigger; its subtree
    minus subordinate and coordinated clauses (except the one holding the
    trigger) is the clause.
    """
    head = trigger
    for _ in range(10):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    path = {t.i for t in trigger.ancestors} | {trigger.i}
    out: list[Token] = []
    stack = [head]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in children(t):
            if c.dep_ in _CLAUSE_DEPS and c.i not in path and (c.pos_ in ("VERB", "AUX") or c.dep_ != "conj"):
                continue
            stack.append(c)
    return out
