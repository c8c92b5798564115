"""What our NLP stages cost on top of spaCy's own parse, on the same texts.

Usage: python bench/coder.py [--corpus DIR] [--repeat N]

Three CPU timings in one process, each the best of N interleaved runs over the same clean
texts (the demo corpus, cleaned as ingest cleans it):
  1. the bare model (``nlp.pipe``),
  2. the model plus actors, time and places (what the coder reads),
  3. the whole pipeline including the event coder.
The coder's cost is (3) - (2) relative to the bare parse (1); the aim is no
more than 25% on top of the parse. Run it on a quiet machine; the ratios are
what to compare between versions.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from corpus import cpu_seconds, demo_texts

from foedus.nlp.pipeline import STAGES, build_nlp
from foedus.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "demo")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--copies", type=int, default=3, help="repeat the corpus to get stable timings")
    args = ap.parse_args()
    texts = demo_texts(args.corpus) * args.copies
    settings = Settings()
    bare = build_nlp(settings, stages=())
    context = build_nlp(settings, stages=[s for s in STAGES if s != "foedus_events"])
    full = build_nlp(settings)
    runs: dict[str, list[float]] = {"bare": [], "context": [], "full": []}
    for _ in range(args.repeat):  # interleaved, so drifts in machine load hit all three alike
        for name, nlp in (("bare", bare), ("context", context), ("full", full)):
            runs[name].append(cpu_seconds(nlp, texts))
    t_bare, t_context, t_full = (min(runs[k]) for k in ("bare", "context", "full"))
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} texts, {words} words, CPU seconds, best of {args.repeat} interleaved runs")
    print(f"  bare parse ({settings.model}):       {t_bare:7.3f} s  {words / t_bare:8.0f} words/s")
    print(f"  + actors, time, places:             {t_context:7.3f} s  (+{(t_context - t_bare) / t_bare:6.1%} of the parse)")
    print(f"  + event coder (whole pipeline):     {t_full:7.3f} s  (+{(t_full - t_bare) / t_bare:6.1%} of the parse)")
    print(f"  event coder alone on top of its inputs: +{(t_full - t_context) / t_bare:.1%} of the parse time")


if __name__ == "__main__":
    main()
