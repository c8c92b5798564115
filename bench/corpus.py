"""The demo corpus as clean texts, as ingest cleans them: the common input of the benchmarks."""

from __future__ import annotations

from pathlib import Path

from foedus.ingest.clean import clean_html, clean_text
from foedus.ingest.decode import decode


def demo_texts(folder: Path) -> list[str]:
    """Clean texts of the ``.txt`` and ``.html`` files of a folder; the corpus's bad files are skipped."""
    out = []
    for f in sorted(folder.iterdir()):
        if f.suffix not in {".txt", ".html"}:
            continue
        try:
            raw = decode(f.read_bytes(), "html" if f.suffix == ".html" else "text")
            out.append((clean_html(raw) if f.suffix == ".html" else clean_text(raw)).text)
        except Exception:  # the corpus has bad files on purpose
            continue
    return [t for t in out if t.strip()]
