"""Ingest throughput on a Dask cluster: documents per second with local:1, local:2...

Usage: python bench/cluster.py [--docs N] [--workers 1,2] [--runs R]

The same N distinct synthetic documents (bench/synthetic.py) are ingested into
a fresh database through a LocalCluster of 1, 2... worker processes (one
thread each). Starting the cluster and loading the pipeline on each worker is
timed apart ("start-up": paid once per cluster, not per document); the
ingest itself is timed on warm workers, which is what a long run on a
standing cluster sees. Docs/s per worker is the ingest's docs/s divided by
the number of workers.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _warm(settings) -> bool:  # runs on each worker
    from foedus.jobs.analyse import analyser_for

    analyser_for(settings)
    return True


def one_run(corpus: Path, workers: int) -> dict[str, float]:
    from dask.distributed import Client, LocalCluster

    from foedus.jobs.cluster import ingest_on_cluster
    from foedus.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=Path(tmp) / "c.duckdb")
        t0 = time.perf_counter()
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                client.run(_warm, settings)
            startup = time.perf_counter() - t0
            t1 = time.perf_counter()
            report = ingest_on_cluster([corpus], settings, cluster.scheduler_address)
            seconds = time.perf_counter() - t1
        finally:
            cluster.close()
    return {"startup": startup, "seconds": seconds, "docs": report.stored, "events": report.events}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    import psutil
    from synthetic import run_interleaved

    counts = [int(w) for w in args.workers.split(",")]
    results = run_interleaved(args.docs, counts, args.runs, one_run)
    print(f"{args.docs} synthetic documents, {psutil.cpu_count()} cores, load average at the end "
          f"{psutil.getloadavg()[0]:.2f}")
    for w in counts:
        rs = results[w]
        secs = statistics.median(r["seconds"] for r in rs)
        docs = rs[0]["docs"]
        print(f"local:{w}: {docs} docs, {rs[0]['events']} events in {secs:.1f} s (min {min(r['seconds'] for r in rs):.1f}): "
              f"{docs / secs:.2f} docs/s, {docs / secs / w:.2f} docs/s per worker; "
              f"start-up (cluster and pipelines) {statistics.median(r['startup'] for r in rs):.1f} s")


if __name__ == "__main__":
    main()
