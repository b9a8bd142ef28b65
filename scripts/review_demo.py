#!/usr/bin/env python
"""The analyst's loop once with a real model: predictions -> corrections -> brief fine-tune -> predictions again.

    python scripts/review_demo.py corrections PREDICTIONS.jsonl GOLD.jsonl OUT_DIR DOC_STEM...
    python scripts/review_demo.py score GOLD.jsonl BEFORE.jsonl AFTER.jsonl DOC_STEM...

`corrections` writes OUT_DIR/corrections.jsonl through the same code the review page's Save posts to
(build_correction): for each named article the reviewer's records are the expected records in GOLD (the shared
seeds' expected.jsonl), matched to the model's records in order — a predicted record with a gold counterpart is
"corrected" to it, a surplus one is "dropped", a missing one is "added". `score` prints a Markdown table of the
shared record scorer's figures per article, before and after."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from qianyue.review.corrections import CorrectionsFile, build_correction
from qianyue.training import score_records


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def by_stem(rows, key):
    return {score_records.doc_id(r[key]): r for r in rows}


def make_corrections(predictions, gold, out_dir, stems):
    preds, golds = by_stem(read_jsonl(predictions), "source"), by_stem(read_jsonl(gold), "doc")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    store = CorrectionsFile(out_dir / "corrections.jsonl")
    for stem in stems:
        prediction, expected = preds[stem], golds[stem]["agreements"]
        records = []
        for k, predicted in enumerate(prediction["agreements"]):
            if k < len(expected):
                fixed = dict(expected[k], date_text=predicted.get("date_text"), evidence=predicted.get("evidence"))
                records.append({"status": "accepted" if _same(predicted, expected[k]) else "corrected",
                                "record": fixed})
            else:
                records.append({"status": "dropped", "record": predicted})
        records += [{"status": "added", "record": g} for g in expected[len(prediction["agreements"]):]]
        line = build_correction(prediction, {"records": records, "added_spans": []},
                                str(Path(predictions).resolve()))
        store.save(line)
        print(f"{stem}: {line['review']}")
    print(f"wrote {store.path}")


def _same(predicted, expected):
    names = lambda rec, key: sorted(x["name"] for x in rec.get(key) or [])
    return (names(predicted, "parties") == names(expected, "parties")
            and names(predicted, "officials") == names(expected, "officials") and predicted.get("date") == expected.get("date"))


def score(gold, before, after, stems):
    golds = by_stem(read_jsonl(gold), "doc")
    runs = {"before": by_stem(read_jsonl(before), "source"), "after": by_stem(read_jsonl(after), "source")}
    print("| article | run | records (gold/pred) | party F1 | official F1 | date F1 | amount F1 | all facts F1 | records F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    totals = {}
    for name, preds in runs.items():
        g = {s: golds[s]["agreements"] for s in stems}
        p = {s: preds[s]["agreements"] for s in stems}
        result = score_records.score(g, p)
        totals[name] = result
        for s in stems:
            d = score_records.score({s: g[s]}, {s: p[s]})
            print(f"| {s[:3]} | {name} | {len(g[s])}/{len(p[s])} | " + " | ".join(
                f"{d[k]['f1']:.2f}" for k in ("party", "official", "date", "amount", "overall", "agreements")) + " |")
    for name, result in totals.items():
        print(f"| all | {name} | {result['agreements']['gold']}/{result['agreements']['pred']} | " + " | ".join(
            f"{result[k]['f1']:.2f}" for k in ("party", "official", "date", "amount", "overall", "agreements")) + " |")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "corrections":
        make_corrections(args[0], args[1], args[2], args[3:])
    elif command == "score":
        score(args[0], args[1], args[2], args[3:])
    else:
        raise SystemExit(__doc__)
