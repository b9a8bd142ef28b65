"""Corpus-scale check: stream N synthetic articles through `qianyue predict` and sample its memory.

    python scripts/scale_check.py [--docs 10000] [--model DIR]

Without --model the test suite's tiny tagger (2 layers, hidden 32, trained for seconds on the fixture sentences)
is built, so the figure is about the pipeline's streaming and memory, not about the encoder. Prints documents/s and the RSS of the predict process at the start
(after the first results are written) and at the end; flat memory means the two are close.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tiny_model(where: Path) -> Path:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import make_tiny_bert, tiny_config  # the test suite's tiny BERT and recipe
    from qianyue.training.trainer import train

    base = make_tiny_bert(where / "base")
    return train(tiny_config(base, where / "model"), progress=False)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    from qianyue.training.synthetic import generate_documents

    work = Path(tempfile.mkdtemp(prefix="qianyue-scale-"))
    model = args.model or str(tiny_model(work))
    corpus = work / "corpus.jsonl"
    chars = 0
    with open(corpus, "w", encoding="utf-8") as f:
        for start in range(0, args.docs, 1000):  # generated in chunks: the corpus itself never sits in memory
            for d in generate_documents(min(1000, args.docs - start), seed=start):
                chars += len(d.text)
                f.write(json.dumps({"id": f"{start}-{d.id}", "text": d.text, "published": d.published},
                                   ensure_ascii=False) + "\n")
    out = work / "out.jsonl"
    cmd = [sys.executable, "-m", "qianyue.cli", "predict", str(corpus), "--model", model, "-o", str(out),
           "--no-text", "--batch-size", "32"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    first = None
    samples = []
    while proc.poll() is None:
        done = sum(1 for _ in open(out, encoding="utf-8")) if out.exists() else 0
        mb = rss_mb(proc.pid) if proc.poll() is None else float("nan")
        if done >= 100 and mb == mb:  # skip the sample taken as the process exits (nan)
            first = first or (done, mb)
            samples.append((done, mb))
        time.sleep(2)
    elapsed = time.perf_counter() - started
    lines = sum(1 for _ in open(out, encoding="utf-8"))
    print(f"docs {args.docs} ({chars} chars), written {lines}, exit {proc.returncode}, {elapsed:.0f} s, "
          f"{lines / elapsed:.1f} docs/s")
    if samples:
        print(f"RSS after {first[0]} docs: {first[1]:.0f} MB; after {samples[-1][0]} docs: {samples[-1][1]:.0f} MB; "
              f"max {max(m for _, m in samples):.0f} MB")
    return 0 if proc.returncode == 0 and lines == args.docs else 1


if __name__ == "__main__":
    raise SystemExit(main())
