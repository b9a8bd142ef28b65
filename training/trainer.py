"""Training on transformers.Trainer: a thin subclass that adds only what this task needs.

What Trainer brings: TrainingArguments (bf16/fp16, gradient accumulation, weight-decay groups, warmup, clipping),
torchrun / accelerate launch / DeepSpeed, TensorBoard logging, callbacks and exact resumption (data order from a
seeded sampler, skipped batches, RNG states). What qianyue adds:

- the partial-label loss (`compute_loss`): corpora that annotate only some labels do not punish the others on O;
- splits as datasets.Dataset (one row per document) turned into window features with Dataset.map;
- `compute_metrics`: the dev windows' logits are stitched back into documents and decoded exactly as inference
  does (window merge + Viterbi), then scored with seqeval (strict IOB2) — the F1 users see from `qianyue evaluate`;
- checkpoints in our layout: a run directory holds last/ (weights + optimizer/scheduler/RNG/trainer state, for
  --resume) and best/ (best dev F1, weights only), each written to a temporary directory and renamed
  (qianyue.fileio.atomic_dir), so a kill or a full disk at any moment leaves the previous checkpoint whole;
- resuming never unpickles code: trainer state is JSON, the optimizer/scheduler/RNG files are read with
  torch.load(weights_only=True) (Trainer's own loaders, checked up front here so a bad file is one line);
- early stopping (transformers.EarlyStoppingCallback), the model card and the best/ export (callbacks below);
- SIGINT/SIGTERM finish the current step, save last/ and stop (TrainingInterrupted; continue with --resume).

Distributed: `torchrun --nproc_per_node N -m qianyue.cli train ...` (or accelerate launch); Trainer sets up the
process group (nccl on GPUs, gloo on CPU); rank 0 writes checkpoints.
"""
from __future__ import annotations

import json
import math
import os
import signal
import time
from pathlib import Path
from typing import Callable, Optional

from qianyue.errors import ConfigError, ModelError
from qianyue.layout import CONFIG, TRAINER_STATE, WEIGHTS

from .config import TrainConfig
from .datasets import build_splits
from .features import IGNORE

OPTIMIZER_FILES = ("optimizer.pt", "scheduler.pt")


def set_seed(seed: int) -> None:
    from transformers import set_seed as hf_set_seed

    hf_set_seed(seed)


def partial_label_loss(logits, tag_ids, alt_tags):
    """-log P(allowed tags) per character, averaged over characters that have a gold tag.

    allowed = the gold tag, plus — where the gold tag is O (id 0) — the tags of labels the document's corpus does
    not annotate (alt_tags[b, k] = 1). With no such labels this is exactly cross-entropy.
    """
    import torch
    import torch.nn.functional as F

    valid = tag_ids != IGNORE
    gold = tag_ids.clamp(min=0)
    allowed = F.one_hot(gold, logits.shape[-1]).bool()
    allowed |= ((gold == 0) & valid)[..., None] & alt_tags[:, None, :]
    logits = logits.float()
    log_z = torch.logsumexp(logits, dim=-1)
    log_allowed = torch.logsumexp(logits.masked_fill(~allowed, float("-inf")), dim=-1)
    per_char = (log_z - log_allowed) * valid
    return per_char.sum() / valid.sum().clamp(min=1)


class TrainingInterrupted(Exception):
    """Raised after an interrupted run saved its last checkpoint (resume with --resume)."""


def _dist_info():
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    return world, rank, local


def is_main_process() -> bool:
    return _dist_info()[1] == 0


def resolve_base(cfg: TrainConfig) -> str:
    if cfg.base_model:
        path = cfg.resolved_path(cfg.base_model)
        if not path.exists():
            raise ModelError(f"{path}: base model directory not found (config key base_model)")
        return str(path)
    from qianyue.paths import base_model_dir

    path = base_model_dir()
    if not (path / WEIGHTS).exists():
        raise ModelError(f"{path}: base encoder not fetched; run `qianyue fetch-base` first")
    return str(path)


