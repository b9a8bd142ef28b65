"""Where qianyue keeps what it downloads and builds: $QIANYUE_HOME, default ~/.cache/qianyue."""
from __future__ import annotations

import os
from pathlib import Path


def qianyue_home() -> Path:
    return Path(os.environ.get("QIANYUE_HOME") or Path.home() / ".cache" / "qianyue").expanduser()


def base_model_dir() -> Path:
    """The fetched m3e-small encoder, as a Hugging Face model directory."""
    return qianyue_home() / "base" / "m3e-small"


def default_model_dir() -> Path:
    """The default trained model that AgreementExtractor.from_pretrained() loads."""
    return qianyue_home() / "models" / "default"


def default_student_dir() -> Path:
    """Where `qianyue distill` writes the distilled student run by default (pick it with --model)."""
    return qianyue_home() / "models" / "default-student"
