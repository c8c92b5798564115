"""Library entry points behind the ``foedus coding`` commands.

Why here and not in the command module: commands only parse options and
print; everything they show (events with the pattern that matched and why,
predicates that yielded nothing, pattern listings) is computed here so that
notebooks and tests can call the same functions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language

from ..nlp.extensions import ensure_extensions
from ..settings import Settings
from .codebook import default_codebook
from .coder import EventCoder
from .evaluate import load_gold
from .gazetteer import Gazetteer
from .patterns import PatternSet, load_patterns


def load_nlp(settings: Settings | None = None) -> Language:
    """The full pipeline when every stage is installed, else the parser alone.

    With the parser alone, actor mentions come from the evaluation name table
    (see :func:`code_text`), which is enough to try patterns out.
    """
    settings = settings or Settings()
    try:
        from ..nlp.pipeline import build_nlp
        return build_nlp(settings)
    except (ImportError, ValueError):
        ensure_extensions()
        from ..nlp.pipeline import load_model

        return load_model(settings.model)


def code_text(nlp: Language, text: str, published: date | None = None,
              coder: EventCoder | None = None) -> dict[str, Any]:
    """Events coded from one text, with their explanations and the predicates that yielded nothing."""
    ensure_extensions()
    full = "foedus_actors" in nlp.pipe_names
    doc = nlp.make_doc(text)
    doc._.published = published
    for name, proc in nlp.pipeline:
        if name != "foedus_events":
            doc = proc(doc)
    if not full:
        names, _, _ = load_gold()
        doc._.actors = Gazetteer(names).mentions(text)
    if coder is None:
        coder = nlp.get_pipe("foedus_events").coder if "foedus_events" in nlp.pipe_names else EventCoder()
    result = coder.code(doc)
    cb = default_codebook()
    events = []
    for ev in result.events:
        info = cb.get(ev.cameo)
        events.append({
            "source": ev.source.code, "target": ev.target.code if ev.target else None,
            "cameo": ev.cameo, "name": info.name if info else None,
            "plover": info.plover_type if info else None,
            "negated": ev.negated, "modality": ev.modality,
            "claimed_by": ev.claimed_by.code if ev.claimed_by else None,
            "trigger": ev.trigger, "pattern": ev.pattern_id, "date": ev.date,
            "location": ev.location.name if ev.location else None,
            "why": {k: v for k, v in ev.extra.items() if v},
            "sentence": ev.sent_index,
        })
    dropped = [{"sentence": d.sent_index, "trigger": d.trigger, "pattern": d.pattern_id, "reason": d.reason}
               for d in result.dropped]
    # The sentences themselves, so that a reader sees the evidence of each event
    # (events and dropped predicates refer to them by index).
    sentences = [" ".join(sent.text.split()) for sent in doc.sents]
    return {"actors": "pipeline" if full else "evaluation name table", "events": events, "dropped": dropped,
            "sentences": sentences}


def list_patterns(root: str | None = None, patterns: PatternSet | None = None) -> list[dict[str, Any]]:
    """Patterns (optionally of one CAMEO root) as plain rows."""
    ps = patterns or load_patterns()
    rows = []
    for p in sorted(ps, key=lambda p: (p.code, p.lemma, p.id)):
        if root and not p.code.startswith(root):
            continue
        rows.append({"id": p.id, "lemma": p.lemma, "object": sorted(p.objects), "particle": p.particle,
                     "prep": p.prep, "modifier": sorted(p.modifiers), "code": p.code, "frame": p.frame,
                     "source": list(p.source), "target": list(p.target), "symmetric": p.symmetric,
                     "origin": p.origin})
    return rows
