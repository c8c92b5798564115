"""Direct and indirect quotations with their speakers.

Why: an analyst weighing "Armenia said Azerbaijan attacked" needs to see who
said what, word for word where the text quotes it. Direct quotations are
text between paired quotation marks, attributed to the subject of a verb of
saying (or an "according to" phrase) in the same sentence, else in the
sentence before or after. Indirect ones are the clausal complement of a verb
of saying ("X said that ..."). A short quotation without attribution (a
scare quote) is not reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..nlp.word_index import lemma_positions_in, positions_of
from ..records import ActorMention, Quote
from .polarity import according_to
from .slots import MentionIndex, children, subjects

if TYPE_CHECKING:
    from .coder import EventCoder

_DIRECT = re.compile(r"“([^”]{2,}?)”|\"([^\"]{2,}?)\"")
MIN_UNATTRIBUTED_WORDS = 4


class QuoteFinder:
    def __init__(self, coder: "EventCoder") -> None:
        self.coder = coder
        self.cues = coder.cues

    def find(self, doc: Doc, index: MentionIndex | None = None) -> list[Quote]:
        """The quotations of ``doc``; ``index``: its actor mentions, when the caller has indexed them already."""
        index = MentionIndex(doc, doc._.actors) if index is None else index
        sents = list(doc.sents)
        quotes: list[Quote] = []
        spans: list[tuple[int, int]] = []
        text = doc._.text
        for m in _DIRECT.finditer(text):
            g = 1 if m.group(1) is not None else 2
            start, end = m.start(g), m.end(g)
            si = _sent_index(sents, start)
            if si is None:
                continue
            speaker, attributed = self._speaker(doc, sents, si, start, end, index)
            if not attributed and len(m.group(g).split()) < MIN_UNATTRIBUTED_WORDS:
                continue
            spans.append((m.start(), m.end()))
            quotes.append(Quote(si, start, end, text[start:end], speaker, "direct"))
        starts = [s.start for s in sents]
        for i in lemma_positions_in(doc, self.cues.report_verbs):
            tok = doc[i]
            si = bisect_right(starts, i) - 1
            sent = sents[si]
            for c in children(tok):
                if c.dep_ != "ccomp":
                    continue
                toks = [t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)]
                start = min(t.idx for t in toks)
                end = max(t.idx + len(t.text) for t in toks)
                if any(a <= start < b for a, b in spans):
                    continue
                speaker = self._subject_mention(tok, index, doc, sent)
                quotes.append(Quote(si, start, end, text[start:end], speaker, "indirect"))
        return sorted(quotes, key=lambda q: q.start)

    def _subject_mention(self, verb: Token, index: MentionIndex, doc: Doc, sent: Span) -> ActorMention | None:
        for s in subjects(verb):
            m = index.find(s)
            if m is not None:
                return m
            if s.lower_ in self.cues.pronouns:
                for i in range(s.i - 1, sent.start - 1, -1):
                    hit = index.at(doc[i])
                    if hit is not None:
                        return hit
        return None

    def _speaker(self, doc: Doc, sents: list[Span], si: int, start: int, end: int,
                 index: MentionIndex) -> tuple[ActorMention | None, bool]:
        """The speaker of a direct quotation and whether any attribution was found."""
        for k in (si, si - 1, si + 1):
            if not 0 <= k < len(sents):
                continue
            sent = sents[k]

            def outside(words: Iterable[str], lemmas: bool = False) -> list[Token]:
                """The sentence's tokens of ``words`` that are not inside the quotation, in order."""
                at = lemma_positions_in(doc, words) if lemmas else positions_of(doc, words)
                return [t for i in at if sent.start <= i < sent.end
                        and not (start <= (t := doc[i]).idx < end)]

            verbs = outside(self.cues.report_verbs, lemmas=True)
            if verbs:
                return self._subject_mention(verbs[0], index, doc, sent), True
            acc = according_to(outside(("according",)), index.find)
            if acc is not None:
                return index.find(acc), True
        return None, False


def _sent_index(sents: list[Span], char: int) -> int | None:
    for i, s in enumerate(sents):
        if s.start_char <= char < s.end_char:
            return i
    return None
