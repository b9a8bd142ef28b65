"""The checkpoint layout: which files a model directory holds, what they are called, and how to read the small ones.

Every other module asks this one (the trainer writing checkpoints, the runtimes loading them, `qianyue export`
adding ONNX files, `qianyue bench` sizing them). It imports nothing heavy — only json, hashlib and numpy-free
stdlib — so the ONNX inference path can read a checkpoint without torch or transformers.

A checkpoint directory (Hugging Face save_pretrained layout plus ours):

    config.json           BERT config with id2label/label2id and a "qianyue" block (version, labels, window
                          length and overlap, base model)
    model.safetensors     the weights
    vocab.txt             one token per line (our character tokenizer reads it; tokenizer.json also accepted)
    training_config.yaml, metrics.json, README.md      written by the trainer beside the weights
    model.onnx, model.int8.onnx                         written by `qianyue export`, each stamped with the
                          fingerprint of the weights it was exported from (ONNX metadata), so a stale export is
                          never used for changed weights
    onnx_export.json      what `qianyue export` measured (dev entity F1 of fp32 and int8)
    trainer_state.json, optimizer.pt, scheduler.pt, rng_state.pth, training_args.json
                          transformers.Trainer state, only in a run's last/ checkpoint (for --resume; the .pt/.pth
                          files are read with torch.load(weights_only=True), never unpickled)

A run directory holds last/ and best/; wherever a model directory is expected, a run directory stands for its
best checkpoint (then its last).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional

from .errors import ModelError

CONFIG = "config.json"
WEIGHTS = "model.safetensors"
VOCAB = "vocab.txt"
TRAINING_CONFIG = "training_config.yaml"
METRICS = "metrics.json"
MODEL_CARD = "README.md"
TRAINER_STATE = "trainer_state.json"
# The character tokenizer, named in config.json "tokenizer_class" so that generic Hugging Face loaders (AutoTokenizer,
# pipeline("token-classification")) refuse the checkpoint with a message naming qianyue instead of silently
# tokenising it with WordPiece; our loaders read vocab.txt and ignore the field (old checkpoints lack it).
TOKENIZER_CLASS = "QianyueCharTokenizer"
EXPORT_REPORT = "onnx_export.json"
ONNX_FILES = {None: "model.onnx", "int8": "model.int8.onnx"}

REQUIRED_FILES = (CONFIG, WEIGHTS)
# Files that belong to resuming a training run, never to a model that is shipped, copied to best/ or exported.
TRAINING_ONLY_FILES = frozenset({TRAINER_STATE, "optimizer.pt", "scheduler.pt", "scaler.pt", "rng_state.pth",
                                 "rng_state_0.pth", "training_args.json", "trainer_state.pt"})
RUN_CHECKPOINTS = ("best", "last")

# The key under which an exported ONNX file records the weights it came from (ONNX model metadata_props).
FINGERPRINT_KEY = "qianyue.weights_fingerprint"

# Window geometry used when a checkpoint does not record its own (config.json "qianyue" block). Measured choice:
# see docs/benchmarks.md ("Windows and overlap").
DEFAULT_MAX_LENGTH = 256
DEFAULT_OVERLAP = 64


def resolve_model_dir(path) -> Path:
    """A training run directory stands for its best checkpoint (then its last); a checkpoint dir for itself."""
    path = Path(path)
    if (path / CONFIG).exists():
        return path
    for sub in RUN_CHECKPOINTS:
        if (path / sub / CONFIG).exists():
            return path / sub
    return path


def check_checkpoint(path, need_weights: bool = True) -> Path:
    """The resolved checkpoint directory; ModelError if it is missing or lacks a required file."""
    path = resolve_model_dir(path)
    if not path.is_dir():
        raise ModelError(f"{path}: model directory not found")
    required = REQUIRED_FILES if need_weights else (CONFIG,)
    missing = [f for f in required if not (path / f).exists()]
    if missing:
        raise ModelError(f"{path}: incomplete checkpoint, missing {', '.join(missing)}")
    return path


def load_token_classifier(path, **kwargs):
    """The transformers model of a checkpoint directory (kwargs go to from_pretrained); ModelError (one line) for
    truncated or corrupt weights, for which transformers and safetensors raise many exception types."""
    from transformers import AutoModelForTokenClassification

    try:
        return AutoModelForTokenClassification.from_pretrained(str(path), local_files_only=True, **kwargs)
    except Exception as exc:
        raise ModelError(f"{path}: cannot load weights ({type(exc).__name__}: {str(exc).splitlines()[0][:160]})") \
            from None


def read_config(path) -> dict:
    """config.json of a checkpoint directory as a dict (ModelError naming the file if it is not JSON)."""
    file = Path(path) / CONFIG
    try:
        cfg = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{file}: missing") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{file}: not valid JSON ({exc})") from None
    if not isinstance(cfg, dict):
        raise ModelError(f"{file}: not a JSON object")
    return cfg


def tags_from_config(cfg: dict, path) -> list[str]:
    """The BIO tag list in id order from config.json id2label (ModelError unless it is a BIO tag set)."""
    id2label = cfg.get("id2label") or {}
    if not isinstance(id2label, dict):  # e.g. a list: a hand-edited config (issue 17, row 13)
        raise ModelError(f"{Path(path) / CONFIG}: id2label must map ids to tags, not a {type(id2label).__name__}")
    tags = [str(id2label.get(str(i), "?")) for i in range(len(id2label))]
    if not tags or tags[0] != "O" or any(not (t == "O" or t[:2] in ("B-", "I-")) for t in tags):
        raise ModelError(f"{Path(path) / CONFIG}: id2label is not a BIO tag set: {tags[:5]}")
    return tags


def recorded_assembler(cfg: dict, path=None) -> Optional[str]:
    """The record assembly the training recipe chose for this checkpoint (config.json "qianyue" block, key
    "assembler"), None when it chose none; an unknown name is an error naming the file, not a silent fallback."""
    from .assembly import ASSEMBLERS

    extra = cfg.get("qianyue") or {}
    name = extra.get("assembler") if isinstance(extra, dict) else None
    if name is not None and name not in ASSEMBLERS:
        where = f"{path}/{CONFIG}" if path else CONFIG
        raise ModelError(f"{where}: unknown assembler {name!r} (choose {', '.join(ASSEMBLERS)})")
    return name


def window_settings(cfg: dict) -> tuple[int, int]:
    """(max_length, overlap) to predict with, from config.json's "qianyue" block: the window chosen for inference
    (predict_max_length / predict_overlap, from the training recipe) when recorded, else the training window."""
    extra = cfg.get("qianyue") or {}
    try:
        if not isinstance(extra, dict):
            raise TypeError(f"the \"qianyue\" block is a {type(extra).__name__}")
        max_length = int(extra.get("predict_max_length") or extra.get("max_length", DEFAULT_MAX_LENGTH))
        max_length = min(max_length, int(cfg.get("max_position_embeddings", max_length)))
        overlap = extra.get("predict_overlap")
        if overlap is None:
            overlap = extra.get("overlap", DEFAULT_OVERLAP)
        overlap = int(overlap)
    except (TypeError, ValueError) as exc:
        raise ModelError(f"{CONFIG}: bad window settings ({exc})") from None
    if max_length < 3 or overlap < 0:
        raise ModelError(f"{CONFIG}: window settings out of range (max_length {max_length}, overlap {overlap})")
    return max_length, min(overlap, max_length // 2 - 1)


def onnx_path(path, quantize: Optional[str] = None) -> Path:
    if quantize not in ONNX_FILES:
        raise ModelError(f"unknown quantisation {quantize!r} (choose int8)")
    return Path(path) / ONNX_FILES[quantize]


def weights_fingerprint(path) -> Optional[str]:
    """A short fingerprint of the checkpoint's weights file, or None when it has none.

    Cheap enough for every load (reads ~2.3 MB whatever the model size) where a full sha256 of a 90 MB file would
    cost a third of the 1 s load budget: sha256 over the file size, the first MiB (the safetensors header: names,
    shapes, offsets, then the first tensors), the last MiB (the classifier head sorts last) and 64 blocks of 4 KiB
    spread evenly between. Retrained or fine-tuned weights differ almost everywhere, and a retrained head alone
    still changes the last MiB, so different weights do not share a fingerprint by accident.
    """
    file = Path(path) / WEIGHTS
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        return None
    h = hashlib.sha256(str(size).encode())
    with open(file, "rb") as f:
        h.update(f.read(1 << 20))
        block, count = 4096, 64
        if size > (1 << 20) + block:
            stride = (size - (1 << 20) - block) // count
            for k in range(count):
                f.seek((1 << 20) + k * stride)
                h.update(f.read(block))
        if size > 2 << 20:
            f.seek(size - (1 << 20))
            h.update(f.read())
    return h.hexdigest()[:32]


def model_files_mb(path) -> dict:
    """Sizes in MB of the weight files present (safetensors and ONNX)."""
    path = Path(path)
    sizes = {}
    for name in (WEIGHTS, *ONNX_FILES.values()):
        if (path / name).exists():
            sizes[name] = round((path / name).stat().st_size / 2**20, 1)
    return sizes


def shipped_files(path) -> list[Path]:
    """The files of a checkpoint that a copy of the model needs (everything but training-only state)."""
    return sorted(p for p in Path(path).iterdir() if p.is_file() and p.name not in TRAINING_ONLY_FILES)


def read_export_report(path) -> Optional[dict]:
    file = Path(path) / EXPORT_REPORT
    if not file.exists():
        return None
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None


def replace_file(tmp: Path, final: Path) -> None:
    """Move a finished temporary file into place in one step (no reader sees half a file)."""
    os.replace(tmp, final)
