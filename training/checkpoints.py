"""Checkpoint directories: written atomically, with the training config, metrics and a model card beside the
weights. A run directory holds `last/` (with the optimizer state, for --resume) and `best/` (best dev F1)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Optional

import yaml

from qianyue.base_model import LICENCE_NOTE
from qianyue.fileio import atomic_dir
from qianyue.layout import METRICS, MODEL_CARD, TRAINER_STATE, TRAINING_CONFIG, TRAINING_ONLY_FILES
from qianyue.version import __version__


def model_card(cfg_dict: dict, metrics: dict, base_model: str) -> str:
    micro = (metrics.get("dev") or {}).get("entities", {}).get("micro", {})
    rows = "\n".join(f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
                     for lab, m in ((metrics.get("dev") or {}).get("entities", {}).get("per_label") or {}).items())
    corpora = ", ".join(f"{c['name']}×{c['weight']}" for c in cfg_dict.get("corpora", []))
    return f"""# qianyue agreement tagger

Character-level BIO token classifier for Chinese government–enterprise signing news, trained with qianyue
{__version__}. Labels: {", ".join(cfg_dict.get("labels", []))}.

- Base encoder: `{base_model}`
- Training sources: {corpora}
- Step {metrics.get("step")} of {metrics.get("total_steps")}, {metrics.get("train_seconds", 0):.0f} s of training
- Dev entity micro F1: {micro.get("f1", float("nan")):.4f} (precision {micro.get("precision", float("nan")):.4f}, recall {micro.get("recall", float("nan")):.4f})

| label | precision | recall | F1 | support |
|---|---|---|---|---|
{rows}

Use: `qianyue predict ARTICLE --model THIS_DIR` or `AgreementExtractor.from_pretrained("THIS_DIR")`.

Licence: the weights derive from the base encoder and inherit its terms. {LICENCE_NOTE if "m3e" in base_model else ""}
"""


def save_checkpoint(target: Path, tagger, cfg_dict: dict, metrics: dict, base_model: str,
                    trainer_state: Optional[dict] = None) -> None:
    import torch

    with atomic_dir(target) as tmp:
        tagger.save_pretrained(tmp, extra={"base_model": base_model})
        (tmp / TRAINING_CONFIG).write_text(yaml.safe_dump(cfg_dict, allow_unicode=True, sort_keys=False),
                                                 encoding="utf-8")
        (tmp / METRICS).write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
        (tmp / MODEL_CARD).write_text(model_card(cfg_dict, metrics, base_model), encoding="utf-8")
        if trainer_state is not None:
            torch.save(trainer_state, tmp / TRAINER_STATE)


def copy_checkpoint(source: Path, target: Path) -> None:
    """Atomically replace target with source minus the trainer state (the best model needs no optimizer)."""
    with atomic_dir(target) as tmp:
        for p in source.iterdir():
            if p.name not in TRAINING_ONLY_FILES and p.is_file():
                shutil.copy2(p, tmp / p.name)
