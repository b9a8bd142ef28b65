"""`qianyue bench`: rows with real measurements and dev F1 per variant and window, the default variant is what
from_pretrained() runs, the bf16 GPU path computes on CPU too, and --device cuda without a GPU is a one-line error."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_TRAIN
from qianyue import layout

REPO = Path(__file__).resolve().parent.parent


def cli(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "qianyue.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for i, line in enumerate(TINY_TRAIN.read_text(encoding="utf-8").splitlines()[:6]):
        (folder / f"a{i}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
    return folder


def test_bench_default_and_windows_with_dev_scores(tiny_model, articles, tmp_path):
    pytest.importorskip("onnxruntime")
    from qianyue.bench import bench
    from qianyue.export import export_onnx
    ckpt = tmp_path / "model"
    shutil.copytree(layout.resolve_model_dir(tiny_model), ckpt)
    export_onnx(ckpt)
    rows = bench(str(ckpt), ["default", "torch-fp32"], 4, None, 8, str(articles), str(TINY_TRAIN),
                 [(48, 8), (24, 0)])
    assert len(rows) == 4 and not any("error" in r for r in rows), rows
    assert [r["runs"] for r in rows] == ["onnx-int8", "onnx-int8", "torch-fp32", "torch-fp32"]
    assert [r["window"] for r in rows] == ["48/8", "24/0", "48/8", "24/0"]
    for r in rows:
        assert r["docs"] == 4 and r["chars"] > 0 and r["pipeline_chars_s"] > 0 and r["peak_rss_mb"] > 0
        assert r["dev_docs"] > 0 and 0.0 <= r["entity_f1"] <= 1.0
    # the same weights and window score alike whichever runtime runs them
    assert abs(rows[0]["entity_f1"] - rows[2]["entity_f1"]) <= 0.02


def test_bf16_variant_runs_on_cpu(tiny_model, articles):
    from qianyue.bench import run_variant
    row = run_variant(str(tiny_model), "torch-bf16", 3, "cpu", 4, str(articles))
    assert row["runs"] == "torch-bf16" and row["pipeline_chars_s"] > 0


def test_bench_cuda_without_gpu_is_one_line(tiny_model):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    proc = cli("bench", "--model", str(tiny_model), "--device", "cuda", "--docs", "2", timeout=120)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and "cuda" in lines[0].lower(), proc.stderr
    proc = cli("bench", "--model", str(tiny_model), "--windows", "700/10", timeout=120)
    assert proc.returncode == 2 and proc.stderr.strip().startswith("qianyue: --windows")
