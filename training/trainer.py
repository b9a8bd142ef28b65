"""The training loop: config-driven, resumable, single process or distributed (torchrun / accelerate launch).

Why a small loop of our own rather than transformers.Trainer: checkpoints must be written atomically (a kill during
a save must leave the previous one loadable), --resume must end exactly where an uninterrupted run would, and the
loss is a partial-label loss for corpora that annotate only some labels. Data order is a function of (seed, epoch),
so a resumed run replays the same batches; RNG states are saved with the optimizer.

Distributed: launched by `torchrun --nproc_per_node N -m qianyue.cli train ...`, each rank reads WORLD_SIZE/RANK,
joins a process group (nccl on GPUs, gloo on CPU), takes every N-th example of the epoch's permutation, and
gradients are averaged by DistributedDataParallel. Rank 0 evaluates and writes checkpoints.
"""
from __future__ import annotations

import math
import os
import random
import signal
import time
from pathlib import Path
from typing import Optional

from qianyue.errors import ConfigError, ModelError

from .checkpoints import TRAINER_STATE, copy_checkpoint, save_checkpoint
from .config import TrainConfig
from .datasets import build_splits
from .features import IGNORE, build_windows, collate


def set_seed(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


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


class _Interrupt:
    """Turn SIGINT/SIGTERM into a flag so the loop can finish its step and save before exiting."""

    def __init__(self):
        self.requested = False
        self._old = {}

    def __enter__(self):
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self._old[sig] = signal.signal(sig, self._handle)
            except ValueError:  # not the main thread
                pass
        return self

    def _handle(self, signum, frame):
        if self.requested:  # second Ctrl-C: stop now
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc):
        for sig, old in self._old.items():
            signal.signal(sig, old)


class TrainingInterrupted(Exception):
    """Raised after an interrupted run saved its last checkpoint (resume with --resume)."""


def _dist_info():
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    return world, rank, local


def resolve_base(cfg: TrainConfig) -> str:
    if cfg.base_model:
        path = cfg.resolved_path(cfg.base_model)
        if not path.exists():
            raise ModelError(f"{path}: base model directory not found (config key base_model)")
        return str(path)
    from qianyue.paths import base_model_dir

    path = base_model_dir()
    if not (path / "model.safetensors").exists():
        raise ModelError(f"{path}: base encoder not fetched; run `qianyue fetch-base` first")
    return str(path)


