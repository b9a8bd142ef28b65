"""Checkpoints of the Trainer-based training (issues 13 and 17 rows 1, 14, 15): nothing in last/ can run code on
--resume, a truncated state is one line, a failed save keeps the previous checkpoint, and a checkpoint says what
it is (model card header, character-tokenizer marker)."""
from __future__ import annotations

import errno
import json
import pathlib
import shutil
import subprocess
import sys

import pytest
import torch

from conftest import TINY_TRAIN, tiny_config
from qianyue.errors import ConfigError
from qianyue.modeling import Tagger
from qianyue.training.trainer import TrainingInterrupted, train


class RunsCode:
    """Unpickling this calls Path.touch(marker): the canary of code execution."""

    def __init__(self, marker):
        self.marker = pathlib.Path(marker)

    def __reduce__(self):
        return (pathlib.Path.touch, (self.marker,))


@pytest.fixture
def cut_run(tiny_base, tmp_path):
    cfg = tiny_config(tiny_base, tmp_path / "run", epochs=2)
    with pytest.raises(TrainingInterrupted):
        train(cfg, stop_after_steps=2, progress=False)
    return cfg, tmp_path / "run" / "last"


@pytest.mark.parametrize("name", ["optimizer.pt", "scheduler.pt", "rng_state.pth", "trainer_state.pt"])
def test_a_malicious_pickle_in_last_never_runs(cut_run, tmp_path, name):
    cfg, last = cut_run
    marker = tmp_path / "pwned"
    if name == "trainer_state.pt":  # the old loop's state file: refused by name, never opened
        (last / "trainer_state.json").unlink()
    torch.save({"state": RunsCode(marker)}, last / name)
    with pytest.raises(ConfigError, match=name.replace(".", r"\.")) as info:
        train(cfg, resume=True, progress=False)
    assert not marker.exists()
    assert "\n" not in str(info.value)


def test_truncated_trainer_state_is_one_line_from_the_cli(cut_run, tiny_base, tmp_path):
    cfg, last = cut_run
    state = (last / "trainer_state.json").read_bytes()
    (last / "trainer_state.json").write_bytes(state[: len(state) // 2])
    cmd = [sys.executable, "-m", "qianyue.cli", "train", "--config", "tiny", f"base_model={tiny_base}",
           f"output_dir={cfg.output_dir}", "epochs=2", "--resume"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"qianyue: {last / 'trainer_state.json'}: cannot resume"), \
        proc.stderr[-2000:]
    (last / "trainer_state.json").write_bytes(state)
    optimizer = (last / "optimizer.pt").read_bytes()
    (last / "optimizer.pt").write_bytes(optimizer[:1000])
    with pytest.raises(ConfigError, match=r"optimizer\.pt: cannot resume: truncated"):
        train(cfg, resume=True, progress=False)


def test_a_full_disk_during_a_save_keeps_the_previous_checkpoint(cut_run, monkeypatch):
    from transformers import Trainer

    from qianyue.training.checkpoints import CheckpointWriteError

    cfg, last = cut_run
    before = {p.name: p.read_bytes() for p in last.iterdir()}

    def disk_full(self, output_dir):
        (pathlib.Path(output_dir) / "optimizer.pt").write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Trainer, "_save_optimizer_and_scheduler", disk_full)
    with pytest.raises(CheckpointWriteError, match="No space left on device.*previous checkpoint is kept"):
        train(cfg, resume=True, stop_after_steps=4, progress=False)
    assert {p.name: p.read_bytes() for p in last.iterdir()} == before  # untouched, byte for byte
    assert not list(last.parent.glob(".last.*"))                        # no half-written directory left
    monkeypatch.undo()
    train(cfg, resume=True, progress=False)                             # and it still resumes
    assert json.loads((last / "metrics.json").read_text())["step"] > 2


def test_checkpoint_says_what_it_is(tiny_model, tmp_path):
    import yaml
    from transformers import pipeline

    best = tiny_model / "best"
    card = (best / "README.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(card.split("---\n")[1])
    assert meta["labels"] == ["PARTY", "OFFICIAL", "TITLE", "DATE", "AMOUNT", "AGREEMENT"]
    assert meta["qianyue_version"] and meta["library_name"] == "qianyue" and meta["license"] == "other"
    assert meta["training_data"][0]["name"] == "jsonl"
    results = {r["dataset"]["type"]: r["metrics"][0]["value"] for r in meta["model-index"][0]["results"]}
    assert results["dev"] > 0.5 and "test" in results  # test: the seeds, scored once for the card
    config = json.loads((best / "config.json").read_text(encoding="utf-8"))
    assert config["tokenizer_class"] == "QianyueCharTokenizer" and config["qianyue"]["tokenizer"] == "char"
    with pytest.raises(Exception, match="QianyueCharTokenizer"):
        pipeline("token-classification", model=str(best))
    # a checkpoint from before the marker still loads and predicts the same
    old = tmp_path / "old"
    shutil.copytree(best, old)
    del config["tokenizer_class"], config["qianyue"]["tokenizer"]
    (old / "config.json").write_text(json.dumps(config), encoding="utf-8")
    text = json.loads(TINY_TRAIN.read_text(encoding="utf-8").splitlines()[0])["text"]
    a, b = Tagger.from_pretrained(best).predict_probs([text]), Tagger.from_pretrained(old).predict_probs([text])
    assert a[0].shape == (len(text), 13) and (a[0].argmax(1) == b[0].argmax(1)).all()


def test_early_stopping_stops_and_stays_stopped_on_resume(tiny_base, tmp_path, capsys):
    # a learning rate too small to change dev F1: the first evaluation is the best, the next one is not
    cfg = tiny_config(tiny_base, tmp_path / "run", epochs=6, eval_every=1, early_stopping_patience=1,
                      learning_rate=1e-12)
    train(cfg, progress=False)
    last = json.loads((tmp_path / "run" / "last" / "metrics.json").read_text())
    assert last["step"] == 2 and last["total_steps"] > 2
    assert json.loads((tmp_path / "run" / "best" / "metrics.json").read_text())["step"] == 1
    train(cfg, resume=True, progress=False)
    assert "already stopped early" in capsys.readouterr().out
    assert json.loads((tmp_path / "run" / "last" / "metrics.json").read_text())["step"] == 2
