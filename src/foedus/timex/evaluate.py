"""Measure the time normaliser against the annotated set in ``data/eval/timex.yaml``.

Why both strict and lenient matching: a span that differs by a modifier
("the past week" vs "past week") is a detection success for an analyst but a
span error for the grammar; reporting both keeps either from hiding the other.
Value accuracy is computed over gold expressions that were found (lenient),
so detection and normalisation errors are not double-counted.

Sentence-date accuracy measures what the event coder actually receives: for
the sentences an item annotates, is the date the sentence is given (see
:mod:`foedus.timex.sentence_dates`) the right one, with the right precision?
It needs the parse, so it is only reported when a pipeline is given.
"""

from __future__ import annotations

import logging
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .normalise import find_timexes

log = logging.getLogger(__name__)


def load_eval(path: Path | None = None) -> list[dict[str, Any]]:
    """Items with gold spans turned into character offsets; bad items are skipped."""
    if path is None:
        text = resources.files("foedus").joinpath("data/eval/timex.yaml").read_text("utf-8")
        name = "foedus/data/eval/timex.yaml"
    else:
        text, name = Path(path).read_text("utf-8"), str(path)
    data = yaml.safe_load(text) or {}
    items = []
    lines = text.splitlines()
    for item in data.get("items", []):
        iid = str(item.get("id"))
        line = next((n for n, ln in enumerate(lines, 1) if ln.strip() == f"- id: {iid}"), 0)
        try:
            anchor = item["anchor"] if isinstance(item["anchor"], date) else date.fromisoformat(str(item["anchor"]))
            body = str(item["text"])
            gold, pos = [], 0
            for g in item.get("gold") or []:
                at = body.find(str(g["text"]), pos)
                if at < 0:
                    raise ValueError(f"gold text {g['text']!r} not in text")
                pos = at + len(str(g["text"]))
                gold.append({"start": at, "end": pos, "text": str(g["text"]), "value": str(g["value"]),
                             "end_value": str(g["end"]), "granularity": str(g["granularity"])})
            sents = []
            for sg in item.get("sentences") or []:
                if str(sg["starts"]) not in body:
                    raise ValueError(f"sentence start {sg['starts']!r} not in text")
                if str(sg["date"]) == "document":
                    want = (anchor.isoformat(), "document")
                else:
                    want = (date.fromisoformat(str(sg["date"])).isoformat(), str(sg["precision"]))
                sents.append({"starts": str(sg["starts"]), "date": want[0], "precision": want[1]})
        except (KeyError, ValueError, TypeError) as exc:
            log.warning("%s:%d: item %s skipped: %s", name, line, iid, exc)
            continue
        items.append({"id": iid, "anchor": anchor, "text": body, "gold": gold, "sentences": sents})
    return items


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _score_sentences(it: dict[str, Any], doc, pred, errors: list[dict[str, Any]]) -> int:
    """Count the annotated sentences whose assigned date and precision are right."""
    from ..nlp.extensions import ensure_extensions
    from .sentence_dates import sentence_infos

    ensure_extensions()
    doc._.published = it["anchor"]
    infos = sentence_infos(doc, pred)
    ok = 0
    for sg in it["sentences"]:
        at = it["text"].find(sg["starts"])
        info = next((s for s in infos if s.start <= at < s.end), None)
        got = (info.date, info.date_precision) if info else (None, "missing")
        if got == (sg["date"], sg["precision"]):
            ok += 1
        else:
            errors.append({"id": it["id"], "kind": "sentence", "text": sg["starts"],
                           "want": f"{sg['date']} {sg['precision']}", "got": f"{got[0]} {got[1]}"})
    return ok


def evaluate(path: Path | None = None, nlp=None) -> dict[str, Any]:
    """Detection P/R/F1 (strict and lenient), value accuracy and sentence-date accuracy.

    ``nlp``: a loaded spaCy pipeline; the parse is then used as the
    component uses it. Without it the text-only fallback is measured.
    """
    items = load_eval(path)
    n_gold = n_pred = strict = lenient_p = lenient_g = 0
    value_ok = full_ok = 0
    n_sent = sent_ok = 0
    errors: list[dict[str, Any]] = []
    for it in items:
        doc = nlp(it["text"]) if nlp is not None else None
        pred = find_timexes(it["text"], it["anchor"], doc)
        n_sent += len(it["sentences"])
        if doc is not None and it["sentences"]:
            sent_ok += _score_sentences(it, doc, pred, errors)
        n_gold += len(it["gold"])
        n_pred += len(pred)
        for p in pred:
            if any(p.start < g["end"] and g["start"] < p.end for g in it["gold"]):
                lenient_p += 1
            else:
                errors.append({"id": it["id"], "kind": "spurious", "text": p.text, "value": p.value})
        for g in it["gold"]:
            hits = [p for p in pred if p.start < g["end"] and g["start"] < p.end]
            if not hits:
                errors.append({"id": it["id"], "kind": "missed", "text": g["text"]})
                continue
            lenient_g += 1
            p = hits[0]
            if (p.start, p.end) == (g["start"], g["end"]):
                strict += 1
            else:
                errors.append({"id": it["id"], "kind": "span", "text": g["text"], "got": p.text})
            if p.value == g["value"] and p.granularity == g["granularity"]:
                value_ok += 1
                if p.end_value == g["end_value"]:
                    full_ok += 1
                else:
                    errors.append({"id": it["id"], "kind": "end", "text": g["text"], "want": g["end_value"], "got": p.end_value})
            else:
                errors.append({"id": it["id"], "kind": "value", "text": g["text"],
                               "want": f"{g['value']} {g['granularity']}", "got": f"{p.value} {p.granularity}", "how": p.how})
    prec, rec = _ratio(lenient_p, n_pred), _ratio(lenient_g, n_gold)
    return {
        "items": len(items),
        "gold": n_gold,
        "predicted": n_pred,
        "precision": prec,
        "recall": rec,
        "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "strict_precision": _ratio(strict, n_pred),
        "strict_recall": _ratio(strict, n_gold),
        "value_accuracy": _ratio(value_ok, lenient_g),
        "full_accuracy": _ratio(full_ok, lenient_g),
        "sentences": n_sent,
        "sentence_date_accuracy": _ratio(sent_ok, n_sent) if nlp is not None else None,
        "errors": errors,
    }