# ------------------------------------------------------------------------------------------- features
def document_dataset(docs):
    """One row per document (the DatasetDict layout of training/datasets.py)."""
    from .datasets import to_dataset_dict

    return to_dataset_dict({"split": docs})["split"]


def window_features(dataset, tokenizer, tags: list[str], max_length: int, overlap: int):
    """Documents -> one row per window (input_ids, labels, alt_tags, doc, start, end) with Dataset.map."""
    from .data import Document
    from .features import document_windows
    from qianyue.windows import window_spans

    def to_windows(batch):
        out = {"input_ids": [], "labels": [], "alt_tags": [], "doc": [], "start": [], "end": []}
        for i, text in enumerate(batch["text"]):
            doc = Document(id=batch["id"][i], text=text, labels=batch["labels"][i] or None,
                           spans=list(zip(batch["span_starts"][i], batch["span_ends"][i], batch["span_labels"][i])))
            spans = [(s, e) for s, e in window_spans(len(text), max_length - 2, overlap) if e > s]
            for (s, e), w in zip(spans, document_windows(doc, tokenizer, tags, max_length, overlap)):
                out["input_ids"].append(w.input_ids)
                out["labels"].append(w.tag_ids)
                out["alt_tags"].append(w.alt_tags)
                out["doc"].append(batch["row"][i])
                out["start"].append(s)
                out["end"].append(e)
        return out

    dataset = dataset.add_column("row", list(range(len(dataset))))
    return dataset.map(to_windows, batched=True, remove_columns=dataset.column_names, desc="windows",
                       load_from_cache_file=False)


