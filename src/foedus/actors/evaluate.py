"""Precision and recall of actor resolution on the annotated set.

The set (``src/foedus/data/eval/actors.yaml``, format ``foedus-actors-eval/1``)
lists for each sentence its date and every actor mention with its gold code;
``code: null`` marks a name the registry must keep unresolved. ``not_actors``
lists words that must not become actors.

Scoring, per mention (spans compared after dropping a leading article):

- a predicted mention with a code is correct when a gold mention has the same
  span and the same code; otherwise it counts against precision (a wrong code,
  a wrong span, or an actor where there is none);
- a gold mention with a code is found when such a prediction exists;
- a gold unresolved mention is found when a prediction without a code
  overlaps it; a prediction *with* a code there is a false positive;
- a prediction without a code is only counted when it overlaps a gold mention
  or a listed non-actor: unresolved NER output elsewhere (places, dates the
  model mislabels) is the places stage's concern, not an actor error.

Results overall, per gold ``kind`` (recall) and per predicted ``how``
(precision), plus the list of errors for reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language

from ..records import ActorMention
from .rules import load_rules

EVAL_FILE = Path(__file__).resolve().parents[1] / "data" / "eval" / "actors.yaml"
FORMAT = "foedus-actors-eval/1"


@dataclass(frozen=True)
class Gold:
    item: str
    start: int
    end: int
    text: str
    code: str | None
    kind: str


def _norm(text: str, start: int, end: int, determiners: frozenset[str]) -> tuple[int, int]:
    span = text[start:end]
    first, _, rest = span.partition(" ")
    if rest and first.lower() in determiners:
        return start + len(first) + 1, end
    return start, end


def load_items(path: Path = EVAL_FILE) -> tuple[list[dict[str, Any]], list[str]]:
    """Items with gold spans located in their text; problems for those that cannot be."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [], [f"{path}: format must be {FORMAT!r}"]
    items, problems = [], []
    for item in data.get("items") or []:
        text = item["text"]
        golds = []
        for g in item.get("mentions") or []:
            occ = int(g.get("occurrence", 1))
            pos = -1
            for _ in range(occ):
                pos = text.find(g["text"], pos + 1)
                if pos < 0:
                    break
            if pos < 0:
                problems.append(f"{item['id']}: {g['text']!r} not found in the text")
                continue
            golds.append(Gold(item["id"], pos, pos + len(g["text"]), g["text"], g.get("code"), g.get("kind", "?")))
        nots = []
        for w in item.get("not_actors") or []:
            pos = text.find(w)
            if pos < 0:
                problems.append(f"{item['id']}: non-actor {w!r} not found in the text")
            else:
                nots.append((pos, pos + len(w)))
        d = item.get("date")
        on = d if isinstance(d, date) else date.fromisoformat(str(d))
        items.append({"id": item["id"], "text": text, "date": on, "gold": golds, "not": nots})
    return items, problems


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def evaluate(nlp: Language | None = None, path: Path = EVAL_FILE) -> dict[str, Any]:
    """Run the actor stage over the set and score it (see the module docstring)."""
    if nlp is None:
        from .explain import default_nlp

        nlp = default_nlp()
    dets = load_rules().determiners
    items, problems = load_items(path)
    tp = fp = fn = 0
    by_kind: dict[str, list[int]] = {}  # kind -> [found, missed]
    by_how: dict[str, list[int]] = {}  # how -> [correct, wrong]
    errors: list[dict[str, Any]] = []
    for item in items:
        doc = nlp.make_doc(item["text"])
        doc._.published = item["date"]
        doc = nlp(doc)
        text = item["text"]
        preds: list[ActorMention] = doc._.actors or []
        pspan = {id(p): _norm(text, p.start, p.end, dets) for p in preds}
        used: set[int] = set()
        for g in item["gold"]:
            gs = _norm(text, g.start, g.end, dets)
            stats = by_kind.setdefault(g.kind, [0, 0])
            if g.code is None:
                hit = [p for p in preds if p.start < g.end and g.start < p.end]
                ok = [p for p in hit if p.code is None]
                if ok and not any(p.code for p in hit):
                    tp += 1
                    stats[0] += 1
                    used.update(id(p) for p in ok)
                    by_how.setdefault(ok[0].how, [0, 0])[0] += 1
                else:
                    fn += 1
                    stats[1] += 1
                    errors.append({"item": g.item, "gold": g.text, "gold_code": None, "kind": g.kind,
                                   "predicted": [(p.text, p.code) for p in hit]})
                continue
            match = [p for p in preds if pspan[id(p)] == gs and p.code == g.code]
            if match:
                tp += 1
                stats[0] += 1
                used.add(id(match[0]))
                by_how.setdefault(match[0].how, [0, 0])[0] += 1
            else:
                fn += 1
                stats[1] += 1
                near = [(p.text, p.code) for p in preds if p.start < g.end and g.start < p.end]
                errors.append({"item": g.item, "gold": g.text, "gold_code": g.code, "kind": g.kind,
                               "predicted": near})
        for p in preds:
            if id(p) in used:
                continue
            overlaps_gold = any(p.start < g.end and g.start < p.end for g in item["gold"])
            overlaps_not = any(p.start < b and a < p.end for a, b in item["not"])
            if p.code is None and not (overlaps_gold or overlaps_not):
                continue
            fp += 1
            by_how.setdefault(p.how, [0, 0])[1] += 1
            errors.append({"item": item["id"], "gold": None, "predicted": [(p.text, p.code)], "how": p.how})
    return {
        "items": len(items),
        "gold_mentions": sum(len(i["gold"]) for i in items),
        "overall": _prf(tp, fp, fn),
        "by_kind": {k: {"found": v[0], "missed": v[1], "recall": _ratio(v[0], v[0] + v[1])}
                    for k, v in sorted(by_kind.items())},
        "by_how": {k: {"correct": v[0], "wrong": v[1], "precision": _ratio(v[0], v[0] + v[1])}
                   for k, v in sorted(by_how.items())},
        "errors": errors,
        "problems": problems,
    }
