"""Agreement between two independent annotation passes, and the list of every disagreement to reconcile.

    python scripts/annotation_agreement.py PASS_A.jsonl PASS_B.jsonl [--root ../shared/genre] [--diff OUT.md]

Both files are stand-off lines ({"doc", "sha256", "spans", "agreements"}). Only documents present in both passes
(with the same sha256) are compared. Printed: span precision/recall/F1 per label and micro (exact start, end and
label; pass A taken as gold, so F1 is symmetric), and record fact F1 from our copy of the shared scorer (A as gold,
B as prediction). --diff writes, per document, every span found by one pass only (with its text, read from --root)
and the scorer's per-document record differences, for the reconciliation step.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from qianyue.training.score_records import score

LABELS = ("PARTY", "OFFICIAL", "TITLE", "DATE", "AMOUNT", "AGREEMENT")


def read(path: str) -> dict[str, dict]:
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[Path(rec["doc"]).stem] = rec
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def compare(a: dict[str, dict], b: dict[str, dict]):
    common = sorted(d for d in a if d in b and a[d]["sha256"] == b[d]["sha256"])
    counts = {lab: Counter() for lab in LABELS}
    only = {}
    for d in common:
        sa = {tuple(s) for s in a[d]["spans"]}
        sb = {tuple(s) for s in b[d]["spans"]}
        for s in sa & sb:
            counts[s[2]]["tp"] += 1
        for s in sb - sa:
            counts[s[2]]["fp"] += 1
        for s in sa - sb:
            counts[s[2]]["fn"] += 1
        only[d] = (sorted(sa - sb), sorted(sb - sa))
    gold = {d: a[d]["agreements"] for d in common}
    pred = {d: b[d]["agreements"] for d in common}
    return common, counts, only, score(gold, pred)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pass_a")
    ap.add_argument("pass_b")
    ap.add_argument("--root", default="../shared/genre")
    ap.add_argument("--diff", help="write every disagreement to this Markdown file")
    args = ap.parse_args(argv)
    common, counts, only, records = compare(read(args.pass_a), read(args.pass_b))
    print(f"documents in both passes: {len(common)}")
    print("| label | both | A only | B only | F1 |\n|---|---|---|---|---|")
    total = Counter()
    for lab in LABELS:
        c = counts[lab]
        total.update(c)
        print(f"| {lab} | {c['tp']} | {c['fn']} | {c['fp']} | {prf(c['tp'], c['fp'], c['fn'])[2]:.3f} |")
    print(f"| micro | {total['tp']} | {total['fn']} | {total['fp']} | {prf(total['tp'], total['fp'], total['fn'])[2]:.3f} |")
    o = records["overall"]
    print(f"record facts (A gold, B pred): P {o['p']:.3f} R {o['r']:.3f} F1 {o['f1']:.3f}; "
          + "; ".join(f"{k} F1 {records[k]['f1']:.3f}" for k in ("party", "official", "date", "amount"))
          + f"; agreement count equal on {records['agreements']['count_exact']}/{len(common)} documents")
    if args.diff:
        lines = ["# Disagreements between the two annotation passes", ""]
        for d in common:
            text = (Path(args.root) / f"{d}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")
            a_only, b_only = only[d]
            per = records["per_doc"][d]
            if not a_only and not b_only and per["agreements"][0] == per["agreements"][1] and not per["party_fp"] \
                    and not per["party_fn"]:
                continue
            lines.append(f"## {d}")
            lines += [f"- A only: {s[2]} {s[0]}-{s[1]} {text[s[0]:s[1]]}" for s in a_only]
            lines += [f"- B only: {s[2]} {s[0]}-{s[1]} {text[s[0]:s[1]]}" for s in b_only]
            lines.append(f"- records A/B: {per['agreements'][0]}/{per['agreements'][1]}; facts party {per['party']}, "
                         f"official {per['official']}, date {per['date']}, amount {per['amount']} (tp, fp, fn); "
                         f"party only in B {per['party_fp']}, only in A {per['party_fn']}")
            lines.append("")
        Path(args.diff).write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
