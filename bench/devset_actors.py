"""How many gold events of a real-news set have their actors resolved in the gold's own sentence.

Why: most missed events on unseen news start with an actor the pipeline does not know. This measures the actor
stage alone, before the coder: for every gold event, are the source keys and the target keys among the keys of the
actors resolved in that sentence (keys as the set's scorer computes them)?

usage: python bench/devset_actors.py TEXTS_DIR [GOLD_JSON] [--verbose]

TEXTS_DIR holds the excerpts (one sentence per line) and the set's manifest.csv (for publication dates); GOLD_JSON
defaults to ../shared/devset/gold.json. Prints the shares and, with --verbose, each event whose actors are missing
with the keys the pipeline found in its sentence.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from foedus.nlp.pipeline import build_nlp, make_doc
from foedus.settings import from_env

ROOT = Path(__file__).resolve().parents[1]


def _scorer_keys(gold_path: Path):
    spec = importlib.util.spec_from_file_location("devset_score", gold_path.parent / "score.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod.keys


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    if not args:
        print(__doc__)
        return 2
    texts = Path(args[0])
    gold_path = Path(args[1]) if len(args) > 1 else ROOT.parent / "shared" / "devset" / "gold.json"
    gold = json.loads(gold_path.read_text())
    keys = _scorer_keys(gold_path)
    published: dict[str, date | None] = {}
    with open(texts / "manifest.csv", newline="") as f:
        for row in csv.DictReader(f):
            published[row["file"]] = date.fromisoformat(row["published"]) if row["published"] else None
    t0 = time.perf_counter()
    nlp = build_nlp(from_env())
    built = time.perf_counter() - t0
    found: dict[tuple[str, int], set[str]] = {}
    unresolved: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    coder = nlp.get_pipe("foedus_events").coder
    for name in sorted(published):
        lines = (texts / name).read_text().split("\n")
        text = "\n".join(lines)
        doc = nlp(make_doc(nlp, text, published[name]))
        dropped.update(d.reason for d in coder.code(doc).dropped)
        offsets, pos = [], 0
        for line in lines:
            offsets.append((pos, pos + len(line)))
            pos += len(line) + 1
        for n, (a, b) in enumerate(offsets, start=1):
            ks: set[str] = set()
            for m in doc._.actors:
                if a <= m.start < b:
                    if m.code:
                        ks |= keys(m.brief())
                    else:
                        unresolved[m.text] += 1
            found[(name, n)] = ks
    total = both = src_ok = tgt_ok = 0
    misses = []
    for g in gold["events"]:
        ks = found.get((g["doc"], g["line"]), set())
        s_ok = bool(ks & set(g["source"]))
        t_ok = not g.get("target") or bool(ks & set(g["target"]))
        total += 1
        src_ok += s_ok
        tgt_ok += t_ok
        both += s_ok and t_ok
        if not (s_ok and t_ok):
            misses.append((g, ks))
    print(f"registry and pipeline built in {built:.1f} s")
    print(f"gold events: {total}; source resolved {src_ok} ({src_ok / total:.2f}), target resolved {tgt_ok} "
          f"({tgt_ok / total:.2f}), both {both} ({both / total:.2f})")
    print("predicates the coder found but dropped, by reason: "
          + ", ".join(f"{reason} {n}" for reason, n in dropped.most_common()))
    if verbose:
        for g, ks in misses:
            print(f"  {g['doc']}:{g['line']} {g['id']} src={g['source']} tgt={g.get('target')} found={sorted(ks)} "
                  f"| {g['what'][:90]}")
        print("unresolved names (NER, not in the registry):")
        for text, n in unresolved.most_common(60):
            print(f"  {n:3d} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
