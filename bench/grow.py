"""Adding to a large store: does an ingest's cost follow what it adds, or the store's size?

A store of ``--base`` synthetic documents (``bench/synthetic.py``) is ingested
once, then copied ``--copies`` times over itself with distinct ids (documents,
sentences, mentions, LSH buckets that match nothing), so a store of
``base x copies`` documents is built in seconds instead of hours. In each copy
the actors of the reports get a suffix of their own (``AZEMIL~7``): a copy
stands for other stories between other parties, as a year of world news is
spread over thousands of dyads. With ``--same-actors`` the copies keep the
actors, so every new report falls into a group (dyad, root, polarity,
claimant) that holds ``copies`` times as many reports: the worst case for a
merge of the changed groups. The big store is merged whole once (not timed).

Then ``--docs`` new synthetic documents (another seed) are ingested into the
small store and into a copy of the big one, each by a fresh process, with the
pipeline loaded before the clock starts. Printed per store: documents
stored, CPU ms per new document (whole ingest), and the CPU seconds of
near-duplicate linking, writing and the event merge; then the CPU seconds a
full merge of the big store takes, for comparison.

    python bench/grow.py [--base 500] [--copies 40] [--docs 200] [--same-actors] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

CHILD = """
import json, resource, sys
from pathlib import Path
import foedus.jobs.ingest as job
from foedus.jobs.analyse import analyser_for
from foedus.settings import Settings
from foedus.store import write as store_write

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

s = Settings(db_path=Path(sys.argv[1]))
analyser_for(s)
spent = {}
def timed(mod, name):
    real = getattr(mod, name)
    def run(*a, **k):
        t = cpu()
        try:
            return real(*a, **k)
        finally:
            spent[name] = spent.get(name, 0.0) + cpu() - t
    setattr(mod, name, run)
timed(job, "_link_near_duplicates"); timed(job, "merge_pending"); timed(store_write, "write_documents")
c = cpu()
r = job.ingest([sys.argv[2]], s)
print(json.dumps({"stored": r.stored, "cpu": cpu() - c, "link": spent.get("_link_near_duplicates", 0.0),
                  "write": spent.get("write_documents", 0.0), "merge": spent.get("merge_pending", 0.0),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

FULL_MERGE = """
import json, resource, sys
from foedus.coding.merge import merge_events
from foedus.store.db import connect
con = connect(sys.argv[1])
r0 = resource.getrusage(resource.RUSAGE_SELF)
merge_events(con)
r1 = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"cpu": r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime}))
"""

INFLATE = f"""
import json, sys
sys.path.insert(0, {str(ROOT / "bench")!r})
from grow import inflate
print(json.dumps(inflate(__import__("pathlib").Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1")))
"""

# Tables copied with a per-copy suffix on their document ids (and the columns named here).
_ANNOTATIONS = ("sentences", "actor_mentions", "time_expressions", "place_mentions", "quotes")


def inflate(db: Path, copies: int, same_actors: bool) -> dict[str, int]:
    """Copy every stored document ``copies - 1`` more times with distinct ids, then merge the store whole."""
    from foedus.coding.merge import merge_events
    from foedus.store.db import connect

    con = connect(db)
    r = f"range(1, {copies}) r(k)"
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""INSERT INTO documents SELECT documents.* REPLACE (
        doc_id || '~' || k AS doc_id, content_hash || '~' || k AS content_hash, text_hash || '~' || k AS text_hash,
        CASE WHEN near_dup_of IS NULL THEN NULL ELSE near_dup_of || '~' || k END AS near_dup_of) FROM documents, {r}""")
    con.execute(f"INSERT INTO doc_lsh SELECT doc_id || '~' || k, band, bucket + k * 1000003 FROM doc_lsh, {r}")
    for table in _ANNOTATIONS:
        con.execute(f"INSERT INTO {table} SELECT {table}.* REPLACE (doc_id || '~' || k AS doc_id) FROM {table}, {r}")
    actors = "" if same_actors else (", source_code || '~' || k AS source_code, target_code || '~' || k AS target_code")
    con.execute(f"""INSERT INTO event_mentions SELECT event_mentions.* REPLACE (
        doc_id || '~' || k AS doc_id, mention_id || '~' || k AS mention_id, NULL AS event_id{actors})
        FROM event_mentions, {r}""")
    con.execute("COMMIT")
    merge_events(con)
    con.execute("CHECKPOINT")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "event_mentions", "events")}
    con.close()
    return counts


def _run(code: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=500)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--same-actors", action="store_true")
    ap.add_argument("--keep", type=Path, help="keep the stores in this folder")
    args = ap.parse_args()
    from synthetic import write_corpus

    tmp = args.keep or Path(tempfile.mkdtemp(prefix="foedus-grow-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        write_corpus(tmp / "base", args.base, seed=7)
        write_corpus(tmp / "new", args.docs, seed=99)
        small = tmp / "small.duckdb"
        _run(CHILD, str(small), str(tmp / "base"))
        big = tmp / "big.duckdb"
        shutil.copy(small, big)
        t = time.perf_counter()
        # in a process of its own: a child process inherits its parent's peak memory figure (ru_maxrss)
        counts = _run(INFLATE, str(big), str(args.copies), str(int(args.same_actors)))
        print(f"big store: {counts['documents']:,} documents, {counts['event_mentions']:,} reports, "
              f"{counts['events']:,} events ({'same' if args.same_actors else 'distinct'} actors per copy; "
              f"built in {time.perf_counter() - t:.0f} s)", flush=True)
        print(f"{'store':>12} {'new docs':>8} {'CPU ms/doc':>10} {'link s':>7} {'write s':>7} {'merge s':>7} {'peak MB':>7}")
        for name, db in (("small", small), ("big", big)):
            r = _run(CHILD, str(db), str(tmp / "new"))
            print(f"{name:>12} {r['stored']:8d} {r['cpu'] / max(r['stored'], 1) * 1000:10.1f} {r['link']:7.2f} "
                  f"{r['write']:7.2f} {r['merge']:7.2f} {r['peak_mb']:7.0f}", flush=True)
        full = _run(FULL_MERGE, str(big))
        print(f"a full merge of the big store: {full['cpu']:.1f} CPU s")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
