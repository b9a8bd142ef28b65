"""Knowledge distillation: a smaller student tagger cut from the trained teacher (`qianyue distill`, issue 12).

The student is the teacher with fewer encoder layers: same embeddings, tokenizer, tags and classification head,
and the teacher layers named by `student_layers` copied in order. It is trained with the normal training loop
(trainer.train: windows via Dataset.map, transformers.Trainer, atomic and resumable last/ + best/, dev F1 on the
dev sets) and a loss that mixes

- the KL divergence from the teacher's tag distribution at temperature T (times T^2, so its gradients keep their
  size whatever T is), on every character of every window, and
- the usual gold loss (trainer.partial_label_loss) where gold tags exist,

as soft_weight * KL + (1 - soft_weight) * gold. Text without gold (the genre TRAIN articles added once more
without their annotation) teaches through the KL term only.

The teacher's logits are computed on the fly (teacher in eval mode, no grad) rather than cached: the shipped
recipe (300 steps of 32 windows, about 200 steps an epoch on the data of ../shared) sees each window about 1.5
times, so a cache would save a third of the teacher's forward passes — about a tenth of the run on 2 CPU cores,
where the 4-layer forward of a full 32 x 128 batch takes 1.4 s against 3.0 s for the 2-layer student's forward and
backward (scripts/distill_layers.py --step-time) — and would cost the first epoch's passes up front, disk, and
invalidation whenever the corpora or windows change. On the fly also keeps
--resume exact (nothing but the student's state to restore).

The result is an ordinary qianyue checkpoint (config.json with num_hidden_layers = len(student_layers) and a
`distilled_from` note, the distillation recipe in training_config.yaml), so --model, `qianyue export`, `evaluate`
and `bench` take it unchanged.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Optional

from qianyue.errors import ConfigError

from .config import DistillConfig
from .trainer import partial_label_loss, train

# BERT-style encoders name their blocks `<prefix>encoder.layer.<i>.<rest>`
_LAYER_KEY = re.compile(r"^(.*\bencoder\.layer\.)(\d+)\.(.*)$")


def resolve_teacher(cfg: DistillConfig) -> Path:
    """The teacher's checkpoint directory (a run directory stands for its best/); one-line errors otherwise."""
    from qianyue.errors import ModelError
    from qianyue.layout import check_checkpoint
    from qianyue.paths import default_model_dir

    path = cfg.resolved_path(cfg.teacher) if cfg.teacher else default_model_dir()
    if not path.exists():
        raise ConfigError(f"{path}: teacher model not found (config key teacher, or --teacher DIR); train one first "
                          "with `qianyue train --config default`")
    try:
        return check_checkpoint(path)
    except ModelError as exc:
        raise ConfigError(f"teacher: {exc}") from None


def check_layers(layers: list[int], n_layers: int) -> None:
    if any(i >= n_layers for i in layers):
        raise ConfigError(f"student_layers {layers}: the teacher has only {n_layers} layers (0..{n_layers - 1})")


def student_from_teacher(teacher, layers: list[int], max_length: int, overlap: int):
    """A Tagger whose model is the teacher's with only `layers` of its encoder (in that order), every weight
    copied: embeddings, the chosen blocks, pooler/head. Nothing is left at random initialisation."""
    from qianyue.modeling import Tagger

    model = teacher.model
    check_layers(layers, model.config.num_hidden_layers)
    config = copy.deepcopy(model.config)
    config.num_hidden_layers = len(layers)
    student = type(model)(config)
    weights = {}
    for key, value in model.state_dict().items():
        match = _LAYER_KEY.match(key)
        if match is None:
            weights[key] = value.clone()
        elif int(match[2]) in layers:
            weights[f"{match[1]}{layers.index(int(match[2]))}.{match[3]}"] = value.clone()
    student.load_state_dict(weights, strict=True)  # strict: a key the student lacks or misses is a bug, not noise
    max_length = min(max_length, config.max_position_embeddings)
    return Tagger(student, teacher.tokenizer, teacher.tags, max_length, overlap, device=None)


def unlabelled_genre_train(cfg: DistillConfig) -> list:
    """The genre TRAIN articles' text without gold tags (repeated unlabelled_genre_weight times). Dev and test
    articles are never read here: they are what the student is evaluated on."""
    from .data import Document
    from .datasets import genre_split_of, weighted
    from .genre import load_genre

    if cfg.unlabelled_genre_weight <= 0:
        return []
    train_ids = {doc_id for doc_id, split in genre_split_of().items() if split == "train"}
    docs = [Document(id=f"{d.id}-unlabelled", text=d.text, spans=[], labels=[], source=d.source)
            for d in load_genre(cfg.genre_dir(), only=train_ids)]
    return weighted(docs, cfg.unlabelled_genre_weight, cfg.seed)


