"""The tagger: a BERT token classifier over characters and batched windowed inference.

The checkpoint layout (file names, config reading, fingerprints) belongs to layout.py.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .errors import DeviceError, ModelError
from .labels import bio_tags, labels_from_tags
from .layout import (DEFAULT_MAX_LENGTH, DEFAULT_OVERLAP, REQUIRED_FILES, check_checkpoint, load_token_classifier,  # noqa: F401
                     read_config, recorded_assembler, resolve_model_dir, tags_from_config, window_settings)
from .tokenization import CharTokenizer
from .version import __version__
from .windows import merge_windows, window_spans


def resolve_device(device: Optional[str]):
    import torch

    if device in (None, "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if str(device).startswith("cuda") and not torch.cuda.is_available():
        raise DeviceError(f"--device {device} was asked for, but no CUDA GPU is available (use --device cpu)")
    try:
        return torch.device(device)
    except RuntimeError as exc:
        raise DeviceError(f"unknown device {device!r}: {exc}") from None


def check_base_model(path) -> None:
    """Raise ModelError unless path is a local BERT-style Hugging Face checkpoint with a WordPiece vocab."""
    path = Path(path)
    if not (path / "config.json").exists():
        raise ModelError(f"{path}: not a model directory (no config.json); run `qianyue fetch-base` "
                         "or give --base-model a local Hugging Face BERT checkpoint")
    try:
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ModelError(f"{path / 'config.json'}: not valid JSON ({exc})") from None
    if cfg.get("model_type") not in {"bert", "roberta", "ernie", "nezha", "megatron-bert", "xlm-roberta"}:
        raise ModelError(f"{path}: model_type {cfg.get('model_type')!r} is not a BERT-style encoder")
    CharTokenizer.from_dir(path)


class Tagger:
    """Tokenizer + tag set + window geometry + a runtime (runtimes.py) that computes tag probabilities.

    `model` is the torch module when there is one (training, the torch runtime), None for an ONNX-only tagger."""

    def __init__(self, model, tokenizer: CharTokenizer, tags: Sequence[str], max_length: int = DEFAULT_MAX_LENGTH,
                 overlap: int = DEFAULT_OVERLAP, device=None, runtime=None):
        self.model = model
        self.tokenizer = tokenizer
        self.tags = list(tags)
        self.labels = labels_from_tags(self.tags)
        self.max_length = int(max_length)
        self.overlap = int(overlap)
        if device is None and model is not None:
            device = next(model.parameters()).device
        self.device = device
        self._runtime = runtime
        self.assembler: Optional[str] = None  # the record assembly the checkpoint asks for (config.json), if any
        self.judge = None  # the checkpoint's own record judge (record_judge.json), if it has one

    @property
    def runtime(self):
        """The engine for inference: the fixed one given (ONNX), else torch on the current model and device (the
        trainer moves the model between devices, so this is looked up at each call)."""
        if self._runtime is not None:
            return self._runtime
        from .runtimes import TorchRuntime
        return TorchRuntime(self.model, self.device)

    @property
    def variant(self) -> str:
        """e.g. "onnx-int8" or "torch-fp32": what runs, for reports and notices."""
        if self._runtime is not None:
            return f"{self._runtime.name}-{getattr(self._runtime, 'quantize', None) or 'fp32'}"
        if any("quantized" in type(m).__module__ for m in self.model.modules()):
            return "torch-int8"
        dtype = str(next(self.model.parameters()).dtype)
        return "torch-bf16" if dtype.endswith("bfloat16") else "torch-fp32"

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_base(cls, base_path, labels: Sequence[str], max_length: int = 256, overlap: int = 64) -> "Tagger":
        """A fresh tagger on a base encoder (new classification head), for training."""
        from transformers import AutoModelForTokenClassification
        from transformers.utils import logging as hf_logging

        check_base_model(base_path)
        hf_logging.set_verbosity_error()  # the "newly initialized classifier" notice is expected here
        tags = bio_tags(labels)
        model = AutoModelForTokenClassification.from_pretrained(
            str(base_path), num_labels=len(tags), id2label=dict(enumerate(tags)),
            label2id={t: i for i, t in enumerate(tags)}, local_files_only=True)
        max_length = min(max_length, getattr(model.config, "max_position_embeddings", max_length))
        return cls(model, CharTokenizer.from_dir(base_path), tags, max_length, overlap)

    @classmethod
    def from_pretrained(cls, path, device: Optional[str] = None, runtime: str = "torch",
                        quantize: Optional[str] = None) -> "Tagger":
        """Load a checkpoint. runtime "onnx" runs the model.onnx / model.int8.onnx written by `qianyue export`
        (no torch); "auto" takes the int8 export when it matches the weights, else torch (runtimes.choose);
        quantize "int8" with the torch runtime applies dynamic int8 quantisation to the linear layers (CPU)."""
        from .runtimes import OnnxRuntime, check_choice, choose

        check_choice(runtime, quantize)
        path = check_checkpoint(path, need_weights=runtime == "torch")
        cfg = read_config(path)
        tags = tags_from_config(cfg, path)
        max_length, overlap = window_settings(cfg)
        assembler = recorded_assembler(cfg, path)  # checked before any weights are read
        judge = _own_judge(path)  # (a bad file is a ConfigError naming it, before any weights are read)
        tokenizer = CharTokenizer.from_dir(path)
        runtime, quantize, loaded = choose(path, runtime, quantize, device)
        if runtime == "onnx":
            loaded = loaded or OnnxRuntime.load(path, quantize, device)
            tagger = cls(None, tokenizer, tags, max_length, overlap, loaded.device, loaded)
            tagger.assembler, tagger.judge = assembler, judge
            return tagger
        check_checkpoint(path)
        dev = resolve_device(device)
        model = load_token_classifier(path)
        if len(tokenizer) > model.get_input_embeddings().num_embeddings:
            raise ModelError(f"{path}: vocab.txt has {len(tokenizer)} tokens but the model embeds only "
                             f"{model.get_input_embeddings().num_embeddings}")
        try:
            model.to(dev).eval()
        except (RuntimeError, AssertionError) as exc:
            raise DeviceError(f"cannot use device {dev}: {str(exc).splitlines()[0][:160]}") from None
        if quantize == "int8":
            if dev.type != "cpu":
                raise DeviceError("int8 quantisation runs on the CPU only (use --device cpu)")
            import torch
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        tagger = cls(model, tokenizer, tags, max_length, overlap, dev)
        tagger.assembler, tagger.judge = assembler, judge
        return tagger

    def save_pretrained(self, path, extra: Optional[dict] = None) -> None:
        """Write the checkpoint files into path (a directory the caller makes atomic)."""
        path = Path(path)
        self.model.config.update({"qianyue": {"version": __version__, "max_length": self.max_length,
                                              "overlap": self.overlap, "labels": self.labels, **(extra or {})}})
        self.model.save_pretrained(path, safe_serialization=True)
        self.tokenizer.save(path)

    # ------------------------------------------------------------------ inference
    def encode_window(self, ids: list[int]) -> list[int]:
        return [self.tokenizer.cls_id] + ids + [self.tokenizer.sep_id]

    def predict_probs(self, texts: Sequence[str], batch_size: int = 16) -> list[np.ndarray]:
        """Per-character tag probabilities [len(text), n_tags] for each text.

        On the CPU a batch holds windows of one text only, so a text's probabilities never depend on which texts
        were read with it: the int8 runtime quantises activations per batch (one scale for the whole input), and
        padding to a neighbour's length changes summation order. One process, a Ray actor or a resumed run then
        give the same records for the same article. On a GPU, where filling the batch is what pays, windows of
        several texts share a batch (sorted by length to limit padding)."""
        size = self.max_length - 2
        plans = [window_spans(len(text), size, self.overlap) if text else [] for text in texts]
        per_text = [[(ti, wi, s, e) for wi, (s, e) in enumerate(spans)] for ti, spans in enumerate(plans)]
        if str(self.runtime.device).startswith("cuda"):
            jobs = sorted((job for text_jobs in per_text for job in text_jobs), key=lambda j: j[3] - j[2], reverse=True)
            batches = [jobs[b:b + batch_size] for b in range(0, len(jobs), batch_size)]
        else:
            batches = [text_jobs[b:b + batch_size] for text_jobs in per_text
                       for b in range(0, len(text_jobs), batch_size)]
        encoded = [self.tokenizer.encode(t) for t in texts]
        results: list[list] = [[None] * len(p) for p in plans]
        runtime = self.runtime
        for batch in batches:
            width = max(e - s for _, _, s, e in batch) + 2
            ids = np.full((len(batch), width), self.tokenizer.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for r, (ti, _, s, e) in enumerate(batch):
                row = self.encode_window(encoded[ti][s:e])
                ids[r, :len(row)] = row
                mask[r, :len(row)] = 1
            probs = runtime.probs(ids, mask)
            for r, (ti, wi, s, e) in enumerate(batch):
                results[ti][wi] = probs[r, 1:1 + e - s]
        n_tags = len(self.tags)
        return [merge_windows(len(t), plans[i], results[i]) if t else np.zeros((0, n_tags), dtype=np.float32)
                for i, t in enumerate(texts)]


def _own_judge(path: Path):
    """The record judge a model directory carries (record_judge.json next to config.json), or None."""
    from .assembly import JUDGE_FILE, read_judge

    return read_judge(Path(path) / JUDGE_FILE)  # (read each time: a retrained model's judge is never stale)
