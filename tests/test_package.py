"""Recipes by name, paths relative to where the user is, and one-line errors for config mistakes (issues 13, 17)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TINY_TRAIN
from qianyue.errors import ConfigError
from qianyue.training.config import CorpusSpec, TrainConfig, load_config

REPO = Path(__file__).resolve().parent.parent


def cli(args, cwd, timeout=300):
    return subprocess.run([sys.executable, "-m", "qianyue.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def test_recipes_by_name_and_by_path_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tiny = load_config("tiny")
    assert tiny.max_length == 48 and tiny.corpora[0].path == "data/tiny/train.jsonl"
    assert tiny.resolved_path(tiny.corpora[0].path) == TINY_TRAIN.resolve()  # found although cwd is elsewhere
    assert load_config("configs/gpu.yaml").max_length == 256
    import yaml
    shipped = yaml.safe_load((TINY_TRAIN.parents[2] / "configs" / "default.yaml").read_text(encoding="utf-8"))
    assert load_config("default.yaml").max_steps == shipped["max_steps"] > 0
    assert tiny.resolved_output_dir() == (tmp_path / "runs" / "tiny").resolve()  # outputs go where the user is
    with pytest.raises(ConfigError, match="shipped recipes: default, distill, gpu, tiny"):
        load_config("tinyy")


@pytest.mark.parametrize("kind", ["directory", "binary"])
def test_train_config_directory_or_binary_is_one_line(tmp_path, kind):
    target = tmp_path / "recipe"
    if kind == "directory":
        target.mkdir()
    else:
        target.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x81" * 20)
    proc = cli(["train", "--config", target], cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"qianyue: {target}: "), proc.stderr
    assert ("is a directory" if kind == "directory" else "not a text file") in lines[0]


def test_evaluate_data_is_relative_to_the_current_directory(tiny_model, tmp_path):
    (tmp_path / "rel").mkdir()
    shutil.copy(TINY_TRAIN, tmp_path / "rel" / "mine.jsonl")
    proc = cli(["evaluate", "--model", tiny_model, "--data", "rel/mine.jsonl", "--config", "tiny",
                "--output", "scores.json"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert scores["docs"] == 8 and scores["entities"]["micro"]["support"] > 0
    missing = cli(["evaluate", "--model", tiny_model, "--data", "rel/none.jsonl", "--config", "tiny"], cwd=tmp_path)
    assert missing.returncode == 2 and str(tmp_path / "rel" / "none.jsonl") in missing.stderr


def test_configured_but_missing_genre_root_is_never_silent(tmp_path, capsys):
    from qianyue.training.datasets import build_splits, eval_set

    cfg = TrainConfig(genre_root=str(tmp_path / "no-genre"), corpora_root=None,
                      corpora=[CorpusSpec("jsonl", path=str(TINY_TRAIN)), CorpusSpec("genre")],
                      dev_sets=["genre_dev"])
    splits = build_splits(cfg)
    assert len(splits["train"]) == 8 and splits["dev"] == []
    err = capsys.readouterr().err
    assert "qianyue: warning:" in err and "no-genre" in err and "QIANYUE_GENRE" in err
    with pytest.raises(ConfigError, match="genre articles folder not found"):
        eval_set("genre_dev", cfg, required=True)
    off = TrainConfig(genre_root=None)
    assert eval_set("genre_dev", off, required=True) == []  # null: deliberately without them
