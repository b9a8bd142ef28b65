"""The dev documents `qianyue export` checks an export against: by default the dev sets the model was trained with
(its training_config.yaml), so the check needs nothing the training did not; sets that are not available on this
machine (the genre articles live outside the repository) are skipped with a note."""
from __future__ import annotations

from typing import Callable, Optional

from qianyue.errors import ConfigError, ModelError
from qianyue.layout import TRAINING_CONFIG, resolve_model_dir

from .config import load_config
from .datasets import eval_set


def dev_documents(model_dir, spec: Optional[str] = None, log: Callable[[str], None] = print) -> list:
    """Documents of the dev sets named in spec (comma-separated names or .jsonl paths), else of the model's own."""
    src = resolve_model_dir(model_dir)
    trained_with = src / TRAINING_CONFIG
    cfg = load_config(trained_with if trained_with.exists() else None, kind=None)  # a student's recipe too
    names = [n.strip() for n in spec.split(",") if n.strip()] if spec else list(cfg.dev_sets)
    docs = []
    for name in names:
        try:
            found = eval_set(name, cfg)
        except ConfigError as exc:
            if spec:  # a set the user named must exist
                raise
            log(f"qianyue: note: dev set {name} skipped ({exc})")
            continue
        if not found:
            log(f"qianyue: note: dev set {name} has no documents here; skipped")
        docs += found
    if not docs:
        raise ModelError(f"{src}: no dev documents to check the export against ({', '.join(names)}); "
                         "give --dev FILE.jsonl or --no-check")
    return docs
