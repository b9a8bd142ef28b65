"""`qianyue bench`: speed and memory of the bare encoder forward pass and of the full pipeline, per variant.

Each variant (torch fp32, torch int8, onnx fp32, onnx int8) runs in its own subprocess so that its peak RSS and
its import + load time are its own. All variants see the same articles: the seed articles plus synthetic articles
of realistic length (1–3 thousand characters), read from raw text by the same reader users hit.
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from .resources import data_dir

SEEDS_RAW = data_dir() / "seeds" / "raw"
VARIANTS = {"torch-fp32": ("torch", None), "torch-int8": ("torch", "int8"), "onnx-fp32": ("onnx", None),
            "onnx-int8": ("onnx", "int8")}


def bench_articles(n_docs: int, seed: int = 7) -> list[tuple[str, str]]:
    """(source, raw text) pairs: the seeds, then synthetic articles of 1–3k characters."""
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS_RAW.glob("*.txt"))]
    try:
        from qianyue.training.synthetic import generate_documents
        pool = [d for d in generate_documents(max(4 * n_docs, 50), seed=seed) if 1000 <= len(d.text) <= 3000]
        if not pool:
            pool = generate_documents(max(4 * n_docs, 50), seed=seed)
        i = 0
        while len(docs) < n_docs:
            doc = pool[i % len(pool)]
            docs.append((f"{doc.id}-{i}", doc.text))
            i += 1
    except ImportError:  # installed without the training package: repeat the seeds
        while len(docs) < n_docs:
            docs.append(docs[len(docs) % 5])
    return docs[:n_docs]


def run_variant(model: Optional[str], variant: str, n_docs: int, device: Optional[str], batch_size: int) -> dict:
    """Measure one variant in this process (called in a fresh subprocess by bench())."""
    started = time.perf_counter()
    from qianyue.api import AgreementExtractor
    from qianyue.readers import parse_article

    runtime, quantize = VARIANTS[variant]
    extractor = AgreementExtractor.from_pretrained(model, device=device, runtime=runtime, quantize=quantize)
    load_s = time.perf_counter() - started
    raw = bench_articles(n_docs)
    articles = [parse_article(text, source=src) for src, text in raw]
    chars = sum(len(a.text) for a in articles)
    tagger = extractor.tagger
    tagger.predict_probs([articles[0].text])  # warm-up

    t0 = time.perf_counter()
    tagger.predict_probs([a.text for a in articles], batch_size=batch_size)
    forward_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i in range(0, len(raw), batch_size):
        chunk = [parse_article(text, source=src) for src, text in raw[i:i + batch_size]]
        extractor.extract_articles(chunk)
    pipeline_s = time.perf_counter() - t0

    latencies = []
    for src, text in raw[: min(len(raw), 20)]:
        t1 = time.perf_counter()
        extractor.extract_articles([parse_article(text, source=src)])
        latencies.append(time.perf_counter() - t1)
    latencies.sort()
    return {"variant": variant, "docs": len(raw), "chars": chars, "load_s": round(load_s, 2),
            "forward_chars_s": round(chars / forward_s), "pipeline_chars_s": round(chars / pipeline_s),
            "pipeline_docs_s": round(len(raw) / pipeline_s, 2), "overhead": round(pipeline_s / forward_s, 3),
            "p50_ms": round(1000 * statistics.median(latencies)),
            "p95_ms": round(1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def model_size_mb(path: Path) -> dict:
    from .layout import model_files_mb
    return model_files_mb(path)


def bench(model: Optional[str], variants: list[str], n_docs: int, device: Optional[str], batch_size: int) -> list[dict]:
    rows = []
    for variant in variants:
        cmd = [sys.executable, "-m", "qianyue.bench", json.dumps([model, variant, n_docs, device, batch_size])]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            rows.append({"variant": variant, "error": (proc.stderr.strip().splitlines() or ["failed"])[-1]})
        else:
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return rows


def format_rows(rows: list[dict]) -> str:
    head = (f"{'variant':<11} {'load s':>7} {'fwd ch/s':>9} {'pipe ch/s':>10} {'docs/s':>7} {'pipe/fwd':>9} "
            f"{'p50 ms':>7} {'p95 ms':>7} {'RSS MB':>7}")
    lines = [head]
    for r in rows:
        if "error" in r:
            lines.append(f"{r['variant']:<11} error: {r['error']}")
            continue
        lines.append(f"{r['variant']:<11} {r['load_s']:>7} {r['forward_chars_s']:>9} {r['pipeline_chars_s']:>10} "
                     f"{r['pipeline_docs_s']:>7} {r['overhead']:>9} {r['p50_ms']:>7} {r['p95_ms']:>7} "
                     f"{r['peak_rss_mb']:>7}")
    return "\n".join(lines)


if __name__ == "__main__":
    model_arg, variant_arg, n_arg, device_arg, batch_arg = json.loads(sys.argv[1])
    print(json.dumps(run_variant(model_arg, variant_arg, n_arg, device_arg, batch_arg)))
