"""Checkpoint directories in our layout (qianyue.layout): weights, vocab, the training config, metrics and a model
card, written into a temporary directory that the caller renames into place (qianyue.fileio.atomic_dir). A run
directory holds `last/` (plus transformers.Trainer state, for --resume) and `best/` (best dev F1, no state)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Optional

import yaml

from qianyue.base_model import LICENCE_NOTE
from qianyue.errors import QianyueError
from qianyue.fileio import atomic_dir
from qianyue.layout import METRICS, MODEL_CARD, TOKENIZER_CLASS, TRAINING_CONFIG, TRAINING_ONLY_FILES
from qianyue.version import __version__

M3E = "moka-ai/m3e-small"


class CheckpointWriteError(QianyueError):
    """A checkpoint could not be written (e.g. the disk is full); the previous one is left as it was."""


def _micro(scores: Optional[dict]) -> dict:
    return ((scores or {}).get("entities") or {}).get("micro") or {}


def card_metadata(cfg_dict: dict, metrics: dict, base_model: str) -> dict:
    """The model card's YAML header (Hugging Face model-card metadata keys where they exist)."""
    is_m3e = "m3e" in base_model.lower()
    meta = {
        "library_name": "qianyue",
        "pipeline_tag": "token-classification",
        "language": ["zh"],
        "tags": ["token-classification", "ner", "chinese", "character-level", "qianyue"],
        "base_model": M3E if is_m3e else base_model,
        "license": "other",
        "license_name": "m3e-research-only" if is_m3e else "inherits-base-model",
        "license_note": (LICENCE_NOTE if is_m3e else "The weights derive from the base encoder and inherit its terms."),
        "qianyue_version": __version__,
        "tokenizer": f"{TOKENIZER_CLASS}: one token per character (vocab.txt); load with qianyue, not AutoTokenizer",
        "labels": list(cfg_dict.get("labels", [])),
        "training_data": [{k: v for k, v in c.items() if v is not None} for c in cfg_dict.get("corpora", [])],
        "dev_sets": list(cfg_dict.get("dev_sets", [])),
    }
    results = []
    for split, names in (("dev", cfg_dict.get("dev_sets", [])), ("test", ["genre_test", "seeds"])):
        micro = _micro(metrics.get(split))
        if micro:
            results.append({"task": {"type": "token-classification"},
                            "dataset": {"name": f"{split}: {' + '.join(map(str, names))}", "type": split},
                            "metrics": [{"type": k, "name": f"entity micro {k} (seqeval strict IOB2)",
                                         "value": micro[k]} for k in ("f1", "precision", "recall")]})
    if results:
        meta["model-index"] = [{"name": "qianyue agreement tagger", "results": results}]
    return meta


def model_card(cfg_dict: dict, metrics: dict, base_model: str) -> str:
    header = yaml.safe_dump(card_metadata(cfg_dict, metrics, base_model), allow_unicode=True, sort_keys=False)
    dev = (metrics.get("dev") or {}).get("entities", {})
    rows = "\n".join(f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
                     for lab, m in (dev.get("per_label") or {}).items())
    corpora = ", ".join(f"{c['name']}×{c['weight']}" for c in cfg_dict.get("corpora", []))
    micro, test = _micro(metrics.get("dev")), _micro(metrics.get("test"))
    distilled_line = (f"- Distilled from the teacher `{cfg_dict['teacher']}`, keeping its encoder layers "
                      f"{cfg_dict['student_layers']} (qianyue distill)\n" if cfg_dict.get("teacher") else "")
    test_line = (f"- Test entity micro F1 (genre_test + seeds, reported only): {test['f1']:.4f}\n" if test else "")
    return f"""---
{header}---

# qianyue agreement tagger

Character-level BIO token classifier for Chinese government–enterprise signing news, trained with qianyue
{__version__} (transformers.Trainer). Labels: {", ".join(cfg_dict.get("labels", []))}.

- Base encoder: `{base_model}`
{distilled_line}- Training sources: {corpora}
- Step {metrics.get("step")} of {metrics.get("total_steps")}, {metrics.get("train_seconds", 0):.0f} s of training
- Dev entity micro F1: {micro.get("f1", float("nan")):.4f} (precision {micro.get("precision", float("nan")):.4f}, recall {micro.get("recall", float("nan")):.4f})
{test_line}
| label | precision | recall | F1 | support |
|---|---|---|---|---|
{rows}

Use: `qianyue predict ARTICLE --model THIS_DIR` or `AgreementExtractor.from_pretrained("THIS_DIR")`. The tokenizer
is qianyue's character tokenizer (config.json `tokenizer_class: {TOKENIZER_CLASS}`): the generic
`transformers.pipeline("token-classification")` refuses this directory rather than tokenising it with WordPiece.

Licence: the weights derive from the base encoder and inherit its terms. {LICENCE_NOTE if "m3e" in base_model.lower() else ""}
"""


def write_model_files(target: Path, tagger, cfg_dict: dict, metrics: dict, base_model: str) -> None:
    """Weights, vocab, config (marked as the character tokenizer), training config, metrics and model card."""
    tagger.model.config.tokenizer_class = TOKENIZER_CLASS
    extra = {key: cfg_dict[key] for key in ("predict_max_length", "predict_overlap", "assembler")
             if cfg_dict.get(key) is not None}
    if cfg_dict.get("teacher"):  # a distilled student (training/distill.py) says what it was cut from
        extra["distilled_from"] = {"teacher": cfg_dict["teacher"], "layers": list(cfg_dict["student_layers"])}
    tagger.save_pretrained(target, extra={"base_model": base_model, "tokenizer": "char", **extra})
    (target / TRAINING_CONFIG).write_text(yaml.safe_dump(cfg_dict, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
    (target / METRICS).write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
    (target / MODEL_CARD).write_text(model_card(cfg_dict, metrics, base_model), encoding="utf-8")


def copy_checkpoint(source: Path, target: Path) -> None:
    """Atomically replace target with source minus the trainer state (the best model needs no optimizer)."""
    with atomic_dir(target) as tmp:
        for p in source.iterdir():
            if p.name not in TRAINING_ONLY_FILES and p.is_file():
                shutil.copy2(p, tmp / p.name)


def add_test_scores(best: Path, test_scores: dict) -> None:
    """Record held-out test scores in best/ (metrics.json and the model card header), atomically."""
    metrics = json.loads((best / METRICS).read_text(encoding="utf-8"))
    metrics["test"] = test_scores
    cfg_dict = yaml.safe_load((best / TRAINING_CONFIG).read_text(encoding="utf-8"))
    base = json.loads((best / "config.json").read_text(encoding="utf-8")).get("qianyue", {}).get("base_model", "")
    with atomic_dir(best) as tmp:
        for p in best.iterdir():
            if p.is_file() and p.name not in (METRICS, MODEL_CARD):
                shutil.copy2(p, tmp / p.name)
        (tmp / METRICS).write_text(json.dumps(metrics, ensure_ascii=False, indent=1), encoding="utf-8")
        (tmp / MODEL_CARD).write_text(model_card(cfg_dict, metrics, base), encoding="utf-8")
