"""Fuzz the input side of qianyue: readers, the API, the corpus path and the CLI, with generated hostile inputs.

    nice python scripts/fuzz.py [--n 10000] [--seed 0] [--model DIR] [--cli-runs 5] [--time-bound 5]

Inputs are made from the seed articles (data/seeds) by mutation: byte flips, cuts inside a multi-byte character,
foreign encodings (Big5, Shift-JIS, EUC-KR, UTF-16 with and without BOM), control characters, NUL bytes, markup
soup (unclosed tags, comments, front matter, markdown links), repetition, and plain random bytes. Every input must
give a result or a one-line InputError (QianyueError) naming its source; anything else is an unhandled exception.
Each document must be read and tagged within --time-bound seconds. The same inputs, written as JSONL records
(some with invalid bytes or a wrong shape), go through the corpus path; --cli-runs directories of them go through
`qianyue predict` in a subprocess, whose stdout must be valid UTF-8 JSONL and stderr free of tracebacks.
Without --model the test suite's tiny tagger is trained for a few seconds (what is fuzzed is the code around it).
Prints the counts; exit status 1 if any input failed.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MARKUP = ["<p>", "</p>", "<div>", "<a href=\"x", "<!--", "-->", "<script>", "</script>", "<br>", "<", ">", "&amp;",
          "&#x0;", "&#99999999;", "---\n", "title: [x\n", "date: 2022-13-45\n", "# ", "[a](", "**", "<![CDATA[", "]]>",
          "<?xml?>", "<!DOCTYPE html>", "<html>", "<table><tr><td>", "\u2028", "\ufeff", "\x00", "\x1b[31m", "\r",
          "二〇二二年六月十四日", "07.09.2015", "昨日", "《", "》", "签署", "与", "有限公司", "人民政府", "亿元"]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "big5", "shift_jis", "euc_kr", "utf-32"]


def seed_texts() -> list[str]:
    return [json.loads(line)["text"] for line in (REPO / "data/seeds/seeds.jsonl").open(encoding="utf-8")]


def generate(rng: random.Random, texts: list[str], scale: int = 40) -> bytes:
    """One hostile input; `scale` bounds the repetition (long inputs cost time: the CI run keeps it small)."""
    kind = rng.randrange(10)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
    text = rng.choice(texts)
    if rng.random() < 0.5:
        text = text[rng.randrange(len(text)):][:rng.randrange(1, 3000)]
    for _ in range(rng.randrange(0, 12)):
        pos = rng.randrange(len(text) + 1)
        piece = rng.choice(MARKUP) * (rng.randrange(1, 50 * scale) if rng.random() < 0.05 else 1)
        text = text[:pos] + piece + text[pos:]
    if kind == 1:
        text = text * rng.randrange(2, max(3, scale))
    codec = rng.choice(ENCODINGS) if kind in (2, 3) else "utf-8"
    data = text.encode(codec, errors="replace") if codec != "utf-8" else text.encode("utf-8", "surrogatepass")
    if kind in (4, 5) and data:
        data = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        data = bytes(data)
    if kind == 6 and data:
        data = data[:rng.randrange(len(data))]  # cut, often inside a character
    return data


def check_result(result) -> None:
    d = result.to_dict()
    text = d["text"]
    for e in d["entities"]:
        assert 0 <= e["start"] < e["end"] <= len(text) and text[e["start"]:e["end"]] == e["text"]
    for ag in d["agreements"]:
        assert 0.0 <= ag["confidence"] <= 1.0
        for item in ag["parties"] + ag["officials"] + ag["amounts"] + [ag]:
            ev = item.get("evidence")
            if ev:
                assert text[ev["start"]:ev["end"]] == ev["text"]
    json.dumps(d, ensure_ascii=False).encode("utf-8")


def tiny_model(where: Path) -> Path:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import make_tiny_bert, tiny_config  # the test suite's tiny BERT and recipe
    from qianyue.training.trainer import train

    base = make_tiny_bert(where / "base")
    return train(tiny_config(base, where / "model"), progress=False)


def run(n: int, seed: int, model, cli_runs: int = 0, time_bound: float = 5.0, work: Path | None = None,
        scale: int = 40, api_every: int = 1) -> dict:
    """Fuzz n inputs; return the counts. `model` is a model directory (or an AgreementExtractor). Every input is
    read; every `api_every`-th one that reads is also tagged and turned into records (tagging dominates the cost)."""
    from qianyue import AgreementExtractor, QianyueError
    from qianyue.predict_run import documents
    from qianyue.readers import parse_article

    ex = model if hasattr(model, "extract_articles") else AgreementExtractor.from_pretrained(model, device="cpu",
                                                                                            runtime="torch")
    rng = random.Random(seed)
    texts = seed_texts()
    work = work or Path(tempfile.mkdtemp(prefix="qianyue-fuzz-"))
    counts: Counter = Counter()
    failures: list[str] = []
    slowest = 0.0
    corpus = work / "corpus.jsonl"
    with open(corpus, "wb") as f:
        for i in range(n):
            data = generate(rng, texts, scale)
            t = time.perf_counter()
            try:
                article = parse_article(data, source=f"fuzz-{i}")
                counts["readers ok"] += 1
                if counts["readers ok"] % api_every == 0:
                    check_result(ex.extract_articles([article])[0])
                    counts["api ok"] += 1
            except QianyueError as exc:
                message = str(exc)
                if "\n" in message or not message.startswith(f"fuzz-{i}"):
                    failures.append(f"input {i}: error not one line naming the input: {message[:200]!r}")
                counts["readers one-line error"] += 1
            except Exception as exc:  # noqa: BLE001 - what the fuzz is looking for
                failures.append(f"input {i}: {type(exc).__name__}: {exc}"[:300])
                (work / f"failure-{i}.bin").write_bytes(data)
            elapsed = time.perf_counter() - t
            slowest = max(slowest, elapsed)
            if (i + 1) % 500 == 0:  # progress, so that an interrupted run still tells how far it got
                print(json.dumps({"inputs_so_far": i + 1, **counts, "failures": len(failures),
                                  "slowest_s": round(slowest, 3)}), file=sys.stderr, flush=True)
            if elapsed > time_bound:
                failures.append(f"input {i}: {elapsed:.1f} s, over the bound of {time_bound} s")
            # the same input as a corpus record: text as JSON, or (sometimes) raw bytes / a wrong shape
            r = rng.random()
            if r < 0.1:
                f.write(b'{"id": "raw%d", "text": "' % i + data.replace(b"\n", b" ").replace(b'"', b"'") + b'"}\n')
            elif r < 0.15:
                f.write(json.dumps({"id": i, "text": [1, 2]}).encode() + b"\n")
            else:
                text = data.decode("utf-8", "replace")
                f.write(json.dumps({"id": f"r{i}", "text": text, "published": rng.choice([None, "2022-06-16", "x"])},
                                   ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n")
    chunk = []
    for item in documents([str(corpus)]):
        try:
            if isinstance(item, QianyueError):
                counts["corpus one-line error"] += 1
                continue
            source, make = item
            try:
                article = make(None, 20_000_000)
            except QianyueError:
                counts["corpus one-line error"] += 1
                continue
            counts["corpus read ok"] += 1
            if counts["corpus read ok"] % api_every == 0:
                chunk.append(article)
            if len(chunk) == 16:
                for res in ex.extract_articles(chunk):
                    check_result(res)
                    counts["corpus ok"] += 1
                chunk = []
        except Exception as exc:  # noqa: BLE001
            failures.append(f"corpus: {type(exc).__name__}: {exc}"[:300])
    for res in ex.extract_articles(chunk) if chunk else []:
        check_result(res)
        counts["corpus ok"] += 1
    for run_i in range(cli_runs):
        d = work / f"cli{run_i}"
        d.mkdir()
        for j in range(100):
            suffix = rng.choice([".txt", ".html", ".md"])
            (d / f"doc{j:03d}{suffix}").write_bytes(generate(rng, texts, scale))
        proc = subprocess.run([sys.executable, "-m", "qianyue.cli", "predict", str(d), "--model", str(model),
                               "--quiet", "--runtime", "torch"], capture_output=True, timeout=3600)
        err = proc.stderr.decode("utf-8", "replace")
        try:
            lines = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
        except ValueError as exc:
            failures.append(f"cli run {run_i}: stdout not UTF-8 JSONL ({exc})")
            lines = []
        errors = [x for x in err.splitlines() if x.startswith("qianyue: ") and not x.startswith("qianyue: note:")]
        if proc.returncode not in (0, 1) or "Traceback" in err or len(lines) + len(errors) != 100:
            failures.append(f"cli run {run_i}: rc {proc.returncode}, {len(lines)} results, {len(errors)} errors, "
                            f"stderr tail {err[-300:]!r}")
        counts["cli ok"] += len(lines)
        counts["cli one-line error"] += len(errors)
    counts["inputs"] = n
    return {"counts": dict(counts), "failures": failures, "slowest_s": round(slowest, 3), "work": str(work)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default=None)
    parser.add_argument("--cli-runs", type=int, default=5)
    parser.add_argument("--time-bound", type=float, default=5.0)
    parser.add_argument("--scale", type=int, default=40, help="Bound on repetition in generated inputs.")
    parser.add_argument("--api-every", type=int, default=1, help="Tag every K-th input that reads.")
    args = parser.parse_args()
    import torch
    torch.set_num_threads(1)
    work = Path(tempfile.mkdtemp(prefix="qianyue-fuzz-"))
    model = args.model or str(tiny_model(work / "model"))
    t = time.time()
    out = run(args.n, args.seed, model, args.cli_runs, args.time_bound, work, args.scale, args.api_every)
    out["wall_s"] = round(time.time() - t, 1)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 1 if out["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
