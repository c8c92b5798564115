"""What the world registry costs: load time, memory, and the whole pipeline's speed against the curated registry alone.

Usage: python bench/registry.py [--corpus DIR] [--repeat N]

Two registries, measured in the same run:
  A. the hand-curated files alone (states, organisations, sectors, people.yaml): the registry before the world data;
  B. the packaged registry (A plus the generated people_world.yaml and organisations_world.yaml).
For each: the time to build the registry and the actor stage (PhraseMatcher over every name), the memory that adds
(tracemalloc peak), and the CPU time of the whole pipeline (model + actors + time + places + coder) over the demo
corpus, best and median of N interleaved runs. The aim: B costs no more than 10% over A in pipeline time.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from pathlib import Path

import spacy
from corpus import cpu_seconds, demo_texts

from foedus.actors.component import ActorResolver
from foedus.actors.registry import DATA_DIR, build_registry, default_files
from foedus.nlp.pipeline import STAGES, build_nlp
from foedus.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _build(files: list[Path], vocab_nlp: spacy.Language) -> tuple[float, float, ActorResolver]:
    """Build time without tracing (tracemalloc slows Python code several times), then memory in a second build."""
    t0 = time.perf_counter()
    resolver = ActorResolver(vocab_nlp, registry=build_registry(files))
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    ActorResolver(vocab_nlp, registry=build_registry(files))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, resolver


def _with_actors(nlp: spacy.Language, resolver: ActorResolver) -> spacy.Language:
    """The same pipeline with this actor stage: components are callables, so the stage is swapped in place."""
    names = [n for n, _ in nlp.pipeline]
    nlp._components[names.index("foedus_actors")] = ("foedus_actors", resolver)  # noqa: SLF001
    return nlp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "demo")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = demo_texts(args.corpus) * 2
    curated = [p for p in default_files() if not p.stem.endswith("_world")]
    full = default_files()
    nlp = build_nlp(Settings(), stages=STAGES)
    reg_rows = []
    resolvers = {}
    for label, files in (("A curated", curated), ("B world", full)):
        seconds, mib, resolver = _build(files, nlp)
        resolvers[label] = resolver
        reg = resolver.registry
        offices = sum(len(p.offices) for p in reg.people.values())
        reg_rows.append((label, len(reg.people), offices, len(reg.organisations), seconds, mib))
    print(f"registry data: {DATA_DIR}")
    print(f"{'registry':<10} {'people':>7} {'offices':>8} {'orgs':>5} {'build s':>8} {'alloc MiB':>10}")
    for label, people, offices, orgs, seconds, mib in reg_rows:
        print(f"{label:<10} {people:>7} {offices:>8} {orgs:>5} {seconds:>8.2f} {mib:>10.1f}")
    times: dict[str, list[float]] = {k: [] for k in resolvers}
    cpu_seconds(nlp, texts[:3])  # warm up
    for _ in range(args.repeat):
        for label, resolver in resolvers.items():
            times[label].append(cpu_seconds(_with_actors(nlp, resolver), texts))
    print(f"\nwhole pipeline, CPU seconds over {len(texts)} demo texts, {args.repeat} interleaved runs")
    for label, ts in times.items():
        print(f"{label:<10} min {min(ts):.3f}  median {statistics.median(ts):.3f}")
    a, b = times["A curated"], times["B world"]
    print(f"ratio B/A: min {min(b) / min(a):.3f}  median {statistics.median(b) / statistics.median(a):.3f} (aim <= 1.10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
