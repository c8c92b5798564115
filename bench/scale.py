"""Does ingest stay flat as the corpus grows? Time, memory and storage per document.

For each N (default 200, 2,000 and 10,000) N distinct synthetic documents
(``bench/synthetic.py``) are ingested into a new database by one fresh
process, with the pipeline loaded before the clock starts. Reported per N:
CPU and wall seconds per document over the whole run and over its last
quarter (a cost that grows with the stored corpus shows up there first),
the near-duplicate linking step's share, peak memory (max RSS of the child
process), the memory held between batches (the largest RSS read after a batch
was stored, in the first and in the last quarter of the run: what the process
keeps, without the parser's working memory of a batch, which is where the peak
is reached), each batch's own peak (the high-water mark of RSS, reset after
every batch through ``/proc/self/clear_refs`` on Linux): its median and its
largest in the first and in the last quarter, which tell a peak that rises
with the store from the largest of more batches, and database size per
document. For a run of ten batches or more, the same by fifth of the run
(the held memory and the batch peaks of each fifth), so that memory which
follows the store's size shows as a rise from fifth to fifth.

    python bench/scale.py [--sizes 200 2000 10000] [--seed 7] [--keep DIR] [--setting NAME=VALUE ...]

``--setting`` measures a lever: e.g. ``--setting parse_batch_chars=25000`` or
``--setting db_memory_limit=48MB`` runs with that one setting changed.

10,000 documents take some 15-25 minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

CHILD = """
import json, os, resource, time
from pathlib import Path
import foedus.jobs.ingest as job
from foedus.jobs.analyse import analyser_for
from foedus.settings import Settings
from foedus.store.db import connect

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

s = Settings(db_path=Path({db!r})).with_options(**{overrides!r})
analyser_for(s)
linking = [0.0]
real = job._link_near_duplicates
def timed(con, docs, threshold):
    t = time.process_time()
    try:
        return real(con, docs, threshold)
    finally:
        linking[0] += time.process_time() - t
job._link_near_duplicates = timed
marks = []
PAGE = os.sysconf("SC_PAGE_SIZE")
def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20
def batch_peak_mb():
    # this batch's high-water mark of RSS, then reset for the next (Linux; None elsewhere)
    try:
        with open("/proc/self/status") as f:
            hwm = next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmHWM"))
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return hwm
    except (OSError, StopIteration):
        return None
batch_peak_mb()
def progress(done, words):
    marks.append((words, cpu(), time.perf_counter(), rss_mb(), batch_peak_mb(), done))
c0, t0 = cpu(), time.perf_counter()
r = job.ingest([{corpus!r}], s, progress=progress)
marks.insert(0, (0, c0, t0, 0.0, None, 0))
c1, t1 = cpu(), time.perf_counter()
# the last quarter of the run (by words stored), from the progress marks after each batch
q = next((m for m in marks if m[0] >= 0.75 * r.words), marks[0])
last = marks[-1]
held_first = max(m[3] for m in marks if m[0] <= 0.25 * r.words or m is marks[1])
held_last = max(m[3] for m in marks if m[0] >= q[0])
def peaks(sel):
    return sorted(m[4] for m in sel if m[4] is not None)
