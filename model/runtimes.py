"""Runtimes: what turns a batch of padded token ids into tag probabilities. One small interface, two engines.

    runtime.probs(ids, mask) -> float32 [batch, width, n_tags]       (ids, mask: int64 numpy arrays)

TorchRuntime runs a transformers token classifier (any device; training uses it). OnnxRuntime runs the
model.onnx / model.int8.onnx written by `qianyue export` with onnxruntime and numpy only: importing this module and
loading an ONNX model never imports torch or transformers (tests/test_runtimes.py checks sys.modules).

choose() decides which one a model directory gets when the caller says runtime="auto" (the default of
AgreementExtractor.from_pretrained and `qianyue predict`): the int8 ONNX export when it is there and was exported
from exactly these weights (layout.weights_fingerprint, stamped into the ONNX metadata), else torch with a
one-line notice on stderr saying why and how to get the fast path.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import numpy as np

from .errors import DeviceError, ModelError
from .layout import FINGERPRINT_KEY, ONNX_FILES, onnx_path, weights_fingerprint

RUNTIMES = ("auto", "torch", "onnx")
QUANTIZE = (None, "int8")


def softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(logits, dtype=np.float32)
    return e / e.sum(axis=-1, keepdims=True)


class TorchRuntime:
    name = "torch"

    def __init__(self, model, device=None):
        self.model = model
        self.device = device if device is not None else next(model.parameters()).device

    def probs(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        import torch

        self.model.eval()
        with torch.inference_mode():
            logits = self.model(input_ids=torch.from_numpy(ids).to(self.device),
                                attention_mask=torch.from_numpy(mask).to(self.device)).logits
            return torch.softmax(logits.float(), dim=-1).cpu().numpy()


def _threads_from_env() -> Optional[int]:
    """OMP_NUM_THREADS, which torch obeys and Ray sets to an actor's CPUs: onnxruntime's own pool would otherwise
    take every core, so two actors on two cores would each run two threads and slow one another."""
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


class OnnxRuntime:
    name = "onnx"

    def __init__(self, session, quantize: Optional[str] = None):
        self.session = session
        self.quantize = quantize
        self.device = "cpu"

    @property
    def fingerprint(self) -> Optional[str]:
        """The weights fingerprint stamped into the ONNX file by `qianyue export` (None for older exports)."""
        return self.session.get_modelmeta().custom_metadata_map.get(FINGERPRINT_KEY)

    @classmethod
    def load(cls, model_dir, quantize: Optional[str] = None, device: Optional[str] = None,
             threads: Optional[int] = None) -> "OnnxRuntime":
        if device not in (None, "auto", "cpu") and not str(device).startswith("cuda"):
            # torch refuses an unknown device name itself; without this the ONNX runtime would run on the CPU
            raise DeviceError(f"unknown device {device!r} (choose cpu or cuda)")
        try:
            import onnxruntime as ort
        except ImportError:
            raise ModelError("the onnx runtime needs onnxruntime: pip install onnxruntime") from None
        path = onnx_path(model_dir, quantize)
        if not path.exists():
            raise ModelError(f"{path}: no ONNX model here; make one with `qianyue export --model {model_dir}`")
        providers = ["CPUExecutionProvider"]
        if device and str(device).startswith("cuda"):
            if quantize == "int8":
                raise DeviceError("int8 quantisation runs on the CPU only (use --device cpu)")
            if "CUDAExecutionProvider" not in ort.get_available_providers():
                raise DeviceError("--device cuda with the onnx runtime needs onnxruntime-gpu")
            providers.insert(0, "CUDAExecutionProvider")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        threads = threads or _threads_from_env()
        if threads:
            options.intra_op_num_threads = threads
        try:
            session = ort.InferenceSession(str(path), sess_options=options, providers=providers)
        except Exception as exc:  # onnxruntime raises its own exception types for corrupt files
            raise ModelError(f"{path}: cannot load ONNX model ({str(exc).splitlines()[0][:160]})") from None
        return cls(session, quantize)

    def probs(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        logits = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return softmax(logits)


def export_is_current(model_dir, quantize: Optional[str] = "int8") -> bool:
    """Whether the checkpoint has an ONNX export made from its present weights (reads only the export report)."""
    from .layout import read_export_report, resolve_model_dir

    path = resolve_model_dir(model_dir)
    report = read_export_report(path) or {}
    return (onnx_path(path, quantize).exists() and ONNX_FILES[quantize] in report.get("files", [])
            and report.get("weights_fingerprint") == weights_fingerprint(path))


def check_choice(runtime: str, quantize: Optional[str]) -> None:
    if runtime not in RUNTIMES:
        raise ModelError(f"unknown runtime {runtime!r} (choose {', '.join(RUNTIMES)})")
    if quantize not in QUANTIZE:
        raise ModelError(f"unknown quantisation {quantize!r} (choose int8)")


def notice(message: str) -> None:
    print(f"qianyue: note: {message}", file=sys.stderr)


def choose(model_dir: Path, runtime: str, quantize: Optional[str], device: Optional[str]):
    """(runtime name, quantize, loaded OnnxRuntime or None) for a checkpoint directory.

    runtime "auto" takes the int8 ONNX export (or the quantisation asked for) when it exists and matches the
    weights, and a CUDA device when one is asked for explicitly goes to torch; otherwise torch, with a notice."""
    check_choice(runtime, quantize)
    if runtime != "auto":
        return runtime, quantize, None
    if device and str(device).startswith("cuda"):
        return "torch", quantize, None
    wanted = quantize or "int8"
    path = model_dir / ONNX_FILES[wanted]
    if not path.exists():
        notice(f"{model_dir}: no {ONNX_FILES[wanted]} export; using the slower torch runtime "
               f"(run `qianyue export --model {model_dir}` for the fast one)")
        return "torch", quantize, None
    try:
        loaded = OnnxRuntime.load(model_dir, wanted, device)
    except ModelError as exc:
        notice(f"{exc}; using the torch runtime")
        return "torch", quantize, None
    expected = weights_fingerprint(model_dir)
    if expected is not None and loaded.fingerprint != expected:
        notice(f"{path}: exported from other weights than {model_dir}/model.safetensors; using the torch runtime "
               f"(run `qianyue export --model {model_dir}` again)")
        return "torch", quantize, None
    return "onnx", wanted, loaded