class WindowCollator:
    """Pads a batch of window rows to its longest window (ids with [PAD], tags with IGNORE)."""

    def __init__(self, pad_id: int):
        self.pad_id = pad_id

    def __call__(self, rows):
        import torch

        width = max(len(r["input_ids"]) for r in rows)
        n = len(rows)
        ids = torch.full((n, width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((n, width), dtype=torch.long)
        gold = torch.full((n, width), IGNORE, dtype=torch.long)
        for i, r in enumerate(rows):
            k = len(r["input_ids"])
            ids[i, :k] = torch.tensor(r["input_ids"])
            mask[i, :k] = 1
            gold[i, :k] = torch.tensor(r["labels"])
        alt = torch.tensor([r["alt_tags"] for r in rows], dtype=torch.bool)
        return {"input_ids": ids, "attention_mask": mask, "labels": gold, "alt_tags": alt}


class DevScorer:
    """compute_metrics: window logits -> per-document probabilities (merged as at inference) -> Viterbi
    entities -> seqeval strict IOB2 scores. Keeps the full score dict of the last call for metrics.json."""

    def __init__(self, docs, windows, tags: list[str], labels: list[str]):
        self.docs, self.tags, self.labels = docs, tags, labels
        self.rows = list(zip(windows["doc"], windows["start"], windows["end"]))
        self.last: dict = {}

    def __call__(self, eval_pred):
        import numpy as np

        from qianyue.decoding import decode_entities
        from qianyue.windows import merge_windows

        from .metrics import entity_scores

        logits = eval_pred.predictions
        per_doc: list[list] = [[] for _ in self.docs]
        for i, (d, s, e) in enumerate(self.rows):
            row = logits[i, 1:1 + e - s].astype(np.float32)
            row = np.exp(row - row.max(axis=-1, keepdims=True))
            per_doc[d].append(((s, e), row / row.sum(axis=-1, keepdims=True)))
        predicted = []
        for doc, parts in zip(self.docs, per_doc):
            if not parts:
                predicted.append([])
                continue
            probs = merge_windows(len(doc.text), [p[0] for p in parts], [p[1] for p in parts])
            predicted.append([(x.start, x.end, x.label) for x in decode_entities(doc.text, probs, self.tags)])
        scores = entity_scores(self.docs, predicted, self.labels)
        self.last = {"docs": len(self.docs), "entities": scores}
        micro = scores["micro"]
        out = {"f1": micro["f1"], "precision": micro["precision"], "recall": micro["recall"]}
        out.update({f"f1_{lab}": m["f1"] for lab, m in scores["per_label"].items()})
        return out


# ------------------------------------------------------------------------------------------- the Trainer
def _trainer_class():
    """Built on first use so that importing this module (e.g. for partial_label_loss) does not load transformers."""
    from transformers import Trainer

    class QianyueTrainer(Trainer):
        """Trainer with the partial-label loss and atomic last/ + best/ checkpoints in our layout."""

        def __init__(self, *args, tagger, run_dir: Path, cfg_dict: dict, base_model: str, scorer=None,
                     clock=None, **kwargs):
            super().__init__(*args, **kwargs)
            self.tagger, self.run_dir, self.cfg_dict, self.base_model = tagger, Path(run_dir), cfg_dict, base_model
            self.scorer, self.clock = scorer, clock
            self.interrupted = False

        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            outputs = model(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"])
            loss = partial_label_loss(outputs.logits, inputs["labels"], inputs["alt_tags"])
            return (loss, outputs) if return_outputs else loss

        def checkpoint_metrics(self) -> dict:
            state = self.state
            history = [{"step": h["step"], "loss": round(h["loss"], 5)} for h in state.log_history if "loss" in h]
            evaluated = bool(state.log_history) and state.log_history[-1].get("step") == state.global_step \
                and "eval_f1" in state.log_history[-1]
            return {"step": state.global_step, "total_steps": state.max_steps,
                    "train_seconds": round(self.clock.seconds if self.clock else 0.0, 1),
                    "dev": (self.scorer.last if self.scorer and evaluated else {}),
                    "best_dev_f1": state.best_metric if state.best_metric is not None else -1.0,
                    "history": history[-50:], **({"interrupted": True} if self.interrupted else {})}

        def _save_checkpoint(self, model, trial):
            """last/ (with everything --resume needs) and, when dev F1 improved, best/ — each atomically."""
            from qianyue.fileio import atomic_dir
            from transformers.trainer_callback import ExportableState

            from .checkpoints import CheckpointWriteError, copy_checkpoint, write_model_files

            self.store_flos()
            last, best = self.run_dir / "last", self.run_dir / "best"
            improved = self.args.metric_for_best_model is None or self.state.best_global_step == self.state.global_step
            if not self.args.should_save:  # not rank 0: nothing to write
                return
            for cb in [c for c in self.callback_handler.callbacks + [self.control] if isinstance(c, ExportableState)]:
                self.state.stateful_callbacks[cb.__class__.__name__] = cb.state()
            metrics = self.checkpoint_metrics()
            try:
                with atomic_dir(last) as tmp:
                    write_model_files(tmp, self.tagger, self.cfg_dict, metrics, self.base_model)
                    self._save_optimizer_and_scheduler(str(tmp))
                    self._save_scaler(str(tmp))
                    self._save_rng_state(str(tmp))
                    self.state.save_to_json(str(tmp / TRAINER_STATE))
                    (tmp / "training_args.json").write_text(self.args.to_json_string(), encoding="utf-8")
                if improved or not (best / CONFIG).exists():
                    copy_checkpoint(last, best)
                    self.state.best_model_checkpoint = str(best)
            except OSError as exc:
                raise CheckpointWriteError(f"{last}: cannot write the checkpoint ({exc.strerror or exc}); the "
                                           "previous checkpoint is kept, resume from it with --resume") from None

    return QianyueTrainer


def _callbacks(trainer_cls_holder: dict, stop_after_steps: Optional[int], total_steps: int, has_dev: bool):
    """Our callbacks: stop-and-save on a signal or after stop_after_steps, evaluate+save at the last step, and the
    training clock."""
    from transformers import TrainerCallback

    class RunClock(TrainerCallback):
        def __init__(self, seconds: float = 0.0):
            self.seconds = seconds
            self._started = None

        def on_step_begin(self, args, state, control, **kwargs):
            self._started = time.perf_counter()

        def on_step_end(self, args, state, control, **kwargs):
            if self._started is not None:
                self.seconds += time.perf_counter() - self._started
                self._started = None

    class StopAndSave(TrainerCallback):
        """SIGINT/SIGTERM (or stop_after_steps, for tests) end the run after this step, with last/ saved."""

        def __init__(self):
            self.requested = False

        def handle(self, signum, frame):
            if self.requested:  # second Ctrl-C: stop now
                raise KeyboardInterrupt
            self.requested = True

        def on_step_end(self, args, state, control, **kwargs):
            import torch

            stop = self.requested or (stop_after_steps is not None and state.global_step >= stop_after_steps)
            if torch.distributed.is_available() and torch.distributed.is_initialized():  # every rank agrees
                flag = torch.tensor([int(stop)], device=args.device)
                torch.distributed.all_reduce(flag)
                stop = bool(flag.item())
            if state.global_step >= total_steps:  # the end of the run: score it and save it, like every eval
                control.should_evaluate = has_dev
                control.should_save = True
            elif stop:
                trainer_cls_holder["trainer"].interrupted = True
                control.should_save = True
                control.should_training_stop = True
            return control

    return RunClock, StopAndSave


def _numpy_rng_globals() -> list:
    """The only non-tensor objects a weights-only load may build: numpy's RNG state array (rng_state.pth)."""
    import numpy as np

    core = np._core if hasattr(np, "_core") else np.core
    return [core.multiarray._reconstruct, np.ndarray, np.dtype, type(np.dtype(np.uint32))]


def check_resumable(last_dir: Path) -> dict:
    """The trainer state of last/ if it can be resumed; one-line ConfigError otherwise. Reads nothing that could
    run code: JSON, and torch files with weights_only=True (the loaders Trainer itself uses on resume)."""
    import torch

    if (last_dir / "trainer_state.pt").exists() and not (last_dir / TRAINER_STATE).exists():
        raise ConfigError(f"{last_dir / 'trainer_state.pt'}: written by the old qianyue training loop, which this "
                          "version cannot resume (it is never unpickled); start a new run or another output_dir")
    state_file = last_dir / TRAINER_STATE
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
        if not isinstance(state, dict) or not isinstance(state.get("global_step"), int):
            raise ValueError("no global_step")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{state_file}: cannot resume: truncated or not a trainer state ({exc})") from None
    files = [last_dir / n for n in OPTIMIZER_FILES] + sorted(last_dir.glob("rng_state*.pth"))
    for path in files:
        try:
            with torch.serialization.safe_globals(_numpy_rng_globals()):
                torch.load(path, map_location="cpu", weights_only=True)
        except Exception as exc:  # truncated zip, or a pickle that asks for anything beyond tensors and numbers
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
            raise ConfigError(f"{path}: cannot resume: truncated or not a weights-only torch file ({first})") \
                from None
    return state


def _precision_flags(precision: str, use_cuda: bool) -> dict:
    import torch

    if precision == "auto":
        precision = "bf16" if use_cuda and torch.cuda.is_bf16_supported() else "fp32"
    if not use_cuda:
        precision = "fp32"  # half precision only pays on a GPU
    return {"bf16": precision == "bf16", "fp16": precision == "fp16"}


def train(cfg: TrainConfig, resume: bool = False, stop_after_steps: Optional[int] = None,
          progress: bool = True, *, base: Optional[str] = None, fresh_tagger: Optional[Callable] = None,
          unlabelled_docs: Optional[list] = None, trainer_class=None, trainer_kwargs: Optional[dict] = None) -> Path:
    """Train per cfg; return the run directory (holding best/ and last/).

    stop_after_steps simulates an interruption (used by tests): the run saves and raises TrainingInterrupted.
    The keywords let another recipe (distillation, training/distill.py) reuse this loop: `base` is the model
    recorded as the checkpoint's origin, `fresh_tagger()` builds the model a new run starts from (default: a new
    head on the base encoder), `unlabelled_docs` are trained on without gold tags (their windows' tags are all
    IGNORE, so only a loss that needs no gold — the teacher's soft labels — learns from them), and
    `trainer_class(**trainer_kwargs)` replaces the Trainer subclass (it must subclass _trainer_class()).
    """
    import torch
    from transformers import EarlyStoppingCallback, TrainingArguments
    from transformers.utils import logging as hf_logging

    from qianyue.fileio import recover_dir
    from qianyue.modeling import Tagger
    from qianyue.paths import default_model_dir

    world, rank, _ = _dist_info()
    if cfg.num_threads:
        torch.set_num_threads(cfg.num_threads)
    set_seed(cfg.seed)
    out_dir = cfg.resolved_output_dir() or default_model_dir()  # null = $QIANYUE_HOME/models/default
    last_dir = out_dir / "last"
    base = base or resolve_base(cfg)

    resume_from = None
    previous_metrics: dict = {}
    if resume:
        recover_dir(last_dir)  # a kill between the two renames of a save leaves last/ moved aside
    if resume and (last_dir / CONFIG).exists():
        state = check_resumable(last_dir)
        tagger = Tagger.from_pretrained(last_dir, device="cpu")
        if tagger.labels != list(cfg.labels):
            raise ConfigError(f"{last_dir}: checkpoint labels {tagger.labels} differ from the config's {cfg.labels}")
        # train on the recipe's windows, not the inference window the checkpoint may record (predict_max_length)
        tagger.max_length = min(cfg.max_length, tagger.model.config.max_position_embeddings)
        tagger.overlap = cfg.overlap
        stopped = (state.get("stateful_callbacks") or {}).get("EarlyStoppingCallback") or {}
        counter = (stopped.get("attributes") or {}).get("early_stopping_patience_counter", 0)
        if cfg.early_stopping_patience and counter >= cfg.early_stopping_patience:
            if rank == 0:  # the run stopped early; an uninterrupted run would not have gone on either
                print(f"the run in {out_dir} already stopped early at step {state['global_step']}; nothing to resume")
            return out_dir
        try:
            previous_metrics = json.loads((last_dir / "metrics.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous_metrics = {}
        resume_from = str(last_dir)
    else:
        if resume and rank == 0:
            print(f"no checkpoint to resume in {last_dir}; starting from the base model")
        tagger = fresh_tagger() if fresh_tagger else Tagger.from_base(base, cfg.labels, cfg.max_length, cfg.overlap)
    model = tagger.model
    if cfg.freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)

    if not progress:
        import datasets
        datasets.disable_progress_bars()
    splits = build_splits(cfg)
    if not splits["train"]:
        raise ConfigError("no training documents: check corpora, genre_root and corpora_root in the config")
    train_windows = window_features(document_dataset(splits["train"]), tagger.tokenizer, tagger.tags,
                                    tagger.max_length, tagger.overlap)
    if unlabelled_docs:
        from datasets import concatenate_datasets

        soft_only = window_features(document_dataset(unlabelled_docs), tagger.tokenizer, tagger.tags,
                                    tagger.max_length, tagger.overlap)
        soft_only = soft_only.map(lambda row: {"labels": [IGNORE] * len(row["labels"])}, desc="unlabelled",
                                  load_from_cache_file=False)
        train_windows = concatenate_datasets([train_windows, soft_only])
    dev_docs = splits["dev"]
    dev_windows = scorer = None
    if dev_docs:
        dev_windows = window_features(document_dataset(dev_docs), tagger.tokenizer, tagger.tags,
                                      tagger.max_length, tagger.overlap)
        scorer = DevScorer(dev_docs, dev_windows, tagger.tags, tagger.labels)

    steps_per_epoch = math.ceil(math.ceil(math.ceil(len(train_windows) / world) / cfg.batch_size) / cfg.grad_accum)
    total_steps = cfg.max_steps if cfg.max_steps > 0 else math.ceil(cfg.epochs * steps_per_epoch)
    eval_every = cfg.eval_every or steps_per_epoch
    use_cuda = torch.cuda.is_available()
    patience = cfg.early_stopping_patience if dev_docs else 0
    hf_logging.set_verbosity_error()
    args = TrainingArguments(
        output_dir=str(out_dir), overwrite_output_dir=True, seed=cfg.seed, data_seed=cfg.seed,
        per_device_train_batch_size=cfg.batch_size, per_device_eval_batch_size=cfg.batch_size * 2,
        gradient_accumulation_steps=cfg.grad_accum, learning_rate=cfg.learning_rate, weight_decay=cfg.weight_decay,
        warmup_ratio=cfg.warmup_ratio, lr_scheduler_type="linear", max_steps=total_steps, max_grad_norm=1.0,
        eval_strategy="steps" if dev_docs else "no", eval_steps=eval_every, save_strategy="steps",
        save_steps=eval_every, save_total_limit=None, logging_steps=cfg.log_every,
        logging_dir=str(out_dir / "logs"), report_to=cfg.report_to if cfg.report_to != "none" else "none",
        metric_for_best_model="f1" if dev_docs else None, greater_is_better=True,
        load_best_model_at_end=bool(patience), restore_callback_states_from_checkpoint=True,
        remove_unused_columns=False, disable_tqdm=not progress or rank != 0, use_cpu=not use_cuda,
        dataloader_num_workers=0, ddp_find_unused_parameters=False, save_safetensors=True,
        **_precision_flags(cfg.precision, use_cuda))
    holder: dict = {}
    RunClock, StopAndSave = _callbacks(holder, stop_after_steps, total_steps, bool(dev_docs))
    clock, stopper = RunClock(previous_metrics.get("train_seconds", 0.0)), StopAndSave()
    callbacks = [clock, stopper] + ([EarlyStoppingCallback(early_stopping_patience=patience)] if patience else [])
    trainer = (trainer_class or _trainer_class())(
        model=model, args=args, train_dataset=train_windows, eval_dataset=dev_windows,
        data_collator=WindowCollator(tagger.tokenizer.pad_id), compute_metrics=scorer, callbacks=callbacks,
        tagger=tagger, run_dir=out_dir, cfg_dict=cfg.to_dict(), base_model=base, scorer=scorer, clock=clock,
        **(trainer_kwargs or {}))
    holder["trainer"] = trainer
    if not progress or rank != 0:
        from transformers.trainer_callback import PrinterCallback
        trainer.remove_callback(PrinterCallback)  # it prints every log dict when the progress bar is off

    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[sig] = signal.signal(sig, stopper.handle)
        except ValueError:  # not the main thread
            pass
    try:
        trainer.train(resume_from_checkpoint=resume_from)
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)
    if trainer.interrupted:
        raise TrainingInterrupted(f"training interrupted at step {trainer.state.global_step}/{total_steps}; "
                                  f"continue with --resume (checkpoint: {last_dir})")
    if trainer.args.should_save and splits["test"]:
        report_test_scores(out_dir / "best", splits["test"], cfg.batch_size * 2)
    return out_dir


def report_test_scores(best: Path, test_docs, batch_size: int) -> None:
    """Score best/ once on the held-out test documents and record it in its metrics and model card (reported
    only: test scores never choose a checkpoint)."""
    from qianyue.modeling import Tagger

    from .checkpoints import add_test_scores
    from .metrics import evaluate_tagger

    scores = evaluate_tagger(Tagger.from_pretrained(best, device="cpu"), test_docs, batch_size=batch_size,
                             with_records=False)
    add_test_scores(best, scores)
