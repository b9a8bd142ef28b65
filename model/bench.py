"""`qianyue bench`: speed, memory and accuracy of each runtime variant, full pipeline, side by side.

Each variant runs in its own subprocess so that its peak RSS and its import + load time are its own. "default" is
what `AgreementExtractor.from_pretrained()` gives (runtime auto: the int8 ONNX export when it matches, else torch);
the others force a runtime. All variants see the same articles: a folder of real articles (--articles, e.g. the
genre articles), else the seed articles plus synthetic articles of realistic length, read by the reader users hit.
With --dev, each variant's entity (and record) F1 on those dev sets comes in the same row, through the same pipeline.

--device cuda measures the GPU throughput path: torch with bf16 weights and large batches (default 256 windows);
without a GPU it stops with a one-line DeviceError before starting any variant.
"""
from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Optional

from .resources import data_dir

SEEDS_RAW = data_dir() / "seeds" / "raw"
VARIANTS = {"default": ("auto", None), "torch-fp32": ("torch", None), "torch-int8": ("torch", "int8"),
            "onnx-fp32": ("onnx", None), "onnx-int8": ("onnx", "int8"), "torch-bf16": ("torch", None)}
GPU_VARIANTS = ("torch-fp32", "torch-bf16")
GPU_BATCH = 256


def folder_articles(folder, n_docs: int, report: Optional[Callable[[str], None]] = None) -> list[tuple[str, str]]:
    """(name, raw text) of the first n_docs readable .txt/.html/.md files of a folder, by name, decoded as
    `qianyue predict` decodes them. A file the reader refuses (binary, undecodable, empty) is left out and passed to
    `report` as its one-line error, so one bad file does not stop every variant."""
    from .errors import InputError
    from .readers import decode_bytes, parse_article

    files = sorted(p for p in Path(folder).iterdir() if p.suffix in (".txt", ".html", ".htm", ".md")
                   and p.name != "README.md" and (p.is_file() or not p.exists()))  # never open a FIFO: it blocks
    found = []
    for p in files:
        if len(found) >= n_docs:
            break
        try:
            text = decode_bytes(p.read_bytes(), p.name)
            parse_article(text, source=p.name)
        except InputError as exc:
            if report:
                report(str(exc))
            continue
        except OSError as exc:
            if report:
                report(f"{p.name}: cannot read ({exc.strerror or exc})")
            continue
        found.append((p.name, text))
    return found


def check_gpu_request(device: Optional[str], variants: list[str]) -> None:
    """DeviceError (one line) unless a CUDA device is there and every variant can run on it."""
    if not (device and str(device).startswith("cuda")):
        return
    from .errors import DeviceError
    from .modeling import resolve_device

    resolve_device(device)  # raises DeviceError without a GPU
    bad = [v for v in variants if v not in GPU_VARIANTS]
    if bad:
        raise DeviceError(f"--device cuda runs {', '.join(GPU_VARIANTS)} only (int8 and ONNX are CPU variants), "
                          f"not {bad[0]}")


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


