"""The checkpoint layout module: run dirs resolve to best/, bad configs are one-line ModelErrors, and the weights
fingerprint tells changed weights apart while staying the same for a byte-identical copy."""
from __future__ import annotations

import json
import shutil

import pytest

from qianyue import layout
from qianyue.errors import ModelError


def fake_checkpoint(path, payload: bytes):
    path.mkdir(parents=True)
    (path / layout.CONFIG).write_text(json.dumps({"id2label": {"0": "O", "1": "B-PARTY", "2": "I-PARTY"},
                                                 "max_position_embeddings": 128,
                                                 "qianyue": {"max_length": 510, "overlap": 16}}), encoding="utf-8")
    (path / layout.WEIGHTS).write_bytes(payload)
    return path


def test_run_dir_resolves_to_best_then_last(tmp_path):
    fake_checkpoint(tmp_path / "run" / "last", b"x" * 100)
    assert layout.resolve_model_dir(tmp_path / "run") == tmp_path / "run" / "last"
    fake_checkpoint(tmp_path / "run" / "best", b"y" * 100)
    assert layout.check_checkpoint(tmp_path / "run") == tmp_path / "run" / "best"


def test_config_reading(tmp_path):
    ckpt = fake_checkpoint(tmp_path / "c", b"x")
    cfg = layout.read_config(ckpt)
    assert layout.tags_from_config(cfg, ckpt) == ["O", "B-PARTY", "I-PARTY"]
    assert layout.window_settings(cfg) == (128, 16)  # clamped to the position embeddings
    cfg["qianyue"].update(predict_max_length=96, predict_overlap=0)  # the inference window wins when recorded
    assert layout.window_settings(cfg) == (96, 0)
    (ckpt / layout.CONFIG).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="config.json: not valid JSON"):
        layout.read_config(ckpt)
    (ckpt / layout.CONFIG).write_text(json.dumps({"id2label": {"0": "PARTY"}}), encoding="utf-8")
    with pytest.raises(ModelError, match="not a BIO tag set"):
        layout.tags_from_config(layout.read_config(ckpt), ckpt)
    (ckpt / layout.WEIGHTS).unlink()
    with pytest.raises(ModelError, match="missing model.safetensors"):
        layout.check_checkpoint(ckpt)
    assert layout.check_checkpoint(ckpt, need_weights=False) == ckpt


def test_fingerprint_tells_weights_apart(tmp_path):
    import random
    rng = random.Random(1)
    payload = bytes(rng.getrandbits(8) for _ in range(3 << 20))
    a = fake_checkpoint(tmp_path / "a", payload)
    b = tmp_path / "b"
    shutil.copytree(a, b)
    assert layout.weights_fingerprint(a) == layout.weights_fingerprint(b)
    changed = bytearray(payload)
    changed[(3 << 20) // 2 + 5000: (3 << 20) // 2 + 5000 + 4096 * 40] = bytes(4096 * 40)  # a changed tensor mid-file
    (b / layout.WEIGHTS).write_bytes(bytes(changed))
    assert layout.weights_fingerprint(a) != layout.weights_fingerprint(b)
    (b / layout.WEIGHTS).unlink()
    assert layout.weights_fingerprint(b) is None
    assert set(layout.model_files_mb(a)) == {layout.WEIGHTS}


def test_recipe_inference_window_is_recorded_in_the_checkpoint(tiny_base, tmp_path):
    from qianyue.modeling import Tagger
    from qianyue.training.checkpoints import write_model_files
    tagger = Tagger.from_base(tiny_base, ["PARTY"], max_length=48, overlap=8)
    write_model_files(tmp_path, tagger, {"labels": ["PARTY"], "predict_max_length": 96, "predict_overlap": 0},
                      {}, str(tiny_base))
    loaded = Tagger.from_pretrained(tmp_path)
    assert (loaded.max_length, loaded.overlap) == (96, 0)
    extra = layout.read_config(tmp_path)["qianyue"]
    assert (extra["max_length"], extra["overlap"]) == (48, 8)  # the training window stays on record
