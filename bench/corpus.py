"""The demo corpus as clean texts, as ingest cleans them, and CPU timing of a pipeline over them: what the
benchmarks share."""

from __future__ import annotations

import time
from pathlib import Path

import spacy

from foedus.ingest.clean import clean_html, clean_text
from foedus.ingest.decode import decode_bytes
from foedus.nlp.pipeline import make_doc


def demo_texts(folder: Path) -> list[str]:
    """Clean texts of the ``.txt`` and ``.html`` files of a folder; the corpus's bad files are skipped."""
    out = []
    for f in sorted(folder.iterdir()):
        if f.suffix not in {".txt", ".html"}:
            continue
        try:
            raw = decode_bytes(f.read_bytes(), "html" if f.suffix == ".html" else "text").text
            out.append((clean_html(raw) if f.suffix == ".html" else clean_text(raw)).text)
        except Exception:  # the corpus has bad files on purpose
            continue
    return [t for t in out if t.strip()]


def cpu_seconds(nlp: spacy.Language, texts: list[str]) -> float:
    """CPU time of this process (all its threads) for one pass: other
    processes on a busy machine do not inflate it as they inflate wall time."""
    docs = [make_doc(nlp, t, None) for t in texts]
    t0 = time.process_time()
    for _doc in nlp.pipe(docs, batch_size=32):
        pass
    return time.process_time() - t0