def run_variant(model: Optional[str], variant: str, n_docs: int, device: Optional[str], batch_size: int,
                articles_dir: Optional[str] = None, dev: Optional[str] = None,
                window: Optional[tuple[int, int]] = None) -> dict:
    """Measure one variant in this process (called in a fresh subprocess by bench())."""
    started, started_cpu = time.perf_counter(), time.process_time()
    from qianyue.api import AgreementExtractor
    from qianyue.readers import parse_article

    runtime, quantize = VARIANTS[variant]
    extractor = AgreementExtractor.from_pretrained(model, device=device, runtime=runtime, quantize=quantize)
    load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    tagger = extractor.tagger
    if variant == "torch-bf16":
        import torch
        tagger.model.to(torch.bfloat16)
    if window:
        tagger.max_length, tagger.overlap = window
    raw = folder_articles(articles_dir, n_docs) if articles_dir else bench_articles(n_docs)
    articles = [parse_article(text, source=src) for src, text in raw]
    chars = sum(len(a.text) for a in articles)
    tagger.predict_probs([articles[0].text])  # warm-up

    t0 = time.perf_counter()
    tagger.predict_probs([a.text for a in articles], batch_size=batch_size)
    forward_s = time.perf_counter() - t0

    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(raw), batch_size):
        chunk = [parse_article(text, source=src) for src, text in raw[i:i + batch_size]]
        extractor.extract_articles(chunk)
    pipeline_s, pipeline_cpu_s = time.perf_counter() - t0, time.process_time() - c0

    latencies = []
    for src, text in raw[: min(len(raw), 20)]:
        t1 = time.perf_counter()
        extractor.extract_articles([parse_article(text, source=src)])
        latencies.append(time.perf_counter() - t1)
    latencies.sort()
    row = {"variant": variant, "runs": tagger.variant, "window": f"{tagger.max_length}/{tagger.overlap}",
           "docs": len(raw), "chars": chars, "load_s": round(load_s, 2), "load_cpu_s": round(load_cpu_s, 2),
           # CPU seconds of all threads: on a machine shared with other work, wall time measures the sharing too
           "pipeline_chars_cpu_s": round(chars / max(pipeline_cpu_s, 1e-9)),
           "forward_chars_s": round(chars / forward_s), "pipeline_chars_s": round(chars / pipeline_s),
           "pipeline_docs_s": round(len(raw) / pipeline_s, 2), "overhead": round(pipeline_s / forward_s, 3),
           "p50_ms": round(1000 * statistics.median(latencies)),
           "p95_ms": round(1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if dev:  # after the RSS reading: scoring loads the training package, which users do not
        row.update(dev_scores(tagger, model, dev, batch_size))
    return row


def dev_scores(tagger, model, dev: str, batch_size: int) -> dict:
    from qianyue.training.export_check import dev_documents
    from qianyue.training.metrics import evaluate_tagger

    docs = dev_documents(model, dev, log=lambda m: print(m, file=sys.stderr))
    scores = evaluate_tagger(tagger, docs, batch_size=batch_size)
    out = {"dev_docs": len(docs), "entity_f1": scores["entities"]["micro"]["f1"]}
    if "records" in scores:
        out["record_f1"] = scores["records"]["overall"]["f1"]  # the shared scorer's overall fact F1
    return out


def model_size_mb(path: Path) -> dict:
    from .layout import model_files_mb
    return model_files_mb(path)


def bench(model: Optional[str], variants: list[str], n_docs: int, device: Optional[str], batch_size: int,
          articles_dir: Optional[str] = None, dev: Optional[str] = None,
          windows: Optional[list[tuple[int, int]]] = None) -> list[dict]:
    rows = []
    for variant in variants:
        for window in windows or [None]:
            args = [model, variant, n_docs, device, batch_size, articles_dir, dev, window]
            proc = subprocess.run([sys.executable, "-m", "qianyue.bench", json.dumps(args)], capture_output=True,
                                  text=True)
            if proc.returncode != 0:
                rows.append({"variant": variant, "error": (proc.stderr.strip().splitlines() or ["failed"])[-1]})
            else:
                rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return rows


def format_rows(rows: list[dict]) -> str:
    head = (f"{'variant':<11} {'runs':<11} {'window':>7} {'load s':>7} {'load cpu':>8} {'fwd ch/s':>9} "
            f"{'pipe ch/s':>10} {'ch/cpu-s':>9} "
            f"{'docs/s':>7} {'pipe/fwd':>9} {'p50 ms':>7} {'p95 ms':>7} {'RSS MB':>7} {'ent F1':>7} {'rec F1':>7}")
    lines = [head]
    for r in rows:
        if "error" in r:
            lines.append(f"{r['variant']:<11} error: {r['error']}")
            continue
        f1 = ["-" if r.get(k) is None else f"{r[k]:.4f}" for k in ("entity_f1", "record_f1")]
        lines.append(f"{r['variant']:<11} {r['runs']:<11} {r['window']:>7} {r['load_s']:>7} {r['load_cpu_s']:>8} "
                     f"{r['forward_chars_s']:>9} {r['pipeline_chars_s']:>10} {r['pipeline_chars_cpu_s']:>9} "
                     f"{r['pipeline_docs_s']:>7} "
                     f"{r['overhead']:>9} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['peak_rss_mb']:>7} {f1[0]:>7} "
                     f"{f1[1]:>7}")
    return "\n".join(lines)


if __name__ == "__main__":
    model_arg, variant_arg, n_arg, device_arg, batch_arg, dir_arg, dev_arg, window_arg = json.loads(sys.argv[1])
    print(json.dumps(run_variant(model_arg, variant_arg, n_arg, device_arg, batch_arg, dir_arg, dev_arg,
                                 tuple(window_arg) if window_arg else None)))
