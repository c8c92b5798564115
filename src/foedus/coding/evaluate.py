"""Measuring the coder: our own gold set, and PLOVER's example sentences.

Gold set (``data/eval/events.yaml``, format ``foedus-eval-events/1``): each
sentence lists every event a careful coder would record. A predicted event
matches a gold one when source and target codes agree (a gold code matches a
predicted code that starts with it, so gold ``ARM`` accepts ``ARMGOV``), the
CAMEO root agrees (and the full code when gold gives 3-4 digits), and
negation and modality agree. Each gold event matches at most one prediction.

Actors: when the pipeline has no ``foedus_actors`` component, or when
``actors="gold"`` is asked, mentions come from the name table in the gold
file (see :mod:`foedus.coding.gazetteer`), so the figures measure the event
coder itself.

PLOVER examples (``PLOVER_GSR_CAMEO.txt``, a JSON array): each example names
its actors' surface text; those texts are marked as actor mentions (with
the example's codes); an example counts as correct when one of its coded
events has the example's PLOVER 2.0 type, the label translated from PLOVER 0.5 by the `# old:` lines of
``plover.csv``. Examples for which nothing is coded count as misses.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp.extensions import ensure_extensions
from ..records import ActorMention, CodedEvent
from .codebook import default_codebook
from .coder import EventCoder
from .gazetteer import Gazetteer, split_code
from .yamlfile import LINE_KEY, load_yaml

FORMAT = "foedus-eval-events/1"
MODALITIES = {"asserted", "claimed", "future", "hypothetical", "threatened"}


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str | None
    code: str
    negated: bool = False
    modality: str = "asserted"
    claimed_by: str | None = None

    @classmethod
    def parse(cls, spec: str) -> "GoldEvent":
        """``"SRC TGT CODE [neg] [claimed[:WHO]|future|hypothetical|threatened]"``; TGT ``-`` for none."""
        parts = spec.split()
        if len(parts) < 3:
            raise ValueError(f"event {spec!r} needs source, target and code")
        src, tgt, code, *flags = parts
        negated, modality, claimed_by = False, "asserted", None
        for f in flags:
            if f == "neg":
                negated = True
            elif f.split(":")[0] in MODALITIES:
                modality, _, who = f.partition(":")
                claimed_by = who or None
            else:
                raise ValueError(f"unknown flag {f!r}")
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise ValueError(f"bad code {code!r}")
        return cls(src, None if tgt == "-" else tgt, code, negated, modality, claimed_by)

    def matches(self, ev: CodedEvent) -> bool:
        if not (ev.source.code or "").startswith(self.source):
            return False
        if (self.target is None) != (ev.target is None):
            return False
        if self.target is not None and not (ev.target.code or "").startswith(self.target):
            return False
        if not ev.cameo.startswith(self.code):
            return False
        return ev.negated == self.negated and ev.modality == self.modality


@dataclass(frozen=True)
class GoldSentence:
    text: str
    events: tuple[GoldEvent, ...]
    line: int


def load_gold(path: Path | None = None) -> tuple[dict[str, str], list[GoldSentence], list[str]]:
    """(actor name table, sentences, problems) of a gold file."""
    path = path or Path(str(resources.files("foedus") / "data" / "eval" / "events.yaml"))
    data = load_yaml(path) or {}
    names = {str(k): str(v) for k, v in (data.get("actors") or {}).items() if k != LINE_KEY}
    out: list[GoldSentence] = []
    problems: list[str] = []
    for item in data.get("sentences") or []:
        line = item.get(LINE_KEY, 0) if isinstance(item, dict) else 0
        try:
            events = tuple(GoldEvent.parse(str(e)) for e in (item.get("e") or []))
            out.append(GoldSentence(str(item["t"]), events, line))
        except (KeyError, ValueError, AttributeError) as exc:
            problems.append(f"{path}:{line}: {exc}")
    return names, out, problems


def _docs(nlp: Language, texts: list[str], names: dict[str, str], actors: str) -> list[Doc]:
    """Parsed docs with actor mentions from the pipeline or from the name table."""
    ensure_extensions()
    use_pipeline = actors == "pipeline" and "foedus_actors" in nlp.pipe_names
    if use_pipeline:
        disabled = [n for n in nlp.pipe_names if n == "foedus_events"]
        docs = list(nlp.pipe(texts, disable=disabled))
    else:
        # places stay: a place standing for its country as a target is the coder's input, like actors
        ours = {"foedus_actors", "foedus_timex", "foedus_events"}
        docs = list(nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n in ours]))
        gaz = Gazetteer(names)
        for d in docs:
            d._.actors = gaz.mentions(d.text)
    return docs


def _coder(nlp: Language) -> EventCoder:
    if "foedus_events" in nlp.pipe_names:
        return nlp.get_pipe("foedus_events").coder
    return EventCoder()


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def evaluate(nlp: Language, path: Path | None = None, actors: str = "pipeline") -> dict[str, Any]:
    """Per-root and overall precision/recall of the coder on the gold set."""
    names, gold, problems = load_gold(path)
    docs = _docs(nlp, [g.text for g in gold], names, actors)
    coder = _coder(nlp)
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    exact = 0
    empty_ok = empty_total = 0
    misses: list[dict[str, Any]] = []
    for g, doc in zip(gold, docs):
        predicted = coder.code(doc).events
        used: set[int] = set()
        for ev in predicted:
            n_pred[ev.cameo[:2]] += 1
        for ge in g.events:
            n_gold[ge.code[:2]] += 1
            hit = next((i for i, ev in enumerate(predicted) if i not in used and ge.matches(ev)), None)
            if hit is None:
                misses.append({"line": g.line, "text": g.text, "missed": ge.__dict__})
                continue
            used.add(hit)
            tp[ge.code[:2]] += 1
            if predicted[hit].cameo == ge.code:
                exact += 1
        for i, ev in enumerate(predicted):
            if i not in used:
                misses.append({"line": g.line, "text": g.text, "extra": _brief(ev)})
        if not g.events:
            empty_total += 1
            empty_ok += not predicted
    roots = sorted(set(n_gold) | set(n_pred))
    per_root = {r: {"gold": n_gold[r], "predicted": n_pred[r], "correct": tp[r],
                    "precision": _ratio(tp[r], n_pred[r]), "recall": _ratio(tp[r], n_gold[r])} for r in roots}
    total_tp, total_pred, total_gold = sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())
    p, r = _ratio(total_tp, total_pred), _ratio(total_tp, total_gold)
    return {
        "sentences": len(gold), "gold_events": total_gold, "predicted_events": total_pred, "correct": total_tp,
        "precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 3) if p and r else 0.0,
        "exact_code_rate": _ratio(exact, total_tp),
        "no_event_sentences": empty_total, "no_event_sentences_clean": empty_ok,
        "actors": "pipeline" if actors == "pipeline" and "foedus_actors" in nlp.pipe_names else "gold table",
        "per_root": per_root, "errors": misses, "problems": problems,
    }


def _brief(ev: CodedEvent) -> dict[str, Any]:
    return {"source": ev.source.code, "target": ev.target.code if ev.target else None, "cameo": ev.cameo,
            "negated": ev.negated, "modality": ev.modality, "trigger": ev.trigger, "pattern": ev.pattern_id}


def _gsr_spans(text: str, surface: str) -> list[tuple[int, int]]:
    """Where an example's actor text is in its sentence. The examples sometimes double or lead with a space, mark
    words left out with dots ("U.S. ... negotiators"), or leave them out unmarked ("French warships" for "French
    and Egyptian warships"): the words are then found in order, each longest run of them as one piece."""
    pos = text.find(surface) if surface else -1
    if pos >= 0:
        return [(pos, pos + len(surface))]
    words = [w for w in re.split(r"\s+|\.{2,}", surface) if w]
    out: list[tuple[int, int]] = []
    i, at = 0, 0
    while i < len(words):
        best = None
        for j in range(len(words), i, -1):
            found = re.compile(r"\b" + r"\s+".join(map(re.escape, words[i:j])) + r"(?!\w)").search(text, at)
            if found is not None:
                best = (j, found)
                break
        if best is None:
            return []  # a word the sentence does not have: the text names something else
        i, found = best
        out.append((found.start(), found.end()))
        at = found.end()
    return out


def _gsr_mentions(text: str, actors: Any) -> list[ActorMention]:
    out: list[ActorMention] = []
    for a in actors if isinstance(actors, list) else []:
        surface = str(a.get("actorText") or "")
        code = str(a.get("code") or "") + str(a.get("sector") or "")
        if not code:
            continue
        country, org, role = split_code(code)
        for start, end in _gsr_spans(text, surface):
            out.append(ActorMention(start, end, text[start:end], code, text[start:end], country, org, role,
                                    how="dictionary"))
    return out


def _with_persons(mentions: list[ActorMention], doc: Doc) -> list[ActorMention]:
    """An example's actor that holds a person's name (the parser's PERSON entity) is a person, as the actor stage
    marks people it resolves, so that "he" and "she" may refer to it."""
    from dataclasses import replace
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    out = []
    for m in mentions:
        name = next((e.text for e in people if m.start <= e.start_char and e.end_char <= m.end), None)
        out.append(replace(m, person=name) if name and not m.person else m)
    return out


def evaluate_plover(nlp: Language, path: Path) -> dict[str, Any]:
    """Event-type accuracy on PLOVER example sentences (actors taken from the examples)."""
    ensure_extensions()
    cb = default_codebook()
    items = [x for x in json.loads(path.read_text(encoding="utf-8", errors="replace"))
             if x.get("text") and x.get("event") and x.get("event") != "DOCUMENT"]
    ours = {"foedus_actors", "foedus_timex", "foedus_places", "foedus_events"}
    docs = list(nlp.pipe([x["text"] for x in items], disable=[n for n in nlp.pipe_names if n in ours]))
    coder = _coder(nlp)
    per_type: dict[str, Counter[str]] = {}
    correct = coded = 0
    confusions: Counter[tuple[str, str]] = Counter()
    for x, doc in zip(items, docs):
        mentions = _gsr_mentions(x["text"], x.get("source")) + _gsr_mentions(x["text"], x.get("target"))
        mentions = _with_persons(mentions, doc)
        doc._.actors = sorted({(m.start, m.end): m for m in mentions}.values(), key=lambda m: m.start)
        gold = cb.plover_2(str(x["event"]))
        events = coder.code(doc).events
        types = [(cb.get(e.cameo).plover_type if cb.get(e.cameo) else None) for e in events]
        types = [t for t in types if t]
        counter = per_type.setdefault(gold, Counter())
        counter["total"] += 1
        if types:
            coded += 1
        if gold in types:
            correct += 1
            counter["correct"] += 1
        else:
            confusions[(gold, types[0] if types else "-")] += 1
    n = len(items)
    return {
        "examples": n, "coded": coded, "correct": correct,
        "accuracy": _ratio(correct, n), "accuracy_when_coded": _ratio(correct, coded),
        "per_type": {k: {"total": v["total"], "correct": v["correct"], "accuracy": _ratio(v["correct"], v["total"])}
                     for k, v in sorted(per_type.items())},
        "confusions": [{"gold": g, "predicted": p, "n": c} for (g, p), c in confusions.most_common(15)],
    }
