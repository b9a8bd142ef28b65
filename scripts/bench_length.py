"""Cost of one document against its length: time and peak RSS for 1 KB ... 20 MB articles.

    python scripts/bench_length.py [--sizes 1e3,1e4,1e5,1e6,5e6,2e7] [--model DIR] [--stages]

Each size runs in its own process (so its peak RSS is its own): the article (the seed articles of data/seeds
repeated, one paragraph per line, until the size in UTF-8 bytes is reached) is read by parse_article, tagged,
decoded and turned into records. Without --model the test suite's tiny tagger (2 layers, hidden 32, trained for
seconds on the fixture sentences) is used, so the figures are about the pipeline around the encoder (reading,
windowing, Viterbi, the record rules), not about the encoder; a real encoder adds a cost per character that is
linear by construction (fixed-size windows). Times are CPU seconds of the one-threaded child (wall time beside
them): on a shared machine wall time measures the neighbours. Linear cost means the "us/char" column stays flat.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def tiny_model(where: Path) -> Path:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import make_tiny_bert, tiny_config  # the test suite's tiny BERT and recipe
    from qianyue.training.trainer import train

    base = make_tiny_bert(where / "base")
    return train(tiny_config(base, where / "model"), progress=False)


def article_bytes(size: int) -> bytes:
    texts = [json.loads(line)["text"] for line in (REPO / "data/seeds/seeds.jsonl").open(encoding="utf-8")]
    body = "\n".join(texts).encode("utf-8")
    reps = size // len(body) + 1
    data = (body + b"\n") * reps
    return data[:size].decode("utf-8", "ignore").encode("utf-8")  # cut at a character boundary


def child(model: str, size: int, stages: bool) -> None:
    """Run one size and print a JSON line with the figures."""
    from qianyue import AgreementExtractor
    from qianyue.decoding import decode_entities
    from qianyue.readers import parse_article
    from qianyue.rules import build_records

    import torch
    torch.set_num_threads(1)  # one thread: the figures are about the pipeline, not about thread contention
    ex = AgreementExtractor.from_pretrained(model, device="cpu")
    ex.extract("签约快讯\n安徽省人民政府与中国联通签署协议。")  # warm-up: first-call costs are not length costs
    data = article_bytes(size)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    clock = time.process_time  # CPU seconds of this (single-threaded) process: a shared machine's load is not cost
    wall = time.perf_counter()
    t0 = clock()
    article = parse_article(data, source="bench", published="2022-06-16", max_chars=None)
    t1 = clock()
    probs = ex.tagger.predict_probs([article.text])[0]
    t2 = clock()
    entities = decode_entities(article.text, probs, ex.tagger.tags)
    t3 = clock()
    records = build_records(article.text, entities, article.published)
    t4 = clock()
    wall = time.perf_counter() - wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"bytes": len(data), "chars": len(article.text), "entities": len(entities),
                      "records": len(records), "read_s": t1 - t0, "tag_s": t2 - t1, "decode_s": t3 - t2,
                      "rules_s": t4 - t3, "total_s": t4 - t0, "wall_s": wall, "peak_rss_mb": peak / 1024,
                      "rss_growth_mb": (peak - base_rss) / 1024}))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1e3,1e4,1e5,1e6,5e6,2e7")
    parser.add_argument("--model", default=None)
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--stages", action="store_true", help="Also print the time of each stage.")
    args = parser.parse_args()
    if args.child is not None:
        child(args.model, args.child, args.stages)
        return 0
    model = args.model or str(tiny_model(Path(tempfile.mkdtemp(prefix="qianyue-bench-length-"))))
    print(f"model: {model}", flush=True)
    head = (f"{'bytes':>10} {'chars':>10} {'entities':>9} {'CPU s':>9} {'us/char':>8} {'wall s':>8} "
            f"{'peak RSS MB':>12} {'+RSS MB':>8}")
    if args.stages:
        head += "  read/tag/decode/rules s"
    print(head, flush=True)
    for size in (int(float(x)) for x in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--child", str(size), "--model", model],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print(f"{size:>9} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        line = (f"{r['bytes']:>10,} {r['chars']:>10,} {r['entities']:>9,} {r['total_s']:>9.2f} "
                f"{1e6 * r['total_s'] / max(1, r['chars']):>8.1f} {r['wall_s']:>8.1f} {r['peak_rss_mb']:>12.0f} "
                f"{r['rss_growth_mb']:>8.0f}")
        if args.stages:
            line += f"  {r['read_s']:.2f}/{r['tag_s']:.2f}/{r['decode_s']:.2f}/{r['rules_s']:.2f}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
