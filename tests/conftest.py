"""Shared fixtures. Nothing here needs the network or the real base model: `tiny_base` is a random 2-layer BERT
(hidden 32) with a vocabulary built from the characters the tests use."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TINY_TRAIN = FIXTURES.parent.parent / "data" / "tiny" / "train.jsonl"  # shipped: the tiny recipe trains on it
SPECIALS = ["[PAD]", "[unused1]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
EXTRA_CHARS = "，。、：；（）()《》“”\"0123456789年月日元亿万省市县区政府公司集团签署协议与和合作框架见证代表双方会议长书记副总经理董事"


def tiny_vocab() -> list[str]:
    chars = set(EXTRA_CHARS)
    for line in TINY_TRAIN.read_text(encoding="utf-8").splitlines():
        chars |= set(json.loads(line)["text"])
    return SPECIALS + sorted(c for c in chars if not c.isspace())


def make_tiny_bert(path: Path) -> Path:
    import torch
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    vocab = tiny_vocab()
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=128)
    BertModel(config).save_pretrained(path, safe_serialization=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory) -> Path:
    return make_tiny_bert(tmp_path_factory.mktemp("tiny_base"))


def tiny_config(base: Path, out: Path, **overrides):
    from qianyue.training.config import CorpusSpec, TrainConfig

    values = dict(output_dir=str(out), base_model=str(base),
                  corpora=[CorpusSpec("jsonl", path=str(TINY_TRAIN), weight=4.0)],
                  dev_sets=[str(TINY_TRAIN)], genre_root=None, corpora_root=None, max_length=48, overlap=8,
                  learning_rate=5e-3, warmup_ratio=0.0, epochs=6, batch_size=4, seed=3, num_threads=1,
                  eval_every=0, log_every=1, freeze_embeddings=False)
    values.update(overrides)
    return TrainConfig(**values)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, tiny_base) -> Path:
    """A tiny tagger trained for a few seconds on the fixture sentences (run dir with best/ and last/)."""
    from qianyue.training.trainer import train

    out = tmp_path_factory.mktemp("tiny_run")
    return train(tiny_config(tiny_base, out, assembler="hybrid"), progress=False)  # written into config.json


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Never touch the user's real $QIANYUE_HOME from tests."""
    monkeypatch.setenv("QIANYUE_HOME", str(tmp_path / "qianyue_home"))
    monkeypatch.delenv("QIANYUE_CORPORA", raising=False)


def span(text: str, surface: str, label: str = "PARTY", score: float = 0.9, nth: int = 0):
    """The entity a tagger gives for the nth occurrence of `surface` in `text` (the span-repair tests build slips
    with it)."""
    from qianyue.results import Entity

    i = -1
    for _ in range(nth + 1):
        i = text.index(surface, i + 1)
    return Entity(label, surface, i, i + len(surface), score)


def tag(text: str, items: list[tuple[str, str]], score: float = 0.9):
    """Entities for (surface, label) items as a perfect tagger would give them, each found left to right after the
    previous one (the record-rule tests feed these to the assembly)."""
    from qianyue.results import Entity

    out, pos = [], 0
    for surface, label in items:
        i = text.index(surface, pos)
        out.append(Entity(label=label, text=surface, start=i, end=i + len(surface), score=score))
        pos = i + len(surface)
    return out


def run_cli(*args, stdin=None, env=None, timeout=300):
    """`qianyue ARGS` in a subprocess, so that a traceback would show on its stderr (CliRunner catches exceptions
    and hides them). `env` entries are added to the environment."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "qianyue.cli", *args], capture_output=True, text=True,
                          input=stdin, timeout=timeout, env=dict(os.environ, **(env or {})))