def distillation_loss(student_logits, teacher_logits, chars, temperature: float):
    """KL(teacher || student) of the tag distributions at temperature T, times T^2, averaged over `chars`."""
    import torch.nn.functional as F

    t = temperature
    log_student = F.log_softmax(student_logits.float() / t, dim=-1)
    log_teacher = F.log_softmax(teacher_logits.float() / t, dim=-1)
    per_char = (log_teacher.exp() * (log_teacher - log_student)).sum(-1)
    return (per_char * chars).sum() / chars.sum().clamp(min=1) * (t * t)


def _distill_trainer_class():
    from .trainer import _trainer_class

    class DistillTrainer(_trainer_class()):
        """The qianyue Trainer with the distillation loss; checkpoints, resumption and evaluation unchanged."""

        def __init__(self, *args, teacher_model, temperature: float, soft_weight: float, **kwargs):
            super().__init__(*args, **kwargs)
            self.teacher_model = teacher_model.eval()
            for p in self.teacher_model.parameters():
                p.requires_grad_(False)
            self.temperature, self.soft_weight = temperature, soft_weight

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            import torch

            ids, mask = inputs["input_ids"], inputs["attention_mask"]
            outputs = model(input_ids=ids, attention_mask=mask)
            loss = partial_label_loss(outputs.logits, inputs["labels"], inputs["alt_tags"])
            if model.training and self.soft_weight > 0:  # evaluation scores the student alone (dev F1)
                if next(self.teacher_model.parameters()).device != ids.device:
                    self.teacher_model.to(ids.device)
                with torch.no_grad():
                    teacher_logits = self.teacher_model(input_ids=ids, attention_mask=mask).logits
                tokenizer = self.tagger.tokenizer
                chars = mask.bool() & (ids != tokenizer.cls_id) & (ids != tokenizer.sep_id)
                soft = distillation_loss(outputs.logits, teacher_logits, chars, self.temperature)
                loss = self.soft_weight * soft + (1.0 - self.soft_weight) * loss
            return (loss, outputs) if return_outputs else loss

    return DistillTrainer


def distill(cfg: DistillConfig, resume: bool = False, stop_after_steps: Optional[int] = None,
            progress: bool = True) -> Path:
    """Distil cfg.teacher into a len(cfg.student_layers)-layer student; return the run directory (best/, last/)."""
    from qianyue.layout import read_config
    from qianyue.modeling import Tagger
    from qianyue.paths import default_student_dir

    teacher_dir = resolve_teacher(cfg)
    teacher = Tagger.from_pretrained(teacher_dir, device="cpu", runtime="torch")
    if teacher.labels != list(cfg.labels):
        raise ConfigError(f"{teacher_dir}: the teacher's labels {teacher.labels} differ from the config's "
                          f"{cfg.labels}")
    check_layers(list(cfg.student_layers), teacher.model.config.num_hidden_layers)  # before any data is read
    recorded = read_config(teacher_dir).get("qianyue") or {}
    if cfg.predict_max_length is None and recorded.get("predict_max_length"):  # predict as the teacher does
        cfg.predict_max_length = recorded["predict_max_length"]
        cfg.predict_overlap = recorded.get("predict_overlap")
    if cfg.assembler is None:  # and assembles records as the teacher does
        cfg.assembler = teacher.assembler
    cfg.teacher = str(teacher_dir)  # recorded in training_config.yaml as the directory actually used
    if cfg.output_dir is None:
        cfg.output_dir = str(default_student_dir())
    base = recorded.get("base_model") or str(teacher_dir)  # the encoder the weights derive from (licence, card)
    return train(cfg, resume=resume, stop_after_steps=stop_after_steps, progress=progress, base=base,
                 fresh_tagger=lambda: student_from_teacher(teacher, list(cfg.student_layers), cfg.max_length,
                                                           cfg.overlap),
                 unlabelled_docs=unlabelled_genre_train(cfg), trainer_class=_distill_trainer_class(),
                 trainer_kwargs={"teacher_model": teacher.model, "temperature": cfg.temperature,
                                 "soft_weight": cfg.soft_weight})