first_peaks = peaks([m for m in marks[1:] if m[0] <= 0.25 * r.words] or marks[1:2])
last_peaks = peaks([m for m in marks if m[0] > q[0]])
all_peaks = peaks(marks[1:])
per_doc = r.words / max(r.stored, 1)
con = connect(Path({db!r}), read_only=True)
tokens = con.execute("SELECT count(*) FROM tokens").fetchone()[0]
con.close()
print(json.dumps({{"docs": r.stored, "read": r.read, "words": r.words, "near_duplicates": len(r.near_duplicates),
                  "events": r.events, "cpu": c1 - c0, "wall": t1 - t0, "linking_cpu": linking[0],
                  "last_quarter_docs": (last[0] - q[0]) / per_doc, "last_quarter_cpu": last[1] - q[1],
                  "last_quarter_wall": last[2] - q[2], "tokens": tokens,
                  "held_first_mb": held_first, "held_last_mb": held_last,
                  # the kernel's maximum can miss a high-water mark that was reset: both are read
                  "peak_mb": max([resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, *all_peaks]),
                  "batch_peak_median_mb": all_peaks[len(all_peaks) // 2] if all_peaks else None,
                  "batch_peak_first_mb": first_peaks[-1] if first_peaks else None,
                  "batch_peak_last_mb": last_peaks[-1] if last_peaks else None,
                  "batches": len(marks) - 1,
                  # after each batch: documents done, RSS held, the batch's own peak
                  "series": [[m[5], m[3], m[4]] for m in marks[1:]],
                  "db_bytes": os.path.getsize({db!r})}}))
"""


def run(n: int, tmp: Path, seed: int, overrides: dict[str, object] | None = None) -> dict:
    from synthetic import write_corpus

    corpus = tmp / f"corpus-{n}"
    write_corpus(corpus, n, seed)
    db = tmp / f"scale-{n}.duckdb"
    proc = subprocess.run([sys.executable, "-c", CHILD.format(db=str(db), corpus=str(corpus), overrides=overrides or {})],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    shutil.rmtree(corpus, ignore_errors=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _setting(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` as a Settings option: a whole number as an int, else the text."""
    from dataclasses import fields

    from foedus.settings import Settings

    name, sep, value = text.partition("=")
    if not sep or name not in {f.name for f in fields(Settings)}:
        raise SystemExit(f"--setting {text!r}: expected NAME=VALUE with NAME a setting of foedus.settings.Settings")
    return name, int(value) if value.lstrip("-").isdigit() else value


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def by_fifth(series: list[list[float | None]]) -> list[tuple[int, int, float, float | None, float | None]]:
    """The run in five equal runs of batches: (first and last document done, the largest RSS held after a
    batch, the median and the largest batch peak). A memory that follows the store rises from fifth to
    fifth; the largest of more batches does not."""
    out = []
    n = len(series)
    for i in range(5):
        part = series[i * n // 5:(i + 1) * n // 5]
        if not part:
            continue
        peaks = sorted(p for _, _, p in part if p is not None)
        out.append((int(part[0][0]), int(part[-1][0]), max(h for _, h, _ in part),
                    peaks[len(peaks) // 2] if peaks else None, peaks[-1] if peaks else None))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="keep the databases in this folder")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                    help="run with this setting changed (repeatable)")
    args = ap.parse_args()
    overrides = dict(_setting(text) for text in args.setting)
    if overrides:
        print("settings changed:", ", ".join(f"{k}={v}" for k, v in overrides.items()), flush=True)
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="foedus-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        print(f"{'docs':>6} {'words':>9} {'CPU ms/doc':>10} {'wall ms/doc':>11} {'last 1/4 CPU ms/doc':>19} "
              f"{'linking %':>9} {'peak MB':>8} {'held MB 1st/last 1/4':>20} {'DB KB/doc':>9} {'near-dups':>9} "
              f"{'batch peak MB median, largest 1st/last 1/4':>43}", flush=True)
        for n in args.sizes:
            r = run(n, tmp, args.seed, overrides)
            results.append(r)
            last = r["last_quarter_cpu"] / r["last_quarter_docs"] * 1000 if r["last_quarter_docs"] else float("nan")
            print(f"{r['docs']:6d} {r['words']:9d} {r['cpu'] / r['docs'] * 1000:10.1f} {r['wall'] / r['docs'] * 1000:11.1f} "
                  f"{last:19.1f} {100 * r['linking_cpu'] / r['cpu']:9.2f} {r['peak_mb']:8.0f} "
                  f"{r['held_first_mb']:10.0f} {r['held_last_mb']:9.0f} "
                  f"{r['db_bytes'] / r['docs'] / 1024:9.1f} {r['near_duplicates']:9d} "
                  f"{_mb(r['batch_peak_median_mb']):>17} {_mb(r['batch_peak_first_mb']):>12} "
                  f"{_mb(r['batch_peak_last_mb']):>12}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    for r in results:
        if len(r["series"]) >= 10:
            print(f"\n{r['docs']} documents, by fifth of the run: documents done, held MB (largest), "
                  "batch peak MB (median, largest)")
            for first, last, held, median, top in by_fifth(r["series"]):
                print(f"  {first:6d}-{last:<6d} {held:6.0f} {_mb(median):>6} {_mb(top):>6}")
    if args.json:
        print(json.dumps(results))


if __name__ == "__main__":
    main()
