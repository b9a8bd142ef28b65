"""The tagger: a BERT token classifier over characters, its checkpoint layout, and batched windowed inference.

Checkpoint directory (save_pretrained layout): config.json (with id2label/label2id and a "qianyue" block holding the
qianyue version, window length and overlap), model.safetensors, vocab.txt, and beside them what the trainer adds
(training_config.yaml, metrics.json, README.md model card).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .errors import DeviceError, ModelError
from .labels import bio_tags, labels_from_tags
from .tokenization import CharTokenizer
from .version import __version__
from .windows import merge_windows, window_spans

REQUIRED_FILES = ("config.json", "model.safetensors")


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


def resolve_model_dir(path) -> Path:
    """A training run directory stands for its best checkpoint (then its last); a checkpoint dir for itself."""
    path = Path(path)
    if (path / "config.json").exists():
        return path
    for sub in ("best", "last"):
        if (path / sub / "config.json").exists():
            return path / sub
    return path


RUNTIMES = ("torch", "onnx")
QUANTIZE = (None, "int8")


class Tagger:
    def __init__(self, model, tokenizer: CharTokenizer, tags: Sequence[str], max_length: int = 256,
                 overlap: int = 64, device=None, session=None):
        self.model = model          # a torch module, or None when an onnxruntime session does the work
        self.session = session
        self.tokenizer = tokenizer
        self.tags = list(tags)
        self.labels = labels_from_tags(self.tags)
        self.max_length = int(max_length)
        self.overlap = int(overlap)
        if device is None and model is not None:
            device = next(model.parameters()).device
        self.device = device

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
        """Load a checkpoint. runtime "onnx" runs the model.onnx / model.int8.onnx written by `qianyue export`;
        quantize "int8" with the torch runtime applies dynamic int8 quantisation to the linear layers (CPU)."""
        from transformers import AutoModelForTokenClassification

        if runtime not in RUNTIMES:
            raise ModelError(f"unknown runtime {runtime!r} (choose {', '.join(RUNTIMES)})")
        if quantize not in QUANTIZE:
            raise ModelError(f"unknown quantisation {quantize!r} (choose int8)")
        path = resolve_model_dir(path)
        if not path.is_dir():
            raise ModelError(f"{path}: model directory not found")
        missing = [f for f in REQUIRED_FILES if not (path / f).exists()]
        if missing:
            raise ModelError(f"{path}: incomplete checkpoint, missing {', '.join(missing)}")
        try:
            cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ModelError(f"{path / 'config.json'}: not valid JSON ({exc})") from None
        if not isinstance(cfg, dict):
            raise ModelError(f"{path / 'config.json'}: not a model config (a JSON object), got {type(cfg).__name__}")
        id2label = cfg.get("id2label") or {}
        if not isinstance(id2label, dict):
            raise ModelError(f"{path / 'config.json'}: id2label must map ids to tags, got {type(id2label).__name__}")
        tags = [str(id2label.get(str(i), "?")) for i in range(len(id2label))]
        if not tags or tags[0] != "O" or any(not (t == "O" or t[:2] in ("B-", "I-")) for t in tags):
            raise ModelError(f"{path / 'config.json'}: id2label is not a BIO tag set: {tags[:5]}")
        extra = cfg.get("qianyue") or {}
        if not isinstance(extra, dict) or not all(isinstance(extra.get(k, 1), int) and extra.get(k, 1) >= 0
                                                  for k in ("max_length", "overlap")):
            raise ModelError(f"{path / 'config.json'}: the \"qianyue\" block must hold integer max_length/overlap")
        tokenizer = CharTokenizer.from_dir(path)
        if runtime == "onnx":
            from .export import onnx_session
            session = onnx_session(path, quantize, device)
            return cls(None, tokenizer, tags, extra.get("max_length", 256), extra.get("overlap", 64), "cpu", session)
        dev = resolve_device(device)
        try:
            model = AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True)
        except Exception as exc:  # transformers/safetensors raise many types for truncated or corrupt weights
            raise ModelError(f"{path}: cannot load weights ({type(exc).__name__}: {str(exc).splitlines()[0][:160]})") \
                from None
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
        return cls(model, tokenizer, tags, extra.get("max_length", 256), extra.get("overlap", 64), dev)

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

    def forward_probs(self, ids, mask) -> np.ndarray:
        """Tag probabilities [batch, width, n_tags] for padded id/mask tensors (torch or onnxruntime)."""
        import torch

        if self.session is not None:
            logits = self.session.run(None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})[0]
            logits = logits - logits.max(axis=-1, keepdims=True)
            e = np.exp(logits)
            return e / e.sum(axis=-1, keepdims=True)
        with torch.inference_mode():
            logits = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device)).logits
            return torch.softmax(logits.float(), dim=-1).cpu().numpy()

    def predict_probs(self, texts: Sequence[str], batch_size: int = 16) -> list[np.ndarray]:
        """Per-character tag probabilities [len(text), n_tags] for each text (windows batched across texts,
        sorted by length to limit padding)."""
        import torch

        size = self.max_length - 2
        jobs = []  # (text index, window index, start, end)
        plans = []
        for ti, text in enumerate(texts):
            spans = window_spans(len(text), size, self.overlap) if text else []
            plans.append(spans)
            jobs += [(ti, wi, s, e) for wi, (s, e) in enumerate(spans)]
        jobs.sort(key=lambda j: j[3] - j[2], reverse=True)
        encoded = [self.tokenizer.encode(t) for t in texts]
        results: list[list] = [[None] * len(p) for p in plans]
        if self.model is not None:
            self.model.eval()
        for b in range(0, len(jobs), batch_size):
            batch = jobs[b:b + batch_size]
            width = max(e - s for _, _, s, e in batch) + 2
            ids = torch.full((len(batch), width), self.tokenizer.pad_id, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for r, (ti, _, s, e) in enumerate(batch):
                row = self.encode_window(encoded[ti][s:e])
                ids[r, :len(row)] = torch.tensor(row)
                mask[r, :len(row)] = 1
            probs = self.forward_probs(ids, mask)
            for r, (ti, wi, s, e) in enumerate(batch):
                results[ti][wi] = probs[r, 1:1 + e - s]
        n_tags = len(self.tags)
        return [merge_windows(len(t), plans[i], results[i]) if t else np.zeros((0, n_tags), dtype=np.float32)
                for i, t in enumerate(texts)]
