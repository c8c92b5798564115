"""N distinct synthetic documents from the demo corpus, deterministic by seed.

Each document recombines sentences of the demo corpus's clean texts (drawn
at random from all of them, two to four to a paragraph), with every number
replaced by another (a day stays a day, a year a year), a named
correspondent, a place of filing and a reference line of its own: no two
documents share their text, and two documents share a sentence or two at
most, so neither exact nor near-duplicate detection drops them. A small share of the documents (``near_copies``, default 3%) are
edited copies of an earlier synthetic document (one paragraph dropped, one
sentence added), so the near-duplicate path is exercised as it is on real
news.

Documents are written as ``.txt`` files with a ``manifest.csv`` (outlet,
title, date), the way a crawl is usually delivered.

    python bench/synthetic.py DEST --docs 200 [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

OUTLETS = ["Eastgate Wire", "The Ararat Dispatch", "Caspian Frontline", "Potomac Policy Review",
           "Meridian Daily", "Tbilisi Observer", "Volga Herald", "Anatolia Ledger"]
FIRST = ["Anna", "Davit", "Leyla", "Giorgi", "Marta", "Omar", "Irina", "Samuel", "Nare", "Elvin",
         "Sofia", "Karen", "Aylin", "Pavel", "Lena", "Tomas", "Rustam", "Hasmik", "Nino", "Viktor"]
LAST = ["Petrosyan", "Aliyeva", "Beridze", "Morgan", "Hakobyan", "Kuznetsova", "Demir", "Walsh",
        "Mammadov", "Sargsyan", "Lomidze", "Novak", "Haddad", "Orlova", "Keller", "Grigoryan"]
CITIES = ["Yerevan", "Baku", "Tbilisi", "Moscow", "Ankara", "Brussels", "Washington", "Vienna"]
_NUMBER = re.compile(r"\d+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentence_pool(folder: Path | None = None) -> list[str]:
    """The distinct sentences (at least 6 words) of the demo corpus's clean texts, in a fixed order."""
    from corpus import demo_texts

    seen: set[str] = set()
    pool: list[str] = []
    for text in demo_texts(folder or ROOT / "examples" / "demo"):
        for para in re.split(r"\n\s*\n", text):
            for sent in _SENTENCE.split(" ".join(para.split())):
                if len(sent.split()) >= 6 and sent[-1:] in '.!?"\u201d' and sent not in seen:
                    seen.add(sent)
                    pool.append(sent)
    return pool


def _renumber(text: str, rnd: random.Random) -> str:
    def repl(m: re.Match[str]) -> str:
        s = m.group(0)
        if len(s) == 4 and s[:2] in {"19", "20"}:  # a year stays a plausible year
            return str(rnd.randint(2019, 2024))
        if len(s) <= 2:  # a day of the month stays a day of the month
            return str(rnd.randint(1, 28))
        return str(rnd.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))

    return _NUMBER.sub(repl, text)


def generate(n: int, seed: int = 7, near_copies: float = 0.03,
             pool: list[str] | None = None) -> list[dict[str, object]]:
    """``n`` documents as dicts (name, outlet, title, published, text)."""
    pool = pool if pool is not None else sentence_pool()
    rnd = random.Random(seed)
    docs: list[dict[str, object]] = []
    for i in range(n):
        published = date(2020, 1, 1) + timedelta(days=rnd.randrange(5 * 365))
        outlet = rnd.choice(OUTLETS)
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        city = rnd.choice(CITIES)
        if docs and rnd.random() < near_copies:
            base = rnd.choice(docs)
            paras = list(base["paragraphs"])  # type: ignore[arg-type]
            if len(paras) > 4:
                paras.pop(rnd.randrange(1, len(paras)))
            paras.append(f"{name} contributed reporting from {city} (reference {seed}-{i:06d}).")
        else:
            # paragraphs of 2-4 sentences drawn from the whole corpus: two documents share a sentence
            # or two at most, as two reports of the same region do
            picked = rnd.sample(pool, rnd.randint(14, 26))
            paras, at = [], 0
            while at < len(picked):
                n = rnd.randint(2, 4)
                paras.append(_renumber(" ".join(picked[at:at + n]), rnd))
                at += n
            paras.insert(0, f"{city}, {published:%d %B %Y}. {name} reports for {outlet}.")
            paras.append(f"This report was filed by {name} in {city} under reference {seed}-{i:06d}.")
        lead = _SENTENCE.split(paras[1])[0] if len(paras) > 1 else paras[0]
        title = " ".join(lead.split()[:12]).rstrip(".,;:")
        docs.append({"name": f"syn-{i:06d}.txt", "outlet": outlet, "title": title,
                     "published": published.isoformat(), "paragraphs": paras, "text": "\n\n".join(paras) + "\n"})
    return docs


def write_corpus(dest: Path, n: int, seed: int = 7, near_copies: float = 0.03) -> list[dict[str, object]]:
    """Write ``n`` documents and their ``manifest.csv`` into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    docs = generate(n, seed, near_copies)
    with (dest / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "outlet", "title", "published"])
        for d in docs:
            (dest / str(d["name"])).write_text(str(d["text"]), encoding="utf-8")
            w.writerow([d["name"], d["outlet"], d["title"], d["published"]])
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest", type=Path)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--near-copies", type=float, default=0.03)
    args = ap.parse_args()
    docs = write_corpus(args.dest, args.docs, args.seed, args.near_copies)
    words = sum(len(str(d["text"]).split()) for d in docs)
    print(f"{len(docs)} documents, {words:,} words in {args.dest}")


if __name__ == "__main__":
    main()


def run_interleaved(n_docs: int, counts: list[int], runs: int,
                    one_run: "Callable[[Path, int], dict[str, float]]") -> dict[int, list[dict[str, float]]]:
    """``runs`` rounds of ``one_run(corpus, count)`` for each count, on one fresh synthetic corpus.

    Interleaved, so that a busy spell on a shared machine hits every setting alike.
    """
    import tempfile

    results: dict[int, list[dict[str, float]]] = {c: [] for c in counts}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, n_docs)
        for _ in range(runs):
            for c in counts:
                results[c].append(one_run(corpus, c))
    return results
