"""Faster variants agree with torch fp32 (same label on >= 99% of characters), and the distributed training path
runs for real with torchrun on CPU (gloo)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import TINY_TRAIN
from qianyue.errors import ModelError
from qianyue.modeling import Tagger

REPO = Path(__file__).resolve().parent.parent


def fixture_texts() -> list[str]:
    import json
    texts = [json.loads(line)["text"] for line in TINY_TRAIN.read_text(encoding="utf-8").splitlines()]
    return texts + ["".join(texts)]


@pytest.fixture(scope="module")
def exported(tiny_model, tmp_path_factory):
    pytest.importorskip("onnxruntime")
    from qianyue.export import export_onnx
    return export_onnx(tiny_model, tmp_path_factory.mktemp("onnx") / "model")


@pytest.mark.parametrize("runtime,quantize", [("torch", "int8"), ("onnx", None), ("onnx", "int8")])
def test_variants_agree_with_fp32(exported, runtime, quantize):
    texts = fixture_texts()
    reference = Tagger.from_pretrained(exported).predict_probs(texts)
    variant = Tagger.from_pretrained(exported, runtime=runtime, quantize=quantize).predict_probs(texts)
    ref_tags = np.concatenate([a.argmax(1) for a in reference])
    var_tags = np.concatenate([b.argmax(1) for b in variant])
    tagged = ref_tags != 0  # characters the reference puts in an entity: agreeing on all-O would prove nothing
    assert tagged.mean() >= 0.2 and len(set(ref_tags[tagged].tolist())) >= 4, "the tiny model must tag entities"
    assert (ref_tags == var_tags).mean() >= 0.99, f"{runtime}/{quantize}: {(ref_tags == var_tags).mean():.4f}"
    assert (ref_tags[tagged] == var_tags[tagged]).mean() >= 0.97
    if quantize is None:  # same weights, other runtime: the probabilities themselves agree
        assert max(float(np.abs(a - b).max()) for a, b in zip(reference, variant)) < 1e-3


def test_onnx_runtime_without_export_is_a_clear_error(tiny_model):
    with pytest.raises(ModelError, match="qianyue export"):
        Tagger.from_pretrained(tiny_model, runtime="onnx")


def test_torchrun_two_cpu_processes(tiny_base, tmp_path):
    pytest.importorskip("torch.distributed.run")
    out = tmp_path / "ddp"
    env = dict(os.environ, OMP_NUM_THREADS="1")
    with socket.socket() as probe:  # a free port: a fixed one may still be held by an earlier run
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node", "2", "--master_port", str(port),
           "-m", "qianyue.cli", "train", "--config", str(REPO / "configs" / "tiny.yaml"),
           f"base_model={tiny_base}", f"output_dir={out}", "epochs=2"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0 and "(SIGABRT)" in proc.stderr:
        # a rank aborted by the gloo transport on a loaded 2-core machine (seen once, with other jobs on the cores;
        # not reproduced alone): run again once on a fresh port; a failure of our code fails both times
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            cmd[cmd.index("--master_port") + 1] = str(probe.getsockname()[1])
        shutil.rmtree(out, ignore_errors=True)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-6000:]
    assert proc.stdout.count("model written to") == 1  # only rank 0 reports and writes
    Tagger.from_pretrained(out)  # the checkpoint written by rank 0 loads


@pytest.mark.parametrize("runtime,quantize", [("torch", None), ("onnx", "int8")])
def test_a_text_gets_the_same_probabilities_whatever_is_read_with_it(exported, runtime, quantize):
    # int8 scales activations per batch and padding follows the longest row: mixing texts in a batch would make a
    # document's records depend on its neighbours (one process vs a Ray actor vs a resumed run).
    texts = fixture_texts()
    tagger = Tagger.from_pretrained(exported, runtime=runtime, quantize=quantize)
    together = tagger.predict_probs(texts, batch_size=4)
    for text, mixed in zip(texts, together):
        alone = tagger.predict_probs([text], batch_size=4)[0]
        assert np.array_equal(alone, mixed)
    assert np.array_equal(tagger.predict_probs(texts[::-1], batch_size=4)[0], together[-1])


def test_onnx_runtime_keeps_to_omp_num_threads(exported, monkeypatch):
    # Ray sets OMP_NUM_THREADS to an actor's CPUs; onnxruntime would otherwise start one thread per core per actor
    from qianyue.runtimes import OnnxRuntime

    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert OnnxRuntime.load(exported, quantize="int8").session.get_session_options().intra_op_num_threads == 1
    assert OnnxRuntime.load(exported, quantize="int8", threads=2).session.get_session_options().intra_op_num_threads == 2
    monkeypatch.setenv("OMP_NUM_THREADS", "not a number")
    assert OnnxRuntime.load(exported, quantize="int8").session.get_session_options().intra_op_num_threads == 0