def train(cfg: TrainConfig, resume: bool = False, stop_after_steps: Optional[int] = None,
          progress: bool = True) -> Path:
    """Train per cfg; return the run directory (holding best/ and last/).

    stop_after_steps simulates an interruption (used by tests): the run saves and raises TrainingInterrupted.
    """
    import numpy as np
    import torch
    from tqdm.auto import tqdm

    from qianyue.modeling import Tagger, resolve_device

    from .metrics import evaluate_tagger

    world, rank, local_rank = _dist_info()
    distributed = world > 1
    if cfg.num_threads:
        torch.set_num_threads(cfg.num_threads)
    device = resolve_device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
    if distributed and not torch.distributed.is_initialized():
        torch.distributed.init_process_group(backend="nccl" if device.type == "cuda" else "gloo")
    set_seed(cfg.seed)
    from qianyue.paths import default_model_dir

    out_dir = cfg.resolved_output_dir() or default_model_dir()  # null = $QIANYUE_HOME/models/default
    last_dir, best_dir = out_dir / "last", out_dir / "best"
    base = resolve_base(cfg)

    state = None
    if resume:
        from qianyue.fileio import recover_dir
        recover_dir(last_dir)  # a kill between the two renames of a save leaves last/ moved aside
    if resume and (last_dir / TRAINER_STATE).exists():
        tagger = Tagger.from_pretrained(last_dir, device="cpu")
        if tagger.labels != list(cfg.labels):
            raise ConfigError(f"{last_dir}: checkpoint labels {tagger.labels} differ from the config's {cfg.labels}")
        state = torch.load(last_dir / TRAINER_STATE, weights_only=False)
    else:
        if resume and rank == 0:
            print(f"no checkpoint to resume in {last_dir}; starting from the base model")
        tagger = Tagger.from_base(base, cfg.labels, cfg.max_length, cfg.overlap)
    model = tagger.model.to(device)
    tagger.device = device
    if cfg.freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)

    splits = build_splits(cfg)
    if not splits["train"]:
        raise ConfigError("no training documents: check corpora, genre_root and corpora_root in the config")
    windows = build_windows(splits["train"], tagger.tokenizer, tagger.tags, tagger.max_length, tagger.overlap)
    dev_docs = splits["dev"]

    shard_size = math.ceil(len(windows) / world)
    micro_per_epoch = math.ceil(shard_size / cfg.batch_size)
    steps_per_epoch = math.ceil(micro_per_epoch / cfg.grad_accum)
    total_steps = cfg.max_steps if cfg.max_steps > 0 else math.ceil(cfg.epochs * steps_per_epoch)
    eval_every = cfg.eval_every or steps_per_epoch

    no_decay = ("bias", "LayerNorm.weight", "layer_norm")
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [{"params": [p for n, p in trainable if not any(k in n for k in no_decay)], "weight_decay": cfg.weight_decay},
              {"params": [p for n, p in trainable if any(k in n for k in no_decay)], "weight_decay": 0.0}]
    optimizer = torch.optim.AdamW(groups, lr=cfg.learning_rate)
    from transformers import get_linear_schedule_with_warmup
    scheduler = get_linear_schedule_with_warmup(optimizer, int(cfg.warmup_ratio * total_steps), total_steps)
    precision = cfg.precision
    if precision == "auto":
        precision = "bf16" if device.type == "cuda" and torch.cuda.is_bf16_supported() else "fp32"
    if precision != "fp32" and device.type != "cuda":
        precision = "fp32"  # half precision only pays on a GPU
    amp_dtype = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(precision)
    scaler = torch.amp.GradScaler("cuda") if precision == "fp16" else None

    step, best_f1, evals_without_gain, train_seconds = 0, -1.0, 0, 0.0
    history: list = []
    if state is not None:
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        step, best_f1 = state["step"], state["best_f1"]
        evals_without_gain, train_seconds = state["evals_without_gain"], state["train_seconds"]
        history = state.get("history", [])
        torch.set_rng_state(state["rng"]["torch"])
        random.setstate(state["rng"]["python"])
        np.random.set_state(state["rng"]["numpy"])
    ddp_model = torch.nn.parallel.DistributedDataParallel(model) if distributed else model
    # a run that early-stopped stays stopped when resumed, as an uninterrupted run would
    stop_resumed = bool(cfg.early_stopping_patience and evals_without_gain >= cfg.early_stopping_patience)

    cfg_dict = cfg.to_dict()

    def checkpoint(metrics: dict, improved: bool) -> None:
        if rank != 0:
            return
        trainer_state = {"optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(), "step": step,
                         "best_f1": best_f1, "evals_without_gain": evals_without_gain,
                         "train_seconds": train_seconds, "history": history,
                         "rng": {"torch": torch.get_rng_state(), "python": random.getstate(),
                                 "numpy": np.random.get_state()}}
        save_checkpoint(last_dir, tagger, cfg_dict, metrics, base, trainer_state)
        if improved or not best_dir.exists():
            copy_checkpoint(last_dir, best_dir)

    def evaluate_now() -> dict:
        if not dev_docs:
            return {}
        model.eval()
        result = evaluate_tagger(tagger, dev_docs, batch_size=cfg.batch_size * 2, with_records=False)
        model.train()
        return result

    bar = tqdm(total=total_steps, initial=step, disable=not progress or rank != 0, desc="train", unit="step")
    model.train()
    stop = stop_resumed
    with _Interrupt() as interrupt:
        while step < total_steps and not stop:
            epoch, done_in_epoch = divmod(step, steps_per_epoch)
            order = torch.randperm(len(windows), generator=torch.Generator().manual_seed(cfg.seed + epoch)).tolist()
            order += order[:shard_size * world - len(order)]  # pad like DistributedSampler: equal shards, no hang
            shard = order[rank::world]
            micro_batches = [shard[i:i + cfg.batch_size] for i in range(0, len(shard), cfg.batch_size)]
            for first in range(done_in_epoch * cfg.grad_accum, len(micro_batches), cfg.grad_accum):
                started = time.perf_counter()
                group = micro_batches[first:first + cfg.grad_accum]
                optimizer.zero_grad(set_to_none=True)
                loss_value = 0.0
                for idx in group:
                    batch = {k: v.to(device) for k, v in collate([windows[i] for i in idx], tagger.tokenizer.pad_id).items()}
                    with torch.autocast(device_type=device.type, dtype=amp_dtype, enabled=amp_dtype is not None):
                        logits = ddp_model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
                    loss = partial_label_loss(logits, batch["tag_ids"], batch["alt_tags"]) / len(group)
                    (scaler.scale(loss) if scaler else loss).backward()
                    loss_value += float(loss.detach())
                if scaler:
                    scaler.unscale_(optimizer)
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                if scaler:
                    scaler.step(optimizer)
                    scaler.update()
                else:
                    optimizer.step()
                scheduler.step()
                step += 1
                train_seconds += time.perf_counter() - started
                bar.update(1)
                bar.set_postfix(loss=f"{loss_value:.4f}", epoch=epoch)
                if step % cfg.log_every == 0:
                    history.append({"step": step, "loss": round(loss_value, 5)})

                interrupted = interrupt.requested or (stop_after_steps is not None and step >= stop_after_steps)
                if distributed:
                    flag = torch.tensor([int(interrupted)], device=device)
                    torch.distributed.all_reduce(flag)
                    interrupted = bool(flag.item())
                if step % eval_every == 0 or step == total_steps:
                    result = evaluate_now() if rank == 0 else {}
                    f1 = result.get("entities", {}).get("micro", {}).get("f1", 0.0)
                    if distributed:  # every rank must take the same early-stopping decision
                        shared = torch.tensor([f1], device=device, dtype=torch.float64)
                        torch.distributed.broadcast(shared, src=0)
                        f1 = float(shared.item())
                    improved = f1 > best_f1
                    if improved:
                        best_f1, evals_without_gain = f1, 0
                    else:
                        evals_without_gain += 1
                    metrics = {"step": step, "total_steps": total_steps, "train_seconds": round(train_seconds, 1),
                               "dev": result, "best_dev_f1": best_f1, "history": history[-50:]}
                    checkpoint(metrics, improved)
                    if rank == 0 and progress:
                        bar.write(f"step {step}/{total_steps}: dev entity micro F1 {f1:.4f} (best {best_f1:.4f})")
                    if cfg.early_stopping_patience and evals_without_gain >= cfg.early_stopping_patience:
                        stop = True
                elif interrupted:
                    checkpoint({"step": step, "total_steps": total_steps, "train_seconds": round(train_seconds, 1),
                                "dev": {}, "best_dev_f1": best_f1, "interrupted": True}, False)
                if distributed:
                    torch.distributed.barrier()
                if interrupted:
                    bar.close()
                    raise TrainingInterrupted(f"training interrupted at step {step}/{total_steps}; "
                                              f"continue with --resume (checkpoint: {last_dir})")
                if step >= total_steps or stop:
                    break
    bar.close()
    if distributed:
        torch.distributed.destroy_process_group()
    return out_dir


def is_main_process() -> bool:
    return _dist_info()[1] == 0
