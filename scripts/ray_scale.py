"""Ray Data engine at scale on one machine: compare it with one `qianyue predict` process, or run a long corpus
through it and sample memory over time.

    python scripts/ray_scale.py compare --docs 2000 --model DIR [--max-chars 300] [--concurrency 2]
    python scripts/ray_scale.py long --docs 30000 [--model DIR] [--concurrency 2]

`compare` runs the same synthetic JSONL corpus through `qianyue predict -o single.jsonl` and through
`qianyue predict --engine ray -o out/`, reports documents/s, the peak RSS of the single process and of each Ray
actor, and whether the records are identical (byte for byte, as sorted lines). `long` runs only the Ray engine
and prints every actor's RSS against the number of documents written so far. Without --model the test suite's
tiny tagger is built (the figures are then about the engine, not the encoder). Wall times include starting
Ray (or importing torch) and, for Ray, writing the analysis tables after the records.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
ACTOR = "ExtractBatch"  # actors show as ray::MapWorker(MapBatches(ExtractBatch)) in ps


def tiny_model(where: Path) -> Path:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import make_tiny_bert, tiny_config  # the test suite's tiny BERT and recipe
    from qianyue.training.trainer import train

    base = make_tiny_bert(where / "base")
    return train(tiny_config(base, where / "model"), progress=False)


def write_corpus(path: Path, docs: int, max_chars: int) -> int:
    from qianyue.training.synthetic import generate_documents

    chars = 0
    with open(path, "w", encoding="utf-8") as f:
        for start in range(0, docs, 1000):  # in chunks: the corpus never sits in memory
            for d in generate_documents(min(1000, docs - start), seed=start):
                text = d.text[:max_chars] if max_chars else d.text
                chars += len(text)
                f.write(json.dumps({"id": f"{start}-{d.id}", "text": text, "published": d.published},
                                   ensure_ascii=False) + "\n")
    return chars


def actors() -> dict[int, psutil.Process]:
    found = {}
    for p in psutil.process_iter(["cmdline"]):
        if any(ACTOR in part for part in (p.info["cmdline"] or [])):
            found[p.pid] = p
    return found


def rss_mb(p: psutil.Process) -> float:
    try:
        return p.memory_info().rss / 2**20
    except psutil.Error:
        return float("nan")


def lines_in(directory: Path) -> int:
    return sum(1 for part in directory.glob("*.jsonl") for _ in open(part, "rb")) if directory.exists() else 0


def run(cmd: list[str], every: float, watch_actors: bool, records: Path | None = None, timeline: bool = False):
    """Run cmd; sample its RSS (and each actor's) every `every` s. Returns (seconds, exit code, peak MB of the
    process, {actor pid: peak MB}, timeline rows)."""
    started = time.perf_counter()
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, actor_peak, rows = 0.0, {}, []
    while proc.poll() is None:
        peak = max(peak, rss_mb(proc) if proc.poll() is None else 0)
        if watch_actors:
            sample = {pid: rss_mb(p) for pid, p in actors().items()}
            for pid, mb in sample.items():
                if mb == mb:
                    actor_peak[pid] = max(actor_peak.get(pid, 0), mb)
            if timeline and sample:
                rows.append((time.perf_counter() - started, lines_in(records) if records else 0, sample))
        time.sleep(every)
    stderr = proc.stderr.read()
    if proc.returncode:
        print(stderr[-2000:], file=sys.stderr)
    return time.perf_counter() - started, proc.returncode, peak, actor_peak, rows


def sorted_lines(paths) -> list[str]:
    return sorted(line for p in paths for line in open(p, encoding="utf-8").read().splitlines())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["compare", "long"])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--model", default=None)
    parser.add_argument("--max-chars", type=int, default=0, help="cut every document to this many characters")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--work", default=None, help="working directory (default: a new temporary one)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="qianyue-ray-"))
    work.mkdir(parents=True, exist_ok=True)
    model = args.model or str(tiny_model(work))
    corpus = work / "corpus.jsonl"
    if corpus.exists() and sum(1 for _ in open(corpus, "rb")) == args.docs:  # a rerun in the same --work
        chars = sum(len(json.loads(line)["text"]) for line in open(corpus, encoding="utf-8"))
    else:
        chars = write_corpus(corpus, args.docs, args.max_chars)
    print(f"corpus: {args.docs} documents, {chars} characters; model {model}", flush=True)
    qianyue = [sys.executable, "-m", "qianyue.cli", "predict", str(corpus), "--model", model, "--no-text",
               "--batch-size", str(args.batch_size)]
    out = work / "ray_out"
    ray_cmd = qianyue + ["--engine", "ray", "-o", str(out), "--concurrency", str(args.concurrency)]

    if args.mode == "compare":
        single = work / "single.jsonl"
        # nice 15 as Ray runs its workers: on a shared machine both then compete alike with the other load
        secs, code, peak, _, _ = run(["nice", "-n", "15"] + qianyue + ["-o", str(single)], 0.5, False)
        print(f"single process: exit {code}, {secs:.1f} s, {args.docs / secs:.2f} docs/s, peak RSS {peak:.0f} MB",
              flush=True)
        secs, code, driver, actor_peak, _ = run(ray_cmd, 0.5, True)
        print(f"ray, {args.concurrency} actors: exit {code}, {secs:.1f} s, {args.docs / secs:.2f} docs/s, driver peak "
              f"RSS {driver:.0f} MB, actor peak RSS {', '.join(f'{mb:.0f}' for mb in actor_peak.values())} MB")
        same = sorted_lines([single]) == sorted_lines(sorted((out / "records").glob("*.jsonl")))
        print(f"records identical: {same}")
        return 0 if same else 1

    secs, code, driver, actor_peak, rows = run(ray_cmd, 5, True, out / "records", timeline=True)
    written = lines_in(out / "records")
    print(f"ray, {args.concurrency} actors: exit {code}, {written} written, {secs:.0f} s, {written / secs:.1f} docs/s, "
          f"driver peak RSS {driver:.0f} MB")
    for t, done, sample in rows[:: max(1, len(rows) // 12)] + rows[-1:]:
        print(f"  t={t:6.0f} s  written {done:7d}  actor RSS MB " + " ".join(f"{mb:.0f}" for mb in sample.values()))
    return 0 if code == 0 and written == args.docs else 1


if __name__ == "__main__":
    raise SystemExit(main())
