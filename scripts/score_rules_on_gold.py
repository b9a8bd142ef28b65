#!/usr/bin/env python3
"""Measure the record rules alone: run qianyue.rules.build_records on GOLD entity spans (oracle tagger, score 1.0)
and score the records against the gold records with the shared record scorer.

Inputs: Document JSONL files (data/seeds/seeds.jsonl: {"id","text","spans","published","agreements"}) and stand-off
JSONL files (data/genre/*.jsonl: {"doc","spans","agreements","published"?}; the text is read from --genre-dir).
For each input group it writes GOLD and PRED JSONL under --out and prints the scorer's table.

usage: python scripts/score_rules_on_gold.py [--seeds data/seeds/seeds.jsonl] [--genre 'data/genre/*.jsonl']
                                             [--genre-dir /work/shared/genre] [--scorer PATH] [--out /tmp/x]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
from pathlib import Path

from qianyue.results import Entity
from qianyue.rules import build_records

DEFAULT_SCORER = "/work/shared/tools/score_records.py"


def load_documents(path: str, genre_dir: str | None = None) -> list[dict]:
    """Read Document or stand-off lines into {"id", "text", "spans", "published", "agreements"} dicts."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if "text" in rec:
                doc_id, text = rec["id"], rec["text"]
            else:
                doc_id = Path(rec["doc"]).stem
                with open(os.path.join(genre_dir or ".", rec["doc"]), encoding="utf-8") as t:
                    text = t.read()
            docs.append({"id": doc_id, "text": text, "spans": rec.get("spans", []),
                         "published": rec.get("published"), "agreements": rec.get("agreements", [])})
    return docs


def oracle_entities(doc: dict) -> list[Entity]:
    """Gold spans as a perfect tagger would return them."""
    return [Entity(label=lab, text=doc["text"][s:e], start=s, end=e, score=1.0) for s, e, lab in doc["spans"]]


def run_group(name: str, docs: list[dict], out_dir: str, scorer: str, per_doc: bool) -> int:
    """Write gold/pred files for one group of documents and print the scorer's report."""
    gold_path = os.path.join(out_dir, f"{name}_gold.jsonl")
    pred_path = os.path.join(out_dir, f"{name}_pred.jsonl")
    with open(gold_path, "w", encoding="utf-8") as g, open(pred_path, "w", encoding="utf-8") as p:
        for d in docs:
            g.write(json.dumps({"doc": d["id"], "published": d["published"], "agreements": d["agreements"]},
                               ensure_ascii=False) + "\n")
            recs = build_records(d["text"], oracle_entities(d), d["published"])
            p.write(json.dumps({"source": d["id"], "agreements": [r.to_dict() for r in recs]},
                               ensure_ascii=False) + "\n")
    print(f"== {name}: {len(docs)} documents (gold {gold_path}, predictions {pred_path})")
    cmd = [sys.executable, scorer, gold_path, pred_path] + (["--per-doc"] if per_doc else [])
    return subprocess.call(cmd)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="data/seeds/seeds.jsonl")
    ap.add_argument("--genre", default="data/genre/*.jsonl", help="glob of stand-off annotation files")
    ap.add_argument("--genre-dir", default="/work/shared/genre")
    ap.add_argument("--scorer", default=DEFAULT_SCORER)
    ap.add_argument("--out", default="/tmp/rules_on_gold")
    ap.add_argument("--per-doc", action="store_true")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    rc = 0
    if args.seeds and os.path.isfile(args.seeds):
        rc |= run_group("seeds", load_documents(args.seeds), args.out, args.scorer, args.per_doc)
    genre_files = sorted(glob.glob(args.genre)) if args.genre else []
    if genre_files:
        docs = [d for path in genre_files for d in load_documents(path, args.genre_dir)]
        rc |= run_group("genre", docs, args.out, args.scorer, args.per_doc)
    return rc


if __name__ == "__main__":
    sys.exit(main())
