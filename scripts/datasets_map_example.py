"""Run qianyue over a corpus with Hugging Face `datasets` (the single-machine case of a distributed engine).

    python scripts/datasets_map_example.py CORPUS.jsonl OUT.jsonl [--model DIR] [--num-proc 2]

Each worker process loads its own AgreementExtractor once (see `_extractor`), and `Dataset.map` batches records
through `extract_many`. The same function works unchanged as the per-partition function of Ray Data
(`ds.map_batches(extract_batch)`) or Spark (`mapPartitions`), each worker pointing at a shared model directory;
for plain sharding across machines without an engine, use `qianyue predict CORPUS --shard I/N -o part-I.jsonl`.
"""
from __future__ import annotations

import argparse
import json

_EXTRACTOR = {}
MODEL = None


def _extractor():
    # one model per worker process, loaded on first use (datasets forks workers; torch state must not be shared)
    if "x" not in _EXTRACTOR:
        from qianyue import AgreementExtractor
        _EXTRACTOR["x"] = AgreementExtractor.from_pretrained(MODEL)
    return _EXTRACTOR["x"]


def extract_batch(batch: dict) -> dict:
    from qianyue.readers import parse_article

    texts, published = batch["text"], batch.get("published") or [None] * len(batch["text"])
    articles = [parse_article(t, source=str(i), published=p) for i, t, p in zip(batch["id"], texts, published)]
    results = _extractor().extract_articles(articles)
    return {"records": [json.dumps(r.to_dict(include_text=False)["agreements"], ensure_ascii=False) for r in results]}


def main() -> int:
    global MODEL
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--model", default=None)
    parser.add_argument("--num-proc", type=int, default=2)
    args = parser.parse_args()
    MODEL = args.model
    from datasets import load_dataset

    ds = load_dataset("json", data_files=args.corpus, split="train")
    ds = ds.map(extract_batch, batched=True, batch_size=16, num_proc=args.num_proc)
    with open(args.out, "w", encoding="utf-8") as f:
        for row in ds:
            f.write(json.dumps({"source": row["id"], "agreements": json.loads(row["records"])}, ensure_ascii=False) + "\n")
    print(f"{len(ds)} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
