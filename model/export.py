"""ONNX export of a checkpoint, with a dynamically quantised int8 copy, and the onnxruntime session that runs it.

`qianyue export --model DIR --out DIR` writes a complete model directory (config, vocab, model card, weights) plus
model.onnx and model.int8.onnx; `--runtime onnx [--quantize int8]` then runs it without torch in the hot path.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

from .errors import DeviceError, ModelError
from .fileio import atomic_dir
from .layout import ONNX_FILES, TRAINING_ONLY_FILES, resolve_model_dir  # noqa: F401  (ONNX_FILES re-exported)


def export_onnx(model_dir, out_dir, int8: bool = True, opset: int = 17) -> Path:
    import torch
    from transformers import AutoModelForTokenClassification

    src = resolve_model_dir(model_dir)
    if not (src / "config.json").exists():
        raise ModelError(f"{src}: not a model directory")
    # eager attention traces to plain ONNX ops that every onnxruntime build has
    model = AutoModelForTokenClassification.from_pretrained(str(src), attn_implementation="eager").eval()

    class LogitsOnly(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=torch.zeros_like(input_ids)).logits

    wrapper = LogitsOnly(model).eval()
    example = torch.ones((1, 16), dtype=torch.long)
    with atomic_dir(out_dir) as tmp:
        for p in src.iterdir():
            if p.is_file() and p.suffix != ".onnx" and p.name not in TRAINING_ONLY_FILES:
                shutil.copy2(p, tmp / p.name)
        axes = {"input_ids": {0: "batch", 1: "width"}, "attention_mask": {0: "batch", 1: "width"},
                "logits": {0: "batch", 1: "width"}}
        with torch.no_grad():
            torch.onnx.export(wrapper, (example, example), str(tmp / ONNX_FILES[None]), opset_version=opset,
                              input_names=["input_ids", "attention_mask"], output_names=["logits"],
                              dynamic_axes=axes, dynamo=False)
        if int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic
            quantize_dynamic(str(tmp / ONNX_FILES[None]), str(tmp / ONNX_FILES["int8"]), weight_type=QuantType.QInt8)
    return Path(out_dir)


def onnx_session(model_dir: Path, quantize: Optional[str], device: Optional[str]):
    try:
        import onnxruntime as ort
    except ImportError:
        raise ModelError("the onnx runtime needs onnxruntime: pip install 'qianyue[onnx]'") from None
    path = Path(model_dir) / ONNX_FILES[quantize]
    if not path.exists():
        raise ModelError(f"{path}: no ONNX model here; make one with `qianyue export --model DIR --out DIR`")
    providers = ["CPUExecutionProvider"]
    if device and str(device).startswith("cuda"):
        if "CUDAExecutionProvider" not in ort.get_available_providers():
            raise DeviceError("--device cuda with the onnx runtime needs onnxruntime-gpu")
        providers.insert(0, "CUDAExecutionProvider")
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        return ort.InferenceSession(str(path), sess_options=options, providers=providers)
    except Exception as exc:  # onnxruntime raises its own exception types for corrupt files
        raise ModelError(f"{path}: cannot load ONNX model ({str(exc).splitlines()[0][:160]})") from None
