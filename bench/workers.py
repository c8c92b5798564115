"""Local workers: wall time and memory of 1 against 2 (or more) worker processes.

Usage: python bench/workers.py [--docs N] [--runs R] [--workers 1,2] [--ceiling]

The same N distinct synthetic documents (bench/synthetic.py) are ingested
into a fresh database by a fresh process per run, with ``--workers`` 1, 2...
The pipeline is built before the clock starts (as the pool builds it before
forking its workers), so the times compare analysing and storing, not model
loading, which costs the same once whatever the number of workers.

Memory is sampled every 0.1 s over the whole process tree (the ingest process
and its workers): summed RSS (counts pages the workers share with the parent
once per process, so it overstates), summed PSS (each shared page divided
among the processes sharing it: what the tree really costs), and the peak
RSS and PSS of the largest worker. CPU seconds of the ingest process and of
its workers are printed too: on a shared machine wall times move with the
other load, CPU seconds much less. Min and median over the runs are printed.

``--ceiling`` also times the machine's own ceiling: the same documents
analysed by N independent processes at once, each a share, with no pool, no
writer and no store; the pool's speed-up is to be read against it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

RUN = """
import json, resource, sys, time
from pathlib import Path
from foedus.settings import Settings
from foedus.jobs.analyse import analyser_for
from foedus.jobs.ingest import ingest
s = Settings(db_path=Path(sys.argv[2]), workers=int(sys.argv[3]))
analyser_for(s)  # built before the clock starts, as the pool builds it before forking
print("ready", flush=True)
def cpu(who):
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime
t, own, kids = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
r = ingest([sys.argv[1]], s)
print(json.dumps({"docs": r.stored, "seconds": time.perf_counter() - t, "events": r.events,
                  "main_cpu": cpu(resource.RUSAGE_SELF) - own, "worker_cpu": cpu(resource.RUSAGE_CHILDREN) - kids}), flush=True)
"""


# The machine's own ceiling: one process analyses every document, or N independent processes analyse a
# share each at the same time (no pool, no writer, no store): what N processes can gain here at best.
CEILING = """
import sys, time
from pathlib import Path
from foedus.ingest.read import RawItem, iter_inputs
from foedus.jobs.analyse import analyser_for
from foedus.settings import Settings
analyser = analyser_for(Settings(db_path=Path("unused.duckdb")))
items = [i for i in iter_inputs([sys.argv[1]]) if isinstance(i, RawItem)]
mine = items[int(sys.argv[2])::int(sys.argv[3])]
print("ready", flush=True)
sys.stdin.readline()
for i in range(0, len(mine), 16):
    analyser.analyse(mine[i:i + 16])
print("done", flush=True)
"""


def ceiling_run(corpus: Path, processes: int) -> float:
    """Wall seconds for ``processes`` independent processes to analyse their shares of ``corpus``."""
    procs = [subprocess.Popen([sys.executable, "-c", CEILING, str(corpus), str(k), str(processes)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for k in range(processes)]
    for proc in procs:
        assert proc.stdout is not None
        proc.stdout.readline()  # the pipeline is built
    t = time.perf_counter()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        assert proc.stdout is not None
        proc.stdout.readline()
    seconds = time.perf_counter() - t
    for proc in procs:
        proc.wait()
    return seconds


def _tree(proc: psutil.Process) -> list[psutil.Process]:
    try:
        return [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return [proc]


def _sample(pid: int, stop: threading.Event, out: dict[str, float]) -> None:
    root = psutil.Process(pid)
    while not stop.is_set():
        rss = pss = 0
        for p in _tree(root):
            try:
                info = p.memory_full_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += info.pss
            if p.pid != pid:
                out["worker_rss"] = max(out.get("worker_rss", 0), info.rss)
                out["worker_pss"] = max(out.get("worker_pss", 0), info.pss)
        out["rss"] = max(out.get("rss", 0), rss)
        out["pss"] = max(out.get("pss", 0), pss)
        stop.wait(0.1)


def one_run(corpus: Path, workers: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen([sys.executable, "-c", RUN, str(corpus), str(Path(tmp) / "w.duckdb"), str(workers)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        proc.stdout.readline()  # "ready": the pipeline is built
        mem: dict[str, float] = {}
        stop = threading.Event()
        sampler = threading.Thread(target=_sample, args=(proc.pid, stop, mem), daemon=True)
        sampler.start()
        result = json.loads(proc.stdout.read().strip().splitlines()[-1])
        proc.wait()
        stop.set()
        sampler.join()
    mb = 1024 * 1024
    return {"seconds": result["seconds"], "docs": result["docs"], "events": result["events"],
            "main_cpu": result["main_cpu"], "worker_cpu": result["worker_cpu"],
            **{k: v / mb for k, v in mem.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=120)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--ceiling", action="store_true",
                    help="also time independent processes analysing shares of the corpus (the machine's ceiling)")
    args = ap.parse_args()
    from synthetic import run_interleaved

    counts = [int(w) for w in args.workers.split(",")]
    results = run_interleaved(args.docs, counts, args.runs, one_run)
    load = psutil.getloadavg()
    print(f"{args.docs} synthetic documents, {args.runs} runs each, {psutil.cpu_count()} cores, "
          f"load average at the end {load[0]:.2f}")
    base = statistics.median(r["seconds"] for r in results[counts[0]])
    for w in counts:
        rs = results[w]
        secs = [r["seconds"] for r in rs]
        line = (f"workers={w}: {rs[0]['docs']} docs, {rs[0]['events']} events; seconds min {min(secs):.1f} "
                f"median {statistics.median(secs):.1f} ({rs[0]['docs'] / statistics.median(secs):.2f} docs/s); "
                f"speed-up (median) {base / statistics.median(secs):.2f}x; "
                f"CPU s main {statistics.median(r['main_cpu'] for r in rs):.1f} + workers {statistics.median(r['worker_cpu'] for r in rs):.1f}; "
                f"tree peak RSS {statistics.median(r['rss'] for r in rs):.0f} MB, PSS {statistics.median(r['pss'] for r in rs):.0f} MB")
        if w > 1:
            line += (f"; largest worker peak RSS {statistics.median(r.get('worker_rss', 0) for r in rs):.0f} MB, "
                     f"PSS {statistics.median(r.get('worker_pss', 0) for r in rs):.0f} MB")
        print(line)
    if args.ceiling:
        import tempfile

        from synthetic import write_corpus

        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            write_corpus(corpus, args.docs)
            times = {n: [] for n in counts}
            for _ in range(args.runs):
                for n in counts:
                    times[n].append(ceiling_run(corpus, n))
        one = statistics.median(times[counts[0]])
        for n in counts:
            print(f"ceiling, {n} independent process(es) analysing shares (no pool, no store): seconds min "
                  f"{min(times[n]):.1f} median {statistics.median(times[n]):.1f}; speed-up (median) "
                  f"{one / statistics.median(times[n]):.2f}x")
    print(json.dumps({str(w): results[w] for w in counts}))


if __name__ == "__main__":
    main()
