"""Fuzz the record rules: build_records on perturbed taggings of real or blind articles; every call must return
(no exception) and in bounded time.

    nice python scripts/fuzz_rules.py --cache TAGGED.json [--seconds 240] [--seed 0] [--time-bound 2]

TAGGED.json is a tagged-article cache written by `scripts/bench_records.py --cache` (the default model's spans of
each article). Each call takes one article and perturbs its spans one way: drops some, shifts their edges, swaps
labels, cuts the text, adds random spans, or doubles the text. Prints the counts; exit status 1 if any call raised.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback

from qianyue.results import Entity
from qianyue.rules import build_records

LABELS = ["PARTY", "OFFICIAL", "TITLE", "DATE", "AMOUNT", "AGREEMENT"]


def perturb(text: str, ents: list[dict], rng: random.Random) -> tuple[str, list[dict]]:
    ents = [dict(e) for e in ents]
    mode = rng.randrange(6)
    if mode == 0:
        ents = [e for e in ents if rng.random() > 0.3]
    elif mode == 1:
        for e in ents:
            e["start"] = max(0, e["start"] + rng.randint(-2, 2))
            e["end"] = max(e["start"] + 1, min(len(text), e["end"] + rng.randint(-2, 2)))
            e["text"] = text[e["start"]:e["end"]]
    elif mode == 2:
        for e in ents:
            if rng.random() < 0.3:
                e["label"] = rng.choice(LABELS)
    elif mode == 3:
        cut = rng.randrange(1, max(2, len(text)))
        text, ents = text[:cut], [e for e in ents if e["end"] <= cut]
    elif mode == 4:
        for _ in range(rng.randint(1, 10)):
            s = rng.randrange(0, max(1, len(text) - 1))
            end = min(len(text), s + rng.randint(1, 12))
            ents.append({"label": rng.choice(LABELS), "text": text[s:end], "start": s, "end": end, "score": rng.random()})
    else:
        ents = ents + [dict(e, start=e["start"] + len(text), end=e["end"] + len(text)) for e in ents]
        text = text + text
    return text, sorted(ents, key=lambda e: (e["start"], e["end"]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", required=True)
    ap.add_argument("--seconds", type=float, default=240)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time-bound", type=float, default=2.0)
    args = ap.parse_args(argv)
    try:
        cache = json.load(open(args.cache, encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"fuzz_rules: {args.cache}: cannot read the cache ({exc})", file=sys.stderr)
        return 2
    docs = [v for k, v in cache.items() if k != "__model__" and isinstance(v, dict)]
    if not docs:
        print(f"fuzz_rules: {args.cache}: no tagged articles in it", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    calls = failures = slow = 0
    end = time.time() + args.seconds
    while time.time() < end:
        doc = rng.choice(docs)
        text, ents = perturb(doc["text"], doc["entities"], rng)
        calls += 1
        started = time.perf_counter()
        try:
            build_records(text, [Entity(**e) for e in ents], doc.get("published"))
        except Exception:
            failures += 1
            if failures <= 5:
                traceback.print_exc(limit=4)
        slow += time.perf_counter() - started > args.time_bound
    print(f"{calls} calls on {len(docs)} articles, {failures} raised, {slow} over {args.time_bound:g} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
